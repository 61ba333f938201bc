"""Engines and sessions for both backends, with their quirks handled in one place."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bilateral_db.settings import normalise_url


class DatabaseMissing(FileNotFoundError):
    """An embedded database file that does not exist (reading it would create an empty one)."""


def make_engine(url: str, *, create: bool = True, **kwargs: Any) -> Engine:
    """An engine for `url`; SQLite connections get foreign keys and a busy timeout.

    With create=False a SQLite file that is not there is an error instead of a new empty file.
    """
    url = normalise_url(url)
    database = make_url(url).database
    file_based = is_sqlite(url) and database and database != ":memory:"
    # file_based implies a database name; mypy does not narrow through the variable.
    if not create and file_based and not Path(cast(str, database)).exists():
        raise DatabaseMissing(f"no database at {database}")
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url if isinstance(engine_or_url, str) else str(engine_or_url.url)
    return make_url(url).get_backend_name() == "sqlite"


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling issues BEGIN lazily and never for DDL; taking over
    # lets migrations and loads run in one real transaction, and lets us ask for BEGIN IMMEDIATE.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed if the block finishes, rolled back if it raises."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session
