"""Correlates of War, Trade v4.0, dyadic: `import cow-trade PATH`.

One row per pair of states and year gives two directed import figures: ccode1's imports from
ccode2 (`flow1`) and ccode2's imports from ccode1 (`flow2`), in millions of current US dollars.
Each becomes a trade figure: reporter the importer, flow `import`, all goods, the year, in USD
cents (exact: 612.34 million is 61,234,000,000 cents), valuation `not_stated` (COW takes an
importer's figure, or its partner's mirror export figure where that is missing, so the basis
varies). `-9` is unknown: a figure of status `unknown` with no value, never zero; `0` is an
observed zero.

COW's smoothed flows (`smoothflow1/2`, where the file has them) are the same pairs' figures in
the series `smoothed`, beside the reported flows (series `reported`): two more figures a row,
read by the same rules (-9 unknown). Reports show the reported series unless asked otherwise.
The full release's alternative flows (`bel_lux_alt_flow*`, `china_alt_flow*`) are not read.

States map to countries through the crosswalk by its rule for a year (Crosswalk.in_year: the
country on 1 July; 365 is the USSR's in 1990, Russia's in 1995). A code the crosswalk cannot
place is a finding, its figures not stored; a file with a bad cell writes nothing.

The figures go to the release's trade_figure target (the writing layer): streamed into a stage,
checked there for a figure given twice, then merged set-based, writing only the figures that
differ and removing those the file no longer has. Memory holds one chunk of rows, whatever the
size of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, select

from bilateral_db.crosswalk import YEAR_DAY_NAME, Crosswalk
from bilateral_db.imports.base import Importer, Progress
from bilateral_db.imports.reading import DataFile
from bilateral_db.imports.release import Dataset, ReleaseWriter
from bilateral_db.models import Actor, ProductCategory
from bilateral_db.writing.targets import StagedTarget

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
SMOOTHED = ("smoothflow1", "smoothflow2")  # optional: COW's smoothed series of the same pairs
REPORTED_SERIES, SMOOTHED_SERIES = "reported", "smoothed"
UNKNOWN = "-9"
CATEGORY = "all-goods"
CURRENCY = "USD"
CENTS_PER_MILLION = 10**8  # USD has 2 decimal places: a million dollars is 10^8 cents
FIRST_YEAR, LAST_YEAR = 1816, 2100  # the state system's first year; a sanity bound
PROGRESS_EVERY = 20_000
# COW Trade files the Republic of Vietnam's trade under 816 (North Vietnam's code) in
# 1960-1975: 817 has rows only to 1959, and 816's partners then are South Vietnam's (US
# exports of $675m in 1974, $1m in 1976). Read as 817 (docs/data-sets.md gives the evidence).
FILED_UNDER = {("816", year): "817" for year in range(1960, 1976)}
# Each figure's own values; a staged figure is its line, then these (period as ISO text).
FIGURE_COLUMNS = (
    "reporter_actor_id",
    "partner_actor_id",
    "period_start",
    "period_end",
    "value_status",
    "value_minor",
    "series",
)
Staged = tuple[int, int, int, str, str, str, int | None, str]


def series(category: int) -> dict[str, Any]:
    """What every figure of the file shares: annual imports of all goods, in US dollars."""
    return {
        "period_precision": "year",
        "flow": "import",
        "category_id": category,
        "valuation": "not_stated",
        "currency_code": CURRENCY,
        "qualifier": "exact",
    }


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
    scheme = "cow"

    def write(
        self, connection: Connection, release: ReleaseWriter, data: DataFile, progress: Progress
    ) -> tuple[date | None, date | None]:
        category = connection.scalar(
            select(ProductCategory.id).where(ProductCategory.code == CATEGORY)
        )
        if category is None:
            raise LookupError(f"no product category {CATEGORY!r}: load the fixtures first")
        iso: dict[int, str] = {}  # actor id -> country code, for messages

        def twice(key: Mapping[str, Any], first: int) -> tuple[str | None, str]:
            reporter, partner = key["reporter_actor_id"], key["partner_actor_id"]
            smoothed = " (smoothed)" if key["series"] == SMOOTHED_SERIES else ""
            return "year", (
                f"{iso.get(reporter, reporter)}'s imports{smoothed} from "
                f"{iso.get(partner, partner)} in {str(key['period_start'])[:4]} are also given "
                f"on line {first}"
            )

        figures = release.target("trade_figure", FIGURE_COLUMNS, series(category), twice)
        assert isinstance(figures, StagedTarget)  # trade figures have a key: they are merged
        reading = _Reading(connection, release, data, progress, figures, iso)
        reading.read()
        changes = figures.finish()
        if reading.first_year is None or reading.last_year is None:
            release.count("source_rows", reading.rows)
            return None, None
        release.count("trade_figure", changes.rows)
        release.count("unknown_value", reading.unknown)
        release.count("source_rows", reading.rows)
        return date(reading.first_year, 1, 1), date(reading.last_year, 12, 31)


class _Reading:
    """One pass over the file: each row's two figures, parsed and mapped, to the target.

    Where two codes stand for one country in one year (North Yemen 678 until May 1990 and
    Yemen 679; West Germany 260 and Germany 255 in 1990) a figure of the code that is the
    country's on the crosswalk's day of the year is kept and the other code's figure of the
    same pair is left out (a finding); those rows are held back until the end, so only a few
    are in memory.
    """

    def __init__(
        self,
        connection: Connection,
        release: ReleaseWriter,
        data: DataFile,
        progress: Progress,
        figures: StagedTarget,
        iso: dict[int, str],
    ) -> None:
        self.release = release
        self.data = data
        self.progress = progress
        self.figures = figures
        self.crosswalk = Crosswalk.read(connection, "cow")
        self.actors: dict[int, int] = {
            country_id: actor_id
            for country_id, actor_id in connection.execute(
                select(Actor.country_id, Actor.id).where(Actor.country_id.is_not(None))
            )
            if country_id is not None
        }
        # (ccode, year) -> (actor id, whether only part of the year's and the country is
        # another code's on the year's day), or None where the crosswalk has no country.
        self.mapped: dict[tuple[str, int], tuple[int, bool] | None] = {}
        self.contested: set[tuple[int, int]] = set()  # (actor id, year) with two codes
        # figures of contested year-day codes: (reporter, partner, period, series) -> cents
        self.seen: dict[tuple[int, int, str, str], int | None] = {}
        self.held: list[tuple[Staged, str]] = []  # part-year rows, with a code
        self.iso = iso  # actor id -> country code, for messages
        self.unmapped: dict[str, _Unmapped] = {}
        self.refiled: dict[tuple[str, str], _Unmapped] = {}  # (code, read as) -> lines, years
        self.values: dict[str, int | None] = {}  # a cell's text -> cents (few distinct)
        self.rows = 0
        self.unknown = 0
        self.first_year: int | None = None
        self.last_year: int | None = None

    def read(self) -> None:
        data = self.data
        add = self.figures.add
        positions: list[int] = []
        smoothed: list[int] = []
        years: dict[str, tuple[int, str] | None] = {}
        for row in data.rows():
            if not positions:
                positions = [row.positions[column] for column in REQUIRED]
                if all(column in row.positions for column in SMOOTHED):
                    smoothed = [row.positions[column] for column in SMOOTHED]
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
            figures = [(flow1, flow2, REPORTED_SERIES)]
            if smoothed:
                smooth1 = self._value(row.line, SMOOTHED[0], cells[smoothed[0]])
                smooth2 = self._value(row.line, SMOOTHED[1], cells[smoothed[1]])
                figures.append((smooth1, smooth2, SMOOTHED_SERIES))
            if year is None or any(value is False for pair in figures for value in pair[:2]):
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
            period, period_end = year[1], f"{year[0]:04d}-12-31"
            for first_flow, second_flow, kind in figures:
                for reporter, partner, cents in ((a, b, first_flow), (b, a, second_flow)):
                    assert cents is not False  # a problem was reported above
                    status = "observed" if cents is not None else "unknown"
                    staged: Staged = (
                        row.line, reporter, partner, period, period_end, status, cents, kind
                    )  # fmt: skip
                    if a_part or b_part:
                        self.held.append((staged, code1 if a_part else code2))
                        continue
                    if self.contested and (
                        (reporter, year[0]) in self.contested
                        or (partner, year[0]) in self.contested
                    ):
                        self.seen[(reporter, partner, period, kind)] = cents
                    if cents is None:
                        self.unknown += 1
                    add(staged)
            self.first_year = year[0] if self.first_year is None else min(self.first_year, year[0])
            self.last_year = year[0] if self.last_year is None else max(self.last_year, year[0])
        data.check()
        self._release_held()
        for (code, read_as), seen in self.refiled.items():
            self.release.finding(
                "refiled_code",
                seen.line,
                f"cow {code} {seen.first}..{seen.last}",
                f"COW files another state's trade under {code} in these years; its {seen.rows:,} "
                f"rows are read as {read_as} (docs/data-sets.md, 'COW Trade and Vietnam')",
            )
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
        """Part-year codes' figures: staged unless the year-day code gives a figure of the same
        pair; then the year-day code's is kept, and the finding says whether the two agree."""
        # (code, year) -> first line, figures left out, those differing from the kept ones
        left_out: dict[tuple[str, str], tuple[int, list[str]]] = {}
        counts: dict[tuple[str, str], int] = {}
        for staged, code in self.held:
            line, reporter, partner, period, _, status, cents, kind = staged
            key = (reporter, partner, period, kind)
            if key in self.seen:
                entry = left_out.setdefault((code, period[:4]), (line, []))
                counts[(code, period[:4])] = counts.get((code, period[:4]), 0) + 1
                kept = self.seen[key]
                if kept != cents:
                    smoothed = " (smoothed)" if kind == SMOOTHED_SERIES else ""
                    entry[1].append(
                        f"{self.iso.get(reporter, reporter)} imports{smoothed} from "
                        f"{self.iso.get(partner, partner)}: {_millions(cents)} by {code}, "
                        f"{_millions(kept)} kept"
                    )
                continue
            if status == "unknown":
                self.unknown += 1
            self.figures.add(staged)
        for (code, year), (line, differing) in sorted(left_out.items(), key=lambda i: i[1][0]):
            figures = counts[(code, year)]
            if differing:
                compared = (
                    f"gives figures of the same pairs, kept; {len(differing):,} of the "
                    f"{figures:,} left out differ (US$ million): " + "; ".join(differing)
                )
            else:
                compared = f"gives the same figures: {figures:,} figures left out"
            self.release.finding(
                "superseded_code",
                line,
                f"cow {code} {year}",
                f"the code is its country's for part of {year} only, and the code that is the "
                f"country's on {YEAR_DAY_NAME} {compared}",
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
        if key in FILED_UNDER:
            read_as = FILED_UNDER[key]
            seen = self.refiled.setdefault((code, read_as), _Unmapped(line, year, year))
            seen.first, seen.last = min(seen.first, year), max(seen.last, year)
            seen.rows += 1
            code = read_as
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
        """The country of `code` in `year` by the crosswalk's rule, marked when the code is
        the country's for part of the year and another code is the country's on its day."""
        if not code.isdigit():
            self.data.problem(line, column, f"{code[:20]!r} is not a COW state code")
            return None
        found = self.crosswalk.in_year(code, year, self.actors)
        if found is None:
            return None
        actor_id: int = self.actors[found.mapping.country_id]
        self.iso[actor_id] = found.mapping.iso
        if found.part_year:
            self.contested.add((actor_id, year))
            if self.rows > 1:  # figures of the year-day code may have been staged already
                self._note_contested_late(actor_id, year)
        return actor_id, found.part_year

    def _note_contested_late(self, actor_id: int, year: int) -> None:
        """A contest found after rows of the year were staged: the stage tells their keys."""
        rows = self.figures.staged(
            ("reporter_actor_id", "partner_actor_id", "period_start", "series", "value_minor"),
            "period_start = :period AND (reporter_actor_id = :actor OR partner_actor_id = :actor)",
            {"actor": actor_id, "period": f"{year:04d}-01-01"},
        )
        self.seen.update(
            ((r, p, str(d), s), None if v is None else int(v)) for r, p, d, s, v in rows
        )


def _millions(cents: int | None) -> str:
    """Cents as the file wrote them: millions of US dollars, or -9 (unknown)."""
    if cents is None:
        return "-9 (unknown)"
    return format(Decimal(cents).scaleb(-8).normalize(), "f")


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
