"""The reviewed mappings of the Office's terms, checked against the slices and the fixtures."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.fixtures import read_fixture_set
from bilateral_db.imports import ImportFileError
from bilateral_db.imports.hsg import pocom
from bilateral_db.imports.hsg.mappings import DATA, Mappings, mappings
from bilateral_db.resources import fixtures_dir


@pytest.fixture(scope="module")
def missions(slices: Path) -> dict[str, pocom.Mission]:
    with pocom.open_pocom(slices / "pocom") as source:
        return {mission.id: mission for mission in pocom.read_missions(source)}


@pytest.fixture(scope="module")
def blocs() -> dict[str, dict[str, Any]]:
    records = read_fixture_set([fixtures_dir()]).records["bloc"]
    return {record.label: record.values for record in records.values()}


def test_role_titles_map_to_capacities(slices: Path, missions: dict[str, pocom.Mission]) -> None:
    table = mappings()
    assert table.capacity_of("ambassador-e-p") == "full"
    assert table.capacity_of("charge-daffaires-ad-interim") == "ad_interim"
    assert table.capacity_of("charge-daffaires") == "full"  # en titre: a chief in their own right
    assert table.capacity_of("secretary-ad-interim") == "acting"
    assert table.capacity_of("secretary") == "full"
    assert table.capacity_of("no-such-title") is None
    with pocom.open_pocom(slices / "pocom") as source:
        roles = {role.id for role in pocom.read_roles(source)}
        principal_roles = {
            principal.role_title_id
            for position in pocom.read_positions(source)
            for principal in position.principals
        }
    used = {chief.role_title_id for mission in missions.values() for chief in mission.chiefs}
    assert (roles | used | principal_roles) - set(table.role_capacities) == set()


@pytest.mark.parametrize(
    ("note", "reason"),
    [
        ("Left post on", "left_post"),
        ("Left Bridgetown", "left_post"),
        ("Had farewell audience on", "left_post"),
        ("Presented recall on", "presented_recall"),
        ("Probably presented recall on or before", "presented_recall"),
        ("Transmitted recall by note", "presented_recall"),
        ("Relinquished charge", "relinquished_charge"),
        ("Died at post on", "died"),
        ("Assassinated at Benghazi", "died"),
        ("Superseded", "superseded"),
        ("Promoted to Ambassador Extraordinary and Plenipotentiary", "promoted"),
        ("Appointment terminated", "appointment_terminated"),
        ("Recess appointment expired", "term_expired"),
        ("Declared persona non grata by Government of Hungary on", "removed"),
        ("Recall requested by Government of Mexico on", "removed"),
        ("Germany declared war on the United States on", "relations_interrupted"),
        ("Iraq severed diplomatic relations with the United States", "relations_interrupted"),
        ("Japan assumed direction of Korean foreign relations on", "relations_interrupted"),
        ("Resigned as Ambassador to Equatorial Guinea", "resigned"),
    ],
)
def test_ended_notes_map_to_end_reasons(note: str, reason: str) -> None:
    rule = mappings().end_reason_rule(note)
    assert rule is not None and rule.value == reason


def test_notes_that_give_no_reason_are_matched_without_one() -> None:
    table = mappings()
    for note in ("Recommissioned to Guatemala only", "Embassy Khartoum closed", "Jun 1783"):
        rule = table.end_reason_rule(note)
        assert rule is not None and rule.value is None and rule.note
    assert table.end_reason_rule("An ending no rule has seen") is None
    assert table.end_reason_rule(None) is None


def test_every_ended_note_of_the_slices_is_matched(missions: dict[str, pocom.Mission]) -> None:
    notes = {chief.ended.note for m in missions.values() for chief in m.chiefs} - {None}
    assert len(notes) > 10
    assert [note for note in notes if mappings().end_reason_rule(note) is None] == []


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("State visit.", "state_visit"),
        ("Official Working Visit.", "official_working_visit"),
        ("Official visit.", "official_visit"),
        ("Working visit.", "working_visit"),
        ("Informal visit.", "private_visit"),
        ("Met with President Clinton during a private visit.", "private_visit"),
        ("Attended the Nuclear Security Summit.", "visit"),
        (None, "visit"),
    ],
)
def test_visit_descriptions_map_to_kinds(description: str | None, kind: str) -> None:
    assert mappings().visit_kind(description) == kind


def test_organisation_missions_map_to_blocs_that_exist_on_their_days(
    missions: dict[str, pocom.Mission], blocs: dict[str, dict[str, Any]]
) -> None:
    table = mappings()
    named = {m.bloc for spans in table.org_missions.values() for m in spans if m.bloc}
    assert named - set(blocs) == set()
    eu = table.bloc_of("representative-to-eu", date(1990, 1, 1))
    assert eu is not None and eu.bloc == "EC"
    eu = table.bloc_of("representative-to-eu", date(1994, 5, 9))
    assert eu is not None and eu.bloc == "EU"
    assert table.bloc_of("representative-to-eu", None) is None  # two spans: the day decides
    arms = table.bloc_of("representative-to-usoarn", None)
    assert arms is not None and arms.bloc is None and arms.note.startswith("Unmapped: ")
    for mission in missions.values():
        if not mission.to_organisation:
            continue
        for chief in mission.chiefs:
            events = (chief.started, chief.appointed, chief.ended)
            day = next(e.date.value for e in events if e.date is not None)
            mapping = table.bloc_of(mission.id, day)
            assert mapping is not None and mapping.bloc is not None, chief.id
            bloc = blocs[mapping.bloc]
            assert bloc["founded_on"] <= day, chief.id
            if bloc["dissolved_on"] is not None:
                end = period_end_exclusive(bloc["dissolved_on"], bloc["dissolved_on_precision"])
                assert day < end, chief.id


def test_the_chiefs_resident_at_taipei_are_accredited_to_taiwan(
    missions: dict[str, pocom.Mission],
) -> None:
    table = mappings()
    taipei = {c.id for c in missions["china"].chiefs if c.note and "Taipei" in c.note}
    overridden = {
        chief for chief, country in table.chief_countries.items() if country.country == "TWN"
    }
    assert overridden == taipei | {"cn-1950-rank-01"}
    liaison = [c for c in missions["china"].chiefs if c.role_title_id == "chief"]
    assert len(liaison) == 4 and not {c.id for c in liaison} & overridden
    scho = table.country_of_chief("nl-1940-scho-01")
    assert scho is not None and scho.country == "NLD" and scho.confidence == "inferred"
    chiefs = {chief.id for mission in missions.values() for chief in mission.chiefs}
    assert set(table.chief_countries) <= chiefs


def test_a_broken_mapping_file_is_named_by_line_and_column(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    roles = data / "role_capacities.csv"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace(
            "charge-daffaires-ad-interim,ad_interim", "charge-daffaires-ad-interim,sometimes"
        ),
        encoding="utf-8",
    )
    kinds = data / "visit_kinds.csv"
    kinds.write_text(kinds.read_text(encoding="utf-8") + "(unclosed,visit,\n", encoding="utf-8")
    last = len(kinds.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ImportFileError) as failed:
        Mappings.load(data)
    shown = [(p.file.rsplit("/", 1)[-1], p.line, p.field) for p in failed.value.problems]
    line = next(
        n
        for n, text in enumerate(roles.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("charge-daffaires-ad-interim,")
    )
    assert shown == [
        ("role_capacities.csv", line, "capacity"),
        ("visit_kinds.csv", last, "pattern"),
    ]
