"""Who belonged to a bloc, in which role, on a day or over its whole history, by every source.

Each answer uses the preferred claims (reports/claims/) and says which sources agree and
whether another disputes it; `source` answers from one source, `all_claims` lists them all.
On a day, a membership that a data set claims at other times but does not cover then (past its
edge, or a missing cell: COW IGO's -9) gets a row with `covered` false: the source says
nothing then, neither member nor not (COW's 0, a "no", gets no row).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, case, func, or_, select

from bilateral_db.core import dates
from bilateral_db.core.vocabulary import BlocKind, ListStatus
from bilateral_db.reports.claims import engine
from bilateral_db.reports.claims.coverage import COVERAGE
from bilateral_db.reports.claims.description import RELEASE
from bilateral_db.reports.claims.kinds.memberships import (
    ACTOR,
    BLOC,
    MEMBER_BLOC,
    MEMBER_COUNTRY,
    MEMBERSHIP,
    MembershipData,
    MembershipRow,
    MembershipScope,
    in_bloc,
    in_role,
    of_member,
)
from bilateral_db.reports.claims.provenance import (
    ClaimSet,
    require_source,
    rows_on_day,
    spell_rows,
)
from bilateral_db.reports.lookup import ROLE, checked
from bilateral_db.reports.names import first_day, read_names
from bilateral_db.reports.paging import page_rows
from bilateral_db.reports.pointintime import covers
from bilateral_db.tables import BLOC_SUCCESSION, MEMBER_LIST

__all__ = [
    "MemberRow",
    "MembershipRow",
    "members_on",
    "membership_pairs",
    "membership_timeline",
    "membership_timeline_total",
    "memberships_on",
]


# What a member list says on a day (bilateral_db.core.vocabulary.ListStatus, or neither).
NOT_STATED = "not_stated"


@dataclass(frozen=True)
class MemberRow(MembershipRow):
    """A member of a bloc on a day, with what its bloc's list in the role says that day:
    `listed` members are listed (by the sources answering), and `list_status` is complete or
    incomplete (a source says so; a forum's list, which no accession acts bound, is incomplete
    unless a source says it is complete) or not_stated."""

    listed: int = 0
    list_status: str = NOT_STATED


@checked(bloc="bloc", on="day", role=ROLE)
def members_on(
    session: Connection,
    *,
    bloc: str,
    on: date,
    role: str | None = None,
    source: str | None = None,
    all_claims: bool = False,
    strict: bool = False,
    lineage: bool = False,
) -> list[MemberRow]:
    """Members of `bloc` on day `on` (every role unless `role` is given), by role and code,
    each named as it was that day, with how many are listed in the role and whether the list
    is complete (`MemberRow`).

    `strict` leaves out answers that rest on an imprecise date (a start known to the month).
    `lineage` follows the bloc's line back: on a day before a bloc succeeded another (the SCO
    the Shanghai Five on 2001-06-15), the predecessor's members that day are listed too, under
    the predecessor's code.
    """
    rows = _members_of(session, bloc, on, role, source, all_claims, strict)
    if lineage:
        seen = {bloc}
        pending = [bloc]
        while pending:
            for predecessor in predecessors_on(session, pending.pop(), on):
                if predecessor not in seen:
                    seen.add(predecessor)
                    pending.append(predecessor)
                    rows += _members_of(session, predecessor, on, role, source, all_claims, strict)
    rows = named_on(session, rows, on)
    return sorted(
        _with_lists(session, rows, on),
        key=lambda r: (r.role, not r.covered, r.country, r.bloc != bloc, not r.preferred, r.source),
    )


def _with_lists(session: Connection, rows: list[MembershipRow], on: date) -> list[MemberRow]:
    """The rows with their list's count and status on `on`, per bloc and role: of the claims
    covering the day, incomplete wins over complete; with none, a forum's list is incomplete.
    A bloc not yet founded on `on` has no members then, whatever a membership known only to
    its year says (a founding known to the year counts from the year's first day); a source's
    silence that day is still said (`covered` false)."""
    if not rows:
        return []
    statement = (
        select(
            BLOC.c.code,
            BLOC.c.founded_on,
            BLOC.c.kind,
            MEMBER_LIST.c.role,
            MEMBER_LIST.c.status,
            MEMBER_LIST.c.start_date,
            MEMBER_LIST.c.end_date,
            MEMBER_LIST.c.end_date_precision,
        )
        .select_from(BLOC)
        .outerjoin(MEMBER_LIST, MEMBER_LIST.c.bloc_id == BLOC.c.id)
        .where(BLOC.c.code.in_(sorted({row.bloc for row in rows})))
    )
    kinds: dict[str, str] = {}
    said: dict[tuple[str, str], set[str]] = {}
    unfounded: set[str] = set()
    for code, founded, kind, role, stated, start, end, end_precision in session.execute(statement):
        kinds[code] = kind
        if founded is not None and founded > on:
            unfounded.add(code)
        if (
            stated is not None
            and (start is None or start <= on)
            and (end is None or on < dates.period_end_exclusive(end, end_precision))
        ):
            said.setdefault((code, role), set()).add(stated)
    # Members only: where a source is silent on such a day (not covered), it still says so.
    rows = [row for row in rows if row.bloc not in unfounded or not row.covered]
    listed: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        if row.covered:
            listed.setdefault((row.bloc, row.role), set()).add(row.country)

    def status(code: str, role: str) -> str:
        statuses = said.get((code, role), set())
        if ListStatus.INCOMPLETE in statuses:
            return ListStatus.INCOMPLETE
        if ListStatus.COMPLETE in statuses:
            return ListStatus.COMPLETE
        return ListStatus.INCOMPLETE if kinds.get(code) == BlocKind.FORUM else NOT_STATED

    return [
        MemberRow(
            **{item.name: getattr(row, item.name) for item in fields(row)},
            listed=len(listed.get((row.bloc, row.role), ())),
            list_status=str(status(row.bloc, row.role)),
        )
        for row in rows
    ]


def _members_of(
    session: Connection,
    bloc: str,
    on: date,
    role: str | None,
    source: str | None,
    all_claims: bool,
    strict: bool,
) -> list[MembershipRow]:
    where = [in_bloc(bloc)] + ([] if role is None else [in_role(role)])
    found = MEMBERSHIP.read(session, *where, source=source)
    rows = rows_on_day(found, on, MEMBERSHIP.row_of, all_claims=all_claims, strict=strict)
    rows += not_covered(found, on, rows)
    rows += _gaps(session, bloc, on, role or "member", source, rows)
    return sorted(rows, key=lambda r: (r.role, not r.covered, r.country, not r.preferred, r.source))


def predecessors_on(session: Connection, bloc: str, on: date) -> list[str]:
    """The blocs `bloc` succeeded after `on` (so that they, not it, stood for the line then)."""
    successor = BLOC.alias("successor")
    statement = (
        select(BLOC.c.code)
        .select_from(BLOC_SUCCESSION)
        .join(BLOC, BLOC.c.id == BLOC_SUCCESSION.c.predecessor_bloc_id)
        .join(successor, successor.c.id == BLOC_SUCCESSION.c.successor_bloc_id)
        .where(successor.c.code == bloc, BLOC_SUCCESSION.c.succeeded_on > on)
        .order_by(BLOC.c.code)
    )
    return list(session.execute(statement).scalars())


def named_on(
    session: Connection, rows: list[MembershipRow], on: date | None
) -> list[MembershipRow]:
    """The rows with each member named as it was on `on` (None: on each row's first day)."""
    if not rows:
        return rows
    names = read_names(
        session,
        countries=[r.country for r in rows if r.member_kind == "country"],
        blocs=[r.country for r in rows if r.member_kind == "bloc"],
    )
    renamed = []
    for row in rows:
        day = on if on is not None else first_day(row.start_date)
        name = names.actor(row.member_kind, row.country, day, row.name)
        renamed.append(row if name == row.name else replace(row, name=name))
    return renamed


def _gaps(
    session: Connection,
    bloc: str,
    on: date,
    role: str,
    source: str | None,
    answered: list[MembershipRow],
) -> list[MembershipRow]:
    """A row per member a release has no data for in `bloc` on `on` (a gap: COW IGO's -9),
    unless a row answers for it already; a gap says nothing of any role, shown as `role`."""
    statement = (
        select(
            RELEASE.c.slug,
            func.coalesce(MEMBER_COUNTRY.c.code, MEMBER_BLOC.c.code),
            func.coalesce(MEMBER_COUNTRY.c.common_name, MEMBER_COUNTRY.c.name, MEMBER_BLOC.c.name),
            case((MEMBER_COUNTRY.c.id.is_not(None), "country"), else_="bloc"),
        )
        .select_from(COVERAGE)
        .join(RELEASE, RELEASE.c.id == COVERAGE.c.release_id)
        .join(BLOC, BLOC.c.id == COVERAGE.c.bloc_id)
        .join(ACTOR, ACTOR.c.id == COVERAGE.c.actor_id)
        .outerjoin(MEMBER_COUNTRY, ACTOR.c.country_id == MEMBER_COUNTRY.c.id)
        .outerjoin(MEMBER_BLOC, ACTOR.c.bloc_id == MEMBER_BLOC.c.id)
        .where(
            BLOC.c.code == bloc,
            COVERAGE.c.covered.is_(False),
            covers(COVERAGE.c.start_date, COVERAGE.c.end_date, COVERAGE.c.end_date_precision, on),
        )
        .order_by(RELEASE.c.slug, MEMBER_COUNTRY.c.code, MEMBER_BLOC.c.code)
    )
    if source is not None:
        statement = statement.where(RELEASE.c.slug == require_source(session, source))
    seen = {row.country for row in answered}
    rows = []
    for release, country, name, kind in session.execute(statement):
        if country in seen:
            continue
        seen.add(country)
        rows.append(
            MembershipRow(
                source=release,
                sources=(release,),
                covered=False,
                bloc=bloc,
                country=country,
                name=name,
                member_kind=kind,
                role=role,
                start_date=None,
                end_date=None,
                end_status=None,
                fact_id=None,
            )
        )
    return rows


def not_covered(
    found: ClaimSet[MembershipScope, MembershipData], on: date, answered: list[MembershipRow]
) -> list[MembershipRow]:
    """A row per membership no row answers on `on`, where the preferred source of it is a
    data set that claims it at other times and is silent then (outside its coverage, or a gap
    in it) while its claims leave the day open (a spell that ran to its edge, or a gap between
    two). A curated "no" is an answer: no row; so is a spell the source saw end."""
    seen = {(row.bloc, row.country, row.role) for row in answered}
    silent: list[MembershipRow] = []
    for scope, group in engine.by_scope(found.claims).items():
        claimants = engine.claimants(group, scope, found.coverage)
        preferred = claimants[0] if claimants else None
        if (
            preferred is None
            or preferred.alternative is not None
            or not preferred.claims  # it speaks of the scope without a claim: a "no"
            or preferred.release_id == engine.CURATED_RELEASE_ID
        ):
            continue
        data = preferred.claims[0].data
        key = (data.bloc, data.country, data.role)
        if key in seen:
            continue
        if (
            not found.coverage.covers(preferred.release_id, scope, on)
            and engine.silent_on(group, on)
            and engine.left_open(preferred.claims, on, found.coverage.edge(preferred.release_id))
        ):
            seen.add(key)
            silent.append(
                MembershipRow(
                    source=preferred.release,
                    sources=(preferred.release,),
                    covered=False,
                    **data._asdict(),
                    start_date=None,
                    end_date=None,
                    end_status=None,
                    fact_id=None,
                )
            )
    return silent


def _timeline(
    session: Connection, bloc: str | None, member: str | None, source: str | None, all_claims: bool
) -> list[MembershipRow]:
    if bloc is None and member is None:
        raise ValueError("give a bloc, a member or both")
    where = []
    if bloc is not None:
        where.append(in_bloc(bloc))
    if member is not None:
        where.append(of_member(member))
    found = MEMBERSHIP.read(session, *where, source=source)
    rows = named_on(session, spell_rows(found, MEMBERSHIP.row_of, all_claims=all_claims), None)
    return sorted(rows, key=_in_date_order)


_timeline_checked = checked(bloc="bloc", member="actor")


@_timeline_checked
def membership_timeline(
    session: Connection,
    *,
    bloc: str | None = None,
    member: str | None = None,
    source: str | None = None,
    all_claims: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[MembershipRow]:
    """Every membership of a bloc, or of a country (or bloc) in other blocs, in date order.

    Rows are ordered by start, bloc, member, role, preferred first, then source; claims are
    combined before a page (`limit`, `offset`) is cut from them.
    """
    rows = _timeline(session, bloc, member, source, all_claims)
    return page_rows(rows, limit, offset)


@_timeline_checked
def membership_timeline_total(
    session: Connection,
    *,
    bloc: str | None = None,
    member: str | None = None,
    source: str | None = None,
    all_claims: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows membership_timeline has (a page's limit and offset change nothing)."""
    return len(_timeline(session, bloc, member, source, all_claims))


def _in_date_order(row: MembershipRow) -> tuple[Any, ...]:
    start = row.start_date.value if row.start_date else date.min
    return (start, row.bloc, row.country, row.role, not row.preferred, row.source)


@checked(member="actor", on="day")
def memberships_on(
    session: Connection,
    *,
    member: str,
    on: date,
    source: str | None = None,
    all_claims: bool = False,
    strict: bool = False,
) -> list[MembershipRow]:
    """Every role `member` (a country or bloc code) held in any bloc on day `on`."""
    found = MEMBERSHIP.read(session, of_member(member), source=source)
    rows = rows_on_day(found, on, MEMBERSHIP.row_of, all_claims=all_claims, strict=strict)
    rows += not_covered(found, on, rows)
    rows = named_on(session, rows, on)
    # What is known first; then the blocs whose sources say nothing that day.
    return sorted(rows, key=lambda r: (not r.covered, r.bloc, r.role, not r.preferred, r.source))


@checked(a="actor", b="actor")
def membership_pairs(
    session: Connection, *, a: str, b: str, source: str | None = None, all_claims: bool = False
) -> list[MembershipRow]:
    """Roles either actor held in the other, a bloc: Russia as ASEAN's dialogue partner."""
    where = or_(in_bloc(b) & of_member(a), in_bloc(a) & of_member(b))
    found = MEMBERSHIP.read(session, where, source=source)
    rows = named_on(session, spell_rows(found, MEMBERSHIP.row_of, all_claims=all_claims), None)
    return sorted(rows, key=lambda r: (_in_date_order(r)[0], r.role, not r.preferred))
