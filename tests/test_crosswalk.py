"""Crosswalk.in_year: the one rule by which importers read a code's country for a year, on the
crosswalk the bundled fixtures load (fixtures/country_codes.csv)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bilateral_db.crosswalk import YEAR_DAY, YEAR_DAY_NAME, Crosswalk


@pytest.fixture
def cow(curated_shared_engine: Engine) -> Iterator[Crosswalk]:
    with curated_shared_engine.connect() as connection:
        yield Crosswalk.read(connection, "cow")


def _year(crosswalk: Crosswalk, code: int, year: int) -> tuple[str, bool] | None:
    found = crosswalk.in_year(code, year)
    return None if found is None else (found.mapping.iso, found.part_year)


def test_a_code_is_its_country_on_the_years_day(cow: Crosswalk) -> None:
    assert (YEAR_DAY, YEAR_DAY_NAME) == ((7, 1), "1 July")
    # 365: the USSR from 1922-12-30 to 1991-12-25, so all of 1991 is the USSR's, 1992 Russia's.
    assert _year(cow, 365, 1991) == ("SUN", False)
    assert _year(cow, 365, 1992) == ("RUS", False)
    assert _year(cow, 365, 1922) == ("RUS", False)  # the USSR only from 30 December


def test_a_part_year_code_is_read_at_the_years_end_or_start_and_marked(cow: Crosswalk) -> None:
    # Yemen in 1990: 678 (North Yemen) until 21 May, 679 from 22 May. On 1 July 679 is Yemen's;
    # 678 is Yemen's only on 1 January, and marked, since 679 is the country's on the day.
    assert _year(cow, 679, 1990) == ("YEM", False)
    assert _year(cow, 678, 1990) == ("YEM", True)
    # Germany in 1990: 260 (West Germany) until 2 October, 255 from 3 October.
    assert _year(cow, 260, 1990) == ("DEU", False)
    assert _year(cow, 255, 1990) == ("DEU", True)
    # A code of part of a year that no other code of its country holds on the day is not.
    assert _year(cow, 255, 1945) == ("DEU", False)  # 255 until 8 May 1945, 260 from 1955


def test_no_country_or_none_of_the_wanted_ones(cow: Crosswalk) -> None:
    assert cow.in_year(260, 1950) is None  # West Germany enters COW's list in 1955
    assert cow.in_year(999, 2000) is None
    ussr = cow.in_year(365, 1991)
    assert ussr is not None
    assert cow.in_year(365, 1991, countries={ussr.mapping.country_id}) == ussr
    assert cow.in_year(365, 1991, countries=set()) is None
