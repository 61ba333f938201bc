"""Each kind of claim is described once, and what the description says holds: its scope is
columns of its table, and the SQL rule for the preferred claim picks what the engine picks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bilateral_db.models.trade import SERIES_COLUMNS
from bilateral_db.reports.claims import engine
from bilateral_db.reports.claims.description import ClaimKind, DatedKind
from bilateral_db.reports.claims.kinds.country_codes import COUNTRY_CODE
from bilateral_db.reports.claims.kinds.memberships import MEMBERSHIP, MembershipRow
from bilateral_db.reports.claims.kinds.states import STATE, StateRow
from bilateral_db.reports.claims.kinds.terms import TERM, TermRow
from bilateral_db.reports.claims.kinds.trade import REPORTED_CHANGE, TRADE_FIGURE

TABLE_KINDS: list[ClaimKind[Any]] = [MEMBERSHIP, TERM, TRADE_FIGURE, REPORTED_CHANGE, COUNTRY_CODE]


@pytest.fixture
def bundled(loaded_engine: Engine) -> Iterator[Session]:
    with Session(loaded_engine) as session:
        yield session
        session.rollback()


@pytest.mark.parametrize("kind", TABLE_KINDS, ids=lambda kind: kind.name)
def test_a_scope_is_columns_of_the_claim_table(kind: ClaimKind[Any]) -> None:
    columns = set(kind.table.c.keys())
    assert set(kind.scope._fields) <= columns
    assert {"release_id", "alternative_of_id"} <= columns  # a claim table (models.base.Claim)


def test_trade_scopes_are_the_models_series() -> None:
    assert REPORTED_CHANGE.scope._fields == SERIES_COLUMNS
    assert TRADE_FIGURE.scope._fields == (*SERIES_COLUMNS, "valuation")


def test_row_types_hold_data_interval_and_provenance() -> None:
    rows: list[tuple[DatedKind[Any, Any, Any], type]] = [
        (MEMBERSHIP, MembershipRow),
        (TERM, TermRow),
        (STATE, StateRow),
    ]
    for kind, row in rows:
        assert kind.row is row
        fields = {field.name for field in dataclasses.fields(row)}
        interval = {"start_date", "end_date", "end_status", "fact_id"}
        # A day's precision in the data is part of the day's partial date in the row.
        data = {name for name in kind.data._fields if not name.endswith("_precision")}
        assert data | interval <= fields, kind.name


@pytest.mark.parametrize("kind", [MEMBERSHIP, TERM], ids=lambda kind: kind.name)
def test_sql_and_engine_prefer_the_same_claims(
    bundled: Session, kind: DatedKind[Any, Any, Any]
) -> None:
    """The trade and dyad reports pick preferred claims in SQL, the day-by-day reports with the
    engine: on real data (curated claims beside COW IGO and Archigos) they agree."""
    preferred_in_sql = set(bundled.scalars(select(kind.table.c.id).where(kind.preferred())))
    claims = kind.claims(bundled)
    by_engine = {
        claim.id
        for scope, group in engine.by_scope(claims).items()
        for claim in engine.claimants(group, scope)[0].claims
    }
    assert len({claim.release_id for claim in claims}) > 1  # several sources to choose from
    assert preferred_in_sql == by_engine
