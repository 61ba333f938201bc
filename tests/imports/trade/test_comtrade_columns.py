"""Comtrade files read as columns (trade_files.comtrade_columns): plain files give exactly what
the row reader gives; anything else is read row by row, with the row reader's problems."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from sqlalchemy import Engine, text

from bilateral_db.imports import ImportFileError, comtrade, import_dataset
from bilateral_db.imports.trade_files import ComtradeReader, NotPlain
from bilateral_db.imports.trade_files.comtrade_columns import _units
from bilateral_db.imports.trade_files.numbers import machine_units

Generate = Callable[..., tuple[list[Path], list[Any]]]
SAMPLES = Path(__file__).parents[2] / "data" / "datasets" / "comtrade"


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each import read its files: "columns" or "rows" (the importer's two readings)."""
    ways: list[str] = []
    by_columns, by_rows = comtrade._Reading.read_columns, comtrade._Reading.read

    def columns(self: Any) -> None:
        ways.append("columns")
        by_columns(self)

    def rows(self: Any) -> None:
        ways.append("rows")
        by_rows(self)

    monkeypatch.setattr(comtrade._Reading, "read_columns", columns)
    monkeypatch.setattr(comtrade._Reading, "read", rows)
    return ways


def _figures(engine: Engine) -> list[tuple[Any, ...]]:
    """The release's figures, their actors by code (ids differ between the readings)."""
    code = "COALESCE((SELECT code FROM country WHERE id = {a}.country_id), (SELECT code FROM "
    code += "bloc WHERE id = {a}.bloc_id), (SELECT code FROM region WHERE id = {a}.region_id))"
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                f"SELECT {code.format(a='ra')}, {code.format(a='pa')}, f.period_start, "
                "f.period_end, f.period_precision, f.flow, c.code, f.valuation, "
                "f.value_status, f.value_minor, f.quantity_milli, f.quantity_unit, f.qualifier, "
                "f.series, f.currency_code, f.alternative FROM trade_figure f "
                "JOIN release ON release.id = f.release_id "
                "JOIN product_category c ON c.id = f.category_id "
                "JOIN actor ra ON ra.id = f.reporter_actor_id "
                "JOIN actor pa ON pa.id = f.partner_actor_id WHERE release.slug = 'comtrade'"
            )
        )
        return sorted(tuple(str(v) if hasattr(v, "isoformat") else v for v in r) for r in rows)


def _findings(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return sorted(
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT f.kind, f.line, f.record, f.message FROM release_finding f "
                    "JOIN release r ON r.id = f.release_id WHERE r.slug = 'comtrade'"
                )
            )
        )


@pytest.mark.parametrize(("layout", "compress"), [("legacy", "gz"), ("plus", "zip")])
def test_plain_files_read_as_columns_store_what_rows_would(
    curated_engine: Engine,
    generate: Generate,
    tmp_path: Path,
    layout: str,
    compress: str,
    read: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same files imported again row by row (--force) find every figure unchanged: the
    two readings store the same values in every column, and count and find the same."""
    paths, _ = generate(tmp_path, 3000, layout=layout, files=2, compress=compress)
    first = import_dataset(curated_engine, "comtrade", paths)
    figures, findings = _figures(curated_engine), _findings(curated_engine)
    assert read == ["columns"] and len(figures) > 2500
    monkeypatch.setattr(comtrade, "_columns_readable", lambda: False)
    again = import_dataset(curated_engine, "comtrade", paths, force=True)
    assert read == ["columns", "rows"]
    assert again.changes == {
        "inserted": 0,
        "updated": 0,
        "unchanged": first.counts["trade_figure"],
        "removed": 0,
    }
    added = ("categories_added", "regions_created")  # by the first import only
    assert all(first.counts[kind] > 0 for kind in added)
    assert dict(again.counts) == {k: n for k, n in first.counts.items() if k not in added}
    assert (_figures(curated_engine), _findings(curated_engine)) == (figures, findings)


def _rewritten(path: Path, line: int, column: str, value: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text())))
    rows[line - 1][rows[0].index(column)] = value
    written = io.StringIO()
    csv.writer(written, lineterminator="\n").writerows(rows)
    path.write_text(written.getvalue())


def test_rows_left_out_are_counted_and_found_as_the_row_reader_does(
    curated_engine: Engine,
    generate: Generate,
    tmp_path: Path,
    read: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Breakdowns, a code placed nowhere on its day, one country on both sides and a
    classification of no scheme of ours, in a Comtrade+ file read as columns: the same
    figures, counts and findings as row by row."""
    (path,), _ = generate(tmp_path, 3000, layout="plus")
    rows = list(csv.reader(io.StringIO(path.read_text()), delimiter="\t"))
    column = {name: index for index, name in enumerate(rows[0])}
    changes = {
        100: {"motCode": "1000"},  # by mode of transport
        200: {"customsCode": "C01"},
        300: {"partner2Code": "36"},
        400: {"partnerCode": "841"},  # the USA's code before 1981
        401: {"reporterCode": "841"},
        2900: {"partnerCode": "841"},
        500: {"classificationCode": "B4", "cmdCode": "111", "aggrLevel": "3"},  # BEC
    }
    for line, cells in changes.items():
        for name, value in cells.items():
            rows[line - 1][column[name]] = value
    same = next(n for n in range(600, 3000) if rows[n][column["partnerCode"]] not in ("0", "899"))
    rows[same][column["partnerCode"]] = rows[same][column["reporterCode"]]
    written = io.StringIO()
    csv.writer(written, delimiter="\t", lineterminator="\n").writerows(rows)
    path.write_text(written.getvalue())
    first = import_dataset(curated_engine, "comtrade", [path])
    figures, findings = _figures(curated_engine), _findings(curated_engine)
    assert read == ["columns"]
    kinds = {kind for kind, *_ in findings}
    assert {"breakdown_rows", "unplaced_code", "same_country", "category_not_stored"} <= kinds
    assert first.counts["trade_figure"] == len(figures) == 3000 - 8
    monkeypatch.setattr(comtrade, "_columns_readable", lambda: False)
    again = import_dataset(curated_engine, "comtrade", [path], force=True)
    assert read == ["columns", "rows"]
    assert again.changes["unchanged"] == len(figures) and again.changes["inserted"] == 0
    assert (_figures(curated_engine), _findings(curated_engine)) == (figures, findings)
    added = ("categories_added", "regions_created")
    assert dict(again.counts) == {k: n for k, n in first.counts.items() if k not in added}


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("Trade Value (US$)", " 1234 "),  # spaces around: the row reader strips them
        ("Trade Value (US$)", "0.00000000001"),  # more decimals than the columns read
        ("Flag", "7 "),
    ],
)
def test_a_file_that_is_not_plain_is_read_again_row_by_row(
    curated_engine: Engine,
    generate: Generate,
    tmp_path: Path,
    read: list[str],
    column: str,
    value: str,
) -> None:
    (path,), _ = generate(tmp_path, 2000, layout="legacy")
    _rewritten(path, 1500, column, value)
    rows_read = list(ComtradeReader([path]).rows())
    with pytest.raises(NotPlain):
        for _ in ComtradeReader([path]).batches():
            pass
    result = import_dataset(curated_engine, "comtrade", [path])
    assert read == ["columns", "rows"]
    assert result.counts["source_rows"] == 2000
    stored = {(r[0], r[1], r[2], r[5], r[6]): r[9] for r in _figures(curated_engine)}
    line_1500 = next(row for row in rows_read if row.line == 1500)
    assert line_1500.reporter_area is not None and line_1500.partner_area is not None
    key = (
        line_1500.reporter_area.actor,
        line_1500.partner_area.actor,
        str(line_1500.period.start),
        line_1500.flow.name,
        line_1500.category,
    )
    assert stored[key] == line_1500.value_minor


def test_a_bad_cell_is_named_by_the_row_reader_and_nothing_is_written(
    curated_engine: Engine, generate: Generate, tmp_path: Path, read: list[str], snapshot
) -> None:
    (path,), _ = generate(tmp_path, 2000, layout="legacy")
    _rewritten(path, 1900, "Trade Value (US$)", "12x4")
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "comtrade", [path])
    assert read == ["columns", "rows"]
    assert f"{path}:1900: Trade Value (US$): '12x4' is not an amount" in str(raised.value)
    assert snapshot(curated_engine) == before


def test_the_samples_read_as_columns_store_what_rows_would(
    curated_engine: Engine, read: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hand-written samples hold a row of every kind the importer tells apart (breakdowns,
    codes placed nowhere, World and areas n.e.s., fractions of a cent, estimates)."""
    paths = [SAMPLES / "legacy_sample.csv", SAMPLES / "plus_sample.txt"]
    first = import_dataset(curated_engine, "comtrade", paths)
    figures, findings = _figures(curated_engine), _findings(curated_engine)
    assert read == ["columns"] and figures and findings
    monkeypatch.setattr(comtrade, "_columns_readable", lambda: False)
    again = import_dataset(curated_engine, "comtrade", paths, force=True)
    assert read == ["columns", "rows"]
    assert again.changes["unchanged"] == len(figures) and again.changes["inserted"] == 0
    assert (_figures(curated_engine), _findings(curated_engine)) == (figures, findings)
    added = ("categories_added", "regions_created")
    assert dict(again.counts) == {k: n for k, n in first.counts.items() if k not in added}


def test_numbers_round_as_the_row_reader_rounds() -> None:
    """Half to even past the unit, exact below it, on values drawn at random and the ties."""
    chance = random.Random(7)
    texts = ["0", "5", "0.005", "0.015", "0.025", "0.0250000001", "12.345", "99.995", "1.1"]
    for _ in range(500):
        whole = str(chance.randrange(10 ** chance.randrange(1, 16)))
        texts.append(f"{whole}.{chance.randrange(10**6):0{chance.randrange(1, 7)}d}")
    for places in (2, 3):
        units, rounded = _units(pa.array([*texts, ""], pa.string()), places, "t")
        expected = [machine_units(t, places) for t in texts]
        assert units.to_pylist() == [e[0] for e in expected if e] + [None]
        assert rounded == sum(1 for e in expected if e and e[1])
