"""`import comtrade`: UN Comtrade bulk files of both layouts as one release of figures.

The samples (tests/data/datasets/comtrade, synthetic, written by hand) hold a figure of every
kind the importer tells apart; generated files (bench/generate_comtrade.py) are compared
figure by figure with what the reader reads from them.
"""

from __future__ import annotations

import csv
import importlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Engine, text

from bilateral_db.imports import ImportFileError, import_dataset
from bilateral_db.imports.trade_files import ComtradeReader

Generate = Callable[..., tuple[list[Path], list[Any]]]
target_module = importlib.import_module("bilateral_db.writing.target")  # not its `target()`
SAMPLES = DATASET_SLICES / "comtrade"
LEGACY = SAMPLES / "legacy_sample.csv"
PLUS = SAMPLES / "plus_sample.txt"
FIGURES = """
    SELECT COALESCE(rc.code, rb.code), COALESCE(pc.code, pb.code), tf.period_start,
           tf.period_end, tf.period_precision, tf.flow, cat.code, tf.valuation, tf.value_status,
           tf.value_minor, tf.quantity_milli, tf.quantity_unit, tf.qualifier, tf.series,
           tf.currency_code
    FROM trade_figure tf
    JOIN release r ON r.id = tf.release_id
    JOIN product_category cat ON cat.id = tf.category_id
    JOIN actor ra ON ra.id = tf.reporter_actor_id
    LEFT JOIN country rc ON rc.id = ra.country_id LEFT JOIN bloc rb ON rb.id = ra.bloc_id
    JOIN actor pa ON pa.id = tf.partner_actor_id
    LEFT JOIN country pc ON pc.id = pa.country_id LEFT JOIN bloc pb ON pb.id = pa.bloc_id
    WHERE r.slug = 'comtrade'
"""


def _figures(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(text(FIGURES))
        return sorted(tuple(str(v) if hasattr(v, "isoformat") else v for v in r) for r in rows)


def test_both_layouts_are_one_release_of_exact_figures(curated_engine: Engine) -> None:
    result = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    assert result.release == "comtrade"
    assert result.counts["trade_figure"] == 4 and result.counts["source_rows"] == 10
    usd = ("reported", "USD")
    assert _figures(curated_engine) == [
        # Comtrade+ 97 (the EU, a bloc) re-exports to China, March 2019, HS 2017 270900: FOB
        # 98765.4, 1500.25 m³ (estimated quantity), isReported False: UNSD's estimate.
        ("EU", "CHN", "2019-03-01", "2019-03-31", "month", "re_export", "hs2017:270900", "fob",
         "observed", 9876540, 1500250, "cubic_metre", "approximately", *usd),
        # 251 (France's customs area) imports from 490 (Other Asia nes: Taiwan) an observed zero
        ("FRA", "TWN", "2019-01-01", "2019-12-31", "year", "import", "hs2017:85", "cif",
         "observed", 0, None, None, "exact", *usd),
        # 699 India imports from Russia, all goods: 7312345678.505 rounded half to even
        ("IND", "RUS", "2019-01-01", "2019-12-31", "year", "import", "all-goods", "cif",
         "observed", 731234567850, None, None, "exact", *usd),
        # legacy 842 exports to 490, May 2016, 12 horses (flag 2: quantity estimated)
        ("USA", "TWN", "2016-05-01", "2016-05-31", "month", "export", "hs2012:010121",
         "not_stated", "observed", 123456700, 12000, "item", "exact", *usd),
    ]  # fmt: skip
    assert result.counts["quantity_estimated"] == 2
    assert result.counts["estimated_by_unsd"] == 1
    assert result.counts["rounded_values"] == 1


def test_areas_that_are_not_countries_are_findings_never_dropped_silently(
    curated_engine: Engine,
) -> None:
    result = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    found = {(f.kind, f.record): f for f in result.findings}
    assert set(found) == {
        ("area_not_stored", "m49 000 WORLD"),
        ("area_not_stored", "m49 899 AREAS-NES"),
        ("area_not_stored", "m49 837 BUNKERS"),
        ("area_not_stored", "m49 839 SPECIAL-CATEGORIES"),
        ("breakdown_rows", "partner2, customs or transport"),
        ("unplaced_code", "m49 842 1975-07-01..1975-07-01"),  # 841 is the USA before 1981
    }
    assert f"first at {LEGACY}:2" in found[("area_not_stored", "m49 000 WORLD")].message
    assert (
        f"first at {PLUS}:4" in found[("breakdown_rows", "partner2, customs or transport")].message
    )
    # Every row is a figure or counted among those left out: 4 + 4 + 1 + 1 = 10.
    counts = result.counts
    left = counts["area_not_stored"] + counts["breakdown_rows"] + 1  # the unplaced row
    assert counts["trade_figure"] + left == counts["source_rows"]
    with curated_engine.connect() as connection:
        stored = connection.execute(
            text(
                "SELECT kind, record FROM release_finding f JOIN release r ON r.id = f.release_id "
                "WHERE r.slug = 'comtrade'"
            )
        ).all()
    assert {tuple(row) for row in stored} == set(found)


def test_hs_codes_become_categories_of_their_revision_under_their_parents(
    curated_engine: Engine,
) -> None:
    result = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    assert result.counts["categories_added"] == 6
    with curated_engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT c.code, c.scheme, c.revision, p.code FROM product_category c "
                "JOIN product_category p ON p.id = c.parent_id "
                "WHERE c.code LIKE 'hs2012:%' OR c.code LIKE 'hs2017:%' ORDER BY c.code"
            )
        ).all()
    assert [tuple(row) for row in rows] == [
        ("hs2012:01", "hs", "HS2012", "all-goods"),
        ("hs2012:0101", "hs", "HS2012", "hs2012:01"),
        ("hs2012:010121", "hs", "HS2012", "hs2012:0101"),
        ("hs2017:27", "hs", "HS2017", "energy"),  # the curated chapter, kept
        ("hs2017:2709", "hs", "HS2017", "hs2017:27"),
        ("hs2017:270900", "hs", "HS2017", "hs2017:2709"),
        ("hs2017:85", "hs", "HS2017", "all-goods"),
    ]


def test_the_same_files_again_change_nothing(curated_engine: Engine, snapshot) -> None:
    import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    state = snapshot(curated_engine)
    again = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    assert not again.changed
    assert snapshot(curated_engine) == state


def test_a_figure_in_two_files_is_named_by_file_and_line(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    copy = tmp_path / "again.csv"
    copy.write_bytes(LEGACY.read_bytes())
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "comtrade", [LEGACY, copy])
    message = str(raised.value)
    assert f"{copy}:3: the figure of actors" in message
    assert f"is also given at {LEGACY}:3" in message
    assert snapshot(curated_engine) == before


def test_a_bad_cell_is_named_and_nothing_is_written(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    lines = LEGACY.read_text().splitlines()
    lines[2] = lines[2].replace(",1234567,", ",12x4,")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "comtrade", [PLUS, bad])
    assert f"{bad}:3: Trade Value (US$): " in str(raised.value)
    assert snapshot(curated_engine) == before


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    """Early insert (PostgreSQL) in batches of 97 figures, up to 200 waiting: a small file
    goes through every step of the background insert."""
    monkeypatch.setattr(target_module, "BATCH", 97)
    monkeypatch.setattr(target_module, "BACKLOG", 200)
    return 97


@pytest.mark.parametrize("batches", ["one", "small"])
@pytest.mark.parametrize("layout", ["legacy", "plus"])
def test_generated_files_answer_as_the_files_say(
    curated_engine: Engine,
    generate: Generate,
    tmp_path: Path,
    layout: str,
    batches: str,
    request: pytest.FixtureRequest,
) -> None:
    if batches == "small":
        request.getfixturevalue("small_batches")
    paths, _ = generate(tmp_path, 3000, layout=layout, files=2, compress="gz")
    result = import_dataset(curated_engine, "comtrade", paths)
    reader = ComtradeReader(paths)
    expected = []
    for row in reader.rows():
        areas = (row.reporter_area, row.partner_area)
        if row.is_breakdown or any(a is None or a.table == "region" for a in areas):
            continue
        assert row.reporter_area is not None and row.partner_area is not None
        quantity = (row.quantity_milli, row.quantity_unit)  # else the net weight in kg
        if row.quantity_milli is None and row.net_weight_g is not None:
            quantity = (row.net_weight_g, "kg")
        expected.append(
            (row.reporter_area.actor, row.partner_area.actor, str(row.period.start),
             row.flow.name, row.category, row.value_minor, *quantity)
        )  # fmt: skip
    assert len(expected) > 1000  # most figures are between countries
    stored = [(*r[:3], r[5], r[6], *r[9:12]) for r in _figures(curated_engine)]
    assert sorted(stored) == sorted(expected)
    assert result.counts["trade_figure"] == len(expected)
    assert result.counts["source_rows"] == 3000


def test_a_figure_given_again_batches_later_is_named_by_both_lines(
    curated_engine: Engine, generate: Generate, tmp_path: Path, small_batches: int, snapshot
) -> None:
    """The second copy of a figure arrives after the first was inserted (PostgreSQL): the
    import still names both lines, reads the whole file first, and writes nothing."""
    (path,), _ = generate(tmp_path, 3000, layout="legacy")
    lines = path.read_text().splitlines()
    partner = lines[0].split(",").index("Partner Code")
    not_stored = {"0", "899", "490", "837", "838", "839"}  # World, areas n.e.s., specials
    figure = next(
        n for n in range(300, len(lines)) if next(csv.reader([lines[n]]))[partner] not in not_stored
    )
    again = tmp_path / "again.csv"
    again.write_text(f"{lines[0]}\n{lines[figure]}\n")
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "comtrade", [path, again])
    message = str(raised.value)
    assert message.startswith("1 problem")
    assert f"{again}:2: the figure of actors" in message
    assert f"is also given at {path}:{figure + 1}" in message
    assert snapshot(curated_engine) == before


def test_a_bad_cell_after_batches_were_inserted_writes_nothing(
    curated_engine: Engine, generate: Generate, tmp_path: Path, small_batches: int, snapshot
) -> None:
    (path,), _ = generate(tmp_path, 2000, layout="legacy")
    lines = path.read_text().splitlines()
    cells = next(csv.reader([lines[1900]]))
    cells[lines[0].split(",").index("Trade Value (US$)")] = "12x4"
    written = io.StringIO()
    csv.writer(written, lineterminator="").writerow(cells)
    lines[1900] = written.getvalue()
    path.write_text("\n".join(lines) + "\n")
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "comtrade", [path])
    assert f"{path}:1901: " in str(raised.value)
    assert snapshot(curated_engine) == before
