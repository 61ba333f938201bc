"""Travels Abroad of the President and of the Secretary of State, read into typed records.

The record set (the Office's `travels` repository) holds `president-travels/WHO.xml` and
`secretary-travels/WHO.xml`, one `<trip>` per stop (a trip to three countries is three
stops), and `presidents/presidents.xml`, the presidents' terms. Dates are days.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bilateral_db.core.dates import PartialDate
from bilateral_db.imports.hsg.elements import (
    Origin,
    Problems,
    Record,
    checked,
    document,
    records,
)
from bilateral_db.imports.hsg.source import RecordSet

MARKER = "presidents"  # every copy of the record set has presidents/presidents.xml
TRIP_FILES = ("president-travels/*.xml", "secretary-travels/*.xml")
ROLES = frozenset({"president", "secretary"})  # code-tables/travel-role-codes.xml


@dataclass(frozen=True, slots=True)
class Trip:
    """One stop of a trip abroad: who, where, when, and what the Office says was done there."""

    origin: Origin
    id: int
    role: str  # president or secretary
    who: str  # the traveller's slug: pompeo-michael-r (POCOM's person id for secretaries)
    name: str  # Michael R. Pompeo
    start: PartialDate
    end: PartialDate
    country_id: str  # the Office's country slug: thailand
    country_name: str | None  # as displayed: "Thailand", "Serbia-Montenegro (Kosovo)"
    locale: str | None  # city or cities: "Bangkok", "Moscow, Leningrad, Kiev"
    remarks: str | None


@dataclass(frozen=True, slots=True)
class President:
    origin: Origin
    number: int  # 45 and 47 are both Donald J. Trump
    id: str
    name: str
    birth: PartialDate | None  # a year
    death: PartialDate | None  # a year
    took_office: PartialDate
    left_office: PartialDate | None  # None while in office
    still_in_office: bool


def open_travels(path: Path) -> RecordSet:
    """The travels record set at `path`: a directory or the repository as .zip/.tar.gz."""
    return RecordSet.open(path, MARKER)


def read_trips(source: RecordSet) -> Iterator[Trip]:
    """Every stop, presidents' files first, each file in order."""
    return checked(source, lambda problems: _trips(source, problems))


def read_presidents(source: RecordSet) -> Iterator[President]:
    return checked(source, lambda problems: _presidents(source, problems))


def _trips(source: RecordSet, problems: Problems) -> Iterator[Trip]:
    for pattern in TRIP_FILES:
        for name in source.matching(pattern):
            for node, _ in records(source, name, ("trip",), problems):
                record = Record(node, "trip", name, problems)
                trip = _trip(record)
                if trip is not None and record.ok:
                    yield trip


def _trip(record: Record) -> Trip | None:
    number = record.number()
    role = record.text("role", required=True)
    if role is not None and role not in ROLES:
        record.problem("role", f"{role!r} is neither president nor secretary")
    attribute = record.attribute(".", "role")
    if attribute is not None and role is not None and attribute != role:
        record.problem("@role", f"{attribute!r} disagrees with the role element ({role!r})")
    start, end = record.date("start-date", required=True), record.date("end-date", required=True)
    if start is not None and end is not None and end < start:
        record.problem("end-date", f"{end} is before the start-date {start}")
    who = record.attribute(".", "who", required=True)
    name = record.text("name", required=True)
    country_id = record.attribute("country", "id", required=True)
    if number is None or role is None or who is None or name is None or country_id is None:
        return None
    if start is None or end is None:
        return None
    return Trip(
        origin=record.origin,
        id=number,
        role=role,
        who=who,
        name=name,
        start=start,
        end=end,
        country_id=country_id,
        country_name=record.text("country"),
        locale=record.text("locale"),
        remarks=record.text("remarks"),
    )


def _presidents(source: RecordSet, problems: Problems) -> Iterator[President]:
    name = "presidents/presidents.xml"
    if not source.has(name):
        problems.add(name, 0, None, "is missing from the record set")
        return
    root = document(source, name, problems)
    if root is None:
        return
    for node in root.iterfind("president"):
        record = Record(node, "president", name, problems)
        number = record.attribute(".", "n", required=True)
        if number is not None and not (number.isascii() and number.isdigit()):
            record.problem("@n", f"{number!r} is not a whole number")
            number = None
        took_office = record.date("took-office-date", required=True)
        still = record.attribute("left-office-date", "still-in-office") == "true"
        left_office = record.date("left-office-date", required=not still)
        if took_office is not None and left_office is not None and left_office < took_office:
            record.problem("left-office-date", f"{left_office} is before {took_office}")
        president_name = record.text("name", required=True)
        birth, death = record.year("birth-year"), record.year("death-year")
        if number is None or took_office is None or president_name is None or not record.ok:
            continue
        yield President(
            origin=record.origin,
            number=int(number),
            id=record.id,
            name=president_name,
            birth=birth,
            death=death,
            took_office=took_office,
            left_office=left_office,
            still_in_office=still,
        )
