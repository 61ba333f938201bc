"""Principal Officers and Chiefs of Mission of the U.S. Department of State: `import pocom PATH`.

Each chief of mission (`<chief>`) is a term of a U.S. post accredited to the country its
`contemporary-territory-id` names on the term's first known day (through `hsg/data/
countries.csv`, or `chief_countries.csv` where the Office's slug names the wrong one), or to
the bloc an organisation mission maps to (`org_missions.csv`). Every chief of mission to a
country, whatever the rank of the day (ambassador, minister, chargé d'affaires), holds the one
post `USA/ambassador/COUNTRY`, so that a vacancy is a day the post is covered and no one holds
it; a chargé d'affaires ad interim holds it in capacity `ad_interim`. A mission to an
organisation is its own post (office: the mission's id, `representative-to-asean`). Each
principal officer (`<principal>`) is a term of a U.S. post named by its position's id; the
Secretary of State's and the Secretary ad interim's is `USA/foreign-minister`, beside the
curated foreign ministers. Each term keeps its events (appointed, arrived, started, ended: a
date at its precision and the Office's note) and ends for a reason where the note names one.
A chief of mission whose end the record leaves out (chargés d'affaires ad interim, mostly) held
the post until the next chief of the mission took it up at the latest: the term ends then, an
`inferred_end` finding; without a later chief it is ongoing.

People are the Office's person ids (`pompeo-michael-r`), one row with the travels' traveller
of that id. A person is linked to a person of another source (curated, Archigos) where one
person has the surname (and forename, where both give one) and a term of the same post (or,
for a principal officer, any U.S. post) overlapping one of theirs; a name that matches without
the dates is an `uncertain_match` finding and is not linked.

Left out, and counted: other nominees and appointees who never served (the Office lists them
apart), and terms whose country or organisation has no mapping on their day (each a finding).
A post this release defines is single-seat unless its full terms overlap in the record (posts
several people hold at once: ambassadors at large); a term that would overlap another full
term of a single-seat post defined elsewhere (the curated ambassador to Thailand) is a finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, insert, select, update

from bilateral_db.core.dates import PartialDate, certainly_overlap, period_end_exclusive
from bilateral_db.core.terms import term_start
from bilateral_db.imports.base import Importer, Progress
from bilateral_db.imports.hsg.elements import Event
from bilateral_db.imports.hsg.mappings import Mappings, mappings
from bilateral_db.imports.hsg.pocom import (
    Chief,
    Mission,
    Person,
    Position,
    Principal,
    open_pocom,
    read_concurrent_appointments,
    read_missions,
    read_people,
    read_positions,
)
from bilateral_db.imports.hsg.source import RecordSet
from bilateral_db.imports.hsg_meetings import words
from bilateral_db.imports.reading import Recognise
from bilateral_db.imports.release import Dataset, ReleaseWriter
from bilateral_db.models import Actor, Bloc, Country, Participant, Post, Term
from bilateral_db.models import Person as PersonRow

DATASET = Dataset(
    dataset="pocom",
    title="Principal Officers and Chiefs of Mission of the U.S. Department of State",
    publisher="U.S. Department of State, Office of the Historian",
    citation=(
        'U.S. Department of State, Office of the Historian. "Principal Officers and Chiefs of '
        'Mission of the U.S. Department of State." history.state.gov/departmenthistory/people.'
    ),
    url="https://github.com/HistoryAtState/pocom",
    precedence=55,
)
HOME = "USA"
CHIEF_OFFICE = "ambassador"
CHIEF_TITLE = "Chief of Mission"
# Positions whose holders hold a post the curated fixtures name otherwise (the U.S. foreign
# minister); every other position's office is its id.
POSITION_OFFICES = {"secretary": "foreign-minister", "secretary-ad-interim": "foreign-minister"}
POSITION_TITLES = {"foreign-minister": "Secretary of State"}
OFFICE_LENGTH: int = Post.__table__.c.office.type.length  # type: ignore[attr-defined]
# The mappings' vocabularies (issue 17's proposal) to the schema's (core.vocabulary).
CAPACITY = {"full": "full", "acting": "acting", "ad_interim": "ad_interim", "caretaker": "acting"}
END_REASON = {
    "left_post": "left_post",
    "presented_recall": "left_post",
    "relinquished_charge": "left_post",
    "superseded": "superseded",
    "promoted": "other",
    "resigned": "resigned",
    "removed": "removed",
    "term_expired": "term_ended",
    "died": "died",
    "appointment_terminated": "removed",
    "relations_interrupted": "post_closed",
}
TERM_COLUMNS = (
    "person_id",
    "post_id",
    "single_seat",
    "capacity",
    "appointed_on",
    "appointed_on_precision",
    "appointment_note",
    "arrived_on",
    "arrived_on_precision",
    "arrival_note",
    "started_on",
    "started_on_precision",
    "start_note",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "end_status",
    "end_reason",
    "end_note",
)
COVERAGE_COLUMNS = (
    "post_id",
    "covered",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
)
PostKey = tuple[int, str, int | None]  # actor, office, accredited to


@dataclass(frozen=True)
class Read:
    """The record set and the records the release is written from, read once."""

    source: RecordSet
    people: dict[str, Person]  # by id and by old id
    missions: list[Mission]
    positions: list[Position]
    concurrent: int  # chiefs accredited to several countries at once (one person, one file)

    def last_day(self) -> date | None:
        terms: list[Chief | Principal] = [*self.chiefs(), *self.principals()]
        days = [
            event.date.value
            for term in terms
            for event in (term.appointed, term.started, term.ended)
            if event.date is not None
        ]
        return max(days, default=None)

    def chiefs(self) -> Iterator[Chief]:
        for mission in self.missions:
            yield from mission.chiefs

    def principals(self) -> Iterator[Principal]:
        for position in self.positions:
            yield from position.principals


@dataclass
class TermIn:
    """One term as the record gives it, with the post it is of."""

    line: int
    record: str  # chief th-2015-davi-01, principal …
    office_id: str  # the Office's person id
    post: PostKey
    title: str
    capacity: str
    appointed: Event
    arrived: Event
    started: Event
    ended: Event
    end_status: str
    end_reason: str | None
    end: PartialDate | None  # the ended date, or the next chief's start where it has none
    person_id: int = 0
    post_id: int = 0
    single_seat: bool = True
    foreign: bool = False  # the post is another source's: its single seat is checked here

    @property
    def start(self) -> PartialDate | None:
        return term_start(self.started.date, self.arrived.date)

    def first_day(self) -> date | None:
        days = [e.date.value for e in (self.appointed, self.arrived, self.started) if e.date]
        return min(days, default=None)

    def row(self) -> tuple[Any, ...]:
        start, end = self.start, self.end
        return (
            self.line,
            self.person_id,
            self.post_id,
            self.single_seat,
            self.capacity,
            *_event(self.appointed),
            *_event(self.arrived),
            *_event(self.started),
            start.value.isoformat() if start else None,
            start.precision.value if start else None,
            end.value.isoformat() if end else None,
            end.precision.value if end else None,
            self.end_status,
            self.end_reason,
            self.ended.note,
        )


def _event(event: Event) -> tuple[str | None, str | None, str | None]:
    day = event.date
    return (
        day.value.isoformat() if day else None,
        day.precision.value if day else None,
        event.note,
    )


class PocomImporter(Importer):
    dataset = DATASET
    required = ()

    @contextmanager
    def open(self, path: Path, recognise: Recognise | None = None) -> Iterator[Read]:
        # A record set is recognised by its marker directory, not by a CSV header.
        with open_pocom(path) as source:
            persons = list(read_people(source))
            people = {old: person for person in persons for old in person.old_ids}
            people.update((person.id, person) for person in persons)  # ids before old ids
            yield Read(
                source,
                people,
                list(read_missions(source)),
                list(read_positions(source)),
                sum(len(a.chief_ids) for a in read_concurrent_appointments(source)),
            )

    def digest(self, path: Path, data: Any) -> str:
        return str(data.source.digest())

    def version(self, path: Path, data: Any) -> str | None:
        """The commit the copy names (12 digits), else the last day the record speaks of."""
        read: Read = data
        if read.source.commit:
            return read.source.commit[:12]
        last = read.last_day()
        return last.isoformat() if last else None

    def write(
        self, connection: Connection, release: ReleaseWriter, data: Any, progress: Progress
    ) -> tuple[date | None, date | None]:
        read: Read = data
        assert release.release_id is not None
        terms = _Terms(connection, release, mappings()).read(read)
        progress("terms", len(terms), len(terms))
        if not terms:
            return None, None
        posts = _Posts(connection, release)
        posts.resolve(terms)
        people = _People(connection, release, read.people)
        people.resolve(terms)
        kept = _kept(terms, release)
        written = release.target("term", TERM_COLUMNS)
        for term in kept:
            written.add(term.row())
        release.count("term", written.finish().rows)
        release.count("coverage", _write_coverage(release, kept))
        people.remove_stale({term.person_id for term in kept})
        posts.remove_stale({term.post for term in kept})
        release.count("person", len({term.person_id for term in kept}))
        release.count("post", len({term.post for term in kept}))
        release.count("concurrent_accreditation", read.concurrent)
        days = [d for t in kept for d in (t.first_day(), t.end and t.end.value) if d]
        return min(days, default=None), max(days, default=None)


class _Terms:
    """The records' terms, each with its post; what cannot be placed is a finding."""

    def __init__(self, connection: Connection, release: ReleaseWriter, maps: Mappings) -> None:
        self.release = release
        self.mappings = maps
        self.countries = dict(connection.execute(select(Country.code, Country.id)).all())
        self.actors: dict[int, int] = {}
        self.blocs: dict[str, int] = {}
        for actor_id, country_id, bloc_code in connection.execute(
            select(Actor.id, Actor.country_id, Bloc.code).outerjoin(Bloc, Bloc.id == Actor.bloc_id)
        ):
            if country_id is not None:
                self.actors[country_id] = actor_id
            if bloc_code is not None:
                self.blocs[bloc_code] = actor_id
        home = self.countries.get(HOME)
        self.home = self.actors.get(home) if home is not None else None

    def read(self, read: Read) -> list[TermIn]:
        if self.home is None:
            self.release.finding("unmapped_code", None, HOME, "no actor for the United States")
            return []
        out: list[TermIn] = []
        for mission in read.missions:
            served = [chief for chief in mission.chiefs if not chief.other_nominee]
            terms = [
                term
                for index, chief in enumerate(served)
                if (term := self._chief(mission, chief, later=index + 1 < len(served)))
            ]
            self._ends_by_successors(terms)
            out += terms
            self.release.count("not_served", len(mission.chiefs) - len(served))
        for position in read.positions:
            served_p = [p for p in position.principals if not p.other_appointee]
            for index, principal in enumerate(served_p):
                out.append(self._principal(position, principal, index + 1 < len(served_p)))
            self.release.count("not_served", len(position.principals) - len(served_p))
        return out

    def _ends_by_successors(self, terms: list[TermIn]) -> None:
        """A chief whose end the record does not give, with a later chief of the mission who
        took up the post, held it until that day at the latest (one chief of a mission at a
        time, in the file's order): ended then, each an `inferred_end` finding."""
        for index, term in enumerate(terms):
            if term.end_status != "unknown":
                continue
            later = next((t.start for t in terms[index + 1 :] if t.start is not None), None)
            if later is None or (term.start is not None and later.value < term.start.value):
                continue
            term.end, term.end_status = later, "ended"
            self.release.finding(
                "inferred_end",
                term.line,
                term.record,
                f"no end in the record: ended on {later}, when the next chief of the mission "
                "took up the post",
            )

    def _chief(self, mission: Mission, chief: Chief, *, later: bool) -> TermIn | None:
        record = f"chief {chief.id}"
        days = [e.date.value for e in (chief.started, chief.arrived, chief.appointed) if e.date]
        if chief.ended.date:
            days.append(chief.ended.date.value)
        day = days[0] if days else None
        accredited = self._mission_actor(mission, chief, day, record)
        if accredited is None:
            return None
        office = CHIEF_OFFICE if not mission.to_organisation else mission.id[:OFFICE_LENGTH]
        title = CHIEF_TITLE if not mission.to_organisation else (mission.name or mission.id)
        return self._term(
            chief.origin.line,
            record,
            chief.person_id,
            (self.home or 0, office, accredited),
            title,
            chief.role_title_id,
            (chief.appointed, chief.arrived, chief.started, chief.ended),
            later=later,
        )

    def _mission_actor(
        self, mission: Mission, chief: Chief, day: date | None, record: str
    ) -> int | None:
        if mission.to_organisation:
            span = self.mappings.bloc_of(mission.id, day)
            actor = self.blocs.get(span.bloc) if span is not None and span.bloc else None
            if actor is None:
                why = span.note if span is not None else "org_missions.csv has no row for the day"
                self.release.finding(
                    "unmapped_code", chief.origin.line, record, f"mission {mission.id}: {why}"
                )
            return actor
        moved = self.mappings.country_of_chief(chief.id)
        slug = chief.territory_id or mission.id
        if moved is not None:
            code: str | None = moved.country
        elif day is None:
            spans = self.mappings.countries.get(slug, ())
            code = spans[0].country if len(spans) == 1 else None
        else:
            found = self.mappings.country_of(slug, day)
            code = found.country if found is not None else None
        country = self.countries.get(code) if code else None
        actor = self.actors.get(country) if country is not None else None
        if actor is None:
            self.release.finding(
                "unmapped_code",
                chief.origin.line,
                record,
                f"country slug {slug!r} on {day}: no country in countries.csv (or no actor)",
            )
        return actor

    def _principal(self, position: Position, principal: Principal, later: bool) -> TermIn:
        office = POSITION_OFFICES.get(position.id, position.id)[:OFFICE_LENGTH]
        title = POSITION_TITLES.get(office) or position.name or position.id
        return self._term(
            principal.origin.line,
            f"principal {principal.id}",
            principal.person_id,
            (self.home or 0, office, None),
            title,
            principal.role_title_id,
            (principal.appointed, Event(None, None), principal.started, principal.ended),
            later=later,
        )

    def _term(
        self,
        line: int,
        record: str,
        person: str,
        post: PostKey,
        title: str,
        role: str,
        events: tuple[Event, Event, Event, Event],
        *,
        later: bool,
    ) -> TermIn:
        appointed, arrived, started, ended = events
        capacity = self.mappings.capacity_of(role)
        if capacity is None:
            self.release.finding(
                "unmapped_code", line, record, f"role {role!r}: not in role_capacities.csv; full"
            )
        rule = self.mappings.end_reason_rule(ended.note)
        if ended.note and rule is None:
            self.release.finding(
                "unmapped_code", line, record, f"end note {ended.note!r}: no rule gives a reason"
            )
        reason = END_REASON[rule.value] if rule is not None and rule.value else None
        if ended.date is not None:
            status = "ended"
        else:  # a later holder is listed: it ended, the record does not say when
            status = "unknown" if later or ended.note else "ongoing"
            reason = reason if status == "unknown" else None
        return TermIn(
            line=line,
            record=record,
            office_id=person,
            post=post,
            title=title,
            capacity=CAPACITY[capacity or "full"],
            appointed=appointed,
            arrived=arrived,
            started=started,
            ended=ended,
            end_status=status,
            end_reason=reason,
            end=ended.date,
        )


class _Posts:
    """The posts the terms are of: found (any source's), or created as this release's."""

    def __init__(self, connection: Connection, release: ReleaseWriter) -> None:
        self.connection = connection
        self.release = release
        self.found: dict[PostKey, tuple[int, bool, int]] = {}  # id, single seat, release
        for post_id, actor, office, to, seat, release_id in connection.execute(
            select(
                Post.id,
                Post.actor_id,
                Post.office,
                Post.accredited_to_actor_id,
                Post.single_seat,
                Post.release_id,
            )
        ):
            self.found[(actor, office, to)] = (post_id, seat, release_id)

    def resolve(self, terms: list[TermIn]) -> None:
        """Every term's post id and single_seat; posts of this release created or updated."""
        by_post: dict[PostKey, list[TermIn]] = defaultdict(list)
        for term in terms:
            by_post[term.post].append(term)
        created: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for key, items in by_post.items():
            seat = not _overlapping(items)
            held = self.found.get(key)
            if held is None:
                created.append(
                    {
                        "actor_id": key[0],
                        "office": key[1],
                        "accredited_to_actor_id": key[2],
                        "title": items[0].title,
                        "single_seat": seat,
                        "release_id": self.release.release_id,
                    }
                )
                continue
            post_id, held_seat, release_id = held
            foreign = release_id != self.release.release_id
            if foreign:
                seat = held_seat  # another source's post: its own rule holds
            elif held_seat and not seat:  # the record's terms overlap now
                changed.append({"_id": post_id, "single_seat": False})
            else:  # never back to single-seat: the held terms it would check may overlap
                seat = held_seat and seat
            for term in items:
                term.post_id, term.single_seat, term.foreign = post_id, seat, foreign
        if changed:
            self.connection.execute(update(Post).where(Post.id == bindparam("_id")), changed)
        if created:
            rows = self.connection.execute(
                insert(Post).returning(
                    Post.id,
                    Post.actor_id,
                    Post.office,
                    Post.accredited_to_actor_id,
                    Post.single_seat,
                    sort_by_parameter_order=True,
                ),
                created,
            ).all()
            for post_id, actor, office, to, seat in rows:
                for term in by_post[(actor, office, to)]:
                    term.post_id, term.single_seat = post_id, seat

    def remove_stale(self, used: set[PostKey]) -> None:
        """Posts an earlier release defined that no term names now."""
        stale = [
            post_id
            for key, (post_id, _, release_id) in self.found.items()
            if release_id == self.release.release_id and key not in used
        ]
        if stale:
            self.connection.execute(
                delete(Post).where(Post.id.in_(stale), ~exists().where(Term.post_id == Post.id))
            )


def _overlapping(terms: list[TermIn]) -> bool:
    """Whether two full terms share a day for certain (the database's guard, `_clash`): in
    start order, a term that begins before an earlier one's certain end."""
    ranges = sorted(r for t in terms if t.capacity == "full" and (r := _certain(t)) is not None)
    last_end = date.min
    for first, stop in ranges:
        if first < last_end:
            return True
        last_end = max(last_end, stop)
    return False


def _certain(term: TermIn) -> tuple[date, date] | None:
    """The days a term holds whatever its exact dates, [first, stop) (unknown: unbounded), or
    None where they are none (core.dates.certainly_overlap's rule)."""
    start = term.start
    first = period_end_exclusive(start.value, start.precision) - timedelta(1) if start else None
    stop = term.end.value if term.end else None
    if first is not None and stop is not None and first >= stop:
        return None
    return (first or date.min, stop or date.max)


def _clash(a: TermIn, b: TermIn) -> bool:
    sa, sb = a.start, b.start
    return certainly_overlap(
        sa.value if sa else None,
        sa.precision if sa else None,
        a.end.value if a.end else None,
        sb.value if sb else None,
        sb.precision if sb else None,
        b.end.value if b.end else None,
    )


def _kept(terms: list[TermIn], release: ReleaseWriter) -> list[TermIn]:
    """The terms written: one per key (person, post, start), none ending before it starts, none
    overlapping a full term of a single-seat post of another source's (each left out a
    finding)."""
    kept: list[TermIn] = []
    keys: dict[tuple[int, int, date | None], TermIn] = {}
    seated: dict[int, list[TermIn]] = defaultdict(list)
    for term in terms:
        post_id = term.post_id
        start = term.start
        key = (term.person_id, post_id, start.value if start else None)
        end = term.end
        if start is not None and end is not None and end.value < start.value:
            release.finding(
                "date_conflict",
                term.line,
                term.record,
                f"ended {end} before it started ({start}, started else arrived): left out",
            )
            continue
        if key in keys:
            release.finding(
                "duplicate",
                term.line,
                term.record,
                f"the same person, post and start as {keys[key].record}: left out",
            )
            continue
        if term.foreign and term.single_seat and term.capacity == "full":
            clash = next((other for other in seated[post_id] if _clash(term, other)), None)
            if clash is not None:
                release.finding(
                    "overlap",
                    term.line,
                    term.record,
                    f"overlaps {clash.record} in a single-seat post: left out",
                )
                continue
            seated[post_id].append(term)
        keys[key] = term
        kept.append(term)
    return kept


def _write_coverage(release: ReleaseWriter, terms: list[TermIn]) -> int:
    """Each post is covered from its first known day to its last end, or on if a term is."""
    spans: dict[int, tuple[PartialDate, PartialDate | None]] = {}
    ongoing: set[int] = set()
    for term in terms:
        post_id = term.post_id
        dated = [e.date for e in (term.appointed, term.arrived, term.started) if e.date]
        first = min(dated, key=lambda d: d.value) if dated else term.end
        if first is None:
            continue
        if term.end_status == "ongoing":
            ongoing.add(post_id)
        start, end = spans.get(post_id, (first, term.end))
        if first.value < start.value:
            start = first
        if term.end and (end is None or term.end.value > end.value):
            end = term.end
        spans[post_id] = (start, end)
    writer = release.target("coverage", COVERAGE_COLUMNS)
    for post_id, (start, end) in spans.items():
        last = None if post_id in ongoing else end
        writer.add(
            (
                0,  # a post's span comes from many records
                post_id,
                True,
                start.value.isoformat(),
                start.precision.value,
                last.value.isoformat() if last else None,
                last.precision.value if last else None,
            )
        )
    return writer.finish().rows


@dataclass
class _Held:
    """A term of another source: its person, name words and days, and its post."""

    person_id: int
    words: set[str]
    post: PostKey
    start: date | None
    end: date | None


@dataclass
class _People:
    """The Office's people: linked to another source's person where name and dates agree,
    shared with the travels' traveller of the same id, else this release's own."""

    connection: Connection
    release: ReleaseWriter
    records: dict[str, Person]
    own: dict[str, int] = field(default_factory=dict)
    shared: dict[str, int] = field(default_factory=dict)  # the travels' or visits' people
    taken: set[str] = field(default_factory=set)
    slugs: dict[int, str] = field(default_factory=dict)
    held: dict[str, list[_Held]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        from bilateral_db.models import Release

        hsg = set(
            self.connection.execute(
                select(Release.id).where(Release.dataset.in_(("hsg-travels", "hsg-visits")))
            ).scalars()
        )
        for person_id, slug, release_id in self.connection.execute(
            select(PersonRow.id, PersonRow.slug, PersonRow.release_id)
        ):
            self.taken.add(slug)
            self.slugs[person_id] = slug
            if release_id == self.release.release_id:
                self.own[slug] = person_id
            elif release_id in hsg:
                self.shared[slug] = person_id
        rows = self.connection.execute(
            select(
                Term.person_id,
                PersonRow.name,
                Post.actor_id,
                Post.office,
                Post.accredited_to_actor_id,
                Term.start_date,
                Term.end_date,
            )
            .join(Post, Post.id == Term.post_id)
            .join(PersonRow, PersonRow.id == Term.person_id)
            .where(Term.release_id != self.release.release_id, Term.alternative_of_id.is_(None))
        )
        for person_id, name, actor, office, to, start, end in rows:
            said = set(words(name))
            for word in said:
                self.held[word].append(_Held(person_id, said, (actor, office, to), start, end))

    def resolve(self, terms: list[TermIn]) -> None:
        """Every term's person id."""
        by_person: dict[str, list[TermIn]] = defaultdict(list)
        for term in terms:
            record = self.records.get(term.office_id)
            by_person[record.id if record is not None else term.office_id].append(term)
        ids: dict[str, int] = {}
        names: dict[str, str] = {}
        for office_id, items in by_person.items():
            record = self.records.get(office_id)
            if record is None:
                self.release.finding(
                    "unmapped_code",
                    items[0].line,
                    items[0].record,
                    f"person {office_id!r} has no file under people/: named by the id",
                )
            linked = self._match(office_id, record, items) if record is not None else None
            if linked is not None:
                ids[office_id] = linked
            elif office_id.lower() in self.shared:
                ids[office_id] = self.shared[office_id.lower()]
            else:
                names[office_id] = record.name if record is not None else office_id
        ids.update(self._own(names))
        for office_id, items in by_person.items():
            for term in items:
                term.person_id = ids[office_id]

    def _match(self, office_id: str, person: Person, terms: list[TermIn]) -> int | None:
        surname = words(person.surname)
        if not surname:
            return None
        forename = words(person.forename or "")
        named: set[int] = set()
        certain: set[int] = set()
        for held in self.held.get(surname[-1], ()):
            if not set(surname) <= held.words:
                continue
            if forename and len(forename[0]) > 1 and not _forename_agrees(forename[0], held):
                continue
            named.add(held.person_id)
            for term in terms:
                same_post = held.post == term.post or (
                    term.post[2] is None and held.post[0] == term.post[0] and held.post[2] is None
                )
                if same_post and _days_overlap(term, held):
                    certain.add(held.person_id)
        if len(certain) == 1:
            return certain.pop()
        doubtful = certain or named
        if doubtful:
            self.release.finding(
                "uncertain_match",
                terms[0].line,
                f"person {office_id} ({person.name})",
                f"not linked to {', '.join(sorted(self.slugs[i] for i in doubtful))}: the name "
                "matches, but not exactly one of them held the same post (a principal officer: "
                "a U.S. post) on overlapping days; stored as a person of this release",
            )
        return None

    def _own(self, names: dict[str, str]) -> dict[str, int]:
        """This release's people: earlier ones renamed as the record names them, others new."""
        kept = {
            office_id: self.own[office_id.lower()]
            for office_id in names
            if office_id.lower() in self.own
        }
        if kept:
            self.connection.execute(
                update(PersonRow).where(PersonRow.id == bindparam("_id")),
                [{"_id": kept[i], "name": names[i]} for i in kept],
            )
        created = [office_id for office_id in names if office_id not in kept]
        rows = []
        for office_id in created:
            slug = office_id.lower()
            if slug in self.taken:
                slug = f"hsg-{slug}"[:120]
            self.taken.add(slug)
            rows.append(
                {"slug": slug, "name": names[office_id], "release_id": self.release.release_id}
            )
        if rows:
            ids = self.connection.execute(
                insert(PersonRow).returning(PersonRow.id, sort_by_parameter_order=True), rows
            ).scalars()
            kept.update(zip(created, ids, strict=True))
        return kept

    def remove_stale(self, named: set[int]) -> None:
        """This release's people no term names now (nor a meeting of the travels or visits)."""
        stale = set(self.own.values()) - named
        if stale:
            self.connection.execute(
                delete(PersonRow).where(
                    PersonRow.id.in_(stale),
                    ~exists().where(Term.person_id == PersonRow.id),
                    ~exists().where(Participant.person_id == PersonRow.id),
                )
            )


def _forename_agrees(forename: str, held: _Held) -> bool:
    """The record's first forename is among the other source's name words (or its initial)."""
    return forename in held.words or any(
        len(word) == 1 and word == forename[0] for word in held.words
    )


def _days_overlap(term: TermIn, held: _Held) -> bool:
    first = term.first_day()
    last = term.end.last_day if term.end else None
    if first is None and last is None:
        return False
    return (held.start is None or last is None or held.start <= last) and (
        held.end is None or first is None or first <= held.end
    )
