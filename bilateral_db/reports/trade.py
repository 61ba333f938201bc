"""Trade between two actors by year, flow and category, with growth computed from values.

A country and a bloc trade in two ways here: figures stated at bloc level (reporter ASEAN) are
shown as stated, and the figures of the bloc's members are summed, counting a country as a
member if it was one on the period's last day (31 December for a year, as in the panels). A sum
says how many of the bloc's members it covers; when some are missing it is marked `at_least`.
Year-on-year change is computed from values, exactly, and a change a source reports where
values are missing is shown beside it, marked as reported: growth is never stored twice.

Only the reported series is shown (each reporter's own statistics, series `reported`): a
source's smoothed series (COW's smoothflow) or mirror series stays out, and the question's
description says so.

Figures and reported changes are claims (claims/kinds/trade.py): each series shows the
preferred release's figure, and each row says which release it comes from (`source`; a sum
names the releases of the figures it adds up). The whole answer is one statement, paged in
SQL: rows are ordered by period, basis, reporter, partner, flow, category, then precision,
valuation, currency and whether the row is a figure, which no two rows share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from bilateral_db.core.dates import PartialDate
from bilateral_db.core.vocabulary import DatePrecision
from bilateral_db.reports.lookup import checked, existing
from bilateral_db.reports.paging import count_rows
from bilateral_db.reports.trade_statement import CATEGORY, SUM_OF_MEMBERS, statement

AT_LEAST = "at_least"  # a sum over some of a bloc's members bounds the bloc's trade from below
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class TradeRow:
    """One value of a series, seen from `reporter`; `basis` says whether it was summed."""

    year: int
    month: int | None
    period: PartialDate
    reporter: str
    partner: str
    flow: str
    category: str
    valuation: str | None
    status: str | None
    value: Decimal | None
    currency: str | None
    qualifier: str | None
    change_pct: Decimal | None
    reported_change_pct: Decimal | None
    reported_change_qualifier: str | None
    basis: str
    members: int | None
    members_total: int | None
    source: str  # the release of the figure (or change); a sum's releases joined by "+"
    fact_id: int | None
    change_fact_id: int | None
    confidence: str | None = None  # a curated row's (its figure's, else its change's)
    note: str | None = None


def _parameters(
    a: str, b: str, category: str | None, year_from: int | None, year_to: int | None
) -> dict[str, Any]:
    params: dict[str, Any] = {"a": a, "b": b}
    if category is not None:
        params["category"] = category
    if year_from is not None:
        # The year before the range is read too, so the first year in range gets its change.
        params["period_from"] = date(max(year_from - 1, MINYEAR), 1, 1)
        params["year_start"] = date(year_from, 1, 1)
    if year_to is not None and year_to < MAXYEAR:
        params["period_to"] = date(year_to + 1, 1, 1)
    return params


def _previous_period(period: date, precision: str) -> date | None:
    if precision == DatePrecision.YEAR:
        return date(period.year - 1, 1, 1) if period.year > MINYEAR else None
    if period.month == 1:
        return date(period.year - 1, 12, 1) if period.year > MINYEAR else None
    return date(period.year, period.month - 1, 1)


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _row(row: Any) -> TradeRow:
    (
        _kind,
        reporter,
        partner,
        start,
        precision,
        flow,
        category,
        valuation,
        status,
        value_minor,
        currency,
        minor_unit,
        qualifier,
        basis,
        members,
        members_total,
        fact_id,
        source,
        previous_value,
        previous_period,
        change_points,
        change_qualifier,
        change_fact_id,
        confidence,
        note,
    ) = row
    period = PartialDate(_as_date(start), DatePrecision(precision))
    scale = -(minor_unit or 0)
    value = None if value_minor is None else Decimal(value_minor).scaleb(scale)
    previous = None if previous_value is None else Decimal(previous_value).scaleb(scale)
    change_pct = None
    if (
        previous
        and value is not None
        and previous_period is not None
        and _as_date(previous_period) == _previous_period(period.value, precision)
    ):
        change_pct = ((value - previous) * 100 / previous).quantize(_CENT)
    partial_sum = basis == SUM_OF_MEMBERS and members < members_total
    return TradeRow(
        year=period.value.year,
        month=period.value.month if precision == DatePrecision.MONTH else None,
        period=period,
        reporter=reporter,
        partner=partner,
        flow=flow,
        category=category,
        valuation=valuation,
        status=status,
        value=value,
        currency=currency,
        qualifier=AT_LEAST if partial_sum else qualifier,
        change_pct=change_pct,
        reported_change_pct=None if change_points is None else Decimal(change_points).scaleb(-2),
        reported_change_qualifier=change_qualifier,
        basis=basis,
        members=members,
        members_total=members_total,
        source=source,
        fact_id=fact_id,
        change_fact_id=change_fact_id,
        confidence=confidence,
        note=note,
    )


_checked = checked(
    ordered=("year_from", "year_to"),
    a="actor",
    b="actor",
    category=existing("product category", CATEGORY.c.code),
    year_from="year",
    year_to="year",
)


@_checked
def trade_between(
    session: Connection,
    *,
    a: str,
    b: str,
    category: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[TradeRow]:
    """Every series between `a` and `b` (countries or blocs), both directions, in one query;
    a page of it with `limit` and `offset` (see the module's docstring for the order)."""
    rows = _executed(session, (a, b, category, year_from, year_to), limit, offset, counted=False)
    return [_row(row) for row in rows]


@_checked
def trade_between_page(
    session: Connection,
    *,
    a: str,
    b: str,
    category: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int,
    offset: int = 0,
) -> tuple[list[TradeRow], int | None]:
    """A page of trade_between and how many rows the whole answer has (None past its end),
    from one run of the statement: counting apart would sum a bloc's members twice."""
    rows = _executed(session, (a, b, category, year_from, year_to), limit, offset, counted=True)
    return [_row(row[:-1]) for row in rows], (rows[0][-1] if rows else None)


def _executed(
    session: Connection,
    asked: tuple[str, str, str | None, int | None, int | None],
    limit: int | None,
    offset: int,
    *,
    counted: bool,
) -> list[Any]:
    """The statement's rows for the `asked` pair, category and years, a page of them."""
    params = _parameters(*asked)
    params.update(limit=limit, offset=offset)
    query = statement(
        "category" in params,
        "period_from" in params,
        "period_to" in params,
        limit is not None,
        offset > 0,
        counted=counted,
    )
    return list(session.execute(query, params))


@_checked
def trade_between_total(
    session: Connection,
    *,
    a: str,
    b: str,
    category: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows trade_between has (a page's limit and offset change nothing)."""
    params = _parameters(a, b, category, year_from, year_to)
    query = statement(
        category is not None, "period_from" in params, "period_to" in params, False, False
    )
    return count_rows(session, query.params(params))
