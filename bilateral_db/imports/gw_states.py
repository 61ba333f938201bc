"""Gleditsch & Ward, list of independent states (gw_states.csv): `import gw-states PATH`."""

from __future__ import annotations

from bilateral_db.imports.reading import DataFile, Row
from bilateral_db.imports.release import Dataset
from bilateral_db.imports.states import Spell, StateListImporter

DATASET = Dataset(
    dataset="gw-states",
    title="Gleditsch & Ward, list of independent states",
    publisher="Kristian S. Gleditsch",
    citation=(
        'Gleditsch, Kristian S. & Michael D. Ward. 1999. "Interstate System Membership: A '
        'Revised List of the Independent States since 1816." International Interactions 25: '
        "393-413."
    ),
    url="http://ksgleditsch.com/data-4.html",
    precedence=20,
)


class GwStatesImporter(StateListImporter):
    dataset = DATASET
    code_column = "gwcode"
    end_column = "enddate"
    system = "gw"
    required = ("gwcode", "stateabb", "statename", "startdate", "enddate")

    def spell(self, data: DataFile, row: Row) -> Spell | None:
        code = data.integer(row, "gwcode")
        start = data.day(row, "startdate")
        end = data.day(row, "enddate")
        if code is None or start is None or end is None:
            return None
        cells = row
        return Spell(
            row.line, code, cells["stateabb"].strip(), cells["statename"].strip(), start, end
        )
