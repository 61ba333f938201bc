"""The Office's country slugs: a reviewed, dated, cited table, generated into the crosswalk.

Reads bilateral_db/imports/hsg/data/countries.csv as a file and the bundled fixtures as a set
(no database).
A slug names at most one country on any day; several slugs may name one country (POCOM's
mission slugs beside the Office's country ids). Every slug the records use is in the table,
mapped or listed as unmapped with the reason.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from imports.hsg.records import BY_SLUG, ROWS, UNMAPPED, Records, country_on, unmapped_uses

from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.core.vocabulary import CodeScheme
from bilateral_db.fixtures import read_fixture_set
from bilateral_db.resources import fixtures_dir

ROOT = Path(__file__).resolve().parents[3]
GENERATOR = ROOT / "scripts" / "generate_country_codes.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_country_codes", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fixture_records() -> dict[str, dict[str, Any]]:
    records = read_fixture_set([fixtures_dir()]).records
    return {
        entity: {record.label: record.values for record in records[entity].values()}
        for entity in ("country", "source")
    }


def test_the_table_is_sorted_and_every_row_is_explained(
    fixture_records: dict[str, dict[str, Any]],
) -> None:
    assert [(r.slug, r.first) for r in ROWS] == sorted((r.slug, r.first) for r in ROWS)
    assert {r.slug for r in ROWS if not r.country} == UNMAPPED
    assert all(r.note.startswith("Unmapped: ") for r in ROWS if not r.country)
    assert {r.confidence for r in ROWS} <= {"", "stated", "inferred"}
    sources = fixture_records["source"]
    assert {s for r in ROWS for s in r.sources} - set(sources) == set()
    countries = fixture_records["country"]
    assert {r.country for r in ROWS if r.country} - set(countries) == set()


def test_a_slug_names_one_country_on_any_day_and_is_dated_only_where_it_changes() -> None:
    for slug, rows in BY_SLUG.items():
        for earlier, later in pairwise(rows):
            assert earlier.last < later.first, f"{slug}: rows overlap (line {later.line})"
        dated = [r for r in rows if (r.first, r.last) != (date.min, date.max)]
        if dated:
            assert len({r.country for r in rows}) > 1, f"{slug} is dated but never changes"
        assert len(rows) == 1 or all(r.note for r in rows), f"{slug}: a dated row needs a note"


def test_mapped_countries_exist_on_the_days_their_rows_cover(
    fixture_records: dict[str, dict[str, Any]],
) -> None:
    lives = fixture_records["country"]
    outside = []
    for row in ROWS:
        if not row.country or (row.first, row.last) == (date.min, date.max):
            continue
        life = lives[row.country]
        born = life["start_date"] or date.min
        gone = (
            period_end_exclusive(life["end_date"], life["end_date_precision"])
            if life["end_date"]
            else date.max
        )
        if (row.first != date.min and row.first < born) or (
            row.last != date.max and row.last >= gone
        ):
            outside.append((row.slug, row.country, row.first, row.last))
    assert outside == []


def test_the_issues_examples_and_the_dated_slugs() -> None:
    assert country_on("thailand", date(2019, 8, 1)) == ["THA"]
    assert country_on("burma", date(1960, 1, 1)) == ["MMR"]
    assert country_on("congo-brazzaville", date(1970, 1, 1)) == ["COG"]
    assert country_on("congo-kinshasa", date(1970, 1, 1)) == ["COD"]
    assert country_on("russia", date(1990, 6, 1)) == ["SUN"]
    assert country_on("russia", date(1991, 12, 26)) == ["RUS"]
    assert country_on("russia", date(1900, 1, 1)) == ["RUS"]
    assert country_on("korea", date(1885, 1, 1)) == ["XKR"]
    assert country_on("korea", date(1920, 1, 1)) == []
    assert country_on("korea", date(1950, 1, 1)) == ["KOR"]
    assert country_on("vietnam", date(1966, 10, 26)) == ["XSV"]
    assert country_on("vietnam", date(2019, 1, 1)) == ["VNM"]
    assert country_on("kosovo", date(1999, 11, 23)) == ["YUG"]
    assert country_on("kosovo", date(2009, 1, 1)) == ["XKX"]
    assert country_on("holy-see", date(1850, 1, 1)) == ["XPS"]
    assert country_on("holy-see", date(1984, 4, 9)) == ["VAT"]
    assert country_on("guatemala", date(1826, 5, 3)) == ["XUP"]
    assert country_on("austria", date(1900, 1, 1)) == ["XAH"]
    assert country_on("serbia", date(2004, 5, 21)) == ["SCG"]
    assert country_on("somoa", date(2022, 9, 28)) == ["WSM"]
    assert country_on("texas", date(1840, 1, 1)) == []


def test_every_slug_of_the_slices_maps_on_its_day(slice_records: Records) -> None:
    assert unmapped_uses(slice_records) == []


def test_the_generator_writes_the_mapped_rows_once_the_scheme_exists() -> None:
    generator = _generator()
    rows = generator.hsg_rows()
    mapped = [r for r in ROWS if r.country]
    assert [(r[0], r[1], r[2]) for r in rows] == [(r.country, "hsg", r.slug) for r in mapped]
    assert max(len(r[2]) for r in rows) == len("socialist-federal-republic-of-yugoslavia-1992")
    committed = (ROOT / "fixtures" / "country_codes.csv").read_text(encoding="utf-8")
    has_scheme = "hsg" in {scheme.value for scheme in CodeScheme}
    assert (",hsg," in committed) is has_scheme
    assert generator.render() == committed


def test_a_table_with_an_unexplained_gap_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "hsg_countries.csv"
    broken.write_text(
        "slug,country,start,end,sources,confidence,note\ntexas,,,,hsg-countries,,\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match="unmapped slugs need a note saying why: \\['texas'\\]"):
        _generator().hsg_rows(broken)
