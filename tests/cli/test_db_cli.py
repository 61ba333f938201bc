"""`bilateral-db db …` through Typer's runner, on both backends."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bilateral_db import migrations
from bilateral_db.cli import app

runner = CliRunner()


def test_upgrade_current_check_downgrade(empty_database_url: str) -> None:
    head = migrations.head_revisions()[0]
    result = runner.invoke(app, ["db", "current", "--db", empty_database_url])
    if empty_database_url.startswith("sqlite"):  # no file yet, and asking does not create one
        assert result.exit_code == 1, result.output
        assert "no database at" in result.output
    else:
        assert result.exit_code == 0, result.output
        assert "not migrated" in result.output

    result = runner.invoke(app, ["db", "upgrade", "--db", empty_database_url])
    assert result.exit_code == 0, result.output
    assert f"is at {head}" in result.output

    result = runner.invoke(app, ["db", "current", "--db", empty_database_url])
    assert "up to date" in result.output

    result = runner.invoke(app, ["db", "check", "--db", empty_database_url])
    assert result.exit_code == 0, result.output
    assert "models and migrations agree" in result.output

    result = runner.invoke(app, ["db", "downgrade", "base", "--db", empty_database_url])
    assert result.exit_code == 0, result.output
    assert migrations.current_revisions(empty_database_url) == ()


def test_unknown_revision_is_a_clear_error(migrated_url: str) -> None:
    result = runner.invoke(app, ["db", "downgrade", "nope", "--db", migrated_url])
    assert result.exit_code == 1
    assert "Can't locate revision" in result.output
    assert "Traceback" not in result.output


def test_history_lists_every_revision() -> None:
    result = runner.invoke(app, ["db", "history"])
    assert result.exit_code == 0
    assert "0001 <- base" in result.output


def test_password_in_url_is_not_printed(tmp_path: Path) -> None:
    url = "postgresql://someone:hunter2@127.0.0.1:1/nowhere"
    result = runner.invoke(app, ["db", "current", "--db", url])
    assert result.exit_code == 1
    assert "hunter2" not in result.output
    assert "***" in result.output


def test_environment_variable_chooses_the_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BILATERAL_DB_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.sqlite").exists()
