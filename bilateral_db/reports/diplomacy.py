"""Diplomatic relations and recognition of an actor, or between two (`report relations`).

Diplomatic relations are symmetric, so a pair is found whichever side its source named
first; recognition is directed (the first recognises the second) and is listed with the
recogniser first. On a day, the relations that hold then; a relation whose start no source
gives and that had not ended by the day is listed as `start not recorded`, since it may have
begun after the day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from bilateral_db.core.dates import PartialDate, covers, period_end_exclusive
from bilateral_db.reports.citations import sources_for
from bilateral_db.reports.lookup import checked, named_actors
from bilateral_db.reports.paging import page_rows
from bilateral_db.reports.pointintime import partial
from bilateral_db.tables import DIPLOMATIC_RELATION, FACT

__all__ = ["RelationRow", "relations_during", "relations_of", "relations_of_total"]

HOLDS = "holds"
START_NOT_RECORDED = "start not recorded"


@dataclass(frozen=True)
class RelationRow:
    """A dated relation: `kind` diplomatic_relations (either side first) or recognition
    (`actor` recognises `partner`); `holds` says whether it held on the day asked."""

    kind: str
    actor: str
    actor_name: str
    partner: str
    partner_name: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    end_status: str
    holds: str | None
    sources: tuple[str, ...]
    fact_id: int
    source: str = "curated"  # relations are curated facts (their citations: `sources`)
    confidence: str | None = None
    note: str | None = None


def _read(session: Connection, a: str, b: str | None) -> list[RelationRow]:
    named = named_actors()
    first, second = named.alias("first"), named.alias("second")
    sides = [first.c.code == a, second.c.code == a]
    if b is not None:
        sides = [and_(first.c.code == a, second.c.code == b)]
        sides.append(and_(first.c.code == b, second.c.code == a))
    rows = session.execute(
        select(
            DIPLOMATIC_RELATION.c.kind,
            first.c.code,
            first.c.name,
            second.c.code,
            second.c.name,
            DIPLOMATIC_RELATION.c.start_date,
            DIPLOMATIC_RELATION.c.start_date_precision,
            DIPLOMATIC_RELATION.c.end_date,
            DIPLOMATIC_RELATION.c.end_date_precision,
            DIPLOMATIC_RELATION.c.end_status,
            DIPLOMATIC_RELATION.c.fact_id,
            FACT.c.confidence,
            FACT.c.note,
        )
        .join(first, first.c.actor_id == DIPLOMATIC_RELATION.c.actor_id)
        .join(second, second.c.actor_id == DIPLOMATIC_RELATION.c.partner_actor_id)
        .join(FACT, FACT.c.id == DIPLOMATIC_RELATION.c.fact_id)
        .where(or_(*sides))
    ).all()
    cited = sources_for(session, fact_ids=[row[10] for row in rows])
    return [_row(row, a, tuple(s.source for s in cited.get(row[10], []))) for row in rows]


def _row(row: Any, a: str, sources: tuple[str, ...]) -> RelationRow:
    kind, actor, actor_name, partner, partner_name = row[:5]
    if kind == "diplomatic_relations" and partner == a:  # symmetric: the one asked about first
        actor, actor_name, partner, partner_name = partner, partner_name, actor, actor_name
    return RelationRow(
        kind=kind,
        actor=actor,
        actor_name=actor_name,
        partner=partner,
        partner_name=partner_name,
        start_date=partial(row[5], row[6]),
        end_date=partial(row[7], row[8]),
        end_status=row[9],
        holds=None,
        sources=sources,
        fact_id=row[10],
        confidence=row[11],
        note=row[12],
    )


def _on(row: RelationRow, day: date) -> str | None:
    """Whether the relation held on `day`: it did, it may have (no start given), or not."""
    start = row.start_date.value if row.start_date else None
    end = row.end_date.value if row.end_date else None
    precision = row.end_date.precision if row.end_date else None
    if start is not None:
        return HOLDS if covers(start, end, precision, day) else None
    if end is None or day < period_end_exclusive(end, precision or "day"):
        return START_NOT_RECORDED
    return None


def _relations(session: Connection, a: str, b: str | None, on: date | None) -> list[RelationRow]:
    rows = _read(session, a, b)
    if on is not None:
        rows = [replace(row, holds=holds) for row in rows if (holds := _on(row, on)) is not None]
    return sorted(
        rows,
        key=lambda row: (
            row.partner if row.actor == a else row.actor,
            row.kind,
            row.actor != a,
            row.start_date is not None,
            row.start_date.value if row.start_date else date.min,
        ),
    )


def relations_during(
    session: Connection, a: str, b: str, first: date | None, stop: date | None
) -> list[RelationRow]:
    """The relations between `a` and `b` that share a day with [first, stop) (either side
    open; an unknown start counts as early): for reports that check their own codes."""
    return [
        row
        for row in _relations(session, a, b, None)
        if (stop is None or row.start_date is None or row.start_date.value < stop)
        and (first is None or row.end_date is None or row.end_date.last_day >= first)
    ]


_relations_checked = checked(a="actor", partner="actor", on="day")


@_relations_checked
def relations_of(
    session: Connection,
    *,
    a: str,
    partner: str | None = None,
    on: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[RelationRow]:
    """`a`'s diplomatic relations and recognitions (with `partner` only, if given), on day
    `on` or over all time; by the other side, then kind, oldest first."""
    return page_rows(_relations(session, a, partner, on), limit, offset)


@_relations_checked
def relations_of_total(
    session: Connection,
    *,
    a: str,
    partner: str | None = None,
    on: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows relations_of has (a page's limit and offset change nothing)."""
    return len(_relations(session, a, partner, on))
