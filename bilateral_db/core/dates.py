"""Dates with a precision, as sources write them: 1997-07-23, 2019-09, 1976.

Point-in-time rule (used by validation and by every report): an interval [start, end] covers
the day D when start <= D and D < end_exclusive(end). A day-precision end is inclusive (the
handover day belongs to both predecessor and successor); a month- or year-precision end covers
its whole month or year. An unknown start (NULL) never covers a day; an open end covers all later
days. For overlap checks the day-precision end is exclusive instead, so a handover day is no
overlap; see the 0001 migration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import overload

from bilateral_db.core.quoting import quoted
from bilateral_db.core.vocabulary import DatePrecision

MIN_YEAR, MAX_YEAR = 1, 9998  # the last day of any period in 9998 is still a date

_PATTERNS = (
    (re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$"), DatePrecision.DAY),
    (re.compile(r"^([0-9]{4})-([0-9]{2})$"), DatePrecision.MONTH),
    (re.compile(r"^([0-9]{4})$"), DatePrecision.YEAR),
)
# The same forms as one regular expression, for schemas (the API's parameters and answers).
DATE_PATTERN = "|".join(pattern.pattern for pattern, _ in _PATTERNS)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a precision; `value` is the first day of its period."""

    value: date
    precision: DatePrecision

    @classmethod
    def parse(cls, text: str | int | date) -> PartialDate:
        """Read `1997-07-23`, `2019-09` or `1976` (YAML may hand over a date or an int).

        Years run from 1 to 9998, so that the end of any period is still a date.
        """
        if isinstance(text, date):
            return cls(_in_range(text, text.isoformat()), DatePrecision.DAY)
        raw = str(text).strip() if isinstance(text, str) else str(text)
        for pattern, precision in _PATTERNS:
            match = pattern.match(raw)
            if match:
                parts = [int(part) for part in match.groups()] + [1, 1]
                try:
                    day = date(parts[0], parts[1], parts[2])
                except ValueError as error:
                    raise ValueError(f"{quoted(raw)} is not a real date ({error})") from None
                return cls(_in_range(day, raw), precision)
        raise ValueError(f"{quoted(raw)} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")

    def __str__(self) -> str:
        return format_partial(self.value, self.precision)

    @property
    def last_day(self) -> date:
        return period_end_exclusive(self.value, self.precision) - timedelta(days=1)


def _in_range(day: date, raw: str) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"{quoted(raw)} is out of range: years run from {MIN_YEAR} to {MAX_YEAR}")
    return day


@overload
def format_partial(value: date, precision: str | None) -> str: ...
@overload
def format_partial(value: date | None, precision: str | None) -> str | None: ...
def format_partial(value: date | None, precision: str | None) -> str | None:
    """The date as the source wrote it: 2019-09-01 at month precision is '2019-09'."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def period_end_exclusive(value: date, precision: str | None) -> date:
    """The first day after the period that `value` at `precision` stands for (None: a day)."""
    if precision == DatePrecision.YEAR:
        return date(value.year + 1, 1, 1)
    if precision == DatePrecision.MONTH:
        return date(value.year + value.month // 12, value.month % 12 + 1, 1)
    return value + timedelta(days=1)


def covers(
    start: date | None,
    end: date | None,
    end_precision: str | None,
    day: date,
) -> bool:
    """Whether the interval [start, end] covers `day` under the point-in-time rule above."""
    if start is None or start > day:
        return False
    return end is None or day < period_end_exclusive(end, end_precision or DatePrecision.DAY)


def overlap_end_exclusive(end: date | None, end_precision: str | None) -> date | None:
    """The end used for overlap checks: a day-precision end is exclusive (handover day)."""
    if end is None:
        return None
    if end_precision in (DatePrecision.MONTH, DatePrecision.YEAR):
        return period_end_exclusive(end, end_precision)
    return end


def ranges_overlap(
    a_start: date | None,
    a_end: date | None,
    a_end_precision: str | None,
    b_start: date | None,
    b_end: date | None,
    b_end_precision: str | None,
) -> bool:
    """The PostgreSQL exclusion constraints' test, for validating before the database sees it."""
    a_stop = overlap_end_exclusive(a_end, a_end_precision)
    b_stop = overlap_end_exclusive(b_end, b_end_precision)

    def non_empty(start: date | None, stop: date | None) -> bool:
        return start is None or stop is None or start < stop

    if not (non_empty(a_start, a_stop) and non_empty(b_start, b_stop)):
        return False
    return (a_start is None or b_stop is None or a_start < b_stop) and (
        b_start is None or a_stop is None or b_start < a_stop
    )


def certainly_overlap(
    a_start: date | None,
    a_start_precision: str | None,
    a_end: date | None,
    b_start: date | None,
    b_start_precision: str | None,
    b_end: date | None,
) -> bool:
    """Whether two intervals share a day whatever their exact dates (the terms' guard, span
    "certain"): each covers for certain from the last day of its start's period to the day
    before the first of its end's, so two terms known to the month may both touch that month."""

    def first(start: date | None, precision: str | None) -> date | None:
        return None if start is None else period_end_exclusive(start, precision) - timedelta(1)

    a_first, b_first = first(a_start, a_start_precision), first(b_start, b_start_precision)

    def non_empty(start: date | None, stop: date | None) -> bool:
        return start is None or stop is None or start < stop

    if not (non_empty(a_first, a_end) and non_empty(b_first, b_end)):
        return False
    return (a_first is None or b_end is None or a_first < b_end) and (
        b_first is None or a_end is None or b_first < a_end
    )
