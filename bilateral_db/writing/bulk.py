"""The bulk writer: PostgreSQL COPY, SQLite executemany, one chunk at a time.

Rows arrive as tuples in the writer's column order and leave in chunks, so memory holds one
chunk whatever the size of the input; no ORM object and no dictionary per row. Dates may be
given as ISO text (YYYY-MM-DD), which both backends store as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import psycopg
from sqlalchemy import Connection

from bilateral_db.writing.errors import WriteError

CHUNK = 20_000


class BulkWriter:
    """Appends rows to one table inside the caller's transaction."""

    def __init__(
        self, connection: Connection, table: str, columns: Sequence[str], chunk: int = CHUNK
    ) -> None:
        self.connection = connection
        self.table = table
        self.columns = tuple(columns)
        self.chunk = chunk
        self.pending: list[tuple[Any, ...]] = []
        self.written = 0
        self.postgresql = connection.dialect.name == "postgresql"

    def add(self, row: tuple[Any, ...]) -> None:
        self.pending.append(row)
        if len(self.pending) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        try:
            self._write()
        except (sqlite3.Error, psycopg.Error) as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            raise WriteError(f"the database refused {self.table} rows: {first}") from error
        self.written += len(self.pending)
        self.pending.clear()

    def _write(self) -> None:
        driver = self.connection.connection.driver_connection
        names = ", ".join(self.columns)
        if self.postgresql:
            statement = f"COPY {self.table} ({names}) FROM STDIN"
            with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
                for row in self.pending:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in self.columns)
            driver.executemany(  # type: ignore[union-attr]
                f"INSERT INTO {self.table} ({names}) VALUES ({marks})",
                self.pending,
            )

    def close(self) -> int:
        """Write what is pending; the number of rows written in all."""
        self.flush()
        return self.written
