"""The release record every importer writes: one data set, one version, replaced atomically.

An import runs in one transaction with the loaders' lock. A file whose hash matches the release
already held changes nothing. A new file of the same data set replaces the held release's rows
(claims, coverage, counts, findings); rows other tables may refer to (blocs, people, posts the
release defined) are kept and updated by key, so nothing curated loses its references.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from bilateral_db.core.quoting import quoted
from bilateral_db.core.vocabulary import DatePrecision
from bilateral_db.models import Release, ReleaseCount, ReleaseFinding

# Tables whose rows belong to one release and are written anew with each file.
RELEASE_ROWS = (
    "coverage",
    "system_membership",
    "trade_reported_change",
    "trade_figure",
    "dialogue_coordination",
    "membership",
    "term",
    "country_code",
)
FINDINGS_SHOWN = 10  # findings an import result carries per kind; the database holds them all


@dataclass(frozen=True)
class Dataset:
    """A data set as its authors publish it: what a release of it is called and cited as."""

    dataset: str
    title: str
    publisher: str
    citation: str
    url: str
    precedence: int

    def slug(self, version: str | None) -> str:
        return f"{self.dataset}-{version}" if version else self.dataset


@dataclass
class Finding:
    kind: str
    line: int | None
    record: str
    message: str


@dataclass
class ImportResult:
    """What an import did: the CLI prints it, tests assert on it."""

    release: str
    file: str
    changed: bool
    replaced: str | None = None  # slug of the release this one replaced
    counts: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    finding_counts: Counter[str] = field(default_factory=Counter)
    # What a merging import did to the rows held before: inserted, updated, unchanged, removed.
    changes: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        if not self.changed:
            return f"{self.release}: unchanged (the same file is already imported); nothing written"
        counted = ", ".join(f"{n:,} {kind}" for kind, n in self.counts.items())
        text = f"{self.release}: imported {counted}"
        if self.replaced:
            text += f", replacing {self.replaced}"
        if self.changes:
            text += " (" + ", ".join(f"{n:,} {what}" for what, n in self.changes.items()) + ")"
        if self.finding_counts:
            listed = ", ".join(f"{n:,} {kind}" for kind, n in sorted(self.finding_counts.items()))
            text += f"; for review: {listed} (bilateral-db report findings {self.release})"
        return text


VERSION_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]{0,39}")  # 2016, 4.1, 3.0-rc1


def check_version(version: str | None) -> str | None:
    """A release version becomes part of the release's slug, so it is a short plain token."""
    if version is not None and not VERSION_PATTERN.fullmatch(version):
        raise ValueError(
            f"--version: {quoted(version)} is not a version; write letters, digits and . _ + - "
            "(at most 40, starting with a letter or digit), e.g. 4.1"
        )
    return version


class ReleaseWriter:
    """Opens, fills and closes one release inside the import's transaction."""

    def __init__(
        self,
        connection: Connection,
        dataset: Dataset,
        version: str | None,
        path: Path,
        sha256: str,
        merged: tuple[str, ...] = (),
    ) -> None:
        self.connection = connection
        # Tables the importer merges itself (only rows that differ are written): not emptied.
        self.merged = merged
        self.dataset = dataset
        self.version = version
        self.slug = dataset.slug(version)
        self.path = path
        self.sha256 = sha256
        self.release_id: int | None = None
        self.result = ImportResult(release=self.slug, file=path.name, changed=True)
        self.findings: list[Finding] = []

    def held(self) -> Any:
        return self.connection.execute(
            select(Release.id, Release.slug, Release.file_sha256).where(
                Release.dataset == self.dataset.dataset
            )
        ).first()

    def unchanged(self) -> bool:
        """Whether this very file is the release already held."""
        held = self.held()
        return held is not None and held.slug == self.slug and held.file_sha256 == self.sha256

    def open(self) -> int:
        """The release's id, its earlier rows removed (or a new release row)."""
        held = self.held()
        values = {
            "slug": self.slug,
            "dataset": self.dataset.dataset,
            "version": self.version,
            "title": self.dataset.title,
            "publisher": self.dataset.publisher,
            "citation": self.dataset.citation,
            "url": self.dataset.url,
            "precedence": self.dataset.precedence,
            "file_name": self.path.name,
            "file_sha256": self.sha256,
            "imported_at": datetime.now(UTC),
        }
        if held is None:
            self.release_id = self.connection.execute(
                insert(Release).values(values).returning(Release.id)
            ).scalar_one()
        else:
            self.release_id = held.id
            if held.slug != self.slug:
                self.result.replaced = held.slug
            for table in RELEASE_ROWS:
                if table in self.merged:
                    continue
                self.connection.exec_driver_sql(
                    f"DELETE FROM {table} WHERE release_id = {int(held.id)}"
                )
            for model in (ReleaseCount, ReleaseFinding):
                self.connection.execute(delete(model).where(model.release_id == held.id))
            self.connection.execute(update(Release).where(Release.id == held.id).values(values))
        return self.release_id

    def finding(self, kind: str, line: int | None, record: str, message: str) -> None:
        self.result.finding_counts[kind] += 1
        finding = Finding(kind, line, record, message)
        if self.result.finding_counts[kind] <= FINDINGS_SHOWN:
            self.result.findings.append(finding)
        self.findings.append(finding)

    def count(self, kind: str, rows: int) -> None:
        self.result.counts[kind] = self.result.counts.get(kind, 0) + rows

    def close(self, coverage_start: date | None, coverage_end: date | None) -> ImportResult:
        """Write the counts, findings and coverage: the release is complete."""
        assert self.release_id is not None
        self.connection.execute(
            update(Release)
            .where(Release.id == self.release_id)
            .values(
                coverage_start=coverage_start,
                coverage_start_precision=DatePrecision.DAY if coverage_start else None,
                coverage_end=coverage_end,
                coverage_end_precision=DatePrecision.DAY if coverage_end else None,
            )
        )
        if self.result.counts:
            self.connection.execute(
                insert(ReleaseCount),
                [
                    {"release_id": self.release_id, "kind": kind, "rows": rows}
                    for kind, rows in self.result.counts.items()
                ],
            )
        if self.findings:
            self.connection.execute(
                insert(ReleaseFinding),
                [
                    {
                        "release_id": self.release_id,
                        "kind": f.kind,
                        "line": f.line,
                        "record": f.record,
                        "message": f.message,
                    }
                    for f in self.findings
                ],
            )
        return self.result
