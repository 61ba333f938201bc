from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from bilateral_db.cli import app

runner = CliRunner()


def test_dyad_year_csv(world_url: str, tmp_path: Path) -> None:
    out = tmp_path / "dyads.csv"
    result = runner.invoke(
        app,
        [
            "export",
            "panel",
            "--unit",
            "dyad-year",
            "--from",
            "2018",
            "--to",
            "2018",
            "--out",
            str(out),
            "--db",
            world_url,
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == [
        "ccode1",
        "ccode2",
        "year",
        "iso1",
        "iso2",
        "listed",
        "part_year",
        "shared_memberships",
        "meetings",
        "visits_to",
        "visits_from",
        "envoy_present",
        "exports_usd",
        "exports_basis",
        "imports_usd",
        "total_usd",
        "total_basis",
        "qualifier",
        "list_source",
        "memberships_source",
        "meetings_source",
        "envoy_source",
        "trade_source",
    ]
    russia_thailand = [r for r in rows if (r["iso1"], r["iso2"]) == ("RUS", "THA")]
    assert [(r["year"], r["total_usd"]) for r in russia_thailand] == [("2018", "300000000.00")]
    assert {r["year"] for r in rows} == {"2018"}
    assert f"wrote {len(rows)} dyad-year rows" in result.output


def test_country_year_parquet(world_url: str, tmp_path: Path) -> None:
    out = tmp_path / "countries.parquet"
    result = runner.invoke(
        app,
        [
            "export",
            "panel",
            "--unit",
            "country-year",
            "--from",
            "1999",
            "--to",
            "1999",
            "--out",
            str(out),
            "--db",
            world_url,
        ],
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert str(table.schema.field("exports_usd").type) == "decimal128(20, 2)"
    rows = {row["iso"]: row for row in table.to_pylist()}
    assert rows["KHM"]["bloc_memberships"] == 1
    assert rows["KHM"]["year"] == 1999


def test_bad_unit_is_a_usage_error(world_url: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "export",
            "panel",
            "--unit",
            "leader-year",
            "--out",
            str(tmp_path / "x.csv"),
            "--db",
            world_url,
        ],
    )
    assert result.exit_code == 2


def test_a_pair_and_a_country_filter_the_rows(world_url: str, tmp_path: Path) -> None:
    out = tmp_path / "pair.csv"
    common = ["export", "panel", "--from", "2018", "--to", "2019", "--db", world_url]
    result = runner.invoke(
        app, [*common, "--unit", "dyad-year", "--pair", "RUS", "THA", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert [(r["iso1"], r["iso2"], r["year"], r["total_usd"], r["trade_source"]) for r in rows] == [
        ("RUS", "THA", "2018", "300000000.00", "curated"),
        ("RUS", "THA", "2019", "", ""),
    ]
    result = runner.invoke(
        app, [*common, "--unit", "country-year", "--country", "THA", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert [(r["iso"], r["year"]) for r in csv.DictReader(out.open())] == [
        ("THA", "2018"),
        ("THA", "2019"),
    ]


def test_an_unknown_country_is_named_with_its_code(world_url: str, tmp_path: Path) -> None:
    out = tmp_path / "pair.csv"
    result = runner.invoke(
        app,
        [
            *("export", "panel", "--unit", "dyad-year", "--pair", "RUS", "Thailand"),
            *("--out", str(out), "--db", world_url),
        ],
    )
    assert result.exit_code != 0
    assert "Thailand: no such country; did you mean THA?" in result.output
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
@pytest.mark.parametrize(
    ("unit", "filters"),
    [
        ("dyad-year", ["--from", "2017", "--to", "2019"]),
        ("dyad-year", ["--pair", "RUS", "THA"]),
        ("country-year", ["--country", "THA", "--country", "RUS"]),
        ("country-year", []),
    ],
)
def test_a_panel_read_into_arrow_is_the_rows_read_one_by_one(
    world_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    unit: str,
    filters: list[str],
    suffix: str,
) -> None:
    """The ADBC driver's columns (no Python object per cell) and the rows the backend's own
    driver gives, as without the driver installed, make the same file."""
    pytest.importorskip("adbc_driver_sqlite")
    pytest.importorskip("adbc_driver_postgresql")
    from bilateral_db.reports import panel

    read: list[bool] = []
    arrow = panel.panel_arrow

    def spied(*args: Any, **kwargs: Any) -> Any:
        batches = arrow(*args, **kwargs)
        read.append(batches is not None)
        return batches

    files = []
    for name, reader in (("arrow", spied), ("rows", lambda *a, **k: None)):
        monkeypatch.setattr(panel, "panel_arrow", reader)
        out = tmp_path / f"{name}{suffix}"
        command = ["export", "panel", "--unit", unit, *filters, "--out", str(out)]
        result = runner.invoke(app, [*command, "--db", world_url])
        assert result.exit_code == 0, result.output
        files.append(out)
    assert read == [True]
    by_arrow, by_rows = files
    if suffix == ".csv":
        assert by_arrow.read_bytes() == by_rows.read_bytes()
        assert by_arrow.read_text().count("\n") > 1
        return
    arrow_table, rows_table = pq.read_table(by_arrow), pq.read_table(by_rows)
    assert arrow_table.num_rows > 0
    assert arrow_table.schema == rows_table.schema
    assert arrow_table.to_pylist() == rows_table.to_pylist()
