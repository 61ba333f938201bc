"""UN Comtrade tables read a batch of columns at a time (Apache Arrow), where every row is plain.

Reading, checking and mapping a million rows one at a time in Python costs several times what
the database needs to store them. Arrow's CSV reader parses a block of rows into columns in
C++, and the columns are checked and converted with its compute kernels. What needs this
project's own rules (periods, area codes on their mapping day, commodity codes, flows, units,
flags) runs once for each distinct value in the batch, through the row reader's own methods
(comtrade_reading.TableReading). Then it is spread back over the rows.

Only plain tables are read this way:
- regular CSV: the header on line 1, each row on a line of its own, no blank line;
- cells without spaces around them;
- every code, period, flow, unit and flag known;
- numbers as plain decimals.

A breakdown row, or a code placed nowhere on its day, is read and counted as the row reader
counts it: the importer leaves such rows out, with the same findings.

Anything else raises NotPlain, and the import reads its files row by row instead. The row
reader names every problem by file, line and column, and it stays the one statement of the
rules: this module never reports a problem. It gives exactly the rows the row reader would, as
columns, or gives up.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as arrow_csv

from bilateral_db.core.periods import Period
from bilateral_db.core.vocabulary import Valuation
from bilateral_db.imports.trade_files.comtrade_layouts import (
    CLASSIFICATIONS,
    LEGACY,
    QUANTITY_UNITS,
    Flow,
    QuantityUnit,
)
from bilateral_db.imports.trade_files.comtrade_reading import BOOLS, FLAGS, MISSING, TableReading
from bilateral_db.imports.trade_files.comtrade_rows import ComtradeCounts, NotPlain
from bilateral_db.imports.trade_files.inputs import DAMAGED, GZIP_MAGIC
from bilateral_db.imports.trade_files.m49 import Area
from bilateral_db.imports.trade_files.numbers import MAX_DIGITS
from bilateral_db.imports.trade_files.table import Table

# Bytes of CSV Arrow parses at a time: its reader's peak memory grows with them (reading a 1M-row
# file: 4 MiB 290 MB, 512 KiB 125 MB, 256 KiB 107 MB), its speed does not.
BLOCK = 1 << 18
ROWS = 16_384  # rows of a batch
MEMO = 200_000  # distinct values of some cells kept across batches
MAX_TEXT = MAX_DIGITS + 1  # the longest number the row reader reads: digits and a point
SCALE = 10  # decimal places a number may have here (more: read row by row)
# A row that is no breakdown has these (or no such column): comtrade_rows.ComtradeRow.is_breakdown
BREAKDOWN_TOTALS = {"partner2": ("", "0"), "customs": ("", "C00"), "transport": ("", "0")}
_DECIMAL = r"^[0-9]+(\.[0-9]+)?$"
_SEPARATOR = "\x1f"  # joins a row's cells into one key (never a cell of a plain row)


@dataclass
class ComtradeBatch:
    """Rows of one table as columns: what ComtradeRow holds, the repeated values as indices
    into the batch's lists of distinct ones."""

    source: str
    lines: pa.Array  # the file's line of each row
    breakdown: pa.Array  # a Comtrade+ breakdown row (left out by the importer)
    periods: list[Period]
    period: pa.Array  # index into periods
    areas: list[Area]
    reporter_area: pa.Array  # index into areas; negative: placed nowhere that day (counted)
    partner_area: pa.Array
    flows: list[Flow]
    flow: pa.Array  # index into flows
    commodities: list[tuple[str, str]]  # (classification, commodity code)
    commodity: pa.Array  # index into commodities
    value_minor: pa.Array  # int64, null: unknown
    valuation: pa.Array  # the stored valuation
    quantity_milli: pa.Array
    quantity_unit: pa.Array
    quantity_estimated: pa.Array  # bool
    net_weight_g: pa.Array
    net_weight_estimated: pa.Array
    is_reported: pa.Array  # bool

    def __len__(self) -> int:
        return len(self.lines)


class ColumnReading:
    """One table read as batches of columns, with the row reader's rules for its values."""

    def __init__(self, reader: ComtradeCounts, table: Table) -> None:
        self.reader = reader
        self.table = table
        self.rows = TableReading(reader, table)  # the rules, and caches of what they said
        self.memos: dict[tuple[str, ...], dict[str, Any]] = {}  # by cells: key -> value
        self.positions = pa.array([], pa.int64())

    def _positions(self, count: int) -> pa.Array:
        """0 … count - 1, made once: from a Python range it costs as much as a batch's rules."""
        if len(self.positions) < count:
            self.positions = pa.array(range(count), pa.int64())
        return self.positions.slice(0, count)

    def batches(self) -> Iterator[ComtradeBatch]:
        try:
            with _lean_memory(), self.table.member.opener() as buffered:
                gzipped = buffered.peek(2)[:2] == GZIP_MAGIC
                binary: IO[bytes] = gzip.GzipFile(fileobj=buffered) if gzipped else buffered  # type: ignore[assignment]
                self.table._position = buffered.tell if self.table.member.size else lambda: 0
                yield from self._read(binary)
        except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError, *DAMAGED) as error:
            raise NotPlain(f"{self.table.name}: {error}") from None

    def _read(self, binary: IO[bytes]) -> Iterator[ComtradeBatch]:
        delimiter = self._header(binary)
        names = [f"c{i}" for i in range(len(self.table.columns))]
        batches = arrow_csv.open_csv(
            binary,
            read_options=arrow_csv.ReadOptions(
                column_names=names, block_size=BLOCK, use_threads=False
            ),
            parse_options=arrow_csv.ParseOptions(
                delimiter=delimiter, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        line = 2
        for batch in _gathered(batches):
            yield self._batch(line, batch)
            line += batch.num_rows
        if line == 2:
            raise NotPlain(f"{self.table.name}: no data rows")

    def _count_unplaced(
        self, lines: pa.Array, sides: tuple[pa.Array, pa.Array], nowhere: list[tuple[int, date]]
    ) -> None:
        """Codes placed nowhere on their day, counted as the row reader counts them: by code,
        with the first line (of either side), the days, and a row for each side."""
        found: dict[int, tuple[int, date, date, int]] = {}
        for side in sides:
            for index in pc.unique(pc.filter(side, pc.less(side, 0))).to_pylist():
                code, day = nowhere[-1 - index]
                these = pc.equal(side, index)
                line = pc.min(pc.filter(lines, these)).as_py()
                rows = _count(these)
                was = found.get(code, (line, day, day, 0))
                found[code] = (min(was[0], line), min(was[1], day), max(was[2], day), was[3] + rows)
        for code, (line, low, high, rows) in found.items():
            self.reader.count_unplaced(code, f"{self.table.name}:{line}", low, high, rows)

    def _header(self, binary: IO[bytes]) -> str:
        """The header, on line 1, read as the row reader reads it; the delimiter."""
        text = binary.readline().decode("utf-8-sig")
        if not text.strip():
            raise NotPlain(f"{self.table.name}: no header on line 1")
        delimiter = "\t" if "\t" in text else ","
        header = next(csv.reader([text], delimiter=delimiter), [])
        self.table.header_line = 1
        if not self.table._header(1, header) or not self.rows._start():
            raise NotPlain(f"{self.table.name}: the header is not a Comtrade layout's")
        return delimiter

    # --- a batch -------------------------------------------------------------------------------

    def _batch(self, first: int, batch: pa.RecordBatch) -> ComtradeBatch:
        rows, layout, name = self.rows, self.rows.layout, self.table.name
        assert layout is not None and rows.summary is not None
        count = batch.num_rows
        before = len(self.reader.problems.items)
        # Every cell read below passes a rule that a value with spaces around it fails (the
        # row reader strips them): such a table is not plain, and is read row by row.
        cells: dict[str, pa.Array] = {}
        for fieldname, key in layout.fields.items():
            position = self.table.position(key)
            if position is not None:
                cells[fieldname] = batch.column(position)

        def distinct(
            names: tuple[str, ...], rule: Callable[..., Any], *, kept: bool = True
        ) -> tuple[list[Any], Any]:
            """`rule` applied once to each distinct combination of the cells `names` (an
            absent column reads as empty, as in the row reader); its values, and each row's
            index into them. A rule's None, or a problem it finds, is not plain. `kept`: what
            the rule said is kept for the next batches (a rule of the cells alone)."""
            memo = self.memos.setdefault(names, {}) if kept else {}
            present = [cells[n] for n in names if n in cells]
            if not present:
                present = [pa.array([""] * count, pa.string())]
            joined = (
                present[0]
                if len(present) == 1
                else pc.binary_join_element_wise(*present, _SEPARATOR)
            )
            encoded = pc.dictionary_encode(joined)
            values = []
            for key in encoded.dictionary.to_pylist():
                value = memo.get(key)
                if value is None:
                    parts = iter(key.split(_SEPARATOR))
                    given = [next(parts) if n in cells else "" for n in names]
                    value = rule(*given)
                    if value is None or len(self.reader.problems.items) > before:
                        raise NotPlain(f"{name}: {', '.join(names)} {given!r}")
                    if kept and len(memo) < MEMO:
                        memo[key] = value
                values.append(value)
            return values, encoded.indices

        line = first  # for the rules' messages: a problem is not plain whatever its line
        periods, period = distinct(
            ("period", "year", "freq", "month", "type"), lambda *key: rows._period(line, key)
        )
        flows, flow = distinct(("flow",), rows.flows.get)
        commodities, commodity = distinct(
            ("commodity", "level", "classification"),
            lambda code, level, scheme: (
                (scheme, code)
                if scheme in CLASSIFICATIONS
                and rows._commodity(line, code, level, scheme) is not None
                else None
            ),
        )
        # Areas: each distinct code and period placed on the period's mapping day; a code
        # placed nowhere that day is -1 - its index in `nowhere` (the row reader counts it).
        cells["period_index"] = pc.cast(period, pa.string())
        areas: list[Area] = []
        nowhere: list[tuple[int, date]] = []
        placed: dict[tuple[int, Period], int] = {}

        def area(fieldname: str) -> Callable[[str, str], int | None]:
            def place(text: str, index: str) -> int | None:
                code = rows._code(line, fieldname, text)
                if code is None:
                    return None
                when = periods[int(index)]
                found = placed.get((code, when))
                if found is None:
                    spot = self.reader.codes.on(code, when.mapping_day)
                    if spot is None:
                        found = placed[code, when] = -1 - len(nowhere)
                        nowhere.append((code, when.mapping_day))
                    else:
                        found = placed[code, when] = len(areas)
                        areas.append(spot)
                return found

            return place

        reporters, reporter = distinct(("reporter", "period_index"), area("reporter"), kept=False)
        partners, partner = distinct(("partner", "period_index"), area("partner"), kept=False)
        reporter_area = pa.array(reporters, pa.int32()).take(reporter)
        partner_area = pa.array(partners, pa.int32()).take(partner)
        lines = pc.add(self._positions(count), first)
        if nowhere:
            self._count_unplaced(lines, (reporter_area, partner_area), nowhere)
        # Breakdowns (Comtrade+): their codes read as the row reader reads them, their rows
        # counted; the importer leaves them out.
        breakdown = pa.array([False] * count, pa.bool_())
        for fieldname, totals in BREAKDOWN_TOTALS.items():
            if fieldname in cells:
                other = pc.invert(pc.is_in(cells[fieldname], pa.array(totals)))
                breakdown = pc.or_(breakdown, other)
        for fieldname in ("partner2", "transport"):
            if fieldname in cells:
                distinct(
                    (fieldname,),
                    lambda text, f=fieldname: (
                        text == "" or rows._optional_code(line, f, text) is not None or None
                    ),
                )
        self.reader.breakdown_rows += _count(breakdown)
        if "is_leaf" in cells:
            distinct(("is_leaf",), lambda text: _flag_bool(rows, line, "is_leaf", text))
        flags, flag = distinct(("flag",), lambda text: _flag_code(rows, line, text))
        value, rounded = _units(cells["value"], 2, name)
        units, unit = distinct(
            ("qty_unit",), lambda text: QUANTITY_UNITS.get(text) or (_NONE if text == "" else None)
        )
        quantity, quantity_unit = _quantity(cells.get("qty"), units, unit, count, name)
        weight = _units(cells["net_weight"], 3, name)[0] if "net_weight" in cells else _nulls(count)
        if layout is LEGACY:
            codes = pa.array([None if f is _NONE else f for f in flags], pa.int64()).take(flag)
            quantity_estimated = pc.not_equal(pc.bit_wise_and(codes, 2), 0)
            weight_estimated = pc.not_equal(pc.bit_wise_and(codes, 4), 0)
        else:
            quantity_estimated = _booleans(rows, line, cells, "qty_estimated", count)
            weight_estimated = _booleans(rows, line, cells, "net_weight_estimated", count)
        reported = _booleans(rows, line, cells, "is_reported", count)
        valuation = _valuations(value, cells.get("cif"), cells.get("fob"), count, name)
        self.reader.rounded_values += rounded
        rows.summary.rows += count
        return ComtradeBatch(
            source=name,
            lines=lines,
            breakdown=breakdown,
            periods=periods,
            period=period,
            areas=areas,
            reporter_area=reporter_area,
            partner_area=partner_area,
            flows=flows,
            flow=flow,
            commodities=commodities,
            commodity=commodity,
            value_minor=value,
            valuation=valuation,
            quantity_milli=quantity,
            quantity_unit=quantity_unit,
            quantity_estimated=quantity_estimated,
            net_weight_g=weight,
            net_weight_estimated=weight_estimated,
            is_reported=reported,
        )


@contextmanager
def _lean_memory() -> Iterator[None]:
    """Arrow's jemalloc pool while the table is read, where the build has it: it returns
    freed memory sooner than the default (mimalloc). A 1M-row import peaks at 220 MB rather
    than 253."""
    try:
        lean = pa.jemalloc_memory_pool()
    except NotImplementedError:
        yield
        return
    before = pa.default_memory_pool()
    pa.set_memory_pool(lean)
    try:
        yield
    finally:
        pa.set_memory_pool(before)


def _gathered(blocks: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Arrow's small blocks (the reader's memory grows with the block's size) gathered into
    batches of some ROWS rows (each batch costs its Python rules once)."""
    waiting: list[pa.RecordBatch] = []
    rows = 0
    for block in blocks:
        waiting.append(block)
        rows += block.num_rows
        if rows >= ROWS:
            yield pa.Table.from_batches(waiting).combine_chunks().to_batches()[0]
            waiting, rows = [], 0
    if rows:
        yield pa.Table.from_batches(waiting).combine_chunks().to_batches()[0]


_NONE: Any = object()  # a cell that is empty as the row reader allows (no unit, no flag)


def _count(mask: pa.Array) -> int:
    """How many of a boolean column are true."""
    return int(pc.sum(pc.fill_null(mask, False)).as_py() or 0)


def _all(mask: pa.Array) -> bool:
    return bool(pc.all(mask).as_py() is not False)


def _flag_code(rows: TableReading, line: int, text: str) -> Any:
    flag = FLAGS.get(text, MISSING)
    if flag is MISSING:
        flag = rows._flag(line, text)
        if flag is False:
            return None  # not an estimation code: a problem
    return _NONE if flag is None else flag


def _flag_bool(rows: TableReading, line: int, name: str, text: str) -> Any:
    found = BOOLS.get(text, MISSING)
    if found is MISSING:
        found = rows._bool(line, name, text)
        if found is None:
            return None  # not true or false: a problem
    return _NONE if found is None else found


def _booleans(
    rows: TableReading, line: int, cells: dict[str, pa.Array | None], name: str, count: int
) -> pa.Array:
    """A true/false column as the row reader reads it (empty: null)."""
    column = cells.get(name)
    if column is None:
        return pa.nulls(count, pa.bool_())
    encoded = pc.dictionary_encode(column)
    values = []
    for text in encoded.dictionary.to_pylist():
        found = _flag_bool(rows, line, name, text)
        if found is None:
            raise NotPlain(f"{rows.table.name}: {name} {text!r}")
        values.append(None if found is _NONE else found)
    return pa.array(values, pa.bool_()).take(encoded.indices)


def _nulls(count: int) -> pa.Array:
    return pa.nulls(count, pa.int64())


def _units(column: pa.Array, places: int, name: str) -> tuple[pa.Array, int]:
    """A number column in units of 10^-places, rounded half to even as the row reader rounds
    (numbers.machine_units), and how many values were rounded; an empty cell is null."""
    empty = pc.equal(column, "")
    given = pc.if_else(empty, pa.scalar(None, pa.string()), column)
    if not _all(pc.or_(empty, pc.match_substring_regex(column, _DECIMAL))) or not _all(
        pc.less_equal(pc.utf8_length(column), MAX_TEXT)
    ):
        raise NotPlain(f"{name}: a number that is not a plain decimal")
    try:
        if _all(pc.or_(empty, pc.match_substring_regex(column, r"^[0-9]{1,15}$"))):
            return pc.multiply_checked(pc.cast(given, pa.int64()), 10**places), 0
        exact = pc.cast(given, pa.decimal128(38, SCALE))
        kept = pc.cast(
            pc.round(exact, ndigits=places, round_mode="half_to_even"),
            pa.decimal128(MAX_TEXT + places, places),
        )
        rounded = int(pc.sum(pc.not_equal(kept, exact)).as_py() or 0)
        scaled = pc.multiply(kept, pa.scalar(10**places, pa.decimal128(places + 1, 0)))
        return pc.cast(scaled, pa.int64()), rounded
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:  # past int64, or scale
        raise NotPlain(f"{name}: {error}") from None


def _quantity(
    column: pa.Array | None, units: list[Any], unit: pa.Array, count: int, name: str
) -> tuple[pa.Array, pa.Array]:
    """Quantities in thousandths of our unit, and that unit's name (null with no quantity)."""
    if column is None:
        return _nulls(count), pa.nulls(count, pa.string())
    amount, _ = _units(column, 3, name)
    known = [u if isinstance(u, QuantityUnit) and u.unit is not None else None for u in units]
    factor = pa.array([u.factor if u else None for u in known], pa.int64()).take(unit)
    names = pa.array([u.unit if u else None for u in known], pa.string()).take(unit)
    # No unit (or "no quantity"): an amount other than 0 is a problem; 0 is no quantity.
    without = pc.and_(pc.is_null(factor), pc.is_valid(amount))
    if not _all(pc.invert(pc.and_(without, pc.not_equal(amount, 0)))):
        raise NotPlain(f"{name}: a quantity with no unit")
    quantity = pc.multiply_checked(amount, factor)
    return quantity, pc.if_else(pc.is_valid(quantity), names, pa.scalar(None, pa.string()))


def _valuations(
    value: pa.Array, cif: pa.Array | None, fob: pa.Array | None, count: int, name: str
) -> pa.Array:
    """Comtrade+: the primary value is CIF or FOB where it equals that column; else not
    stated (the legacy layout does not say)."""
    valuation = pa.array([Valuation.NOT_STATED.value] * count, pa.string())
    for column, kind in ((fob, Valuation.FOB), (cif, Valuation.CIF)):  # CIF first, as rows do
        if column is None:
            continue
        amount, _ = _units(column, 2, name)
        equal = pc.fill_null(pc.equal(amount, value), False)
        valuation = pc.if_else(equal, kind.value, valuation)
    return valuation
