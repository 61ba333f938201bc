from __future__ import annotations

from datetime import date

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bilateral_db.imports import import_dataset
from bilateral_db.reports import members_on, membership_pairs, membership_timeline, memberships_on

COW_IGO = "cow-igo-3.0"


def test_members_on_a_day_by_role(world) -> None:
    rows = members_on(world.session, bloc="ASEAN", on=date(1990, 1, 1), role="member")
    assert [row.country for row in rows] == ["BRN", "IDN", "MYS", "PHL", "SGP", "THA"]
    assert str(rows[0].start_date) == "1984-01-07"
    assert rows[0].end_date is None


def test_members_on_accession_day_and_day_before(world) -> None:
    before = members_on(world.session, bloc="ASEAN", on=date(1999, 4, 29), role="member")
    on_day = members_on(world.session, bloc="ASEAN", on=date(1999, 4, 30), role="member")
    assert len(before) == 7
    assert len(on_day) == 8
    assert "KHM" in {row.country for row in on_day}


def test_every_role_and_a_bloc_as_member(world) -> None:
    rows = members_on(world.session, bloc="ASEAN", on=date(2019, 8, 1))
    roles = {(row.country, row.role) for row in rows}
    assert ("RUS", "dialogue_partner") in roles
    assert ("RUS", "strategic_partner") in roles
    assert ("THA", "chair") in roles
    eu = next(row for row in rows if row.country == "EU")
    assert (eu.member_kind, eu.name, str(eu.start_date)) == ("bloc", "European Union", "1977")


def test_year_precision_end_covers_the_whole_year(world) -> None:
    chair = [date(2019, 12, 31), date(2020, 1, 1)]
    held = [
        [row.country for row in members_on(world.session, bloc="ASEAN", on=day, role="chair")]
        for day in chair
    ]
    assert held == [["THA"], []]


def test_month_precision_start_counts_from_the_first_of_the_month(world) -> None:
    rows = members_on(world.session, bloc="ASEAN", on=date(1996, 7, 1), role="dialogue_partner")
    assert [row.country for row in rows] == ["EU", "RUS"]
    assert str(rows[1].start_date) == "1996-07"


def test_timeline_of_a_bloc_and_of_a_country(world) -> None:
    bloc = membership_timeline(world.session, bloc="ASEAN")
    assert len(bloc) == 12
    assert [row.start_date.value for row in bloc] == sorted(row.start_date.value for row in bloc)
    russia = membership_timeline(world.session, member="RUS")
    assert [(row.bloc, row.role, str(row.start_date)) for row in russia] == [
        ("ASEAN", "dialogue_partner", "1996-07"),
        ("ASEAN", "strategic_partner", "2018"),
    ]


def test_memberships_of_a_member_on_a_day(world) -> None:
    rows = memberships_on(world.session, member="THA", on=date(2019, 8, 1))
    assert [(row.bloc, row.role) for row in rows] == [("ASEAN", "chair"), ("ASEAN", "member")]


def test_membership_pairs_both_ways(world) -> None:
    forward = membership_pairs(world.session, a="RUS", b="ASEAN")
    backward = membership_pairs(world.session, a="ASEAN", b="RUS")
    assert forward == backward
    assert [row.role for row in forward] == ["dialogue_partner", "strategic_partner"]


# --- where a data set is silent (a slice of the real COW IGO file) ---------------------------


@pytest.fixture
def cow_igo(curated_engine: Engine) -> Engine:
    import_dataset(curated_engine, "cow-igo", DATASET_SLICES / "cow_igo_slice.csv.gz")
    return curated_engine


def test_a_missing_cell_is_not_covered_and_a_zero_is_no_row(cow_igo: Engine) -> None:
    """Thailand in the CTO: -9 in 1968-1975, 0 in 1976 (COW IGO v3, column cto)."""
    with Session(cow_igo) as session:
        in_1970 = members_on(session, bloc="CTO", on=date(1970, 7, 1), source=COW_IGO)
        in_1976 = members_on(session, bloc="CTO", on=date(1976, 7, 1), source=COW_IGO)
    (thailand,) = [row for row in in_1970 if row.country == "THA"]
    assert (thailand.covered, thailand.source, thailand.start_date, thailand.end_status) == (
        False,
        COW_IGO,
        None,
        None,
    )
    assert "THA" not in [row.country for row in in_1976]


def test_past_its_edge_a_source_lists_its_members_as_not_covered(cow_igo: Engine) -> None:
    """COW IGO ends in 2014: on 2019-01-01 it says nothing about the UN's members."""
    with Session(cow_igo) as session:
        in_2014 = members_on(session, bloc="UN", on=date(2014, 7, 1), source=COW_IGO)
        in_2019 = members_on(session, bloc="UN", on=date(2019, 1, 1), source=COW_IGO)
    members_2014 = {row.country for row in in_2014 if row.covered}
    assert "USA" in members_2014 and "THA" in members_2014
    assert in_2019 and not any(row.covered for row in in_2019)
    assert {row.country for row in in_2019} >= members_2014
    assert {row.source for row in in_2019} == {COW_IGO}


def test_a_bloc_has_no_members_before_its_founding(database_factory, small_fixtures) -> None:
    """A membership known only to its year starts on the year's first day, which may be before
    the bloc's founding day: on such a day the bloc did not exist and has no members (Thailand
    written as an ASEAN member from 1967; ASEAN founded 1967-08-08)."""
    from bilateral_db import migrations
    from bilateral_db.db import make_engine
    from bilateral_db.load import load_fixtures

    small_fixtures.replace(
        "blocs.yaml",
        "{member: THA, role: member, start: 1967-08-08}",
        "{member: THA, role: member, start: 1967}",
    )
    url = database_factory.create()
    migrations.upgrade(url)
    engine = make_engine(url)
    try:
        load_fixtures(engine, [small_fixtures.path])
        with engine.connect() as connection:
            assert members_on(connection, bloc="ASEAN", on=date(1967, 3, 1)) == []
            [thailand] = members_on(connection, bloc="ASEAN", on=date(1967, 8, 8))
            assert (thailand.country, str(thailand.start_date)) == ("THA", "1967")
    finally:
        engine.dispose()
