"""The bulk writer: PostgreSQL COPY, SQLite executemany, one chunk at a time.

Rows arrive as tuples in the writer's column order and leave in chunks, so memory holds one
chunk whatever the size of the input; no ORM object and no dictionary per row. Dates may be
given as ISO text (YYYY-MM-DD), which both backends store as they are.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import Connection

from bilateral_db.writing import jobs
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
        self._job: threading.Thread | None = None  # a batch of columns being copied
        self._job_error: BaseException | None = None

    def add(self, row: tuple[Any, ...]) -> None:
        self.pending.append(row)
        if len(self.pending) >= self.chunk:
            self.flush()

    def add_columns(self, columns: Any) -> None:
        """An Arrow table of the writer's columns, in order: PostgreSQL copies it as CSV that
        Arrow writes (no Python object per row), in the background (the reader goes on with
        its next batch meanwhile; whoever uses the connection next waits: writing.jobs); SQLite
        takes its rows at once."""
        self.flush()  # and the batch before, if it is still being copied
        if not self.postgresql:
            names, marks = ", ".join(self.columns), ", ".join("?" for _ in self.columns)
            rows = zip(*(column.to_pylist() for column in columns.columns), strict=True)
            with self._refusal():
                self.connection.connection.driver_connection.executemany(  # type: ignore[union-attr]
                    f"INSERT INTO {self.table} ({names}) VALUES ({marks})", rows
                )
            self.written += columns.num_rows
            return
        self._job = threading.Thread(target=self._copy_columns, args=(columns,), daemon=True)
        jobs.started(self.connection, self)
        self._job.start()

    def _copy_columns(self, columns: Any) -> None:
        import pyarrow as pa
        from pyarrow import csv as arrow_csv

        driver = self.connection.connection.driver_connection
        statement = f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN (FORMAT csv)"
        try:
            with self._refusal(), driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
                # Arrow writes the CSV into the COPY a few rows at a time; a null is an empty
                # field, which COPY's CSV reads as NULL.
                arrow_csv.write_csv(
                    columns,
                    pa.PythonFile(_Sink(copy.write), mode="w"),
                    arrow_csv.WriteOptions(include_header=False),
                )
            self.written += columns.num_rows
        except BaseException as error:  # raised in the caller's thread by settle
            self._job_error = error

    def settle(self, *, cancel: bool = False) -> None:
        """Wait for the batch being copied, if any (asking the server to stop it first, with
        `cancel`); raise what refused it."""
        job, self._job = self._job, None
        if job is None:
            return
        if cancel and job.is_alive():
            self.connection.connection.driver_connection.cancel_safe()  # type: ignore[union-attr]
        job.join()
        jobs.finished(self.connection, self)
        error, self._job_error = self._job_error, None
        if error is not None and not cancel:
            raise error

    @contextmanager
    def _refusal(self) -> Iterator[None]:
        """What the database refuses, as the writer's error naming the table."""
        try:
            yield
        except (sqlite3.Error, psycopg.Error) as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            raise WriteError(f"the database refused {self.table} rows: {first}") from error

    def flush(self) -> None:
        self.settle()
        if not self.pending:
            return
        with self._refusal():
            self._write()
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


class _Sink:
    """A file that hands what is written to `write` (for Arrow's CSV writer)."""

    closed = False

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._write = write

    def write(self, data: bytes) -> int:
        self._write(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True
