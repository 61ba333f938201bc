"""List reports page in a stable order: pages put together are the whole answer, whatever their
size, `<report>_total` counts it, and a report whose rows come from SQL pages in the query."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from bilateral_db import reports


@pytest.fixture
def bundled(loaded_engine: Engine) -> Iterator[Session]:
    with Session(loaded_engine) as session:
        yield session
        session.rollback()


# Each list report with arguments that give it a few rows or more on the bundled data.
PAGED: dict[str, dict[str, Any]] = {
    "list_countries": {},
    "list_blocs": {},
    "list_agreements": {},
    "list_sources": {},
    "release_findings": {"release": "archigos-4.1"},
    "find_meetings": {"bloc": "ASEAN"},
    "trade_between": {"a": "RUS", "b": "ASEAN"},
    "membership_timeline": {"bloc": "ASEAN", "all_claims": True},
    "terms_of": {"person": "mahathir-mohamad", "all_claims": True},
    "disagreements": {"kind": "state"},
}
# Those whose rows come from SQL apply the page in the query.
IN_SQL = {
    "list_countries",
    "list_blocs",
    "list_agreements",
    "list_sources",
    "release_findings",
    "find_meetings",
    "trade_between",
}


def _pages(report: Callable[..., list[Any]], size: int, **arguments: Any) -> list[Any]:
    rows, offset = [], 0
    while True:
        page = report(limit=size, offset=offset, **arguments)
        assert len(page) <= size
        rows += page
        if len(page) < size:
            return rows
        offset += size


@pytest.mark.parametrize("name", sorted(PAGED))
def test_pages_make_up_the_whole_answer(bundled: Session, name: str) -> None:
    report = getattr(reports, name)
    total = getattr(reports, f"{name}_total")
    arguments = PAGED[name]
    whole = report(bundled, **arguments)
    assert len(whole) >= 3, "too few rows to page"
    assert total(bundled, **arguments) == len(whole)
    assert total(bundled, **arguments, limit=1, offset=2) == len(whole)  # the page is ignored
    for size in (len(whole) // 3, len(whole) - 1, len(whole) + 5):  # 4, 2 and 1 pages
        assert _pages(lambda **kw: report(bundled, **kw), size, **arguments) == whole
    assert report(bundled, **arguments, limit=0) == []
    assert report(bundled, **arguments, offset=len(whole)) == []
    assert report(bundled, **arguments, offset=1) == whole[1:]


@contextmanager
def statements_sent(session: Session) -> Iterator[list[str]]:
    sent: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", before)
    try:
        yield sent
    finally:
        event.remove(connection, "before_cursor_execute", before)


@pytest.mark.parametrize("name", sorted(IN_SQL))
def test_sql_reports_page_in_the_query(bundled: Session, name: str) -> None:
    report = getattr(reports, name)
    with statements_sent(bundled) as statements:
        rows = report(bundled, **PAGED[name], limit=2, offset=1)
    assert len(rows) == 2
    assert any(" LIMIT " in statement and " OFFSET " in statement for statement in statements)


def test_trade_pages_keep_the_change_of_a_page_s_first_row(bundled: Session) -> None:
    """A row's computed change needs the period before it, which may sit on another page."""
    whole = reports.trade_between(bundled, a="RUS", b="ASEAN", category="all-goods")
    changed = [index for index, row in enumerate(whole) if row.change_pct is not None]
    assert changed, "no computed change to look at"
    for index in changed:
        page = reports.trade_between(
            bundled, a="RUS", b="ASEAN", category="all-goods", limit=1, offset=index
        )
        assert page == [whole[index]]


def test_timeline_pages_come_after_combining(world) -> None:
    """Claim-based reports combine every claim first: a page's rows carry the same provenance
    as the same rows of the whole answer."""
    whole = reports.membership_timeline(world.session, bloc="ASEAN")
    assert reports.membership_timeline(world.session, bloc="ASEAN", limit=3, offset=4) == whole[4:7]
    assert reports.membership_timeline_total(world.session, bloc="ASEAN") == len(whole) == 12


def test_empty_pages_of_unknown_codes_still_say_so(world) -> None:
    with pytest.raises(reports.UnknownCode, match="did you mean ASEAN"):
        reports.find_meetings(world.session, bloc="ASEN", limit=5)
    assert reports.find_meetings(world.session, bloc="ASEAN", offset=1000) == []


def test_meetings_in_date_order_then_slug(world) -> None:
    rows = reports.find_meetings(world.session, date_from=date(2019, 1, 1))
    keys = [(row.start_date is None, row.start_date, row.slug) for row in rows]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1].value if k[1] else date.min, k[2]))
    assert len({row.slug for row in rows}) == len(rows)
