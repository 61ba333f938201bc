"""One snapshot per answer: a load that commits between a report's statements is not seen.

The load is pinned between the report's first and second statement by a cursor event, and
commits there on both backends: the report's transaction does not see it (PostgreSQL:
REPEATABLE READ; SQLite: its read transaction on the write-ahead log, which a writer no longer
waits for). The same report in a plain PostgreSQL session would mix old rows with new
citations, which the control case shows. Either way the answer is the old state, whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bilateral_db import reports
from bilateral_db.db import make_engine, read_snapshot
from bilateral_db.load import LoadError, load_fixtures

runner = CliRunner()
MEMBERS = ["report", "members", "ASEAN", "--on", "2019-08-01", "--cite", "--format", "json"]


def _edit(small_fixtures: Any) -> None:
    """A load that changes both the rows and the citations behind them."""
    small_fixtures.replace(
        "blocs.yaml",
        "{member: THA, role: member, start: 1967-08-08}",
        "{member: THA, role: member, start: 1967-08-08, end: 2030}",
    )
    text = small_fixtures.file("sources.yaml").read_text(encoding="utf-8")
    start = text.index("- slug: asean-members")
    title = text.index("title:", start)
    end = text.index("\n", title)
    small_fixtures.file("sources.yaml").write_text(
        text[:title] + 'title: "ASEAN members, revised"' + text[end:], encoding="utf-8"
    )


@contextmanager
def load_between_statements(url: str, paths: list[Any]) -> Iterator[dict[str, Any]]:
    """After the first SELECT of any other engine, run (and try to commit) a load once."""
    state: dict[str, Any] = {"fired": False, "outcome": None}
    writer = make_engine(url)

    def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if state["fired"] or conn.engine is writer or "FROM" not in statement.upper():
            return
        if "sqlite_master" in statement or statement.strip() == "SELECT 1":
            return  # the snapshot's own first read: pin the load after a report's statement
        state["fired"] = True
        try:
            state["outcome"] = load_fixtures(writer, paths, lock_timeout=1)
        except LoadError as error:
            state["outcome"] = error

    event.listen(Engine, "after_cursor_execute", after)
    try:
        yield state
    finally:
        event.remove(Engine, "after_cursor_execute", after)
        writer.dispose()


def _titles(answer: list[dict[str, Any]]) -> set[str]:
    return {citation["title"] for row in answer for citation in row["citations"]}


def test_a_report_reads_one_snapshot_while_a_load_commits(
    backend: str, small_loaded_url: str, small_fixtures: Any
) -> None:
    from bilateral_db.cli import app

    old = json.loads(runner.invoke(app, [*MEMBERS, "--db", small_loaded_url]).output)
    _edit(small_fixtures)
    with load_between_statements(small_loaded_url, [small_fixtures.path]) as state:
        pinned = runner.invoke(app, [*MEMBERS, "--db", small_loaded_url])
    assert pinned.exit_code == 0, pinned.output
    assert state["fired"]
    assert json.loads(pinned.output) == old
    assert not isinstance(state["outcome"], LoadError), state["outcome"]
    assert state["outcome"].changed  # committed in the middle of the report
    new = json.loads(runner.invoke(app, [*MEMBERS, "--db", small_loaded_url]).output)
    assert new != old
    assert "ASEAN members, revised" in _titles(new)
    assert "ASEAN members, revised" not in _titles(old)


def test_without_a_snapshot_postgresql_mixes_old_rows_and_new_citations(
    backend: str, small_loaded_url: str, small_fixtures: Any
) -> None:
    """The control: the same two statements in a READ COMMITTED session do see half a load."""
    if backend != "postgresql":
        pytest.skip(
            "a SQLite transaction reads one snapshot of its log; only PostgreSQL's "
            "READ COMMITTED can mix"
        )
    from datetime import date

    _edit(small_fixtures)
    engine = make_engine(small_loaded_url)
    try:
        with (
            load_between_statements(small_loaded_url, [small_fixtures.path]) as state,
            Session(engine) as plain,
        ):
            rows = reports.members_on(plain, bloc="ASEAN", on=date(2019, 8, 1))
            cited = reports.sources_for(plain, fact_ids=[row.fact_id for row in rows])
        assert state["fired"]
        tha = next(row for row in rows if row.country == "THA" and row.role == "member")
        assert tha.end_date is None  # the old row …
        titles = {s.title for group in cited.values() for s in group}
        assert "ASEAN members, revised" in titles  # … with the new citation

        with read_snapshot(make_engine(small_loaded_url, read_only=True)) as snap:
            again = reports.members_on(snap, bloc="ASEAN", on=date(2019, 8, 1))
        assert any(str(r.end_date) == "2030" for r in again if r.country == "THA")
    finally:
        engine.dispose()
