"""Engines: SQLite gets its pragmas on every connection, and reading never creates a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral_db.cli import app
from bilateral_db.db import DatabaseMissing, make_engine


def test_sqlite_connections_enforce_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    try:
        for _ in range(2):  # every connection of the pool, not only the first
            with engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_missing_sqlite_file_is_an_error_when_it_must_exist(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        make_engine(f"sqlite:///{tmp_path / 'absent.sqlite'}", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["report", "members", "ASEAN"],
        ["load"],
        ["export", "panel", "--unit", "country-year", "--out", "panel.csv"],
    ],
)
def test_commands_that_read_do_not_create_an_empty_database(
    tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "typo.sqlite"
    result = CliRunner().invoke(app, [*command, "--db", f"sqlite:///{target}"])
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert not target.exists()


def test_postgresql_sessions_do_not_compile_queries(backend: str, fresh_migrated_url: str) -> None:
    """JIT compiling cost 5.6 s of a 5.6 s trade report on a million rows: it is off."""
    from sqlalchemy import text

    if backend != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    for read_only in (False, True):
        engine = make_engine(fresh_migrated_url, read_only=read_only)
        try:
            with engine.connect() as connection:
                assert connection.execute(text("SHOW jit")).scalar_one() == "off"
        finally:
            engine.dispose()
