#!/usr/bin/env python3
"""Write UN Comtrade bulk files with realistic content, deterministic by seed.

    .venv/bin/python bench/generate_comtrade.py OUT_DIR --rows 10000000 [--seed 1]
        [--layout legacy|plus] [--files 1] [--compress none|gz|zip]

Real Comtrade files are not available here, so tests (small) and benchmarks (large) use these.
The files have the published columns of either layout (docs/trade-files.md): the legacy bulk
CSV, or Comtrade+ (tab-separated `.txt`/`.gz` as its bulk files are). What is in them:

- reporters: about 150 economies under their Comtrade codes (251 France, 842 USA, 699 India,
  757 Switzerland, ...), the largest reporting the most partners, a third of them monthly;
- partners: countries by a Zipf-like rank (values fall with rank), World (0) for totals and
  chapters, and Areas nes (899), Other Asia nes (490), Bunkers, Free Zones and Special
  Categories (837-839);
- years 2010-2022 (HS 2012 to 2016, HS 2017 to 2021, HS 2022 after); flows M and X for every
  reporter, re-exports and re-imports for some;
- commodities: TOTAL, the 96 HS chapters, and HS4 and HS6 codes laid out as the HS is
  (synthetic subdivisions of real chapters, leading zeros kept), each sample of a
  reporter-year drawn without replacement, so no figure is given twice;
- values log-normal in US dollars (whole dollars in the legacy layout, sometimes three
  decimals in Comtrade+, as its converted values have), 0.5 % zeros, 0.1 % empty (unknown);
  quantities at HS4 and HS6 in the heading's unit (kg, items, litres, m³, carats, 1000 kWh,
  ...), 8 % of them missing, net weights 5 % missing; estimation flags and isReported as
  Comtrade sets them.

Memory holds one reporter-year's sample (a few thousand numbers), whatever --rows is. The
same seed and arguments give the same bytes. `records(rows, seed)` yields what the files say,
as plain tuples, for tests to compare a reader's output with.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import random
import resource
import sys
import time
import zipfile
from bisect import bisect
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import IO, NamedTuple

YEARS = range(2010, 2023)
# Large economies first: rank sets how many partners a reporter has and the size of values.
BIG = [842, 156, 276, 392, 251, 826, 381, 410, 528, 124, 344, 699, 484, 643, 724, 702, 56, 757]
BIG += [458, 764, 36, 76, 360, 704, 792, 616, 682, 784, 752, 40, 579, 208, 372, 246, 203, 348]
NAMES = {842: "USA", 251: "France", 381: "Italy", 699: "India", 757: "Switzerland"}
SPECIAL_PARTNERS = (899, 490, 837, 838, 839)
WORLD = 0
FLOW_NAMES = {"M": "Import", "X": "Export", "RX": "Re-Export", "RM": "Re-Import"}
LEGACY_FLOW = {"M": "1", "X": "2", "RX": "3", "RM": "4"}
MONTHS = "January February March April May June July August September October November December"
LEGACY_COLUMNS = [
    *("Classification", "Year", "Period", "Period Desc.", "Aggregate Level", "Is Leaf Code"),
    *("Trade Flow Code", "Trade Flow", "Reporter Code", "Reporter", "Reporter ISO"),
    *("Partner Code", "Partner", "Partner ISO", "Commodity Code", "Commodity", "Qty Unit Code"),
    *("Qty Unit", "Qty", "Netweight (kg)", "Trade Value (US$)", "Flag"),
]
PLUS_COLUMNS = [
    *("typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode"),
    *("reporterISO", "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO"),
    *("partnerDesc", "partner2Code", "partner2ISO", "partner2Desc", "classificationCode"),
    *("classificationSearchCode", "isOriginalClassification", "cmdCode", "cmdDesc", "aggrLevel"),
    *("isLeaf", "customsCode", "customsDesc", "mosCode", "motCode", "motDesc", "qtyUnitCode"),
    *("qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode", "altQtyUnitAbbr", "altQty"),
    *("isAltQtyEstimated", "netWgt", "isNetWgtEstimated", "grossWgt", "isGrossWgtEstimated"),
    *("cifvalue", "fobvalue", "primaryValue", "legacyEstimationFlag", "isReported", "isAggregate"),
]
# Comtrade quantity units: code -> (legacy name, Comtrade+ abbreviation).
_UNITS = {
    1: ("No Quantity", "N/A"),
    2: ("Area in square metres", "m²"),
    3: ("Electrical energy in thousands of kilowatt-hours", "1000 kWh"),
    5: ("Number of items", "u"),
    6: ("Number of pairs", "2u"),
    7: ("Volume in litres", "l"),
    8: ("Weight in kilograms", "kg"),
    11: ("Dozen of items", "12u"),
    12: ("Volume in cubic meters", "m³"),
    13: ("Weight in carats", "carat"),
}


# ... and the code as each layout writes it
UNITS = {
    code: (name, abbreviation, str(code), "-1" if code == 1 else str(code))
    for code, (name, abbreviation) in _UNITS.items()
}
FLAGS = {flag: str(flag) for flag in (0, 2, 4, 6)}
TRUE = {False: "False", True: "True", 2: "True", 4: "True"}  # also flag & 2, flag & 4
PLUS_ISO = {WORLD: "W00", 490: "S19"}  # Comtrade+'s codes of areas without an ISO code


class Record(NamedTuple):
    """One figure as the files state it (text cells as written; "" where empty)."""

    year: int
    month: int  # 0 for annual
    reporter: int
    partner: int
    flow: str  # M, X, RX, RM
    classification: str  # H4, H5, H6
    commodity: str  # TOTAL or digits
    value: str  # US dollars as written
    unit: int  # Comtrade quantity unit code (1: no quantity)
    qty: str
    weight: str  # net weight, kg
    flag: int  # 0, 2 (quantity estimated), 4 (weight estimated), 6 (both)
    reported: bool  # False: estimated by UNSD


def _commodities() -> dict[int, list[str]]:
    """Codes by level: TOTAL, HS chapters, HS4 headings and HS6 subheadings laid out as the HS
    is (synthetic subdivisions of the real chapters)."""
    chapters = [f"{c:02d}" for c in range(1, 98) if c != 77]
    headings: list[str] = []
    for number, chapter in enumerate(chapters, start=1):
        headings += [f"{chapter}{h:02d}" for h in range(1, 4 + (number * 7) % 19)]
    subheadings: list[str] = []
    for number, heading in enumerate(headings):
        count = 1 + (number * 5) % 6
        if count == 1:
            subheadings.append(f"{heading}00")
        else:
            subheadings += [f"{heading}{10 * (s + 1)}" for s in range(count - 1)]
            subheadings.append(f"{heading}90")
    return {0: ["TOTAL"], 2: chapters, 4: headings, 6: subheadings}


COMMODITIES = _commodities()
LEVELS = (0, 2, 4, 6)
LEVEL_CUMULATIVE = (0.05, 0.20, 0.50)  # TOTAL 5 %, chapters 15 %, HS4 30 %, HS6 50 %
WORLD_CUMULATIVE = (0.3, 1.0, 1.0)  # World rows are totals (30 %) and chapters


def unit_of(code: str) -> int:
    """The Comtrade quantity unit of a heading, as the HS customs units run."""
    if code == "TOTAL" or len(code) < 4:
        return 1
    chapter, heading = code[:2], code[:4]
    if heading == "2716":
        return 3
    if heading in ("7102", "7103"):
        return 13
    return {"01": 5, "22": 7, "44": 12, "57": 2, "64": 6, "61": 11, "84": 5, "85": 5}.get(
        chapter, 8
    )


UNIT_OF = {code: unit_of(code) for level in (4, 6) for code in COMMODITIES[level]}


# Places with no customs of their own report nothing (they are partners at most): Antarctica,
# Bouvet, British Indian Ocean Territory, South Georgia, French Southern Territories, Heard
# and McDonald, US Minor Outlying Islands, Pitcairn, Svalbard and Jan Mayen.
NOT_REPORTERS = {10, 74, 86, 239, 260, 334, 581, 612, 744}


def _reporters(codes: list[int]) -> list[int]:
    rest = sorted(set(codes) - set(BIG) - NOT_REPORTERS)
    return BIG + rest[: 150 - len(BIG)]


def _mapping_rows() -> list[dict[str, str]]:
    path = Path(__file__).resolve().parent.parent / "fixtures" / "comtrade" / "m49_codes.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return list(csv.DictReader(lines))


def _country_codes() -> list[int]:
    """Comtrade codes of current countries (the mapping's ISO rows) and Comtrade's own ones."""
    skip = {250, 380, 578, 756, 840, 356}  # Comtrade reports these as 251, 381, ... 842, 699
    codes = [
        int(row["code"])
        for row in _mapping_rows()
        if row["kind"] == "country" and row["sources"].startswith("un-m49")
    ]
    return [code for code in codes if code not in skip] + [251, 381, 579, 699, 757, 842]


def records(rows: int, seed: int = 1) -> Iterator[Record]:
    """`rows` figures, spread over every reporter and year, in file order."""
    countries = _country_codes()
    reporters = _reporters(countries)
    slices = [(year, reporter) for year in YEARS for reporter in reporters]
    chosen = random.Random(f"{seed}:order").sample(range(len(slices)), min(rows, len(slices)))
    base, extra = divmod(rows, len(chosen)) if chosen else (0, 0)
    for position, index in enumerate(sorted(chosen)):
        year, reporter = slices[index]
        count = base + (1 if position < extra else 0)
        yield from _slice(seed, year, reporter, countries, count)


def _slice(seed: int, year: int, reporter: int, countries: list[int], count: int) -> list[Record]:
    """One reporter-year: `count` distinct figures, in the order Comtrade files list them."""
    rng = random.Random(f"{seed}:{year}:{reporter}")
    draw = rng.random
    rank = BIG.index(reporter) + 1 if reporter in BIG else len(BIG) + 1 + rng.randrange(120)
    months = list(range(1, 13)) if draw() < 0.33 else [0]
    flows = ["M", "X"] + (["RX"] if draw() < 0.25 else []) + (["RM"] if draw() < 0.15 else [])
    partners = rng.sample(countries, min(max(10, 160 - rank) + 1, len(countries)))
    partners = [p for p in partners if p != reporter][: max(10, 160 - rank)]
    # World 10 %, the special partners 1 % each, countries by rank (Zipf) for the rest
    candidates = [WORLD, *SPECIAL_PARTNERS, *partners]
    harmonic = sum(1 / r for r in range(1, len(partners) + 1))
    cumulative = list(
        accumulate(
            [0.10]
            + [0.01] * len(SPECIAL_PARTNERS)
            + [0.85 / (r * harmonic) for r in range(1, len(partners) + 1)]
        )
    )
    total = cumulative[-1]
    classification = "H4" if year <= 2016 else "H5" if year <= 2021 else "H6"
    codes = sum(len(level) for level in COMMODITIES.values())
    room = len(months) * len(flows) * (97 + (len(candidates) - 1) * codes)
    count = min(count, room // 2)  # far above any use; keeps the draws without replacement quick
    seen: set[tuple[int, str, int, str]] = set()
    out: list[Record] = []
    while len(out) < count:
        index = bisect(cumulative, draw() * total)
        partner = candidates[index]
        level = bisect(WORLD_CUMULATIVE if partner == WORLD else LEVEL_CUMULATIVE, draw())
        level_codes = COMMODITIES[LEVELS[level]]
        commodity = level_codes[int(draw() * len(level_codes))]
        month = months[int(draw() * len(months))]
        flow = flows[int(draw() * len(flows))]
        key = (month, flow, partner, commodity)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            _figure(
                draw, year, month, reporter, partner, flow, classification, commodity, rank, index
            )
        )
    out.sort(key=lambda record: (record.month, record.flow, record.partner, record.commodity))
    return out


LEVEL_SCALE = {0: 0.0, 2: 3.5, 4: 5.5, 6: 7.0}  # log-dollars below the total


def _figure(
    draw: Callable[[], float],
    year: int,
    month: int,
    reporter: int,
    partner: int,
    flow: str,
    classification: str,
    commodity: str,
    rank: int,
    partner_rank: int,
) -> Record:
    level = 0 if commodity == "TOTAL" else len(commodity)
    scale = 24.0 - 0.04 * rank - 0.03 * partner_rank - LEVEL_SCALE[level]
    scale -= (2.5 if month else 0.0) + (1.5 if flow in ("RX", "RM") else 0.0)
    chance = draw()
    if chance < 0.001:
        value = ""
    elif chance < 0.006:
        value = "0"
    else:
        # log-normal: the sum of uniforms is near enough to a normal draw, and cheap
        normal = draw() + draw() + draw() + draw() - 2.0
        value = str(max(1, int(math.exp(scale + 2.8 * normal))))
    unit = UNIT_OF.get(commodity, 1)
    qty = weight = ""
    if unit != 1 and value not in ("", "0"):
        dollars = int(value)
        if draw() >= 0.08:
            qty = str(max(1, int(dollars / (2 + draw() * 40))))
        if draw() >= 0.05:
            weight = str(max(1, int(dollars / (1 + draw() * 20))))
    mark, flag = draw(), 0
    if qty and mark < 0.03:
        flag = 2
    elif weight and mark < 0.06:
        flag = 4
    elif qty and weight and mark < 0.07:
        flag = 6
    return Record(
        year,
        month,
        reporter,
        partner,
        flow,
        classification,
        commodity,
        value,
        unit,
        qty,
        weight,
        flag,
        draw() >= 0.02,
    )


# --- writing ---------------------------------------------------------------------------------


def _names() -> dict[int, tuple[str, str, str]]:
    """Code -> (code as text, name, ISO code as the files write them)."""
    names: dict[int, tuple[str, str, str]] = {}
    for row in _mapping_rows():
        code = int(row["code"])
        iso = row["actor"] if row["kind"] == "country" else ""
        names[code] = (str(code), NAMES.get(code, row["name"]), iso)
    names[WORLD] = ("0", "World", "WLD")
    return names


def _commodity_cells() -> dict[str, tuple[str, str, str]]:
    """Code -> (description, level, is-leaf) as the files write them."""
    cells = {"TOTAL": ("All Commodities", "0", "0")}
    for level in (2, 4, 6):
        kind = "chapter" if level == 2 else "heading"
        for code in COMMODITIES[level]:
            cells[code] = (
                f"Goods of {kind} {code}, n.e.s.",
                str(level),
                "1" if level == 6 else "0",
            )
    return cells


COMMODITY_CELLS = _commodity_cells()
MONTH_NAMES = ["", *MONTHS.split()]


def legacy_cells(record: Record, names: dict[int, tuple[str, str, str]]) -> list[str]:
    r = record
    year = str(r.year)
    period, described = (
        (f"{year}{r.month:02d}", f"{MONTH_NAMES[r.month]} {year}") if r.month else (year, year)
    )
    description, level, leaf = COMMODITY_CELLS[r.commodity]
    unit = UNITS[r.unit]
    return [
        r.classification, year, period, described, level, leaf, LEGACY_FLOW[r.flow],
        FLOW_NAMES[r.flow], *names[r.reporter], *names[r.partner], r.commodity, description,
        unit[2], unit[0], r.qty, r.weight, r.value, FLAGS[r.flag],
    ]  # fmt: skip


def plus_cells(
    record: Record, names: dict[int, tuple[str, str, str]], draw: Callable[[], float]
) -> list[str]:
    r = record
    year = str(r.year)
    period = f"{year}{r.month:02d}" if r.month else year
    description, level, leaf = COMMODITY_CELLS[r.commodity]
    reporter, reporter_name, reporter_iso = names[r.reporter]
    partner, partner_name, partner_iso = names[r.partner]
    partner_iso = PLUS_ISO.get(r.partner, partner_iso)
    unit = UNITS[r.unit]
    value = r.value
    if value not in ("", "0") and draw() < 0.3:
        value = f"{value}.{int(draw() * 1000):03d}"
    imported = r.flow in ("M", "RM")
    return [
        "C", "M" if r.month else "A", f"{year}{r.month or 1:02d}01", year, str(r.month or 52),
        period, reporter, reporter_iso, reporter_name, r.flow, FLOW_NAMES[r.flow], partner,
        partner_iso, partner_name, "0", "W00", "World", r.classification, r.classification,
        "True", r.commodity, description, level, "True" if leaf == "1" else "False", "C00",
        "TOTAL CPC", "0", "0", "TOTAL MOT", unit[3], unit[1],
        r.qty or ("0" if r.unit == 1 else ""), TRUE[r.flag & 2], "-1", "N/A", "0", "False",
        r.weight, TRUE[r.flag & 4], "0", "False", value if imported else "",
        "" if imported else value, value, FLAGS[r.flag], TRUE[r.reported], "False",
    ]  # fmt: skip


def write(
    out: Path,
    rows: int,
    *,
    seed: int = 1,
    layout: str = "legacy",
    files: int = 1,
    compress: str = "none",
) -> list[Path]:
    """Write `rows` figures into `files` files under `out`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    names = _names()
    draw = random.Random(f"{seed}:decimals").random
    suffix = ".csv" if layout == "legacy" else ".txt"
    per_file = -(-rows // files)
    paths: list[Path] = []
    stream = records(rows, seed)
    archive = (
        zipfile.ZipFile(out / f"comtrade-{layout}.zip", "w", zipfile.ZIP_DEFLATED)
        if compress == "zip"
        else None
    )
    for number in range(files):
        name = f"comtrade-{layout}-{number + 1:03d}{suffix}"
        with _open(out, name, compress, archive) as handle:
            writer = csv.writer(
                handle, delimiter="," if layout == "legacy" else "\t", lineterminator="\n"
            )
            writer.writerow(LEGACY_COLUMNS if layout == "legacy" else PLUS_COLUMNS)
            batch: list[list[str]] = []
            for count, record in enumerate(stream, start=1):
                batch.append(
                    legacy_cells(record, names)
                    if layout == "legacy"
                    else plus_cells(record, names, draw)
                )
                if len(batch) == 10_000:
                    writer.writerows(batch)
                    batch.clear()
                if count == per_file:
                    break
            writer.writerows(batch)
        if archive is None:
            paths.append(out / (name + (".gz" if compress == "gz" else "")))
    if archive is not None:
        archive.close()
        paths.append(out / f"comtrade-{layout}.zip")
    return paths


class _open:
    """A text file to write: plain, gzipped, or a member of the zip archive."""

    def __init__(self, out: Path, name: str, compress: str, archive: zipfile.ZipFile | None):
        self.out, self.name, self.compress, self.archive = out, name, compress, archive
        self.handle: IO[str] | None = None
        self.raw: IO[bytes] | None = None

    def __enter__(self) -> IO[str]:
        if self.archive is not None:
            self.raw = self.archive.open(self.name, "w", force_zip64=True)
        elif self.compress == "gz":
            # mtime 0 and no file name in the header: the same rows give the same bytes
            self.raw = gzip.GzipFile(self.out / (self.name + ".gz"), "wb", compresslevel=6, mtime=0)
        else:
            self.raw = (self.out / self.name).open("wb")
        self.handle = io.TextIOWrapper(self.raw, encoding="utf-8", newline="")
        return self.handle

    def __exit__(self, *exc: object) -> None:
        assert self.handle is not None
        self.handle.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layout", choices=("legacy", "plus"), default="legacy")
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--compress", choices=("none", "gz", "zip"), default="none")
    args = parser.parse_args(argv)
    started, cpu = time.perf_counter(), time.process_time()
    paths = write(
        args.out,
        args.rows,
        seed=args.seed,
        layout=args.layout,
        files=args.files,
        compress=args.compress,
    )
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    size = sum(path.stat().st_size for path in paths)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.rows:,} rows in {seconds:.1f} s ({cpu:.1f} s CPU, {args.rows / cpu:,.0f} rows/s "
        f"of CPU), peak RSS {peak:,.0f} MiB, {size / 2**20:,.1f} MiB: " + ", ".join(map(str, paths))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
