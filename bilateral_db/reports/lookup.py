"""Resolve the codes and slugs users type into rows, with close matches when they miss."""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import SQLColumnExpression, func, literal, select, union_all
from sqlalchemy.orm import Session

from bilateral_db.core.vocabulary import MembershipRole
from bilateral_db.models import (
    Actor,
    Agreement,
    Bloc,
    Country,
    Meeting,
    Person,
    Post,
    ProductCategory,
    Topic,
)


class UnknownCode(LookupError):
    """A code or slug that names nothing; carries the closest matches for the message."""

    def __init__(
        self, kind: str, code: str, suggestions: list[str], *, none_at_all: bool = False
    ) -> None:
        self.kind = kind
        self.code = code
        self.suggestions = suggestions
        self.none_at_all = none_at_all  # the database holds no such things: nothing is loaded
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
        if none_at_all:
            hint = f"; the database holds no {kind} at all (is it loaded?)"
        shown = code if len(code) <= 60 else f"{code[:60]}… ({len(code)} characters)"
        super().__init__(f"{shown}: no such {kind}{hint}")


@dataclass(frozen=True)
class ActorRef:
    """A country or a bloc, as reports name it."""

    actor_id: int
    code: str
    name: str
    kind: str  # "country" or "bloc"
    country_id: int | None
    bloc_id: int | None


def miss(kind: str, code: str, candidates: list[str]) -> UnknownCode:
    by_upper = {candidate.upper(): candidate for candidate in candidates}
    close = difflib.get_close_matches(code.upper(), list(by_upper), n=3, cutoff=0.6)
    return UnknownCode(kind, code, [by_upper[match] for match in close], none_at_all=not candidates)


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
    raise miss("country or bloc", code, [ref.code for ref in _actors(session, None)])


def country(session: Session, code: str) -> ActorRef:
    """The country with ISO alpha-3 `code`."""
    found = [ref for ref in _actors(session, code) if ref.kind == "country"]
    if found:
        return found[0]
    raise miss("country", code, list(session.scalars(select(Country.code))))


def bloc(session: Session, code: str) -> ActorRef:
    """The bloc with our code `code`."""
    found = [ref for ref in _actors(session, code) if ref.kind == "bloc"]
    if found:
        return found[0]
    raise miss("bloc", code, list(session.scalars(select(Bloc.code))))


def _slug(session: Session, kind: str, column: SQLColumnExpression[str], slug: str) -> str:
    slug = slug.strip().lower()
    if session.scalar(select(column).where(column == slug).limit(1)) is not None:
        return slug
    raise miss(kind, slug, list(session.scalars(select(column).distinct())))


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


# --- Entry validation: every report function checks its arguments the same way ---------------
#
# Codes are upper-cased and slugs lower-cased, vocabulary is read case-insensitively, dates must
# be datetime.date. A code that names nothing raises UnknownCode (with close matches), as the CLI
# shows it; the check runs only when an answer comes back empty, so a report that finds rows
# still runs its one query.

P = ParamSpec("P")
R = TypeVar("R")


def _existing_slug(kind: str, column: SQLColumnExpression[str]) -> Callable[[Session, str], str]:
    return lambda session, slug: _slug(session, kind, column, slug)


_EXISTS: dict[str, Callable[[Session, str], object]] = {
    "actor": actor,
    "bloc": bloc,
    "country": country,
    "person": person,
    "meeting": meeting,
    "agreement": agreement,
    "topic": topic,
    "post": _existing_slug("post", Post.office),
    "category": _existing_slug("product category", ProductCategory.code),
}
_UPPER = {"actor", "bloc", "country"}
_VOCABULARY: dict[str, tuple[str, type[StrEnum]]] = {"role": ("role", MembershipRole)}


def require_day(value: object, name: str) -> date:
    """`value` as a day, or a TypeError that says how to make one from text."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(
            f"{name} must be a datetime.date, not {type(value).__name__} ({value!r}); "
            "read text with bilateral_db.core.dates.PartialDate.parse(text).value"
        )
    return value


def vocabulary_value(vocabulary: type[StrEnum], value: str, kind: str) -> str:
    """The vocabulary's spelling of `value`: case, spaces and hyphens do not matter."""
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    if wanted in {item.value for item in vocabulary}:
        return wanted
    raise miss(kind, value, [item.value for item in vocabulary])


def _normalise(kind: str, name: str, value: object) -> object:
    if kind == "day":
        return require_day(value, name)
    if kind == "year":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int year, not {type(value).__name__} ({value!r})")
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str code, not {type(value).__name__} ({value!r})")
    if kind in _VOCABULARY:
        label, vocabulary = _VOCABULARY[kind]
        return vocabulary_value(vocabulary, value, label)
    return value.strip().upper() if kind in _UPPER else value.strip().lower()


def _is_empty(result: object) -> bool:
    if isinstance(result, list):
        return not result
    if is_dataclass(result) and not isinstance(result, type):
        lists = [getattr(result, item.name) for item in fields(result)]
        lists = [value for value in lists if isinstance(value, list)]
        return bool(lists) and not any(lists)
    return False


def _require_existing(session: Session, kinds: dict[str, str], arguments: dict[str, Any]) -> None:
    for name, kind in kinds.items():
        value = arguments.get(name)
        if value is not None and kind in _EXISTS:
            _EXISTS[kind](session, value)


def checked(
    *, ordered: tuple[str, str] | None = None, **kinds: str
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Validate a report function's keyword arguments by kind (see the section's comment).

    `ordered` names two arguments (from, to) that must not be in reverse order.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(function)

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            arguments = bound.arguments
            for name, kind in kinds.items():
                if arguments.get(name) is not None:
                    arguments[name] = _normalise(kind, name, arguments[name])
            if ordered is not None:
                first, last = (arguments.get(name) for name in ordered)
                if first is not None and last is not None and first > last:
                    raise ValueError(f"{ordered[0]} ({first}) is after {ordered[1]} ({last})")
            session = arguments["session"]
            try:
                result = function(*bound.args, **bound.kwargs)
            except UnknownCode as error:
                if not error.suggestions:  # raised by the body: find the close matches
                    _require_existing(session, kinds, arguments)
                raise
            if _is_empty(result):
                _require_existing(session, kinds, arguments)
            return result

        return wrapper

    return decorate
