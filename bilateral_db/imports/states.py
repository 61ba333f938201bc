"""State-system lists (COW, Gleditsch–Ward): spells as published, checked against the crosswalk.

A spell is kept whole, by the list's own code; which country it is on a day is the crosswalk's
answer, and any day of a spell the crosswalk cannot map is listed for review (never dropped).
A spell that ends on the list's last day is censored: still a member when the list was made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from bilateral_db.crosswalk import Crosswalk
from bilateral_db.imports.base import Importer, Progress
from bilateral_db.imports.reading import DataFile, Row
from bilateral_db.imports.release import ReleaseWriter

TABLE = "system_membership"
COLUMNS = (
    "code",
    "abbreviation",
    "name",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "end_status",
)


@dataclass(frozen=True)
class Spell:
    line: int
    code: int
    abbreviation: str
    name: str
    start: date
    end: date


class StateListImporter(Importer):
    """The shared part of the COW and GW importers; each reads its own columns into spells."""

    system: str
    code_column: str
    end_column: str

    def spell(self, data: DataFile, row: Row) -> Spell | None:
        raise NotImplementedError

    def checked(self, data: DataFile, row: Row) -> Spell | None:
        """The row's spell, if it is one: it ends on or after the day it starts."""
        spell = self.spell(data, row)
        if spell is not None and spell.end < spell.start:
            message = f"{spell.end} is before the start {spell.start}"
            data.problem(row.line, self.end_column, message)
            return None
        return spell

    def write(
        self, connection: Connection, release: ReleaseWriter, data: DataFile, progress: Progress
    ) -> tuple[date | None, date | None]:
        # A list is a few hundred spells: read it whole, since its edge is its latest end.
        spells = [spell for row in data.rows() if (spell := self.checked(data, row)) is not None]
        data.check()
        if not spells:
            return None, None
        first = min(spell.start for spell in spells)
        edge = max(spell.end for spell in spells)
        crosswalk = Crosswalk.read(connection, self.system)
        spells_of = release.target(TABLE, COLUMNS, {"system": self.system}, self._twice)
        for spell in spells:
            censored = spell.end == edge
            spells_of.add(
                (
                    spell.line,
                    spell.code,
                    spell.abbreviation,
                    spell.name,
                    spell.start.isoformat(),
                    "day",
                    spell.end.isoformat(),
                    "day",
                    "censored" if censored else "ended",
                )
            )
            for gap_start, gap_last in crosswalk.pieces(spell.code, spell.start, spell.end)[1]:
                release.finding(
                    "unmapped_code",
                    spell.line,
                    f"{self.system} {spell.code} {spell.name}",
                    f"no country in the crosswalk for {gap_start.isoformat()}.."
                    f"{gap_last.isoformat()}; add it to fixtures/country_codes.csv "
                    "(the spell is stored whole)",
                )
        release.count(TABLE, spells_of.finish().rows)
        progress("spells", data.bytes_total, data.bytes_total)
        return first, edge

    def _twice(self, key: Mapping[str, Any], first: int) -> tuple[str | None, str]:
        return self.code_column, (
            f"the spell of {key['code']} from {str(key['start_date'])[:10]} is also given on "
            f"line {first}"
        )
