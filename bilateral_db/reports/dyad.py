"""Everything between two actors: blocs they share, partnerships, envoys, meetings, trade,
agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Connection,
    Integer,
    SQLColumnExpression,
    and_,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.sql import ColumnElement

from bilateral_db.core.dates import PartialDate, period_end_exclusive
from bilateral_db.reports.agreements import (
    AGREEMENT,
    PARTY,
    AgreementRow,
    agreement_row,
    agreement_select,
)
from bilateral_db.reports.claims.description import RELEASE
from bilateral_db.reports.claims.kinds.memberships import BLOC, MEMBERSHIP, MembershipRow
from bilateral_db.reports.claims.kinds.terms import TermRow
from bilateral_db.reports.diplomacy import RelationRow, relations_during
from bilateral_db.reports.envoys import envoys_during
from bilateral_db.reports.lookup import checked, named_actors
from bilateral_db.reports.meetings import (
    MEETING,
    MeetingRow,
    meeting_row,
    meeting_select,
    meetings_involving,
)
from bilateral_db.reports.members import membership_pairs
from bilateral_db.reports.pointintime import overlaps, partial
from bilateral_db.reports.pointintime import period_end_exclusive as sql_end_exclusive
from bilateral_db.reports.trade import TradeRow, trade_between
from bilateral_db.tables import AGREEMENT_TOPIC, MEETING_TOPIC, RELATION_TOPIC, TOPIC

# The aliases the report's queries read, made once: an alias copies every column.
MINE, THEIRS = MEMBERSHIP.table.alias("mine"), MEMBERSHIP.table.alias("theirs")
MY_RELEASE, THEIR_RELEASE = RELEASE.alias("my_release"), RELEASE.alias("their_release")
PARTY_A, PARTY_B = PARTY.alias("party_a"), PARTY.alias("party_b")
TOPIC_MEETING = MEETING.alias("topic_meeting")
TOPIC_AGREEMENT = AGREEMENT.alias("topic_agreement")


@dataclass(frozen=True)
class SharedMembershipRow:
    """A bloc both actors belonged to at the same time, each in its role and interval; an end
    status says whether an end is one or where the source stopped looking (`censored`).
    `source` names the releases of the two claims (joined by "+" when they differ)."""

    bloc: str
    role_a: str
    start_a: PartialDate | None
    end_a: PartialDate | None
    end_status_a: str
    role_b: str
    start_b: PartialDate | None
    end_b: PartialDate | None
    end_status_b: str
    source: str


@dataclass(frozen=True)
class DyadTopicRow:
    """A topic between the two, and where it comes from: a relation, a meeting or an agreement."""

    topic: str
    name: str
    via: str
    via_slug: str | None
    fact_id: int
    source: str = "curated"  # topics are curated facts (their citations: --cite)


@dataclass(frozen=True)
class DyadReport:
    a: str
    b: str
    shared_memberships: list[SharedMembershipRow]
    partner_memberships: list[MembershipRow]
    envoys: list[TermRow]
    relations: list[RelationRow]
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
    session: Connection,
    *,
    a: str,
    b: str,
    year_from: int | None = None,
    year_to: int | None = None,
) -> DyadReport:
    """The relations of `a` and `b` (countries or blocs), in a fixed number of queries whatever
    their size.

    `year_from` and `year_to` keep memberships, envoys' terms, meetings and agreements (signed,
    or in force) that share a day with those years, and trade in those years (and list an
    envoy's post its source covers then with nobody in it as vacant); relation topics are
    undated.
    """
    years = _Years.of(year_from, year_to)
    # The two actors' ids, read once: each query below then finds their rows through indexes.
    named = named_actors()
    ids = dict(
        session.execute(
            select(named.c.code, named.c.actor_id).where(named.c.code.in_((a, b)))
        ).all()
    )
    actor_a, actor_b = (literal(ids.get(code), Integer) for code in (a, b))

    m, t = MINE.c, THEIRS.c
    shared = session.execute(
        select(
            BLOC.c.code,
            m.role,
            m.start_date,
            m.start_date_precision,
            m.end_date,
            m.end_date_precision,
            m.end_status,
            t.role,
            t.start_date,
            t.start_date_precision,
            t.end_date,
            t.end_date_precision,
            t.end_status,
            MY_RELEASE.c.slug,
            THEIR_RELEASE.c.slug,
        )
        .select_from(MINE)
        .join(THEIRS, t.bloc_id == m.bloc_id)
        .join(BLOC, BLOC.c.id == m.bloc_id)
        .join(MY_RELEASE, MY_RELEASE.c.id == m.release_id)
        .join(THEIR_RELEASE, THEIR_RELEASE.c.id == t.release_id)
        .where(
            m.actor_id == actor_a,
            t.actor_id == actor_b,
            MEMBERSHIP.preferred(MINE),
            MEMBERSHIP.preferred(THEIRS),
            years.shares_a_day(m.start_date, m.end_date, m.end_date_precision),
            years.shares_a_day(t.start_date, t.end_date, t.end_date_precision),
            overlaps(
                m.start_date,
                m.end_date,
                m.end_date_precision,
                t.start_date,
                t.end_date,
                t.end_date_precision,
            ),
        )
        .order_by(BLOC.c.code, m.start_date, t.start_date)
    ).all()
    shared_rows = [
        SharedMembershipRow(
            bloc=row[0],
            role_a=row[1],
            start_a=partial(row[2], row[3]),
            end_a=partial(row[4], row[5]),
            end_status_a=row[6],
            role_b=row[7],
            start_b=partial(row[8], row[9]),
            end_b=partial(row[10], row[11]),
            end_status_b=row[12],
            source="+".join(dict.fromkeys((row[13], row[14]))),
        )
        for row in shared
    ]

    partner_rows = [
        row
        for row in membership_pairs(session, a=a, b=b)
        if years.holds(row.start_date, row.end_date)
    ]

    between = and_(
        MEETING.c.id.in_(meetings_involving(actor_a)),
        MEETING.c.id.in_(meetings_involving(actor_b)),
        years.shares_a_day(
            MEETING.c.start_date,
            func.coalesce(MEETING.c.end_date, MEETING.c.start_date),
            func.coalesce(MEETING.c.end_date_precision, MEETING.c.start_date_precision),
        ),
    )
    in_force = or_(
        years.shares_a_day(
            AGREEMENT.c.signed_on, AGREEMENT.c.signed_on, AGREEMENT.c.signed_on_precision
        ),
        years.shares_a_day(
            AGREEMENT.c.covers_from, AGREEMENT.c.covers_until, AGREEMENT.c.covers_until_precision
        ),
    )
    meetings = [
        meeting_row(row)
        for row in session.execute(
            meeting_select().where(between).order_by(MEETING.c.start_date, MEETING.c.slug)
        )
    ]

    agreements = [
        agreement_row(row)
        for row in session.execute(
            agreement_select()
            .join(PARTY_A, PARTY_A.c.agreement_id == AGREEMENT.c.id)
            .join(PARTY_B, PARTY_B.c.agreement_id == AGREEMENT.c.id)
            .where(PARTY_A.c.actor_id == actor_a, PARTY_B.c.actor_id == actor_b, in_force)
            .order_by(AGREEMENT.c.signed_on, AGREEMENT.c.slug)
        )
    ]

    agreement_ids = (
        select(PARTY_A.c.agreement_id)
        .join(PARTY_B, PARTY_B.c.agreement_id == PARTY_A.c.agreement_id)
        .join(AGREEMENT, AGREEMENT.c.id == PARTY_A.c.agreement_id)
        .where(PARTY_A.c.actor_id == actor_a, PARTY_B.c.actor_id == actor_b, in_force)
    )
    relation = (
        select(
            TOPIC.c.slug,
            TOPIC.c.name,
            literal("relation"),
            literal(None),
            RELATION_TOPIC.c.fact_id,
        )
        .join(TOPIC, RELATION_TOPIC.c.topic_id == TOPIC.c.id)
        .where(
            or_(
                and_(
                    RELATION_TOPIC.c.actor_id == actor_a,
                    RELATION_TOPIC.c.partner_actor_id == actor_b,
                ),
                and_(
                    RELATION_TOPIC.c.actor_id == actor_b,
                    RELATION_TOPIC.c.partner_actor_id == actor_a,
                ),
            )
        )
    )
    at_meetings = (
        select(
            TOPIC.c.slug,
            TOPIC.c.name,
            literal("meeting"),
            TOPIC_MEETING.c.slug,
            MEETING_TOPIC.c.fact_id,
        )
        .join(TOPIC, MEETING_TOPIC.c.topic_id == TOPIC.c.id)
        .join(TOPIC_MEETING, TOPIC_MEETING.c.id == MEETING_TOPIC.c.meeting_id)
        .where(TOPIC_MEETING.c.slug.in_([row.slug for row in meetings]))  # read above
    )
    in_agreements = (
        select(
            TOPIC.c.slug,
            TOPIC.c.name,
            literal("agreement"),
            TOPIC_AGREEMENT.c.slug,
            AGREEMENT_TOPIC.c.fact_id,
        )
        .join(TOPIC, AGREEMENT_TOPIC.c.topic_id == TOPIC.c.id)
        .join(TOPIC_AGREEMENT, TOPIC_AGREEMENT.c.id == AGREEMENT_TOPIC.c.agreement_id)
        .where(AGREEMENT_TOPIC.c.agreement_id.in_(agreement_ids))
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
        envoys=envoys_during(session, a, b, years.start, years.stop),
        relations=relations_during(session, a, b, years.start, years.stop),
        meetings=meetings,
        agreements=agreements,
        topics=topics,
        trade=trade_between(session, a=a, b=b, year_from=year_from, year_to=year_to),
    )
