"""Check that the codes and slugs a report is asked about exist, with close matches when not.

Reports take values already read: country and bloc codes upper-case (ASEAN), slugs and
vocabulary lower-case (sergey-lavrov, dialogue_partner), days as datetime.date. The answers
layer reads what users type into these; a report only checks that what it is given names
something, so a Python caller passing `asean` is told "no such bloc; did you mean ASEAN?".
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import ColumnElement, Connection, func, literal, select, union_all
from sqlalchemy.sql.selectable import CTE

from bilateral_db.tables import ACTOR, BLOC, COUNTRY, MEMBERSHIP_ROLE, REGION


class UnknownCode(LookupError):
    """A code or slug that names nothing; carries the closest matches for the message."""

    def __init__(
        self,
        kind: str,
        code: str,
        suggestions: list[str],
        *,
        none_at_all: bool = False,
        resolved: str | None = None,
    ) -> None:
        self.kind = kind
        self.code = code
        self.suggestions = suggestions
        self.none_at_all = none_at_all  # the database holds no such things: nothing is loaded
        self.resolved = resolved  # the one code whose name `code` is (Thailand: THA)
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
        if none_at_all:
            hint = f"; the database holds no {kind} at all (is it loaded?)"
        shown = code if len(code) <= 60 else f"{code[:60]}… ({len(code)} characters)"
        super().__init__(f"{shown}: no such {kind}{hint}")


def miss(kind: str, code: str, candidates: list[str]) -> UnknownCode:
    """UnknownCode for `code`, suggesting the candidates closest to it in any case."""
    by_upper = {candidate.upper(): candidate for candidate in candidates}
    close = difflib.get_close_matches(code.upper(), list(by_upper), n=3, cutoff=0.6)
    return UnknownCode(kind, code, [by_upper[match] for match in close], none_at_all=not candidates)


@dataclass(frozen=True)
class ActorRef:
    """A country or a bloc, as reports name it."""

    actor_id: int
    code: str
    name: str
    kind: str  # "country", "bloc" or "region"
    country_id: int | None
    bloc_id: int | None


def _actors(session: Connection, code: str | None, kind: str | None = None) -> list[ActorRef]:
    parts = []
    for table, foreign_key, this_kind in (
        (COUNTRY, ACTOR.c.country_id, "country"),
        (BLOC, ACTOR.c.bloc_id, "bloc"),
        (REGION, ACTOR.c.region_id, "region"),
    ):
        if kind not in (None, this_kind):
            continue
        part = select(
            ACTOR.c.id,
            table.c.code,
            table.c.name,
            ACTOR.c.country_id,
            ACTOR.c.bloc_id,
            literal(this_kind),
        ).join(table, foreign_key == table.c.id)
        parts.append(part if code is None else part.where(table.c.code == code))
    rows = session.execute(union_all(*parts) if len(parts) > 1 else parts[0]).all()
    return [
        ActorRef(
            actor_id=row[0],
            code=row[1],
            name=row[2],
            kind=row[5],
            country_id=row[3],
            bloc_id=row[4],
        )
        for row in rows
    ]


def _one(session: Connection, code: str, kind: str | None, label: str) -> ActorRef:
    found = _actors(session, code, kind)
    if found:
        return found[0]
    everyone = _actors(session, None, kind)
    error = miss(label, code, [ref.code for ref in everyone])
    exact, by_name = _named(session, code, everyone)
    if not by_name:
        raise error
    # A name where a code is expected: `Thailand` is THA, and the caller may retry with it.
    suggestions = [*by_name, *(s for s in error.suggestions if s not in by_name)][:3]
    resolved = by_name[0] if exact and len(by_name) == 1 else None
    raise UnknownCode(label, code, suggestions, resolved=resolved)


def _named(session: Connection, text: str, refs: list[ActorRef]) -> tuple[bool, list[str]]:
    """Codes of the countries or blocs whose name (or common name) is `text`, in any case
    (True), else of those whose names are close to it (False)."""
    names: dict[str, set[str]] = {}
    for ref in refs:
        names.setdefault(ref.name.casefold(), set()).add(ref.code)
    common = session.execute(
        select(COUNTRY.c.common_name, COUNTRY.c.code).where(COUNTRY.c.common_name.is_not(None))
    )
    codes = {ref.code for ref in refs}
    for name, code in common:
        if code in codes:
            names.setdefault(str(name).casefold(), set()).add(code)
    wanted = text.casefold()
    if wanted in names:
        return True, sorted(names[wanted])
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.75)
    return False, sorted({code for name in close for code in names[name]})


def actor(session: Connection, code: str) -> ActorRef:
    """The country (ISO alpha-3), bloc or region (our codes) called `code`."""
    return _one(session, code, None, "country or bloc")


def country(session: Connection, code: str) -> ActorRef:
    """The country with ISO alpha-3 `code`."""
    return _one(session, code, "country", "country")


def bloc(session: Connection, code: str) -> ActorRef:
    """The bloc with our code `code`."""
    return _one(session, code, "bloc", "bloc")


def existing(kind: str, column: ColumnElement[str]) -> Callable[[Connection, str], str]:
    """A check that `column` holds the value asked for (a slug), else UnknownCode."""

    def check(session: Connection, value: str) -> str:
        if session.scalar(select(column).where(column == value).limit(1)) is not None:
            return value
        raise miss(kind, value, list(session.scalars(select(column).distinct())))

    return check


# The tables actor_id_named reads, aliased once (an alias copies every column).
_NAMED = (ACTOR.alias(), COUNTRY.alias(), BLOC.alias(), REGION.alias())


def actor_id_named(code: Any) -> Any:
    """SQL: the id of the actor called `code` (country, else bloc, else region, as
    `actor` resolves it), computed once per query: for statements that find an actor's rows
    through the indexes on its id."""
    actor, country, bloc, region = _NAMED
    as_country = select(actor.c.id).join(country, actor.c.country_id == country.c.id)
    as_bloc = select(actor.c.id).join(bloc, actor.c.bloc_id == bloc.c.id)
    as_region = select(actor.c.id).join(region, actor.c.region_id == region.c.id)
    return func.coalesce(
        as_country.where(country.c.code == code).scalar_subquery(),
        as_bloc.where(bloc.c.code == code).scalar_subquery(),
        as_region.where(region.c.code == code).scalar_subquery(),
    )


def named_actors() -> CTE:
    """A CTE (actor_id, code, name, kind) naming every actor by its ISO, bloc or region code."""
    countries = select(
        ACTOR.c.id.label("actor_id"),
        COUNTRY.c.code.label("code"),
        func.coalesce(COUNTRY.c.common_name, COUNTRY.c.name).label("name"),
        literal("country").label("kind"),
    ).join(COUNTRY, ACTOR.c.country_id == COUNTRY.c.id)
    blocs = select(ACTOR.c.id, BLOC.c.code, BLOC.c.name, literal("bloc")).join(
        BLOC, ACTOR.c.bloc_id == BLOC.c.id
    )
    regions = select(ACTOR.c.id, REGION.c.code, REGION.c.name, literal("region")).join(
        REGION, ACTOR.c.region_id == REGION.c.id
    )
    return union_all(countries, blocs, regions).cte("named_actor")


# --- Entry checks: every report function checks its arguments the same way -------------------
#
# Days must be datetime.date and years int; a vocabulary value must be one of its values; a
# page is a limit of at least 0 (or None) and an offset of at least 0. A code or slug that names
# nothing raises UnknownCode with close matches, as the CLI and the API show it; that check
# runs only when an answer comes back empty, so a report that finds rows still runs its one
# query.

P = ParamSpec("P")
R = TypeVar("R")

Check = Callable[[Connection, str], object]


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of values an argument takes, spelt as the database holds them."""

    label: str  # what a value is called in messages: role
    values: tuple[str, ...]


ArgumentKind = str | Check | Vocabulary


def role(session: Connection, value: str) -> None:
    """A membership role is a term of membership_role, seeded or added by a fixture set: read
    from the table, and checked (as codes are) only when an answer comes back empty."""
    roles = session.execute(select(MEMBERSHIP_ROLE.c.code).order_by(MEMBERSHIP_ROLE.c.code))
    allowed = list(roles.scalars())
    if value not in allowed:
        raise miss("role", value, allowed)


ROLE: Check = role


def require_day(value: object, name: str) -> date:
    """`value` as a day, or a TypeError that says how to make one from text."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(
            f"{name} must be a datetime.date, not {type(value).__name__} ({value!r}); "
            "read text with bilateral_db.core.dates.PartialDate.parse(text).value"
        )
    return value


def _require_int(value: object, name: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int {what}, not {type(value).__name__} ({value!r})")
    return value


def _check_value(kind: ArgumentKind, name: str, value: object) -> None:
    """The checks that need no database: types, vocabularies, pages."""
    if kind == "day":
        require_day(value, name)
    elif kind == "year":
        _require_int(value, name, "year")
    elif kind in ("limit", "offset"):
        if _require_int(value, name, "count of rows") < 0:
            raise ValueError(f"{name} must be 0 or more, not {value}")
    elif not isinstance(value, str):
        raise TypeError(f"{name} must be a str code, not {type(value).__name__} ({value!r})")
    elif isinstance(kind, Vocabulary) and value not in kind.values:
        raise miss(kind.label, value, list(kind.values))


_EXISTS: dict[str, Check] = {"actor": actor, "bloc": bloc, "country": country}


def _is_empty(result: object) -> bool:
    if isinstance(result, list):
        return not result
    if isinstance(result, tuple) and result and isinstance(result[0], list):
        return not result[0]  # a page with the whole answer's count (`<report>_page`)
    if is_dataclass(result) and not isinstance(result, type):
        lists = [getattr(result, item.name) for item in fields(result)]
        lists = [value for value in lists if isinstance(value, list)]
        return bool(lists) and not any(lists)
    return False


def _require_existing(
    session: Connection, kinds: dict[str, ArgumentKind], arguments: dict[str, Any]
) -> None:
    """Each code among `arguments` names something, else UnknownCode with close matches."""
    for name, kind in kinds.items():
        value = arguments.get(name)
        check = _EXISTS.get(kind) if isinstance(kind, str) else kind
        if value is not None and callable(check):
            check(session, value)


_answering: ContextVar[bool] = ContextVar("answering", default=False)


def _answer(
    function: Callable[..., R],
    session: Connection,
    every: dict[str, ArgumentKind],
    bound: inspect.BoundArguments,
) -> R:
    """The report's answer; an empty one, or a code the body did not find, is checked."""
    arguments = bound.arguments
    try:
        result = function(*bound.args, **bound.kwargs)
    except UnknownCode as error:
        if not error.suggestions:  # raised by the body: find the close matches
            _require_existing(session, every, arguments)
        raise
    if _is_empty(result):
        _require_existing(session, every, arguments)
    return result


def checked(
    *, ordered: tuple[str, str] | None = None, **kinds: ArgumentKind
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Check a report function's keyword arguments by kind (see the section's comment).

    A kind is "day", "year", "actor", "bloc", "country", a Vocabulary, or a check of its own
    (`existing(...)`). `limit` and `offset` are checked wherever a report takes them; `ordered`
    names two arguments (from, to) that must not be in reverse order.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(function)
        every: dict[str, ArgumentKind] = {
            **{name: name for name in ("limit", "offset") if name in signature.parameters},
            **kinds,
        }

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            arguments = bound.arguments
            for name, kind in every.items():
                if arguments.get(name) is not None:
                    _check_value(kind, name, arguments[name])
            if ordered is not None:
                first, last = (arguments.get(name) for name in ordered)
                if first is not None and last is not None and first > last:
                    raise ValueError(f"{ordered[0]} ({first}) is after {ordered[1]} ({last})")
            session = arguments["session"]
            outermost = _answering.set(True) if not _answering.get() else None
            try:
                # A name given for a code is answered for its code, each argument in turn
                # (`report trade Thailand Japan`): at most one retry per argument.
                for _ in range(len(every)):
                    try:
                        return _answer(function, session, every, bound)
                    except UnknownCode as error:
                        # Only the outermost report reads a name as its code: a composite's
                        # parts raise, so that every part answers for the same code.
                        if error.resolved is None or outermost is None:
                            raise
                        named = [
                            n
                            for n, k in every.items()
                            if k in _EXISTS and arguments.get(n) == error.code
                        ]
                        if not named:
                            raise
                        arguments[named[0]] = error.resolved
                return _answer(function, session, every, bound)
            finally:
                if outermost is not None:
                    _answering.reset(outermost)

        return wrapper

    return decorate
