"""Agreements: the list of them, and one with its parties, topics and dated progress claims
(conflicting ones together)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, select

from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.citations import sources_for
from bilateral_db.reports.lookup import UnknownCode, checked, existing, named_actors
from bilateral_db.reports.meetings import TopicRow
from bilateral_db.reports.paging import count_rows, page_of
from bilateral_db.reports.pledges import PledgeRow, pledges_where
from bilateral_db.reports.pointintime import partial
from bilateral_db.tables import (
    AGREEMENT,
    AGREEMENT_PARTY,
    AGREEMENT_TOPIC,
    CITY,
    FACT,
    MEETING,
    PERSON,
    PLEDGE,
    PROGRESS_STATEMENT,
    TOPIC,
)

PARTY = AGREEMENT_PARTY
PROGRESS = PROGRESS_STATEMENT
ADOPTED_AT = MEETING.alias("adopted_at")
SIGNED_IN = CITY.alias("signed_in")
CLAIMED = PLEDGE.alias("claimed")


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
    source: str = "curated"  # agreements are curated facts (their citations: --cite)
    confidence: str | None = None  # of the agreement's fact: stated, inferred, …
    note: str | None = None
    signed_in: str | None = None  # the city where it was signed (its slug)
    in_force_on: PartialDate | None = None  # the day it entered into force, where given


@dataclass(frozen=True)
class PartyRow:
    """A party: `party` is its ISO alpha-3 or bloc code; `as_group` where the source gives
    the bloc's members as a group ("the Member States of ASEAN"), not the bloc itself."""

    party: str
    name: str
    kind: str
    as_group: bool = False


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
    confidence: str | None = None  # of the claim's fact
    note: str | None = None
    pledge: str | None = None  # the pledge the claim is about (its slug), if one


@dataclass(frozen=True)
class AgreementReport:
    agreement: AgreementRow
    parties: list[PartyRow]
    topics: list[TopicRow]
    progress: list[ProgressRow]
    pledges: list[PledgeRow]  # made in the agreement or named by its claims, with their parts


def agreement_select() -> Select[Any]:
    """Agreement rows with the meeting that adopted them (see agreement_row)."""
    return select(
        AGREEMENT.c.slug,
        AGREEMENT.c.title,
        AGREEMENT.c.kind,
        AGREEMENT.c.signed_on,
        AGREEMENT.c.signed_on_precision,
        AGREEMENT.c.covers_from,
        AGREEMENT.c.covers_from_precision,
        AGREEMENT.c.covers_until,
        AGREEMENT.c.covers_until_precision,
        ADOPTED_AT.c.slug,
        AGREEMENT.c.fact_id,
        FACT.c.confidence,
        FACT.c.note,
        SIGNED_IN.c.slug,
        AGREEMENT.c.in_force_on,
        AGREEMENT.c.in_force_on_precision,
    ).select_from(
        AGREEMENT.outerjoin(ADOPTED_AT, AGREEMENT.c.adopted_at_meeting_id == ADOPTED_AT.c.id)
        .outerjoin(FACT, AGREEMENT.c.fact_id == FACT.c.id)
        .outerjoin(SIGNED_IN, AGREEMENT.c.signed_city_id == SIGNED_IN.c.id)
    )


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
        confidence=row[11],
        note=row[12],
        signed_in=row[13],
        in_force_on=partial(row[14], row[15]),
    )


def _agreements() -> Select[Any]:
    return agreement_select().order_by(
        AGREEMENT.c.signed_on.is_(None), AGREEMENT.c.signed_on, AGREEMENT.c.slug
    )


@checked()
def list_agreements(
    session: Connection, *, limit: int | None = None, offset: int = 0
) -> list[AgreementRow]:
    """Every agreement, oldest signature first (unknown dates last), then by slug (unique)."""
    return [agreement_row(row) for row in session.execute(page_of(_agreements(), limit, offset))]


@checked()
def list_agreements_total(session: Connection, *, limit: int | None = None, offset: int = 0) -> int:
    """How many rows list_agreements has (a page's limit and offset change nothing)."""
    return count_rows(session, _agreements())


@checked(slug=existing("agreement", AGREEMENT.c.slug))
def agreement_report(session: Connection, *, slug: str) -> AgreementReport:
    """The agreement `slug`, in six queries: itself, parties, topics, claims, their sources,
    pledges (and a seventh for the pledges' sources when there are any)."""
    head = session.execute(agreement_select().where(AGREEMENT.c.slug == slug)).first()
    if head is None:
        raise UnknownCode("agreement", slug, [])
    agreement_id = select(AGREEMENT.c.id).where(AGREEMENT.c.slug == slug).scalar_subquery()
    named = named_actors()
    parties = [
        PartyRow(*row)
        for row in session.execute(
            select(named.c.code, named.c.name, named.c.kind, PARTY.c.as_group)
            .join(PARTY, PARTY.c.actor_id == named.c.actor_id)
            .where(PARTY.c.agreement_id == agreement_id)
            .order_by(named.c.kind.desc(), named.c.code)
        )
    ]
    topics = [
        TopicRow(*row)
        for row in session.execute(
            select(
                TOPIC.c.slug,
                TOPIC.c.name,
                AGREEMENT_TOPIC.c.fact_id,
                FACT.c.confidence,
                FACT.c.note,
            )
            .join(TOPIC, AGREEMENT_TOPIC.c.topic_id == TOPIC.c.id)
            .outerjoin(FACT, AGREEMENT_TOPIC.c.fact_id == FACT.c.id)
            .where(AGREEMENT_TOPIC.c.agreement_id == agreement_id)
            .order_by(TOPIC.c.slug)
        )
    ]
    claims = session.execute(
        select(
            PROGRESS.c.slug,
            PROGRESS.c.stated_on,
            PROGRESS.c.stated_on_precision,
            PERSON.c.slug,
            PERSON.c.name,
            PROGRESS.c.share_basis_points,
            PROGRESS.c.achieved_count,
            PROGRESS.c.total_count,
            PROGRESS.c.unit,
            PROGRESS.c.qualifier,
            PROGRESS.c.statement,
            PROGRESS.c.fact_id,
            FACT.c.confidence,
            FACT.c.note,
            CLAIMED.c.slug,
        )
        .outerjoin(PERSON, PROGRESS.c.speaker_id == PERSON.c.id)
        .outerjoin(FACT, PROGRESS.c.fact_id == FACT.c.id)
        .outerjoin(CLAIMED, PROGRESS.c.pledge_id == CLAIMED.c.id)
        .where(PROGRESS.c.agreement_id == agreement_id)
        .order_by(PROGRESS.c.stated_on, PROGRESS.c.slug)
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
            confidence=row[12],
            note=row[13],
            pledge=row[14],
        )
        for row in claims
    ]
    claimed = select(PROGRESS.c.pledge_id).where(PROGRESS.c.agreement_id == agreement_id)
    pledges = pledges_where(
        session, (PLEDGE.c.agreement_id == agreement_id) | PLEDGE.c.id.in_(claimed)
    )
    return AgreementReport(agreement_row(head), parties, topics, progress, pledges)
