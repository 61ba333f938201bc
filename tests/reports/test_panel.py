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


def test_country_year_rows_only_in_years_a_country_existed(world) -> None:
    from datetime import date

    world.country(
        "SUN",
        "Soviet Union",
        start_date=date(1922, 12, 30),
        start_date_precision="day",
        end_date=date(1991, 12, 26),
        end_date_precision="day",
    )
    world.session.flush()
    years = [
        row["year"]
        for row in panel_rows(world.session.connection(), unit="country-year")
        if row["iso"] == "SUN"
    ]
    # Existence is judged on 31 December: 1991 belongs to the successor, not to both.
    assert (years[0], years[-1], len(years)) == (1946, 1990, 45)


def test_unknown_unit(world) -> None:
    with pytest.raises(ValueError):
        list(panel_rows(world.session.connection(), unit="leader-year"))
