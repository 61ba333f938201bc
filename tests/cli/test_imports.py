"""`bilateral-db import …` sets no traps: it refuses what would match nothing, redoes a release
when asked, names the file it imports and the data set a wrong file belongs to, and an
interrupted import says that nothing changed."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import DATASET_SLICES
from typer.testing import CliRunner

from bilateral_db.cli import app
from bilateral_db.cli.progress import ProgressBar
from bilateral_db.db import make_engine

runner = CliRunner()


def test_an_import_before_load_refuses_and_says_what_to_run(
    fresh_migrated_url: str, snapshot: Any
) -> None:
    engine = make_engine(fresh_migrated_url)
    try:
        before = snapshot(engine)
        result = runner.invoke(app, ["import", "cow-igo", "--db", fresh_migrated_url])
        assert result.exit_code == 1, result.output
        assert "importing the file shipped with the package, cow/state_year_formatv3.csv.gz" in (
            result.output
        )
        assert "would match nothing: run `bilateral-db load` first" in result.output
        assert snapshot(engine) == before
    finally:
        engine.dispose()


def test_force_redoes_a_release_the_same_file_leaves_alone(curated_url: str) -> None:
    args = ["import", "gw-states", "--db", curated_url]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "gw-states: imported 216 system_membership" in first.output
    again = runner.invoke(app, args)
    assert "unchanged (the same file is already imported); nothing written" in again.output
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "imported 216 system_membership (0 inserted, 0 updated, 216 unchanged" in forced.output


def test_a_file_of_another_data_set_is_named(curated_url: str) -> None:
    path = DATASET_SLICES / "archigos_slice.csv"
    result = runner.invoke(app, ["import", "gw-states", str(path), "--db", curated_url])
    assert result.exit_code == 1, result.output
    assert "this looks like Archigos" in result.output
    assert "`bilateral-db import archigos`" in result.output


def test_cow_trade_ships_no_file_so_path_is_required(curated_url: str) -> None:
    result = runner.invoke(app, ["import", "cow-trade", "--db", curated_url])
    assert result.exit_code == 2, result.output
    assert "no cow-trade file is shipped with the package" in result.output


def test_ctrl_c_during_an_import_says_nothing_was_changed(
    curated_url: str, snapshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def interrupted(self: ProgressBar, done: int, *args: Any, **kwargs: Any) -> None:
        calls.append(done)
        if len(calls) == 2:  # rows are staged by now: the interrupt comes mid-import
            raise KeyboardInterrupt

    monkeypatch.setattr(ProgressBar, "update", interrupted)
    engine = make_engine(curated_url)
    try:
        before = snapshot(engine)
        path = DATASET_SLICES / "cow_igo_slice.csv.gz"
        result = runner.invoke(app, ["import", "cow-igo", str(path), "--db", curated_url])
        assert result.exit_code == 130, result.output
        assert "interrupted; nothing was changed" in result.output
        assert len(calls) == 2
        assert snapshot(engine) == before
    finally:
        engine.dispose()


def test_cite_gives_the_release_of_imported_rows(curated_url: str) -> None:
    """`--cite` names the release an imported row comes from: title, version, citation and
    the hash of the very file imported."""
    import hashlib
    import json

    path = DATASET_SLICES / "cow_igo_slice.csv.gz"
    imported = runner.invoke(app, ["import", "cow-igo", str(path), "--db", curated_url])
    assert imported.exit_code == 0, imported.output
    args = ["report", "members", "UN", "--on", "1990", "--source", "cow-igo-3.0"]
    result = runner.invoke(app, [*args, "--cite", "-f", "json", "--db", curated_url])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    usa = next(row for row in rows if row["country"] == "USA")
    (cited,) = usa["citations"]
    assert cited["source"] == "cow-igo-3.0" and cited["version"] == "3.0"
    assert cited["citation"].startswith("Pevehouse, Jon C.W.")
    assert cited["file"] == "cow_igo_slice.csv.gz"
    assert cited["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_comtrade_imports_several_files_as_one_release(curated_url: str) -> None:
    """World, Areas nes, Bunkers and Special Categories are regions the release creates, and
    `report trade` answers for them with the release as the source."""
    import json

    samples = DATASET_SLICES / "comtrade"
    files = [str(samples / "legacy_sample.csv"), str(samples / "plus_sample.txt")]
    result = runner.invoke(app, ["import", "comtrade", *files, "--db", curated_url])
    assert result.exit_code == 0, result.output
    assert "comtrade: imported 8 trade_figure" in result.output
    assert "4 regions_created, 4 region" in result.output
    assert "for review: 1 breakdown_rows, 1 unplaced_code" in result.output
    args = ["report", "trade", "FRA", "WORLD", "-f", "json", "--db", curated_url]
    report = runner.invoke(app, args)
    assert report.exit_code == 0, report.output
    (row,) = json.loads(report.stdout)
    assert (row["reporter"], row["partner"], row["year"], row["flow"]) == (
        "FRA",
        "WORLD",
        2016,
        "import",
    )
    assert (row["value"], row["source"]) == (572_000_000_000, "comtrade")


def test_a_tidy_file_with_a_bad_cell_fails_naming_line_and_column(
    curated_url: str, tmp_path: Any
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(
        "reporter,partner,period,flow,category,value,unit,source\n"
        "RUS,THA,2018,total,all-goods,2.6 bn,dollars,a\n"
    )
    result = runner.invoke(app, ["import", "trade", str(path), "--db", curated_url])
    assert result.exit_code == 1, result.output
    assert f"{path}:2: unit: 'dollars' is neither an ISO 4217 currency" in result.output
    assert "nothing was imported" in result.output
