"""Archigos 4.1 (a slice of the real file): effective leaders as terms of a `leader` post."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.imports import import_dataset

SLICE = DATASET_SLICES / "archigos_slice.csv"
ARCHIGOS = "archigos-4.1"


@pytest.fixture
def imported(curated_engine: Engine):
    result = import_dataset(curated_engine, "archigos", SLICE)
    return curated_engine, result


def _leaders(engine: Engine, country: str, on: date) -> list[reports.TermRow]:
    with Session(engine) as session:
        return reports.officials_on(session, country=country, on=on, post="leader", source=ARCHIGOS)


def test_putin_leads_russia_in_2015_and_obama_the_usa_in_2012(imported) -> None:
    engine, _ = imported
    (putin,) = _leaders(engine, "RUS", date(2015, 6, 1))
    # Linked to the curated person: same country, his name, a term of his overlapping the spell.
    assert (putin.person, str(putin.start_date), putin.end_status) == (
        "vladimir-putin",
        "2000-01-01",
        "censored",
    )
    (obama,) = _leaders(engine, "USA", date(2012, 6, 1))
    assert (obama.name, obama.covered) == ("Obama", True)


def test_after_its_edge_archigos_does_not_cover_the_usa(imported) -> None:
    engine, _ = imported
    (row,) = _leaders(engine, "USA", date(2019, 8, 1))
    assert (row.person, row.covered, row.source) == (None, False, ARCHIGOS)


def test_the_ussr_and_russia_are_leaders_of_two_countries(imported) -> None:
    engine, _ = imported
    assert [r.name for r in _leaders(engine, "SUN", date(1985, 6, 1))] == ["Gorbachev"]
    with Session(engine) as session:
        terms = reports.terms_of(session, person="vladimir-putin")
    assert ("leader", ARCHIGOS) in {(t.post, t.source) for t in terms}
    assert ("president", "curated") in {(t.post, t.source) for t in terms}


def test_days_the_crosswalk_cannot_map_are_listed(imported) -> None:
    _, result = imported
    unmapped = [f for f in result.findings if f.kind == "unmapped_code"]
    assert [f.record for f in unmapped] == [
        "gw 255 Doenitz 1945-04-30..1945-05-23",
        "gw 260 Adenauer 1949-09-16..1963-10-15",
    ]


def test_a_person_given_an_archigos_id_is_linked_by_it(fresh_migrated_url: str, tmp_path) -> None:
    """The id Archigos gives Putin (36 characters) in people.yaml links his spells by id."""
    import shutil

    from bilateral_db.db import make_engine
    from bilateral_db.load import load_fixtures
    from bilateral_db.resources import fixtures_dir

    fixtures = tmp_path / "fixtures"
    shutil.copytree(fixtures_dir(), fixtures)
    people = fixtures / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "  wikidata: Q7747\n",
            "  wikidata: Q7747\n  archigos: 8220a9b0-1e42-11e4-b4cd-db5882bf8def\n",
            1,
        ),
        encoding="utf-8",
    )
    engine = make_engine(fresh_migrated_url)
    try:
        load_fixtures(engine, [fixtures])
        import_dataset(engine, "archigos", SLICE)
        (putin,) = _leaders(engine, "RUS", date(2015, 6, 1))
        assert (putin.person, putin.source) == ("vladimir-putin", ARCHIGOS)
    finally:
        engine.dispose()


def test_a_newer_file_merges_terms_and_drops_people_no_term_names(
    curated_engine: Engine, tmp_path
) -> None:
    """The last 20 spells gone: their terms are removed, the others stay as they were (not
    written anew), and leaders the file no longer names go with their terms."""
    first = import_dataset(curated_engine, "archigos", SLICE)
    lines = SLICE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "archigos.csv"
    path.write_text("\n".join(lines[:-20]) + "\n", encoding="utf-8")
    result = import_dataset(curated_engine, "archigos", path)
    kept, gone = result.counts["term"], first.counts["term"] - result.counts["term"]
    assert gone >= 20
    assert result.changes == {"inserted": 0, "updated": 0, "unchanged": kept, "removed": gone}
    assert result.counts["person"] < first.counts["person"]
    with curated_engine.connect() as connection:
        orphans = connection.execute(
            text(
                "SELECT COUNT(*) FROM person p JOIN release r ON r.id = p.release_id "
                "WHERE r.dataset = 'archigos' "
                "AND NOT EXISTS (SELECT 1 FROM term t WHERE t.person_id = p.id)"
            )
        ).scalar_one()
    assert orphans == 0


def test_an_end_on_the_datas_edge_without_still_in_office_is_a_finding(
    curated_engine: Engine,
) -> None:
    """Salman (SAU) ends 2015-12-31, the data's last day, with exit "Natural Death"."""
    result = import_dataset(curated_engine, "archigos", DATASET_SLICES / "archigos_edge_slice.csv")
    edge = [f for f in result.findings if f.kind == "edge_end"]
    assert [(f.line, f.record) for f in edge] == [
        (8, "gw 670 Salman bin Abdulaziz Al Saud 2015-01-23..2015-12-31")
    ]
    assert "'Natural Death', not 'Still in Office'" in edge[0].message
    with Session(curated_engine) as session:
        rows = reports.release_findings(session, release=ARCHIGOS, kind="edge_end")
    assert [row.line for row in rows] == [8]
    with curated_engine.connect() as connection:
        status = connection.execute(
            text(
                "SELECT t.end_date, t.end_status FROM term t JOIN person p ON p.id = t.person_id "
                "JOIN release r ON r.id = t.release_id "
                "WHERE r.slug = :release AND t.end_date >= '2015-12-31'"
            ),
            {"release": ARCHIGOS},
        ).one()
    assert (str(status[0])[:10], status[1]) == ("2015-12-31", "ended")


def _term(session: Session, release: int, person: tuple[str, str], office: str, **dates) -> None:
    """A term of a post of the USA (an envoy's or an official's, in the real record)."""
    from bilateral_db import models as m

    usa = session.scalar(
        text("SELECT a.id FROM actor a JOIN country c ON c.id = a.country_id WHERE c.code = 'USA'")
    )
    holder = m.Person(slug=person[0], name=person[1], release_id=release)
    post = m.Post(actor_id=usa, office=office, title=office, single_seat=True, release_id=release)
    session.add_all([holder, post])
    session.flush()
    session.add(
        m.Term(
            person_id=holder.id,
            post_id=post.id,
            single_seat=True,
            release_id=release,
            end_status="ended",
            end_date_precision="day",
            **dates,
        )
    )


def test_only_a_curated_term_with_a_known_start_links_a_leader(curated_engine: Engine) -> None:
    """From the Office of the Historian (../shared/data/hsg/pocom, missions-countries/
    hungary.xml and missions-orgs/representative-to-nato.xml): Nicholas Roosevelt, minister
    to Hungary 1930-11-12 to 1933-05-09, overlaps Franklin Roosevelt's first two months, but
    an imported data set's term is no evidence that he was the leader; William Howard Taft
    IV's term as representative to NATO has no start (appointed 1989-08-03, ended
    1992-06-26), so even as a curated term it cannot be known to overlap President Taft's
    1909-1913. Both leaders stay people of Archigos's own; Taft's name match is for review."""
    from bilateral_db import models as m
    from bilateral_db.core.curated import CURATED_RELEASE_ID

    with Session(curated_engine) as session:
        pocom = m.Release(slug="pocom-test", dataset="pocom", title="POCOM", precedence=55)
        session.add(pocom)
        session.flush()
        _term(
            session,
            pocom.id,
            ("roosevelt-nicholas", "Nicholas Roosevelt"),
            "ambassador",
            started_on=date(1930, 11, 12),
            started_on_precision="day",
            start_date=date(1930, 11, 12),
            start_date_precision="day",
            end_date=date(1933, 5, 9),
        )
        _term(
            session,
            CURATED_RELEASE_ID,
            ("taft-william-howard2", "William Howard Taft, IV"),
            "representative-to-nato",
            appointed_on=date(1989, 8, 3),
            appointed_on_precision="day",
            end_date=date(1992, 6, 26),
        )
        session.commit()
    result = import_dataset(curated_engine, "archigos", SLICE)
    leaders = [
        (row.person, row.name)
        for day in (date(1910, 6, 1), date(1933, 4, 1))
        for row in _leaders(curated_engine, "USA", day)
    ]
    assert leaders == [("taft-usa-1857", "Taft"), ("roosevelt-f-usa-1882", "Roosevelt, F.")]
    review = [f.message.split(":")[0] for f in result.findings if f.kind == "uncertain_match"]
    assert "not linked to taft-william-howard2" in review
    assert not [message for message in review if "roosevelt-nicholas" in message]
