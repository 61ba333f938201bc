"""Trade periods as sources write them: a year, a quarter, a month, or a span with its own ends.

`2018` is the calendar year, `2018-Q1` its first quarter, `2018-05` May; `2019-04..2020-03`
(or with days, `2019-04-01..2020-03-31`, or years, `2016..2020`) is a span, a fiscal year
when the file says so. A period is a first day, a last day and a precision, as trade figures
store it (period_start, period_end, period_precision).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from bilateral_db.core.dates import MAX_YEAR, MIN_YEAR
from bilateral_db.core.vocabulary import PeriodPrecision

# The precisions of trade_figure.period_precision.
YEAR, QUARTER, MONTH = PeriodPrecision.YEAR, PeriodPrecision.QUARTER, PeriodPrecision.MONTH
FISCAL_YEAR, SPAN = PeriodPrecision.FISCAL_YEAR, PeriodPrecision.SPAN
PRECISIONS = tuple(PeriodPrecision)
MAX_FISCAL_MONTHS = 18  # a fiscal year that changes its year end may run longer than twelve

_YEAR = re.compile(r"([0-9]{4})")
_QUARTER = re.compile(r"([0-9]{4})-[Qq]([1-4])")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


class Period(NamedTuple):
    """Days `start` to `end`, both inclusive, at `precision` (a named tuple: rows and caches
    hash it often)."""

    start: date
    end: date
    precision: str

    @property
    def mapping_day(self) -> date:
        """The day codes are mapped to countries on: 1 July of a calendar year (the project's
        rule for every importer and panel), else the period's first day."""
        if self.precision == YEAR:
            return date(self.start.year, 7, 1)
        return self.start

    def __str__(self) -> str:
        if self.precision == YEAR:
            return f"{self.start.year:04d}"
        if self.precision == QUARTER:
            return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"
        if self.precision == MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


class PeriodError(ValueError):
    """Why a period cannot be read; the message is for the person who wrote it."""


def year(value: int) -> Period:
    _check_year(value)
    return Period(date(value, 1, 1), date(value, 12, 31), YEAR)


def month(year_: int, month_: int) -> Period:
    _check_year(year_)
    if not 1 <= month_ <= 12:
        raise PeriodError(f"{month_:02d} is not a month (01 to 12)")
    last = calendar.monthrange(year_, month_)[1]
    return Period(date(year_, month_, 1), date(year_, month_, last), MONTH)


def quarter(year_: int, number: int) -> Period:
    first = month(year_, 3 * number - 2)
    last = month(year_, 3 * number)
    return Period(first.start, last.end, QUARTER)


FORMS = "2018, 2018-Q1, 2018-05, or a span such as 2019-04..2020-03"


def parse(text: str, kind: str | None = None) -> Period:
    """A period as written, with the kind the file gives (or None: read from the form)."""
    written = text.strip()
    if kind is not None and kind not in PRECISIONS:
        raise PeriodError(f"{kind!r} is not a period kind (one of {', '.join(PRECISIONS)})")
    if ".." in written:
        first, _, last = written.partition("..")
        period = _span(first.strip(), last.strip(), kind or SPAN)
    else:
        period = _single(written)
        if kind is not None and kind != period.precision:
            if kind in (FISCAL_YEAR, SPAN):
                raise PeriodError(
                    f"a {kind.replace('_', ' ')} is written with its first and last month, "
                    f"e.g. 2019-04..2020-03, not {written!r}"
                )
            raise PeriodError(f"{written!r} is a {period.precision}, not a {kind}")
    return period


def _single(text: str) -> Period:
    if match := _YEAR.fullmatch(text):
        return year(int(match.group(1)))
    if match := _QUARTER.fullmatch(text):
        return quarter(int(match.group(1)), int(match.group(2)))
    if match := _MONTH.fullmatch(text):
        return month(int(match.group(1)), int(match.group(2)))
    if _DAY.fullmatch(text):
        raise PeriodError(f"{text!r} is a day: a trade period is at least a month ({FORMS})")
    raise PeriodError(f"{_shown(text)} is not a period ({FORMS})")


def _span(first: str, last: str, kind: str) -> Period:
    if kind not in (FISCAL_YEAR, SPAN):
        raise PeriodError(f"a span of days is a fiscal_year or a span, not a {kind}")
    start, end = _first_day(first), _last_day(last)
    if _form(first) != _form(last):
        raise PeriodError(f"both ends of a span are written alike: {first!r} and {last!r}")
    if end < start:
        raise PeriodError(f"the span ends ({last}) before it starts ({first})")
    if kind == FISCAL_YEAR:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months > MAX_FISCAL_MONTHS:
            raise PeriodError(f"a fiscal year of {months} months is too long (at most 18)")
    return Period(start, end, kind)


def _form(text: str) -> str:
    return "day" if _DAY.fullmatch(text) else "month" if _MONTH.fullmatch(text) else "year"


def _first_day(text: str) -> date:
    if match := _DAY.fullmatch(text):
        return _day(match)
    return _single_for_span(text).start


def _last_day(text: str) -> date:
    if match := _DAY.fullmatch(text):
        return _day(match)
    return _single_for_span(text).end


def _single_for_span(text: str) -> Period:
    if _YEAR.fullmatch(text) or _MONTH.fullmatch(text):
        return _single(text)
    raise PeriodError(f"{_shown(text)} is not an end of a span (2019, 2019-04 or 2019-04-01)")


def _day(match: re.Match[str]) -> date:
    value = int(match.group(1))
    _check_year(value)
    try:
        return date(value, int(match.group(2)), int(match.group(3)))
    except ValueError as error:
        raise PeriodError(f"{match.group(0)} is not a real date ({error})") from None


def _check_year(value: int) -> None:
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise PeriodError(f"{value} is out of range (years {MIN_YEAR} to {MAX_YEAR})")


def _shown(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    return repr(text if len(text) <= 40 else text[:37] + "...")
