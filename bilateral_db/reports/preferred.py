"""SQL for "the preferred claim": a claim of its own from the release of lowest precedence
that claims anything about its scope (the same rule the research views use)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, inspect, select
from sqlalchemy.orm import aliased

from bilateral_db.models import CountryCode, Membership, Release, Term, TradeFigure
from bilateral_db.models.trade import SERIES_COLUMNS

SCOPES: dict[type, tuple[str, ...]] = {
    Membership: ("bloc_id", "actor_id", "role"),
    Term: ("post_id", "person_id"),
    CountryCode: ("country_id", "scheme"),
    TradeFigure: (*SERIES_COLUMNS, "valuation"),
}


def preferred(claim: Any) -> ColumnElement[bool]:
    """`claim` (a claim model or an alias of one) is a preferred claim."""
    model = inspect(claim).mapper.class_
    other, other_release, own_release = aliased(model), aliased(Release), aliased(Release)
    same = [getattr(other, c) == getattr(claim, c) for c in SCOPES[model]]
    better = exists(
        select(other.id)
        .join(other_release, other_release.id == other.release_id)
        .join(own_release, own_release.id == claim.release_id)
        .where(
            *same,
            other.alternative_of_id.is_(None),
            other_release.precedence < own_release.precedence,
        )
    )
    return and_(claim.alternative_of_id.is_(None), ~better)
