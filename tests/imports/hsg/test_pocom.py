"""POCOM read from its slices: chiefs, missions, principals, people, roles, codes, concurrency."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bilateral_db.core.dates import PartialDate
from bilateral_db.core.vocabulary import DatePrecision
from bilateral_db.imports import ImportFileError
from bilateral_db.imports.hsg import pocom
from bilateral_db.imports.hsg.elements import Event


def _day(text: str) -> PartialDate:
    return PartialDate.parse(text)


@pytest.fixture(scope="module")
def read(slices: Path) -> dict[str, object]:
    with pocom.open_pocom(slices / "pocom") as source:
        return {
            "missions": {mission.id: mission for mission in pocom.read_missions(source)},
            "people": {person.id: person for person in pocom.read_people(source)},
            "positions": {position.id: position for position in pocom.read_positions(source)},
            "roles": {role.id: role for role in pocom.read_roles(source)},
            "tables": {table.name: table for table in pocom.read_code_tables(source)},
            "concurrent": list(pocom.read_concurrent_appointments(source)),
        }


def _missions(read: dict[str, object]) -> dict[str, pocom.Mission]:
    return read["missions"]  # type: ignore[return-value]


def test_a_chief_keeps_every_event_the_office_gives(read: dict[str, object]) -> None:
    thailand = _missions(read)["thailand"]
    first = thailand.chiefs[0]
    assert first.id == "th-1882-hald-01"
    assert first.origin.file == "missions-countries/thailand.xml"
    assert first.origin.line == 5
    assert (first.person_id, first.role_title_id) == (
        "halderman-john-acoming-jr",
        "minister-resident-consul-general",
    )
    assert (first.mission, first.territory_id, first.to_organisation) == (
        "thailand",
        "thailand",
        False,
    )
    assert first.appointed == Event(_day("1882-07-13"), None)
    assert first.arrived == Event(None, None)
    assert first.started == Event(_day("1882-10-23"), None)
    assert first.ended == Event(_day("1885-04-01"), "Left post on")
    assert first.note == "Commissioned to Siam."
    assert first.other_nominee is False
    assert len(thailand.chiefs) == 46
    nominees = [chief.id for chief in thailand.chiefs if chief.other_nominee]
    assert nominees == ["th-1890-moor-01", "th--swee-01", "th-1929-geis-01"]


def test_dates_keep_the_precision_the_file_gives(read: dict[str, object]) -> None:
    china = {chief.id: chief for chief in _missions(read)["china"].chiefs}
    rankin = china["cn-1950-rank-01"]
    assert rankin.role_title_id == "charge-daffaires-ad-interim"
    assert rankin.started.date == PartialDate(date(1950, 8, 1), DatePrecision.MONTH)
    assert str(rankin.ended.date) == "1953-04"
    assert rankin.appointed == Event(None, None)
    assert china["cn-1974-unge-01"].note == (
        "Commissioned to the Republic of China; resident at Taipei."
    )


def test_a_mission_keeps_its_notes_verbatim(read: dict[str, object]) -> None:
    notes = _missions(read)["china"].notes
    assert notes[1] == (
        "The United States established diplomatic relations with the People’s Republic of "
        "China, and terminated them with the Republic of China, on January 1, 1979. Embassy "
        "Taipei closed February 28, 1979. U.S. Liaison Office Beijing became Embassy Beijing "
        "on March 1, 1979."
    )


def test_an_organisation_mission_has_its_title_and_chiefs(read: dict[str, object]) -> None:
    asean = _missions(read)["representative-to-asean"]
    assert asean.to_organisation and asean.category == "international-organization"
    assert asean.name == (
        "Representative of the U.S.A. to the Association of Southeast Asian Nations (Jakarta)"
    )
    assert [(c.id, c.role_title_id) for c in asean.chiefs] == [
        ("asea-2008-marc", "representative-to-asean"),
        ("asea-2011-card", "representative-to-asean"),
        ("asea-2014-hach", "representative-to-asean"),
        ("asea-2017-bock", "charge-daffaires-ad-interim"),
    ]
    marciel = asean.chiefs[0]
    assert marciel.territory_id is None and marciel.started == Event(None, None)
    assert marciel.appointed.date == _day("2008-05-08")
    assert marciel.note == (
        "Non-resident; served as Deputy Assistant Secretary of State for East Asian and Pacific "
        "Affairs at the same time."
    )
    korea = _missions(read)["korea"]
    assert {chief.territory_id for chief in korea.chiefs} == {"joseon-dynasty-1910", "korea"}


def test_people_have_their_names_years_and_old_ids(read: dict[str, object]) -> None:
    people: dict[str, pocom.Person] = read["people"]  # type: ignore[assignment]
    pompeo = people["pompeo-michael-r"]
    assert (pompeo.surname, pompeo.forename, pompeo.alt_names) == (
        "Pompeo",
        "Michael R.",
        ("Mike Pompeo",),
    )
    assert pompeo.name == "Michael R. Pompeo"
    assert pompeo.birth == PartialDate(date(1963, 1, 1), DatePrecision.YEAR)
    assert pompeo.death is None
    assert (pompeo.career_type, pompeo.states) == ("non-career", ("ks",))
    halderman = people["halderman-john-acoming-jr"]
    assert halderman.name == "John Acoming Halderman, Jr."
    # Every chief, principal and concurrent appointment of the slices names a person there.
    named = {chief.person_id for mission in _missions(read).values() for chief in mission.chiefs}
    assert named <= set(people)


def test_principal_officers_and_their_positions(read: dict[str, object]) -> None:
    positions: dict[str, pocom.Position] = read["positions"]  # type: ignore[assignment]
    secretary = positions["secretary"]
    assert (secretary.name, secretary.start, secretary.ongoing) == (
        "Secretary of State",
        PartialDate(date(1781, 1, 1), DatePrecision.YEAR),
        True,
    )
    pompeo = next(p for p in secretary.principals if p.person_id == "pompeo-michael-r")
    assert (pompeo.id, pompeo.appointed.date, pompeo.started.date) == (
        "secr-2018-pomp",
        _day("2018-04-26"),
        _day("2018-04-26"),
    )
    shannon = next(p for p in positions["secretary-ad-interim"].principals if "shan" in p.id)
    assert (shannon.role_title_id, shannon.note_type) == (
        "secretary-ad-interim",
        "coterminousposition",
    )
    assert shannon.note == (
        "Under Secretary of State for Political Affairs; Acting Secretary of State"
    )
    assert shannon.started == Event(None, None)


def test_roles_code_tables_and_concurrent_appointments(read: dict[str, object]) -> None:
    roles: dict[str, pocom.RoleTitle] = read["roles"]  # type: ignore[assignment]
    assert len(roles) == 28
    assert roles["charge-daffaires-ad-interim"].name == "Chargé d’Affaires ad interim"
    tables: dict[str, pocom.CodeTable] = read["tables"]  # type: ignore[assignment]
    events = tables["role-chief-event-code"]
    assert [code.value for code in events.codes] == [
        "appointed",
        "arrived",
        "credentialed",
        "missionterminated",
    ]
    heath = next(a for a in read["concurrent"] if a.id == "1950-heat-01")  # type: ignore[attr-defined]
    assert heath.chief_ids == ("la-1950-heat-01", "kh-1950-heat-01", "xh-1950-heat-01")
    assert (heath.resident_locale_id, heath.resident_territory_id) == (
        "saigon",
        "south-vietnam-1975",
    )
    chiefs = {chief.id for mission in _missions(read).values() for chief in mission.chiefs}
    assert set(heath.chief_ids) <= chiefs


# --- bad input ---------------------------------------------------------------------------------


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_bad_date_names_file_line_record_and_field(slice_copy: Callable[[str], Path]) -> None:
    copy = slice_copy("pocom")
    thailand = copy / "missions-countries" / "thailand.xml"
    _break(thailand, "<date>1882-07-13</date>", "<date>1882-13-07</date>")
    with pocom.open_pocom(copy) as source, pytest.raises(ImportFileError) as failed:
        list(pocom.read_missions(source))
    [problem] = failed.value.problems
    assert problem.file == str(thailand)
    assert (problem.line, problem.field) == (11, "appointed/date")  # the <date> element
    assert problem.message.startswith("chief th-1882-hald-01: '1882-13-07' is not a real date")
    assert str(problem).startswith(f"{thailand}:11: appointed/date: chief th-1882-hald-01")


def test_problems_are_collected_then_raised_together(slice_copy: Callable[[str], Path]) -> None:
    copy = slice_copy("pocom")
    _break(
        copy / "missions-countries" / "china.xml",
        "<person-id>rankin-karl-lott</person-id>",
        "<person-id/>",
    )
    _break(
        copy / "people" / "p" / "pompeo-michael-r.xml", "<birth>1963</birth>", "<birth>63</birth>"
    )
    _break(copy / "missions-orgs" / "representative-to-eu.xml", "</chiefs>", "</chief>")
    with pocom.open_pocom(copy) as source, pytest.raises(ImportFileError) as failed:
        missions = []
        for mission in pocom.read_missions(source):
            missions.append(mission)
    found = {(p.file.rsplit("/", 1)[-1], p.field) for p in failed.value.problems}
    assert ("china.xml", "person-id") in found
    assert ("representative-to-eu.xml", None) in found
    # The records without problems were read; the broken one was not.
    china = next(m for m in missions if m.id == "china")
    assert "cn-1950-rank-01" not in {chief.id for chief in china.chiefs}
    assert "cn-1953-rank-01" in {chief.id for chief in china.chiefs}
    malformed = next(p for p in failed.value.problems if p.field is None)
    assert "is not well-formed XML" in malformed.message and malformed.line > 0
    with pocom.open_pocom(copy) as source, pytest.raises(ImportFileError) as failed:
        list(pocom.read_people(source))
    [problem] = failed.value.problems
    assert (problem.field, problem.message) == (
        "birth",
        "person pompeo-michael-r: '63' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY",
    )


def test_a_mission_whose_id_is_not_its_files_name_is_refused(
    slice_copy: Callable[[str], Path],
) -> None:
    copy = slice_copy("pocom")
    laos = copy / "missions-countries" / "laos.xml"
    _break(laos, "<territory-id>laos</territory-id>", "<territory-id>lao</territory-id>")
    with pocom.open_pocom(copy) as source, pytest.raises(ImportFileError) as failed:
        list(pocom.read_missions(source))
    assert [(p.file, p.line, p.field, p.message) for p in failed.value.problems] == [
        (str(laos), 2, "territory-id", "mission: 'lao' is not the file's name")
    ]
