"""The API's connection: read-only on both backends, one snapshot per request.

`read_only_engine` and `read_only_session` are the two functions to swap for the shared ones
of bilateral_db.db once those exist (the access issue): everything else in the API opens the
database through them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bilateral_db.db import DatabaseMissing, is_sqlite, make_engine


def read_only_engine(url: str) -> Engine:
    """An engine that cannot write: SQLite opened with mode=ro, PostgreSQL transactions
    read-only and REPEATABLE READ (so each request reads one snapshot)."""
    if is_sqlite(url):
        database = make_url(url).database or ""
        if not database or database == ":memory:":
            raise ValueError("the API serves a database file, not an in-memory database")
        path = Path(database).resolve()
        if not path.is_file():
            raise DatabaseMissing(f"no database at {database}")
        # check_same_thread off: the API's worker threads take turns with pooled connections.
        return make_engine(
            f"sqlite:///file:{path}?mode=ro&uri=true",
            connect_args={"check_same_thread": False},
        )
    return make_engine(
        url,
        connect_args={"options": "-c default_transaction_read_only=on"},
        isolation_level="REPEATABLE READ",
        pool_pre_ping=True,
    )


@contextmanager
def read_only_session(engine: Engine) -> Iterator[Session]:
    """A session for one request; whatever it reads comes from one transaction."""
    with Session(engine) as session, session.begin():
        yield session
        session.rollback()  # nothing to keep: end the read-only transaction at once


def data_version(session: Session) -> str:
    """A token that changes whenever the data may have changed (a load or an import).

    SQLite: the file's change counter (bytes 24–27 of its header, bumped by every committed
    write) with the size and time of the file and of its write-ahead log. PostgreSQL: the
    server's write-ahead-log position, which moves with every write anywhere on the server, so
    clients revalidate more often than needed but never keep stale data. (A version row written
    by every load and import would make this exact and per database: see the API notes.)
    """
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        database = make_url(str(bind.engine.url)).database or ""
        path = database.removeprefix("file:").split("?", 1)[0]
        parts = []
        for name in (path, f"{path}-wal"):
            try:
                stat = os.stat(name)
            except FileNotFoundError:
                continue
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
        with open(path, "rb") as handle:
            header = handle.read(28)
        parts.append(header[24:28].hex())
        token = "|".join(parts)
    else:
        token = str(
            session.execute(
                text(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
                    "ELSE pg_current_wal_lsn() END"
                )
            ).scalar_one()
        )
    return hashlib.sha256(token.encode()).hexdigest()[:16]
