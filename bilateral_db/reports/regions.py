"""A region and the countries its source counts in it (`report region`): a composition as a
source states it, on a day or over all time, never a membership."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from bilateral_db.core.dates import PartialDate, covers
from bilateral_db.reports.citations import sources_for
from bilateral_db.reports.lookup import checked, existing
from bilateral_db.reports.paging import page_rows
from bilateral_db.reports.pointintime import partial
from bilateral_db.tables import COUNTRY, FACT, REGION, REGION_PART

__all__ = ["RegionPartRow", "region_parts", "region_parts_total"]


@dataclass(frozen=True)
class RegionPartRow:
    """A country `region` counts, from `start_date` to `end_date` (open where not given)."""

    region: str
    region_name: str
    country: str
    name: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    sources: tuple[str, ...]
    fact_id: int
    source: str = "curated"  # compositions are curated facts (their citations: `sources`)
    confidence: str | None = None
    note: str | None = None


def _parts(session: Connection, region: str, on: date | None) -> list[RegionPartRow]:
    rows = session.execute(
        select(
            REGION.c.code,
            REGION.c.name,
            COUNTRY.c.code,
            func.coalesce(COUNTRY.c.common_name, COUNTRY.c.name),
            REGION_PART.c.start_date,
            REGION_PART.c.start_date_precision,
            REGION_PART.c.end_date,
            REGION_PART.c.end_date_precision,
            REGION_PART.c.fact_id,
            FACT.c.confidence,
            FACT.c.note,
        )
        .join(REGION, REGION.c.id == REGION_PART.c.region_id)
        .join(COUNTRY, COUNTRY.c.id == REGION_PART.c.country_id)
        .join(FACT, FACT.c.id == REGION_PART.c.fact_id)
        .where(REGION.c.code == region)
        .order_by(COUNTRY.c.code, REGION_PART.c.start_date)
    ).all()
    if on is not None:  # an undated start: counted as far back as the source goes
        rows = [row for row in rows if covers(row[4] or date.min, row[6], row[7], on)]
    cited = sources_for(session, fact_ids=[row[8] for row in rows])
    return [
        RegionPartRow(
            region=row[0],
            region_name=row[1],
            country=row[2],
            name=row[3],
            start_date=partial(row[4], row[5]),
            end_date=partial(row[6], row[7]),
            sources=tuple(s.source for s in cited.get(row[8], [])),
            fact_id=row[8],
            confidence=row[9],
            note=row[10],
        )
        for row in rows
    ]


_region_checked = checked(region=existing("region", REGION.c.code), on="day")


@_region_checked
def region_parts(
    session: Connection,
    *,
    region: str,
    on: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[RegionPartRow]:
    """The countries `region` is made of, as its source states it (on day `on`, if given)."""
    return page_rows(_parts(session, region, on), limit, offset)


@_region_checked
def region_parts_total(
    session: Connection,
    *,
    region: str,
    on: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows region_parts has (a page's limit and offset change nothing)."""
    return len(_parts(session, region, on))
