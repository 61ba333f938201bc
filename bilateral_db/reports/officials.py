"""Who held which office: a country's office holders on a day, and a person's terms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bilateral_db.dates import PartialDate
from bilateral_db.models import Country, Person, Post, Term
from bilateral_db.reports.lookup import checked
from bilateral_db.reports.pointintime import covers, partial


@dataclass(frozen=True)
class TermRow:
    """A term of office: `person` is the slug, `post` the office slug shared across countries."""

    person: str
    name: str
    country: str
    post: str
    title: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    fact_id: int


def _term_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Person.slug,
            Person.name,
            Country.code,
            Post.office,
            Post.title,
            Term.start_date,
            Term.start_date_precision,
            Term.end_date,
            Term.end_date_precision,
            Term.fact_id,
        )
        .join(Person, Term.person_id == Person.id)
        .join(Post, Term.post_id == Post.id)
        .join(Country, Post.country_id == Country.id)
    )


def _rows(session: Session, statement: Select[*tuple[Any, ...]]) -> list[TermRow]:
    return [
        TermRow(
            person=row[0],
            name=row[1],
            country=row[2],
            post=row[3],
            title=row[4],
            start_date=partial(row[5], row[6]),
            end_date=partial(row[7], row[8]),
            fact_id=row[9],
        )
        for row in session.execute(statement)
    ]


@checked(country="country", on="day", post="post")
def officials_on(
    session: Session, *, country: str, on: date, post: str | None = None
) -> list[TermRow]:
    """Holders of `country`'s posts (or of one post) on day `on`; on a handover day, both."""
    statement = _term_select().where(
        Country.code == country.upper(),
        covers(Term.start_date, Term.end_date, Term.end_date_precision, on),
    )
    if post is not None:
        statement = statement.where(Post.office == post)
    return _rows(session, statement.order_by(Post.office, Term.start_date, Person.slug))


@checked(person="person")
def terms_of(session: Session, *, person: str) -> list[TermRow]:
    """Every term of the person with slug `person`, oldest first (unknown starts last)."""
    statement = _term_select().where(Person.slug == person)
    return _rows(
        session, statement.order_by(Term.start_date.is_(None), Term.start_date, Post.office)
    )
