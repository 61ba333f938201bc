"""Statements a write runs in the background on its connection (a target's early insert), and
waiting for them.

Apart from the targets so that the write transaction, which settles them before it ends, does
not load the staging machinery (and with it psycopg and the models) for a write that stages
nothing: an unchanged `load` is mostly start-up.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection

_JOBS = "bilateral_db.writing.jobs"  # connection.info: what has a statement running


class Job(Protocol):
    def settle(self, *, cancel: bool = False) -> None:
        """Wait for the statement (asking the server to stop it first, with `cancel`)."""


def started(connection: Connection, job: Job) -> None:
    """`job` has a statement running on `connection`."""
    connection.info.setdefault(_JOBS, set()).add(job)


def finished(connection: Connection, job: Job) -> None:
    """`job`'s statement on `connection` is done."""
    connection.info.get(_JOBS, set()).discard(job)


def settle(connection: Connection, *, cancel: bool = False) -> None:
    """Wait for the statements running in the background on `connection`: whoever uses the
    connection while an input is read calls this first. `cancel` asks the server to stop them
    (the transaction is going to roll back)."""
    for waiting in list(connection.info.get(_JOBS, ())):
        waiting.settle(cancel=cancel)
