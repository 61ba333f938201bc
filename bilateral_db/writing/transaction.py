"""The one transaction every write runs in: exclusive between writers, on a database at head.

Loads and imports take the same lock (PostgreSQL: a transaction-scoped advisory lock; SQLite:
BEGIN IMMEDIATE, the file's one writer), so two of them never interleave, and readers keep
reading the last committed state until the writer commits. On PostgreSQL the commit first
attaches what was built beside a partitioned table (writing.partitions) and renews the planner
statistics of the tables the transaction changed (writing.statistics).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import RootTransaction
from sqlalchemy.exc import DBAPIError

from bilateral_db import revisions
from bilateral_db.settings import redact_url
from bilateral_db.writing.errors import WriteError
from bilateral_db.writing.jobs import settle

# pg_advisory_xact_lock key shared by every writer (loads and imports): "bilatera" in ASCII.
ADVISORY_LOCK_KEY = 0x62696C6174657261
_LOCK_NOT_AVAILABLE = "55P03"


@contextmanager
def write_transaction(engine: Engine, lock_timeout: float) -> Iterator[Connection]:
    """A connection in a transaction that no other writer can share.

    The caller commits; anything else (an exception, Ctrl-C, a dry run) rolls back. A second
    writer waits up to `lock_timeout` seconds, then fails with a WriteError.
    """
    if not 0 <= lock_timeout < float("inf"):  # also refuses NaN
        raise WriteError(
            f"the lock wait must be a number of seconds, 0 or more, not {lock_timeout}"
        )
    sqlite = engine.dialect.name == "sqlite"
    try:
        connection = engine.connect()
    except DBAPIError as error:
        where = redact_url(str(engine.url))
        raise WriteError(f"cannot connect to {where}: {error.orig or error}") from error
    with connection:
        restore = _sqlite_busy_timeout(connection, lock_timeout) if sqlite else None
        try:
            if sqlite:
                connection = connection.execution_options(sqlite_begin="IMMEDIATE")
            transaction = _begin(connection, engine, lock_timeout)
            if restore is not None:
                # The writers' lock is held; the commit may still wait for readers to finish
                # their snapshot, however briefly `--wait` lets it wait for another writer.
                _set_busy_timeout(connection, max(restore, _milliseconds(lock_timeout)))
            try:
                if not sqlite:
                    _advisory_lock(connection, engine, lock_timeout)
                    event.listen(connection, "commit", _before_commit)
                _require_head(connection, engine)
                yield connection
            finally:
                settle(connection, cancel=transaction.is_active)  # early inserts stopped
                # A commit that failed leaves its transaction inactive but still open (the
                # work _before_commit refused, say): it is rolled back too, never handed
                # back to the pool as it is.
                if transaction.is_active or connection.get_transaction() is transaction:
                    transaction.rollback()
                if event.contains(connection, "commit", _before_commit):
                    event.remove(connection, "commit", _before_commit)
        finally:
            if restore is not None:
                _set_busy_timeout(connection, restore)


def _before_commit(connection: Connection) -> None:
    """As the transaction commits: a release's rows built beside a partitioned table and not
    attached yet are attached (writing.partitions), then the planner's statistics of what the
    transaction wrote are renewed, in it. (Imported here: they need psycopg, which a write on
    SQLite need not load.)"""
    from bilateral_db.writing import partitions, statistics

    partitions.put_in_place(connection)
    statistics.refresh(connection.connection.driver_connection, statistics.analysed_in(connection))


def _begin(connection: Connection, engine: Engine, lock_timeout: float) -> RootTransaction:
    try:
        return connection.begin()
    except DBAPIError as error:
        if "locked" in str(error.orig) or "busy" in str(error.orig):
            raise _busy(engine, lock_timeout) from error
        raise


def _advisory_lock(connection: Connection, engine: Engine, lock_timeout: float) -> None:
    milliseconds = _milliseconds(lock_timeout)
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
    try:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise _busy(engine, lock_timeout) from error
        raise
    connection.exec_driver_sql("SET LOCAL lock_timeout TO DEFAULT")


def _milliseconds(seconds: float) -> int:
    """A wait both backends accept: at least 1 ms, at most 2^31 - 1 ms (about 24 days)."""
    return min(2**31 - 1, max(1, int(seconds * 1000)))


def _busy(engine: Engine, lock_timeout: float) -> WriteError:
    return WriteError(
        f"another load is running on {redact_url(str(engine.url))}; "
        f"gave up after waiting {lock_timeout:g} s. Try again when it has finished."
    )


def _require_head(connection: Connection, engine: Engine) -> None:
    current = set(revisions.database_heads(connection))
    heads = set(_bundled_heads())
    if current == heads:
        return
    where = redact_url(str(engine.url))
    newest = ", ".join(sorted(heads))
    if not current:
        raise WriteError(
            f"the database {where} is not migrated; run `bilateral-db db upgrade` first"
        )
    raise WriteError(
        f"the database {where} is at revision {', '.join(sorted(current))}, not the newest "
        f"({newest}); run `bilateral-db db upgrade` first"
    )


def _bundled_heads() -> tuple[str, ...]:
    """The migrations' heads, read from their files; from Alembic where that reader cannot
    follow them (bilateral_db.revisions)."""
    heads = revisions.bundled_heads()
    if heads is not None:
        return heads
    from bilateral_db import migrations

    return migrations.head_revisions()


def _sqlite_busy_timeout(connection: Connection, lock_timeout: float) -> int:
    """Set how long SQLite waits for another writer; returns the previous setting."""
    # The raw sqlite3 connection (typed as optional by SQLAlchemy; always there while connected).
    driver = connection.connection.driver_connection
    previous = int(driver.execute("PRAGMA busy_timeout").fetchone()[0])  # type: ignore[union-attr]
    _set_busy_timeout(connection, _milliseconds(lock_timeout))
    return previous


def _set_busy_timeout(connection: Connection, milliseconds: int) -> None:
    driver = connection.connection.driver_connection
    driver.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")  # type: ignore[union-attr]
