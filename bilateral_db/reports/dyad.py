"""Everything between two actors: blocs they share, partnerships, meetings, trade, agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    SQLColumnExpression,
    and_,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement

from bilateral_db.core.dates import PartialDate, period_end_exclusive
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
from bilateral_db.reports.pointintime import period_end_exclusive as sql_end_exclusive
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


@dataclass(frozen=True)
class _Years:
    """The years asked about, as days: [start, stop), either side open."""

    start: date | None
    stop: date | None

    @classmethod
    def of(cls, year_from: int | None, year_to: int | None) -> _Years:
        return cls(
            None if year_from is None else date(year_from, 1, 1),
            None if year_to is None else date(year_to + 1, 1, 1),
        )

    def shares_a_day(
        self,
        start: SQLColumnExpression[Any],
        end: SQLColumnExpression[Any],
        end_precision: SQLColumnExpression[Any],
    ) -> ColumnElement[bool]:
        """SQL: the interval [start, end] (open end: still going) shares a day with the years;
        an unknown start shares none, as it covers no day."""
        if self.start is None and self.stop is None:
            return true()
        conditions: list[ColumnElement[bool]] = [start.is_not(None)]
        if self.stop is not None:
            conditions.append(start < self.stop)
        if self.start is not None:
            conditions.append(
                or_(end.is_(None), sql_end_exclusive(end, end_precision) > self.start)
            )
        return and_(*conditions)

    def holds(self, start: PartialDate | None, end: PartialDate | None) -> bool:
        """`shares_a_day` for a row already read."""
        if self.start is None and self.stop is None:
            return True
        if start is None or (self.stop is not None and start.value >= self.stop):
            return False
        if end is None or self.start is None:
            return True
        return period_end_exclusive(end.value, end.precision) > self.start


@checked(ordered=("year_from", "year_to"), a="actor", b="actor")
def dyad_report(
    session: Session,
    *,
    a: str,
    b: str,
    year_from: int | None = None,
    year_to: int | None = None,
) -> DyadReport:
    """The relations of `a` and `b` (countries or blocs), in six queries whatever their size.

    `year_from` and `year_to` keep memberships, meetings and agreements (signed, or in force)
    that share a day with those years, and trade in those years; relation topics are undated.
    """
    a, b = a.upper(), b.upper()
    years = _Years.of(year_from, year_to)
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
            years.shares_a_day(mine.start_date, mine.end_date, mine.end_date_precision),
            years.shares_a_day(theirs.start_date, theirs.end_date, theirs.end_date_precision),
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

    partner_rows = [
        row
        for row in membership_pairs(session, a=a, b=b)
        if years.holds(row.start_date, row.end_date)
    ]

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

    between = and_(
        involves(actor_a),
        involves(actor_b),
        years.shares_a_day(
            Meeting.start_date,
            func.coalesce(Meeting.end_date, Meeting.start_date),
            func.coalesce(Meeting.end_date_precision, Meeting.start_date_precision),
        ),
    )
    in_force = or_(
        years.shares_a_day(Agreement.signed_on, Agreement.signed_on, Agreement.signed_on_precision),
        years.shares_a_day(
            Agreement.covers_from, Agreement.covers_until, Agreement.covers_until_precision
        ),
    )
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
            .where(party_a.actor_id == actor_a, party_b.actor_id == actor_b, in_force)
            .order_by(Agreement.signed_on, Agreement.slug)
        )
    ]

    meeting_ids = select(Meeting.id).where(between)
    party_a2, party_b2 = aliased(AgreementParty), aliased(AgreementParty)
    agreement_ids = (
        select(party_a2.agreement_id)
        .join(party_b2, party_b2.agreement_id == party_a2.agreement_id)
        .join(Agreement, Agreement.id == party_a2.agreement_id)
        .where(party_a2.actor_id == actor_a, party_b2.actor_id == actor_b, in_force)
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
        trade=trade_between(session, a=a, b=b, year_from=year_from, year_to=year_to),
    )
