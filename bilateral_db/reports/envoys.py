"""Envoys between two countries or blocs: each side's posts accredited to the other.

A chief of mission is a post of one actor accredited to another (the U.S. Ambassador to
Thailand, the U.S. Representative to ASEAN), so envoys are bilateral by construction and are
listed both ways. On a day, the holders then (acting and ad interim ones included, a post its
source covers at other times but not that day as not covered); without a day, every term.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, or_

from bilateral_db.reports.claims.kinds.terms import TERM, TermRow, accredited_to, of_country
from bilateral_db.reports.claims.provenance import rows_on_day, spell_rows
from bilateral_db.reports.lookup import checked
from bilateral_db.reports.officials import unheld_posts
from bilateral_db.reports.paging import page_rows

__all__ = ["envoys_between", "envoys_between_total", "envoys_in"]


def _envoys(
    session: Connection,
    a: str,
    b: str,
    on: date | None,
    source: str | None,
    all_claims: bool,
    strict: bool,
) -> list[TermRow]:
    both_ways = or_(
        and_(of_country(a), accredited_to(b)),
        and_(of_country(b), accredited_to(a)),
    )
    found = TERM.read(session, both_ways, source=source)
    if on is None:
        rows = spell_rows(found, TERM.row_of, all_claims=all_claims)
    else:
        rows = rows_on_day(found, on, TERM.row_of, all_claims=all_claims, strict=strict)
        rows += unheld_posts(found, on, {(row.post, row.accredited_to) for row in rows})
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


def envoys_in(session: Session, a: str, b: str) -> list[TermRow]:
    """Every envoy's term both ways, preferred claims, for reports that check their own codes."""
    return _envoys(session, a, b, None, None, False, False)


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
