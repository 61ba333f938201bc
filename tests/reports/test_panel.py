from __future__ import annotations

from decimal import Decimal

import pytest

from bilateral_db.reports.panel import DYAD_YEAR_COLUMNS, panel_rows


def test_dyad_year_rows(world) -> None:
    rows = [
        row
        for row in panel_rows(
            world.session.connection(), unit="dyad-year", year_from=2018, year_to=2019
        )
        if (row["iso1"], row["iso2"]) == ("RUS", "THA")
    ]
    assert [list(row) for row in rows] == [DYAD_YEAR_COLUMNS] * 2
    assert [(r["year"], r["meetings"], r["total_usd"]) for r in rows] == [
        (2018, 0, Decimal("300000000.00")),
        (2019, 2, None),
    ]


def test_country_year_rows_only_in_years_a_state_was_in_the_list(world) -> None:
    years = {
        iso: [
            row["year"]
            for row in panel_rows(world.session.connection(), unit="country-year")
            if row["iso"] == iso
        ]
        for iso in ("SGP", "BRN")
    }
    # COW: Singapore from 1965-08-09, Brunei from 1984-01-01; both still in the list at its
    # edge (2016-12-31), carried on to this year with listed false.
    assert (years["SGP"][0], years["BRN"][0]) == (1965, 1984)
    rows = [
        r for r in panel_rows(world.session.connection(), unit="country-year") if r["iso"] == "BRN"
    ]
    assert [r["listed"] for r in rows if r["year"] in (2016, 2017)] == [True, False]
    assert rows[0]["ccode"] == 835


def test_gw_panel_needs_its_list(world) -> None:
    assert list(panel_rows(world.session.connection(), unit="country-year", system="gw")) == []


def test_unknown_unit(world) -> None:
    with pytest.raises(ValueError):
        list(panel_rows(world.session.connection(), unit="leader-year"))


def test_arrow_reading_in_parts_stops_with_its_reader(world_url: str) -> None:
    """The dyad-year panel read in parts by two connections at once: all of it, in order, and
    a reader that stops early leaves no thread or connection behind."""
    pytest.importorskip("adbc_driver_sqlite")
    pytest.importorskip("adbc_driver_postgresql")
    import threading

    from bilateral_db.db import make_engine, read_snapshot
    from bilateral_db.reports import panel

    engine = make_engine(world_url, read_only=True)
    try:
        with read_snapshot(engine) as connection:
            assert len(panel._code_ranges(connection, "cow")) > 1
            batches = panel.panel_arrow(connection, unit="dyad-year", batch_size=7)
            assert batches is not None
            keys = [
                (row["ccode1"], row["ccode2"], row["year"])
                for batch in batches
                for row in batch.to_pylist()
            ]
            assert keys == sorted(keys)
            assert len(keys) == sum(
                len(b) for b in panel.panel_batches(connection, unit="dyad-year")
            )
            before = threading.active_count()
            batches = panel.panel_arrow(connection, unit="dyad-year", batch_size=7)
            assert batches is not None
            next(iter(batches))
            batches.close()  # type: ignore[attr-defined]
            assert threading.active_count() == before
    finally:
        engine.dispose()
