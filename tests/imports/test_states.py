"""The COW and Gleditsch-Ward state lists: spells as published, the crosswalk maps them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.crosswalk import Crosswalk
from bilateral_db.imports import ImportFileError, bundled_path, import_dataset
from bilateral_db.models import Release, SystemMembership


def _spells(engine: Engine, system: str, code: int) -> list[tuple[date, date, str]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                select(
                    SystemMembership.start_date,
                    SystemMembership.end_date,
                    SystemMembership.end_status,
                )
                .where(SystemMembership.system == system, SystemMembership.code == code)
                .order_by(SystemMembership.start_date)
            )
        ]


def test_cow_list_spells_and_their_countries(curated_engine: Engine, snapshot) -> None:
    result = import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
    assert (result.release, result.counts) == ("cow-states-2016", {"system_membership": 243})
    assert result.finding_counts == {}  # the crosswalk maps every day of every spell
    # Germany (255) has two spells; the second is still in the list at its edge.
    assert _spells(curated_engine, "cow", 255) == [
        (date(1816, 1, 1), date(1945, 5, 8), "ended"),
        (date(1990, 10, 3), date(2016, 12, 31), "censored"),
    ]
    with curated_engine.connect() as connection:
        crosswalk = Crosswalk.read(connection, "cow")
        release = connection.execute(
            select(Release.coverage_start, Release.coverage_end, Release.file_sha256).where(
                Release.slug == "cow-states-2016"
            )
        ).one()
    # COW keeps 365 through 1991: the USSR's until 1991-12-25, Russia's after.
    assert crosswalk.country(365, date(1990, 6, 1)).iso == "SUN"  # type: ignore[union-attr]
    assert crosswalk.country(365, date(1992, 6, 1)).iso == "RUS"  # type: ignore[union-attr]
    assert release[:2] == (date(1816, 1, 1), date(2016, 12, 31))
    assert len(release[2]) == 64

    before = snapshot(curated_engine)
    again = import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
    assert not again.changed and "unchanged" in again.summary()
    assert snapshot(curated_engine) == before


def test_gw_list_ends_at_its_own_edge(curated_engine: Engine) -> None:
    result = import_dataset(curated_engine, "gw-states", bundled_path("gw-states"))
    assert result.counts == {"system_membership": 216}
    spells = _spells(curated_engine, "gw", 260)  # GW keep 260 after reunification
    assert spells[-1][1:] == (date(2017, 12, 31), "censored")


def test_a_code_the_crosswalk_lacks_is_listed_and_kept(
    curated_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "states.csv"
    text = bundled_path("cow-states").read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\nZZZ,999,Nowhere,1900,1,1,1910,6,30,2016\n")
    result = import_dataset(curated_engine, "cow-states", path)
    assert result.finding_counts == {"unmapped_code": 1}
    (finding,) = result.findings
    assert (finding.line, finding.record) == (245, "cow 999 Nowhere")
    assert _spells(curated_engine, "cow", 999) == [(date(1900, 1, 1), date(1910, 6, 30), "ended")]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("styear,", "start_year,", 1), "styear: required column is missing"),
        (
            lambda t: t.replace(
                "USA,2,United States of America,1816,1,1",
                "USA,2,United States of America,1816,13,1",
                1,
            ),
            ":2: styear: 1816-13-1 is not a real date",
        ),
        (
            lambda t: t.replace(",20,Canada,", ",2O,Canada,", 1),
            ":3: ccode: '2O' is not a whole number",
        ),
    ],
)
def test_a_bad_file_names_line_and_column_and_changes_nothing(
    curated_engine: Engine, tmp_path: Path, snapshot, edit, message: str
) -> None:
    path = tmp_path / "states2016.csv"
    path.write_text(edit(bundled_path("cow-states").read_text(encoding="utf-8")))
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "cow-states", path)
    assert message in str(raised.value)
    assert snapshot(curated_engine) == before


def test_a_spell_given_twice_is_named_by_both_lines(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    lines = bundled_path("cow-states").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "states2016.csv"
    path.write_text("\n".join([*lines, lines[2]]) + "\n")
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "cow-states", path)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:{len(lines) + 1}: ccode: the spell of 20 from 1920-01-10 is also given on line 3"
    ]
    assert snapshot(curated_engine) == before


def test_a_newer_list_is_merged_spell_by_spell(curated_engine: Engine, tmp_path: Path) -> None:
    """Spells are kept by their key (list, code, start): a newer file updates the one that
    changed, removes the ones it no longer has, and leaves the rest as they were."""
    first = import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
    assert first.changes == {"inserted": 243, "updated": 0, "unchanged": 0, "removed": 0}
    assert "inserted" not in first.summary()  # a first import only inserts: counts say it
    ids = _ids(curated_engine)
    lines = bundled_path("cow-states").read_text(encoding="utf-8").splitlines()
    usa = lines[1].replace("United States of America", "United States")
    renamed = [lines[0], usa, *lines[2:-2]]
    path = tmp_path / "states2016.csv"
    path.write_text("\n".join(renamed) + "\n")
    result = import_dataset(curated_engine, "cow-states", path)
    assert result.changes == {"inserted": 0, "updated": 1, "unchanged": 240, "removed": 2}
    assert result.summary() == (
        "cow-states-2016: imported 241 system_membership "
        "(0 inserted, 1 updated, 240 unchanged, 2 removed)"
    )
    after = _ids(curated_engine)
    assert after == {key: ids[key] for key in after}  # no spell written anew
    assert len(ids) - len(after) == 2
    with curated_engine.connect() as connection:
        name = connection.execute(
            select(SystemMembership.name).where(SystemMembership.code == 2)
        ).scalar_one()
    assert name == "United States"


def _ids(engine: Engine) -> dict[tuple[int, date], int]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(SystemMembership.code, SystemMembership.start_date, SystemMembership.id)
        )
        return {(code, start): id_ for code, start, id_ in rows}


@pytest.fixture
def both_lists(curated_engine: Engine) -> Engine:
    for name in ("cow-states", "gw-states"):
        import_dataset(curated_engine, name, bundled_path(name))
    return curated_engine


@pytest.mark.parametrize(
    ("country", "yes", "no", "first", "last"),
    [
        # Liechtenstein is in COW's list from 1990-09-18 (censored at its edge), not in GW's.
        ("LIE", "cow-states-2016", "gw-states", date(1990, 9, 18), date(2016, 12, 31)),
        # Tibet (XTB) is in GW's list 1913-1950, not in COW's.
        ("XTB", "gw-states", "cow-states-2016", date(1913, 1, 1), date(1950, 10, 1)),
    ],
)
def test_a_state_in_one_list_only_is_a_disagreement(
    both_lists: Engine, country: str, yes: str, no: str, first: date, last: date
) -> None:
    with Session(both_lists) as session:
        rows = reports.disagreements(session, country=country)
    assert [(r.subject, r.first.value, r.last and r.last.value) for r in rows] == [
        (f"state/{country}", first, last)
    ]
    assert (rows[0].yes_sources, rows[0].no_sources) == ((yes,), (no,))
    assert rows[0].no_claims == "none (covers it, claims nothing)"
