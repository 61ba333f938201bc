"""The sources a database holds: data-set releases with their counts, curated sources with the
facts that cite them, and what each import listed for review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilateral_db.core.dates import PartialDate
from bilateral_db.models import (
    CURATED_RELEASE_ID,
    Citation,
    Fact,
    Release,
    ReleaseCount,
    ReleaseFinding,
    Source,
)
from bilateral_db.reports.claimed import require_release
from bilateral_db.reports.lookup import checked, miss
from bilateral_db.reports.pointintime import partial


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


@checked()
def list_sources(session: Session, *, kind: str | None = None) -> list[SourceListRow]:
    """Releases first (by precedence), then curated sources by slug; `kind` keeps one kind."""
    counts: dict[int, dict[str, int]] = {}
    for release_id, what, rows in session.execute(
        select(ReleaseCount.release_id, ReleaseCount.kind, ReleaseCount.rows)
    ):
        counts.setdefault(release_id, {})[what] = rows
    found: list[SourceListRow] = []
    curated_facts = session.scalar(select(func.count()).select_from(Fact)) or 0
    cited = dict(
        session.execute(select(Citation.source_id, func.count()).group_by(Citation.source_id)).all()
    )
    for release in session.scalars(select(Release).order_by(Release.precedence)):
        own = counts.get(release.id, {})
        found.append(
            SourceListRow(
                source=release.slug,
                kind="release",
                title=release.title,
                publisher=release.publisher,
                version=release.version,
                precedence=release.precedence,
                coverage_start=partial(release.coverage_start, release.coverage_start_precision),
                coverage_end=partial(release.coverage_end, release.coverage_end_precision),
                file=release.file_name,
                sha256=release.file_sha256,
                imported_at=release.imported_at,
                rows=curated_facts
                if release.id == CURATED_RELEASE_ID
                else sum(n for what, n in own.items() if what != "source_rows"),
                counts=own,
                url=release.url,
            )
        )
    for source in session.scalars(select(Source).order_by(Source.slug)):
        found.append(
            SourceListRow(
                source=source.slug,
                kind=source.kind,
                title=source.title,
                publisher=source.publisher,
                version=None,
                precedence=None,
                coverage_start=None,
                coverage_end=None,
                file=None,
                sha256=None,
                imported_at=None,
                rows=cited.get(source.id, 0),
                counts={},
                url=source.url,
            )
        )
    if kind is not None:
        found = [row for row in found if row.kind == kind.lower()]
    return found


@checked()
def release_findings(
    session: Session, *, release: str, kind: str | None = None
) -> list[FindingRow]:
    """What the import of `release` listed for review, in file order."""
    slug = require_release(session, release)
    if slug is None:
        raise miss("release", release, list(session.scalars(select(Release.slug))))
    statement = (
        select(
            ReleaseFinding.kind, ReleaseFinding.line, ReleaseFinding.record, ReleaseFinding.message
        )
        .join(Release, Release.id == ReleaseFinding.release_id)
        .where(Release.slug == slug)
        .order_by(ReleaseFinding.kind, ReleaseFinding.line, ReleaseFinding.id)
    )
    if kind is not None:
        statement = statement.where(ReleaseFinding.kind == kind)
    return [FindingRow(slug, *row) for row in session.execute(statement)]
