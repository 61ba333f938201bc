"""Correlates of War, State System Membership (states2016.csv): `import cow-states PATH`."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from bilateral_db.imports.reading import UNREADABLE, DataFile, Row, open_text
from bilateral_db.imports.release import VERSION_PATTERN, Dataset
from bilateral_db.imports.states import Spell, StateListImporter

DATASET = Dataset(
    dataset="cow-states",
    title="Correlates of War, State System Membership List",
    publisher="Correlates of War Project",
    citation='Correlates of War Project. 2017. "State System Membership List, v2016."',
    url="https://correlatesofwar.org/data-sets/state-system-membership/",
    precedence=10,
)


class CowStatesImporter(StateListImporter):
    dataset = DATASET
    code_column = "ccode"
    end_column = "endyear"
    system = "cow"
    required = (
        "stateabb",
        "ccode",
        "statenme",
        "styear",
        "stmonth",
        "stday",
        "endyear",
        "endmonth",
        "endday",
    )
    default_version = "2016"

    def version(self, path: Path, data: Any) -> str | None:
        """COW's file names its version in a column (2016); a file that cannot be read here
        gets the default, and reading its rows says what is wrong with it."""
        try:
            with open_text(path) as (text, _position):
                first = next(csv.DictReader(text), None)
        except UNREADABLE:
            first = None
        version = (first or {}).get("version") or ""
        version = version.strip() if isinstance(version, str) else ""
        return version if VERSION_PATTERN.fullmatch(version) else self.default_version

    def spell(self, data: DataFile, row: Row) -> Spell | None:
        code = data.integer(row, "ccode")
        start = data.ymd(row, "styear", "stmonth", "stday")
        end = data.ymd(row, "endyear", "endmonth", "endday")
        if code is None or start is None or end is None:
            return None
        cells = row
        return Spell(
            row.line, code, cells["stateabb"].strip(), cells["statenme"].strip(), start, end
        )
