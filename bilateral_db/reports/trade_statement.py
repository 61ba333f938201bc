"""The trade report's one statement: preferred figures between two actors, the sums of a bloc's
members, reported changes beside the figures of their series, the value of the period before,
ordered and paged (reports/trade.py turns its rows into TradeRow)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    CTE,
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from bilateral_db.core.vocabulary import TradeSeries
from bilateral_db.reports.claims.description import RELEASE
from bilateral_db.reports.claims.kinds.memberships import MEMBERSHIP
from bilateral_db.reports.claims.kinds.trade import REPORTED_CHANGE, TRADE_FIGURE
from bilateral_db.reports.join_order import driving_join
from bilateral_db.reports.lookup import actor_id_named
from bilateral_db.reports.pointintime import period_end_exclusive, spell_covers_day
from bilateral_db.tables import BLOC, CURRENCY, FACT, PRODUCT_CATEGORY

# Narrows a part of the statement to the asked periods and category: (part, period, category).
Filter = Callable[[Select[Any], Any, Any], Select[Any]]

REPORTED = "reported"
SUM_OF_MEMBERS = "sum_of_members"

FIGURE = TRADE_FIGURE.table
CHANGE = REPORTED_CHANGE.table
MEMBER = MEMBERSHIP.table
CATEGORY = PRODUCT_CATEGORY


def _between(reporter: Any, partner: Any, a: Any, b: Any) -> Any:
    """Both directions of the pair, on the indexed actor id columns."""
    return or_(
        and_(reporter == actor_id_named(a), partner == actor_id_named(b)),
        and_(reporter == actor_id_named(b), partner == actor_id_named(a)),
    )


def _label(column: Any, a: Any, b: Any) -> Any:
    return case((column == actor_id_named(a), a), else_=b)


# The columns of a series row, in the order every part of the union gives them.
SERIES = (
    "reporter",
    "partner",
    "reporter_id",
    "partner_id",
    "period_start",
    "period_precision",
    "flow",
    "category",
    "valuation",
    "status",
    "value_minor",
    "currency",
    "minor_unit",
    "qualifier",
    "basis",
    "members",
    "members_total",
    "fact_id",
    "source",
)


# The figure columns a bloc's members' figures are summed by (with their release first).
GROUPED = (
    "period_start",
    "period_end",
    "period_precision",
    "flow",
    "category_id",
    "valuation",
    "currency_code",
)

# What a reported change and a figure stated for the same series and period share.
KEY = ("reporter_id", "partner_id", "period_start", "period_precision", "flow", "category")


def _figures(a: Any, b: Any) -> Select[Any]:
    """The preferred figures between `a` and `b`, as stated."""
    columns = (
        _label(FIGURE.c.reporter_actor_id, a, b),
        _label(FIGURE.c.partner_actor_id, a, b),
        FIGURE.c.reporter_actor_id,
        FIGURE.c.partner_actor_id,
        FIGURE.c.period_start,
        FIGURE.c.period_precision,
        FIGURE.c.flow,
        CATEGORY.c.code,
        FIGURE.c.valuation,
        FIGURE.c.value_status,
        FIGURE.c.value_minor,
        FIGURE.c.currency_code,
        CURRENCY.c.minor_unit,
        FIGURE.c.qualifier,
        literal(REPORTED),
        null(),
        null(),
        FIGURE.c.fact_id,
        RELEASE.c.slug,
    )
    return (
        select(*(column.label(name) for column, name in zip(columns, SERIES, strict=True)))
        .select_from(FIGURE)
        .join(CATEGORY, FIGURE.c.category_id == CATEGORY.c.id)
        .join(RELEASE, RELEASE.c.id == FIGURE.c.release_id)
        .outerjoin(CURRENCY, FIGURE.c.currency_code == CURRENCY.c.code)
        .where(
            _between(FIGURE.c.reporter_actor_id, FIGURE.c.partner_actor_id, a, b),
            TRADE_FIGURE.preferred(),
            FIGURE.c.series == TradeSeries.REPORTED,  # smoothed and mirror series stay out
        )
    )


def _spells(bloc_code: Any, name: str) -> CTE:
    """The bloc's preferred member spells, each with the day after its end, read once: every
    period's member count and every member's figures are found from these few rows."""
    bloc = BLOC.alias()
    bloc_id = select(bloc.c.id).where(bloc.c.code == bloc_code).scalar_subquery()
    return (
        select(
            MEMBER.c.actor_id,
            MEMBER.c.start_date,
            period_end_exclusive(MEMBER.c.end_date, MEMBER.c.end_date_precision).label(
                "day_after_end"
            ),
        )
        .where(
            MEMBER.c.bloc_id == bloc_id,
            MEMBER.c.role == "member",
            MEMBER.c.start_date.is_not(None),
            MEMBERSHIP.preferred(MEMBER),
        )
        .cte(name)
        .prefix_with("MATERIALIZED")
    )


def _member_sums(
    side: str, spells: CTE, bloc_code: Any, other: Any, filtered: Filter
) -> Select[Any]:
    """Figures between `other` and the members of `bloc_code` (its `spells`), summed per period
    and series; `filtered` narrows the figures read (by their period and category).

    `side` says which end of the figure the members are: "partner" or "reporter".
    """
    members_end = FIGURE.c.partner_actor_id if side == "partner" else FIGURE.c.reporter_actor_id
    other_end = FIGURE.c.reporter_actor_id if side == "partner" else FIGURE.c.partner_actor_id
    labels = (other, bloc_code) if side == "partner" else (bloc_code, other)
    # A pair of actors whose figures are all one release's has no claim of another release
    # beside any of them, so each is preferred: the preferred-claim test, a probe of the table
    # per figure, is left to the pairs with figures of two releases or more. Which pairs those
    # are is read from the figures' unique key (both ends, then the release), without the rows.
    pair = FIGURE.alias()
    pair_releases = select(func.min(pair.c.release_id) == func.max(pair.c.release_id)).where(
        pair.c[members_end.name] == spells.c.actor_id,
        pair.c[other_end.name] == actor_id_named(other),
    )
    one_release = select(spells.c.actor_id).where(pair_releases.scalar_subquery())
    # Summed per release first: the few sums, not each figure, are then given their category's
    # code, their currency's minor unit and their release's slug.
    per_release = filtered(
        select(
            *(FIGURE.c[name] for name in GROUPED),
            FIGURE.c.release_id,
            func.sum(FIGURE.c.value_minor).label("value_minor"),
            func.count().label("members"),
        )
        # Driven from the bloc's spells, so a code that is no bloc costs nothing, and each
        # member's figures with `other` come from an index on both ends
        # (ix_trade_figure_partner_reporter). The driving join keeps SQLite, which plans
        # without statistics, from reading every figure of `other` instead.
        .select_from(
            driving_join(
                spells,
                FIGURE,
                and_(members_end == spells.c.actor_id, other_end == actor_id_named(other)),
            )
        )
        .where(
            FIGURE.c.value_status == "observed",
            FIGURE.c.series == TradeSeries.REPORTED,  # smoothed and mirror series stay out
            # A member on the period's last day.
            spell_covers_day(spells.c.start_date, spells.c.day_after_end, FIGURE.c.period_end),
            FIGURE.c.alternative_of_id.is_(None),
            or_(members_end.in_(one_release), TRADE_FIGURE.preferred()),
        )
        .group_by(*(FIGURE.c[name] for name in GROUPED), FIGURE.c.release_id),
        FIGURE.c.period_start,
        FIGURE.c.category_id,
    ).subquery(f"{spells.name}_{side}")
    sums = per_release.c
    every = spells.alias()
    # How many members the bloc had then, so a sum over fewer of them reads as the lower bound
    # it is rather than as the bloc's trade.
    members_total = (
        select(func.count())
        .select_from(every)
        .where(spell_covers_day(every.c.start_date, every.c.day_after_end, sums.period_end))
        .scalar_subquery()
    )
    low, high = func.min(RELEASE.c.slug), func.max(RELEASE.c.slug)
    releases = func.count(RELEASE.c.id.distinct())
    source = case((releases == 1, low), (releases == 2, low + "+" + high), else_=low + "+…+" + high)
    columns = (
        labels[0],
        labels[1],
        null(),
        null(),
        sums.period_start,
        sums.period_precision,
        sums.flow,
        CATEGORY.c.code,
        sums.valuation,
        literal("observed"),
        func.sum(sums.value_minor),
        sums.currency_code,
        CURRENCY.c.minor_unit,
        null(),
        literal(SUM_OF_MEMBERS),
        cast(func.sum(sums.members), Integer),  # a count, not numeric on PostgreSQL
        members_total,
        null(),
        source,
    )
    return (
        select(*(column.label(name) for column, name in zip(columns, SERIES, strict=True)))
        .select_from(per_release)
        .join(CATEGORY, sums.category_id == CATEGORY.c.id)
        .join(CURRENCY, sums.currency_code == CURRENCY.c.code)
        .join(RELEASE, RELEASE.c.id == sums.release_id)
        .group_by(
            sums.period_start,
            sums.period_end,
            sums.period_precision,
            sums.flow,
            CATEGORY.c.code,
            sums.valuation,
            sums.currency_code,
            CURRENCY.c.minor_unit,
        )
    )


def _reported_changes(a: Any, b: Any) -> Select[Any]:
    """The preferred reported changes between `a` and `b`."""
    return (
        select(
            _label(CHANGE.c.reporter_actor_id, a, b).label("reporter"),  # as in SERIES
            _label(CHANGE.c.partner_actor_id, a, b).label("partner"),
            CHANGE.c.reporter_actor_id.label("reporter_id"),
            CHANGE.c.partner_actor_id.label("partner_id"),
            CHANGE.c.period_start,
            CHANGE.c.period_precision,
            CHANGE.c.flow,
            CATEGORY.c.code.label("category"),
            CHANGE.c.change_basis_points,
            CHANGE.c.qualifier,
            CHANGE.c.fact_id,
            RELEASE.c.slug.label("source"),
        )
        .select_from(CHANGE)
        .join(CATEGORY, CHANGE.c.category_id == CATEGORY.c.id)
        .join(RELEASE, RELEASE.c.id == CHANGE.c.release_id)
        .where(
            _between(CHANGE.c.reporter_actor_id, CHANGE.c.partner_actor_id, a, b),
            REPORTED_CHANGE.preferred(),
            CHANGE.c.series == TradeSeries.REPORTED,
        )
    )


@functools.cache
def statement(
    by_category: bool,
    from_period: bool,
    to_period: bool,
    limited: bool,
    skipped: bool,
    *,
    counted: bool = False,
) -> Any:
    """The report's one statement, built once per filter combination: building it is far
    costlier than running it (dozens of milliseconds of expression trees per call).
    `counted`: each row ends with how many rows the whole answer has, before any page."""
    a, b = bindparam("a", type_=String), bindparam("b", type_=String)

    def filtered(part: Select[Any], period: Any, category: Any) -> Select[Any]:
        """`part` narrowed to the asked periods and category (`category`: its id column)."""
        if by_category:
            code = bindparam("category", type_=String)
            part = part.where(
                category == select(CATEGORY.c.id).where(CATEGORY.c.code == code).scalar_subquery()
            )
        if from_period:
            part = part.where(period >= bindparam("period_from", type_=Date))
        if to_period:
            part = part.where(period < bindparam("period_to", type_=Date))
        return part

    spells_a, spells_b = _spells(a, "spells_a"), _spells(b, "spells_b")
    parts = [
        filtered(_figures(a, b), FIGURE.c.period_start, FIGURE.c.category_id),
        _member_sums("partner", spells_b, b, a, filtered),
        _member_sums("reporter", spells_b, b, a, filtered),
        _member_sums("partner", spells_a, a, b, filtered),
        _member_sums("reporter", spells_a, a, b, filtered),
    ]
    # Read twice (the window below, and the changes no figure stands beside): SQLite would
    # compute the members' sums once per read unless told to keep them (PostgreSQL keeps a CTE
    # read twice anyway).
    figures = union_all(*parts).cte("figure").prefix_with("MATERIALIZED")
    changes = filtered(_reported_changes(a, b), CHANGE.c.period_start, CHANGE.c.category_id).cte(
        "change"
    )
    f, c = figures.c, changes.c

    # The value before, for the computed change: the previous row of the same series.
    series = (f.reporter, f.partner, f.flow, f.category, f.valuation, f.currency, f.basis)
    partition, order = (*series, f.period_precision), f.period_start
    windowed = select(
        *f,
        func.lag(f.value_minor)
        .over(partition_by=partition, order_by=order)
        .label("previous_value"),
        func.lag(f.period_start, type_=Date)
        .over(partition_by=partition, order_by=order)
        .label("previous_period"),
    ).subquery("windowed")
    w = windowed.c

    def changed(figure: Any) -> Any:
        """A figure as stated (not summed) of the change's series and period."""
        return and_(
            figure.basis == REPORTED,
            *(figure[name] == c[name] for name in KEY),
        )

    shown = [name for name in SERIES if name not in ("reporter_id", "partner_id")]
    with_changes = select(
        literal("figure").label("row_kind"),
        *(w[name] for name in shown),
        w.previous_value,
        w.previous_period,
        c.change_basis_points,
        c.qualifier.label("change_qualifier"),
        c.fact_id.label("change_fact_id"),
    ).select_from(windowed.outerjoin(changes, changed(w)))
    # A change no figure of its series stands beside is a row of its own, with no value.
    as_row = {name: c[name] for name in (*KEY, "reporter", "partner", "source") if name in shown}
    as_row["basis"] = literal(REPORTED)
    unmatched = select(
        literal("change"),
        *(as_row.get(name, null()) for name in shown),
        null(),
        null(),
        c.change_basis_points,
        c.qualifier,
        c.fact_id,
    ).where(~exists().where(changed(f)))
    rows = union_all(with_changes, unmatched).subquery("trade_row")
    r = rows.c
    # A curated row's confidence and note: the figure's fact, else the reported change's.
    statement = select(rows, FACT.c.confidence, FACT.c.note).select_from(
        rows.outerjoin(FACT, FACT.c.id == func.coalesce(r.fact_id, r.change_fact_id))
    )
    if counted:  # a window over every row, counted before the page is cut
        statement = statement.add_columns(func.count().over().label("rows_in_answer"))
    if from_period:  # the year before the range was read only for its values
        statement = statement.where(r.period_start >= bindparam("year_start", type_=Date))
    statement = statement.order_by(
        r.period_start,
        r.basis,
        r.reporter,
        r.partner,
        r.flow,
        r.category,
        r.period_precision,
        func.coalesce(r.valuation, ""),
        func.coalesce(r.currency, ""),
        r.row_kind,
    )
    if limited:
        statement = statement.limit(bindparam("limit", type_=Integer))
    if skipped:
        statement = statement.offset(bindparam("offset", type_=Integer))
    return statement
