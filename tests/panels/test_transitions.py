"""Panels in transition years, against a slice of COW Trade v4.0 (every row of the file among
the USA, the UK, both Germanys, the USSR/Russia and Thailand in 1920-23 and 1989-92).

One rule maps a code to a country for a year, the importers' (1 July, then 31 December, then
1 January): Germany's 1990 figures, which COW files under 255 (Germany from 3 October), belong
to the code that is Germany's on 1 July, 260; 255's 1990 row says part_year and holds nothing,
so Germany is counted once, and the USSR's 1991 figures stay the USSR's."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Engine, text

from bilateral_db.imports import bundled_path, import_dataset

SLICE = DATASET_SLICES / "cow_trade_transitions_slice.csv.gz"
MILLION = 10**8  # a million US dollars in cents


def _raw() -> list[dict[str, str]]:
    return list(csv.DictReader(gzip.decompress(SLICE.read_bytes()).decode().splitlines()))


def _raw_trade(codes: Iterable[int], year: int) -> tuple[int, int]:
    """(exports, imports) in US$ million of the states `codes` stand for, from the raw rows:
    flow1 is ccode1's imports from ccode2, flow2 ccode2's from ccode1 (-9: unknown)."""
    own = {str(code) for code in codes}
    exports = imports = 0
    for row in _raw():
        if row["year"] != str(year) or (row["ccode1"] in own) == (row["ccode2"] in own):
            continue
        mine, theirs = ("flow1", "flow2") if row["ccode1"] in own else ("flow2", "flow1")
        imports += max(int(row[mine]), 0)
        exports += max(int(row[theirs]), 0)
    return exports, imports


@pytest.fixture
def panel(curated_engine: Engine) -> Engine:
    import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
    import_dataset(curated_engine, "gw-states", bundled_path("gw-states"))
    import_dataset(curated_engine, "cow-trade", SLICE)
    return curated_engine


def _country_year(engine: Engine, view: str, code: int, year: int) -> dict[str, object]:
    column = "gwcode" if view.endswith("_gw") else "ccode"
    with engine.connect() as connection:
        row = connection.execute(
            text(f"SELECT * FROM {view} WHERE {column} = :code AND year = :year"),
            {"code": code, "year": year},
        ).one()
    return dict(row._mapping)


@pytest.mark.parametrize(
    ("code", "year", "iso", "filed"),
    [
        (260, 1990, "DEU", (255, 260)),  # COW gives 1990 under 255; Germany's code on 1 July
        (255, 1991, "DEU", (255,)),
        (365, 1991, "SUN", (365,)),  # the USSR until 25 December 1991
        (365, 1992, "RUS", (365,)),
        (365, 1922, "RUS", (365,)),  # the USSR from 30 December 1922
        (365, 1923, "SUN", (365,)),
        (2, 1990, "USA", (2,)),
    ],
)
def test_a_country_year_holds_the_figures_of_its_code_on_1_july(
    panel: Engine, code: int, year: int, iso: str, filed: tuple[int, ...]
) -> None:
    row = _country_year(panel, "v_country_year", code, year)
    exports, imports = _raw_trade(filed, year)
    assert (row["iso"], row["part_year"]) == (iso, False)
    assert row["imports_usd_minor"] == imports * MILLION
    assert row["exports_usd_minor"] == exports * MILLION
    # COW gives imports only: each export is the partner's reported import (a mirror).
    assert row["exports_basis"] == "mirror"
    assert row["trade_source"] == "cow-trade-4.0"
    assert row["list_source"] == "cow-states-2016"


def test_a_code_of_part_of_the_year_is_marked_and_empty(panel: Engine) -> None:
    row = _country_year(panel, "v_country_year", 255, 1990)
    assert (row["iso"], row["part_year"], row["day"]) == ("DEU", True, _day(panel, "1990-12-31"))
    assert row["imports_usd_minor"] is None and row["exports_usd_minor"] is None
    assert row["bloc_memberships"] is None and row["meetings"] is None


def test_no_dyad_pairs_a_country_with_itself(panel: Engine) -> None:
    with panel.connect() as connection:
        selves = connection.execute(
            text("SELECT COUNT(*) FROM v_dyad_year WHERE iso1 = iso2")
        ).scalar_one()
        german = connection.execute(
            text(
                "SELECT ccode1, ccode2 FROM v_dyad_year WHERE year = 1990 "
                "AND ccode1 IN (255, 260) AND ccode2 IN (255, 260)"
            )
        ).all()
    assert selves == 0
    assert german == []


def test_a_dyad_carries_imports_as_reported_and_exports_mirrored(panel: Engine) -> None:
    """2,255,1990: flow1 29080 (US imports from Germany), flow2 22922 (Germany's from the US)."""
    with panel.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT ccode2, part_year, imports_usd_minor, exports_usd_minor, exports_basis, "
                "total_usd_minor, total_basis, trade_source FROM v_dyad_year "
                "WHERE ccode1 = 2 AND ccode2 IN (255, 260) AND year = 1990 ORDER BY ccode2"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (255, True, None, None, None, None, None, None),
        (
            260,
            False,
            29080 * MILLION,
            22922 * MILLION,
            "mirror",
            (29080 + 22922) * MILLION,
            "sum",
            "cow-trade-4.0",
        ),
    ]


def test_the_gw_panel_reads_the_same_figures_under_its_codes(panel: Engine) -> None:
    """GW codes Germany 260 throughout: its 1990 row holds what COW's 260 row holds."""
    cow = _country_year(panel, "v_country_year", 260, 1990)
    gw = _country_year(panel, "v_country_year_gw", 260, 1990)
    assert gw["iso"] == "DEU"
    assert (
        gw["imports_usd_minor"]
        == cow["imports_usd_minor"]
        == _raw_trade((255, 260), 1990)[1] * MILLION
    )
    assert gw["list_source"] == "gw-states"


def _day(engine: Engine, value: str) -> object:
    """A day as the backend gives it back (text on SQLite, a date on PostgreSQL)."""
    with engine.connect() as connection:
        return connection.execute(
            text(f"SELECT day FROM panel_country_year WHERE day = '{value}' LIMIT 1")
        ).scalar_one()


def test_a_list_imported_after_the_trade_gets_the_trade(curated_engine: Engine) -> None:
    """The GW list imported last: its country-years hold the figures filed before it came."""
    import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
    import_dataset(curated_engine, "cow-trade", SLICE)
    import_dataset(curated_engine, "gw-states", bundled_path("gw-states"))
    gw = _country_year(curated_engine, "v_country_year_gw", 260, 1990)
    assert gw["imports_usd_minor"] == _raw_trade((255, 260), 1990)[1] * MILLION
