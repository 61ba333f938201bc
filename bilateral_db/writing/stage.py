"""The stage: a temporary table that one target's rows are streamed into before they are merged.

Its columns are the input's line and the target table's columns the input gives, typed as the
target types them (read from the models' metadata), with no key, index or constraint: writing
it is the cheapest write there is (COPY, or executemany), and memory holds one chunk. There the
rows are checked as a set (a key given twice, named by its lines) before anything touches the
target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Integer, MetaData, Table

from bilateral_db.writing.bulk import BulkWriter

LINE = "line"  # the stage's column for the input's line of each row
# Rows a COPY into a table stage carries: each COPY ends by waiting for the server, so fewer,
# longer ones keep the reading going (memory holds one chunk: some tens of MB).
TABLE_CHUNK = 50_000


class Stage:
    """A temporary table beside `table`: rows are (line, *values of `columns`)."""

    def __init__(
        self, connection: Connection, table: Table, columns: Sequence[str], suffix: str = ""
    ) -> None:
        self.connection = connection
        self.postgresql = connection.dialect.name == "postgresql"
        self.name = f"stage_{table.name}{suffix}"
        self.columns = (LINE, *columns)
        self.drop()
        stage = Table(
            self.name,
            MetaData(),
            Column(LINE, Integer, nullable=False),
            *(Column(name, table.c[name].type) for name in columns),
            prefixes=["TEMPORARY"],
        )
        stage.create(connection)
        self.writer = BulkWriter(connection, self.name, self.columns)
        self.rows = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.writer.add(row)

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        """Rows written now, whatever is pending before them first."""
        self.writer.pending.extend(rows)
        self.writer.flush()

    def add_columns(self, columns: Any) -> None:
        """Rows as an Arrow table of the stage's columns, in order."""
        self.writer.add_columns(columns)

    def move_to(self, other: Stage) -> None:
        """Every row of this stage appended to `other` (same columns), and this one emptied."""
        self.connection.exec_driver_sql(f"INSERT INTO {other.name} SELECT * FROM {self.name}")
        self.connection.exec_driver_sql(f"TRUNCATE {self.name}")

    def flush(self) -> None:
        """Write the pending chunk, so that a query of the stage sees every row given so far."""
        self.writer.flush()

    def close(self) -> int:
        """Every row written; how many."""
        self.rows = self.writer.close()
        if self.postgresql:
            # A temporary table has no statistics until analysed: without them the planner
            # takes the stage for a few rows and joins it by nested loops.
            self.connection.exec_driver_sql(f"ANALYZE {self.name}")
        return self.rows

    def index(self, columns: Sequence[str]) -> None:
        """An index for joining the target by `columns` (SQLite joins by index, not by hash)."""
        if not self.postgresql:
            self.connection.exec_driver_sql(
                f"CREATE INDEX {self.name}_key ON {self.name} ({', '.join(columns)})"
            )

    def duplicates(
        self, key: Sequence[str], limit: int, within: Sequence[str] = ()
    ) -> list[tuple[Any, ...]]:
        """Keys given more than once, first given first: (*key values, first line, last line).
        `within`: columns that are part of the key too, but not given in the result."""
        names = ", ".join((*key, *within))
        return [
            tuple(row)[: len(key)] + tuple(row)[-2:]
            for row in self.connection.exec_driver_sql(
                f"SELECT {names}, MIN({LINE}), MAX({LINE}) FROM {self.name} GROUP BY {names} "
                f"HAVING COUNT(*) > 1 ORDER BY MIN({LINE}) LIMIT {int(limit)}"
            )
        ]

    def drop(self) -> None:
        schema = "pg_temp" if self.postgresql else "temp"
        self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS {schema}.{self.name}")


class TableStage(Stage):
    """Rows written straight into a table that has a line column of its own (a release's
    build: writing.partitions), each with the values every row of the input shares: the
    rows are written once, where they stay, and still named by line. The table is not the
    stage's to create or drop."""

    def __init__(
        self, connection: Connection, name: str, columns: Sequence[str], fixed: Mapping[str, Any]
    ) -> None:
        self.connection = connection
        self.postgresql = connection.dialect.name == "postgresql"
        self.name = name
        self.columns = (LINE, *columns, *fixed)
        self.fixed = tuple(fixed.values())
        self.writer = BulkWriter(connection, name, self.columns, chunk=TABLE_CHUNK)
        self.rows = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.writer.add(row + self.fixed)

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        self.writer.pending.extend(row + self.fixed for row in rows)
        self.writer.flush()

    def add_columns(self, columns: Any) -> None:
        import pyarrow as pa

        for name, value in zip(self.columns[-len(self.fixed) :], self.fixed, strict=True):
            columns = columns.append_column(name, pa.repeat(value, columns.num_rows))
        self.writer.add_columns(columns)

    def close(self) -> int:
        """Every row written; how many (the table is analysed where it is put in place)."""
        self.rows = self.writer.close()
        return self.rows

    def drop(self) -> None:
        """Nothing: the rows are where they belong."""
