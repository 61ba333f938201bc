"""`bilateral-db validate` and `bilateral-db load` through Typer's runner, with exit codes."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from bilateral_db.cli import app
from bilateral_db.db import make_engine

runner = CliRunner()


def test_validate_accepts_a_valid_set(small_fixtures: Any) -> None:
    result = runner.invoke(app, ["validate", str(small_fixtures.path)])
    assert result.exit_code == 0, result.output
    assert "valid, 559 rows in 24 tables" in result.output


def test_validate_lists_every_problem_and_exits_1(small_fixtures: Any) -> None:
    small_fixtures.replace("topics.yaml", "name: Energy", "nme: Energy")
    small_fixtures.replace("trade_changes.csv", "39.25", "39.255")
    result = runner.invoke(app, ["validate", str(small_fixtures.path)])
    assert result.exit_code == 1
    line = small_fixtures.line_of("topics.yaml", "nme: Energy")
    assert f"topics.yaml:{line}: energy: nme: unknown field (a typo?)" in result.output
    change = "trade_changes.csv:3: RUS/THA/2018/total/agriculture/reported: change_pct:"
    assert change in result.output
    assert "3 problems in the fixtures" in result.output
    assert "Traceback" not in result.output


def test_validate_usage_errors_exit_2(tmp_path: Any) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2


def test_load_then_load_again_reports_no_changes(
    fresh_migrated_url: str, small_fixtures: Any
) -> None:
    first = runner.invoke(app, ["load", str(small_fixtures.path), "--db", fresh_migrated_url])
    assert first.exit_code == 0, first.output
    assert "membership" in first.output
    assert "559 inserted, 0 updated, 0 unchanged" in first.output

    second = runner.invoke(app, ["load", str(small_fixtures.path), "--db", fresh_migrated_url])
    assert second.exit_code == 0, second.output
    assert "no changes (559 rows unchanged)" in second.output


def test_load_dry_run_and_prune(small_loaded_url: str, small_fixtures: Any, snapshot: Any) -> None:
    from bilateral_db.db import make_engine

    small_fixtures.replace("relations.yaml", "[energy, cybersecurity]", "[energy]")
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    engine = make_engine(small_loaded_url)
    try:
        before = snapshot(engine)
        dry = runner.invoke(
            app,
            ["load", str(small_fixtures.path), "--dry-run", "--prune", "--db", small_loaded_url],
        )
        assert dry.exit_code == 0, dry.output
        assert "dry run" in dry.output
        assert "RUS/THA/cybersecurity" in dry.output
        assert snapshot(engine) == before

        kept = runner.invoke(app, ["load", str(small_fixtures.path), "--db", small_loaded_url])
        assert kept.exit_code == 0, kept.output
        assert "relation_topic in the database only:" in kept.output
        assert "load with --prune" in kept.output

        pruned = runner.invoke(
            app, ["load", str(small_fixtures.path), "--prune", "--db", small_loaded_url]
        )
        assert pruned.exit_code == 0, pruned.output
        assert "relation_topic removed:" in pruned.output
        assert "1 removed" in pruned.output
    finally:
        engine.dispose()


def test_load_refuses_invalid_files_and_unmigrated_databases(
    empty_database_url: str, fresh_migrated_url: str, small_fixtures: Any
) -> None:
    engine = make_engine(empty_database_url)
    with engine.connect():  # exists, but empty: a missing SQLite file is an error of its own
        pass
    engine.dispose()
    not_migrated = runner.invoke(
        app, ["load", str(small_fixtures.path), "--db", empty_database_url]
    )
    assert not_migrated.exit_code == 1
    assert "is not migrated; run `bilateral-db db upgrade` first" in not_migrated.output

    small_fixtures.replace("currencies.yaml", "minor_unit: 2", "minor_unit: 7")
    invalid = runner.invoke(app, ["load", str(small_fixtures.path), "--db", fresh_migrated_url])
    assert invalid.exit_code == 1
    assert "currencies.yaml:1: USD: minor_unit:" in invalid.output

    usage = runner.invoke(app, ["load", "--frobnicate"])
    assert usage.exit_code == 2
