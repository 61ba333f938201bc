"""What a running load holds, held by a test on a connection of its own."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from bilateral_db.writing.transaction import ADVISORY_LOCK_KEY


@contextmanager
def another_loader(url: str) -> Iterator[Callable[[], None]]:
    """Hold what a running load holds, on a connection of its own; yields a release function."""
    parsed = make_url(url)
    connection: Any
    if parsed.get_backend_name() == "sqlite":
        connection = sqlite3.connect(
            parsed.database or "", isolation_level=None, check_same_thread=False
        )
        connection.execute("BEGIN IMMEDIATE")
    else:
        plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        connection = psycopg.connect(plain)
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_LOCK_KEY,))
    released = threading.Lock()

    def release() -> None:
        if released.acquire(blocking=False):
            connection.execute("ROLLBACK")
            connection.close()

    try:
        yield release
    finally:
        release()
