"""COW IGO v3 (a slice of the real file): IGOs as blocs, spells known to the year, coverage."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from bilateral_db import models as m
from bilateral_db import reports
from bilateral_db.imports import ImportFileError, import_dataset

SLICE = DATASET_SLICES / "cow_igo_slice.csv.gz"
COW = "cow-igo-3.0"


@pytest.fixture
def imported(curated_engine: Engine) -> Engine:
    result = import_dataset(curated_engine, "cow-igo", SLICE)
    # ASEAN, APEC, SCO and EU are curated blocs naming their COW code; UN, CTO and ICAI are new.
    assert result.counts["bloc"] == 7
    return curated_engine


def test_per_cow_brunei_is_a_member_in_1984_and_papua_new_guinea_an_observer(imported) -> None:
    with Session(imported) as session:
        members = reports.members_on(session, bloc="ASEAN", on=date(1984, 6, 1), source=COW)
        observers = reports.members_on(
            session, bloc="ASEAN", on=date(1984, 6, 1), role="observer", source=COW
        )
    brunei = next(row for row in members if row.country == "BRN")
    assert (brunei.start_date.value, str(brunei.start_date), brunei.source) == (
        date(1984, 1, 1),
        "1984",
        COW,
    )
    assert [row.country for row in observers if row.covered] == ["PNG"]
    # Timor-Leste, an observer from 2002, is no state yet: COW says nothing of it in 1984, and
    # nothing it said before leaves 1984 open, so no "not covered" row stands for it.
    assert [row.country for row in observers if not row.covered] == []


def test_curated_answers_stand_and_cow_agrees(imported) -> None:
    with Session(imported) as session:
        rows = reports.members_on(session, bloc="ASEAN", on=date(1990, 1, 1), role="member")
        strict_1997 = reports.members_on(session, bloc="ASEAN", on=date(1997, 3, 1), source=COW)
    assert [row.country for row in rows] == ["BRN", "IDN", "MYS", "PHL", "SGP", "THA"]
    assert all(row.source == "curated" and COW in row.sources for row in rows)
    assert not any(row.disputed for row in rows)
    # COW knows Laos's accession to the year: on 1997-03-01 a member only uncertainly.
    laos = next(row for row in strict_1997 if row.country == "LAO")
    assert laos.uncertain


def test_timor_leste_observer_disagreement_is_reported(imported) -> None:
    with Session(imported) as session:
        rows = reports.disagreements(session, bloc="ASEAN", kind="membership")
    timor = [row for row in rows if row.subject == "ASEAN/TLS/observer"]
    assert len(timor) == 1
    (row,) = timor
    assert row.yes_sources == (COW,) and row.yes_claims.startswith("2002..2014")
    assert "vietnamplus-2022-11-11-timor-leste-membership" in row.no_sources
    assert (row.first.value.year, row.last.value.year) == (2002, 2014)  # type: ignore[union-attr]
    # Laos's accession, 1997-07-23 by the curated data and "1997" by COW, is no disagreement.
    assert not [row for row in rows if row.subject == "ASEAN/LAO/member"]


def test_minus_nine_is_not_covered_not_no_membership(imported) -> None:
    """Thailand in the CTO: -9 in 1968-1975, 0 in 1976. A curated claim of membership is
    disputed where COW says 0, not where COW has no data."""
    with Session(imported) as session:
        cto = session.scalar(select(m.Bloc).where(m.Bloc.cow_igo_code == "CTO"))
        thailand = session.scalar(select(m.Actor).join(m.Country).where(m.Country.code == "THA"))
        for year in (1970, 1976):
            session.add(
                m.Membership(
                    actor=thailand,
                    bloc=cto,
                    role="member",
                    start_date=date(year, 3, 1),
                    start_date_precision="day",
                    end_date=date(year, 9, 1),
                    end_date_precision="day",
                )
            )
        session.flush()
        rows = reports.disagreements(session, bloc=cto.code, country="THA")
    assert [(r.first.value, r.last.value) for r in rows] == [  # type: ignore[union-attr]
        (date(1976, 3, 1), date(1976, 9, 1))
    ]
    assert rows[0].no_sources == (COW,)


def test_reimport_changes_nothing_and_curated_rows_are_untouched(
    curated_engine: Engine, snapshot
) -> None:
    def curated(engine: Engine) -> list[tuple[object, ...]]:
        with engine.connect() as connection:
            return sorted(
                tuple(row)
                for row in connection.execute(text("SELECT * FROM membership WHERE release_id = 1"))
            )

    before = curated(curated_engine)
    import_dataset(curated_engine, "cow-igo", SLICE)
    assert curated(curated_engine) == before
    state = snapshot(curated_engine)
    assert not import_dataset(curated_engine, "cow-igo", SLICE).changed
    assert snapshot(curated_engine) == state


def test_a_newer_release_replaces_the_older_ones_rows(
    curated_engine: Engine, tmp_path: Path
) -> None:
    first = import_dataset(curated_engine, "cow-igo", SLICE)
    with curated_engine.connect() as connection:
        icai_spells = connection.execute(
            text(
                "SELECT COUNT(*) FROM membership m JOIN bloc b ON b.id = m.bloc_id "
                "WHERE b.code = 'ICAI'"
            )
        ).scalar_one()
    lines = gzip.decompress(SLICE.read_bytes()).decode().splitlines()
    header = lines[0].split(",")
    icai = header.index("icai")
    newer = tmp_path / "igo.csv"
    newer.write_text(
        "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != icai) for line in lines)
        + "\n"
    )
    result = import_dataset(curated_engine, "cow-igo", newer, version="3.1")
    assert (result.release, result.replaced) == ("cow-igo-3.1", "cow-igo-3.0")
    # Memberships are merged by key: ICAI's go, every other spell stays as it was.
    kept = first.counts["membership"] - icai_spells
    assert icai_spells and result.counts["membership"] == kept
    assert result.changes == {
        "inserted": 0,
        "updated": 0,
        "unchanged": kept,
        "removed": icai_spells,
    }
    with curated_engine.connect() as connection:
        slugs = connection.execute(text("SELECT slug FROM release ORDER BY precedence")).scalars()
        assert list(slugs) == ["curated", "cow-igo-3.1"]
        assert (
            connection.execute(text("SELECT COUNT(*) FROM bloc WHERE code = 'ICAI'")).scalar() == 0
        )


def test_a_bad_cell_late_in_the_file_changes_nothing(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    lines = gzip.decompress(SLICE.read_bytes()).decode().splitlines()
    lines[-3] = lines[-3][: lines[-3].rindex(",")] + ",7"
    path = tmp_path / "igo.csv.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "cow-igo", path)
    assert f":{len(lines) - 2}: icai: '7' is not a status" in str(raised.value)
    assert snapshot(curated_engine) == before


GAPS = DATASET_SLICES / "cow_igo_gaps_slice.csv.gz"


@pytest.fixture
def gaps(curated_engine: Engine) -> Engine:
    import_dataset(curated_engine, "cow-igo", GAPS)
    return curated_engine


def _spells(engine: Engine, bloc: str, country: str) -> list[tuple[int, int, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT m.start_date, m.end_date, m.end_status FROM membership m "
                "JOIN bloc b ON b.id = m.bloc_id JOIN actor a ON a.id = m.actor_id "
                "JOIN country c ON c.id = a.country_id JOIN release r ON r.id = m.release_id "
                "WHERE b.code = :bloc AND c.code = :country AND r.slug = :release "
                "ORDER BY m.start_date"
            ),
            {"bloc": bloc, "country": country, "release": COW},
        )
        return [(int(str(s)[:4]), int(str(e)[:4]), status) for s, e, status in rows]


def test_a_year_without_a_row_is_an_exit_not_a_bridge(gaps: Engine) -> None:
    """The file is annual: Syria has no rows in 1959-60 (the United Arab Republic), Ethiopia
    none in 1937-40 (Italian occupation); neither is a member in those years."""
    assert _spells(gaps, "UN", "SYR") == [(1946, 1958, "censored"), (1961, 2014, "censored")]
    lon = next(code for code in ("LON", "LON-IGO") if _spells(gaps, code, "ETH"))
    assert _spells(gaps, lon, "ETH") == [(1923, 1936, "censored"), (1941, 1945, "censored")]
    with Session(gaps) as session:
        un_1959 = reports.members_on(session, bloc="UN", on=date(1959, 7, 1), source=COW)
        un_1961 = reports.members_on(session, bloc="UN", on=date(1961, 7, 1), source=COW)
    # Syria in the UAR: COW has no row for it in 1959, so it says nothing (not covered).
    assert [row.covered for row in un_1959 if row.country == "SYR"] == [False]
    assert [row.covered for row in un_1961 if row.country == "SYR"] == [True]


def test_a_gap_is_not_covered_so_it_is_no_no_either(gaps: Engine) -> None:
    """Cuba has no rows in 1907-08: the release covers Cuba 1902-06 and from 1909, not between."""
    with gaps.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT v.start_date, v.end_date FROM coverage v JOIN actor a ON a.id = v.actor_id "
                "JOIN country c ON c.id = a.country_id WHERE c.code = 'CUB' "
                "AND v.bloc_id IS NULL AND v.covered ORDER BY v.start_date"
            )
        ).all()
    spans = [(int(str(s)[:4]), int(str(e)[:4])) for s, e in rows]
    assert spans[:2] == [(1902, 1906), (1909, spans[1][1])]


def test_cow_zero_in_a_bloc_it_codes_disputes_a_curated_observer(gaps: Engine) -> None:
    """COW codes SCO members and no observer; its 0 for India in 2005-14 is "in no role", so
    the curated observer status from 2005-07 is a disagreement (and likewise IRN, MNG, PAK)."""
    with Session(gaps) as session:
        rows = reports.disagreements(session, bloc="SCO", kind="membership")
    observers = {row.subject: row for row in rows if row.subject.endswith("/observer")}
    assert sorted(observers) == [f"SCO/{c}/observer" for c in ("IND", "IRN", "MNG", "PAK")]
    india = observers["SCO/IND/observer"]
    assert india.no_sources == (COW,)
    assert india.no_claims == "none (covers it, claims nothing)"
    assert (india.first.value, india.last.value) == (  # type: ignore[union-attr]
        date(2005, 7, 31),
        date(2014, 12, 31),
    )
    with Session(gaps) as session:
        on_day = reports.members_on(session, bloc="SCO", on=date(2010, 7, 1), role="observer")
    assert all(row.disputed for row in on_day if row.country in {"IND", "IRN", "MNG", "PAK"})


def test_past_the_edge_only_what_the_file_left_open_is_not_covered(imported) -> None:
    """In 2019 COW IGO (to 2014) is silent. Thailand was a UN member at its edge: not covered.
    East Germany's membership ended with the state in 1990, which the file saw: no row."""
    with Session(imported) as session:
        rows = reports.members_on(session, bloc="UN", on=date(2019, 1, 1), source=COW)
    silent = {row.country for row in rows if not row.covered}
    assert {"THA", "RUS", "USA", "TLS"} <= silent
    assert "DDR" not in silent
    assert all(row.source == COW and row.end_status is None for row in rows if not row.covered)
    with Session(imported) as session:
        in_1985 = reports.members_on(session, bloc="UN", on=date(1985, 1, 1), source=COW)
    assert "DDR" in {row.country for row in in_1985 if row.covered}
