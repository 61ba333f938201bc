"""Visits by foreign leaders (a slice of the Office's record: 1874-1879 and 2010) as meetings
of a release, the visitor linked to the person of the day where certain, on both backends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from imports.hsg.records import SLICES
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.imports import ImportFileError, import_dataset
from bilateral_db.imports.hsg.visits import open_visits, read_visits

VISITS = SLICES / "visits"


@pytest.fixture
def imported(curated_engine: Engine):
    import_dataset(curated_engine, "archigos", SLICES / "archigos_greece_usa.csv")
    return curated_engine, import_dataset(curated_engine, "hsg-visits", VISITS)


def test_papandreou_is_linked_to_the_prime_minister_of_the_day(imported) -> None:
    """Three Papandreous led Greece; on 2010-03-08 only Georgios (Archigos, from 2009-10-06)."""
    engine, result = imported
    with Session(engine) as session:
        visit = reports.meeting_detail(session, slug="hsg-visit-2078")
    meeting = visit.meeting
    assert meeting.name == "Visit of Prime Minister George Papandreou (Greece) to the United States"
    assert (meeting.kind, str(meeting.start_date), str(meeting.end_date), meeting.host) == (
        "working_visit",
        "2010-03-08",
        "2010-03-09",
        "USA",
    )
    assert (meeting.description, meeting.source) == ("Working visit.", result.release)
    assert [(p.person, p.actor, p.role) for p in visit.participants] == [
        ("georgios-papandreou-grc-1952", "GRC", "delegation_head")
    ]


def test_a_visitor_no_source_names_is_linked_to_the_country_only(imported) -> None:
    engine, _ = imported
    with Session(engine) as session:
        pedro = reports.meeting_detail(session, slug="hsg-visit-2139")
    assert [(p.person, p.actor) for p in pedro.participants] == [(None, "BRA")]
    assert pedro.meeting.kind == "visit"  # the description names no kind


def test_every_visit_is_a_meeting_and_an_unmapped_country_a_finding(imported) -> None:
    engine, result = imported
    with open_visits(VISITS) as source:
        visits = list(read_visits(source))
    assert result.counts["meeting"] == result.counts["source_rows"] == len(visits)
    unmapped = [f for f in result.findings if f.kind == "unmapped_code"]
    hawaii = [v for v in visits if v.country_id == "hawaii"]
    assert len(unmapped) == len(hawaii) > 0
    assert result.counts["participant"] == len(visits) - len(hawaii)
    assert all("'hawaii'" in f.message for f in unmapped)
    with Session(engine) as session:
        kalakaua = reports.meeting_detail(session, slug=f"hsg-visit-{hawaii[0].id}")
    assert kalakaua.participants == []  # no country to name: the finding says why


def test_the_same_input_twice_changes_nothing(imported, snapshot) -> None:
    engine, _ = imported
    state = snapshot(engine)
    assert not import_dataset(engine, "hsg-visits", VISITS).changed
    assert snapshot(engine) == state


def test_a_bad_visit_is_named_and_nothing_is_written(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    copy = tmp_path / "visits"
    shutil.copytree(VISITS, copy)
    decade = copy / "data" / "2010.xml"
    xml = decade.read_text(encoding="utf-8")
    decade.write_text(xml.replace("<id>2078</id>", "<id>two</id>"), encoding="utf-8")
    state = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "hsg-visits", copy)
    (problem,) = raised.value.problems
    assert problem.file.endswith("data/2010.xml")
    assert problem.field == "id" and "'two' is not a whole number" in problem.message
    assert snapshot(curated_engine) == state
