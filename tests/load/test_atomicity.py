"""A load that fails at any point (an exception, Ctrl-C, the database) leaves no trace."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from bilateral_db.load import LoadError, load_fixtures
from bilateral_db.load.sync import Synchronizer


def _edit(small_fixtures: Any) -> None:
    """Changes in early and late tables, so a failure half way has written something."""
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    small_fixtures.append("topics.yaml", "- {slug: tourism, name: Tourism}\n")
    small_fixtures.replace("relations.yaml", "[energy, cybersecurity]", "[energy, tourism]")


@pytest.mark.parametrize("interruption", [RuntimeError("crash"), KeyboardInterrupt()])
def test_an_interruption_half_way_rolls_everything_back(
    interruption: BaseException, small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    _edit(small_fixtures)
    before = snapshot(small_loaded_engine)
    reached: list[str] = []

    def progress(entity: str, done: int, total: int) -> None:
        if done and entity == "relation_topic":  # topics are written by now
            reached.append(entity)
            raise interruption

    with pytest.raises(type(interruption)):
        load_fixtures(small_loaded_engine, [small_fixtures.path], progress=progress)

    assert reached
    assert snapshot(small_loaded_engine) == before


def test_an_exception_inside_a_write_rolls_everything_back(
    monkeypatch: pytest.MonkeyPatch, small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    _edit(small_fixtures)
    before = snapshot(small_loaded_engine)
    original = Synchronizer._insert
    calls: list[str] = []

    def failing_insert(self: Synchronizer, entity: str, inserts: Any) -> None:
        calls.append(entity)
        if entity == "relation_topic":
            raise KeyboardInterrupt
        original(self, entity, inserts)

    monkeypatch.setattr(Synchronizer, "_insert", failing_insert)
    with pytest.raises(KeyboardInterrupt):
        load_fixtures(small_loaded_engine, [small_fixtures.path])

    assert calls == ["topic", "relation_topic"]
    assert snapshot(small_loaded_engine) == before


def test_a_database_refusal_names_the_record_and_rolls_back(
    monkeypatch: pytest.MonkeyPatch, small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    """A rule only the database knows (here: a source URL too long for PostgreSQL's column is
    not one, so we break a CHECK by hand) still ends in a LoadError naming the record."""
    _edit(small_fixtures)
    before = snapshot(small_loaded_engine)
    original = Synchronizer._desired

    def bad_desired(self: Synchronizer, entity: str, record: Any) -> dict[str, Any]:
        row = original(self, entity, record)
        if entity == "topic" and record.label == "tourism":
            row["slug"] = "Not A Slug"  # breaks ck_topic_slug_format
        return row

    monkeypatch.setattr(Synchronizer, "_desired", bad_desired)
    with pytest.raises(LoadError) as raised:
        load_fixtures(small_loaded_engine, [small_fixtures.path])

    line = small_fixtures.line_of("topics.yaml", "tourism")
    assert f"topics.yaml:{line}: tourism: the database refused this topic row" in str(raised.value)
    assert "slug_format" in str(raised.value)
    assert snapshot(small_loaded_engine) == before


def test_an_unmigrated_database_is_refused(empty_database_url: str, small_fixtures: Any) -> None:
    from bilateral_db.db import make_engine

    engine = make_engine(empty_database_url)
    try:
        with pytest.raises(LoadError, match="is not migrated; run `bilateral-db db upgrade`"):
            load_fixtures(engine, [small_fixtures.path])
    finally:
        engine.dispose()
