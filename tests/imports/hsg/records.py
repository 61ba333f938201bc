"""What the hsg tests share: the record sets read whole, and the country table as a file.

Importable as `imports.hsg.records` (pytest puts tests/ on the path); not a test module.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from bilateral_db.imports.hsg import pocom, travels, visits

ROOT = Path(__file__).resolve().parents[3]
SLICES = ROOT / "tests" / "data" / "datasets" / "hsg"
TABLE = ROOT / "bilateral_db" / "imports" / "hsg" / "data" / "countries.csv"
UNMAPPED = {"texas", "hawaii", "netherlands-antilles"}


def whole_record_sets() -> Path | None:
    """The directory holding the whole pocom/, travels/ and visits/: HSG_DATA, else beside."""
    configured = os.environ.get("HSG_DATA")
    candidates = [Path(configured)] if configured else []
    candidates.append(ROOT.parent / "shared" / "data" / "hsg")
    return next((path for path in candidates if (path / "pocom").is_dir()), None)


@dataclass(frozen=True)
class Records:
    """Everything the three record sets of one directory hold, read."""

    people: list[pocom.Person]
    missions: list[pocom.Mission]
    positions: list[pocom.Position]
    roles: list[pocom.RoleTitle]
    code_tables: list[pocom.CodeTable]
    concurrent: list[pocom.ConcurrentAppointment]
    trips: list[travels.Trip]
    presidents: list[travels.President]
    visits: list[visits.Visit]

    @property
    def chiefs(self) -> list[pocom.Chief]:
        return [chief for mission in self.missions for chief in mission.chiefs]

    @property
    def principals(self) -> list[pocom.Principal]:
        return [p for position in self.positions for p in position.principals]

    def slug_uses(self) -> list[tuple[str, date | None, str]]:
        """Every country slug the records use, with the day each record is about.

        A chief is about the first day it gives (started, arrived, appointed, ended) and uses
        its mission's slug and its territory slug; a concurrent appointment uses its residence
        (no day); a stop or a visit is about its first day.
        """
        uses: list[tuple[str, date | None, str]] = []
        for mission in self.missions:
            if mission.to_organisation:
                continue
            for chief in mission.chiefs:
                events = (chief.started, chief.arrived, chief.appointed, chief.ended)
                day = next((e.date.value for e in events if e.date is not None), None)
                uses.append((mission.id, day, chief.id))
                uses.append((chief.territory_id or "", day, chief.id))
        uses += [(a.resident_territory_id or "", None, a.id) for a in self.concurrent]
        uses += [(t.country_id, t.start.value, f"trip {t.id}") for t in self.trips]
        uses += [(v.country_id, v.start.value, f"visit {v.id}") for v in self.visits]
        return uses


def read_all(directory: Path) -> Records:
    with pocom.open_pocom(directory / "pocom") as source:
        people = list(pocom.read_people(source))
        missions = list(pocom.read_missions(source))
        positions = list(pocom.read_positions(source))
        roles = list(pocom.read_roles(source))
        code_tables = list(pocom.read_code_tables(source))
        concurrent = list(pocom.read_concurrent_appointments(source))
    with travels.open_travels(directory / "travels") as source:
        trips, presidents = list(travels.read_trips(source)), list(travels.read_presidents(source))
    with visits.open_visits(directory / "visits") as source:
        visits_read = list(visits.read_visits(source))
    return Records(
        people, missions, positions, roles, code_tables, concurrent, trips, presidents, visits_read
    )


class Row(NamedTuple):
    line: int
    slug: str
    country: str
    first: date  # date.min when open
    last: date  # date.max when open
    sources: tuple[str, ...]
    confidence: str
    note: str

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


def _table() -> list[Row]:
    with TABLE.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return [
            Row(
                reader.line_num,
                r["slug"],
                r["country"],
                date.fromisoformat(r["start"]) if r["start"] else date.min,
                date.fromisoformat(r["end"]) if r["end"] else date.max,
                tuple(r["sources"].split(";")),
                r["confidence"],
                r["note"],
            )
            for r in reader
        ]


ROWS = _table()
BY_SLUG: dict[str, list[Row]] = defaultdict(list)
for _row in ROWS:
    BY_SLUG[_row.slug].append(_row)


def country_on(slug: str, day: date) -> list[str]:
    return [row.country for row in BY_SLUG.get(slug, []) if row.country and row.covers(day)]


def unmapped_uses(records: Records) -> list[str]:
    """The records whose slug is not in the table, or names not one country on their day."""
    problems = []
    for slug, day, record in records.slug_uses():
        if slug not in BY_SLUG:
            problems.append(f"{record}: {slug!r} is not in {TABLE.name}")
        elif slug not in UNMAPPED and day is not None and len(country_on(slug, day)) != 1:
            problems.append(f"{record}: {slug!r} names {country_on(slug, day)} on {day}")
    return problems
