"""What the fault suites share: a canonical dump, leftover-lock checks, real subprocesses."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from bilateral_db.db import table_names
from bilateral_db.writing.transaction import ADVISORY_LOCK_KEY

SCALE = int(os.environ.get("BILATERAL_FAULT_SCALE", "1"))  # more cases, kills and writers
COMMAND = [sys.executable, "-m", "bilateral_db"]


def canonical_dump(engine: Engine) -> str:
    """Every row of every table, sorted, as text: equal dumps mean equal databases."""
    lines: list[str] = []
    with engine.connect() as connection:
        quote = connection.dialect.identifier_preparer.quote
        for table in sorted(table_names(connection)):
            rows = connection.execute(text(f"SELECT * FROM {quote(table)}")).fetchall()
            lines.append(f"-- {table}")
            lines.extend(sorted(repr(tuple(row)) for row in rows))
    return "\n".join(lines)


def start(argv: list[str], cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """`bilateral-db ARGV` as a real process of its own (its own process group)."""
    return subprocess.Popen(
        [*COMMAND, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        start_new_session=True,
    )


def kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # it had finished (and been reaped)
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


class Watch:
    """Whether a writer is inside its transaction right now: it holds the loaders' advisory
    lock (PostgreSQL) or SQLite's RESERVED lock on the file (asked of the kernel with
    F_GETLK, which looks and takes nothing)."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.file: int | None = None
        self.connection: psycopg.Connection | None = None
        if parsed.get_backend_name() == "sqlite":
            self.file = os.open(parsed.database or "", os.O_RDONLY)
        else:
            self.connection = psycopg.connect(_plain(url), autocommit=True)

    def writing(self) -> bool:
        if self.file is not None:
            import fcntl
            import struct

            # struct flock (Linux): type, whence, start, length, pid; the byte SQLite locks
            # for RESERVED is one past PENDING_BYTE (0x40000000).
            layout = "hhqqi4x"
            asked = struct.pack(layout, fcntl.F_WRLCK, os.SEEK_SET, 0x40000001, 1, 0)
            held = fcntl.fcntl(self.file, fcntl.F_GETLK, asked)
            return struct.unpack(layout, held)[0] != fcntl.F_UNLCK
        assert self.connection is not None
        row = self.connection.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
            "database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ).fetchone()
        return bool(row and row[0])

    def until_writing(self, process: subprocess.Popen[bytes], timeout: float) -> bool:
        """Wait until the process is inside its transaction (True), or has ended or taken
        longer than `timeout` (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            if self.writing():
                return True
            time.sleep(0.002)
        return False

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        if self.file is not None:
            os.close(self.file)


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def leftovers(url: str, wait: float = 15.0) -> list[str]:
    """Locks and open transactions other sessions left on the database ([] when none).

    PostgreSQL notices a killed client's closed socket within moments: poll for a bounded
    while. SQLite: a write transaction can begin at once (a hot journal is rolled back).
    """
    deadline = time.monotonic() + wait
    while True:
        found = _leftovers(url)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _leftovers(url: str) -> list[str]:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        import sqlite3

        file = sqlite3.connect(parsed.database or "", timeout=0, isolation_level=None)
        try:
            file.execute("BEGIN IMMEDIATE")
            file.execute("ROLLBACK")
            return []
        except sqlite3.OperationalError as error:
            return [f"sqlite: {error}"]
        finally:
            file.close()
    with psycopg.connect(_plain(url), autocommit=True) as connection:
        sessions = connection.execute(
            "SELECT pid, state FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND state IS DISTINCT FROM 'idle'"  # a pooled connection at rest holds nothing
        ).fetchall()
        locks = connection.execute(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())"
        ).fetchall()
    return [f"session {pid} {state}" for pid, state in sessions] + [
        f"advisory lock {ADVISORY_LOCK_KEY:#x} held by {pid}" for (pid,) in locks
    ]
