"""Resolve the codes and slugs users type into rows, with close matches when they miss."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import SQLColumnExpression, func, literal, select, union_all
from sqlalchemy.orm import Session

from bilateral_db.models import Actor, Agreement, Bloc, Country, Meeting, Person, Topic


class UnknownCode(LookupError):
    """A code or slug that names nothing; carries the closest matches for the message."""

    def __init__(self, kind: str, code: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.code = code
        self.suggestions = suggestions
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{code}: no such {kind}{hint}")


@dataclass(frozen=True)
class ActorRef:
    """A country or a bloc, as reports name it."""

    actor_id: int
    code: str
    name: str
    kind: str  # "country" or "bloc"
    country_id: int | None
    bloc_id: int | None


def _miss(kind: str, code: str, candidates: list[str]) -> UnknownCode:
    by_upper = {candidate.upper(): candidate for candidate in candidates}
    close = difflib.get_close_matches(code.upper(), list(by_upper), n=3, cutoff=0.6)
    return UnknownCode(kind, code, [by_upper[match] for match in close])


def _actors(session: Session, code: str | None) -> list[ActorRef]:
    countries = select(Actor.id, Country.code, Country.name, Actor.country_id, Actor.bloc_id).join(
        Country, Actor.country_id == Country.id
    )
    blocs = select(Actor.id, Bloc.code, Bloc.name, Actor.country_id, Actor.bloc_id).join(
        Bloc, Actor.bloc_id == Bloc.id
    )
    if code is not None:
        countries = countries.where(Country.code == code.upper())
        blocs = blocs.where(Bloc.code == code.upper())
    rows = session.execute(union_all(countries, blocs)).all()
    return [
        ActorRef(
            actor_id=row[0],
            code=row[1],
            name=row[2],
            kind="country" if row[3] is not None else "bloc",
            country_id=row[3],
            bloc_id=row[4],
        )
        for row in rows
    ]


def actor(session: Session, code: str) -> ActorRef:
    """The country (ISO alpha-3) or bloc (our code) called `code`."""
    found = _actors(session, code)
    if found:
        return found[0]
    raise _miss("country or bloc", code, [ref.code for ref in _actors(session, None)])


def country(session: Session, code: str) -> ActorRef:
    """The country with ISO alpha-3 `code`."""
    found = [ref for ref in _actors(session, code) if ref.kind == "country"]
    if found:
        return found[0]
    raise _miss("country", code, list(session.scalars(select(Country.code))))


def bloc(session: Session, code: str) -> ActorRef:
    """The bloc with our code `code`."""
    found = [ref for ref in _actors(session, code) if ref.kind == "bloc"]
    if found:
        return found[0]
    raise _miss("bloc", code, list(session.scalars(select(Bloc.code))))


def _slug(session: Session, kind: str, column: SQLColumnExpression[str], slug: str) -> str:
    if session.scalar(select(column).where(column == slug)) is not None:
        return slug
    raise _miss(kind, slug, list(session.scalars(select(column))))


def person(session: Session, slug: str) -> str:
    return _slug(session, "person", Person.slug, slug)


def meeting(session: Session, slug: str) -> str:
    return _slug(session, "meeting", Meeting.slug, slug)


def agreement(session: Session, slug: str) -> str:
    return _slug(session, "agreement", Agreement.slug, slug)


def topic(session: Session, slug: str) -> str:
    return _slug(session, "topic", Topic.slug, slug)


def named_actors() -> Any:
    """A CTE (actor_id, code, name, kind) naming every actor by its ISO or bloc code."""
    countries = select(
        Actor.id.label("actor_id"),
        Country.code.label("code"),
        func.coalesce(Country.common_name, Country.name).label("name"),
        literal("country").label("kind"),
    ).join(Country, Actor.country_id == Country.id)
    blocs = select(Actor.id, Bloc.code, Bloc.name, literal("bloc")).join(
        Bloc, Actor.bloc_id == Bloc.id
    )
    return union_all(countries, blocs).cte("named_actor")
