"""Trade between two actors by year, flow and category, with growth computed from values.

A country and a bloc trade in two ways here: figures stated at bloc level (reporter ASEAN) are
shown as stated, and the figures of the bloc's members are summed, counting a country as a
member if it was one on the period's last day (31 December for a year, as in the panels). A sum
says how many of the bloc's members it covers; when some are missing it is marked `at_least`.
Year-on-year change is computed from values, exactly, and a change a source reports where
values are missing is shown beside it, marked as reported: growth is never stored twice.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    Row,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from bilateral_db.core.dates import PartialDate
from bilateral_db.core.vocabulary import DatePrecision
from bilateral_db.models import (
    Actor,
    Bloc,
    Country,
    Currency,
    Membership,
    ProductCategory,
    TradeFigure,
    TradeReportedChange,
)
from bilateral_db.reports.lookup import checked
from bilateral_db.reports.pointintime import covers_last_day, period_end_exclusive
from bilateral_db.reports.preferred import preferred

REPORTED = "reported"
SUM_OF_MEMBERS = "sum_of_members"
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
    fact_id: int | None
    change_fact_id: int | None


def _actor_id(code: Any) -> Any:
    """SQL: the id of the actor called `code` (country or bloc), computed once per query."""
    actor, country, bloc = aliased(Actor), aliased(Country), aliased(Bloc)
    as_country = select(actor.id).join(country, actor.country_id == country.id)
    as_bloc = select(actor.id).join(bloc, actor.bloc_id == bloc.id)
    return func.coalesce(
        as_country.where(country.code == code).scalar_subquery(),
        as_bloc.where(bloc.code == code).scalar_subquery(),
    )


def _between(reporter: Any, partner: Any, a: Any, b: Any) -> Any:
    """Both directions of the pair, on the indexed actor id columns."""
    return or_(
        and_(reporter == _actor_id(a), partner == _actor_id(b)),
        and_(reporter == _actor_id(b), partner == _actor_id(a)),
    )


def _label(column: Any, a: Any, b: Any) -> Any:
    return case((column == _actor_id(a), a), else_=b)


def _figures(a: Any, b: Any) -> Select[*tuple[Any, ...]]:
    return (
        select(
            literal("figure").label("row_kind"),
            _label(TradeFigure.reporter_actor_id, a, b).label("reporter"),
            _label(TradeFigure.partner_actor_id, a, b).label("partner"),
            TradeFigure.period_start,
            TradeFigure.period_precision,
            TradeFigure.flow,
            ProductCategory.code.label("category"),
            TradeFigure.valuation,
            TradeFigure.value_status,
            TradeFigure.value_minor,
            TradeFigure.currency_code,
            Currency.minor_unit,
            TradeFigure.qualifier,
            literal(REPORTED).label("basis"),
            null().label("members"),
            TradeFigure.fact_id,
            null().label("members_total"),
        )
        .join(ProductCategory, TradeFigure.category_id == ProductCategory.id)
        .outerjoin(Currency, TradeFigure.currency_code == Currency.code)
        .where(
            _between(TradeFigure.reporter_actor_id, TradeFigure.partner_actor_id, a, b),
            preferred(TradeFigure),
        )
    )


def _member_sums(side: str, bloc_code: Any, other: Any) -> Select[*tuple[Any, ...]]:
    """Figures between `other` and the members of `bloc_code`, summed per period and series.

    `side` says which end of the figure the members are: "partner" or "reporter".
    """
    members_end = (
        TradeFigure.partner_actor_id if side == "partner" else TradeFigure.reporter_actor_id
    )
    other_end = TradeFigure.reporter_actor_id if side == "partner" else TradeFigure.partner_actor_id
    labels = (other, bloc_code) if side == "partner" else (bloc_code, other)
    bloc = aliased(Bloc)
    bloc_id = select(bloc.id).where(bloc.code == bloc_code).scalar_subquery()
    period_end = period_end_exclusive(TradeFigure.period_start, TradeFigure.period_precision)
    member = aliased(Membership)
    # How many members the bloc had then, so a sum over fewer of them reads as the lower bound
    # it is rather than as the bloc's trade.
    members_total = (
        select(func.count())
        .select_from(member)
        .where(
            member.bloc_id == bloc_id,
            member.role == "member",
            preferred(member),
            covers_last_day(
                member.start_date, member.end_date, member.end_date_precision, period_end
            ),
        )
        .scalar_subquery()
    )
    group = (
        TradeFigure.period_start,
        TradeFigure.period_precision,
        TradeFigure.flow,
        ProductCategory.code,
        TradeFigure.valuation,
        TradeFigure.currency_code,
        Currency.minor_unit,
    )
    return (
        select(
            literal("figure"),
            labels[0],
            labels[1],
            TradeFigure.period_start,
            TradeFigure.period_precision,
            TradeFigure.flow,
            ProductCategory.code,
            TradeFigure.valuation,
            literal("observed"),
            func.sum(TradeFigure.value_minor),
            TradeFigure.currency_code,
            Currency.minor_unit,
            null(),
            literal(SUM_OF_MEMBERS),
            func.count(),
            null(),
            members_total,
        )
        # Driven from the bloc's memberships (indexed by bloc), so a code that is no bloc costs
        # nothing and each member's figures come from an index on its own end. `+ 0` keeps
        # SQLite (which has no statistics) from scanning every figure of `other` instead.
        .select_from(Membership)
        .join(
            TradeFigure,
            and_(members_end == Membership.actor_id, other_end + 0 == _actor_id(other)),
        )
        .join(ProductCategory, TradeFigure.category_id == ProductCategory.id)
        .join(Currency, TradeFigure.currency_code == Currency.code)
        .where(
            Membership.bloc_id == bloc_id,
            Membership.role == "member",
            preferred(Membership),
            TradeFigure.value_status == "observed",
            preferred(TradeFigure),
            covers_last_day(
                Membership.start_date,
                Membership.end_date,
                Membership.end_date_precision,
                period_end,
            ),
        )
        .group_by(*group)
    )


def _reported_changes(a: Any, b: Any) -> Select[*tuple[Any, ...]]:
    change = TradeReportedChange
    return (
        select(
            literal("change"),
            _label(change.reporter_actor_id, a, b),
            _label(change.partner_actor_id, a, b),
            change.period_start,
            change.period_precision,
            change.flow,
            ProductCategory.code,
            null(),
            null(),
            change.change_basis_points,
            null(),
            null(),
            change.qualifier,
            literal(REPORTED),
            null(),
            change.fact_id,
            null(),
        )
        .join(ProductCategory, change.category_id == ProductCategory.id)
        .where(
            _between(change.reporter_actor_id, change.partner_actor_id, a, b),
            change.alternative_of_id.is_(None),
        )
    )


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _previous_period(period: date, precision: str) -> date:
    if precision == DatePrecision.YEAR:
        return date(period.year - 1, 1, 1)
    return date(period.year - (period.month == 1), (period.month - 2) % 12 + 1, 1)


@functools.cache
def _statement(by_category: bool, from_period: bool, to_period: bool) -> Any:
    """The report's one statement, built once per filter combination: building it is far
    costlier than running it (dozens of milliseconds of expression trees per call)."""
    a, b = bindparam("a", type_=String), bindparam("b", type_=String)
    parts = [
        _figures(a, b),
        _member_sums("partner", b, a),
        _member_sums("reporter", b, a),
        _member_sums("partner", a, b),
        _member_sums("reporter", a, b),
        _reported_changes(a, b),
    ]
    filtered = []
    for part in parts:
        period = part.selected_columns[3]
        if by_category:
            part = part.where(ProductCategory.code == bindparam("category", type_=String))
        if from_period:
            part = part.where(period >= bindparam("period_from", type_=Date))
        if to_period:
            part = part.where(period < bindparam("period_to", type_=Date))
        filtered.append(part)
    return union_all(*filtered)


@checked(
    ordered=("year_from", "year_to"),
    a="actor",
    b="actor",
    category="category",
    year_from="year",
    year_to="year",
)
def trade_between(
    session: Session,
    *,
    a: str,
    b: str,
    category: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> list[TradeRow]:
    """Every series between `a` and `b` (countries or blocs), both directions, in one query."""
    params: dict[str, Any] = {"a": a.upper(), "b": b.upper()}
    if category is not None:
        params["category"] = category
    # The year before the range is read too, so the first year in range still gets its change.
    if year_from is not None:
        params["period_from"] = date(year_from - 1, 1, 1)
    if year_to is not None:
        params["period_to"] = date(year_to + 1, 1, 1)
    statement = _statement(category is not None, year_from is not None, year_to is not None)
    rows = session.execute(statement, params).all()

    figures: list[TradeRow] = []
    changes: dict[tuple[Any, ...], tuple[Decimal, str, int]] = {}
    row: Row[*tuple[Any, ...]] | TradeRow  # the query's rows, then the figures built from them
    for row in rows:
        period_start = _as_date(row[3])
        key = (row[1], row[2], period_start, row[4], row[5], row[6])
        if row[0] == "change":
            changes[key] = (Decimal(row[9]).scaleb(-2), row[12], row[15])
            continue
        value = None if row[9] is None else Decimal(row[9]).scaleb(-(row[11] or 0))
        partial_sum = row[13] == SUM_OF_MEMBERS and row[14] < row[16]
        figures.append(
            TradeRow(
                year=period_start.year,
                month=period_start.month if row[4] == DatePrecision.MONTH else None,
                period=PartialDate(period_start, DatePrecision(row[4])),
                reporter=row[1],
                partner=row[2],
                flow=row[5],
                category=row[6],
                valuation=row[7],
                status=row[8],
                value=value,
                currency=row[10],
                qualifier=AT_LEAST if partial_sum else row[12],
                change_pct=None,
                reported_change_pct=None,
                reported_change_qualifier=None,
                basis=row[13],
                members=row[14],
                members_total=row[16],
                fact_id=row[15],
                change_fact_id=None,
            )
        )

    by_series = {
        (r.reporter, r.partner, r.flow, r.category, r.valuation, r.currency, r.basis, r.period): r
        for r in figures
    }
    result: list[TradeRow] = []
    matched: set[tuple[Any, ...]] = set()
    for row in figures:
        previous_period = PartialDate(
            _previous_period(row.period.value, row.period.precision), row.period.precision
        )
        series = (row.reporter, row.partner, row.flow, row.category, row.valuation, row.currency)
        previous = by_series.get((*series, row.basis, previous_period))
        change_pct = None
        if previous and previous.value and row.value is not None:
            change_pct = ((row.value - previous.value) * 100 / previous.value).quantize(_CENT)
        key = (
            row.reporter,
            row.partner,
            row.period.value,
            row.period.precision,
            row.flow,
            row.category,
        )
        reported = changes.get(key) if row.basis == REPORTED else None
        if reported:
            matched.add(key)
            row = replace(
                row,
                reported_change_pct=reported[0],
                reported_change_qualifier=reported[1],
                change_fact_id=reported[2],
            )
        result.append(replace(row, change_pct=change_pct))
    for key, (pct, qualifier, fact_id) in changes.items():
        if key in matched:
            continue
        reporter, partner, period_start, precision, flow, category_code = key
        result.append(
            TradeRow(
                year=period_start.year,
                month=period_start.month if precision == DatePrecision.MONTH else None,
                period=PartialDate(period_start, DatePrecision(precision)),
                reporter=reporter,
                partner=partner,
                flow=flow,
                category=category_code,
                valuation=None,
                status=None,
                value=None,
                currency=None,
                qualifier=None,
                change_pct=None,
                reported_change_pct=pct,
                reported_change_qualifier=qualifier,
                basis=REPORTED,
                members=None,
                members_total=None,
                fact_id=None,
                change_fact_id=fact_id,
            )
        )
    if year_from is not None:
        result = [row for row in result if row.year >= year_from]
    result.sort(key=lambda r: (r.period.value, r.basis, r.reporter, r.partner, r.flow, r.category))
    return result
