"""Agreements with their parties, topics and dated progress claims, conflicting ones together."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from bilateral_db.core.dates import PartialDate
from bilateral_db.models import (
    Agreement,
    AgreementParty,
    AgreementTopic,
    Fact,
    Meeting,
    Person,
    ProgressStatement,
    Topic,
)
from bilateral_db.reports.citations import sources_for
from bilateral_db.reports.lookup import UnknownCode, checked, named_actors
from bilateral_db.reports.meetings import TopicRow
from bilateral_db.reports.pointintime import partial


@dataclass(frozen=True)
class AgreementRow:
    slug: str
    title: str
    kind: str
    signed_on: PartialDate | None
    covers_from: PartialDate | None
    covers_until: PartialDate | None
    adopted_at: str | None
    fact_id: int


@dataclass(frozen=True)
class PartyRow:
    """A party: `party` is its ISO alpha-3 or bloc code."""

    party: str
    name: str
    kind: str


@dataclass(frozen=True)
class ProgressRow:
    """One claim of progress, in its own terms (a share, or a count of a unit), with sources."""

    slug: str
    stated_on: PartialDate
    speaker: str | None
    speaker_name: str | None
    share_pct: Decimal | None
    achieved: int | None
    total: int | None
    unit: str | None
    qualifier: str
    statement: str | None
    sources: tuple[str, ...]
    fact_id: int


@dataclass(frozen=True)
class AgreementReport:
    agreement: AgreementRow
    parties: list[PartyRow]
    topics: list[TopicRow]
    progress: list[ProgressRow]


def agreement_select() -> Select[*tuple[Any, ...]]:
    adopted = aliased(Meeting)
    return select(
        Agreement.slug,
        Agreement.title,
        Agreement.kind,
        Agreement.signed_on,
        Agreement.signed_on_precision,
        Agreement.covers_from,
        Agreement.covers_from_precision,
        Agreement.covers_until,
        Agreement.covers_until_precision,
        adopted.slug,
        Agreement.fact_id,
    ).outerjoin(adopted, Agreement.adopted_at_meeting_id == adopted.id)


def agreement_row(row: Any) -> AgreementRow:
    return AgreementRow(
        slug=row[0],
        title=row[1],
        kind=row[2],
        signed_on=partial(row[3], row[4]),
        covers_from=partial(row[5], row[6]),
        covers_until=partial(row[7], row[8]),
        adopted_at=row[9],
        fact_id=row[10],
    )


@checked(slug="agreement")
def agreement_report(session: Session, *, slug: str) -> AgreementReport:
    """The agreement `slug`, in five queries: itself, parties, topics, claims, their sources."""
    head = session.execute(agreement_select().where(Agreement.slug == slug)).first()
    if head is None:
        raise UnknownCode("agreement", slug, [])
    agreement_id = select(Agreement.id).where(Agreement.slug == slug).scalar_subquery()
    named = named_actors()
    parties = [
        PartyRow(*row)
        for row in session.execute(
            select(named.c.code, named.c.name, named.c.kind)
            .join(AgreementParty, AgreementParty.actor_id == named.c.actor_id)
            .where(AgreementParty.agreement_id == agreement_id)
            .order_by(named.c.kind.desc(), named.c.code)
        )
    ]
    topics = [
        TopicRow(*row)
        for row in session.execute(
            select(Topic.slug, Topic.name, AgreementTopic.fact_id, Fact.confidence, Fact.note)
            .join(Topic, AgreementTopic.topic_id == Topic.id)
            .outerjoin(Fact, AgreementTopic.fact_id == Fact.id)
            .where(AgreementTopic.agreement_id == agreement_id)
            .order_by(Topic.slug)
        )
    ]
    claims = session.execute(
        select(
            ProgressStatement.slug,
            ProgressStatement.stated_on,
            ProgressStatement.stated_on_precision,
            Person.slug,
            Person.name,
            ProgressStatement.share_basis_points,
            ProgressStatement.achieved_count,
            ProgressStatement.total_count,
            ProgressStatement.unit,
            ProgressStatement.qualifier,
            ProgressStatement.statement,
            ProgressStatement.fact_id,
        )
        .outerjoin(Person, ProgressStatement.speaker_id == Person.id)
        .where(ProgressStatement.agreement_id == agreement_id)
        .order_by(ProgressStatement.stated_on, ProgressStatement.slug)
    ).all()
    cited = sources_for(session, fact_ids=[row[11] for row in claims])
    progress = [
        ProgressRow(
            slug=row[0],
            stated_on=partial(row[1], row[2]),
            speaker=row[3],
            speaker_name=row[4],
            share_pct=None if row[5] is None else Decimal(row[5]).scaleb(-2),
            achieved=row[6],
            total=row[7],
            unit=row[8],
            qualifier=row[9],
            statement=row[10],
            sources=tuple(source.source for source in cited.get(row[11], [])),
            fact_id=row[11],
        )
        for row in claims
    ]
    return AgreementReport(agreement_row(head), parties, topics, progress)
