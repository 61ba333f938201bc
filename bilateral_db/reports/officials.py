"""Who held which office: a country's office holders on a day, and a person's terms.

Answers use the preferred claims of every source (reports/claimed.py). A post that a source
covers at other times but not on the day asked (Archigos ends in 2015) gets a row of its own
with `covered` false: the source says nothing then, neither someone nor nobody.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from bilateral_db.core.dates import PartialDate
from bilateral_db.models import CURATED_RELEASE_ID, Country, Fact, Person, Post, Release, Term
from bilateral_db.models import Coverage as CoverageRow
from bilateral_db.reports.claimed import (
    Cited,
    Provenance,
    by_scope,
    coverage_of,
    from_source,
    require_source,
    rows_on_day,
    spell_rows,
)
from bilateral_db.reports.claims import Claim, Coverage, Say, claimants
from bilateral_db.reports.lookup import checked
from bilateral_db.reports.pointintime import partial


@dataclass(frozen=True)
class TermRow(Provenance):
    """A term of office: `person` is the slug, `post` the office slug shared across countries.

    With `covered` false the row names no person: its source does not cover the post that day.
    """

    person: str | None
    name: str | None
    country: str
    post: str
    title: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    end_status: str | None
    fact_id: int | None


def _claim_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Term.id,
            Term.post_id,
            Term.person_id,
            Term.release_id,
            Release.slug,
            Release.precedence,
            Term.alternative_of_id,
            Term.start_date,
            Term.start_date_precision,
            Term.end_date,
            Term.end_date_precision,
            Term.end_status,
            Term.fact_id,
            Person.slug,
            Person.name,
            Country.code,
            Post.office,
            Post.title,
            Fact.confidence,
            Fact.note,
        )
        .join(Release, Release.id == Term.release_id)
        .join(Person, Term.person_id == Person.id)
        .join(Post, Term.post_id == Post.id)
        .join(Country, Post.country_id == Country.id)
        .outerjoin(Fact, Fact.id == Term.fact_id)
    )


def _claims(session: Session, *where: ColumnElement[bool]) -> list[Claim]:
    return [
        Claim(
            id=row[0],
            scope=(row[1], row[2]),
            release_id=row[3],
            release=row[4],
            precedence=row[5],
            alternative_of=row[6],
            start=row[7],
            start_precision=row[8],
            end=row[9],
            end_precision=row[10],
            end_status=row[11],
            fact_id=row[12],
            data={
                "person": row[13],
                "name": row[14],
                "country": row[15],
                "post": row[16],
                "title": row[17],
                "confidence": row[18],
                "note": row[19],
            },
        )
        for row in session.execute(_claim_select().where(*where))
    ]


def _row(claim: Claim, provenance: Provenance) -> TermRow:
    data = claim.data
    return TermRow(
        person=data["person"],
        name=data["name"],
        country=data["country"],
        post=data["post"],
        title=data["title"],
        start_date=partial(claim.start, claim.start_precision),
        end_date=partial(claim.end, claim.end_precision),
        end_status=claim.end_status,
        fact_id=claim.fact_id,
        **asdict(provenance),
    )


def _coverage(session: Session, claims: list[Claim]) -> Coverage:
    posts = sorted({c.scope[0] for c in claims})  # type: ignore[index]
    return coverage_of(
        session,
        claims,
        lambda statement: statement.where(CoverageRow.post_id.in_(posts)),
        keys=lambda scope: ((None, None, scope[0]),),  # type: ignore[index]
    )


def _read(
    session: Session, source: str | None, *where: ColumnElement[bool]
) -> tuple[list[Claim], Cited, Coverage]:
    claims = _claims(session, *where)
    cited = Cited.read(session, claims)
    if source is not None:
        claims = from_source(claims, require_source(session, source), cited)
    return claims, cited, _coverage(session, claims)


@checked(country="country", on="day", post="post")
def officials_on(
    session: Session,
    *,
    country: str,
    on: date,
    post: str | None = None,
    source: str | None = None,
    all_claims: bool = False,
    strict: bool = False,
) -> list[TermRow]:
    """Holders of `country`'s posts (or of one post) on day `on`; on a handover day, both.

    Posts a source covers at other times but not on `on` are listed as not covered.
    """
    where = [Country.code == country.upper()]
    if post is not None:
        where.append(Post.office == post)
    claims, cited, coverage = _read(session, source, *where)
    rows = rows_on_day(claims, on, _row, cited, coverage, all_claims=all_claims, strict=strict)
    rows += _not_covered(claims, on, coverage, {row.post for row in rows})
    return sorted(rows, key=_post_order)


def _post_order(row: TermRow) -> tuple[Any, ...]:
    start = row.start_date.value if row.start_date else date.min
    return (row.post, not row.covered, start, row.person or "", not row.preferred, row.source)


def _not_covered(
    claims: list[Claim], on: date, coverage: Coverage, answered: set[str]
) -> list[TermRow]:
    """A row per post nobody holds on `on` by the sources, where its source is silent then."""
    silent: dict[str, TermRow] = {}
    for scope, group in by_scope(claims).items():
        for claimant in claimants(group, scope, coverage):
            if claimant.alternative is not None or claimant.release_id == CURATED_RELEASE_ID:
                continue
            sample = claimant.claims[0]
            office = sample.data["post"]
            if office in answered or office in silent:
                continue
            if not coverage.covers(claimant.release_id, scope, on) and _outside(group, on):
                silent[office] = TermRow(
                    source=claimant.release,
                    sources=(claimant.release,),
                    covered=False,
                    person=None,
                    name=None,
                    country=sample.data["country"],
                    post=office,
                    title=sample.data["title"],
                    start_date=None,
                    end_date=None,
                    end_status=None,
                    fact_id=None,
                )
    return list(silent.values())


def _outside(group: list[Claim], on: date) -> bool:
    """No claim of the scope covers `on`, even imprecisely."""
    return all(claim.says(on) < Say.MAYBE for claim in group)


@checked(person="person")
def terms_of(
    session: Session, *, person: str, source: str | None = None, all_claims: bool = False
) -> list[TermRow]:
    """Every term of the person with slug `person`, oldest first (unknown starts last)."""
    claims, cited, coverage = _read(session, source, Person.slug == person)
    rows = spell_rows(claims, _row, cited, coverage, all_claims=all_claims)
    return sorted(
        rows,
        key=lambda r: (
            r.start_date is None,
            r.start_date.value if r.start_date else date.min,
            r.post,
            not r.preferred,
        ),
    )
