"""Meetings: find them by who, where, what and when; or read one in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import CompoundSelect, Connection, Select, exists, func, or_, select, union

from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.citations import SourceRow, release_source, sources_for
from bilateral_db.reports.lookup import UnknownCode, checked, existing
from bilateral_db.reports.paging import count_rows, page_of
from bilateral_db.reports.pledges import PledgeRow, pledges_where
from bilateral_db.reports.pointintime import covers, partial, period_end_exclusive
from bilateral_db.tables import (
    ACTOR,
    BLOC,
    CITY,
    COUNTRY,
    FACT,
    MEETING,
    MEETING_IN_SERIES,
    MEETING_SERIES,
    MEETING_TOPIC,
    PARTICIPANT,
    PERSON,
    PLEDGE,
    POST,
    RELEASE,
    TERM,
    TOPIC,
)

PARENT = MEETING.alias("parent_meeting")
HOST = COUNTRY.alias("host_country")
ACTOR_COUNTRY = COUNTRY.alias("actor_country")
ACTOR_BLOC = BLOC.alias("actor_bloc")


@dataclass(frozen=True)
class MeetingRow:
    slug: str
    name: str
    kind: str
    ordinal: int | None
    start_date: PartialDate | None
    end_date: PartialDate | None
    city: str | None
    host: str | None
    bloc: str | None
    parent: str | None
    fact_id: int | None  # None for a meeting of an imported release, which `source` names
    venue: str | None = None  # the building or site, where the source names one
    confidence: str | None = None  # of the fact: stated, inferred, disputed
    note: str | None = None
    description: str | None = None  # what was done there, as the source says it
    source: str = "curated"  # the release that states the meeting
    status: str | None = None  # held, postponed or cancelled as a source says; None: not said


@dataclass(frozen=True)
class ParticipantRow:
    """A person and/or the country or bloc they stood for; `actor` is its ISO or bloc code."""

    person: str | None
    name: str | None
    actor: str | None
    actor_name: str | None
    role: str
    status: str
    fact_id: int | None
    confidence: str | None = None
    note: str | None = None
    source: str = "curated"  # the release that states the participation
    invited_on: PartialDate | None = None  # the day the invitation was extended, if given


@dataclass(frozen=True)
class SeriesRow:
    """A series the meeting belongs to, and its ordinal there (None: not numbered)."""

    series: str
    name: str
    ordinal: int | None
    bloc: str | None
    fact_id: int
    confidence: str | None = None
    note: str | None = None
    source: str = "curated"  # series are curated facts (their citations: --cite)


@dataclass(frozen=True)
class TopicRow:
    topic: str
    name: str
    fact_id: int
    confidence: str | None = None
    note: str | None = None
    source: str = "curated"  # topics are curated facts (their citations: --cite)


@dataclass(frozen=True)
class MeetingDetail:
    """One meeting with its participants, child meetings, topics and the sources it cites."""

    meeting: MeetingRow
    participants: list[ParticipantRow]
    children: list[MeetingRow]
    topics: list[TopicRow]
    sources: list[SourceRow]
    series: list[SeriesRow]
    pledges: list[PledgeRow]  # made at the meeting, with their parts


def meeting_select() -> Select[Any]:
    """Meeting rows with their city, host, bloc and parent resolved to names and codes."""
    return (
        select(
            MEETING.c.slug,
            MEETING.c.name,
            MEETING.c.kind,
            MEETING.c.ordinal,
            MEETING.c.start_date,
            MEETING.c.start_date_precision,
            MEETING.c.end_date,
            MEETING.c.end_date_precision,
            CITY.c.name,
            HOST.c.code,
            BLOC.c.code,
            PARENT.c.slug,
            MEETING.c.fact_id,
            FACT.c.confidence,
            FACT.c.note,
            MEETING.c.description,
            RELEASE.c.slug,
            MEETING.c.venue,
            MEETING.c.status,
        )
        .select_from(MEETING)
        .join(RELEASE, MEETING.c.release_id == RELEASE.c.id)
        .outerjoin(FACT, MEETING.c.fact_id == FACT.c.id)
        .outerjoin(CITY, MEETING.c.city_id == CITY.c.id)
        .outerjoin(HOST, MEETING.c.host_country_id == HOST.c.id)
        .outerjoin(BLOC, MEETING.c.bloc_id == BLOC.c.id)
        .outerjoin(PARENT, MEETING.c.parent_id == PARENT.c.id)
    )


def meeting_row(row: Any) -> MeetingRow:
    return MeetingRow(
        slug=row[0],
        name=row[1],
        kind=row[2],
        ordinal=row[3],
        start_date=partial(row[4], row[5]),
        end_date=partial(row[6], row[7]),
        city=row[8],
        host=row[9],
        bloc=row[10],
        parent=row[11],
        fact_id=row[12],
        confidence=row[13],
        note=row[14],
        description=row[15],
        source=row[16],
        venue=row[17],
        status=row[18],
    )


# The tables meetings_involving reads, aliased once (an alias copies every column).
_INVOLVING = (PARTICIPANT.alias(), TERM.alias(), POST.alias(), MEETING.alias(), ACTOR.alias())


def meetings_involving(actor_id: Any) -> CompoundSelect[Any]:
    """SQL: the ids of the meetings the actor took part in, by name or through an official of
    its own, hosted (a country) or organised (a bloc).

    An official counts for the country whose post they held on the meeting's first day. A set
    read from the actor's own rows through their indexes, so a question about one actor does not
    test every meeting in turn.
    """
    participant, term, post, meeting, own = _INVOLVING
    by_name = select(participant.c.meeting_id).where(participant.c.actor_id == actor_id)
    through_official = (
        select(participant.c.meeting_id)
        .join(term, term.c.person_id == participant.c.person_id)
        .join(post, post.c.id == term.c.post_id)
        .join(meeting, meeting.c.id == participant.c.meeting_id)
        .where(
            participant.c.actor_id.is_(None),
            post.c.actor_id == actor_id,
            covers(
                term.c.start_date, term.c.end_date, term.c.end_date_precision, meeting.c.start_date
            ),
        )
    )
    hosted = (
        select(meeting.c.id)
        .join(own, own.c.country_id == meeting.c.host_country_id)
        .where(own.c.id == actor_id)
    )
    organised = (
        select(meeting.c.id)
        .join(own, own.c.bloc_id == meeting.c.bloc_id)
        .where(own.c.id == actor_id)
    )
    return union(by_name, through_official, hosted, organised)


def actor_id_of(code: str, *, kind: str) -> Any:
    """SQL: the actor id of the country or bloc `code`, as an uncorrelated scalar subquery."""
    actor = ACTOR.alias()
    named = (COUNTRY if kind == "country" else BLOC).alias()
    key = actor.c.country_id if kind == "country" else actor.c.bloc_id
    statement = select(actor.c.id).join(named, key == named.c.id)
    return statement.where(named.c.code == code).scalar_subquery()


def _meetings(
    person: str | None,
    country: str | None,
    bloc: str | None,
    topic: str | None,
    text: str | None,
    date_from: date | None,
    date_to: date | None,
) -> Select[Any]:
    statement = meeting_select()
    if text is not None:
        words = text.lower()
        statement = statement.where(
            or_(
                func.lower(MEETING.c.name).contains(words, autoescape=True),
                func.lower(MEETING.c.description).contains(words, autoescape=True),
            )
        )
    if person is not None:
        statement = statement.where(
            exists().where(
                PARTICIPANT.c.meeting_id == MEETING.c.id,
                PARTICIPANT.c.person_id == PERSON.c.id,
                PERSON.c.slug == person,
            )
        )
    if country is not None:
        involving = meetings_involving(actor_id_of(country, kind="country"))
        statement = statement.where(MEETING.c.id.in_(involving))
    if bloc is not None:
        statement = statement.where(
            MEETING.c.id.in_(meetings_involving(actor_id_of(bloc, kind="bloc")))
        )
    if topic is not None:
        statement = statement.where(
            exists().where(
                MEETING_TOPIC.c.meeting_id == MEETING.c.id,
                MEETING_TOPIC.c.topic_id == TOPIC.c.id,
                TOPIC.c.slug == topic,
            )
        )
    last_day = period_end_exclusive(
        func.coalesce(MEETING.c.end_date, MEETING.c.start_date),
        func.coalesce(MEETING.c.end_date_precision, MEETING.c.start_date_precision),
    )
    if date_from is not None:
        statement = statement.where(MEETING.c.start_date.is_not(None), last_day > date_from)
    if date_to is not None:
        statement = statement.where(MEETING.c.start_date <= date_to)
    return statement.order_by(MEETING.c.start_date.is_(None), MEETING.c.start_date, MEETING.c.slug)


_filters_checked = checked(
    ordered=("date_from", "date_to"),
    person=existing("person", PERSON.c.slug),
    country="country",
    bloc="bloc",
    topic=existing("topic", TOPIC.c.slug),
    date_from="day",
    date_to="day",
)


@_filters_checked
def find_meetings(
    session: Connection,
    *,
    person: str | None = None,
    country: str | None = None,
    bloc: str | None = None,
    topic: str | None = None,
    text: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[MeetingRow]:
    """Meetings matching every filter given, oldest first (unknown dates last), then by slug.

    `country` and `bloc` match a meeting hosted or organised by it, or attended by it or one of
    its officials; `text` matches words of the name or the description (a travel record's
    remarks) in any case; the date range keeps meetings that share a day with [date_from,
    date_to].
    """
    statement = _meetings(person, country, bloc, topic, text, date_from, date_to)
    return [meeting_row(row) for row in session.execute(page_of(statement, limit, offset))]


@_filters_checked
def find_meetings_total(
    session: Connection,
    *,
    person: str | None = None,
    country: str | None = None,
    bloc: str | None = None,
    topic: str | None = None,
    text: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows find_meetings has (a page's limit and offset change nothing)."""
    return count_rows(session, _meetings(person, country, bloc, topic, text, date_from, date_to))


def participants_select() -> Select[Any]:
    return (
        select(
            PERSON.c.slug,
            PERSON.c.name,
            func.coalesce(ACTOR_COUNTRY.c.code, ACTOR_BLOC.c.code),
            func.coalesce(ACTOR_COUNTRY.c.common_name, ACTOR_COUNTRY.c.name, ACTOR_BLOC.c.name),
            PARTICIPANT.c.role,
            PARTICIPANT.c.status,
            PARTICIPANT.c.fact_id,
            FACT.c.confidence,
            FACT.c.note,
            RELEASE.c.slug,
            PARTICIPANT.c.invited_on,
            PARTICIPANT.c.invited_on_precision,
        )
        .select_from(PARTICIPANT)
        .join(RELEASE, RELEASE.c.id == PARTICIPANT.c.release_id)
        .outerjoin(FACT, PARTICIPANT.c.fact_id == FACT.c.id)
        .outerjoin(PERSON, PARTICIPANT.c.person_id == PERSON.c.id)
        .outerjoin(ACTOR, PARTICIPANT.c.actor_id == ACTOR.c.id)
        .outerjoin(ACTOR_COUNTRY, ACTOR.c.country_id == ACTOR_COUNTRY.c.id)
        .outerjoin(ACTOR_BLOC, ACTOR.c.bloc_id == ACTOR_BLOC.c.id)
    )


@checked(slug=existing("meeting", MEETING.c.slug))
def meeting_detail(session: Connection, *, slug: str) -> MeetingDetail:
    """The meeting `slug` in full, in six queries whatever its size (never one per row)."""
    head = session.execute(meeting_select().where(MEETING.c.slug == slug)).first()
    if head is None:
        raise UnknownCode("meeting", slug, [])
    meeting = meeting_row(head)
    meeting_id = select(MEETING.c.id).where(MEETING.c.slug == slug).scalar_subquery()
    participants = [
        ParticipantRow(
            person=row[0],
            name=row[1],
            actor=row[2],
            actor_name=row[3],
            role=row[4],
            status=row[5],
            fact_id=row[6],
            confidence=row[7],
            note=row[8],
            source=row[9],
            invited_on=partial(row[10], row[11]),
        )
        for row in session.execute(
            participants_select()
            .where(PARTICIPANT.c.meeting_id == meeting_id)
            .order_by(PARTICIPANT.c.role, PERSON.c.slug, PARTICIPANT.c.status, PARTICIPANT.c.id)
        )
    ]
    children = [
        meeting_row(row)
        for row in session.execute(
            meeting_select()
            .where(MEETING.c.parent_id == meeting_id)
            .order_by(MEETING.c.start_date, MEETING.c.slug)
        )
    ]
    topics = [
        TopicRow(*row)
        for row in session.execute(
            select(
                TOPIC.c.slug, TOPIC.c.name, MEETING_TOPIC.c.fact_id, FACT.c.confidence, FACT.c.note
            )
            .join(TOPIC, MEETING_TOPIC.c.topic_id == TOPIC.c.id)
            .outerjoin(FACT, MEETING_TOPIC.c.fact_id == FACT.c.id)
            .where(MEETING_TOPIC.c.meeting_id == meeting_id)
            .order_by(TOPIC.c.slug)
        )
    ]
    series = [
        SeriesRow(*row)
        for row in session.execute(
            select(
                MEETING_SERIES.c.slug,
                MEETING_SERIES.c.name,
                MEETING_IN_SERIES.c.ordinal,
                BLOC.c.code,
                MEETING_IN_SERIES.c.fact_id,
                FACT.c.confidence,
                FACT.c.note,
            )
            .select_from(MEETING_IN_SERIES)
            .join(MEETING_SERIES, MEETING_IN_SERIES.c.series_id == MEETING_SERIES.c.id)
            .outerjoin(BLOC, MEETING_SERIES.c.bloc_id == BLOC.c.id)
            .outerjoin(FACT, MEETING_IN_SERIES.c.fact_id == FACT.c.id)
            .where(MEETING_IN_SERIES.c.meeting_id == meeting_id)
            .order_by(MEETING_SERIES.c.slug)
        )
    ]
    if meeting.fact_id is None:
        sources = [release_source(session, meeting.source, f"meeting {meeting.slug}")]
    else:
        sources = sources_for(session, fact_ids=[meeting.fact_id])[meeting.fact_id]
    pledges = pledges_where(session, PLEDGE.c.meeting_id == meeting_id)
    return MeetingDetail(meeting, participants, children, topics, sources, series, pledges)
