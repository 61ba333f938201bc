"""Visits by Foreign Leaders and Heads of State to the U.S., read into typed records.

The record set (the Office's `visits` repository) holds `data/DECADE.xml`, one `<visit>` per
visit: the visitor as written ("Prime Minister George Papandreou", sometimes two people), the
country's slug, the days and a description ("Working visit.", "State visit."). Dates are days.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bilateral_db.core.dates import PartialDate
from bilateral_db.imports.hsg.elements import Origin, Problems, Record, checked, records
from bilateral_db.imports.hsg.source import RecordSet

MARKER = "data"  # every copy of the record set has data/DECADE.xml


@dataclass(frozen=True, slots=True)
class Visit:
    origin: Origin
    id: int
    start: PartialDate
    end: PartialDate
    visitor: str  # title and name as written: "Prime Minister George Papandreou"
    country_id: str  # the Office's country slug: greece
    country_name: str | None  # as displayed: "Greece", "Israel (Provisional Government)"
    description: str | None  # "Working visit.", "Attended the Nuclear Security Summit."


def open_visits(path: Path) -> RecordSet:
    """The visits record set at `path`: a directory or the repository as .zip/.tar.gz."""
    return RecordSet.open(path, MARKER)


def read_visits(source: RecordSet) -> Iterator[Visit]:
    """Every visit, decade files in order."""
    return checked(source, lambda problems: _visits(source, problems))


def _visits(source: RecordSet, problems: Problems) -> Iterator[Visit]:
    for name in source.matching("data/*.xml"):
        for node, _ in records(source, name, ("visit",), problems):
            record = Record(node, "visit", name, problems)
            number = record.number()
            start = record.date("start-date", required=True)
            end = record.date("end-date", required=True)
            if start is not None and end is not None and end < start:
                record.problem("end-date", f"{end} is before the start-date {start}")
            visitor = record.text("visitor", required=True)
            country_id = record.attribute("from", "id", required=True)
            if number is None or start is None or end is None or not record.ok:
                continue
            if visitor is None or country_id is None:
                continue
            yield Visit(
                origin=record.origin,
                id=number,
                start=start,
                end=end,
                visitor=visitor,
                country_id=country_id,
                country_name=record.text("from"),
                description=record.text("description"),
            )
