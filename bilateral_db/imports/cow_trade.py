"""Correlates of War, Trade v4.0, dyadic: `import cow-trade PATH`.

One row per pair of states and year gives two directed import figures: ccode1's imports from
ccode2 (`flow1`) and ccode2's imports from ccode1 (`flow2`), in millions of current US dollars.
Each becomes a trade figure: reporter the importer, flow `import`, all goods, the year, in USD
cents (exact: 612.34 million is 61,234,000,000 cents), valuation `not_stated` (COW takes an
importer's figure, or its partner's mirror export figure where that is missing, so the basis
varies). `-9` is unknown: a figure of status `unknown` with no value, never zero; `0` is an
observed zero.

COW's smoothed flows (`smoothflow1/2`, and the full release's alternative flows) are a second
series of the same key; the schema has no column to tell a smoothed series from a raw one, so
they are not imported (docs/performance.md says what column it would take).

States map to countries through the crosswalk on 1 July of the year (365 is the USSR's in
1990, Russia's in 1995). A code the crosswalk cannot place is a finding, its figures not
stored; a file with a bad cell writes nothing.

The path is set-based: the figures are streamed into a temporary staging table (COPY on
PostgreSQL, executemany on SQLite), checked there for duplicate keys, then merged into
trade_figure in one statement that writes only the rows that differ; figures the file no
longer has are removed. Memory holds one chunk of rows, whatever the size of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import Connection, select, text
from sqlalchemy.exc import IntegrityError

from bilateral_db.crosswalk import Crosswalk
from bilateral_db.imports.base import Importer, Progress
from bilateral_db.imports.reading import DataFile
from bilateral_db.imports.release import Dataset, ReleaseWriter
from bilateral_db.imports.writer import BulkWriter
from bilateral_db.models import Actor, ProductCategory

DATASET = Dataset(
    dataset="cow-trade",
    title="Correlates of War, Trade v4.0, dyadic",
    publisher="Correlates of War Project",
    citation=(
        'Barbieri, Katherine, Omar M. G. Keshk & Brian Pollins. 2009. "TRADING DATA: '
        'Evaluating our Assumptions and Coding Rules." Conflict Management and Peace Science '
        "26(5): 471-491. Barbieri, Katherine & Omar M. G. Keshk. 2016. Correlates of War "
        "Project Trade Data Set Codebook, Version 4.0."
    ),
    url="https://correlatesofwar.org/data-sets/bilateral-trade/",
    precedence=50,
)
REQUIRED = ("ccode1", "ccode2", "year", "flow1", "flow2")
UNKNOWN = "-9"
CATEGORY = "all-goods"
CURRENCY = "USD"
CENTS_PER_MILLION = 10**8  # USD has 2 decimal places: a million dollars is 10^8 cents
FIRST_YEAR, LAST_YEAR = 1816, 2100  # the state system's first year; a sanity bound
PROGRESS_EVERY = 20_000
ANALYZE_AFTER = 10_000  # rows written or merged past which PostgreSQL's statistics are renewed
WORK_MEM = "128MB"  # PostgreSQL, this transaction only: the server's memory, not ours
STAGE = "cow_trade_stage"
STAGE_COLUMNS = (
    "line",
    "reporter_actor_id",
    "partner_actor_id",
    "period_start",
    "value_status",
    "value_minor",
)
# The series this importer writes; its rows of the release are exactly these.
SERIES = (
    "period_precision = 'year' AND flow = 'import' AND valuation = 'not_stated' "
    "AND category_id = :category AND alternative = 0"
)
# A staged figure: line, reporter, partner, period start (ISO), status, cents.
Staged = tuple[int, int, int, str, str, int | None]
KEY = ("reporter_actor_id", "partner_actor_id", "period_start")


@dataclass
class _Unmapped:
    """A code the crosswalk cannot place: its first line and the years it is missing."""

    line: int
    first: int
    last: int
    rows: int = 0


class CowTradeImporter(Importer):
    dataset = DATASET
    required = REQUIRED
    default_version = "4.0"
    merged = ("trade_figure",)

    def write(
        self, connection: Connection, release: ReleaseWriter, data: DataFile, progress: Progress
    ) -> tuple[date | None, date | None]:
        assert release.release_id is not None
        category = connection.scalar(
            select(ProductCategory.id).where(ProductCategory.code == CATEGORY)
        )
        if category is None:
            raise LookupError(f"no product category {CATEGORY!r}: load the fixtures first")
        if connection.dialect.name == "postgresql":  # hash the stage's joins in memory
            connection.exec_driver_sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
        stage = _Stage(connection)
        reading = _Reading(connection, release, data, progress, stage)
        reading.read()
        if reading.first_year is None or reading.last_year is None:
            stage.drop()
            release.count("source_rows", reading.rows)
            return None, None
        changes = _merge(connection, release.release_id, category, stage.written, data, reading.iso)
        stage.drop()
        release.result.changes = changes
        release.count("trade_figure", stage.written)
        release.count("unknown_value", reading.unknown)
        release.count("source_rows", reading.rows)
        return date(reading.first_year, 1, 1), date(reading.last_year, 12, 31)


class _Stage:
    """The temporary table the figures are streamed into before they are checked and merged."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {STAGE}")
        connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {STAGE} (line INTEGER NOT NULL, "
            "reporter_actor_id INTEGER NOT NULL, partner_actor_id INTEGER NOT NULL, "
            "period_start DATE NOT NULL, value_status VARCHAR(40) NOT NULL, "
            "value_minor BIGINT)"
        )
        self.writer = BulkWriter(connection, STAGE, STAGE_COLUMNS)
        self.written = 0

    def close(self) -> None:
        self.written = self.writer.close()
        if self.connection.dialect.name == "postgresql":
            # A temporary table has no statistics until analysed: without them the planner
            # takes the stage for a few rows and joins it by nested loops.
            self.connection.exec_driver_sql(f"ANALYZE {STAGE}")

    def keys_of(self, actor_id: int, period: str) -> list[tuple[int, int, str]]:
        """Keys of the figures staged so far with `actor_id` at either end in `period`."""
        self.writer.flush()
        rows = self.connection.execute(
            text(
                f"SELECT reporter_actor_id, partner_actor_id, period_start FROM {STAGE} "
                "WHERE period_start = :period AND (reporter_actor_id = :actor "
                "OR partner_actor_id = :actor)"
            ),
            {"actor": actor_id, "period": period},
        )
        return [(r, p, str(d)) for r, p, d in rows]

    def drop(self) -> None:
        self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS {STAGE}")


class _Reading:
    """One pass over the file: each row's two figures, parsed and mapped, into the stage.

    Where two codes stand for one country in one year (North Yemen 678 until May 1990 and
    Yemen 679; West Germany 260 and Germany 255 in 1990) a figure of the code that is the
    country's on 1 July is kept and the other code's figure of the same pair is left out (a
    finding); those rows are held back until the end, so only a few are in memory.
    """

    def __init__(
        self,
        connection: Connection,
        release: ReleaseWriter,
        data: DataFile,
        progress: Progress,
        stage: _Stage,
    ) -> None:
        self.release = release
        self.data = data
        self.progress = progress
        self.stage = stage
        self.crosswalk = Crosswalk.read(connection, "cow")
        self.actors = dict(
            connection.execute(
                select(Actor.country_id, Actor.id).where(Actor.country_id.is_not(None))
            ).all()
        )
        # (ccode, year) -> (actor id, whether only part of the year's and the country is
        # another code's on 1 July), or None where the crosswalk has no country.
        self.mapped: dict[tuple[str, int], tuple[int, bool] | None] = {}
        self.contested: set[tuple[int, int]] = set()  # (actor id, year) with two codes
        self.seen: set[tuple[int, int, str]] = set()  # figures of contested 1 July codes
        self.held: list[tuple[Staged, str]] = []  # part-year rows, with a code
        self.iso: dict[int, str] = {}  # actor id -> country code, for messages
        self.unmapped: dict[str, _Unmapped] = {}
        self.values: dict[str, int | None] = {}  # a cell's text -> cents (few distinct)
        self.rows = 0
        self.unknown = 0
        self.first_year: int | None = None
        self.last_year: int | None = None

    def read(self) -> None:
        data = self.data
        add = self.stage.writer.add
        positions: list[int] = []
        years: dict[str, tuple[int, str] | None] = {}
        for row in data.rows():
            if not positions:
                positions = [row.positions[column] for column in REQUIRED]
            i1, i2, iy, if1, if2 = positions
            cells = row.values
            self.rows += 1
            if self.rows % PROGRESS_EVERY == 0:
                self.progress("rows", data.bytes_read(), data.bytes_total)
            year_text = cells[iy].strip()
            year = years[year_text] if year_text in years else self._year(row.line, year_text)
            years[year_text] = year
            flow1 = self._value(row.line, "flow1", cells[if1])
            flow2 = self._value(row.line, "flow2", cells[if2])
            if year is None or flow1 is False or flow2 is False:
                continue
            code1, code2 = cells[i1].strip(), cells[i2].strip()
            first = self._actor(row.line, code1, "ccode1", year[0])
            second = self._actor(row.line, code2, "ccode2", year[0])
            if first is None or second is None or data.problems:
                continue
            (a, a_part), (b, b_part) = first, second
            if a == b:
                self.release.finding(
                    "same_country",
                    row.line,
                    f"cow {code1} {code2} {year[0]}",
                    f"both codes are {self.iso[a]} that year; the row is not imported",
                )
                continue
            period = year[1]
            for reporter, partner, cents in ((a, b, flow1), (b, a, flow2)):
                status = "observed" if cents is not None else "unknown"
                staged: Staged = (row.line, reporter, partner, period, status, cents)
                if a_part or b_part:
                    self.held.append((staged, code1 if a_part else code2))
                    continue
                if self.contested and (
                    (reporter, year[0]) in self.contested or (partner, year[0]) in self.contested
                ):
                    self.seen.add((reporter, partner, period))
                if cents is None:
                    self.unknown += 1
                add(staged)
            self.first_year = year[0] if self.first_year is None else min(self.first_year, year[0])
            self.last_year = year[0] if self.last_year is None else max(self.last_year, year[0])
        data.check()
        self._release_held()
        self.stage.close()
        for code, missing in sorted(self.unmapped.items(), key=lambda item: item[1].line):
            self.release.finding(
                "unmapped_code",
                missing.line,
                f"cow {code} {missing.first}..{missing.last}",
                f"no country in the crosswalk for this code in these years; its {missing.rows:,} "
                "rows are not imported (add it to fixtures/country_codes.csv)",
            )
        self.progress("rows", data.bytes_total, data.bytes_total)

    def _release_held(self) -> None:
        """Part-year codes' figures: staged unless the 1 July code gives the same figure."""
        left_out: dict[tuple[str, str], list[int]] = {}  # (code, year) -> [first line, figures]
        for staged, code in self.held:
            line, reporter, partner, period, status, _ = staged
            if (reporter, partner, period) in self.seen:
                entry = left_out.setdefault((code, period[:4]), [line, 0])
                entry[1] += 1
                continue
            if status == "unknown":
                self.unknown += 1
            self.stage.writer.add(staged)
        for (code, year), (line, figures) in sorted(left_out.items(), key=lambda i: i[1][0]):
            self.release.finding(
                "superseded_code",
                line,
                f"cow {code} {year}",
                f"the code is its country's for part of {year} only, and the code that is the "
                f"country's on 1 July gives the same figures: {figures:,} figures left out",
            )
        self.held.clear()

    def _year(self, line: int, text_: str) -> tuple[int, str] | None:
        if not text_.isdigit() or not FIRST_YEAR <= int(text_) <= LAST_YEAR:
            self.data.problem(
                line, "year", f"{text_[:20]!r} is not a year ({FIRST_YEAR}-{LAST_YEAR})"
            )
            return None
        year = int(text_)
        return year, f"{year:04d}-01-01"

    def _value(self, line: int, column: str, cell: str) -> int | bool | None:
        """Cents, None for unknown (-9), or False (a problem was reported)."""
        if cell in self.values:
            return self.values[cell]
        cents = _cents(cell)
        if cents is False:
            self.data.problem(
                line,
                column,
                f"{cell.strip()[:20]!r} is not a value: write millions of US dollars "
                "(0 or more, at most 8 decimals) or -9 for unknown",
            )
            return False
        if len(self.values) < 100_000:  # flows repeat (whole millions); the cache stays small
            self.values[cell] = cents
        return cents

    def _actor(self, line: int, code: str, column: str, year: int) -> tuple[int, bool] | None:
        key = (code, year)
        if key in self.mapped:
            found = self.mapped[key]
        else:
            found = self._map(line, code, column, year)
            self.mapped[key] = found
        if found is None and code.isdigit():
            missing = self.unmapped.setdefault(code, _Unmapped(line, year, year))
            missing.first, missing.last = min(missing.first, year), max(missing.last, year)
            missing.rows += 1
        return found

    def _map(self, line: int, code: str, column: str, year: int) -> tuple[int, bool] | None:
        """The country of `code` on 1 July; else on 31 December or 1 January (a state of part
        of the year), marked when another code is that country's on 1 July."""
        if not code.isdigit():
            self.data.problem(line, column, f"{code[:20]!r} is not a COW state code")
            return None
        midyear = date(year, 7, 1)
        for day in (midyear, date(year, 12, 31), date(year, 1, 1)):
            mapping = self.crosswalk.country(code, day)
            if mapping is None or mapping.country_id not in self.actors:
                continue
            actor_id: int = self.actors[mapping.country_id]
            self.iso[actor_id] = mapping.iso
            part = day != midyear and self._midyear_code(mapping.country_id, code, midyear)
            if part:
                self.contested.add((actor_id, year))
                if self.rows > 1:  # figures of the 1 July code may have been staged already
                    self._note_contested_late(actor_id, year)
            return actor_id, part
        return None

    def _note_contested_late(self, actor_id: int, year: int) -> None:
        """A contest found after rows of the year were staged: the stage tells their keys."""
        rows = self.stage.keys_of(actor_id, f"{year:04d}-01-01")
        self.seen.update(rows)

    def _midyear_code(self, country_id: int, code: str, midyear: date) -> bool:
        for other in self.crosswalk.mappings:
            if other != code:
                mapping = self.crosswalk.country(other, midyear)
                if mapping is not None and mapping.country_id == country_id:
                    return True
        return False


def _cents(cell: str) -> int | bool | None:
    """A flow in millions of US dollars as exact cents; None for -9; False if not a value."""
    text_ = cell.strip()
    if text_.isdigit():
        return int(text_) * CENTS_PER_MILLION
    try:
        value = Decimal(text_)
    except InvalidOperation:
        return False
    if not value.is_finite():
        return False
    if value == -9:
        return None
    cents = value.scaleb(8)
    if value < 0 or cents != cents.to_integral_value():
        return False
    return int(cents)


def _check_duplicates(connection: Connection, data: DataFile, iso: dict[int, str]) -> None:
    """Two rows giving the same figure (the pair twice, or two codes of one country): named by
    their lines, and nothing is written."""
    rows = connection.exec_driver_sql(
        f"SELECT reporter_actor_id, partner_actor_id, period_start, MIN(line), MAX(line) "
        f"FROM {STAGE} GROUP BY reporter_actor_id, partner_actor_id, period_start "
        "HAVING COUNT(*) > 1 ORDER BY MIN(line) LIMIT 20"
    ).all()
    for reporter, partner, period, first, last in rows:
        year = str(period)[:4]
        data.problem(
            last,
            "year",
            f"{iso.get(reporter, reporter)}'s imports from {iso.get(partner, partner)} in "
            f"{year} are also given on line {first}",
        )
    data.check()


def _merge(
    connection: Connection,
    release_id: int,
    category: int,
    staged: int,
    data: DataFile,
    iso: dict[int, str],
) -> dict[str, int]:
    """Stage -> trade_figure: figures the file no longer has removed, changed ones updated,
    new ones inserted; rows that are the same are not written (nor locked).

    Into an empty release the figures are inserted as they are, and the table's unique key
    finds duplicates (then named by their lines). A merge looks for them first, since an
    update from two staged rows of one key would take either."""
    postgresql = connection.dialect.name == "postgresql"
    params = {"release": release_id, "category": category}
    held = connection.execute(
        text(f"SELECT COUNT(*) FROM trade_figure WHERE release_id = :release AND {SERIES}"),
        params,
    ).scalar_one()
    columns = (
        "release_id, reporter_actor_id, partner_actor_id, period_start, period_precision, "
        "flow, category_id, valuation, value_status, value_minor, currency_code, qualifier, "
        "alternative"
    )
    insert = (
        f"INSERT INTO trade_figure ({columns}) "
        f"SELECT :release, reporter_actor_id, partner_actor_id, period_start, 'year', 'import', "
        f":category, 'not_stated', value_status, value_minor, '{CURRENCY}', 'exact', 0 "
        f"FROM {STAGE} s"
    )
    if not held:
        try:
            with connection.begin_nested():
                inserted = connection.execute(text(insert), params).rowcount
        except IntegrityError:
            _check_duplicates(connection, data, iso)
            raise
        if postgresql and inserted >= ANALYZE_AFTER:
            # The planner's picture of the table, before autovacuum gets to it: without it the
            # next import joins a million staged rows to "one" held row by nested loops.
            connection.exec_driver_sql("ANALYZE trade_figure")
        return {"inserted": inserted, "updated": 0, "unchanged": 0, "removed": 0}
    if not postgresql:  # SQLite joins by an index, not a hash
        connection.exec_driver_sql(f"CREATE INDEX {STAGE}_key ON {STAGE} ({', '.join(KEY)})")
    elif held >= ANALYZE_AFTER:
        connection.exec_driver_sql("ANALYZE trade_figure")  # hash joins, whatever autovacuum did
    _check_duplicates(connection, data, iso)
    same_key = " AND ".join(f"s.{c} = t.{c}" for c in KEY)
    removed = connection.execute(
        text(
            f"DELETE FROM trade_figure WHERE release_id = :release AND {SERIES} "
            f"AND NOT EXISTS (SELECT 1 FROM {STAGE} s WHERE "
            + " AND ".join(f"s.{c} = trade_figure.{c}" for c in KEY)
            + ")"
        ),
        params,
    ).rowcount
    distinct = "IS DISTINCT FROM" if postgresql else "IS NOT"
    updated = connection.execute(
        text(
            "UPDATE trade_figure AS t SET value_status = s.value_status, "
            f"value_minor = s.value_minor, currency_code = '{CURRENCY}', qualifier = 'exact' "
            f"FROM {STAGE} s WHERE t.release_id = :release AND {_series('t')} AND {same_key} "
            f"AND (t.value_status {distinct} s.value_status OR t.value_minor {distinct} "
            f"s.value_minor OR t.currency_code {distinct} '{CURRENCY}' "
            f"OR t.qualifier {distinct} 'exact')"
        ),
        params,
    ).rowcount
    inserted = connection.execute(
        text(
            f"{insert} WHERE NOT EXISTS (SELECT 1 FROM trade_figure t WHERE {same_key} "
            f"AND t.release_id = :release AND {_series('t')})"
        ),
        params,
    ).rowcount
    return {
        "inserted": inserted,
        "updated": updated,
        "unchanged": staged - inserted - updated,
        "removed": removed,
    }


def _series(alias: str) -> str:
    return (
        f"{alias}.period_precision = 'year' AND {alias}.flow = 'import' "
        f"AND {alias}.valuation = 'not_stated' AND {alias}.category_id = :category "
        f"AND {alias}.alternative = 0"
    )
