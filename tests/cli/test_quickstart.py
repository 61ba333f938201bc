"""`bilateral-db quickstart`: migrate, load, report; a second run changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral_db import migrations
from bilateral_db.cli import app

runner = CliRunner()


def _flat(output: str) -> str:
    return " ".join(output.split())


def test_quickstart_twice(empty_database_url: str) -> None:
    first = runner.invoke(app, ["quickstart", "--db", empty_database_url])
    assert first.exit_code == 0, first.output
    out = _flat(first.output)
    assert f"migrated to {migrations.head_revisions()[0]}" in out
    assert "data set cow-igo-3.0: imported 534 bloc" in out
    # The Office of the Historian's records: every stop and visit a meeting of its release.
    assert "data set hsg-travels-2025-02-19: imported 5,151 meeting" in out
    assert "data set hsg-visits-2024-11-12: imported 3,264 meeting" in out
    assert "fixtures loaded:" in out and "inserted" in out
    assert "ASEAN's members today" in out
    for code in ("BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"):
        assert re.search(rf"^{code}\s", first.output, re.MULTILINE), code
    # Piped tables are plain and as wide as they need; vocabulary reads as words.
    assert "dialogue partner 1996-07" in out and "strategic partner 2018-11-14" in out
    assert "52nd ASEAN Foreign Ministers' Meeting" in out
    assert "79 139" in out and "60.00" in out and "more than" in out
    assert "19,800,000,000.00" in out and "18.56" in out

    second = runner.invoke(app, ["quickstart", "--db", empty_database_url])
    assert second.exit_code == 0, second.output
    again = _flat(second.output)
    assert "fixtures loaded: no changes" in again
    assert "data set archigos-4.1: unchanged" in again
    assert "data set hsg-visits-2024-11-12: unchanged" in again


def test_quickstart_default_is_the_embedded_sqlite_file(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend != "sqlite":
        pytest.skip("the embedded default is SQLite")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BILATERAL_DB_URL", raising=False)
    result = runner.invoke(app, ["quickstart"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bilateral.sqlite").is_file()
    assert "sqlite:///bilateral.sqlite" in result.output
