"""Envoys between two countries or blocs: each side's posts accredited to the other.

A chief of mission is a post of one actor accredited to another (the U.S. Ambassador to
Thailand, the U.S. Representative to ASEAN), so envoys are bilateral by construction and are
listed both ways. On a day, the holders then (acting and ad interim ones included, a post its
source covers at other times but not that day as not covered); without a day, every term.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, or_
from sqlalchemy.sql import ColumnElement

from bilateral_db.reports.claims import engine
from bilateral_db.reports.claims.kinds.terms import TERM, TermRow, accredited_to, of_country
from bilateral_db.reports.claims.provenance import rows_on_day, spell_rows
from bilateral_db.reports.lookup import checked
from bilateral_db.reports.names import titled_on
from bilateral_db.reports.officials import unheld_posts
from bilateral_db.reports.paging import page_rows

__all__ = ["envoys_between", "envoys_between_total", "envoys_during"]


def _both_ways(a: str, b: str) -> ColumnElement[bool]:
    return or_(
        and_(of_country(a), accredited_to(b)),
        and_(of_country(b), accredited_to(a)),
    )


def _envoys(
    session: Connection,
    a: str,
    b: str,
    on: date | None,
    source: str | None,
    all_claims: bool,
    strict: bool,
) -> list[TermRow]:
    found = TERM.read(session, _both_ways(a, b), source=source)
    if on is None:
        rows = spell_rows(found, TERM.row_of, all_claims=all_claims)
    else:
        rows = rows_on_day(found, on, TERM.row_of, all_claims=all_claims, strict=strict)
        rows += unheld_posts(found, on, {(row.post, row.accredited_to) for row in rows})
    return _ordered(titled_on(session, rows, on), a)


def _ordered(rows: list[TermRow], a: str) -> list[TermRow]:
    return sorted(
        rows,
        key=lambda row: (
            row.country != a,
            row.post,
            row.start_date is None,
            row.start_date.value if row.start_date else date.min,
            not row.covered,
            row.person or "",
            not row.preferred,
            row.source,
        ),
    )


def envoys_during(
    session: Connection, a: str, b: str, first: date | None, stop: date | None
) -> list[TermRow]:
    """The envoys' terms both ways (preferred claims) that share a day with [first, stop)
    (either side open; an unknown start shares none), and each post a release covers on a day
    of it with none of those terms, as vacant: for reports that check their own codes."""
    found = TERM.read(session, _both_ways(a, b))
    rows = [
        row
        for row in spell_rows(found, TERM.row_of, all_claims=False)
        if row.start_date is not None
        and (stop is None or row.start_date.value < stop)
        and (first is None or row.end_date is None or row.end_date.last_day >= first)
    ]
    if first is None and stop is None:
        return _ordered(rows, a)
    days = {first} if first is not None else set()
    for scope, group in engine.by_scope(found.claims).items():
        for claimant in engine.claimants(group, scope, found.coverage):
            days.update(found.coverage.boundaries(claimant.release_id, scope))
    answered = {(row.post, row.accredited_to) for row in rows}
    for day in sorted(d for d in days if d is not None):
        if (first is None or day >= first) and (stop is None or day < stop):
            vacant = [row for row in unheld_posts(found, day, answered) if row.covered]
            answered |= {(row.post, row.accredited_to) for row in vacant}
            rows += vacant
    return _ordered(rows, a)


_envoys_checked = checked(a="actor", b="actor", on="day")


@_envoys_checked
def envoys_between(
    session: Connection,
    *,
    a: str,
    b: str,
    on: date | None = None,
    source: str | None = None,
    all_claims: bool = False,
    strict: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[TermRow]:
    """`a`'s envoys to `b`, then `b`'s to `a`: holders on day `on`, or every term (oldest
    first) when no day is given; a page (`limit`, `offset`) is cut after claims are combined."""
    return page_rows(_envoys(session, a, b, on, source, all_claims, strict), limit, offset)


@_envoys_checked
def envoys_between_total(
    session: Connection,
    *,
    a: str,
    b: str,
    on: date | None = None,
    source: str | None = None,
    all_claims: bool = False,
    strict: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows envoys_between has (a page's limit and offset change nothing)."""
    return len(_envoys(session, a, b, on, source, all_claims, strict))
