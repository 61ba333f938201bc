"""`import comtrade`: UN Comtrade bulk files of both layouts as one release of figures.

The samples (tests/data/datasets/comtrade, synthetic, written by hand) hold a figure of every
kind the importer tells apart; generated files (bench/generate_comtrade.py) are compared
figure by figure with what the reader reads from them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Engine, text

from bilateral_db import reports
from bilateral_db.imports import ImportFileError, import_dataset
from bilateral_db.imports.trade_files import ComtradeReader, M49Codes
from bilateral_db.load import load_fixtures
from bilateral_db.writing import targets as target_module

Generate = Callable[..., tuple[list[Path], list[Any]]]
SAMPLES = DATASET_SLICES / "comtrade"
LEGACY = SAMPLES / "legacy_sample.csv"
PLUS = SAMPLES / "plus_sample.txt"
FIGURES = """
    SELECT COALESCE(rc.code, rb.code, rr.code), COALESCE(pc.code, pb.code, pr.code),
           tf.period_start, tf.period_end, tf.period_precision, tf.flow, cat.code, tf.valuation,
           tf.value_status, tf.value_minor, tf.quantity_milli, tf.quantity_unit, tf.qualifier,
           tf.series, tf.currency_code
    FROM trade_figure tf
    JOIN release r ON r.id = tf.release_id
    JOIN product_category cat ON cat.id = tf.category_id
    JOIN actor ra ON ra.id = tf.reporter_actor_id
    LEFT JOIN country rc ON rc.id = ra.country_id LEFT JOIN bloc rb ON rb.id = ra.bloc_id
    LEFT JOIN region rr ON rr.id = ra.region_id
    JOIN actor pa ON pa.id = tf.partner_actor_id
    LEFT JOIN country pc ON pc.id = pa.country_id LEFT JOIN bloc pb ON pb.id = pa.bloc_id
    LEFT JOIN region pr ON pr.id = pa.region_id
    WHERE r.slug = 'comtrade'
"""
# The regions of the database, with the release that wrote each and whether it is an actor.
REGIONS = """
    SELECT g.code, g.name, g.kind, g.m49_code, r.slug, a.id IS NOT NULL FROM region g
    JOIN release r ON r.id = g.release_id LEFT JOIN actor a ON a.region_id = g.id
    ORDER BY g.code
"""
SAMPLE_REGIONS = [
    ("AREAS-NES", "Areas, nes", "area_nes", None, "comtrade", True),
    ("BUNKERS", "Bunkers", "special", None, "comtrade", True),
    ("SPECIAL-CATEGORIES", "Special Categories", "special", None, "comtrade", True),
    ("WORLD", "World", "world", "001", "comtrade", True),
]


def _figures(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(text(FIGURES))
        return sorted(tuple(str(v) if hasattr(v, "isoformat") else v for v in r) for r in rows)


def _rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _imported_regions(engine: Engine) -> list[tuple[Any, ...]]:
    return [row for row in _rows(engine, REGIONS) if row[4] != "curated"]


def test_both_layouts_are_one_release_of_exact_figures(curated_engine: Engine) -> None:
    result = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    assert result.release == "comtrade"
    assert result.counts["trade_figure"] == 8 and result.counts["source_rows"] == 10
    usd = ("reported", "USD")
    assert _figures(curated_engine) == [
        # legacy 757 (Switzerland) re-imports from 837 Bunkers, 2016, HS 2012 2710: the value
        # is empty (unknown, not zero), and so are the quantity and net weight (flag 4)
        ("CHE", "BUNKERS", "2016-01-01", "2016-12-31", "year", "re_import", "hs2012:2710",
         "not_stated", "unknown", None, None, None, "exact", *usd),
        # Comtrade+ 97 (the EU, a bloc) re-exports to China, March 2019, HS 2017 270900: FOB
        # 98765.4, 1500.25 m³ (estimated quantity), isReported False: UNSD's estimate.
        ("EU", "CHN", "2019-03-01", "2019-03-31", "month", "re_export", "hs2017:270900", "fob",
         "observed", 9876540, 1500250, "cubic_metre", "approximately", *usd),
        # legacy 97 (EU-28) exports to 839 Special Categories, 2016, HS 2012 71: 1500 carats
        ("EU", "SPECIAL-CATEGORIES", "2016-01-01", "2016-12-31", "year", "export", "hs2012:71",
         "not_stated", "observed", 98765432100, 1500000, "carat", "exact", *usd),
        # 251 (France's customs area) imports from 490 (Other Asia nes: Taiwan) an observed zero
        ("FRA", "TWN", "2019-01-01", "2019-12-31", "year", "import", "hs2017:85", "cif",
         "observed", 0, None, None, "exact", *usd),
        # legacy 251 imports from 0 World, 2016, all goods: USD 572 bn
        ("FRA", "WORLD", "2016-01-01", "2016-12-31", "year", "import", "all-goods",
         "not_stated", "observed", 57200000000000, None, None, "exact", *usd),
        # legacy 699 re-exports to 899 Areas nes, 2016, HS 2012 chapter 27: an observed zero
        ("IND", "AREAS-NES", "2016-01-01", "2016-12-31", "year", "re_export", "hs2012:27",
         "not_stated", "observed", 0, None, None, "exact", *usd),
        # 699 India imports from Russia, all goods: 7312345678.505 rounded half to even
        ("IND", "RUS", "2019-01-01", "2019-12-31", "year", "import", "all-goods", "cif",
         "observed", 731234567850, None, None, "exact", *usd),
        # legacy 842 exports to 490, May 2016, 12 horses (flag 2: quantity estimated)
        ("USA", "TWN", "2016-05-01", "2016-05-31", "month", "export", "hs2012:010121",
         "not_stated", "observed", 123456700, 12000, "item", "exact", *usd),
    ]  # fmt: skip
    assert result.counts["quantity_estimated"] == 2
    assert result.counts["net_weight_estimated"] == 1
    assert result.counts["estimated_by_unsd"] == 1
    assert result.counts["rounded_values"] == 1


def test_world_areas_nes_and_specials_are_regions_the_release_creates(
    curated_engine: Engine,
) -> None:
    """No area is left out for not being a country: World, Areas nes, Bunkers and Special
    Categories are region actors the release creates, named and kinded as the M49 mapping
    says; only the breakdown row and the code the mapping does not place are findings."""
    assert _imported_regions(curated_engine) == []
    result = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    found = {(f.kind, f.record): f for f in result.findings}
    assert set(found) == {
        ("breakdown_rows", "partner2, customs or transport"),
        ("unplaced_code", "m49 842 1975-07-01..1975-07-01"),  # 841 is the USA before 1981
    }
    assert (
        f"first at {PLUS}:4" in found[("breakdown_rows", "partner2, customs or transport")].message
    )
    assert _imported_regions(curated_engine) == SAMPLE_REGIONS
    counts = result.counts
    assert counts["region"] == 4 and counts["regions_created"] == 4
    # Every row is a figure or counted among those left out: 8 + 1 + 1 = 10.
    left = counts["breakdown_rows"] + 1  # the unplaced row
    assert counts["trade_figure"] + left == counts["source_rows"]
    with curated_engine.connect() as connection:
        stored = connection.execute(
            text(
                "SELECT kind, record FROM release_finding f JOIN release r ON r.id = f.release_id "
                "WHERE r.slug = 'comtrade'"
            )
        ).all()
    assert {tuple(row) for row in stored} == set(found)


def test_a_region_whose_code_is_also_a_blocs_is_a_finding(curated_engine: Engine) -> None:
    """COW IGO names a bloc SACU, as the mapping names Comtrade's Southern African Customs
    Union region (here a bloc BUNKERS stands in): the figures are the region's, a report given
    the code answers for the bloc, and the import says so."""
    with curated_engine.begin() as connection:
        bloc = connection.execute(
            text(
                "INSERT INTO bloc (code, name, kind, release_id) "
                "VALUES ('BUNKERS', 'A bloc', 'international_organisation', 1) RETURNING id"
            )
        ).scalar_one()
        connection.execute(text("INSERT INTO actor (bloc_id) VALUES (:bloc)"), {"bloc": bloc})
    result = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    (finding,) = [f for f in result.findings if f.kind == "region_code_shared"]
    assert finding.record == "region BUNKERS"
    assert "the region's code is also a bloc's" in finding.message
    assert "a report given BUNKERS answers for the bloc" in finding.message
    partner = _rows(
        curated_engine,
        "SELECT g.kind FROM trade_figure f JOIN actor a ON a.id = f.partner_actor_id "
        "JOIN region g ON g.id = a.region_id WHERE g.code = 'BUNKERS'",
    )
    assert partner == [("special",)]  # the figure is the region's


def test_hs_codes_become_categories_of_their_revision_under_their_parents(
    curated_engine: Engine,
) -> None:
    result = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    assert result.counts["categories_added"] == 9
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
        ("hs2012:27", "hs", "HS2012", "all-goods"),
        ("hs2012:2710", "hs", "HS2012", "hs2012:27"),
        ("hs2012:71", "hs", "HS2012", "all-goods"),
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
    # Written again on purpose, the release uses the regions it holds and creates none.
    forced = import_dataset(curated_engine, "comtrade", [LEGACY, PLUS], force=True)
    assert forced.counts["region"] == 4 and "regions_created" not in forced.counts
    assert forced.changes["inserted"] == forced.changes["updated"] == 0
    assert forced.changes["removed"] == 0
    after = snapshot(curated_engine)
    for table in ("region", "actor", "trade_figure", "product_category"):
        assert after[table] == state[table], table


def test_a_new_file_drops_the_regions_it_no_longer_names_unless_another_release_does(
    curated_engine: Engine, tmp_path: Path
) -> None:
    """The release is replaced by a file without Bunkers and Special Categories: the region
    Bunkers goes with its figures; Special Categories stays, since a figure of another release
    (a tidy file naming the region the import created) still names it."""
    import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    tidy = tmp_path / "tidy.csv"
    tidy.write_text(
        "reporter,partner,period,flow,category,value,unit,source\n"
        "EU,special-categories,2017,export,all-goods,2.5 bn,USD,example-source\n"
    )
    assert import_dataset(curated_engine, "trade", tidy).counts["trade_figure"] == 1
    newer = tmp_path / "newer.csv"
    newer.write_text("\n".join(LEGACY.read_text().splitlines()[:4]) + "\n")  # World, 490, 899
    result = import_dataset(curated_engine, "comtrade", newer)
    assert result.held_before and result.counts["region"] == 2
    assert [row[0] for row in _imported_regions(curated_engine)] == [
        "AREAS-NES",
        "SPECIAL-CATEGORIES",
        "WORLD",
    ]
    assert {row[1] for row in _figures(curated_engine)} == {"WORLD", "TWN", "AREAS-NES"}
    # The file that named Bunkers again brings it back, a region of the release once more.
    import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    assert _imported_regions(curated_engine) == SAMPLE_REGIONS


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


def test_load_and_prune_after_the_import_leave_the_regions_and_their_figures(
    curated_engine: Engine, tmp_path: Path
) -> None:
    """The regions an import created are the release's: `load` does not list them as rows
    of the database only, `load --prune` does not remove them, and `report trade` answers
    with their figures, the release as their source."""
    totals = tmp_path / "totals.csv"
    lines = LEGACY.read_text().splitlines()
    total = lines[1].replace(",0,World,WLD,", ",899,Areas nes,,").replace("572000000000", "1500")
    totals.write_text(f"{lines[0]}\n{lines[1]}\n{total}\n")
    result = import_dataset(curated_engine, "comtrade", totals)
    assert result.counts["trade_figure"] == 2 and result.counts["regions_created"] == 2
    loaded = load_fixtures(curated_engine)
    assert not loaded.changed and loaded.missing == {}
    pruned = load_fixtures(curated_engine, prune=True)
    assert not pruned.changed
    assert [row[0] for row in _imported_regions(curated_engine)] == ["AREAS-NES", "WORLD"]
    assert {row[1] for row in _figures(curated_engine)} == {"WORLD", "AREAS-NES"}
    with curated_engine.connect() as connection:
        (world,) = reports.trade_between(connection, a="FRA", b="WORLD")
        (areas,) = reports.trade_between(connection, a="AREAS-NES", b="FRA")
    assert (world.reporter, world.partner, world.year, world.flow) == (
        "FRA",
        "WORLD",
        2016,
        "import",
    )
    assert (world.value, world.currency, world.source) == (
        Decimal("572000000000"),
        "USD",
        "comtrade",
    )
    assert (areas.partner, areas.value, areas.source) == ("AREAS-NES", Decimal("1500"), "comtrade")


def test_load_and_prune_after_the_import_leave_the_categories_it_added(
    curated_engine: Engine,
) -> None:
    """The HS codes an import adds are its release's: `load` lists none of them as rows of the
    database only, and `load --prune` keeps them and every figure."""
    import_dataset(curated_engine, "comtrade", [LEGACY, PLUS])
    with curated_engine.connect() as connection:
        added = (
            connection.execute(
                text(
                    "SELECT c.code FROM product_category c JOIN release r ON r.id = c.release_id "
                    "WHERE r.slug = 'comtrade' ORDER BY c.code"
                )
            )
            .scalars()
            .all()
        )
    assert "hs2012:27" in added and "hs2017:27" not in added  # the fixtures' stays theirs
    figures = _figures(curated_engine)
    assert not load_fixtures(curated_engine).missing
    assert not load_fixtures(curated_engine, prune=True).changed
    assert _figures(curated_engine) == figures


LEGACY_FLOWS = {"M": "import", "X": "export", "RX": "re_export", "RM": "re_import"}
REVISIONS = {"H4": "hs2012", "H5": "hs2017", "H6": "hs2022"}


def test_world_and_areas_nes_figures_are_what_the_generated_file_says(
    curated_engine: Engine, generate: Generate, tmp_path: Path
) -> None:
    """Every figure of a generated file with World (0) or Areas nes (899) as partner is stored
    between the reporter and the region, with the file's value, exact to the cent."""
    (path,), records = generate(tmp_path, 3000, layout="legacy")
    import_dataset(curated_engine, "comtrade", [path])
    codes, regions = M49Codes.read(), {0: "WORLD", 899: "AREAS-NES"}
    expected = []
    for record in records:
        if record.partner not in regions:
            continue
        start = date(record.year, record.month or 1, 1)
        reporter = codes.on(record.reporter, start if record.month else date(record.year, 7, 1))
        assert reporter is not None
        category = "all-goods" if record.commodity == "TOTAL" else record.commodity
        if category != "all-goods":
            category = f"{REVISIONS[record.classification]}:{category}"
        value = None if record.value == "" else int(record.value) * 100
        expected.append(
            (reporter.actor, regions[record.partner], str(start), LEGACY_FLOWS[record.flow],
             category, "unknown" if value is None else "observed", value)
        )  # fmt: skip
    stored = [
        (*row[:3], row[5], row[6], row[8], row[9])
        for row in _figures(curated_engine)
        if row[1] in regions.values()
    ]
    assert sorted(stored) == sorted(expected)
    partners = {row[1] for row in expected}
    assert partners == {"WORLD", "AREAS-NES"} and len(expected) > 250


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
        if row.is_breakdown or row.reporter_area is None or row.partner_area is None:
            continue
        quantity = (row.quantity_milli, row.quantity_unit)  # else the net weight in kg
        if row.quantity_milli is None and row.net_weight_g is not None:
            quantity = (row.net_weight_g, "kg")
        expected.append(
            (row.reporter_area.actor, row.partner_area.actor, str(row.period.start),
             row.flow.name, row.category, row.value_minor, *quantity)
        )  # fmt: skip
    assert len(expected) > 2500  # every figure, World's and the areas' too
    stored = [(*r[:3], r[5], r[6], *r[9:12]) for r in _figures(curated_engine)]
    assert sorted(stored) == sorted(expected)
    assert result.counts["trade_figure"] == len(expected)
    assert result.counts["source_rows"] == 3000


def test_a_figure_given_again_batches_later_is_named_by_both_lines(
    curated_engine: Engine, generate: Generate, tmp_path: Path, small_batches: int, snapshot
) -> None:
    """The second copy of a figure arrives after the first was inserted (PostgreSQL): the
    import still names both lines, reads the whole file first, and writes nothing (not even
    the region World, which the figures inserted early named)."""
    (path,), _ = generate(tmp_path, 3000, layout="legacy")
    lines = path.read_text().splitlines()
    partner = lines[0].split(",").index("Partner Code")
    figure = next(n for n in range(300, len(lines)) if next(csv.reader([lines[n]]))[partner] == "0")
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
