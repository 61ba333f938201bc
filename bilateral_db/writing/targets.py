"""Targets: where an input's rows go, declared once, written in bulk.

An importer parses rows into tuples — the line, then the values of the columns it names — and
declares the table and the values every row shares. The rest is read from the models'
metadata: the table's key (writing.tables.row_key), the columns' types, which columns are
nullable. A table with a key is *merged* (`StagedTarget`: stage, check, merge, with
inserted/updated/unchanged/removed counts); one without (coverage) is *replaced*
(`ReplacedTarget`: the scope's rows deleted, the input's written). Either holds one chunk in
memory, whatever the size of the input.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, text
from sqlalchemy.exc import IntegrityError

from bilateral_db.writing import jobs, partitions
from bilateral_db.writing.bulk import BulkWriter
from bilateral_db.writing.errors import MAX_PROBLEMS, FileError, Problem
from bilateral_db.writing.merge import Changes, Plan, SetBasedMerge
from bilateral_db.writing.stage import Stage
from bilateral_db.writing.tables import RELEASE_COLUMN, row_key

# For a key given twice: its values by column -> (field to blame, message); the first line is
# said by the message ("… also given on line 6"), the problem names the later one.
DuplicateMessage = Callable[[Mapping[str, Any], int], tuple[str | None, str]]
# Early insert (PostgreSQL, a scope that holds nothing): rows go from the stage into the table
# a batch at a time while the input is still being read, the server inserting one batch as the
# importer parses the next. At most BACKLOG rows wait in memory for the server.
BATCH = 100_000
BACKLOG = 3 * BATCH


def _described(table: Table) -> DuplicateMessage:
    def message(key: Mapping[str, Any], first: int) -> tuple[str | None, str]:
        named = ", ".join(f"{column} {value}" for column, value in key.items())
        return None, f"the {table.name} row ({named}) is also given on line {first}"

    return message


def _checked(table: Table, columns: Sequence[str], fixed: Mapping[str, Any]) -> None:
    """Every column is the table's, given once; every key column is given."""
    given = [*columns, *fixed]
    unknown = [c for c in given if c not in table.c]
    twice = {c for c in given if given.count(c) > 1}
    if unknown or twice:
        raise ValueError(f"{table.name}: columns {unknown or sorted(twice)} are unknown or twice")
    missing = [c for c in row_key(table) or () if c not in given]
    if missing:
        raise ValueError(f"{table.name}: key columns {missing} are not given")
    if RELEASE_COLUMN in table.c and RELEASE_COLUMN not in fixed:
        raise ValueError(f"{table.name}: {RELEASE_COLUMN} is not given")


class StagedTarget:
    """A table with a key: rows are staged, checked for a key given twice, then merged."""

    merged = True

    def __init__(
        self,
        connection: Connection,
        table: Table,
        columns: Sequence[str],
        fixed: Mapping[str, Any],
        *,
        file: str,
        duplicate: DuplicateMessage | None = None,
        early: bool = False,
    ) -> None:
        _checked(table, columns, fixed)
        key = row_key(table)
        assert key is not None, f"{table.name} has no key: replace it instead"
        self.connection = connection
        self.plan = Plan(table, tuple(columns), dict(fixed), key)
        self.file = file
        self.duplicate = duplicate or _described(table)
        self.merge = SetBasedMerge(connection, self.plan)
        self.changes: Changes | None = None
        # A table partitioned by release, into a release with no partition yet: the rows go to
        # the release's build, attached as its partition when the release is complete. The
        # first target of a build has the build for its stage: its rows are written once.
        self.build = partitions.build_for(connection, table, fixed, RELEASE_COLUMN)
        built = self.build.stage(columns, fixed) if self.build is not None else None
        self.direct = built is not None
        self.stage: Stage = built or Stage(connection, table, columns)
        # Early insert: asked for by an input whose lines only grow, on PostgreSQL, into a
        # scope that holds nothing or a build it does not write directly (a merge needs every
        # row staged before it can start). Each batch is staged in a table of its own,
        # inserted from there, then moved to the stage, which keeps every row for naming a key
        # given twice.
        self.early = (
            early
            and self.stage.postgresql
            and not self.direct
            and (self.build is not None or not self.merge.held())
        )
        self.batch = Stage(connection, table, columns, "_batch") if self.early else None
        self.before_insert: list[Callable[[], None]] = []  # rows the batch refers to, written
        self._pending: list[tuple[Any, ...]] = []
        self._last_line = 0  # the last line given
        self._rows = 0
        self._inserted = 0
        self._job: threading.Thread | None = None
        self._job_error: BaseException | None = None
        self._failed: BaseException | None = None  # a batch refused: no more early inserts

    def add(self, row: tuple[Any, ...]) -> None:
        """One row: its line in the file, then its values in the order of `columns`."""
        if not self.early:
            self.stage.add(row)
            return
        if row[0] <= self._last_line:
            raise ValueError(f"early insert: line {row[0]} after line {self._last_line}")
        self._last_line = row[0]
        self._pending.append(row)
        if len(self._pending) >= BATCH:
            self._next_batch()

    def add_columns(self, columns: Any) -> None:
        """Rows as an Arrow table: the line, then the values of `columns` (as `add` takes
        them), written at once."""
        if self.early:
            for row in zip(*(column.to_pylist() for column in columns.columns), strict=True):
                self.add(row)
            return
        self.stage.add_columns(columns)

    def staged(self, columns: Sequence[str], where: str, params: Mapping[str, Any]) -> list[Any]:
        """Rows staged so far (every one given, flushed first) that match `where`."""
        if self.early:
            self.settle()
            self._next_batch(wait=True)
        self.stage.flush()
        sql = f"SELECT {', '.join(columns)} FROM {self.stage.name} s WHERE ({where})"
        if self.direct:  # the build: this input's rows of it
            sql += f" AND {self.merge.scope('s')}"
            params = {**params, **self.plan.params()}
        return list(self.connection.execute(text(sql), dict(params)))

    def settle(self, *, cancel: bool = False) -> None:
        """Wait for the batch being inserted, if any; a refused batch ends early inserts (the
        refusal is raised by `finish`, after every row is staged, to name every line)."""
        job, self._job = self._job, None
        if job is None:
            return
        if cancel and job.is_alive():
            driver = self.connection.connection.driver_connection
            driver.cancel_safe()  # type: ignore[union-attr]
        job.join()
        jobs.finished(self.connection, self)
        if self._job_error is not None and self._failed is None:
            self._failed = self._job_error
        self._job_error = None

    def _next_batch(self, *, wait: bool = False) -> None:
        """Stage the rows given and insert them: in the background if the server is done
        with the last batch (else keep reading, up to BACKLOG rows), at once with `wait`."""
        running = self._job is not None and self._job.is_alive()
        if not wait and running and len(self._pending) < BACKLOG:
            return
        self.settle()
        rows, self._pending = self._pending, []
        if not rows:
            return
        self._rows += len(rows)
        if self._failed is not None:  # kept for naming lines only
            self.stage.write(rows)
            return
        assert self.batch is not None
        self.batch.write(rows)
        for hook in self.before_insert:
            hook()
        if wait:
            self._insert()
            self._failed = self._failed or self._job_error
            self._job_error = None
            return
        self._job = threading.Thread(target=self._insert, daemon=True)
        jobs.started(self.connection, self)
        self._job.start()

    def _insert(self) -> None:
        """The batch into the table, then onto the stage (run in the background: the
        connection is this thread's until `settle`)."""
        assert self.batch is not None
        try:
            self.connection.exec_driver_sql(f"ANALYZE {self.batch.name}")  # the check's joins
            with self.connection.begin_nested():
                if self.build is not None:  # a bare table: keyed when every row is in
                    self._inserted += self.build.insert(self.merge, self.batch)
                else:
                    self._inserted += self.merge.insert(self.batch, new_only=False)
        except BaseException as error:  # raised in the reading thread by finish
            self._job_error = error
        try:
            self.batch.move_to(self.stage)
        except BaseException as error:
            self._job_error = self._job_error or error

    def _finish_early(self) -> Changes:
        self._next_batch(wait=True)
        if self._failed is not None:
            if isinstance(self._failed, IntegrityError):
                self._check_duplicates()  # a key twice: named by its lines
            raise self._failed
        if self.build is not None:
            self.build.key(self.stage, self.explain)
        return Changes(rows=self._rows, inserted=self._inserted)

    def finish(self) -> Changes:
        """Check and merge what was staged; the stage is dropped (by the build, once
        attached, where the rows went to one)."""
        if self.early:
            assert self.batch is not None
            self.changes = self._finish_early()
            self.batch.drop()
            if self.build is None:
                self.stage.drop()
            return self.changes
        rows = self.stage.close()
        if self.direct:
            assert self.build is not None
            self.build.key(self.stage, self.explain)
            self.changes = Changes(rows=rows, inserted=rows)
            return self.changes
        if self.build is not None:
            self.changes = self.build.write(self.merge, self.stage, self.explain)
            return self.changes
        if not self.merge.held():
            try:
                with self.connection.begin_nested():
                    inserted = self.merge.insert(self.stage, new_only=False)
            except IntegrityError:
                self._check_duplicates()  # a key twice: named by its lines
                raise
            self.changes = Changes(rows=rows, inserted=inserted)
        else:
            self.stage.index(self.plan.joined)
            self.changes = self.merge.merge(self.stage, self._check_duplicates)
        self.stage.drop()
        return self.changes

    def explain(self) -> None:
        """Raise what the database refused of the staged rows as the input's error, by line: a
        key given twice, a reference to a row the database does not hold (else nothing)."""
        self._check_duplicates()
        self.merge.check_references(self.stage)

    def _check_duplicates(self) -> None:
        key = self.plan.joined
        # A build written directly holds the scope's columns too, and maybe other targets'.
        within = self.plan.scope if self.direct else ()
        problems = []
        for *values, first, last in self.stage.duplicates(key, MAX_PROBLEMS, within):
            field, message = self.duplicate(dict(zip(key, values, strict=True)), first)
            problems.append(Problem(self.file, last, field, message))
        if problems:
            raise FileError(problems)


class ReplacedTarget:
    """A table without a key (coverage): the release's rows are deleted, the input's written."""

    merged = False

    def __init__(
        self, connection: Connection, table: Table, columns: Sequence[str], fixed: Mapping[str, Any]
    ) -> None:
        _checked(table, columns, fixed)
        self.fixed = tuple(fixed.values())
        self.removed = connection.execute(
            text(f"DELETE FROM {table.name} WHERE {RELEASE_COLUMN} = :release"),
            {"release": fixed[RELEASE_COLUMN]},
        ).rowcount
        self.writer = BulkWriter(connection, table.name, (*columns, *fixed))
        self.changes: Changes | None = None

    def add(self, row: tuple[Any, ...]) -> None:
        """One row: its line in the file (not kept), then its values in the order of `columns`."""
        self.writer.add((*row[1:], *self.fixed))

    def finish(self) -> Changes:
        rows = self.writer.close()
        self.changes = Changes(rows=rows, inserted=rows, removed=int(self.removed))
        return self.changes


Target = StagedTarget | ReplacedTarget


def target(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    fixed: Mapping[str, Any],
    *,
    file: str,
    duplicate: DuplicateMessage | None = None,
    early: bool = False,
) -> Target:
    """The table's target for one input: merged by its key, or replaced where it has none.
    `early`: the input's lines only grow, and its rows may go into an empty scope while it is
    still read (StagedTarget)."""
    if row_key(table) is None:
        return ReplacedTarget(connection, table, columns, fixed)
    return StagedTarget(
        connection, table, columns, fixed, file=file, duplicate=duplicate, early=early
    )
