"""The sources a database holds: data-set releases with their counts, curated sources with the
facts that cite them, and what each import listed for review."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, func, literal, null, select, union_all

from bilateral_db.core.curated import CURATED_RELEASE_ID
from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.claims.provenance import require_release
from bilateral_db.reports.lookup import checked, miss
from bilateral_db.reports.paging import count_rows, page_of
from bilateral_db.reports.pointintime import partial
from bilateral_db.tables import CITATION, FACT, RELEASE, RELEASE_COUNT, RELEASE_FINDING, SOURCE

FINDING = RELEASE_FINDING
RELEASE_KIND = "release"


@dataclass(frozen=True)
class SourceListRow:
    """A release (`kind` release; the curated fixtures are one) or a source curated facts cite."""

    source: str
    kind: str
    title: str
    publisher: str | None
    version: str | None
    precedence: int | None
    coverage_start: PartialDate | None
    coverage_end: PartialDate | None
    file: str | None
    sha256: str | None
    imported_at: datetime | None
    rows: int  # a release's rows (its counts), a source's cited facts
    counts: dict[str, int]
    url: str | None


@dataclass(frozen=True)
class FindingRow:
    """Something an import listed for review (an unmapped code, an uncertain match)."""

    release: str
    kind: str
    line: int | None
    record: str
    message: str


def _sources(kind: str | None) -> Select[Any]:
    """Releases (part 0, by precedence), then cited sources (part 1, by slug), as one list."""
    releases = select(
        literal(0).label("part"),
        RELEASE.c.precedence.label("rank"),
        RELEASE.c.slug,
        literal(RELEASE_KIND).label("kind"),
        RELEASE.c.title,
        RELEASE.c.publisher,
        RELEASE.c.version,
        RELEASE.c.coverage_start,
        RELEASE.c.coverage_start_precision,
        RELEASE.c.coverage_end,
        RELEASE.c.coverage_end_precision,
        RELEASE.c.file_name,
        RELEASE.c.file_sha256,
        RELEASE.c.imported_at,
        RELEASE.c.url,
        RELEASE.c.id.label("release_id"),
        null().label("source_id"),
    )
    cited: Select[*tuple[Any, ...]] = select(
        *(
            column.label(name)
            for column, name in zip(
                (
                    literal(1),
                    null(),
                    SOURCE.c.slug,
                    SOURCE.c.kind,
                    SOURCE.c.title,
                    SOURCE.c.publisher,
                    *(null() for _ in range(8)),
                    SOURCE.c.url,
                    null(),
                    SOURCE.c.id,
                ),
                releases.selected_columns.keys(),
                strict=True,
            )
        )
    )
    parts = []
    if kind in (None, RELEASE_KIND):
        parts.append(releases)
    if kind != RELEASE_KIND:
        parts.append(cited if kind is None else cited.where(SOURCE.c.kind == kind))
    listed = union_all(*parts).subquery("listed")
    return select(listed).order_by(listed.c.part, listed.c.rank, listed.c.slug)


@checked()
def list_sources(
    session: Connection, *, kind: str | None = None, limit: int | None = None, offset: int = 0
) -> list[SourceListRow]:
    """Releases first (by precedence), then curated sources by slug; `kind` keeps one kind
    (release, or a kind of source: news, official, …)."""
    listed = session.execute(page_of(_sources(kind), limit, offset)).all()
    release_ids = [row.release_id for row in listed if row.release_id is not None]
    source_ids = [row.source_id for row in listed if row.source_id is not None]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    if release_ids:
        for release_id, what, rows in session.execute(
            select(RELEASE_COUNT.c.release_id, RELEASE_COUNT.c.kind, RELEASE_COUNT.c.rows).where(
                RELEASE_COUNT.c.release_id.in_(release_ids)
            )
        ):
            counts[release_id][what] = rows
    cited: dict[int, int] = {}
    if source_ids:
        cited = dict(
            session.execute(
                select(CITATION.c.source_id, func.count())
                .where(CITATION.c.source_id.in_(source_ids))
                .group_by(CITATION.c.source_id)
            ).all()
        )
    curated_facts = 0
    if CURATED_RELEASE_ID in release_ids:
        curated_facts = session.scalar(select(func.count()).select_from(FACT)) or 0
    return [_row(row, counts, cited, curated_facts) for row in listed]


@checked()
def list_sources_total(
    session: Connection, *, kind: str | None = None, limit: int | None = None, offset: int = 0
) -> int:
    """How many rows list_sources has (a page's limit and offset change nothing)."""
    return count_rows(session, _sources(kind))


def _row(
    row: Any, counts: dict[int, dict[str, int]], cited: dict[int, int], curated_facts: int
) -> SourceListRow:
    if row.release_id is None:
        rows, own = cited.get(row.source_id, 0), {}
    else:
        own = dict(counts.get(row.release_id, {}))
        rows = sum(n for what, n in own.items() if what != "source_rows")
        if row.release_id == CURATED_RELEASE_ID:
            rows = curated_facts
    return SourceListRow(
        source=row.slug,
        kind=row.kind,
        title=row.title,
        publisher=row.publisher,
        version=row.version,
        precedence=row.rank,
        coverage_start=partial(row.coverage_start, row.coverage_start_precision),
        coverage_end=partial(row.coverage_end, row.coverage_end_precision),
        file=row.file_name,
        sha256=row.file_sha256,
        imported_at=row.imported_at,
        rows=rows,
        counts=own,
        url=row.url,
    )


def _findings(slug: str, kind: str | None) -> Select[Any]:
    statement = (
        select(FINDING.c.kind, FINDING.c.line, FINDING.c.record, FINDING.c.message)
        .join(RELEASE, RELEASE.c.id == FINDING.c.release_id)
        .where(RELEASE.c.slug == slug)
        .order_by(FINDING.c.kind, FINDING.c.line, FINDING.c.id)
    )
    return statement if kind is None else statement.where(FINDING.c.kind == kind)


def _release(session: Connection, release: str) -> str:
    slug = require_release(session, release)
    if slug is None:
        raise miss("release", release, list(session.scalars(select(RELEASE.c.slug))))
    return slug


@checked()
def release_findings(
    session: Connection,
    *,
    release: str,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[FindingRow]:
    """What the import of `release` listed for review, by kind, then in file order."""
    slug = _release(session, release)
    statement = page_of(_findings(slug, kind), limit, offset)
    return [FindingRow(slug, *row) for row in session.execute(statement)]


@checked()
def release_findings_total(
    session: Connection,
    *,
    release: str,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows release_findings has (a page's limit and offset change nothing)."""
    return count_rows(session, _findings(_release(session, release), kind))
