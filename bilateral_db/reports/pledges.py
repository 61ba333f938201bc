"""Pledges: the commitments made at a meeting or in an agreement, with the pledges they are
made of (`report meeting`, `report agreement`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, select

from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.citations import sources_for
from bilateral_db.reports.lookup import named_actors
from bilateral_db.reports.pointintime import partial
from bilateral_db.tables import AGREEMENT, CURRENCY, FACT, MEETING, PLEDGE

PART_OF = PLEDGE.alias("part_of")


@dataclass(frozen=True)
class PledgeRow:
    """A pledge as its source gives it: `amount` (the low end of a range up to `amount_high`)
    in `currency`, qualified by `qualifier` (approximately, at_least, …), over `covers_from`
    to `covers_until`; `part_of` names the pledge it is a part of."""

    pledge: str
    pledger: str
    pledger_name: str
    made_on: PartialDate | None
    amount: Decimal | None
    amount_high: Decimal | None
    currency: str | None
    qualifier: str
    covers_from: PartialDate | None
    covers_until: PartialDate | None
    meeting: str | None
    agreement: str | None
    part_of: str | None
    statement: str | None
    sources: tuple[str, ...]
    fact_id: int
    source: str = "curated"  # pledges are curated facts (their citations: `sources`)
    confidence: str | None = None
    note: str | None = None


def pledges_where(session: Connection, condition: ColumnElement[bool]) -> list[PledgeRow]:
    """The pledges meeting `condition`, and their parts at any depth, in two queries: the
    pledges (made first, then by slug; parts after their whole), then their sources."""
    base = select(PLEDGE.c.id).where(condition)
    chosen = base.cte("chosen_pledge", recursive=True)
    chosen = chosen.union(select(PLEDGE.c.id).join(chosen, PLEDGE.c.part_of_id == chosen.c.id))
    named = named_actors()
    rows = session.execute(
        select(
            PLEDGE.c.slug,
            named.c.code,
            named.c.name,
            PLEDGE.c.made_on,
            PLEDGE.c.made_on_precision,
            PLEDGE.c.amount_minor,
            PLEDGE.c.amount_high_minor,
            PLEDGE.c.currency_code,
            CURRENCY.c.minor_unit,
            PLEDGE.c.qualifier,
            PLEDGE.c.covers_from,
            PLEDGE.c.covers_from_precision,
            PLEDGE.c.covers_until,
            PLEDGE.c.covers_until_precision,
            MEETING.c.slug,
            AGREEMENT.c.slug,
            PART_OF.c.slug,
            PLEDGE.c.statement,
            PLEDGE.c.fact_id,
            FACT.c.confidence,
            FACT.c.note,
        )
        .select_from(PLEDGE)
        .join(chosen, chosen.c.id == PLEDGE.c.id)
        .join(named, named.c.actor_id == PLEDGE.c.pledger_actor_id)
        .outerjoin(CURRENCY, CURRENCY.c.code == PLEDGE.c.currency_code)
        .outerjoin(MEETING, MEETING.c.id == PLEDGE.c.meeting_id)
        .outerjoin(AGREEMENT, AGREEMENT.c.id == PLEDGE.c.agreement_id)
        .outerjoin(PART_OF, PART_OF.c.id == PLEDGE.c.part_of_id)
        .outerjoin(FACT, FACT.c.id == PLEDGE.c.fact_id)
        .order_by(PLEDGE.c.part_of_id.is_not(None), PLEDGE.c.made_on, PLEDGE.c.slug)
    ).all()
    cited = sources_for(session, fact_ids=[row[18] for row in rows])
    return [_pledge_row(row, tuple(s.source for s in cited.get(row[18], []))) for row in rows]


def _money(minor: int | None, minor_unit: int | None) -> Decimal | None:
    return None if minor is None else Decimal(minor).scaleb(-(minor_unit or 0))


def _pledge_row(row: Any, sources: tuple[str, ...]) -> PledgeRow:
    return PledgeRow(
        pledge=row[0],
        pledger=row[1],
        pledger_name=row[2],
        made_on=partial(row[3], row[4]),
        amount=_money(row[5], row[8]),
        amount_high=_money(row[6], row[8]),
        currency=row[7],
        qualifier=row[9],
        covers_from=partial(row[10], row[11]),
        covers_until=partial(row[12], row[13]),
        meeting=row[14],
        agreement=row[15],
        part_of=row[16],
        statement=row[17],
        sources=sources,
        fact_id=row[18],
        confidence=row[19],
        note=row[20],
    )
