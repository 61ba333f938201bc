"""Who belonged to a bloc, in which role, on a day or over its whole history, by every source.

Each answer uses the preferred claims (reports/claims/) and says which sources agree and
whether another disputes it; `source` answers from one source, `all_claims` lists them all.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, or_

from bilateral_db.reports.claims.kinds.memberships import (
    MEMBERSHIP,
    MembershipRow,
    in_bloc,
    in_role,
    of_member,
)
from bilateral_db.reports.claims.provenance import rows_on_day, spell_rows
from bilateral_db.reports.lookup import ROLE, checked
from bilateral_db.reports.paging import page_rows

__all__ = [
    "MembershipRow",
    "members_on",
    "membership_pairs",
    "membership_timeline",
    "membership_timeline_total",
    "memberships_on",
]


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
) -> list[MembershipRow]:
    """Members of `bloc` on day `on` (every role unless `role` is given), by role and code.

    `strict` leaves out answers that rest on an imprecise date (a start known to the month).
    """
    where = [in_bloc(bloc)] + ([] if role is None else [in_role(role)])
    found = MEMBERSHIP.read(session, *where, source=source)
    rows = rows_on_day(found, on, MEMBERSHIP.row_of, all_claims=all_claims, strict=strict)
    return sorted(rows, key=lambda r: (r.role, r.country, not r.preferred, r.source))


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
    rows = spell_rows(found, MEMBERSHIP.row_of, all_claims=all_claims)
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
    return sorted(rows, key=lambda r: (r.bloc, r.role, not r.preferred, r.source))


@checked(a="actor", b="actor")
def membership_pairs(
    session: Connection, *, a: str, b: str, source: str | None = None, all_claims: bool = False
) -> list[MembershipRow]:
    """Roles either actor held in the other, a bloc: Russia as ASEAN's dialogue partner."""
    where = or_(in_bloc(b) & of_member(a), in_bloc(a) & of_member(b))
    found = MEMBERSHIP.read(session, where, source=source)
    rows = spell_rows(found, MEMBERSHIP.row_of, all_claims=all_claims)
    return sorted(rows, key=lambda r: (_in_date_order(r)[0], r.role, not r.preferred))
