"""Travels abroad (a slice of the Office's record: Pompeo's stops of 2019, Trump's trips) as
meetings of a release, on both backends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from imports.hsg.records import SLICES
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.imports import ImportFileError, import_dataset
from bilateral_db.imports.hsg.travels import open_travels, read_trips

TRAVELS = SLICES / "travels"


def _last_day() -> str:
    with open_travels(TRAVELS) as source:
        return max(trip.end.value for trip in read_trips(source)).isoformat()


@pytest.fixture
def imported(curated_engine: Engine):
    return curated_engine, import_dataset(curated_engine, "hsg-travels", TRAVELS)


def test_the_release_is_versioned_by_its_last_day_and_counts_its_rows(imported) -> None:
    engine, result = imported
    with open_travels(TRAVELS) as source:
        trips = list(read_trips(source))
    assert result.release == f"hsg-travels-{_last_day()}"  # a copy that names no commit
    assert result.counts["source_rows"] == len(trips)
    with engine.connect() as connection:
        stops, parents = connection.execute(
            text(
                "SELECT SUM(CASE WHEN kind = 'visit' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN kind = 'trip' THEN 1 ELSE 0 END) FROM meeting m "
                "JOIN release r ON r.id = m.release_id WHERE r.slug = :slug"
            ),
            {"slug": result.release},
        ).one()
        start, end = connection.execute(
            text("SELECT coverage_start, coverage_end FROM release WHERE slug = :slug"),
            {"slug": result.release},
        ).one()
    assert stops == len(trips)
    assert result.counts["meeting"] == stops + parents
    assert str(start) == min(t.start.value for t in trips).isoformat()
    assert str(end) == _last_day()


def test_pompeos_bangkok_stop_is_a_meeting_beside_the_curated_amm_52(imported) -> None:
    engine, result = imported
    with Session(engine) as session:
        found = reports.find_meetings(
            session, country="THA", date_from=_day("2019-01-01"), date_to=_day("2019-12-31")
        )
        detail = reports.meeting_detail(session, slug="hsg-travel-3865")
        trip = reports.meeting_detail(session, slug="hsg-trip-3865")
    slugs = [row.slug for row in found]
    assert "amm-52" in slugs and "hsg-travel-3865" in slugs
    stop = detail.meeting
    assert (stop.kind, str(stop.start_date), str(stop.end_date), stop.city, stop.host) == (
        "visit",
        "2019-08-01",
        "2019-08-02",
        "Bangkok",
        "THA",
    )
    assert stop.description is not None and "Foreign Minister Don Pramudwinai" in stop.description
    assert (stop.parent, stop.source, stop.fact_id) == ("hsg-trip-3865", result.release, None)
    assert [(p.person, p.actor, p.role) for p in detail.participants] == [
        ("pompeo-michael-r", "USA", "delegation_head")
    ]
    assert [s.source for s in detail.sources] == [result.release]
    # The stops that follow each other (Bangkok, Sydney, Pohnpei) are one trip.
    assert [(c.slug, c.host) for c in trip.children] == [
        ("hsg-travel-3865", "THA"),
        ("hsg-travel-3866", "AUS"),
        ("hsg-travel-3867", "FSM"),
    ]
    assert (trip.meeting.kind, str(trip.meeting.start_date), str(trip.meeting.end_date)) == (
        "trip",
        "2019-08-01",
        "2019-08-05",
    )


def test_the_dyad_lists_the_stop(imported) -> None:
    engine, _ = imported
    with Session(engine) as session:
        dyad = reports.dyad_report(session, a="USA", b="THA", year_from=2019, year_to=2019)
    assert [m.slug for m in dyad.meetings] == ["hsg-travel-3865"]


def test_the_same_input_twice_changes_nothing(imported, snapshot) -> None:
    engine, _ = imported
    state = snapshot(engine)
    assert not import_dataset(engine, "hsg-travels", TRAVELS).changed
    assert snapshot(engine) == state


def test_a_changed_file_replaces_its_rows(imported, tmp_path: Path) -> None:
    engine, first = imported
    copy = tmp_path / "travels"
    shutil.copytree(TRAVELS, copy)
    pompeo = copy / "secretary-travels" / "pompeo-michael-r.xml"
    xml = pompeo.read_text(encoding="utf-8")
    xml = xml.replace("<locale>Bangkok</locale>", "<locale>Bangkok, Nonthaburi</locale>")
    start = xml.index('    <trip role="secretary" who="pompeo-michael-r">\n        <id>3867</id>')
    end = xml.index("</trip>\n", start) + len("</trip>\n")
    pompeo.write_text(xml[:start] + xml[end:], encoding="utf-8")  # Pohnpei left out
    result = import_dataset(engine, "hsg-travels", copy)
    assert result.replaced is None and result.release == first.release  # same last day
    # The Bangkok stop renamed and the trip's name (its countries) changed; Pohnpei's stop
    # removed, and its participation with it.
    assert (result.changes["updated"], result.changes["removed"]) == (2, 1)
    assert result.counts["participant"] == result.counts["meeting"] == first.counts["meeting"] - 1
    with Session(engine) as session:
        trip = reports.meeting_detail(session, slug="hsg-trip-3865")
    assert [c.slug for c in trip.children] == ["hsg-travel-3865", "hsg-travel-3866"]
    assert trip.children[0].name.endswith("in Bangkok, Nonthaburi, Thailand")


def test_a_bad_stop_is_named_and_nothing_is_written(curated_engine: Engine, tmp_path, snapshot):
    copy = tmp_path / "travels"
    shutil.copytree(TRAVELS, copy)
    pompeo = copy / "secretary-travels" / "pompeo-michael-r.xml"
    xml = pompeo.read_text(encoding="utf-8")
    pompeo.write_text(
        xml.replace("<end-date>2019-08-02</end-date>", "<end-date>2019-07-02</end-date>", 1),
        encoding="utf-8",
    )
    state = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "hsg-travels", copy)
    (problem,) = raised.value.problems
    assert problem.file.endswith("secretary-travels/pompeo-michael-r.xml")
    assert (problem.field, problem.line > 0) == ("end-date", True)
    assert "trip 3865" in problem.message
    assert snapshot(curated_engine) == state


def test_a_traveller_is_linked_only_to_the_one_person_of_the_day(curated_engine: Engine) -> None:
    """Archigos's Obama held the U.S. leader's post until its edge (2015): Trump, whose trips
    are later, is not he, and stays a person of the release."""
    import_dataset(curated_engine, "archigos", SLICES / "archigos_greece_usa.csv")
    result = import_dataset(curated_engine, "hsg-travels", TRAVELS)
    assert [f.kind for f in result.findings] == []
    with Session(engine := curated_engine) as session:
        trips = reports.find_meetings(session, person="trump-donald-j")
    assert trips and all(m.source == result.release for m in trips)
    with engine.connect() as connection:
        assert connection.execute(
            text("SELECT release_id <> 1 FROM person WHERE slug = 'trump-donald-j'")
        ).scalar_one()


def _day(text_: str):
    from datetime import date

    return date.fromisoformat(text_)


def test_the_remarks_are_searchable_beside_the_curated_meetings(imported) -> None:
    engine, _ = imported
    with Session(engine) as session:
        found = reports.find_meetings(session, text="PRAMUDWINAI")
        total = reports.find_meetings_total(session, text="pramudwinai")
        literal = reports.find_meetings(session, text="100%")  # % is a character, not a wildcard
    # The curated talks name him in their name, the Office's stop in its remarks.
    assert [m.slug for m in found] == ["lavrov-don-talks-2019-07-30", "hsg-travel-3865"]
    assert total == 2 and literal == []
