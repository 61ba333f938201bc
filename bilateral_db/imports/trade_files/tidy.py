"""The tidy trade CSV, the format a researcher writes by hand or exports from a spreadsheet:
one figure a row, read by `TidyReader(path).rows()` (docs/trade-files.md describes it).

    reporter,partner,period,flow,category,value,unit,source
    RUS,THA,2018,total,all-goods,2.6 bn,USD,mid-ru-2019-07-30

Values are exact integers in the unit's smallest step (cents for USD, thousandths for
quantities), with the rounding their written form implies ("2.6 bn" is rounded to 0.1 bn);
codes are read in any case; an empty value is unknown only when the row says so (status).
Every problem names the file, the line and the column as the header writes it; columns the
format does not know are refused, so a misspelt optional column is not silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from iso4217 import Currency

from bilateral_db.core import periods
from bilateral_db.core.periods import Period
from bilateral_db.core.vocabulary import (
    Qualifier,
    TradeFlow,
    TradeSeries,
    Valuation,
    ValueStatus,
)
from bilateral_db.imports.trade_files.inputs import DAMAGED, members
from bilateral_db.imports.trade_files.numbers import Amount, AmountError, written_amount
from bilateral_db.imports.trade_files.table import Problems, Table, column_key

REQUIRED = ("reporter", "partner", "period", "flow", "category", "value", "unit", "source")
OPTIONAL = ("period_kind", "value_high", "qualifier", "series", "valuation", "status", "note")
COLUMNS = REQUIRED + OPTIONAL
# The trade series: part of a figure's key.
SERIES = tuple(TradeSeries)
QUANTITY_PLACES = 3  # quantities are stored in thousandths of their unit
# Quantity units, and how a spreadsheet may write them.
QUANTITY_UNITS: dict[str, str] = {
    **{
        unit: unit
        for unit in (
            "tonne",
            "kg",
            "litre",
            "barrel",
            "cubic_metre",
            "head",
            "item",
            "square_metre",
            "megawatt_hour",
            "metre",
            "pair",
            "package",
            "carat",
        )
    },
    "tonnes": "tonne",
    "t": "tonne",
    "litres": "litre",
    "l": "litre",
    "barrels": "barrel",
    "bbl": "barrel",
    "m3": "cubic_metre",
    "m³": "cubic_metre",
    "items": "item",
    "units": "item",
}
_Term = TypeVar("_Term", bound=StrEnum)
_Value = TypeVar("_Value")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,39}")
_CATEGORY = re.compile(r"[a-z0-9][a-z0-9:._-]{0,39}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")


@dataclass(frozen=True, slots=True)
class TidyRow:
    """One figure of a tidy file. `amount` is in cents of `currency` (money) or thousandths of
    `quantity_unit` (goods); `rounding` in the same steps (None: as exact as the step)."""

    source: str  # the file
    line: int
    reporter: str
    partner: str
    period: Period
    flow: TradeFlow
    category: str
    status: ValueStatus
    amount: int | None
    amount_high: int | None
    rounding: int | None
    currency: str | None
    quantity_unit: str | None
    qualifier: Qualifier
    series: str
    valuation: Valuation
    sources: tuple[str, ...]
    note: str | None

    @property
    def value_minor(self) -> int | None:
        return self.amount if self.currency is not None else None

    @property
    def value_high_minor(self) -> int | None:
        return self.amount_high if self.currency is not None else None

    @property
    def quantity_milli(self) -> int | None:
        return self.amount if self.quantity_unit is not None else None


@dataclass
class TidyReader:
    """Reads one tidy file. `actors` and `categories`, when given, are the codes the database
    knows (reporter and partner codes upper case, categories lower case): others are problems
    of the file rather than of the import."""

    path: Path
    actors: Container[str] | None = None
    categories: Container[str] | None = None
    problems: Problems = field(default_factory=Problems)
    rows_read: int = 0

    def rows(self) -> Iterator[TidyRow]:
        if not self.path.is_file():
            self.problems.add(str(self.path), 0, None, "no such file")
            self.problems.check()
        try:
            tables = list(members(self.path))
        except DAMAGED as error:
            self.problems.add(str(self.path), 0, None, f"cannot be read as an archive: {error}")
            tables = []
        for member in tables:
            yield from _Reading(self, Table(member, self.problems)).rows()
        self.problems.check()


class _Reading:
    def __init__(self, reader: TidyReader, table: Table) -> None:
        self.reader = reader
        self.table = table
        self.at: dict[str, int] = {}
        self.units: dict[str, tuple[str | None, str | None, int] | None] = {}

    def rows(self) -> Iterator[TidyRow]:
        for line, cells in self.table.rows(self._header):
            before = len(self.reader.problems.items)
            row = self._row(line, cells)
            if row is not None and len(self.reader.problems.items) == before:
                self.reader.rows_read += 1
                yield row

    def _header(self) -> bool:
        known = {column_key(name): name for name in COLUMNS}
        ok = True
        for key, position in self.table.keys.items():
            if key in known:
                self.at[known[key]] = position
            else:
                expected = ", ".join(COLUMNS)
                self.table.problem(
                    self.table.header_line,
                    self.table.columns[position],
                    f"is not a column of the tidy trade format ({expected})",
                )
                ok = False
        for name in REQUIRED:
            if name not in self.at:
                self.table.problem(self.table.header_line, name, "required column is missing")
                ok = False
        return ok

    def problem(self, line: int, name: str, message: str) -> None:
        self.table.problem(line, self.table.columns[self.at[name]], message)

    def _row(self, line: int, cells: list[str]) -> TidyRow | None:
        def get(name: str) -> str:
            position = self.at.get(name)
            return cells[position].strip() if position is not None else ""

        def check(name: str, parse: Callable[[str], _Value]) -> _Value | None:
            try:
                return parse(get(name))
            except ValueError as error:
                self.problem(line, name, str(error))
                return None

        reporter = check("reporter", self._actor)
        partner = check("partner", self._actor)
        if reporter is not None and reporter == partner:
            self.problem(line, "partner", f"is the reporter ({reporter}): a figure is between two")
        period = check("period", lambda text: periods.parse(text, get("period_kind") or None))
        flow = check("flow", lambda text: _choice(text, TradeFlow, "flow"))
        category = check("category", self._category)
        unit = check("unit", self._unit)
        qualifier = check("qualifier", lambda t: _choice(t or "exact", Qualifier, "qualifier"))
        series = check("series", _series)
        valuation = check("valuation", lambda t: _choice(t or "not_stated", Valuation, "valuation"))
        sources = check("source", _sources)
        status, amount = self._value(line, get, unit)
        if (
            reporter is None
            or partner is None
            or period is None
            or flow is None
            or category is None
            or unit is None
            or qualifier is None
            or series is None
            or valuation is None
            or sources is None
            or status is None
        ):
            return None
        high = self._high(line, get("value_high"), unit, amount)
        rounding = amount.rounding if amount is not None else None
        if high is not None and high.rounding is not None:
            rounding = max(rounding or 0, high.rounding)
        return TidyRow(
            self.table.name,
            line,
            reporter,
            partner,
            period,
            flow,
            category,
            status,
            amount.units if amount is not None else None,
            high.units if high is not None else None,
            rounding,
            unit[0],
            unit[1],
            qualifier,
            series,
            valuation,
            sources,
            get("note") or None,
        )

    def _value(
        self, line: int, get: Callable[[str], str], unit: tuple[str | None, str | None, int] | None
    ) -> tuple[ValueStatus | None, Amount | None]:
        text, status_text = get("value"), get("status")
        try:
            status = _choice(status_text, ValueStatus, "status") if status_text else None
        except ValueError as error:
            self.problem(line, "status", str(error))
            return None, None
        if not text:
            if status in (None, ValueStatus.OBSERVED):
                self.problem(
                    line,
                    "value",
                    "is empty: give the value, or status unknown (or not_covered) "
                    "where the source has none",
                )
                return None, None
            return status, None
        if status not in (None, ValueStatus.OBSERVED):
            self.problem(line, "value", f"a value with status {status}: leave one of them out")
            return None, None
        if unit is None:
            return ValueStatus.OBSERVED, None
        try:
            return ValueStatus.OBSERVED, written_amount(text, unit[2], unit[0] or unit[1] or "")
        except AmountError as error:
            self.problem(line, "value", str(error))
            return None, None

    def _high(
        self, line: int, text: str, unit: tuple[str | None, str | None, int], low: Amount | None
    ) -> Amount | None:
        if not text:
            return None
        if low is None:
            self.problem(line, "value_high", "a range needs its low end in value")
            return None
        try:
            high = written_amount(text, unit[2], unit[0] or unit[1] or "")
        except AmountError as error:
            self.problem(line, "value_high", str(error))
            return None
        if high.units < low.units:
            self.problem(line, "value_high", f"{text} is below the value: a range runs upward")
            return None
        return high

    def _actor(self, text: str) -> str:
        if not _CODE.fullmatch(text):
            raise ValueError(f"{_shown(text)} is not a code (ISO alpha-3, a bloc or a region)")
        code = text.upper()
        if self.reader.actors is not None and code not in self.reader.actors:
            raise ValueError(f"{code} is not a country, bloc or region of the database")
        return code

    def _category(self, text: str) -> str:
        code = text.lower()
        if not _CATEGORY.fullmatch(code):
            raise ValueError(f"{_shown(text)} is not a product category (all-goods, hs2017:27)")
        if self.reader.categories is not None and code not in self.reader.categories:
            raise ValueError(f"{code} is not a product category of the database")
        return code

    def _unit(self, text: str) -> tuple[str | None, str | None, int]:
        """(currency, quantity unit, decimal places of its stored step)."""
        if text in self.units:
            found = self.units[text]
            if found is None:
                raise ValueError(f"{_shown(text)} is not a currency or unit")
            return found
        found = None
        try:
            if len(text) == 3 and text.isalpha():
                currency = Currency(text.upper())
                if currency.exponent is not None:
                    found = (currency.code, None, currency.exponent)
        except ValueError:
            pass
        if found is None and text.lower() in QUANTITY_UNITS:
            found = (None, QUANTITY_UNITS[text.lower()], QUANTITY_PLACES)
        self.units[text] = found
        if found is None:
            raise ValueError(
                f"{_shown(text)} is neither an ISO 4217 currency (USD, EUR, RUB) nor a "
                f"quantity unit ({', '.join(sorted(set(QUANTITY_UNITS.values())))})"
            )
        return found


def _choice(text: str, vocabulary: type[_Term], what: str) -> _Term:
    try:
        return vocabulary(text.lower())
    except ValueError:
        known = ", ".join(member.value for member in vocabulary)
        raise ValueError(f"{_shown(text)} is not a {what} ({known})") from None


def _series(text: str) -> str:
    series = text.lower() or "reported"
    if series not in SERIES:
        raise ValueError(f"{_shown(text)} is not a series ({', '.join(SERIES)})")
    return series


def _sources(text: str) -> tuple[str, ...]:
    slugs = tuple(part.strip().lower() for part in text.split(";") if part.strip())
    if not slugs:
        raise ValueError("is empty: every figure cites a source (its slug)")
    for slug in slugs:
        if not _SLUG.fullmatch(slug):
            raise ValueError(f"{_shown(slug)} is not a source slug (lower case, digits, -)")
    return slugs


def _shown(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    return repr(text if len(text) <= 40 else text[:37] + "...")


__all__ = ["COLUMNS", "OPTIONAL", "REQUIRED", "TidyReader", "TidyRow"]
