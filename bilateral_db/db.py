"""Engines and sessions for both backends, with their quirks handled in one place.

Writers get `make_engine(url)`. Every reader — a report on the command line, an export, each
request of the HTTP API — gets `make_engine(url, read_only=True)` and reads through
`read_snapshot(engine)`: one transaction that cannot write and sees one consistent state of the
database however many statements it runs (PostgreSQL: REPEATABLE READ READ ONLY; SQLite: one
read transaction on a connection opened with `mode=ro`, the file's path quoted as a URI), so a
load that commits meanwhile is seen whole or not at all. `data_version` tells readers (the
API's ETags) when the data may have changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

from bilateral_db.settings import normalise_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SQLITE_BUSY_MS = 30_000  # how long a SQLite statement waits for another connection's lock
SQLITE_WAL_LIMIT = 64 * 2**20  # bytes of write-ahead log kept after a checkpoint


class DatabaseMissing(FileNotFoundError):
    """An embedded database file that does not exist (reading it would create an empty one)."""


def make_engine(url: str, *, create: bool = True, read_only: bool = False, **kwargs: Any) -> Engine:
    """An engine for `url`; SQLite connections get foreign keys and a busy timeout.

    With create=False a SQLite file that is not there is an error instead of a new empty file.
    With read_only=True (which implies create=False) no connection of the engine can write:
    SQLite opens the file with `mode=ro`, PostgreSQL runs every transaction READ ONLY at
    REPEATABLE READ.
    """
    url = normalise_url(url)
    parsed = make_url(url)
    database = parsed.database
    sqlite = parsed.get_backend_name() == "sqlite"
    file_based = sqlite and bool(database) and database != ":memory:"
    if (not create or read_only) and file_based and not Path(str(database)).exists():
        raise DatabaseMissing(f"no database at {database}")
    if read_only and sqlite:
        engine = create_engine(_sqlite_read_only_url(parsed), **kwargs)
    elif read_only:
        engine = create_engine(
            parsed,
            isolation_level="REPEATABLE READ",
            execution_options={"postgresql_readonly": True},
            **kwargs,
        )
    else:
        engine = create_engine(parsed, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, wal=file_based and not read_only)
    else:
        _configure_postgresql(engine)
    return engine


def _configure_postgresql(engine: Engine) -> None:
    # PostgreSQL compiles a query to machine code (JIT) once its estimated cost passes
    # jit_above_cost. Our reports' estimates pass it on a million trade rows while they read a
    # few hundred by index: `report trade USA CAN` spent 5.6 of its 5.6 s compiling.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        dbapi_connection.commit()  # a SET inside a transaction that rolls back is undone


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url if isinstance(engine_or_url, str) else str(engine_or_url.url)
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_read_only_url(parsed: URL) -> URL:
    database = parsed.database or ""
    if database in ("", ":memory:"):
        return parsed  # a private in-memory database: nothing another process could see
    # A URI filename: characters such as '?', '#' and '%' in the path must be escaped.
    path = quote(str(Path(database).resolve()), safe="/")
    return parsed.set(database=f"file:{path}", query={"mode": "ro", "uri": "true"})


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    # pysqlite's own transaction handling issues BEGIN lazily and never for DDL; taking over
    # lets migrations and loads run in one real transaction, and lets us ask for BEGIN IMMEDIATE.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        if wal:
            # Write-ahead log: readers keep reading the last commit while a writer writes and
            # commits, however large its transaction (the rollback journal's writer locks
            # readers out once its changes outgrow the page cache, until it commits: 30 s of
            # a 1M-row import, docs/performance.md). The mode is the file's own, set by the
            # first writer to open it; the log is cut back to SQLITE_WAL_LIMIT after a
            # checkpoint, not left at the size of the largest import.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA journal_size_limit={SQLITE_WAL_LIMIT}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed if the block finishes, rolled back if it raises."""
    from sqlalchemy.orm import sessionmaker  # writers only: readers never load the ORM

    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose every statement reads the same committed state; always rolled back.

    Give it an engine from make_engine(url, read_only=True) so that it cannot write either.
    On SQLite the snapshot is taken by a first read here, so later statements (and a load
    that commits meanwhile) cannot move it; on PostgreSQL REPEATABLE READ fixes it at the
    first statement. A Core connection, not an ORM session: readers select from the Core
    tables of `bilateral_db.tables`, so a report loads neither the ORM nor the models.
    """
    with engine.connect() as connection:
        try:
            connection.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master"
                if engine.dialect.name == "sqlite"
                else "SELECT 1"
            )
            yield connection
        finally:
            connection.rollback()


def data_version(connection: Connection) -> str:
    """A token that changes whenever the data may have changed (a load or an import).

    SQLite: the file's change counter (bytes 24–27 of its header, bumped by every committed
    write) with the size and time of the file and of its write-ahead log; the file is the one
    the connection has open, whatever its URL looked like. PostgreSQL: the server's
    write-ahead-log position, which moves with every write anywhere on the server, so clients
    revalidate more often than needed but never keep stale data.
    """
    if connection.dialect.name == "sqlite":
        rows = connection.execute(text("PRAGMA database_list")).all()
        path = next(str(row[2]) for row in rows if row[1] == "main")
        parts = []
        for name in (path, f"{path}-wal"):
            try:
                stat = os.stat(name)
            except FileNotFoundError:
                continue
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
        if path:  # a private in-memory database has no file
            with open(path, "rb") as handle:
                parts.append(handle.read(28)[24:28].hex())
        token = "|".join(parts)
    else:
        token = str(
            connection.execute(
                text(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
                    "ELSE pg_current_wal_lsn() END"
                )
            ).scalar_one()
        )
    import hashlib  # the API's ETags only: a report does not load it

    return hashlib.sha256(token.encode()).hexdigest()[:16]


def partition_names(connection: Connection) -> set[str]:
    """PostgreSQL: the tables that are partitions of another (trade_figure's, one per
    release); their rows are the partitioned table's. None on SQLite."""
    if connection.dialect.name != "postgresql":
        return set()
    sql = "SELECT relname FROM pg_class WHERE relispartition AND relkind = 'r'"
    return {str(name) for name in connection.exec_driver_sql(sql).scalars()}


def table_names(connection: Connection) -> list[str]:
    """The database's tables, a partitioned table once and its partitions not at all."""
    from sqlalchemy import inspect

    partitions = partition_names(connection)
    return [name for name in inspect(connection).get_table_names() if name not in partitions]
