"""Archigos 4.1, political leaders: `import archigos PATH`.

Each spell is a term of one post per state, `leader`: the state's effective leader as Archigos
defines it (the person who in fact ruled, whatever their title). States are GW codes, mapped to
countries through the crosswalk; a spell is cut where its code changes country (GW 365: the
USSR until 1991-12-25, Russia after). A `Still in Office` spell is censored at its end, the
edge of the data (2015-12-31): the source says nothing after it. A post is covered from its
first spell to its last; gaps between spells inside that are days with no leader.

A leader is linked to a person already in the database only when certain: the person's
`archigos` id is the leader's id, or the person has a curated term of the same country
overlapping the spell (its start known) and their name contains the leader's surname. A leader
matching on one of the two only is listed for review and stored as a person of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from bilateral_db.core.curated import CURATED_RELEASE_ID
from bilateral_db.crosswalk import Crosswalk
from bilateral_db.imports.base import Importer, Progress
from bilateral_db.imports.reading import DataFile, Row
from bilateral_db.imports.release import Dataset, ReleaseWriter
from bilateral_db.models import Actor, Person, Post, Term

DATASET = Dataset(
    dataset="archigos",
    title="Archigos: a data set of political leaders",
    publisher="Henk E. Goemans, Kristian Skrede Gleditsch & Giacomo Chiozza",
    citation=(
        'Goemans, Henk E., Kristian Skrede Gleditsch & Giacomo Chiozza. 2009. "Introducing '
        'Archigos: A Data Set of Political Leaders." Journal of Peace Research 46(2): 269-283.'
    ),
    url="https://www.rochester.edu/college/faculty/hgoemans/data.htm",
    precedence=40,
)
OFFICE = "leader"
TITLE = "Effective leader (as Archigos defines it)"
STILL_IN_OFFICE = "Still in Office"
TERM_COLUMNS = (
    "person_id",
    "post_id",
    "started_on",  # Archigos' startdate: the day the leader took office
    "started_on_precision",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "end_status",
)
COVERAGE_COLUMNS = (
    "post_id",
    "covered",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
)


@dataclass(frozen=True)
class Spell:
    line: int
    gwcode: int
    leadid: str
    leader: str
    born: str
    start: date
    end: date
    censored: bool
    exit: str


@dataclass(frozen=True)
class Piece:
    """A spell's days under one country."""

    spell: Spell
    country_id: int
    iso: str
    start: date
    end: date
    censored: bool


class ArchigosImporter(Importer):
    dataset = DATASET
    required = ("obsid", "gwcode", "leadid", "leader", "yrborn", "startdate", "enddate", "exit")
    default_version = "4.1"
    scheme = "gw"

    def write(
        self, connection: Connection, release: ReleaseWriter, data: DataFile, progress: Progress
    ) -> tuple[date | None, date | None]:
        spells = [spell for row in data.rows() if (spell := _spell(data, row)) is not None]
        data.check()
        progress("spells", data.bytes_total, data.bytes_total)
        if not spells:
            return None, None
        _edge_ends(spells, release)
        pieces = _pieces(spells, Crosswalk.read(connection, "gw"), release)
        _check_overlaps(pieces, data)
        known = _People(connection, release)
        people = known.resolve(pieces)
        posts = _posts(connection, release, {piece.country_id for piece in pieces})
        # Every `leader` post is single-seat: a term's copy of that is the same for all.
        terms = release.target("term", TERM_COLUMNS, {"single_seat": True})
        for piece in pieces:
            terms.add(
                (
                    piece.spell.line,
                    people[piece.spell.leadid],
                    posts[piece.country_id],
                    piece.start.isoformat(),
                    "day",
                    piece.start.isoformat(),
                    "day",
                    piece.end.isoformat(),
                    "day",
                    "censored" if piece.censored else "ended",
                )
            )
        release.count("term", terms.finish().rows)
        known.remove_stale(set(people.values()))  # no term of this release names them now
        release.count("person", len(set(people.values())))
        release.count("post", len(posts))
        release.count("coverage", _write_coverage(release, pieces, posts))
        return min(s.start for s in spells), max(s.end for s in spells)


def _spell(data: DataFile, row: Row) -> Spell | None:
    gwcode = data.integer(row, "gwcode")
    start = data.day(row, "startdate")
    end = data.day(row, "enddate")
    if gwcode is None or start is None or end is None:
        return None
    if end < start:
        data.problem(row.line, "enddate", f"{end} is before startdate {start}")
        return None
    cells = row
    leadid = cells["leadid"].strip()
    if not leadid:
        data.problem(row.line, "leadid", "is empty: every spell names its leader")
        return None
    return Spell(
        row.line,
        gwcode,
        leadid,
        cells["leader"].strip(),
        cells["yrborn"].strip(),
        start,
        end,
        cells["exit"].strip() == STILL_IN_OFFICE,
        cells["exit"].strip(),
    )


def _edge_ends(spells: list[Spell], release: ReleaseWriter) -> None:
    """A spell ending on the data's last day without `Still in Office` is stored as ended, as
    the file says, but such an end is more likely the edge than a real end: a finding."""
    edge = max(spell.end for spell in spells)
    for spell in spells:
        if spell.end == edge and not spell.censored:
            release.finding(
                "edge_end",
                spell.line,
                f"gw {spell.gwcode} {spell.leader} {spell.start}..{spell.end}",
                f"ends on the data's last day ({edge}) with exit {spell.exit!r}, not "
                f"{STILL_IN_OFFICE!r}: stored as ended on that day, as the file says; the end "
                "may be the edge of the data, not the end of the spell",
            )


def _pieces(spells: list[Spell], crosswalk: Crosswalk, release: ReleaseWriter) -> list[Piece]:
    pieces: list[Piece] = []
    for spell in spells:
        mapped, unmapped = crosswalk.pieces(spell.gwcode, spell.start, spell.end)
        for start, last, mapping in mapped:
            censored = spell.censored and last == spell.end
            pieces.append(Piece(spell, mapping.country_id, mapping.iso, start, last, censored))
        for start, last in unmapped:
            release.finding(
                "unmapped_code",
                spell.line,
                f"gw {spell.gwcode} {spell.leader} {spell.start}..{spell.end}",
                f"no country in the crosswalk for {start}..{last}; that part of the spell is "
                "not stored (add the code to fixtures/country_codes.csv)",
            )
    return pieces


def _check_overlaps(pieces: list[Piece], data: DataFile) -> None:
    """One leader at a time per country; a shared handover day is allowed."""
    by_country: dict[int, list[Piece]] = defaultdict(list)
    for piece in pieces:
        by_country[piece.country_id].append(piece)
    for items in by_country.values():
        items.sort(key=lambda p: p.start)
        for before, after in pairwise(items):
            if after.start < before.end:
                data.problem(
                    after.spell.line,
                    "startdate",
                    f"{after.spell.leader} starts {after.start}, before {before.spell.leader} "
                    f"(line {before.spell.line}) ends {before.end}",
                )
    data.check()


def _posts(connection: Connection, release: ReleaseWriter, countries: set[int]) -> dict[int, int]:
    """The `leader` post of each country (country id -> post id): found, or created as this
    release's, as a post of the country's actor."""
    actors = _country_actors(connection, countries)
    found: dict[int, int] = dict(
        connection.execute(  # type: ignore[arg-type]  # country_id is set: joined on it
            select(Actor.country_id, Post.id)
            .join(Actor, Actor.id == Post.actor_id)
            .where(
                Post.office == OFFICE,
                Post.accredited_to_actor_id.is_(None),
                Actor.country_id.in_(countries),
            )
        ).all()
    )
    missing = sorted(countries - set(found))
    if missing:
        created = connection.execute(
            insert(Post).returning(Post.actor_id, Post.id, sort_by_parameter_order=True),
            [
                {
                    "actor_id": actors[country_id],
                    "office": OFFICE,
                    "title": TITLE,
                    "single_seat": True,
                    "release_id": release.release_id,
                }
                for country_id in missing
            ],
        ).all()
        country_of = {actor_id: country_id for country_id, actor_id in actors.items()}
        found.update({country_of[actor_id]: post_id for actor_id, post_id in created})
    return found


def _country_actors(connection: Connection, countries: set[int]) -> dict[int, int]:
    """Country id -> its actor id (the loader gives every country its actor)."""
    rows = connection.execute(
        select(Actor.country_id, Actor.id).where(Actor.country_id.in_(countries))
    )
    return {country_id: actor_id for country_id, actor_id in rows if country_id is not None}


def _write_coverage(release: ReleaseWriter, pieces: list[Piece], posts: dict[int, int]) -> int:
    spans: dict[int, tuple[date, date]] = {}
    for piece in pieces:
        first, last = spans.get(piece.country_id, (piece.start, piece.end))
        spans[piece.country_id] = (min(first, piece.start), max(last, piece.end))
    writer = release.target("coverage", COVERAGE_COLUMNS)
    for country_id, (first, last) in spans.items():
        writer.add(
            (
                0,  # a post's span comes from many lines
                posts[country_id],
                True,
                first.isoformat(),
                "day",
                last.isoformat(),
                "day",
            )
        )
    return writer.finish().rows


def _words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return [word for word in re.split(r"[^a-z]+", plain.lower()) if word]


def _surname(leader: str) -> str:
    """The longest word of Archigos's name for a leader ("G.W. Bush" -> "bush")."""
    words = _words(leader)
    return max(words, key=len) if words else ""


class _People:
    """People already known, by Archigos id and by country; new ones created in one batch."""

    def __init__(self, connection: Connection, release: ReleaseWriter) -> None:
        self.connection = connection
        self.release = release
        self.by_archigos: dict[str, int] = {}
        self.slugs: dict[int, str] = {}
        self.own: dict[str, int] = {}  # this release's people, by leader id
        self.count = 0
        for person_id, slug, archigos_id, release_id in connection.execute(
            select(Person.id, Person.slug, Person.archigos_id, Person.release_id)
        ):
            self.slugs[person_id] = slug
            if archigos_id:
                if release_id == release.release_id:
                    self.own[archigos_id] = person_id
                else:
                    self.by_archigos[archigos_id] = person_id
        # Curated terms by country (person, name, start, end): to match name and dates. Not
        # other data sets': the Office of the Historian holds thousands of a country's envoys
        # and officials, and a surname with a term overlapping a spell (Nicholas Roosevelt,
        # minister to Hungary until 1933-05-09, and Franklin Roosevelt from 1933-03-04) is no
        # evidence that they are the leader.
        self.terms: dict[int, list[tuple[int, str, date | None, date | None]]] = defaultdict(list)
        rows = connection.execute(
            select(Actor.country_id, Person.id, Person.name, Term.start_date, Term.end_date)
            .join(Post, Post.actor_id == Actor.id)
            .join(Term, Term.post_id == Post.id)
            .join(Person, Person.id == Term.person_id)
            .where(Term.release_id == CURATED_RELEASE_ID, Term.alternative_of_id.is_(None))
        )
        for country_id, person_id, name, start, end in rows:
            if country_id is not None:  # a post of a bloc is no leader's
                self.terms[country_id].append((person_id, name, start, end))

    def resolve(self, pieces: list[Piece]) -> dict[str, int]:
        """Leader id -> person id for every leader of the pieces."""
        by_leader: dict[str, list[Piece]] = defaultdict(list)
        for piece in pieces:
            by_leader[piece.spell.leadid].append(piece)
        linked: dict[str, int] = {}
        new: dict[str, Piece] = {}
        for leadid, own in by_leader.items():
            person_id = self.by_archigos.get(leadid) or self._match(own)
            if person_id is not None:
                linked[leadid] = person_id
            else:
                new[leadid] = own[0]
        linked.update(self._own(new))
        return linked

    def remove_stale(self, named: set[int]) -> None:
        """People an earlier release of Archigos named that this file does not (once its
        terms, which named them, are merged away)."""
        stale = set(self.own.values()) - named
        if stale:
            self.connection.execute(delete(Person).where(Person.id.in_(stale)))

    def _match(self, pieces: list[Piece]) -> int | None:
        """The one person whose name has the leader's surname and whose term, in the same
        country, overlaps one of the leader's spells; otherwise None (and, where only the name
        matches, a finding for review)."""
        spell = pieces[0].spell
        surname = _surname(spell.leader)
        by_name: set[int] = set()
        certain: set[int] = set()
        for piece in pieces:
            for person_id, name, start, end in self.terms.get(piece.country_id, []):
                if not surname or surname not in _words(name):
                    continue
                by_name.add(person_id)
                # Only a known start makes the overlap certain: a term whose start its source
                # does not give (POCOM's chiefs of mission, often) may have begun after the
                # spell ended.
                if start is not None and start <= piece.end and (end is None or end >= piece.start):
                    certain.add(person_id)
        if len(certain) == 1:
            return certain.pop()
        doubtful = certain or by_name
        if doubtful:
            names = ", ".join(sorted(self.slugs[i] for i in doubtful))
            piece = pieces[0]
            self.release.finding(
                "uncertain_match",
                spell.line,
                f"{spell.leader} ({piece.iso}, {spell.start}..{spell.end}, {spell.leadid})",
                f"not linked to {names}: the name matches but no term of theirs overlaps a "
                f"spell (or several do); if they are the same person, give them "
                f"`archigos: {spell.leadid}` in people.yaml",
            )
        return None

    def _own(self, new: dict[str, Piece]) -> dict[str, int]:
        """This release's people: earlier ones renamed as the file names them, others created."""
        kept = {leadid: self.own[leadid] for leadid in new if leadid in self.own}
        if kept:
            self.connection.execute(
                update(Person).where(Person.id == bindparam("_id")),
                [{"_id": kept[i], "name": new[i].spell.leader} for i in kept],
            )
        created = [leadid for leadid in new if leadid not in self.own]
        taken = set(self.slugs.values())
        rows = []
        for leadid in created:
            piece = new[leadid]
            slug = _slug(piece.spell, piece.iso, taken)
            rows.append(
                {
                    "slug": slug,
                    "name": piece.spell.leader,
                    "archigos_id": leadid,
                    "release_id": self.release.release_id,
                }
            )
        if rows:
            ids = self.connection.execute(
                insert(Person).returning(Person.id, sort_by_parameter_order=True), rows
            ).scalars()
            kept.update(zip(created, ids, strict=True))
        self.count = len(kept)
        return kept


def _slug(spell: Spell, iso: str, taken: set[str]) -> str:
    base = "-".join([*_words(spell.leader), iso.lower(), spell.born or "born-unknown"])[:100]
    slug = base if base not in taken else f"{base}-{spell.leadid[:8]}"
    taken.add(slug)
    return slug
