"""A bloc an import created becomes the curated bloc that names it in `cow_igo`; a region an
import created becomes the curated region of the same code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import DATASET_SLICES
from sqlalchemy import Engine, text

from bilateral_db.db import make_engine
from bilateral_db.load import load_fixtures


def _rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


MEMBERSHIPS = """
    SELECT b.code, c.code, m.role, m.start_date, r.slug FROM membership m
    JOIN bloc b ON b.id = m.bloc_id JOIN actor a ON a.id = m.actor_id
    JOIN country c ON c.id = a.country_id JOIN release r ON r.id = m.release_id
    WHERE b.code LIKE 'ASEAN%' ORDER BY 1, 2, 3, 4, 5
"""
COVERAGE = """
    SELECT b.code, count(*) FROM coverage v JOIN bloc b ON b.id = v.bloc_id
    WHERE b.code LIKE 'ASEAN%' GROUP BY b.code
"""


def test_an_imported_bloc_merges_into_the_curated_one_naming_it(
    small_imported_url: str, small_fixtures: Any
) -> None:
    engine = make_engine(small_imported_url)
    try:
        # The small ASEAN names no COW code, so COW IGO's ASEAN was imported as ASEAN-IGO.
        before = _rows(engine, MEMBERSHIPS)
        imported = [row for row in before if row[0] == "ASEAN-IGO"]
        assert imported and {row[4] for row in imported} == {"cow-igo-3.0"}
        coverage = dict(_rows(engine, COVERAGE))
        assert coverage.get("ASEAN-IGO")

        small_fixtures.replace(
            "blocs.yaml", "  wikidata: Q7768\n", "  wikidata: Q7768\n  cow_igo: ASEAN\n"
        )
        result = load_fixtures(engine, [small_fixtures.path])

        assert result.entities["bloc"].updated_keys == ["ASEAN"]
        after = _rows(engine, MEMBERSHIPS)
        assert after == sorted(("ASEAN", *row[1:]) for row in before)  # every claim kept
        assert dict(_rows(engine, COVERAGE)) == {
            "ASEAN": coverage.get("ASEAN", 0) + coverage["ASEAN-IGO"]
        }
        assert _rows(engine, "SELECT count(*) FROM bloc WHERE code = 'ASEAN-IGO'") == [(0,)]
        assert not load_fixtures(engine, [small_fixtures.path]).changed
    finally:
        engine.dispose()


REGION_FIGURES = """
    SELECT g.code, g.kind, g.m49_code, gr.slug, a.id, fr.slug FROM region g
    JOIN release gr ON gr.id = g.release_id JOIN actor a ON a.region_id = g.id
    LEFT JOIN trade_figure f ON f.partner_actor_id = a.id
    LEFT JOIN release fr ON fr.id = f.release_id
    WHERE g.code LIKE 'SPECIAL%' OR g.code LIKE 'FREE%'
"""
# Czechoslovakia (200), which the small fixture set lacks, exports to Free Zones in 1985.
CZECHOSLOVAKIA = (
    "S2,1985,1985,1985,0,0,2,Export,200,Czechoslovakia,CSK,838,Free Zones,,TOTAL,"
    "All Commodities,1,No Quantity,,,100,0"
)


def test_a_region_an_import_created_becomes_curated_when_the_fixtures_define_it(
    small_loaded_url: str, small_fixtures: Any, tmp_path: Path
) -> None:
    """Comtrade's Special Categories, created by the import, is taken over by a fixture of
    the same code: the region and its actor stay, with the release's figure; an import
    again uses it and creates none. A country the database lacks is a finding naming it,
    and a region only its rows name is not created."""
    from bilateral_db.imports import import_dataset

    samples = DATASET_SLICES / "comtrade"
    legacy = samples / "legacy_sample.csv"
    czechoslovakia = tmp_path / "czechoslovakia.csv"
    czechoslovakia.write_text(f"{legacy.read_text().splitlines()[0]}\n{CZECHOSLOVAKIA}\n")
    files = [legacy, samples / "plus_sample.txt", czechoslovakia]
    engine = make_engine(small_loaded_url)
    try:
        result = import_dataset(engine, "comtrade", files)
        assert result.counts["regions_created"] == 4  # not Free Zones
        (finding,) = [f for f in result.findings if f.kind == "actor_not_held"]
        assert finding.record == "m49 200 country CSK"
        assert "not in the database" in finding.message and "its 1 rows" in finding.message
        before = _rows(engine, REGION_FIGURES)
        assert [row[:4] for row in before] == [("SPECIAL-CATEGORIES", "special", None, "comtrade")]
        assert before[0][5] == "comtrade"

        small_fixtures.append(
            "regions.yaml",
            "- code: SPECIAL-CATEGORIES\n  name: Special Categories\n  kind: special\n"
            "  description: Partners a reporter does not disclose.\n"
            "  sources: [asean-members]\n",
        )
        loaded = load_fixtures(engine, [small_fixtures.path])
        assert loaded.entities["region"].updated_keys == ["SPECIAL-CATEGORIES"]
        after = _rows(engine, REGION_FIGURES)
        assert after == [(*before[0][:3], "curated", *before[0][4:])]  # same actor, same figure
        assert not load_fixtures(engine, [small_fixtures.path]).changed

        again = import_dataset(engine, "comtrade", files, force=True)
        assert "regions_created" not in again.counts and again.counts["region"] == 4
        assert _rows(engine, REGION_FIGURES) == after
    finally:
        engine.dispose()
