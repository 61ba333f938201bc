"""The set-based merge of a stage into its target: only rows that differ are written.

The target's rows this input owns (its *scope*: the release, and the values every row of the
input shares that are part of the key, such as a trade series) are compared with the stage by
the key: rows the input no longer has are deleted, rows whose other values differ are updated
(`IS DISTINCT FROM`, so NULLs compare as values), new rows are inserted, each in one statement.
On PostgreSQL, where the key has no nullable column, one hash join finds all three (the
statements then touch only the rows that differ, by primary key), and counting what it found
shows whether the stage gives a key twice, so the stage is not grouped by its key just to
know that it does not. Rows that are the same are neither written nor locked. Into an empty
scope the stage is inserted as it is, and the table's unique key finds what is given twice.

An `INSERT … ON CONFLICT DO UPDATE … WHERE` would say it in one statement, but PostgreSQL locks
(writes) every conflicting row even where the WHERE leaves it alone: an unchanged merge of 1.35M
trade figures rewrote them all. The split statements write none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, text

from bilateral_db.writing.references import SetChecked
from bilateral_db.writing.stage import LINE, Stage
from bilateral_db.writing.statistics import renew_if_stale

# PostgreSQL, for the rest of the write's transaction: the joins and the duplicate check hash a
# million staged rows in memory rather than spill to disk (the server's memory, not ours).
WORK_MEM = "128MB"
# The rows that differ are found by primary key one at a time (an index probe each) while they
# are at most this share of the scope's rows; more, and a hash join reads the scope once.
PROBED_SHARE = 0.1


@dataclass
class Changes:
    """What writing one input did to the rows its scope held before."""

    rows: int = 0  # rows the input gave
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
        }


@dataclass(frozen=True)
class Plan:
    """A target's columns sorted by role: the statements are built from it."""

    table: Table
    staged: tuple[str, ...]  # each row's own values (the stage's columns after the line)
    fixed: dict[str, Any]  # every row's: bound as parameters
    key: tuple[str, ...]

    @property
    def joined(self) -> tuple[str, ...]:
        """Key columns each row gives: the stage is joined to the target by them."""
        return tuple(c for c in self.key if c in self.staged)

    @property
    def scope(self) -> tuple[str, ...]:
        """Key columns every row shares: which of the target's rows are this input's."""
        return tuple(c for c in self.key if c in self.fixed)

    @property
    def values(self) -> tuple[str, ...]:
        """Columns outside the key: compared, and updated where they differ."""
        return tuple(c for c in (*self.staged, *self.fixed) if c not in self.key)

    def params(self) -> dict[str, Any]:
        return {f"fixed_{name}": value for name, value in self.fixed.items()}


class SetBasedMerge:
    """Stage -> target in place, inside the caller's transaction.

    Another strategy may replace it without any importer changing: PostgreSQL could build a
    release's rows as a table of their own from the stage (keys, indexes and foreign keys added
    set-based) and attach it as the release's partition in one short transaction.
    """

    def __init__(self, connection: Connection, plan: Plan) -> None:
        self.connection = connection
        self.plan = plan
        dialect = connection.dialect.name
        self.distinct = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
        self.same = "IS NOT DISTINCT FROM" if dialect == "postgresql" else "IS"
        if dialect == "postgresql":
            connection.exec_driver_sql(f"SET LOCAL work_mem = '{WORK_MEM}'")

    def held(self) -> bool:
        """Whether the target holds rows of the scope."""
        where = self.scope(self.plan.table.name)
        sql = f"SELECT 1 FROM {self.plan.table.name} WHERE {where} LIMIT 1"
        return self.connection.execute(text(sql), self.plan.params()).first() is not None

    def insert(self, stage: Stage, *, new_only: bool) -> int:
        """Staged rows into the target; with `new_only`, those whose key it does not hold."""
        return self._insert_from(stage.name, new_only=new_only)

    def _insert_from(self, rows: str, *, new_only: bool) -> int:
        """The rows of `rows` (a table or subquery of the stage's columns) into the target."""
        plan = self.plan
        columns = (*plan.staged, *plan.fixed)
        sql = (
            f"INSERT INTO {plan.table.name} ({', '.join(columns)}) "
            f"SELECT {', '.join(self.value(c) for c in columns)} FROM {rows} s"
        )
        if new_only:
            sql += (
                f" WHERE NOT EXISTS (SELECT 1 FROM {plan.table.name} t WHERE "
                f"{self.joined('t')} AND {self.scope('t')})"
            )
        if self.connection.dialect.name != "postgresql":
            return int(self.connection.execute(text(sql), plan.params()).rowcount)
        references = self._references(rows)
        if not references.applicable():
            return int(self.connection.execute(text(sql), plan.params()).rowcount)
        references.check(plan.params())  # locked and checked for the set: the triggers' work
        with references.triggers_off():
            return int(self.connection.execute(text(sql), plan.params()).rowcount)

    def check_references(self, stage: Stage) -> None:
        """PostgreSQL: refuse the first staged row (by line) whose reference is missing."""
        if self.connection.dialect.name == "postgresql":
            self._references(stage.name).check(self.plan.params())

    def _references(self, rows: str) -> SetChecked:
        plan = self.plan
        return SetChecked(self.connection, plan.table, rows, plan.staged, plan.fixed, self.value)

    def merge(self, stage: Stage, duplicates: Callable[[], None]) -> Changes:
        """Into a scope that holds rows: removed, updated, inserted. `duplicates` raises the
        keys the stage gives twice, named by line (and returns if there are none): called
        before anything is written, unless the stage is shown to have none."""
        plan = self.plan
        renew_if_stale(self.connection, plan.table.name)  # hash joins, whatever autovacuum did
        columns = plan.table.c
        if self.connection.dialect.name == "postgresql" and not any(
            columns[c].nullable for c in plan.joined
        ):
            return self._merge_by_one_join(stage, duplicates)
        duplicates()  # before an update could take either of two rows
        table = plan.table.name
        removed = self.connection.execute(
            text(
                f"DELETE FROM {table} WHERE {self.scope(table)} AND NOT EXISTS "
                f"(SELECT 1 FROM {stage.name} s WHERE {self.joined(table)})"
            ),
            plan.params(),
        ).rowcount
        differs = " OR ".join(f"t.{c} {self.distinct} {self.value(c)}" for c in plan.values)
        updated = self._update(stage.name, f"{self.joined('t')} AND ({differs})")
        inserted = self.insert(stage, new_only=True)
        return _changes(stage, inserted=inserted, updated=updated, removed=int(removed))

    def _merge_by_one_join(self, stage: Stage, duplicates: Callable[[], None]) -> Changes:
        """PostgreSQL: the stage and the scope's rows compared in one hash join (a FULL JOIN,
        which needs a key of plain `=`): what differs is kept apart, a few rows for a changed
        file, and deleted, updated or inserted from there by the target's primary key."""
        plan = self.plan
        table = plan.table.name
        differs = " OR ".join(f"t.{c} {self.distinct} {self.value(c)}" for c in plan.values)
        primary = [column.name for column in plan.table.primary_key.columns]
        found = f"t.{primary[0]} IS NOT NULL"
        diff = f"{stage.name}_differs"
        self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS pg_temp.{diff}")
        # The planner prices a hash join on a key of many columns as if their values were
        # correlated, and sorts both sides for a merge join instead: twice the time, spilled
        # to disk, for a million rows a side.
        with _planner(self.connection, enable_mergejoin="off"):
            self.connection.execute(
                text(
                    f"CREATE TEMPORARY TABLE {diff} AS SELECT s.*, "
                    f"{', '.join(f't.{c} AS target_{c}' for c in primary)} FROM {stage.name} s "
                    f"FULL JOIN (SELECT * FROM {table} WHERE {self.scope(table)}) t "
                    f"ON {self.joined('t')} WHERE s.{LINE} IS NULL OR NOT ({found})"
                    + (f" OR {differs}" if differs else "")
                ),
                plan.params(),
            )
        self.connection.exec_driver_sql(f"ANALYZE {diff}")
        held, removed, new, differing, repeated = self.connection.execute(
            text(
                f"SELECT (SELECT count(*) FROM {table} WHERE {self.scope(table)}), "
                f"count(*) FILTER (WHERE {LINE} IS NULL), "
                f"count(*) FILTER (WHERE target_{primary[0]} IS NULL), count(*), "
                f"(SELECT count(*) - count(DISTINCT ({', '.join(plan.joined)})) FROM {diff} "
                f"WHERE target_{primary[0]} IS NULL) FROM {diff}"
            ),
            plan.params(),
        ).one()
        # Each scope row the stage matched (held - removed) is matched once, and the stage's
        # new keys are each given once, exactly when the stage gives no key twice.
        if repeated or stage.rows != held - removed + new:
            duplicates()
            raise AssertionError(f"{table}: {stage.name} gives a key twice, on no line found")
        # A few rows are found by primary key; many, by one read of the scope.
        probed = differing <= PROBED_SHARE * max(held, 1)
        same = " AND ".join(f"t.{c} = s.target_{c}" for c in primary)
        with _planner(self.connection, enable_hashjoin="off" if probed else "on"):
            removed = self.connection.execute(
                text(
                    f"DELETE FROM {table} t USING {diff} s WHERE {self.scope('t')} AND {same} "
                    f"AND s.{LINE} IS NULL"
                ),
                plan.params(),
            ).rowcount
            updated = self._update(diff, f"{same} AND s.{LINE} IS NOT NULL")
        new_rows = f"(SELECT * FROM {diff} WHERE target_{primary[0]} IS NULL)"
        inserted = self._insert_from(new_rows, new_only=False)
        self.connection.exec_driver_sql(f"DROP TABLE {diff}")
        return _changes(stage, inserted=inserted, updated=updated, removed=int(removed))

    def _update(self, rows: str, where: str) -> int:
        """The scope's rows `t` given the values of the rows `s` of `rows` where `where` holds."""
        plan = self.plan
        if not plan.values:
            return 0
        assignments = ", ".join(f"{c} = {self.value(c)}" for c in plan.values)
        return int(
            self.connection.execute(
                text(
                    f"UPDATE {plan.table.name} AS t SET {assignments} FROM {rows} s "
                    f"WHERE {self.scope('t')} AND {where}"
                ),
                plan.params(),
            ).rowcount
        )

    def value(self, column: str) -> str:
        """How the stage row `s` gives `column`: its own cell, or the input's bound value,
        typed as the column is on PostgreSQL (a parameter used twice must have one type)."""
        if column in self.plan.staged:
            return f"s.{column}"
        if self.connection.dialect.name != "postgresql":  # SQLite's CAST would change affinity
            return f":fixed_{column}"
        kind = self.plan.table.c[column].type.compile(dialect=self.connection.dialect)
        return f"CAST(:fixed_{column} AS {kind})"

    def scope(self, alias: str) -> str:
        """Row `alias` is in the input's scope."""
        return " AND ".join(f"{alias}.{c} = {self.value(c)}" for c in self.plan.scope)

    def joined(self, alias: str) -> str:
        """Stage row `s` and target row `alias` have the same key (NULL-safe where nullable:
        plain `=` elsewhere, so that PostgreSQL can hash the join)."""
        columns = self.plan.table.c
        return " AND ".join(
            f"s.{c} {self.same if columns[c].nullable else '='} {alias}.{c}"
            for c in self.plan.joined
        )


@contextmanager
def _planner(connection: Connection, **settings: str) -> Iterator[None]:
    """PostgreSQL planner settings for the statements inside, then back to their values
    (SET LOCAL alone would keep them for the rest of the write). Not after an error: the
    rollback that must follow undoes them, and a statement now would hide the error."""
    before = {name: connection.exec_driver_sql(f"SHOW {name}").scalar_one() for name in settings}
    for name, value in settings.items():
        connection.exec_driver_sql(f"SET LOCAL {name} = {value}")
    yield
    for name, value in before.items():
        connection.exec_driver_sql(f"SET LOCAL {name} = {value}")


def _changes(stage: Stage, *, inserted: int, updated: int, removed: int) -> Changes:
    return Changes(
        rows=stage.rows,
        inserted=inserted,
        updated=updated,
        unchanged=stage.rows - inserted - updated,
        removed=removed,
    )
