"""PostgreSQL: the foreign keys of a staged insert checked once for the set, not once a row.

Each foreign key of the target is a trigger that looks up and locks (FOR KEY SHARE) the
referenced row of every inserted row: most of the time of a million-row insert. Here the
same is done set-based: the referenced rows of all staged rows are locked FOR KEY SHARE in one
statement each (so no one deletes or re-keys them before the commit, as the triggers would
ensure), then one anti-join per key finds a staged row whose reference is missing, which
is refused by file line like any other bad input. Then the insert runs with the triggers off
for that one statement (`session_replication_role = replica`, which only a superuser may set):
the checks it would have made are made. Check constraints, NOT NULL and the unique indexes
are not triggers: the database still enforces them row by row.

Where the role may not be set, or the table has triggers of its own (which replica would
silence too), or a foreign key column would take its server default, the plain insert runs,
checked by its triggers: the same rules, slower.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import Connection, ForeignKeyConstraint, Table, text
from sqlalchemy.exc import DBAPIError

from bilateral_db.writing.errors import WriteError

_INSUFFICIENT_PRIVILEGE = "42501"


class SetChecked:
    """The foreign keys of `table` for rows staged in `stage` (its columns `staged`) and the
    values `fixed` every row shares (bound as `:fixed_<column>`)."""

    def __init__(
        self,
        connection: Connection,
        table: Table,
        stage: str,
        staged: tuple[str, ...],
        fixed: Mapping[str, Any],
        value: Callable[[str], str],
    ) -> None:
        self.connection = connection
        self.table = table
        self.stage = stage
        self.staged = staged
        self.fixed = fixed
        self.value = value  # how stage row `s` gives a column (its cell or the bound value)

    def applicable(self) -> bool:
        """Whether the triggers may be left to this check: every FK column given, and no
        trigger on the table but the foreign keys'."""
        given = {*self.staged, *self.fixed}
        for key in self.table.foreign_key_constraints:
            if any(
                column.name not in given and column.server_default is not None
                for column in key.columns
            ):
                return False
        own = self.connection.execute(
            text(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = CAST(:table AS regclass) "
                "AND NOT tgisinternal"
            ),
            {"table": self.table.name},
        ).scalar_one()
        return int(own) == 0

    def check(self, params: Mapping[str, Any]) -> None:
        """Lock what the staged rows refer to; refuse the first row whose reference is missing."""
        for key in self._keys():
            referred = key.referred_table.name
            pairs = [
                (column.name, element.column.name)
                for column, element in zip(key.columns, key.elements, strict=True)
            ]
            match = " AND ".join(f"r.{ref} = {self.value(col)}" for col, ref in pairs)
            present = " AND ".join(f"{self.value(col)} IS NOT NULL" for col, _ in pairs)
            self.connection.execute(
                text(
                    f"SELECT 1 FROM {referred} r WHERE EXISTS "
                    f"(SELECT 1 FROM {self.stage} s WHERE {match}) FOR KEY SHARE OF r"
                ),
                dict(params),
            ).all()
            missing = self.connection.execute(
                text(
                    f"SELECT s.line, {', '.join(self.value(col) for col, _ in pairs)} "
                    f"FROM {self.stage} s WHERE {present} AND NOT EXISTS "
                    f"(SELECT 1 FROM {referred} r WHERE {match}) ORDER BY s.line LIMIT 1"
                ),
                dict(params),
            ).first()
            if missing is not None:
                line, *values = missing
                named = ", ".join(f"{col} {v}" for (col, _), v in zip(pairs, values, strict=True))
                raise WriteError(
                    f"the database refused {self.table.name} rows: the row of line {line} "
                    f"refers to {referred} by {named}, which it does not hold"
                )

    def _keys(self) -> Iterator[ForeignKeyConstraint]:
        given = {*self.staged, *self.fixed}
        for key in sorted(
            self.table.foreign_key_constraints, key=lambda k: tuple(c.name for c in k.columns)
        ):
            if all(column.name in given for column in key.columns):
                yield key

    @contextmanager
    def triggers_off(self) -> Iterator[bool]:
        """For the statement inside: foreign key triggers off where the role may be set (yields
        whether it was); back on after it, whatever happens."""
        try:
            with self.connection.begin_nested():
                self.connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != _INSUFFICIENT_PRIVILEGE:
                raise
            yield False
            return
        try:
            yield True
        finally:
            try:
                self.connection.exec_driver_sql("SET LOCAL session_replication_role = origin")
            except DBAPIError:
                if not _aborted(self.connection):  # an aborted one rolls back anyway
                    raise


def _aborted(connection: Connection) -> bool:
    """Whether the transaction failed (a statement in it raised): it can only roll back."""
    driver = connection.connection.driver_connection
    status = driver.info.transaction_status  # type: ignore[union-attr]
    return bool(status == psycopg.pq.TransactionStatus.INERROR)
