"""The sources behind rows: every report row carries its fact_id, and this resolves them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilateral_db.core.dates import PartialDate
from bilateral_db.models.releases import Release
from bilateral_db.models.sources import Citation, Source
from bilateral_db.reports.pointintime import partial

CITATION = Citation.__table__
SOURCE = Source.__table__
RELEASE = Release.__table__


@dataclass(frozen=True)
class SourceRow:
    """A source cited for a fact, with where in it the fact is stated."""

    fact_id: int | None  # None for an imported release, cited as a whole
    source: str
    title: str
    publisher: str | None
    url: str | None
    published: PartialDate | None
    locator: str | None


def sources_for(session: Session, *, fact_ids: Iterable[int]) -> dict[int, list[SourceRow]]:
    """Sources of each fact in `fact_ids` (one query however many facts), by source slug."""
    wanted = sorted({fact_id for fact_id in fact_ids if fact_id is not None})
    result: dict[int, list[SourceRow]] = {fact_id: [] for fact_id in wanted}
    if not wanted:
        return result
    statement = (
        select(
            CITATION.c.fact_id,
            SOURCE.c.slug,
            SOURCE.c.title,
            SOURCE.c.publisher,
            SOURCE.c.url,
            SOURCE.c.published_on,
            SOURCE.c.published_on_precision,
            CITATION.c.locator,
        )
        .join(SOURCE, CITATION.c.source_id == SOURCE.c.id)
        .where(CITATION.c.fact_id.in_(wanted))
        .order_by(CITATION.c.fact_id, SOURCE.c.slug)
    )
    for row in session.execute(statement):
        result[row[0]].append(
            SourceRow(
                fact_id=row[0],
                source=row[1],
                title=row[2],
                publisher=row[3],
                url=row[4],
                published=partial(row[5], row[6]),
                locator=row[7],
            )
        )
    return result


def release_source(session: Session, slug: str, locator: str) -> SourceRow:
    """An imported release as the source of one of its rows (`locator`: which row)."""
    row = session.execute(
        select(RELEASE.c.title, RELEASE.c.publisher, RELEASE.c.url, RELEASE.c.citation).where(
            RELEASE.c.slug == slug
        )
    ).one()
    return SourceRow(
        fact_id=None,
        source=slug,
        title=row.title,
        publisher=row.publisher,
        url=row.url,
        published=None,
        locator=locator,
    )
