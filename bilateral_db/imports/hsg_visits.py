"""Visits by Foreign Leaders and Heads of State to the U.S.: `import hsg-visits PATH`.

Each visit is a meeting hosted by the United States, of the kind its description names
(`hsg/data/visit_kinds.csv`: state, official, working, private visit; `visit` where it names
none), the description kept as the meeting's. The visitor's country takes part as the head of
its delegation, with the visitor where the record identifies a person of the day: exactly one
person whose surname the visitor's words hold, with a term of a post of that country on the
visit's first day, whose title the record uses ("Prime Minister George Papandreou" of Greece on
2010-03-08: Archigos's Georgios Papandreou) or who was its leader. A surname that matches
without that certainty is an `uncertain_match` finding, the visit linked to the country only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Connection

from bilateral_db.imports.base import Progress
from bilateral_db.imports.hsg.source import RecordSet
from bilateral_db.imports.hsg.visits import MARKER, Visit, read_visits
from bilateral_db.imports.hsg_meetings import (
    MeetingIn,
    Officials,
    Places,
    RecordSetImporter,
    Taking,
    write_meetings,
)
from bilateral_db.imports.release import Dataset, ReleaseWriter

DATASET = Dataset(
    dataset="hsg-visits",
    title="Visits by Foreign Leaders and Heads of State to the U.S.",
    publisher="U.S. Department of State, Office of the Historian",
    citation=(
        'U.S. Department of State, Office of the Historian. "Visits by Foreign Leaders and '
        'Heads of State." history.state.gov/departmenthistory/visits.'
    ),
    url="https://github.com/HistoryAtState/visits",
    precedence=70,
)
HOST = "USA"


class HsgVisitsImporter(RecordSetImporter):
    dataset = DATASET
    marker = MARKER

    def read(self, source: RecordSet) -> Iterator[Any]:
        return read_visits(source)

    def write(
        self, connection: Connection, release: ReleaseWriter, data: Any, progress: Progress
    ) -> tuple[date | None, date | None]:
        visits = data.records
        progress("visits", len(visits), len(visits))
        if not visits:
            return None, None
        assert release.release_id is not None
        places = Places(connection, release)
        officials = Officials(connection, release.release_id)
        host = places.countries.get(HOST)
        meetings = [_meeting(visit, places, officials, release, host) for visit in visits]
        write_meetings(connection, release, meetings)
        linked = sum(1 for m in meetings for t in m.taking_part if t.person_id is not None)
        release.count("visitor_linked", linked)
        release.count("source_rows", len(visits))
        return min(v.start.value for v in visits), max(v.end.value for v in visits)


def _meeting(
    visit: Visit,
    places: Places,
    officials: Officials,
    release: ReleaseWriter,
    host: int | None,
) -> MeetingIn:
    record = f"visit {visit.id}"
    day = visit.start.value
    country = places.country(visit.country_id, day, visit.origin.line, record)
    person, doubtful = officials.match(country, day, visit.visitor, titled=True)
    if doubtful:
        release.finding(
            "uncertain_match",
            visit.origin.line,
            f"{record}: {visit.visitor} ({visit.country_name or visit.country_id}, {day})",
            f"not linked to person ids {sorted(doubtful)}: the surname matches, but not exactly "
            "one of them held a post of that country with that title on the day; the visit "
            "names the country only",
        )
    actor = places.actor(country)
    taking = [Taking(person, actor)] if person is not None or actor is not None else []
    where = visit.country_name or visit.country_id
    return MeetingIn(
        line=visit.origin.line,
        slug=f"hsg-visit-{visit.id}",
        name=f"Visit of {visit.visitor} ({where}) to the United States",
        kind=places.mappings.visit_kind(visit.description),
        start=day,
        end=visit.end.value,
        city_id=None,
        host_country_id=host,
        description=visit.description,
        taking_part=taking,
    )
