"""The preferred claim, said once in SQL: the rule reports, panels and views all follow.

A claim is preferred when it is a release's own (not an alternative) and no release of lower
precedence claims anything about the same scope (the columns that say what a claim is about).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sqlalchemy import ColumnElement, FromClause, and_, exists, select

from bilateral_db.tables import RELEASE


def preferred(
    table: FromClause, scope: Iterable[str], claim: FromClause | None = None
) -> ColumnElement[bool]:
    """SQL: `claim` (`table`, or an alias of it) is a preferred claim about its `scope`."""
    claim = table if claim is None else claim
    other, other_release, own_release = _aliases(table)
    better = exists(
        select(other.c.id)
        .join(other_release, other_release.c.id == other.c.release_id)
        .join(own_release, own_release.c.id == claim.c.release_id)
        .where(
            *(other.c[name] == claim.c[name] for name in scope),
            other.c.alternative_of_id.is_(None),
            other_release.c.precedence < own_release.c.precedence,
        )
    )
    return and_(claim.c.alternative_of_id.is_(None), ~better)


@cache
def _aliases(table: FromClause) -> tuple[FromClause, FromClause, FromClause]:
    """The other claim and both releases, made once per table: an alias copies every column,
    which costs a report more than running its query."""
    return table.alias(), RELEASE.alias(), RELEASE.alias()


# What a claim is about, per table, for the readers below the reports (the panels' builder);
# each equals its claim kind's scope (reports/claims/kinds; tests/test_preference.py holds them so).
SCOPES: dict[str, tuple[str, ...]] = {
    "membership": ("bloc_id", "actor_id", "role"),
    "term": ("post_id", "person_id"),
    "trade_figure": (
        "reporter_actor_id",
        "partner_actor_id",
        "period_start",
        "period_end",
        "period_precision",
        "flow",
        "category_id",
        "series",
        "valuation",
    ),
}
