"""Reading one table of a Comtrade file: its layout, its cells, and caches of parsed cells."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

from bilateral_db.core import periods
from bilateral_db.core.periods import Period, PeriodError
from bilateral_db.core.vocabulary import Valuation
from bilateral_db.imports.trade_files.comtrade_layouts import (
    CLASSIFICATIONS,
    FLOWS,
    LAYOUTS,
    LEGACY,
    LEGACY_FLOWS,
    PLUS_ANNUAL_MONTH,
    QUANTITY_UNITS,
    TOTAL,
    Flow,
    Layout,
    QuantityUnit,
)
from bilateral_db.imports.trade_files.comtrade_rows import (
    ComtradeCounts,
    ComtradeRow,
    TableSummary,
)
from bilateral_db.imports.trade_files.m49 import Area
from bilateral_db.imports.trade_files.numbers import machine_units
from bilateral_db.imports.trade_files.table import Table

CENTS, MILLI = 2, 3  # decimal places of stored money and quantities
MISSING: Any = object()
# Cells most rows hold, read once: estimation codes, and true/false as Comtrade writes them.
FLAGS: dict[str, int | None] = {"": None, **{str(code): code for code in range(100)}}
BOOLS: dict[str, bool | None] = {"": None, "0": False, "1": True, "true": True, "false": False}
TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})
MAX_CODE_DIGITS = 12
# The fields _row reads, in its order: layouts name the columns they have of them.
CELLS = (
    *("type", "freq", "year", "month", "period", "classification", "level", "is_leaf", "flow"),
    *("reporter", "partner", "partner2", "customs", "transport", "commodity", "qty_unit", "qty"),
    *("qty_estimated", "net_weight", "net_weight_estimated", "value", "cif", "fob", "flag"),
    "is_reported",
)


class TableReading:
    """One table: its layout, column positions and caches of parsed cells."""

    def __init__(self, reader: ComtradeCounts, table: Table) -> None:
        self.reader = reader
        self.table = table
        self.codes = reader.codes
        self.layout: Layout | None = None
        self.pick: Callable[[list[str]], tuple[str, ...]] = itemgetter(0)
        self.flows: dict[str, Flow] = FLOWS
        self.periods: dict[tuple[str, ...], Period | None] = {}
        self.areas: dict[tuple[int, Period], Area] = {}
        self.known: dict[str, int | None] = {}
        self.commodities: dict[tuple[str, str, str], tuple[str, int] | None] = {}
        self.summary: TableSummary | None = None

    def problem(self, line: int, fieldname: str, message: str) -> None:
        """A problem of a cell, named by the header's own name of its column."""
        assert self.layout is not None
        key = self.layout.fields.get(fieldname, fieldname)
        column = self.table.column(key) if key in self.table.keys else fieldname
        self.table.problem(line, column, message)

    def rows(self) -> Iterator[ComtradeRow]:
        problems_before = len(self.reader.problems.items)
        for line, cells in self.table.rows(self._start):
            row = self._row(line, cells)
            if row is not None and len(self.reader.problems.items) == problems_before:
                assert self.summary is not None
                self.summary.rows += 1
                yield row
        self.reader.problems.check()

    def _start(self) -> bool:
        """Recognise the layout from the header; refuse a table of neither."""
        keys = self.table.keys
        layout = next((lay for lay in LAYOUTS if all(k in keys for k in lay.marks[:2])), None)
        if layout is None:
            self.table.problem(self.table.header_line, None, _not_comtrade(self.table.columns))
            return False
        missing = [f for f in layout.required if layout.fields[f] not in keys]
        for name in missing:
            self.table.problem(
                self.table.header_line,
                _title(layout.fields[name]),
                f"required column of a {layout.title} file is missing",
            )
        if missing:
            return False
        self.layout = layout
        absent = len(self.table.columns)  # _row appends one empty cell there
        self.pick = itemgetter(*(keys.get(layout.fields.get(name, ""), absent) for name in CELLS))
        self.flows = LEGACY_FLOWS if layout is LEGACY else FLOWS
        self.summary = TableSummary(self.table.name, layout.name)
        self.reader.tables.append(self.summary)
        return True

    def _row(self, line: int, cells: list[str]) -> ComtradeRow | None:
        cells.append("")  # what an absent column reads as
        (
            kind, freq, year, month, period_text, classification, level, is_leaf, flow_text,
            reporter_text, partner_text, partner2, customs, transport, commodity_text, unit_text,
            qty_text, qty_estimated_text, weight_text, weight_estimated_text, value_text,
            cif, fob, flag_text, is_reported,
        ) = map(str.strip, self.pick(cells))  # fmt: skip
        period_key = (period_text, year, freq, month, kind)
        period = (
            self.periods[period_key]
            if period_key in self.periods
            else self._period(line, period_key)
        )
        flow = self.flows.get(flow_text)
        if flow is None:
            known = ", ".join(self.flows)
            self.problem(line, "flow", f"{flow_text[:20]!r} is not a trade flow code ({known})")
        reporter = (
            self.known[reporter_text]
            if reporter_text in self.known
            else self._code(line, "reporter", reporter_text)
        )
        partner = (
            self.known[partner_text]
            if partner_text in self.known
            else self._code(line, "partner", partner_text)
        )
        if classification not in CLASSIFICATIONS:
            self.problem(
                line,
                "classification",
                f"{classification[:20]!r} is not a goods classification "
                f"({', '.join(CLASSIFICATIONS)})",
            )
        commodity = self._commodity(line, commodity_text, level, classification)
        if value_text.isascii() and value_text.isdigit() and len(value_text) <= 16:
            value: int | bool | None = int(value_text) * 100
        else:
            value = self._money(line, "value", value_text)
        unit = (QUANTITY_UNITS.get(unit_text) or self._unit(line, unit_text)) if unit_text else None
        quantity = self._quantity(line, qty_text, unit) if qty_text else None
        if not weight_text:
            weight: int | bool | None = None
        elif weight_text.isdigit() and weight_text.isascii() and len(weight_text) <= 15:
            weight = int(weight_text) * 1000  # MILLI places: grams of a kilogram
        else:
            weight = self._measure(line, "net_weight", weight_text, MILLI)
        flag = FLAGS.get(flag_text, MISSING)
        if flag is MISSING:
            flag = self._flag(line, flag_text)
        if (
            period is None
            or flow is None
            or reporter is None
            or partner is None
            or commodity is None
            or value is False
            or quantity is False
            or weight is False
            or flag is False
            or classification not in CLASSIFICATIONS
        ):
            return None
        if self.layout is LEGACY:
            qty_estimated = weight_estimated = None
            if flag is not None:
                qty_estimated, weight_estimated = bool(flag & 2), bool(flag & 4)
        else:
            qty_estimated = self._bool(line, "qty_estimated", qty_estimated_text)
            weight_estimated = self._bool(line, "net_weight_estimated", weight_estimated_text)
        areas = self.areas
        row = ComtradeRow(
            self.table.name,
            line,
            classification,
            period,
            reporter,
            partner,
            areas.get((reporter, period)) or self._area(line, reporter, period),
            areas.get((partner, period)) or self._area(line, partner, period),
            flow,
            commodity[0],
            commodity[1],
            leaf
            if (leaf := BOOLS.get(is_leaf, MISSING)) is not MISSING
            else self._bool(line, "is_leaf", is_leaf),
            value,
            self._valuation(line, value, cif, fob) if (cif or fob) else Valuation.NOT_STATED,
            quantity,
            unit.unit if unit is not None and quantity is not None else None,
            qty_estimated,
            weight,
            weight_estimated,
            flag,
            reported
            if (reported := BOOLS.get(is_reported, MISSING)) is not MISSING
            else self._bool(line, "is_reported", is_reported),
            self._optional_code(line, "partner2", partner2) if partner2 else None,
            customs or None,
            self._optional_code(line, "transport", transport) if transport else None,
        )
        if partner2 not in ("", "0") or customs not in ("", "C00") or transport not in ("", "0"):
            self.reader.breakdown_rows += 1  # as row.is_breakdown says, without the call
        return row

    # --- cells -------------------------------------------------------------------------------

    def _period(self, line: int, key: tuple[str, str, str, str, str]) -> Period | None:
        period = self._read_period(line, *key)
        if len(self.periods) < 10_000:
            self.periods[key] = period
        return period

    def _read_period(
        self, line: int, text: str, year: str, freq: str, month: str, kind: str
    ) -> Period | None:
        if kind and kind != "C":
            self.problem(
                line,
                "type",
                f"{kind[:10]!r}: only goods (C) are trade figures here; services (S) are not read",
            )
            return None
        if self.layout is LEGACY:
            freq = "A" if len(text) == 4 else "M"
        elif freq not in ("A", "M"):
            self.problem(line, "freq", f"{freq[:10]!r} is not a frequency (A annual, M monthly)")
            return None
        if not (text.isascii() and text.isdigit()) or len(text) != (4 if freq == "A" else 6):
            self.problem(
                line,
                "period",
                f"{text[:20]!r} is not a period (2016 for a year, 201605 for a month)",
            )
            return None
        try:
            period = (
                periods.year(int(text))
                if freq == "A"
                else periods.month(int(text[:4]), int(text[4:]))
            )
        except PeriodError as error:
            self.problem(line, "period", f"{text!r}: {error}")
            return None
        if year and year != text[:4]:
            self.problem(line, "year", f"{year[:10]!r} is not the year of the period {text}")
            return None
        if self.layout is not LEGACY and month:
            expected = PLUS_ANNUAL_MONTH if freq == "A" else str(int(text[4:]))
            if month.lstrip("0") != expected:
                self.problem(
                    line,
                    "month",
                    f"{month[:10]!r} does not match the period {text} (expected {expected})",
                )
                return None
        return period

    def _code(self, line: int, fieldname: str, text: str) -> int | None:
        if text in self.known:
            code = self.known[text]
        else:
            code = int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else None
            if code is not None and not self.codes.known(code):
                code = None
            if len(self.known) < 10_000:
                self.known[text] = code
        if code is None:
            if text.isascii() and text.isdigit() and len(text) <= 4:
                self.problem(
                    line,
                    fieldname,
                    f"{text} is not a UN Comtrade area code of {self.codes.path.name} "
                    "(add it there, with what it stands for)",
                )
            else:
                self.problem(
                    line, fieldname, f"{text[:20]!r} is not an area code (a number, e.g. 842)"
                )
        return code

    def _optional_code(self, line: int, fieldname: str, text: str) -> int | None:
        if not text:
            return None
        if text.isascii() and text.isdigit() and len(text) <= 4:
            return int(text)
        self.problem(line, fieldname, f"{text[:20]!r} is not a code number")
        return None

    def _area(self, line: int, code: int, period: Period) -> Area | None:
        """What `code` stands for in `period` (cached); a code placed nowhere is counted."""
        day = period.mapping_day
        area = self.codes.on(code, day)
        if area is not None and len(self.areas) < 100_000:
            self.areas[code, period] = area
        if area is None:
            self.reader.count_unplaced(code, f"{self.table.name}:{line}", day, day, 1)
        return area

    def _commodity(
        self, line: int, code: str, level: str, classification: str
    ) -> tuple[str, int] | None:
        key = (code, level, classification)
        if key in self.commodities:
            return self.commodities[key]
        found: tuple[str, int] | None = None
        if code == TOTAL:
            found = (code, 0)
        elif code.isascii() and code.isdigit() and len(code) <= MAX_CODE_DIGITS:
            found = (code, len(code))
        else:
            self.problem(
                line, "commodity", f"{code[:20]!r} is not a commodity code (TOTAL or digits)"
            )
        if found is not None and level and level != str(found[1]):
            self.problem(
                line, "level", f"{level[:10]!r} is not the level of commodity {code} ({found[1]})"
            )
            found = None
        if len(self.commodities) < 100_000:
            self.commodities[key] = found
        return found

    def _money(self, line: int, fieldname: str, text: str, count: bool = True) -> int | bool | None:
        """Cents; None for an empty cell (unknown); False after a problem."""
        if not text:
            return None
        if text.isascii() and text.isdigit() and len(text) <= 16:
            return int(text) * 100
        parsed = machine_units(text, CENTS)
        if parsed is None:
            self.problem(
                line,
                fieldname,
                f"{text[:30]!r} is not an amount of US dollars (digits, an optional decimal point)",
            )
            return False
        if parsed[1] and count:
            self.reader.rounded_values += 1
        return parsed[0]

    def _measure(self, line: int, fieldname: str, text: str, places: int) -> int | bool | None:
        if not text:
            return None
        if text.isascii() and text.isdigit() and len(text) <= 15:
            return int(text) * 10**places
        parsed = machine_units(text, places)
        if parsed is None:
            self.problem(
                line,
                fieldname,
                f"{text[:30]!r} is not a number (digits, an optional decimal point)",
            )
            return False
        return parsed[0]

    def _unit(self, line: int, text: str) -> QuantityUnit | None:
        if not text:
            return None
        unit = QUANTITY_UNITS.get(text)
        if unit is None:
            self.problem(
                line,
                "qty_unit",
                f"{text[:10]!r} is not a Comtrade quantity unit code (-1, 1 to 13)",
            )
        return unit

    def _quantity(self, line: int, text: str, unit: QuantityUnit | None) -> int | bool | None:
        if text.isdigit() and text.isascii() and len(text) <= 15:
            amount: int | bool | None = int(text) * 1000  # MILLI places
        else:
            amount = self._measure(line, "qty", text, MILLI)
        if amount is False or amount is None:
            return amount
        if unit is None or unit.unit is None:
            if amount:
                self.problem(
                    line, "qty", f"a quantity of {text[:20]} with no unit (its unit code says none)"
                )
                return False
            return None  # Comtrade+ writes 0 for "no quantity"
        return amount * unit.factor

    def _flag(self, line: int, text: str) -> int | bool | None:
        if not text:
            return None
        if text.isascii() and text.isdigit() and len(text) <= 2:
            return int(text)
        self.problem(line, "flag", f"{text[:10]!r} is not an estimation code (a small number)")
        return False

    def _bool(self, line: int, fieldname: str, text: str) -> bool | None:
        if not text:
            return None
        lowered = text.lower()
        if lowered in TRUE:
            return True
        if lowered in FALSE:
            return False
        self.problem(line, fieldname, f"{text[:10]!r} is not true or false")
        return None

    def _valuation(self, line: int, value: int | None, cif: str, fob: str) -> Valuation:
        """Comtrade+ gives the CIF and FOB values beside the primary one: the primary value is
        whichever it equals. The legacy layout does not say (reporters differ)."""
        if value is None:
            return Valuation.NOT_STATED
        for text, valuation in ((cif, Valuation.CIF), (fob, Valuation.FOB)):
            if text:
                name = "cif" if valuation is Valuation.CIF else "fob"
                amount = self._money(line, name, text, count=False)
                if amount is not False and amount == value:
                    return valuation
        return Valuation.NOT_STATED


def _title(key: str) -> str:
    for layout in LAYOUTS:
        for fieldname, column in layout.fields.items():
            if column == key:
                return _COLUMN_TITLES.get(key, fieldname)
    return key


# How each layout writes its required columns, for messages about a missing one.
_COLUMN_TITLES = {
    "classification": "Classification",
    "year": "Year",
    "period": "Period / period",
    "tradeflowcode": "Trade Flow Code",
    "reportercode": "Reporter Code / reporterCode",
    "partnercode": "Partner Code / partnerCode",
    "commoditycode": "Commodity Code",
    "tradevalueus": "Trade Value (US$)",
    "freqcode": "freqCode",
    "classificationcode": "classificationCode",
    "flowcode": "flowCode",
    "cmdcode": "cmdCode",
    "primaryvalue": "primaryValue",
}


def _not_comtrade(columns: list[str]) -> str:
    shown = ", ".join(columns[:8]) + (", ..." if len(columns) > 8 else "")
    return (
        f"is not a UN Comtrade bulk file: its header ({shown}) has neither the legacy bulk "
        "layout's Trade Flow Code and Trade Value (US$) nor Comtrade+'s flowCode and "
        "primaryValue (docs/trade-files.md)"
    )
