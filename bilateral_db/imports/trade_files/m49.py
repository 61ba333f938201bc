"""UN Comtrade's area codes (UN M49 numbers as Comtrade uses them) and what each stands for.

The reviewed file `fixtures/comtrade/m49_codes.csv` says, for every code, what kind of area it
is and which of our actors it is, over which days:

| kind | actor is | e.g. |
| --- | --- | --- |
| country | a country code (countries.yaml) | 251 France (customs area, Monaco in it), 842 USA |
| bloc | a bloc code (blocs.yaml) | 97 European Union |
| world | a region code | 0 World |
| area_nes | a region code | 899 Areas, nes; 568 Other Europe, nes |
| special | a region code | 837 Bunkers, 838 Free Zones, 839 Special Categories |
| territory | a region code | 530 Netherlands Antilles, 461 Sabah (no country of ours) |
| combination | a region code | 58 Belgium-Luxembourg, 711 Southern African Customs Union |

A region's row may give its code in the UN M49 standard (`m49`: World is 001 there, 000 in
Comtrade); an importer creates the regions it meets from these rows (code, name, kind, m49).

Nothing is dropped: a code the file lists is always some actor; a code it does not list is an
error naming the line of the data file. A code with rows for two actors changes on a date (891
is Yugoslavia to 2003-02-03, Serbia and Montenegro from 2003-02-04); a code is looked up on a
period's mapping day (1 July of a year).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bilateral_db.resources import fixtures_dir
from bilateral_db.writing.errors import FileError as ImportFileError
from bilateral_db.writing.errors import Problem as ImportProblem

COLUMNS = (
    "code",
    "name",
    "kind",
    "actor",
    "m49",
    "start",
    "end",
    "sources",
    "confidence",
    "note",
)
# kind -> the table its actor is a natural key of
KINDS: dict[str, str] = {
    "country": "country",
    "bloc": "bloc",
    "world": "region",
    "area_nes": "region",
    "special": "region",
    "territory": "region",
    "combination": "region",
}
CONFIDENCES = ("stated", "inferred")
_ACTOR = {
    "country": re.compile(r"[A-Z]{3}"),
    "bloc": re.compile(r"[A-Z][A-Z0-9-]*"),
    "region": re.compile(r"[A-Z][A-Z0-9-]*"),
}
_SOURCE_LINE = re.compile(r"#\s*source\s+([a-z0-9-]+)\s*:\s*(\S+)\s*")
_CODE = re.compile(r"[0-9]{3}")


def default_path() -> Path:
    return fixtures_dir() / "comtrade" / "m49_codes.csv"


@dataclass(frozen=True, slots=True)
class Area:
    """What a code stands for over [start, end] (None: open)."""

    code: int
    name: str
    kind: str
    actor: str
    m49: str | None  # a region's code in the UN M49 standard, where it has one
    start: date | None
    end: date | None
    sources: tuple[str, ...]
    confidence: str | None
    note: str | None

    @property
    def table(self) -> str:
        """The table `actor` is a key of: country, bloc or region."""
        return KINDS[self.kind]

    @property
    def is_country(self) -> bool:
        return self.kind == "country"

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class M49Codes:
    """The reviewed mapping, read once: `on(code, day)` is the area a code stands for."""

    def __init__(self, areas: dict[int, tuple[Area, ...]], sources: dict[str, str], path: Path):
        self.areas = areas
        self.sources = sources  # source key -> URL, from the file's comments
        self.path = path

    @classmethod
    def read(cls, path: Path | None = None) -> M49Codes:
        path = path or default_path()
        problems: list[ImportProblem] = []
        sources: dict[str, str] = {}
        areas: dict[int, list[Area]] = {}
        for line, row in _rows(path, sources, problems):
            area = _area(str(path), line, row, sources, problems)
            if area is not None:
                _check_overlap(str(path), line, area, areas.setdefault(area.code, []), problems)
                areas[area.code].append(area)
        if not areas and not problems:
            problems.append(ImportProblem(str(path), 0, None, "lists no codes"))
        if problems:
            raise ImportFileError(problems[:20])
        return cls({code: tuple(rows) for code, rows in areas.items()}, sources, path)

    def known(self, code: int) -> bool:
        return code in self.areas

    def on(self, code: int, day: date) -> Area | None:
        """The area `code` stands for on `day`; None for an unknown code or a day outside
        every row of it (then the code is known but placed nowhere that day)."""
        for area in self.areas.get(code, ()):
            if area.covers(day):
                return area
        return None

    def __iter__(self) -> Iterator[Area]:
        for code in sorted(self.areas):
            yield from self.areas[code]


def _rows(
    path: Path, sources: dict[str, str], problems: list[ImportProblem]
) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = handle.read().splitlines()
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        match = _SOURCE_LINE.fullmatch(lines[start])
        if match:
            sources[match.group(1)] = match.group(2)
        start += 1
    reader = csv.reader(lines[start:])
    header = next(reader, None)
    if header is None or tuple(column.strip() for column in header) != COLUMNS:
        problems.append(
            ImportProblem(str(path), start + 1, None, f"the header must be {','.join(COLUMNS)}")
        )
        return
    for values in reader:
        line = start + reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(COLUMNS):
            problems.append(
                ImportProblem(
                    str(path), line, None, f"{len(values)} values, expected {len(COLUMNS)}"
                )
            )
            continue
        yield line, {column: value.strip() for column, value in zip(COLUMNS, values, strict=True)}


def _area(
    file: str,
    line: int,
    row: dict[str, str],
    sources: dict[str, str],
    problems: list[ImportProblem],
) -> Area | None:
    bad = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(ImportProblem(file, line, column, message))

    if not _CODE.fullmatch(row["code"]):
        problem("code", f"{row['code']!r} is not a three-digit code (004, 251, 899)")
    kind = row["kind"]
    if kind not in KINDS:
        problem("kind", f"{kind!r} is not a kind (one of {', '.join(KINDS)})")
    elif not _ACTOR[KINDS[kind]].fullmatch(row["actor"]):
        problem("actor", f"{row['actor']!r} is not a {KINDS[kind]} code")
    if not row["name"]:
        problem("name", "is empty")
    if row["m49"] and not _CODE.fullmatch(row["m49"]):
        problem("m49", f"{row['m49']!r} is not a three-digit code (001 is World)")
    elif row["m49"] and KINDS.get(kind) != "region":
        problem("m49", "is a region's M49 code: a country's is its own code, a bloc has none")
    start, end = _day(row["start"], "start", problem), _day(row["end"], "end", problem)
    if start and end and end < start:
        problem("end", f"{end} is before the start {start}")
    keys = tuple(key for key in row["sources"].split(";") if key)
    if not keys:
        problem("sources", "cite at least one source")
    for key in keys:
        if key not in sources:
            problem("sources", f"{key!r} is not a source of the file's '# source' lines")
    confidence = row["confidence"] or None
    if confidence is not None and confidence not in CONFIDENCES:
        problem("confidence", f"{confidence!r} is not stated or inferred")
    if len(problems) > bad:
        return None
    return Area(
        int(row["code"]),
        row["name"],
        kind,
        row["actor"],
        row["m49"] or None,
        start,
        end,
        keys,
        confidence,
        row["note"] or None,
    )


def _day(text: str, column: str, problem: Callable[[str, str], None]) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        problem(column, f"{text!r} is not a date (YYYY-MM-DD)")
    return day


def _check_overlap(
    file: str, line: int, area: Area, others: list[Area], problems: list[ImportProblem]
) -> None:
    for other in others:
        starts_after = other.end is not None and area.start is not None and area.start > other.end
        ends_before = other.start is not None and area.end is not None and area.end < other.start
        if not (starts_after or ends_before):
            problems.append(
                ImportProblem(
                    file,
                    line,
                    "start",
                    f"code {area.code:03d} is already {other.actor} on some of these days: "
                    "rows of one code must not overlap",
                )
            )
            return
