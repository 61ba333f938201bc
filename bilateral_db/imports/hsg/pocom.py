"""Principal Officers and Chiefs of Mission (POCOM), read into typed records.

The record set (the Office's `pocom` repository) holds, one XML file each:
- `people/?/ID.xml`: a person (name parts, birth and death years, career type);
- `missions-countries/SLUG.xml` and `missions-orgs/ID.xml`: a mission and its chiefs, each with
  up to four events (appointed, arrived, started, ended: a date and a note) and the country's
  slug at the time (`contemporary-territory-id`); chiefs who never took up the post are listed
  apart (`other-nominees`, `other-appointees`);
- `positions-principals/ID.xml`: a principal office of the Department and its holders;
- `roles-country-chiefs/ID.xml` and `code-tables/*.xml`: the titles and codes used;
- `concurrent-appointments/ID.xml`: chiefs accredited to several countries at once.

Records keep the Office's ids and words; mapping them to the project's vocabularies is
`mappings`'s job, writing them the importer's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from bilateral_db.core.dates import PartialDate
from bilateral_db.imports.hsg.elements import (
    Event,
    Origin,
    Problems,
    Record,
    checked,
    document,
    records,
    text_of,
)
from bilateral_db.imports.hsg.source import RecordSet

MARKER = "missions-countries"  # every copy of the record set has this directory
CAREER_TYPES = frozenset({"career", "non-career", "both", "pre-1915"})


@dataclass(frozen=True, slots=True)
class Person:
    origin: Origin
    id: str
    old_ids: tuple[str, ...]  # ids the Office used before; other files may still use them
    surname: str
    forename: str | None
    gen_name: str | None  # "Jr.", "III"
    alt_names: tuple[str, ...]  # "Mike Pompeo"
    birth: PartialDate | None  # a year
    death: PartialDate | None  # a year
    career_type: str | None  # career, non-career, both, pre-1915
    states: tuple[str, ...]  # U.S. states of residence (two-letter ids)

    @property
    def name(self) -> str:
        """The name as written in running text: forename, surname, generational suffix."""
        parts = [self.forename, self.surname]
        name = " ".join(part for part in parts if part)
        return f"{name}, {self.gen_name}" if self.gen_name else name


@dataclass(frozen=True, slots=True)
class Chief:
    """A chief of mission's term, as one `<chief>` element gives it."""

    origin: Origin
    id: str
    mission: str  # the mission's id: a country file's territory-id or an organisation's id
    to_organisation: bool
    person_id: str
    role_title_id: str
    territory_id: str | None  # the country's slug at the time (country missions only)
    appointed: Event
    arrived: Event
    started: Event
    ended: Event
    note: str | None
    other_nominee: bool  # listed among the mission's other nominees or appointees


@dataclass(frozen=True, slots=True)
class Mission:
    """A mission to a country or an organisation, with its chiefs in the file's order."""

    origin: Origin
    id: str
    to_organisation: bool
    category: str | None  # organisations: international-organization, …
    name: str | None  # organisations: the chief's title ("Representative of the U.S.A. to …")
    plural: str | None
    description: str | None
    notes: tuple[str, ...]  # the mission's notes (relations interrupted, embassy closed, …)
    chiefs: tuple[Chief, ...]


@dataclass(frozen=True, slots=True)
class Principal:
    """A principal officer's term (Secretary of State, an Assistant Secretary, …)."""

    origin: Origin
    id: str
    position: str
    person_id: str
    role_title_id: str
    appointed: Event
    started: Event
    ended: Event
    note: str | None
    note_type: str | None  # "coterminousposition": held together with another office
    other_appointee: bool
    treat_as_consecutive: bool  # the Office's flag: count this term as following the last


@dataclass(frozen=True, slots=True)
class Position:
    origin: Origin
    id: str
    old_ids: tuple[str, ...]
    role_class: str | None  # principal
    category: str | None
    name: str | None
    plural: str | None
    alternate: str | None
    start: PartialDate | None  # a year
    end: PartialDate | None  # a year
    ongoing: bool | None
    description: str | None
    notes: tuple[str, ...]
    principals: tuple[Principal, ...]


@dataclass(frozen=True, slots=True)
class RoleTitle:
    origin: Origin
    id: str
    mode: str | None
    role_class: str | None  # chief
    category: str | None  # country
    name: str | None  # Chargé d’Affaires ad interim
    plural: str | None


@dataclass(frozen=True, slots=True)
class Code:
    label: str | None
    value: str
    role_class: str | None
    definition: str | None


@dataclass(frozen=True, slots=True)
class CodeTable:
    origin: Origin
    name: str
    description: str | None
    codes: tuple[Code, ...]


@dataclass(frozen=True, slots=True)
class ConcurrentAppointment:
    """One person accredited to several countries at once: the chiefs' ids, and where they lived."""

    origin: Origin
    id: str
    person_id: str
    resident_locale_id: str | None  # london_uk
    resident_territory_id: str | None  # united-kingdom
    chief_ids: tuple[str, ...]


def open_pocom(path: Path) -> RecordSet:
    """The POCOM record set at `path`: a directory or the repository as .zip/.tar.gz."""
    return RecordSet.open(path, MARKER)


def read_people(source: RecordSet) -> Iterator[Person]:
    return checked(source, lambda problems: _people(source, problems))


def read_missions(source: RecordSet) -> Iterator[Mission]:
    """Missions to countries, then to organisations, each file in name order."""
    return checked(source, lambda problems: _missions(source, problems))


def read_positions(source: RecordSet) -> Iterator[Position]:
    return checked(source, lambda problems: _positions(source, problems))


def read_roles(source: RecordSet) -> Iterator[RoleTitle]:
    return checked(source, lambda problems: _roles(source, problems))


def read_code_tables(source: RecordSet) -> Iterator[CodeTable]:
    return checked(source, lambda problems: _code_tables(source, problems))


def read_concurrent_appointments(source: RecordSet) -> Iterator[ConcurrentAppointment]:
    return checked(source, lambda problems: _concurrent(source, problems))


# --- people ------------------------------------------------------------------------------------


def _people(source: RecordSet, problems: Problems) -> Iterator[Person]:
    for name in source.matching("people/*/*.xml"):
        root = document(source, name, problems)
        if root is None:
            continue
        record = Record(root, "person", name, problems)
        surname = record.text("persName/surname", required=True)
        career = record.text("career-type")
        if career is not None and career not in CAREER_TYPES:
            record.problem("career-type", f"{career!r} is not one of {sorted(CAREER_TYPES)}")
        person = Person(
            origin=record.origin,
            id=record.id,
            old_ids=record.texts("old-ids/old-id"),
            surname=surname or "",
            forename=record.text("persName/forename"),
            gen_name=record.text("persName/genName"),
            alt_names=record.texts("persName/altname"),
            birth=record.year("birth"),
            death=record.year("death"),
            career_type=career,
            states=record.texts("residence/state-id"),
        )
        if record.ok:
            yield person


# --- missions ----------------------------------------------------------------------------------

MISSION_FILES = (("missions-countries/*.xml", False), ("missions-orgs/*.xml", True))
OTHER_CHIEFS = frozenset({"other-nominees", "other-appointees"})


def _missions(source: RecordSet, problems: Problems) -> Iterator[Mission]:
    for pattern, to_organisation in MISSION_FILES:
        for name in source.matching(pattern):
            mission = _mission(source, name, to_organisation, problems)
            if mission is not None:
                yield mission


def _mission(
    source: RecordSet, name: str, to_organisation: bool, problems: Problems
) -> Mission | None:
    chiefs: list[Chief] = []
    notes: list[str] = []
    root: Any = None
    mission_id = ""
    for node, root in records(source, name, ("chief", "mission-note"), problems):
        if not mission_id:
            mission_id = _mission_id(root, to_organisation)
        if node.tag == "mission-note":
            if note := text_of(node.find("text")):
                notes.append(note)
            continue
        chief = _chief(node, name, mission_id, to_organisation, problems)
        if chief is not None:
            chiefs.append(chief)
    if root is None:  # a mission with no chiefs listed: its header alone
        root = document(source, name, problems)
        if root is None:
            return None
    mission_id = mission_id or _mission_id(root, to_organisation)
    # The Office's schematron: a mission's id is its file's name (thailand.xml: thailand).
    field, line = ("id" if to_organisation else "territory-id"), root.sourceline or 0
    if mission_id != PurePosixPath(name).stem:
        problems.add(name, line, field, f"mission: {mission_id!r} is not the file's name")
        return None
    header = Record(root, "mission", name, problems) if to_organisation else None
    return Mission(
        origin=Origin(name, root.sourceline or 0, f"mission {mission_id}"),
        id=mission_id,
        to_organisation=to_organisation,
        category=header.text("category") if header else None,
        name=header.text("names/singular") if header else None,
        plural=header.text("names/plural") if header else None,
        description=header.text("description") if header else None,
        notes=tuple(notes),
        chiefs=tuple(chiefs),
    )


def _mission_id(root: Any, to_organisation: bool) -> str:
    return text_of(root.find("id" if to_organisation else "territory-id")) or ""


def _chief(
    node: Any, name: str, mission: str, to_organisation: bool, problems: Problems
) -> Chief | None:
    record = Record(node, "chief", name, problems)
    parent = node.getparent()
    chief = Chief(
        origin=record.origin,
        id=record.id,
        mission=mission,
        to_organisation=to_organisation,
        person_id=record.text("person-id", required=True) or "",
        role_title_id=record.text("role-title-id", required=True) or "",
        territory_id=(
            None
            if to_organisation
            else record.text("contemporary-territory-id", required=True) or ""
        ),
        appointed=record.event("appointed"),
        arrived=record.event("arrived"),
        started=record.event("started"),
        ended=record.event("ended"),
        note=record.text("note"),
        other_nominee=parent is not None and parent.tag in OTHER_CHIEFS,
    )
    return chief if record.ok else None


# --- principal officers ------------------------------------------------------------------------


def _positions(source: RecordSet, problems: Problems) -> Iterator[Position]:
    for name in source.matching("positions-principals/*.xml"):
        principals: list[Principal] = []
        notes: list[str] = []
        root: Any = None
        position_id = ""
        for node, root in records(source, name, ("principal", "mission-note"), problems):
            position_id = position_id or text_of(root.find("id")) or ""
            if node.tag == "mission-note":
                if note := text_of(node.find("text")):
                    notes.append(note)
            elif (principal := _principal(node, name, position_id, problems)) is not None:
                principals.append(principal)
        if root is None:  # a position with no holders listed: its header alone
            root = document(source, name, problems)
            if root is None:
                continue
        header = Record(root, "position", name, problems)
        ongoing = header.text("ongoing")
        if ongoing not in (None, "true", "false"):
            header.problem("ongoing", f"{ongoing!r} is neither true nor false")
        position = Position(
            origin=header.origin,
            id=header.id,
            old_ids=header.texts("old-ids/old-id"),
            role_class=header.text("class"),
            category=header.text("category"),
            name=header.text("names/singular"),
            plural=header.text("names/plural"),
            alternate=header.text("names/alternate"),
            start=header.year("start"),
            end=header.year("end"),
            ongoing=None if ongoing is None else ongoing == "true",
            description=header.text("description"),
            notes=tuple(notes),
            principals=tuple(principals),
        )
        if header.ok:
            yield position


def _principal(node: Any, name: str, position: str, problems: Problems) -> Principal | None:
    record = Record(node, "principal", name, problems)
    parent = node.getparent()
    principal = Principal(
        origin=record.origin,
        id=record.id,
        position=position,
        person_id=record.text("person-id", required=True) or "",
        role_title_id=record.text("role-title-id", required=True) or "",
        appointed=record.event("appointed"),
        started=record.event("started"),
        ended=record.event("ended"),
        note=record.text("note"),
        note_type=record.attribute("note", "type"),
        other_appointee=parent is not None and parent.tag in OTHER_CHIEFS,
        treat_as_consecutive=record.attribute(".", "treatAsConsecutive") == "yes",
    )
    return principal if record.ok else None


# --- code tables, roles, concurrent appointments -----------------------------------------------


def _roles(source: RecordSet, problems: Problems) -> Iterator[RoleTitle]:
    for name in source.matching("roles-country-chiefs/*.xml"):
        root = document(source, name, problems)
        if root is None:
            continue
        record = Record(root, "role", name, problems)
        role = RoleTitle(
            origin=record.origin,
            id=record.id,
            mode=record.attribute(".", "mode"),
            role_class=record.text("class"),
            category=record.text("category"),
            name=record.text("names/singular"),
            plural=record.text("names/plural"),
        )
        if record.ok:
            yield role


def _code_tables(source: RecordSet, problems: Problems) -> Iterator[CodeTable]:
    for name in source.matching("code-tables/*.xml"):
        root = document(source, name, problems)
        if root is None:
            continue
        table_name = text_of(root.find("name"))
        if table_name is None:
            problems.add(name, root.sourceline or 0, "name", "code table: is missing or empty")
            continue
        codes: list[Code] = []
        for item in root.iterfind("items/item"):
            value = text_of(item.find("value"))
            if value is None:
                problems.add(name, item.sourceline or 0, "item/value", "code: is missing")
                continue
            codes.append(
                Code(
                    label=text_of(item.find("label")),
                    value=value,
                    role_class=text_of(item.find("class")),
                    definition=text_of(item.find("definition")),
                )
            )
        description = text_of(root.find("description")) or text_of(root.find("hint"))
        origin = Origin(name, root.sourceline or 0, f"code table {table_name}")
        yield CodeTable(origin, table_name, description, tuple(codes))


def _concurrent(source: RecordSet, problems: Problems) -> Iterator[ConcurrentAppointment]:
    for name in source.matching("concurrent-appointments/*.xml"):
        root = document(source, name, problems)
        if root is None:
            continue
        record = Record(root, "concurrent appointment", name, problems)
        appointment = ConcurrentAppointment(
            origin=record.origin,
            id=record.id,
            person_id=record.text("person-id", required=True) or "",
            resident_locale_id=record.text("resident-at/locale-id"),
            resident_territory_id=record.text("resident-at/contemporary-territory-id"),
            chief_ids=record.texts("chief-id"),
        )
        if not appointment.chief_ids:
            record.problem("chief-id", "names no chief: expected at least one")
        if record.ok:
            yield appointment
