"""Pages of a list report: `limit` rows after the first `offset`, in a stable order.

A report whose rows come from SQL applies the page in the query (LIMIT/OFFSET after an ORDER BY
that ends in a unique key, so pages neither overlap nor skip rows); a report that combines
claims in Python pages the combined rows. Each report that pages has a `<report>_total`
function: how many rows the whole answer has. It takes the report's own arguments, a page's
limit and offset included (they change nothing), so a caller can pass them on unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, func, select

T = TypeVar("T")
Q = TypeVar("Q", bound=Select[Any])


def page_of(statement: Q, limit: int | None, offset: int) -> Q:
    """`statement` (ordered) limited to one page; the whole answer when limit is None."""
    if limit is not None:
        statement = statement.limit(limit)
    if offset:
        statement = statement.offset(offset)
    return statement


def page_rows(rows: Sequence[T], limit: int | None, offset: int) -> list[T]:
    """One page of rows already combined in Python."""
    stop = None if limit is None else offset + limit
    return list(rows[offset:stop])


def count_rows(session: Connection, statement: Select[Any]) -> int:
    """How many rows `statement` returns, counted by the database."""
    counted = select(func.count()).select_from(statement.order_by(None).subquery())
    return int(session.scalar(counted) or 0)
