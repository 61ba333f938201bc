"""Everything between two actors: blocs they share, partnerships, meetings, trade, agreements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import CompoundSelect, and_, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement

from bilateral_db.dates import PartialDate
from bilateral_db.models import (
    Actor,
    Agreement,
    AgreementParty,
    AgreementTopic,
    Bloc,
    Meeting,
    MeetingTopic,
    Membership,
    RelationTopic,
    Topic,
)
from bilateral_db.reports.agreements import AgreementRow, agreement_row, agreement_select
from bilateral_db.reports.lookup import checked, named_actors
from bilateral_db.reports.meetings import (
    MeetingRow,
    actor_took_part,
    meeting_row,
    meeting_select,
)
from bilateral_db.reports.members import MembershipRow, membership_pairs
from bilateral_db.reports.pointintime import overlaps, partial
from bilateral_db.reports.preferred import preferred
from bilateral_db.reports.trade import TradeRow, trade_between


@dataclass(frozen=True)
class SharedMembershipRow:
    """A bloc both actors belonged to at the same time, each in its role and interval."""

    bloc: str
    role_a: str
    start_a: PartialDate | None
    end_a: PartialDate | None
    role_b: str
    start_b: PartialDate | None
    end_b: PartialDate | None


@dataclass(frozen=True)
class DyadTopicRow:
    """A topic between the two, and where it comes from: a relation, a meeting or an agreement."""

    topic: str
    name: str
    via: str
    via_slug: str | None
    fact_id: int


@dataclass(frozen=True)
class DyadReport:
    a: str
    b: str
    shared_memberships: list[SharedMembershipRow]
    partner_memberships: list[MembershipRow]
    meetings: list[MeetingRow]
    agreements: list[AgreementRow]
    topics: list[DyadTopicRow]
    trade: list[TradeRow]


@checked(a="actor", b="actor")
def dyad_report(session: Session, *, a: str, b: str) -> DyadReport:
    """The relations of `a` and `b` (countries or blocs), in six queries whatever their size."""
    a, b = a.upper(), b.upper()
    named = named_actors()
    actor_a = select(named.c.actor_id).where(named.c.code == a).scalar_subquery()
    actor_b = select(named.c.actor_id).where(named.c.code == b).scalar_subquery()

    mine, theirs = aliased(Membership), aliased(Membership)
    shared = session.execute(
        select(
            Bloc.code,
            mine.role,
            mine.start_date,
            mine.start_date_precision,
            mine.end_date,
            mine.end_date_precision,
            theirs.role,
            theirs.start_date,
            theirs.start_date_precision,
            theirs.end_date,
            theirs.end_date_precision,
        )
        .join(theirs, theirs.bloc_id == mine.bloc_id)
        .join(Bloc, Bloc.id == mine.bloc_id)
        .where(
            mine.actor_id == actor_a,
            theirs.actor_id == actor_b,
            preferred(mine),
            preferred(theirs),
            overlaps(
                mine.start_date,
                mine.end_date,
                mine.end_date_precision,
                theirs.start_date,
                theirs.end_date,
                theirs.end_date_precision,
            ),
        )
        .order_by(Bloc.code, mine.start_date, theirs.start_date)
    ).all()
    shared_rows = [
        SharedMembershipRow(
            bloc=row[0],
            role_a=row[1],
            start_a=partial(row[2], row[3]),
            end_a=partial(row[4], row[5]),
            role_b=row[6],
            start_b=partial(row[7], row[8]),
            end_b=partial(row[9], row[10]),
        )
        for row in shared
    ]

    partner_rows = membership_pairs(session, a=a, b=b)

    def involves(actor_id: ColumnElement[Any]) -> ColumnElement[bool]:
        """The actor took part, hosted (a country) or organised (a bloc) the meeting."""
        own = aliased(Actor)
        hosted_or_organised = (
            select(own.id)
            .where(
                own.id == actor_id,
                or_(own.country_id == Meeting.host_country_id, own.bloc_id == Meeting.bloc_id),
            )
            .exists()
        )
        return or_(actor_took_part(actor_id), hosted_or_organised)

    between = and_(involves(actor_a), involves(actor_b))
    meetings = [
        meeting_row(row)
        for row in session.execute(
            meeting_select().where(between).order_by(Meeting.start_date, Meeting.slug)
        )
    ]

    party_a, party_b = aliased(AgreementParty), aliased(AgreementParty)
    agreements = [
        agreement_row(row)
        for row in session.execute(
            agreement_select()
            .join(party_a, party_a.agreement_id == Agreement.id)
            .join(party_b, party_b.agreement_id == Agreement.id)
            .where(party_a.actor_id == actor_a, party_b.actor_id == actor_b)
            .order_by(Agreement.signed_on, Agreement.slug)
        )
    ]

    meeting_ids = select(Meeting.id).where(between)
    party_a2, party_b2 = aliased(AgreementParty), aliased(AgreementParty)
    agreement_ids = (
        select(party_a2.agreement_id)
        .join(party_b2, party_b2.agreement_id == party_a2.agreement_id)
        .where(party_a2.actor_id == actor_a, party_b2.actor_id == actor_b)
    )
    relation = (
        select(Topic.slug, Topic.name, literal("relation"), literal(None), RelationTopic.fact_id)
        .join(Topic, RelationTopic.topic_id == Topic.id)
        .where(
            or_(
                and_(RelationTopic.actor_id == actor_a, RelationTopic.partner_actor_id == actor_b),
                and_(RelationTopic.actor_id == actor_b, RelationTopic.partner_actor_id == actor_a),
            )
        )
    )
    topic_meeting = aliased(Meeting)
    at_meetings = (
        select(Topic.slug, Topic.name, literal("meeting"), topic_meeting.slug, MeetingTopic.fact_id)
        .join(Topic, MeetingTopic.topic_id == Topic.id)
        .join(topic_meeting, topic_meeting.id == MeetingTopic.meeting_id)
        .where(MeetingTopic.meeting_id.in_(meeting_ids))
    )
    topic_agreement = aliased(Agreement)
    in_agreements = (
        select(
            Topic.slug,
            Topic.name,
            literal("agreement"),
            topic_agreement.slug,
            AgreementTopic.fact_id,
        )
        .join(Topic, AgreementTopic.topic_id == Topic.id)
        .join(topic_agreement, topic_agreement.id == AgreementTopic.agreement_id)
        .where(AgreementTopic.agreement_id.in_(agreement_ids))
    )
    topic_sources: CompoundSelect[str, str, str, str | None, int] = union_all(
        relation, at_meetings, in_agreements
    )
    topics = sorted(
        (DyadTopicRow(*row) for row in session.execute(topic_sources)),
        key=lambda row: (row.topic, row.via, row.via_slug or ""),
    )
    return DyadReport(
        a=a,
        b=b,
        shared_memberships=shared_rows,
        partner_memberships=partner_rows,
        meetings=meetings,
        agreements=agreements,
        topics=topics,
        trade=trade_between(session, a=a, b=b),
    )
