"""Trade figures and reported changes as claims: a release's value (or change) of a series.

Trade claims are not answered day by day: a series' figure for a period is preferred from the
release of lowest precedence that has one (reports/trade.py selects, sums and pages them in
SQL), and each row says which release it comes from.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from bilateral_db import tables
from bilateral_db.reports.claims.description import ClaimKind
from bilateral_db.tables import TRADE_REPORTED_CHANGE


class SeriesScope(NamedTuple):
    """A series of a reporter's trade with a partner, one period of it (models SERIES_COLUMNS)."""

    reporter_actor_id: int
    partner_actor_id: int
    period_start: date
    period_end: date
    period_precision: str
    flow: str
    category_id: int
    series: str


class FigureScope(NamedTuple):
    """A figure's series and its valuation (FOB and CIF values of one series both stand)."""

    reporter_actor_id: int
    partner_actor_id: int
    period_start: date
    period_end: date
    period_precision: str
    flow: str
    category_id: int
    series: str
    valuation: str


TRADE_FIGURE = ClaimKind[FigureScope](
    name="trade figure", table=tables.TRADE_FIGURE, scope=FigureScope
)
REPORTED_CHANGE = ClaimKind[SeriesScope](
    name="reported trade change", table=TRADE_REPORTED_CHANGE, scope=SeriesScope
)
