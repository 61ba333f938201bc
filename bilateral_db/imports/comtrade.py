"""UN Comtrade bulk files: `import comtrade PATH…`, several files one release.

The reader (trade_files.ComtradeReader) parses and checks the files and maps M49 codes to
areas through the reviewed mapping; this module turns its rows into trade figures of the
series `reported`, in US cents, and stages them in the release's trade_figure target (the
writing layer: stage, check for a figure given twice, merge set-based).

An area that is no country or bloc (World, areas n.e.s., Bunkers, Free Zones, Special
Categories, territories, combinations such as Belgium-Luxembourg) is a region actor, as the
M49 mapping names it: one the database lacks is created by the release (imports/regions.py),
and its figures are imported like any other partner's or reporter's.

Nothing is dropped silently; what is not stored is a finding, by code or kind, with its rows:
- a country or bloc of the mapping that the database does not hold (`actor_not_held`: the
  fixtures that define it are not loaded);
- a code the mapping knows but does not place on the period's day (`unplaced_code`);
- a breakdown row of Comtrade+ (by second partner, customs procedure or transport mode): the
  total row is the figure (`breakdown_rows`);
- a BEC commodity code (no scheme of ours), and a figure whose two sides are one country.

Flags: a figure UNSD estimated (Comtrade+ `isReported` false) is `approximately`, others
`exact`; the quantity is the file's quantity in its unit, else its net weight in kg; estimated
quantities and net weights are counted in the release's counts. HS and SITC codes are product
categories of their revision, added where the database lacks them (trade_figures.Categories).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from bilateral_db.core.digests import file_sha256
from bilateral_db.core.periods import Period
from bilateral_db.core.vocabulary import Qualifier, TradeSeries, Valuation, ValueStatus
from bilateral_db.imports.base import Importer, Progress
from bilateral_db.imports.reading import Recognise
from bilateral_db.imports.regions import Regions
from bilateral_db.imports.release import Dataset, ReleaseWriter
from bilateral_db.imports.trade_figures import FIGURE_COLUMNS, Categories, actor_ids
from bilateral_db.imports.trade_files import Area, ComtradeReader, ComtradeRow, NotPlain
from bilateral_db.imports.trade_files.comtrade_rows import category_code
from bilateral_db.writing.errors import FileError, Problem, WriteError
from bilateral_db.writing.targets import StagedTarget

if TYPE_CHECKING:  # Arrow is imported only where the columns are read
    from bilateral_db.imports.trade_files.comtrade_columns import ComtradeBatch

DATASET = Dataset(
    dataset="comtrade",
    title="UN Comtrade, bulk data",
    publisher="United Nations Statistics Division",
    citation="United Nations Statistics Division. UN Comtrade Database. https://comtradeplus.un.org/",
    url="https://comtradeplus.un.org/",
    precedence=45,  # the reporters' own statistics, before COW's compilation (50)
)
CURRENCY = "USD"
PROGRESS_EVERY = 20_000
NET_WEIGHT_UNIT = "kg"  # a net weight in grams is thousandths of a kilogram
# Why rows of a kind are not figures: the findings say it with their count and first line.
LEFT_OUT = {
    "actor_not_held": "the mapping's country or bloc is not in the database (load the "
    "fixtures that define it, then import again)",
    "breakdown_rows": "Comtrade+ breakdowns by second partner, customs procedure or transport "
    "mode (the total row of each is the figure)",
    "same_country": "both codes are one actor of ours",
    "category_not_stored": "a classification with no product category scheme of ours",
}


# The record of a kind left out whose rows are one record.
LEFT_RECORD = {"breakdown_rows": "partner2, customs or transport"}
_UNSEEN: Any = object()  # a lookup's miss, apart from a cached None
_NEW: Any = object()  # a region the database lacks, to be created
_STORED = {valuation: valuation.value for valuation in Valuation}
_OBSERVED, _UNKNOWN = ValueStatus.OBSERVED.value, ValueStatus.UNKNOWN.value
_EXACT, _APPROXIMATELY = Qualifier.EXACT.value, Qualifier.APPROXIMATELY.value


def _true(pc: Any, mask: Any) -> int:
    """How many of a boolean column are true."""
    return int(pc.sum(pc.fill_null(mask, False)).as_py() or 0)


@dataclass
class _Left:
    """Rows left out for one reason: where first seen, and how many."""

    where: str  # file:line
    line: int
    rows: int = 0


class ComtradeImporter(Importer):
    dataset = DATASET
    required = ()  # the reader reads a table by either layout's column names

    def open(self, path: Path, recognise: Recognise | None = None) -> AbstractContextManager[Any]:
        return self.open_all([path], recognise)

    def open_all(
        self, paths: Sequence[Path], recognise: Recognise | None = None
    ) -> AbstractContextManager[Any]:
        return _opened(paths)

    def digest(self, path: Path, data: ComtradeReader) -> str:
        """One file: its SHA-256; several: the SHA-256 of their names and hashes in order."""
        if len(data.paths) == 1:
            return file_sha256(data.paths[0])
        joined = "\n".join(f"{p.name} {file_sha256(p)}" for p in data.paths)
        return hashlib.sha256(joined.encode()).hexdigest()

    def write(
        self,
        connection: Connection,
        release: ReleaseWriter,
        data: ComtradeReader,
        progress: Progress,
    ) -> tuple[date | None, date | None]:
        """The files read as columns where every row is plain (trade_files.comtrade_columns),
        else, from the start again, row by row: the same rows either way."""
        if _columns_readable():
            try:
                with connection.begin_nested():
                    return self._write(connection, release, data, progress, columns=True)
            except NotPlain:
                release.retract("trade_figure")  # its build went with the savepoint
                data = data.again()
        return self._write(connection, release, data, progress, columns=False)

    def _write(
        self,
        connection: Connection,
        release: ReleaseWriter,
        data: ComtradeReader,
        progress: Progress,
        *,
        columns: bool,
    ) -> tuple[date | None, date | None]:
        lines = _Lines()
        figures = release.target(
            "trade_figure",
            FIGURE_COLUMNS,
            {"series": TradeSeries.REPORTED.value, "currency_code": CURRENCY},
            lines.duplicate,
            early=True,  # lines are numbered across the files, so they only grow
        )
        assert isinstance(figures, StagedTarget) and release.release_id is not None
        reading = _Reading(connection, release.release_id, data, figures, lines, progress)
        # Categories and regions are written before any figure that refers to them.
        figures.before_insert.extend((reading.categories.flush, reading.regions.flush))
        if columns:
            reading.read_columns()
        else:
            reading.read()
        reading.categories.flush()
        reading.regions.flush()
        try:
            changes = figures.finish()
        except FileError as error:
            raise FileError([lines.located(problem) for problem in error.problems]) from None
        reading.regions.drop_unused()  # the release's figures no longer name them
        reading.report(release)
        release.count("trade_figure", changes.rows)
        for kind, rows in reading.counts.items():
            if rows:
                release.count(kind, rows)
        return reading.first, reading.last


def _columns_readable() -> bool:
    """Whether Arrow is installed (the `arrow` and `parquet` extras bring it, as the tests)."""
    try:
        import pyarrow.csv  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def _opened(paths: Sequence[Path]) -> Iterator[ComtradeReader]:
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise WriteError(f"{', '.join(missing)}: no such file")
    yield ComtradeReader(list(paths))


class _Lines:
    """Staged rows are numbered across the files (each table's lines after the last one's), so
    a figure given twice in two files is named by file and line."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.names: list[str] = []
        self.current = ""
        self.offset = 0
        self.last = 0

    def number(self, source: str, line: int) -> int:
        if source != self.current:
            self.offset = self.last
            self.starts.append(self.offset)
            self.names.append(source)
            self.current = source
        self.last = max(self.last, self.offset + line)
        return self.offset + line

    def where(self, number: int) -> tuple[str, int]:
        index = bisect_right(self.starts, number - 1) - 1
        return self.names[index], number - self.starts[index]

    def duplicate(self, key: dict[str, Any] | Any, first: int) -> tuple[str | None, str]:
        file, line = self.where(first)
        period = f"{key['period_start']}..{key['period_end']}"
        return None, (
            f"the figure of actors {key['reporter_actor_id']} and {key['partner_actor_id']}, "
            f"{period}, flow {key['flow']}, category {key['category_id']} is also given at "
            f"{file}:{line}"
        )

    def located(self, problem: Problem) -> Problem:
        if not problem.line or not self.starts:
            return problem
        file, line = self.where(problem.line)
        return Problem(file, line, problem.field, problem.message)


class _Reading:
    """One pass over the files: each row mapped to a figure, or counted where it is not one."""

    def __init__(
        self,
        connection: Connection,
        release_id: int,
        data: ComtradeReader,
        figures: StagedTarget,
        lines: _Lines,
        progress: Progress,
    ) -> None:
        self.data = data
        self.figures = figures
        self.lines = lines
        self.progress = progress
        self.actors = actor_ids(connection)
        self.regions = Regions(connection, release_id, self.actors)
        self.categories = Categories(connection, added_by=release_id)
        self.area_actor: dict[int, int | None] = {}  # id() of the mapping's Area -> actor
        self.left: dict[tuple[str, str], _Left] = {}  # (kind, record) -> first seen, rows
        self.counts: Counter[str] = Counter()
        self.first: date | None = None
        self.last: date | None = None
        # Lookups of what many rows share, made once: a period's stored cells, a commodity's
        # category, an enum's stored value.
        self.period_cells: dict[Period, tuple[str, str, str]] = {}
        self.category_ids: dict[tuple[str, str], int | None] = {}

    def read(self) -> None:
        add = self.figures.add
        figure = self._figure
        rows = 0
        every = PROGRESS_EVERY
        for row in self.data.rows():
            rows += 1
            if rows % every == 0:
                self.progress("rows", self.data.bytes_read, self.data.bytes_total)
            staged = figure(row)
            if staged is not None:
                add(staged)
        self.counts["source_rows"] = rows
        self.counts["categories_added"] = self.categories.added
        self.counts["regions_created"] = len(self.regions.created)
        self.progress("rows", self.data.bytes_total, self.data.bytes_total)

    def read_columns(self) -> None:
        """The files a batch of columns at a time (ComtradeReader.batches): each distinct
        area, commodity and period of a batch mapped once, as `_figure` maps a row, and each
        row it would leave out counted as it counts one. A table that is not plain raises
        NotPlain: the files are then read again, row by row."""
        rows = 0
        for batch in self.data.batches():
            rows += len(batch)
            self.progress("rows", self.data.bytes_read, self.data.bytes_total)
            self.figures.add_columns(self._figures(batch))
        self.counts["source_rows"] = rows
        self.counts["categories_added"] = self.categories.added
        self.counts["regions_created"] = len(self.regions.created)
        self.progress("rows", self.data.bytes_total, self.data.bytes_total)

    def _figures(self, batch: ComtradeBatch) -> Any:
        """A batch's staged figures, as an Arrow table of the line and FIGURE_COLUMNS: its rows
        checked in `_figure`'s order, each row left out counted under the same finding."""
        import pyarrow as pa
        import pyarrow.compute as pc

        lines, areas = batch.lines, batch.areas
        self._left_out(batch, "breakdown_rows", batch.breakdown, None)
        placed = pc.and_(
            pc.greater_equal(batch.reporter_area, 0), pc.greater_equal(batch.partner_area, 0)
        )
        kept = pc.and_(pc.invert(batch.breakdown), placed)  # a code placed nowhere: counted
        reporter_area = pc.if_else(placed, batch.reporter_area, 0)
        partner_area = pc.if_else(placed, batch.partner_area, 0)
        # Each area's actor: held, a region to create (a negative mark, one per region), or
        # None: a country or bloc the database lacks.
        marks: dict[str, int] = {}
        found = [self._actor_of(area, marks) for area in areas] or [None]  # (index 0 is taken)
        actors = pa.array(found, pa.int64())
        reporter, partner = actors.take(reporter_area), actors.take(partner_area)
        for ids, side in ((reporter, reporter_area), (partner, partner_area)):
            lacking = pc.and_(kept, pc.is_null(ids))
            self._left_out(
                batch,
                "actor_not_held",
                lacking,
                (side, lambda i: f"m49 {areas[i].code:03d} {areas[i].table} {areas[i].actor}"),
            )
            kept = pc.and_(kept, pc.invert(lacking))
        same = pc.and_(kept, pc.fill_null(pc.equal(reporter, partner), False))
        width = max(len(areas), 1)
        pair = pc.add(pc.multiply(pc.cast(reporter_area, pa.int64()), width), partner_area)
        self._left_out(
            batch,
            "same_country",
            same,
            (pair, lambda i: f"{areas[i // width].code} {areas[i % width].code}"),
        )
        kept = pc.and_(kept, pc.invert(same))
        categories: list[int | None] = [None] * len(batch.commodities)
        for index in pc.unique(pc.filter(batch.commodity, kept)).to_pylist():
            classification, commodity = batch.commodities[index]
            key = (classification, commodity)
            category = self.category_ids.get(key, _UNSEEN)
            if category is _UNSEEN:
                category = self.category_ids[key] = self.categories.id(
                    category_code(classification, commodity)
                )
            categories[index] = category
        category_ids = pa.array(categories, pa.int64()).take(batch.commodity)
        unstored = pc.and_(kept, pc.is_null(category_ids))
        self._left_out(
            batch,
            "category_not_stored",
            unstored,
            (batch.commodity, lambda i: category_code(*batch.commodities[i]).partition(":")[0]),
        )
        kept = pc.and_(kept, pc.invert(unstored))
        # The regions the figures name, created now (a row left out creates none).
        named = pa.concat_arrays([pc.filter(reporter_area, kept), pc.filter(partner_area, kept)])
        for index in pc.unique(named).to_pylist():
            mark = found[index]
            if mark is not None and mark < 0:
                created = self._create(areas[index])
                found = [created if actor == mark else actor for actor in found]
        actors = pa.array(found, pa.int64())

        def figures(column: Any) -> Any:
            """A column's values at the rows kept: the batch's figures."""
            return pc.filter(column, kept)

        value = figures(batch.value_minor)
        quantity, unit = figures(batch.quantity_milli), figures(batch.quantity_unit)
        weight = figures(batch.net_weight_g)
        by_weight = pc.and_(pc.is_null(quantity), pc.is_valid(weight))
        quantity = pc.if_else(by_weight, weight, quantity)
        unit = pc.if_else(by_weight, NET_WEIGHT_UNIT, unit)
        estimated = pc.fill_null(pc.equal(figures(batch.is_reported), False), False)
        counts = self.counts
        counts["net_weight_as_quantity"] += _true(pc, by_weight)
        counts["quantity_estimated"] += _true(pc, figures(batch.quantity_estimated))
        counts["net_weight_estimated"] += _true(pc, figures(batch.net_weight_estimated))
        counts["estimated_by_unsd"] += _true(pc, estimated)
        counts["unknown_value"] += value.null_count
        first, last = lines[0].as_py(), lines[-1].as_py()
        offset = self.lines.number(batch.source, first) - first
        self.lines.number(batch.source, last)
        cells = [self.period_cells.get(p) or self._period(p) for p in batch.periods]
        period = figures(batch.period)
        start, end, precision = (
            pa.array([c[i] for c in cells], pa.string()).take(period) for i in range(3)
        )
        flows = pa.array([flow.name for flow in batch.flows], pa.string())
        columns = {
            "line": pc.add(figures(lines), offset),
            "reporter_actor_id": actors.take(figures(reporter_area)),
            "partner_actor_id": actors.take(figures(partner_area)),
            "period_start": start,
            "period_end": end,
            "period_precision": precision,
            "flow": flows.take(figures(batch.flow)),
            "category_id": figures(category_ids),
            "valuation": figures(batch.valuation),
            "value_status": pc.if_else(pc.is_null(value), _UNKNOWN, _OBSERVED),
            "value_minor": value,
            "quantity_milli": quantity,
            "quantity_unit": unit,
            "qualifier": pc.if_else(estimated, _APPROXIMATELY, _EXACT),
        }
        assert tuple(columns)[1:] == FIGURE_COLUMNS
        return pa.table(columns)

    def _actor_of(self, area: Area, marks: dict[str, int]) -> int | None:
        """An area's actor: held, a negative mark for a region the database lacks (created
        once a figure names it), or None for a country or bloc it lacks."""
        found = self.area_actor.get(id(area))
        if found is not None:
            return found
        if area.table == "region":
            found = self.regions.held(area.actor)
            if found is None:
                return marks.setdefault(area.actor, -1 - len(marks))
        else:
            found = self.actors.get((area.table, area.actor))
        if found is not None:
            self.area_actor[id(area)] = found
        return found

    def _left_out(
        self,
        batch: ComtradeBatch,
        kind: str,
        mask: Any,
        records: tuple[Any, Callable[[int], str]] | None,
    ) -> None:
        """Rows of `mask` left out as `kind`, as `_leave` counts them row by row: by record
        (a key column and how a key reads; None: the kind's one record), with the first line
        of each."""
        import pyarrow.compute as pc

        if not _true(pc, mask):
            return
        lines = pc.filter(batch.lines, mask)
        if records is None:
            groups = {LEFT_RECORD[kind]: (pc.min(lines).as_py(), len(lines))}
        else:
            keys = pc.filter(records[0], mask)
            groups = {}
            for key in pc.unique(keys).to_pylist():
                these = pc.filter(lines, pc.equal(keys, key))
                groups[records[1](key)] = (pc.min(these).as_py(), len(these))
        for record, (line, rows) in groups.items():
            self._count_left(kind, record, batch.source, line, rows)

    def _figure(self, row: ComtradeRow) -> tuple[Any, ...] | None:
        if row.partner2 or row.transport or row.customs not in (None, "C00"):  # is_breakdown
            self._leave(row, "breakdown_rows", LEFT_RECORD["breakdown_rows"])
            return None
        reporter_area, partner_area = row.reporter_area, row.partner_area
        if reporter_area is None or partner_area is None:  # the reader counts it as unplaced
            return None
        # An actor id; _NEW for a region the database lacks, created once the row is a figure
        # (so that no region is created for rows left out); None: left out, counted.
        area_actor = self.area_actor
        reporter = area_actor.get(id(reporter_area)) or self._actor(
            row, row.reporter, reporter_area
        )
        if reporter is None:
            return None
        partner = area_actor.get(id(partner_area)) or self._actor(row, row.partner, partner_area)
        if partner is None:
            return None
        if reporter == partner and (
            reporter is not _NEW or reporter_area.actor == partner_area.actor
        ):
            self._leave(row, "same_country", f"{row.reporter} {row.partner}")
            return None
        commodity = (row.classification, row.commodity)
        category = self.category_ids.get(commodity, _UNSEEN)
        if category is _UNSEEN:
            category = self.category_ids[commodity] = self.categories.id(row.category)
        if category is None:
            self._leave(row, "category_not_stored", row.category.partition(":")[0])
            return None
        if reporter is _NEW:
            reporter = self._create(reporter_area)
        if partner is _NEW:
            partner = self._create(partner_area)
        period = row.period
        cells = self.period_cells.get(period)
        if cells is None:
            cells = self._period(period)
        value = row.value_minor
        quantity, unit = row.quantity_milli, row.quantity_unit
        counts = self.counts
        if quantity is None and row.net_weight_g is not None:
            quantity, unit = row.net_weight_g, NET_WEIGHT_UNIT
            counts["net_weight_as_quantity"] += 1
        if row.quantity_estimated:
            counts["quantity_estimated"] += 1
        if row.net_weight_estimated:
            counts["net_weight_estimated"] += 1
        estimated = row.is_reported is False
        if estimated:
            counts["estimated_by_unsd"] += 1
        if value is None:
            counts["unknown_value"] += 1
        return (
            self.lines.number(row.source, row.line),
            reporter,
            partner,
            *cells,
            row.flow.name,
            category,
            _STORED[row.valuation],
            _UNKNOWN if value is None else _OBSERVED,
            value,
            quantity,
            unit if quantity is not None else None,
            _APPROXIMATELY if estimated else _EXACT,
        )

    def _period(self, period: Period) -> tuple[str, str, str]:
        """A period's stored cells; the release's coverage grows to hold it."""
        self.first = period.start if self.first is None else min(self.first, period.start)
        self.last = period.end if self.last is None else max(self.last, period.end)
        cells = (period.start.isoformat(), period.end.isoformat(), period.precision)
        if len(self.period_cells) < 10_000:
            self.period_cells[period] = cells
        return cells

    def _actor(self, row: ComtradeRow, code: int, area: Area) -> Any:
        """The actor of an area not seen yet: its id (cached), _NEW for a region the database
        lacks, or None (counted) for a country or bloc the database lacks."""
        if area.table == "region":
            found = self.regions.held(area.actor)
            if found is None:
                return _NEW
        else:
            found = self.actors.get((area.table, area.actor))
        self.area_actor[id(area)] = found  # the mapping's own objects: cheap to hash
        if found is None:
            self._leave(row, "actor_not_held", f"m49 {code:03d} {area.table} {area.actor}")
        return found

    def _create(self, area: Area) -> int:
        """The region `area` stands for, created by the release (written before the figures)."""
        actor = self.regions.actor(area.actor, area.name, area.kind, area.m49, area.note)
        self.area_actor[id(area)] = actor
        return actor

    def _leave(self, row: ComtradeRow, kind: str, record: str) -> None:
        self._count_left(kind, record, row.source, row.line, 1)

    def _count_left(self, kind: str, record: str, source: str, line: int, rows: int) -> None:
        """`rows` rows left out as `kind` for `record`; the first seen at `source`:`line`."""
        left = self.left.get((kind, record))
        if left is None:
            left = self.left[(kind, record)] = _Left(f"{source}:{line}", line)
        left.rows += rows

    def report(self, release: ReleaseWriter) -> None:
        """Findings: every kind of row left out, by code, with its count and first line; a
        region whose code is also a country's or a bloc's. Counts: the regions named."""
        for region, table in self.regions.shared_codes().items():
            release.finding(
                "region_code_shared",
                None,
                f"region {region}",
                f"the region's code is also a {table}'s: its figures are stored under the "
                f"region, but a report given {region} answers for the {table}",
            )
        if self.regions.met:
            self.counts["region"] = len(self.regions.met)
        for code, unplaced in sorted(self.data.unplaced.items()):
            release.finding(
                "unplaced_code",
                None,
                f"m49 {code:03d} {unplaced.first}..{unplaced.last}",
                f"the M49 mapping places the code on none of these days; its {unplaced.rows:,} "
                f"rows (first at {unplaced.line}) are not imported (add its dates to "
                "fixtures/comtrade/m49_codes.csv)",
            )
        for (kind, record), left in sorted(self.left.items(), key=lambda item: item[1].line):
            release.finding(
                kind,
                left.line,
                record,
                f"{LEFT_OUT[kind]}: its {left.rows:,} rows (first at {left.where}) are not "
                "imported",
            )
            self.counts[kind] += left.rows
        self.counts["rounded_values"] = self.data.rounded_values
