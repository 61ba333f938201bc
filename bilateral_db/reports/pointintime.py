"""The point-in-time rule of bilateral_db.core.dates, as SQL that compiles on SQLite and PostgreSQL.

An interval [start, end] covers day D when start <= D and D < end_exclusive, where
end_exclusive is end + 1 day, month or year by the end's precision. An unknown start never
covers a day; an open end covers every later day. Every report filters through `covers`, so the
rule lives here once.
"""

from __future__ import annotations

from datetime import date
from typing import Any, overload

from sqlalchemy import Date, SQLColumnExpression, and_, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from bilateral_db.core.dates import PartialDate
from bilateral_db.core.vocabulary import DatePrecision


class period_end_exclusive(FunctionElement[date]):
    """The first day after the period `value` at `precision` stands for (NULL stays NULL)."""

    type = Date()
    name = "period_end_exclusive"
    inherit_cache = True


@compiles(period_end_exclusive, "sqlite")
def _sqlite_end_exclusive(element: period_end_exclusive, compiler: Any, **kw: Any) -> str:
    value, precision = (compiler.process(arg, **kw) for arg in element.clauses)
    return (
        f"CASE {precision} WHEN 'year' THEN date({value}, '+1 year') "
        f"WHEN 'month' THEN date({value}, '+1 month') "
        f"ELSE date({value}, '+1 day') END"
    )


@compiles(period_end_exclusive, "postgresql")
def _postgresql_end_exclusive(element: period_end_exclusive, compiler: Any, **kw: Any) -> str:
    value, precision = (compiler.process(arg, **kw) for arg in element.clauses)
    return (
        f"CAST({value} + CASE {precision} WHEN 'year' THEN INTERVAL '1 year' "
        f"WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)"
    )


def covers(
    start: SQLColumnExpression[Any],
    end: SQLColumnExpression[Any],
    end_precision: SQLColumnExpression[Any],
    day: date | SQLColumnExpression[Any],
) -> ColumnElement[bool]:
    """SQL for dates.covers(start, end, end_precision, day)."""
    return and_(
        start.is_not(None),
        start <= day,
        or_(end.is_(None), period_end_exclusive(end, end_precision) > day),
    )


def overlaps(
    start: SQLColumnExpression[Any],
    end: SQLColumnExpression[Any],
    end_precision: SQLColumnExpression[Any],
    other_start: SQLColumnExpression[Any],
    other_end: SQLColumnExpression[Any],
    other_end_precision: SQLColumnExpression[Any],
) -> ColumnElement[bool]:
    """Two intervals share at least one day under the point-in-time rule (unknown start: never)."""
    return and_(
        start.is_not(None),
        other_start.is_not(None),
        or_(end.is_(None), period_end_exclusive(end, end_precision) > other_start),
        or_(other_end.is_(None), period_end_exclusive(other_end, other_end_precision) > start),
    )


@overload
def partial(value: date | str, precision: str | None) -> PartialDate: ...
@overload
def partial(value: date | str | None, precision: str | None) -> PartialDate | None: ...
def partial(value: date | str | None, precision: str | None) -> PartialDate | None:
    """A stored date and its precision as one value that prints at its precision."""
    if value is None:
        return None
    if isinstance(value, str):  # raw SQL on SQLite hands back ISO text
        value = date.fromisoformat(value)
    return PartialDate(value, DatePrecision(precision or DatePrecision.DAY))


def covers_last_day(
    start: SQLColumnExpression[Any],
    end: SQLColumnExpression[Any],
    end_precision: SQLColumnExpression[Any],
    day_after: SQLColumnExpression[Any],
) -> ColumnElement[bool]:
    """`covers` for the day before `day_after`: a period's last day, without date subtraction."""
    return and_(
        start.is_not(None),
        start < day_after,
        or_(end.is_(None), period_end_exclusive(end, end_precision) >= day_after),
    )


def spell_covers_day(
    start: SQLColumnExpression[Any],
    day_after_end: SQLColumnExpression[Any],
    day: SQLColumnExpression[Any],
) -> ColumnElement[bool]:
    """`covers` for a spell whose start is known and whose day after its end is computed
    already (NULL: open), as a statement that reads its spells once keeps them: no date is
    computed per row it is tested against."""
    return and_(start <= day, or_(day_after_end.is_(None), day_after_end > day))
