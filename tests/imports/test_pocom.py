"""The chiefs of mission and principal officers (a slice of the Office's record: every U.S.
chief of mission to Thailand, the China, Korea, Netherlands and Indochina chiefs of their
years, the representatives to ASEAN and the EU, the Secretaries since 2009; README there) as a
release of terms, on both backends."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from imports.hsg.records import SLICES
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.imports import ImportFileError, import_dataset
from bilateral_db.imports.hsg.pocom import open_pocom, read_missions, read_positions

POCOM = SLICES / "pocom"
TRAVELS = SLICES / "travels"


def _last_day() -> str:
    with open_pocom(POCOM) as source:
        terms = [
            *(c for m in read_missions(source) for c in m.chiefs),
            *(p for pos in read_positions(source) for p in pos.principals),
        ]
    days = [e.date.value for t in terms for e in (t.appointed, t.started, t.ended) if e.date]
    return max(days).isoformat()


@pytest.fixture
def imported(curated_engine: Engine):
    return curated_engine, import_dataset(curated_engine, "pocom", POCOM)


def _on(engine: Engine, a: str, b: str, day: str, **kwargs):
    with Session(engine) as session:
        return reports.envoys_between(session, a=a, b=b, on=date.fromisoformat(day), **kwargs)


def test_the_release_is_versioned_by_its_last_day_and_counts_its_terms(imported) -> None:
    engine, result = imported
    assert result.release == f"pocom-{_last_day()}"  # a copy that names no commit
    with open_pocom(POCOM) as source:
        missions, positions = list(read_missions(source)), list(read_positions(source))
    served = sum(not c.other_nominee for m in missions for c in m.chiefs)
    served += sum(not p.other_appointee for pos in positions for p in pos.principals)
    left_out = sum(
        n for kind, n in result.finding_counts.items() if kind in ("duplicate", "date_conflict")
    )
    unplaced = sum(1 for f in result.findings if f.kind == "unmapped_code" and "chief" in f.record)
    assert result.counts["term"] == served - left_out - unplaced
    with engine.connect() as connection:
        held = connection.execute(
            text(
                "SELECT COUNT(*) FROM term t JOIN release r ON r.id = t.release_id "
                "WHERE r.slug = :slug"
            ),
            {"slug": result.release},
        ).scalar_one()
    assert held == result.counts["term"]


def test_the_vacancy_in_bangkok_is_covered_and_vacant_not_silent(imported) -> None:
    """Davies left on 2018-09-29, DeSombre arrived on 2020-01-30: no chief of mission between."""
    engine, result = imported
    (row,) = _on(engine, "USA", "THA", "2019-08-01")
    assert (row.person, row.capacity, row.covered, row.source) == (
        None,
        "vacant",
        True,
        result.release,
    )
    assert row.note is not None and row.note.startswith("vacant:")
    with Session(engine) as session:
        officials = reports.officials_on(
            session, country="USA", on=date(2019, 8, 1), post="ambassador", to="THA"
        )
    assert [(r.person, r.capacity) for r in officials] == [(None, "vacant")]
    # Before the first U.S. chief of mission to Siam (1882) the record says nothing, and nothing
    # it says leaves 1850 open: no row at all (neither vacant nor "not covered").
    assert _on(engine, "USA", "THA", "1850-01-01") == []


def test_the_offices_ambassadors_are_the_curated_ones_with_the_same_dates(imported) -> None:
    engine, result = imported
    (davies,) = _on(engine, "USA", "THA", "2016-01-01", all_claims=True, source=result.release)
    assert (davies.person, str(davies.start_date), str(davies.end_date)) == (
        "glyn-t-davies",
        "2015-09-22",
        "2018-09-29",
    )
    (desombre,) = _on(engine, "USA", "THA", "2020-06-01")
    assert desombre.person == "michael-g-desombre"
    assert set(desombre.sources) == {"curated", result.release} or desombre.source == "curated"
    with Session(engine) as session:
        disagreements = reports.disagreements(session, source=result.release)
    assert disagreements == []  # the curated terms were copied from the same record


def test_a_chiefs_changed_end_shows_as_a_disagreement(curated_engine: Engine, tmp_path) -> None:
    copy = tmp_path / "pocom"
    shutil.copytree(POCOM, copy)
    thailand = copy / "missions-countries" / "thailand.xml"
    xml = thailand.read_text(encoding="utf-8")
    assert xml.count("<date>2018-09-29</date>") == 1
    thailand.write_text(xml.replace("<date>2018-09-29</date>", "<date>2018-10-29</date>"))
    result = import_dataset(curated_engine, "pocom", copy)
    with Session(curated_engine) as session:
        (row,) = reports.disagreements(session, source=result.release)
    assert (row.kind, row.subject, str(row.first), str(row.last)) == (
        "term",
        "USA/ambassador/THA/glyn-t-davies",
        "2018-09-30",  # Davies's last day, 2018-09-29, both say he held the post
        "2018-10-29",
    )
    assert (row.yes_sources, row.no_sources) == (
        (result.release,),
        ("hsg-chiefs-of-mission-thailand",),
    )


def test_ad_interim_and_organisations_and_secretaries(imported) -> None:
    engine, _ = imported
    (asean,) = _on(engine, "USA", "ASEAN", "2018-01-01")
    assert (asean.person, asean.capacity, asean.post) == (
        "bocklage-jane-e",
        "ad_interim",
        "representative-to-asean",
    )
    with Session(engine) as session:
        secretary = reports.officials_on(
            session, country="USA", on=date(2019, 8, 1), post="foreign-minister"
        )
    assert [(r.person, str(r.start_date), r.title) for r in secretary] == [
        ("pompeo-michael-r", "2018-04-26", "Secretary of State")
    ]
    # A Secretary ad interim: acting; the record gives the day appointed only, which says
    # nothing of the day he took charge (core/terms.py), so the start is unknown.
    with engine.connect() as connection:
        interim = connection.execute(
            text(
                "SELECT t.capacity, t.appointed_on, t.start_date, t.end_date FROM term t "
                "JOIN person p ON p.id = t.person_id WHERE p.slug = 'shannon-thomas-alfred'"
            )
        ).one()
    assert tuple(str(v) if v else v for v in interim) == (
        "acting",
        "2017-01-20",
        None,
        "2017-02-01",
    )


def test_the_country_of_the_day_and_concurrent_accreditations(imported) -> None:
    engine, _ = imported
    # Ambassadors to China resident at Taipei (1953-1979) are accredited to Taiwan.
    (taipei,) = _on(engine, "USA", "TWN", "1955-01-01")
    assert taipei.person == "rankin-karl-lott"
    # Donald Heath, minister to Laos, Cambodia and South Vietnam at once: one person.
    heath = {c: _on(engine, "USA", c, "1952-01-01")[0].person for c in ("LAO", "KHM", "XSV")}
    assert set(heath.values()) == {"heath-donald-read"}


def test_the_secretary_is_one_person_with_the_traveller(imported) -> None:
    engine, pocom = imported
    travels = import_dataset(engine, "hsg-travels", TRAVELS)
    with Session(engine) as session:
        detail = reports.meeting_detail(session, slug="hsg-travel-3865")
    assert [p.person for p in detail.participants] == ["pompeo-michael-r"]
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT slug FROM person WHERE slug LIKE '%pompeo%'")
        ).scalars()
        assert list(rows) == ["pompeo-michael-r"]
    assert travels.counts["participant"] > 0 and pocom.counts["person"] > 0


def test_the_traveller_first_then_the_secretary_is_still_one_person(
    curated_engine: Engine,
) -> None:
    import_dataset(curated_engine, "hsg-travels", TRAVELS)
    import_dataset(curated_engine, "pocom", POCOM)
    with curated_engine.connect() as connection:
        slugs = connection.execute(
            text("SELECT slug FROM person WHERE slug LIKE '%pompeo%'")
        ).scalars()
        assert list(slugs) == ["pompeo-michael-r"]
    with Session(curated_engine) as session:
        terms = reports.terms_of(session, person="pompeo-michael-r")
    assert [(t.post, str(t.start_date)) for t in terms] == [("foreign-minister", "2018-04-26")]


def test_the_dyad_lists_the_envoys_of_its_years(imported) -> None:
    engine, _ = imported
    with Session(engine) as session:
        dyad = reports.dyad_report(session, a="USA", b="THA", year_from=2018, year_to=2020)
        vacant = reports.dyad_report(session, a="USA", b="THA", year_from=2019, year_to=2019)
    assert [row.person for row in dyad.envoys] == ["glyn-t-davies", "michael-g-desombre"]
    # Vacant all of 2019: the post, covered, with nobody in it.
    assert [(r.person, r.capacity, r.covered) for r in vacant.envoys] == [(None, "vacant", True)]


def test_the_same_input_twice_changes_nothing(imported, snapshot) -> None:
    engine, _ = imported
    state = snapshot(engine)
    assert not import_dataset(engine, "pocom", POCOM).changed
    assert snapshot(engine) == state


def test_a_changed_file_replaces_its_rows(imported, tmp_path: Path) -> None:
    engine, first = imported
    copy = tmp_path / "pocom"
    shutil.copytree(POCOM, copy)
    asean = copy / "missions-orgs" / "representative-to-asean.xml"
    xml = asean.read_text(encoding="utf-8")
    start = xml.index("        <chief>\n            <id>", xml.index("bocklage-jane-e") - 200)
    end = xml.index("</chief>\n", start) + len("</chief>\n")
    asean.write_text(xml[:start] + xml[end:], encoding="utf-8")  # Bocklage left out
    result = import_dataset(engine, "pocom", copy)
    assert result.release == first.release and result.changes["removed"] == 1
    assert result.counts["term"] == first.counts["term"] - 1
    # Nobody after Hachigian (2017-01-20) now: the record saw her term end and no longer looks
    # past it, so 2018 gets no row (not vacant: the post is not covered then; not "not
    # covered" either: an ended term closes the question).
    assert _on(engine, "USA", "ASEAN", "2018-01-01") == []
    (hachigian,) = _on(engine, "USA", "ASEAN", "2016-06-01")
    assert hachigian.person == "hachigian-nina"
    with engine.connect() as connection:
        gone = connection.execute(
            text("SELECT COUNT(*) FROM person WHERE slug = 'bocklage-jane-e'")
        ).scalar_one()
    assert gone == 0


def test_a_bad_date_is_named_and_nothing_is_written(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    copy = tmp_path / "pocom"
    shutil.copytree(POCOM, copy)
    thailand = copy / "missions-countries" / "thailand.xml"
    xml = thailand.read_text(encoding="utf-8")
    thailand.write_text(xml.replace("<date>2018-09-29</date>", "<date>2018-09-31</date>"))
    state = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "pocom", copy)
    (problem,) = raised.value.problems
    assert problem.file.endswith("missions-countries/thailand.xml")
    assert problem.line > 0 and problem.field is not None and "ended" in problem.field
    assert snapshot(curated_engine) == state


def test_a_post_whose_terms_come_to_overlap_is_no_longer_single_seat(
    imported, tmp_path: Path
) -> None:
    """Carden's end moved past Hachigian's start: the ASEAN post the release defined takes both
    (it is no longer single-seat), and the record as it was again changes nothing back."""
    engine, first = imported
    copy = tmp_path / "pocom"
    shutil.copytree(POCOM, copy)
    asean = copy / "missions-orgs" / "representative-to-asean.xml"
    xml = asean.read_text(encoding="utf-8")
    asean.write_text(xml.replace("<date>2013-12-11</date>", "<date>2015-12-11</date>"))
    changed = import_dataset(engine, "pocom", copy)
    both = _on(engine, "USA", "ASEAN", "2015-06-01")
    assert sorted(row.person for row in both) == ["carden-david-lee", "hachigian-nina"]
    again = import_dataset(engine, "pocom", POCOM)
    assert (changed.changes["updated"], again.changes["updated"]) == (1, 1)
    with engine.connect() as connection:
        seats = connection.execute(
            text("SELECT single_seat FROM post WHERE office = 'representative-to-asean'")
        ).scalars()
        assert list(seats) == [False]
    assert [row.person for row in _on(engine, "USA", "ASEAN", "2015-06-01")] == ["hachigian-nina"]
    assert again.counts == first.counts
