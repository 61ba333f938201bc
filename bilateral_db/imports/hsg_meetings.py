"""What the Office of the Historian's travels and visits importers share: meetings of a release.

Both read a record set (a directory or the published repository as .zip/.tar.gz: the release's
version is its commit where the copy names one, else the last day the record speaks of), map
the Office's country slugs by day (`hsg/data/countries.csv`), find the people of the day a
record names, and write meetings and their participants through the release's targets: merged
by slug (and a participation by meeting, person, actor, role and status), so the same input
twice changes nothing and a changed file replaces its rows.

People are linked, never guessed: a name is linked to a person of another source (the curated
fixtures, Archigos) only where one person has that surname and a term of a post of the
country (whose title the record uses, where it gives one) on the record's first day; a name
that matches a person's surname only (no term that day, or several people) is an
`uncertain_match` finding and is not linked. A traveller whose Office id is a person of the
chiefs of mission's release (`import pocom`: the same ids) is that person.
"""

from __future__ import annotations

import re
import unicodedata
from abc import abstractmethod
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    MetaData,
    Table,
    bindparam,
    delete,
    exists,
    insert,
    select,
    text,
    update,
)

from bilateral_db.core.dates import covers
from bilateral_db.imports.base import Importer
from bilateral_db.imports.hsg.mappings import Mappings, mappings
from bilateral_db.imports.hsg.source import RecordSet
from bilateral_db.imports.reading import Recognise
from bilateral_db.imports.release import ReleaseWriter
from bilateral_db.models import Actor, City, Country, Meeting, Person, Post, Release, Term
from bilateral_db.writing.bulk import BulkWriter

MEETING_COLUMNS = (
    "slug",
    "name",
    "kind",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "city_id",
    "host_country_id",
    "description",
)
PARTICIPANT_COLUMNS = ("meeting_id", "person_id", "actor_id", "role", "status")
NAME_LENGTH: int = Meeting.__table__.c.name.type.length  # type: ignore[attr-defined]
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
SHARED_PEOPLE = "pocom"  # the data set whose people (the Office's person ids) are shared


@dataclass(frozen=True)
class Read:
    """A record set and its records, read once (the version is the last day they speak of)."""

    source: RecordSet
    records: list[Any]


class RecordSetImporter(Importer):
    """An importer of one of the Office's record sets (not a CSV file)."""

    marker: str  # the directory every copy of the record set has
    required = ()

    @abstractmethod
    def read(self, source: RecordSet) -> Iterator[Any]:
        """The records (each with an `end` day), their problems raised together at the end."""

    @contextmanager
    def open(self, path: Path, recognise: Recognise | None = None) -> Iterator[Read]:
        # A record set is recognised by its marker file, not by a CSV header.
        with RecordSet.open(path, self.marker) as source:
            yield Read(source, list(self.read(source)))

    def digest(self, path: Path, data: Any) -> str:
        return str(data.source.digest())

    def version(self, path: Path, data: Any) -> str | None:
        """The commit the copy names (12 digits), else the last day the record speaks of."""
        read: Read = data
        if read.source.commit:
            return read.source.commit[:12]
        last = max((record.end.value for record in read.records), default=None)
        return last.isoformat() if last else self.default_version


@dataclass
class Taking:
    """Someone taking part: a person (the database's id) and/or the actor they stood for."""

    person_id: int | None
    actor_id: int | None
    role: str = "delegation_head"
    status: str = "attended"


@dataclass
class MeetingIn:
    """One meeting as a record gives it; `parent` is another meeting's slug of the release."""

    line: int
    slug: str
    name: str
    kind: str
    start: date
    end: date
    city_id: int | None
    host_country_id: int | None
    description: str | None
    parent: str | None = None
    taking_part: list[Taking] = field(default_factory=list)

    def row(self) -> tuple[Any, ...]:
        return (
            self.line,
            self.slug,
            shortened(self.name),
            self.kind,
            self.start.isoformat(),
            "day",
            self.end.isoformat(),
            "day",
            self.city_id,
            self.host_country_id,
            self.description,
        )


def shortened(name: str) -> str:
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"


def words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return [word for word in re.split(r"[^a-z]+", plain.lower()) if word]


def surname(name: str) -> str:
    """The last word of a name that is not a suffix or an initial ("Michael R. Pompeo")."""
    kept = [word for word in words(name) if word not in SUFFIXES and len(word) > 1]
    return kept[-1] if kept else ""


class Places:
    """Country slugs to countries and actors by day; cities by name within a country."""

    def __init__(self, connection: Connection, release: ReleaseWriter) -> None:
        self.mappings: Mappings = mappings()
        self.release = release
        self.countries = dict(connection.execute(select(Country.code, Country.id)).all())
        self.actors = dict(
            connection.execute(
                select(Actor.country_id, Actor.id).where(Actor.country_id.is_not(None))
            ).all()
        )
        self.cities: dict[tuple[int, str], int] = {
            (country_id, name.lower()): city_id
            for city_id, country_id, name in connection.execute(
                select(City.id, City.country_id, City.name)
            )
        }

    def country(self, slug: str, day: date, line: int, record: str) -> int | None:
        """The country a slug names on a day; an unmapped slug is a finding."""
        span = self.mappings.country_of(slug, day)
        country_id = self.countries.get(span.country) if span and span.country else None
        if country_id is None:
            why = span.note if span is not None else "the country table has no row for it"
            self.release.finding(
                "unmapped_code", line, record, f"country slug {slug!r} on {day}: {why}"
            )
        return country_id

    def actor(self, country_id: int | None) -> int | None:
        return None if country_id is None else self.actors.get(country_id)

    def city(self, country_id: int | None, locale: str | None) -> int | None:
        """A known city of that name in that country (the record keeps the locale anyway)."""
        if country_id is None or not locale:
            return None
        return self.cities.get((country_id, locale.strip().lower()))


@dataclass(frozen=True)
class Holding:
    person_id: int
    longest: str  # the name's longest word (the later of two as long): its surname, mostly
    office: str
    start: date | None
    end: date | None
    end_precision: str | None


class Officials:
    """Terms of other sources by country: who held a post of a country on a day."""

    def __init__(self, connection: Connection, release_id: int) -> None:
        self.by_country: dict[int, list[Holding]] = defaultdict(list)
        rows = connection.execute(
            select(
                Actor.country_id,
                Person.id,
                Person.name,
                Post.office,
                Term.start_date,
                Term.end_date,
                Term.end_date_precision,
            )
            .select_from(Post)
            .join(Actor, Actor.id == Post.actor_id)
            .join(Term, Term.post_id == Post.id)
            .join(Person, Person.id == Term.person_id)
            .where(
                Actor.country_id.is_not(None),
                Post.accredited_to_actor_id.is_(None),  # the country's own offices, not envoys
                Term.release_id != release_id,
                Term.alternative_of_id.is_(None),
            )
        )
        for country_id, person_id, name, office, start, end, precision in rows:
            assert country_id is not None  # the query keeps countries' posts only
            named = words(name)
            longest = max(reversed(named), key=len, default="")
            self.by_country[country_id].append(
                Holding(person_id, longest, office, start, end, precision)
            )

    def match(
        self, country_id: int | None, day: date, text: str, *, titled: bool
    ) -> tuple[int | None, set[int]]:
        """The one person the text names who held a post of the country on the day (with
        `titled`, a post whose title the text uses, or a leader's), and the people named by
        surname only that keep it from being certain."""
        if country_id is None:
            return None, set()
        said = set(words(text))
        spoken = " ".join(words(text))
        named: set[int] = set()
        certain: set[int] = set()
        for holding in self.by_country.get(country_id, ()):
            if len(holding.longest) < 3 or holding.longest not in said:
                continue
            named.add(holding.person_id)
            if not covers(holding.start, holding.end, holding.end_precision, day):
                continue
            office = holding.office.replace("-", " ")
            if titled and holding.office != "leader" and office not in spoken:
                continue
            certain.add(holding.person_id)
        if len(certain) == 1:
            return next(iter(certain)), set()
        return None, certain or named


class People:
    """The release's own people (by the Office's id), found, renamed or created in one batch."""

    def __init__(self, connection: Connection, release: ReleaseWriter) -> None:
        self.connection = connection
        self.release = release
        self.taken: dict[str, int] = {}
        self.own: dict[str, int] = {}  # slug -> id, this release's people
        self.shared: dict[str, int] = {}  # slug -> id, the chiefs of mission's (same ids)
        pocom = select(Release.id).where(Release.dataset == SHARED_PEOPLE).scalar_subquery()
        for person_id, slug, release_id, of_pocom in connection.execute(
            select(Person.id, Person.slug, Person.release_id, Person.release_id == pocom)
        ):
            self.taken[slug] = person_id
            if release_id == release.release_id:
                self.own[slug] = person_id
            elif of_pocom:
                self.shared[slug] = person_id

    def slug_for(self, office_id: str) -> str:
        """The Office's person id as a slug, or prefixed where another source has it."""
        slug = office_id.lower()
        if slug in self.taken and slug not in self.own and slug not in self.shared:
            slug = f"hsg-{slug}"[:120]
        return slug

    def resolve(self, named: dict[str, str]) -> dict[str, int]:
        """Slug -> person id for the release's people (slug -> name as the record gives it)."""
        shared = {slug: self.shared[slug] for slug in named if slug in self.shared}
        named = {slug: name for slug, name in named.items() if slug not in shared}
        kept = {slug: self.own[slug] for slug in named if slug in self.own}
        if kept:
            self.connection.execute(
                update(Person).where(Person.id == bindparam("_id")),
                [{"_id": kept[slug], "name": named[slug]} for slug in kept],
            )
        created = [slug for slug in named if slug not in self.own]
        if created:
            ids = self.connection.execute(
                insert(Person).returning(Person.id, sort_by_parameter_order=True),
                [
                    {"slug": slug, "name": named[slug], "release_id": self.release.release_id}
                    for slug in created
                ],
            ).scalars()
            kept.update(zip(created, ids, strict=True))
        return kept | shared

    def remove_stale(self, named: Iterable[int]) -> None:
        """The release's people that no participation names any more (nor a term: the chiefs
        of mission's release may share one of them)."""
        stale = set(self.own.values()) - set(named)
        if stale:
            self.connection.execute(
                delete(Person).where(
                    Person.id.in_(stale), ~exists().where(Term.person_id == Person.id)
                )
            )


def write_meetings(
    connection: Connection, release: ReleaseWriter, meetings: list[MeetingIn]
) -> None:
    """The meetings and their participants, merged into what the release held.

    Parents are linked set-based through a temporary table of (meeting, parent) slugs: a link
    the input no longer gives is let go of before the merge (the parent may be deleted by it),
    the input's links are written after it; links that stay are not written.
    """
    meeting = Meeting.__table__
    scope = {"release": release.release_id}
    links = _ParentLinks(connection, meetings)
    connection.execute(
        text(
            "UPDATE meeting SET parent_id = NULL WHERE release_id = :release "
            "AND parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
            f"{links.name} s JOIN meeting p ON p.slug = s.parent_slug "
            "WHERE s.slug = meeting.slug AND p.id = meeting.parent_id)"
        ),
        scope,
    )
    target = release.target("meeting", MEETING_COLUMNS)
    for item in meetings:
        target.add(item.row())
    release.count("meeting", target.finish().rows)
    connection.execute(
        text(
            "UPDATE meeting SET parent_id = (SELECT p.id FROM "
            f"{links.name} s JOIN meeting p ON p.slug = s.parent_slug "
            "WHERE s.slug = meeting.slug) WHERE release_id = :release AND parent_id IS NULL "
            f"AND slug IN (SELECT slug FROM {links.name})"
        ),
        scope,
    )
    links.drop()
    ids = dict(
        connection.execute(
            select(meeting.c.slug, meeting.c.id).where(meeting.c.release_id == release.release_id)
        ).all()
    )
    takers = release.target("participant", PARTICIPANT_COLUMNS)
    for item in meetings:
        for taking in item.taking_part:
            takers.add(
                (
                    item.line,
                    ids[item.slug],
                    taking.person_id,
                    taking.actor_id,
                    taking.role,
                    taking.status,
                )
            )
    release.count("participant", takers.finish().rows)


class _ParentLinks:
    """A temporary table of (meeting slug, parent slug), written in bulk."""

    name = "stage_meeting_parent"

    def __init__(self, connection: Connection, meetings: list[MeetingIn]) -> None:
        self.connection = connection
        self.drop()
        slug = Meeting.__table__.c.slug.type
        Table(
            self.name,
            MetaData(),
            Column("slug", slug, nullable=False),
            Column("parent_slug", slug, nullable=False),
            prefixes=["TEMPORARY"],
        ).create(connection)
        writer = BulkWriter(connection, self.name, ("slug", "parent_slug"))
        for item in meetings:
            if item.parent is not None:
                writer.add((item.slug, item.parent))
        writer.close()
        connection.exec_driver_sql(f"CREATE INDEX {self.name}_slug ON {self.name} (slug)")

    def drop(self) -> None:
        schema = "pg_temp" if self.connection.dialect.name == "postgresql" else "temp"
        self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS {schema}.{self.name}")
