"""Report tests count the statements a report sends, so an N+1 report fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def counting(connection: Connection) -> Iterator[QueryCounter]:
    """Count the statements sent to the database inside the block."""
    counter = QueryCounter()

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        counter.statements.append(statement)

    event.listen(connection, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(connection, "before_cursor_execute", before)


@pytest.fixture
def count_queries(session: Session) -> Any:
    """`with count_queries() as counter:` counts the statements the session runs in the block."""
    return lambda: counting(session.connection())
