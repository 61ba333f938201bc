"""The release record every importer writes: one data set, one version, replaced atomically.

An import runs in one write transaction (writing.write_transaction). A file whose hash matches
the release already held changes nothing. A new file of the same data set takes the held
release's place: its rows are merged into the release's by key (only rows that differ are
written; rows the file no longer has are removed), tables without a key (coverage) and the
counts and findings are written anew; rows other tables may refer to (blocs, people, posts the
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
from bilateral_db.models import Base, Release, ReleaseCount, ReleaseFinding
from bilateral_db.writing import DuplicateMessage, Target, forget_build, put_in_place, target
from bilateral_db.writing.tables import ALTERNATIVE_COLUMN, RELEASE_COLUMN, RELEASE_ROWS

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
    # What the import did to the rows of the tables it merges: inserted, updated, unchanged,
    # removed; shown when the release held rows before (a first import only inserts).
    changes: dict[str, int] = field(default_factory=dict)
    held_before: bool = False

    def summary(self) -> str:
        if not self.changed:
            return f"{self.release}: unchanged (the same file is already imported); nothing written"
        counted = ", ".join(f"{n:,} {kind}" for kind, n in self.counts.items())
        text = f"{self.release}: imported {counted}"
        if self.replaced:
            text += f", replacing {self.replaced}"
        if self.changes and self.held_before:
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
    ) -> None:
        self.connection = connection
        self.dataset = dataset
        self.version = version
        self.slug = dataset.slug(version)
        self.path = path
        self.sha256 = sha256
        self.release_id: int | None = None
        self.result = ImportResult(release=self.slug, file=path.name, changed=True)
        self.findings: list[Finding] = []
        self.targets: dict[str, Target] = {}

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
        """The release's id: the held release's row, renamed and emptied of its counts and
        findings (its rows are merged or replaced as the file is written), or a new one."""
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
            self.result.held_before = True
            if held.slug != self.slug:
                self.result.replaced = held.slug
            for model in (ReleaseCount, ReleaseFinding):
                self.connection.execute(delete(model).where(model.release_id == held.id))
            self.connection.execute(update(Release).where(Release.id == held.id).values(values))
        return self.release_id

    def target(
        self,
        table: str,
        columns: tuple[str, ...],
        fixed: dict[str, Any] | None = None,
        duplicate: DuplicateMessage | None = None,
        *,
        early: bool = False,
    ) -> Target:
        """Where the release's rows of `table` go: each row is its line in the file, then the
        values of `columns`; `fixed` gives the values every row shares. The release's own rows
        of the table held before are merged with them by the table's key (or replaced, where
        the table has none); `duplicate` words a key the file gives twice; `early`: the
        rows' lines only grow, and they may be inserted while the file is read
        (writing.targets)."""
        assert self.release_id is not None and table not in self.targets
        model = Base.metadata.tables[table]
        shared = {RELEASE_COLUMN: self.release_id, **(fixed or {})}
        if ALTERNATIVE_COLUMN in model.c:  # a claim of the release's own, not an alternative
            shared[ALTERNATIVE_COLUMN] = 0
        written = target(
            self.connection,
            model,
            columns,
            shared,
            file=str(self.path),
            duplicate=duplicate,
            early=early,
        )
        self.targets[table] = written
        return written

    def retract(self, table: str) -> None:
        """Forget the target of `table`, rolled back with a savepoint (with the build of its
        rows, if it had one) before the release kept anything of it: the rows are about to
        be written again, read another way."""
        self.targets.pop(table, None)
        assert self.release_id is not None
        forget_build(self.connection, table, self.release_id)

    def finding(self, kind: str, line: int | None, record: str, message: str) -> None:
        self.result.finding_counts[kind] += 1
        finding = Finding(kind, line, record, message)
        if self.result.finding_counts[kind] <= FINDINGS_SHOWN:
            self.result.findings.append(finding)
        self.findings.append(finding)

    def count(self, kind: str, rows: int) -> None:
        self.result.counts[kind] = self.result.counts.get(kind, 0) + rows

    def close(self, coverage_start: date | None, coverage_end: date | None) -> ImportResult:
        """Write the counts, findings and coverage: the release is complete. Rows of tables
        this file did not write are the held release's alone, and go. (The commit renews the
        planner statistics of what the import wrote: writing.transaction.)"""
        assert self.release_id is not None
        self._sum_changes()
        if self.targets:
            put_in_place(self.connection)  # partitioned tables: the release's partitions
        self._remove_unwritten()
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

    def changed_tables(self) -> set[str]:
        """The tables whose rows this import changed (after close): what the panels rebuild."""
        changed = {
            name
            for name, written in self.targets.items()
            if written.changes is not None
            and (written.changes.inserted or written.changes.updated or written.changes.removed)
        }
        if self.result.held_before:  # the held release's rows of tables not written are gone
            changed.update(table for table in RELEASE_ROWS if table not in self.targets)
        return changed

    def _sum_changes(self) -> None:
        """What the import did to the rows of the tables it merged, over all of them."""
        changes: Counter[str] = Counter()
        for name, written in self.targets.items():
            assert written.changes is not None, f"the {name} target was not finished"
            if written.merged:
                changes.update(written.changes.counts())
        self.result.changes = dict(changes)

    def _remove_unwritten(self) -> None:
        """The held release's rows in tables this file wrote nothing to: they were the old
        file's alone."""
        if not self.result.held_before:
            return
        for table in RELEASE_ROWS:
            if table not in self.targets:
                self.connection.exec_driver_sql(
                    f"DELETE FROM {table} WHERE {RELEASE_COLUMN} = {int(self.release_id or 0)}"
                )
