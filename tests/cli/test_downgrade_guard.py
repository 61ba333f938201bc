"""`db downgrade` says how many rows of data it would drop and asks; `--yes` skips the question."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from bilateral_db import migrations
from bilateral_db.cli import app
from bilateral_db.db import make_engine

runner = CliRunner()


def _rows(tables: dict[str, list[Any]]) -> int:
    return sum(len(rows) for name, rows in tables.items() if name != "alembic_version")


def test_a_downgrade_of_a_loaded_database_asks_and_changes_nothing_without_yes(
    small_loaded_url: str, fresh_migrated_url: str, snapshot: Any
) -> None:
    engine, empty = make_engine(small_loaded_url), make_engine(fresh_migrated_url)
    try:
        before = snapshot(engine)
        data_rows = _rows(before) - _rows(snapshot(empty))  # what the load added
        result = runner.invoke(app, ["db", "downgrade", "base", "--db", small_loaded_url])
        assert result.exit_code == 1, result.output
        assert f"drops {data_rows} rows of data" in result.output
        assert "membership (" in result.output
        assert "run again with --yes" in result.output
        assert snapshot(engine) == before
        assert migrations.current_revisions(small_loaded_url) == migrations.head_revisions()

        answered_no = runner.invoke(
            app, ["db", "downgrade", "base", "--db", small_loaded_url], input="n\n"
        )
        assert answered_no.exit_code == 1
        assert snapshot(engine) == before
    finally:
        engine.dispose()
        empty.dispose()

    result = runner.invoke(app, ["db", "downgrade", "base", "--yes", "--db", small_loaded_url])
    assert result.exit_code == 0, result.output
    assert migrations.current_revisions(small_loaded_url) == ()


def test_the_count_leaves_out_rows_the_migrations_seed(small_loaded_url: str) -> None:
    dropped = migrations.rows_dropped_by_downgrade(small_loaded_url, "base")
    assert "meeting_kind" not in dropped  # a vocabulary the first migration fills
    assert sum(dropped.values()) > 500  # small_fixtures holds 559 rows, some in fact/citation


def test_a_downgrade_of_an_empty_database_does_not_ask(fresh_migrated_url: str) -> None:
    result = runner.invoke(app, ["db", "downgrade", "base", "--db", fresh_migrated_url])
    assert result.exit_code == 0, result.output
    assert "drops" not in result.output
