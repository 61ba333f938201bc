"""Travels Abroad of the President and of the Secretary of State: `import hsg-travels PATH`.

Each stop of a trip (`<trip>`: who, days, country, city, remarks) is a meeting of kind `visit`
hosted by the country visited, its remarks the meeting's description; the traveller takes part
as head of the U.S. delegation. Stops of one traveller that follow each other (the next starts
at most two days after the last one ended: a day's flight between two capitals) are one trip,
a meeting of kind `trip` that is their parent. A traveller is linked to a person of another
source (a president to Archigos's leader of the United States) where exactly one person of
that surname held a U.S. post on one of the traveller's days; otherwise the traveller is a
person of the release, by the Office's id (`pompeo-michael-r`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from bilateral_db.imports.base import Progress
from bilateral_db.imports.hsg.source import RecordSet
from bilateral_db.imports.hsg.travels import MARKER, Trip, read_trips
from bilateral_db.imports.hsg_meetings import (
    MeetingIn,
    Officials,
    People,
    Places,
    RecordSetImporter,
    Taking,
    write_meetings,
)
from bilateral_db.imports.release import Dataset, ReleaseWriter

DATASET = Dataset(
    dataset="hsg-travels",
    title="Travels Abroad of the President and of the Secretary of State",
    publisher="U.S. Department of State, Office of the Historian",
    citation=(
        'U.S. Department of State, Office of the Historian. "Travels Abroad of the President" '
        'and "Travels Abroad of the Secretary of State." history.state.gov/departmenthistory/'
        "travels."
    ),
    url="https://github.com/HistoryAtState/travels",
    precedence=60,
)
HOME = "USA"
SAME_TRIP = timedelta(days=2)  # the longest gap between two stops of one trip
TITLES = {"president": "President", "secretary": "Secretary of State"}


class HsgTravelsImporter(RecordSetImporter):
    dataset = DATASET
    marker = MARKER

    def read(self, source: RecordSet) -> Iterator[Any]:
        return read_trips(source)

    def write(
        self, connection: Connection, release: ReleaseWriter, data: Any, progress: Progress
    ) -> tuple[date | None, date | None]:
        trips = data.records
        progress("stops", len(trips), len(trips))
        if not trips:
            return None, None
        assert release.release_id is not None
        places = Places(connection, release)
        home = places.countries.get(HOME)
        people = People(connection, release)
        travellers = _travellers(trips, Officials(connection, release.release_id), release, home)
        own = people.resolve(
            {
                people.slug_for(trip.who): trip.name
                for trip in trips
                if travellers.get(trip.who) is None
            }
        )
        person_of = {
            trip.who: travellers.get(trip.who) or own[people.slug_for(trip.who)] for trip in trips
        }
        meetings: list[MeetingIn] = []
        for stops in _trips(trips):
            meetings += _meetings(stops, places, person_of, places.actor(home))
        write_meetings(connection, release, meetings)
        people.remove_stale(own.values())
        release.count("person", len(own))
        release.count("source_rows", len(trips))
        return min(t.start.value for t in trips), max(t.end.value for t in trips)


def _travellers(
    trips: list[Trip], officials: Officials, release: ReleaseWriter, home: int | None
) -> dict[str, int | None]:
    """The Office's traveller id -> a person of another source, where certain."""
    by_who: dict[str, list[Trip]] = defaultdict(list)
    for trip in trips:
        by_who[trip.who].append(trip)
    linked: dict[str, int | None] = {}
    for who, stops in by_who.items():
        certain: set[int] = set()
        doubtful: set[int] = set()
        for day in sorted({stop.start.value for stop in stops}):
            person, others = officials.match(home, day, stops[0].name, titled=False)
            if person is not None:
                certain.add(person)
            doubtful |= others
        linked[who] = certain.pop() if len(certain) == 1 else None
        if linked[who] is None and (certain or doubtful):
            first = stops[0]
            release.finding(
                "uncertain_match",
                first.origin.line,
                f"{first.role} {who} ({first.name})",
                f"not linked to person ids {sorted(certain or doubtful)}: the surname matches, "
                "but not exactly one of them held a U.S. post on the traveller's days; stored "
                "as a person of this release",
            )
    return linked


def _trips(stops: list[Trip]) -> list[list[Trip]]:
    """Each traveller's stops in date order, cut where more than SAME_TRIP separates two."""
    by_who: dict[str, list[Trip]] = defaultdict(list)
    for stop in stops:
        by_who[stop.who].append(stop)
    out: list[list[Trip]] = []
    for items in by_who.values():
        items.sort(key=lambda t: (t.start.value, t.end.value, t.id))
        current: list[Trip] = []
        for stop in items:
            if current and stop.start.value > max(s.end.value for s in current) + SAME_TRIP:
                out.append(current)
                current = []
            current.append(stop)
        out.append(current)
    return out


def _meetings(
    stops: list[Trip], places: Places, person_of: dict[str, int], home: int | None
) -> list[MeetingIn]:
    first = stops[0]
    title = f"{TITLES.get(first.role, first.role.title())} {first.name}"
    taking = [Taking(person_of[first.who], home)]
    parent = f"hsg-trip-{first.id}" if len(stops) > 1 else None
    out: list[MeetingIn] = []
    for stop in stops:
        record = f"trip {stop.id}"
        host = places.country(stop.country_id, stop.start.value, stop.origin.line, record)
        where = ", ".join(p for p in (stop.locale, stop.country_name or stop.country_id) if p)
        out.append(
            MeetingIn(
                line=stop.origin.line,
                slug=f"hsg-travel-{stop.id}",
                name=f"{title} in {where}",
                kind="visit",
                start=stop.start.value,
                end=stop.end.value,
                city_id=places.city(host, stop.locale),
                host_country_id=host,
                description=stop.remarks,
                parent=parent,
                taking_part=list(taking),
            )
        )
    if parent is not None:
        visited = dict.fromkeys(s.country_name or s.country_id for s in stops)
        out.insert(
            0,
            MeetingIn(
                line=first.origin.line,
                slug=parent,
                name=f"Trip of {title}: {', '.join(visited)}",
                kind="trip",
                start=min(s.start.value for s in stops),
                end=max(s.end.value for s in stops),
                city_id=None,
                host_country_id=None,
                description=None,
                taking_part=list(taking),
            ),
        )
    return out
