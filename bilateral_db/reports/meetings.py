"""Meetings: find them by who, where, what and when; or read one in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from bilateral_db.core.dates import PartialDate
from bilateral_db.models import (
    Actor,
    Bloc,
    City,
    Country,
    Fact,
    Meeting,
    MeetingTopic,
    Participant,
    Person,
    Post,
    Term,
    Topic,
)
from bilateral_db.reports.citations import SourceRow, sources_for
from bilateral_db.reports.lookup import UnknownCode, checked
from bilateral_db.reports.pointintime import covers, partial, period_end_exclusive


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
    fact_id: int
    confidence: str | None = None  # of the fact: stated, inferred, disputed
    note: str | None = None


@dataclass(frozen=True)
class ParticipantRow:
    """A person and/or the country or bloc they stood for; `actor` is its ISO or bloc code."""

    person: str | None
    name: str | None
    actor: str | None
    actor_name: str | None
    role: str
    status: str
    fact_id: int
    confidence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class TopicRow:
    topic: str
    name: str
    fact_id: int
    confidence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class MeetingDetail:
    """One meeting with its participants, child meetings, topics and the sources it cites."""

    meeting: MeetingRow
    participants: list[ParticipantRow]
    children: list[MeetingRow]
    topics: list[TopicRow]
    sources: list[SourceRow]


_Parent = aliased(Meeting)
_Host = aliased(Country)
_ActorCountry = aliased(Country)
_ActorBloc = aliased(Bloc)


def meeting_select() -> Select[*tuple[Any, ...]]:
    """Meeting rows with their city, host, bloc and parent resolved to names and codes."""
    return (
        select(
            Meeting.slug,
            Meeting.name,
            Meeting.kind,
            Meeting.ordinal,
            Meeting.start_date,
            Meeting.start_date_precision,
            Meeting.end_date,
            Meeting.end_date_precision,
            City.name,
            _Host.code,
            Bloc.code,
            _Parent.slug,
            Meeting.fact_id,
            Fact.confidence,
            Fact.note,
        )
        .outerjoin(Fact, Meeting.fact_id == Fact.id)
        .outerjoin(City, Meeting.city_id == City.id)
        .outerjoin(_Host, Meeting.host_country_id == _Host.id)
        .outerjoin(Bloc, Meeting.bloc_id == Bloc.id)
        .outerjoin(_Parent, Meeting.parent_id == _Parent.id)
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
    )


def actor_took_part(actor_id: Any, meeting_id: Any = None) -> Any:
    """SQL: the actor took part in the meeting, by name or through an official of its own.

    An official counts for the country whose post they held on the meeting's first day.
    """
    meeting_id = Meeting.id if meeting_id is None else meeting_id
    as_actor = exists().where(
        Participant.meeting_id == meeting_id, Participant.actor_id == actor_id
    )
    through_official = exists().where(
        Participant.meeting_id == meeting_id,
        Participant.actor_id.is_(None),
        Term.person_id == Participant.person_id,
        Post.id == Term.post_id,
        Actor.country_id == Post.country_id,
        Actor.id == actor_id,
        covers(Term.start_date, Term.end_date, Term.end_date_precision, Meeting.start_date),
    )
    return or_(as_actor, through_official)


def actor_id_of(code: str, *, kind: str) -> Any:
    """SQL: the actor id of the country or bloc `code`, as an uncorrelated scalar subquery."""
    actor = aliased(Actor)
    if kind == "country":
        named_country = aliased(Country)
        statement = select(actor.id).join(named_country, actor.country_id == named_country.id)
        return statement.where(named_country.code == code.upper()).scalar_subquery()
    named_bloc = aliased(Bloc)
    statement = select(actor.id).join(named_bloc, actor.bloc_id == named_bloc.id)
    return statement.where(named_bloc.code == code.upper()).scalar_subquery()


def _involves(model: Any, own_column: Any, code: str, kind: str) -> ColumnElement[bool]:
    """The meeting is hosted or organised by `code` (through `own_column`), or it took part."""
    named = aliased(model)
    own = select(named.id).where(named.code == code.upper()).scalar_subquery()
    return or_(own_column == own, actor_took_part(actor_id_of(code, kind=kind)))


@checked(
    ordered=("date_from", "date_to"),
    person="person",
    country="country",
    bloc="bloc",
    topic="topic",
    date_from="day",
    date_to="day",
)
def find_meetings(
    session: Session,
    *,
    person: str | None = None,
    country: str | None = None,
    bloc: str | None = None,
    topic: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[MeetingRow]:
    """Meetings matching every filter given, oldest first.

    `country` and `bloc` match a meeting hosted or organised by it, or attended by it or one of
    its officials; the date range keeps meetings that share a day with [date_from, date_to].
    """
    statement = meeting_select()
    if person is not None:
        statement = statement.where(
            exists().where(
                Participant.meeting_id == Meeting.id,
                Participant.person_id == Person.id,
                Person.slug == person,
            )
        )
    if country is not None:
        statement = statement.where(_involves(Country, Meeting.host_country_id, country, "country"))
    if bloc is not None:
        statement = statement.where(_involves(Bloc, Meeting.bloc_id, bloc, "bloc"))
    if topic is not None:
        statement = statement.where(
            exists().where(
                MeetingTopic.meeting_id == Meeting.id,
                MeetingTopic.topic_id == Topic.id,
                Topic.slug == topic,
            )
        )
    last_day = period_end_exclusive(
        func.coalesce(Meeting.end_date, Meeting.start_date),
        func.coalesce(Meeting.end_date_precision, Meeting.start_date_precision),
    )
    if date_from is not None:
        statement = statement.where(Meeting.start_date.is_not(None), last_day > date_from)
    if date_to is not None:
        statement = statement.where(Meeting.start_date <= date_to)
    statement = statement.order_by(Meeting.start_date.is_(None), Meeting.start_date, Meeting.slug)
    return [meeting_row(row) for row in session.execute(statement)]


def participants_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Person.slug,
            Person.name,
            func.coalesce(_ActorCountry.code, _ActorBloc.code),
            func.coalesce(_ActorCountry.common_name, _ActorCountry.name, _ActorBloc.name),
            Participant.role,
            Participant.status,
            Participant.fact_id,
            Fact.confidence,
            Fact.note,
        )
        .outerjoin(Fact, Participant.fact_id == Fact.id)
        .outerjoin(Person, Participant.person_id == Person.id)
        .outerjoin(Actor, Participant.actor_id == Actor.id)
        .outerjoin(_ActorCountry, Actor.country_id == _ActorCountry.id)
        .outerjoin(_ActorBloc, Actor.bloc_id == _ActorBloc.id)
    )


@checked(slug="meeting")
def meeting_detail(session: Session, *, slug: str) -> MeetingDetail:
    """The meeting `slug` in full, in five queries whatever its size (never one per row)."""
    head = session.execute(meeting_select().where(Meeting.slug == slug)).first()
    if head is None:
        raise UnknownCode("meeting", slug, [])
    meeting = meeting_row(head)
    meeting_id = select(Meeting.id).where(Meeting.slug == slug).scalar_subquery()
    participants = [
        ParticipantRow(*row)
        for row in session.execute(
            participants_select()
            .where(Participant.meeting_id == meeting_id)
            .order_by(Participant.role, Person.slug, Participant.status, Participant.id)
        )
    ]
    children = [
        meeting_row(row)
        for row in session.execute(
            meeting_select()
            .where(Meeting.parent_id == meeting_id)
            .order_by(Meeting.start_date, Meeting.slug)
        )
    ]
    topics = [
        TopicRow(*row)
        for row in session.execute(
            select(Topic.slug, Topic.name, MeetingTopic.fact_id, Fact.confidence, Fact.note)
            .join(Topic, MeetingTopic.topic_id == Topic.id)
            .outerjoin(Fact, MeetingTopic.fact_id == Fact.id)
            .where(MeetingTopic.meeting_id == meeting_id)
            .order_by(Topic.slug)
        )
    ]
    sources = sources_for(session, fact_ids=[meeting.fact_id])[meeting.fact_id]
    return MeetingDetail(meeting, participants, children, topics, sources)
