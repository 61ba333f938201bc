"""The sources behind rows: every report row carries its fact_id, and this resolves them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.pointintime import partial
from bilateral_db.tables import CITATION, RELEASE, SOURCE


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


def sources_for(session: Connection, *, fact_ids: Iterable[int]) -> dict[int, list[SourceRow]]:
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


@dataclass(frozen=True)
class ReleaseRow:
    """A data-set release rows come from: what to cite, and the very file imported."""

    source: str  # the release's slug, as rows name it
    title: str
    version: str | None
    citation: str | None
    url: str | None
    file_name: str | None
    file_sha256: str | None


def releases_for(session: Connection, *, slugs: Iterable[str]) -> dict[str, ReleaseRow]:
    """The imported releases among `slugs` (curated sources are not releases), by slug."""
    wanted = sorted({slug for slug in slugs if slug})
    if not wanted:
        return {}
    statement = select(
        RELEASE.c.slug,
        RELEASE.c.title,
        RELEASE.c.version,
        RELEASE.c.citation,
        RELEASE.c.url,
        RELEASE.c.file_name,
        RELEASE.c.file_sha256,
    ).where(RELEASE.c.slug.in_(wanted), RELEASE.c.file_sha256.is_not(None))
    return {row[0]: ReleaseRow(*row) for row in session.execute(statement)}


def release_source(session: Connection, slug: str, locator: str) -> SourceRow:
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
