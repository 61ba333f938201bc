"""Extensions in a second directory, loaded on top of the bundled fixtures, on both backends."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.db import make_engine
from bilateral_db.load import load_fixtures
from bilateral_db.resources import fixtures_dir

EXTENSIONS = Path(__file__).parents[1] / "data" / "extensions"


def test_extensions_reach_the_reports_and_a_second_load_changes_nothing(
    curated_engine: Engine, snapshot: Any
) -> None:
    result = load_fixtures(curated_engine, [fixtures_dir(), EXTENSIONS])

    inserted = {entity: c.inserted for entity, c in result.entities.items() if c.inserted}
    assert inserted == {"membership": 1, "term": 2, "participant": 1, "meeting_topic": 1}
    assert result.entities["meeting"].updated_keys == ["eef-2019"]  # one more source cited
    with Session(curated_engine) as session:
        observers = reports.members_on(session, bloc="SCO", on=date(2020, 1, 1), role="observer")
        assert [(r.country, str(r.start_date), str(r.end_date)) for r in observers][:1] == [
            ("BLR", "2015-07", "2024-07-04")
        ]
        terms = reports.terms_of(session, person="vladimir-putin")
        assert [(t.post, str(t.start_date)) for t in terms][:3] == [
            ("prime-minister", "1999-08"),
            ("president", "1999-12-31"),
            ("president", "2000-05-07"),
        ]
        eef = reports.meeting_detail(session, slug="eef-2019")
        assert ("IND", "guest", "attended") in {
            (p.actor, p.role, p.status) for p in eef.participants
        }
        assert [t.topic for t in eef.topics] == ["trade"]
        assert "m-update-2019-09-05-mahathir-modi-putin" in {s.source for s in eef.sources}

    before = snapshot(curated_engine)
    assert not load_fixtures(curated_engine, [fixtures_dir(), EXTENSIONS]).changed
    assert snapshot(curated_engine) == before


def test_a_term_alternatives_start_is_its_start_event(
    small_fixtures: Any, fresh_migrated_url: str
) -> None:
    """Another source's start for a term replaces both its start and the day it started
    (one rule derives the interval from the events), so the database takes the alternative."""
    small_fixtures.replace(
        "people.yaml",
        "      start: 2015-08-19\n      end: 2023-09-01\n",
        "      start: 2015-08-19\n      end: 2023-09-01\n      alternatives:\n"
        "        - {start: 2015-08-23, sources: [sputnik-2019-07-31-asean-russia]}\n",
    )
    engine = make_engine(fresh_migrated_url)
    try:
        load_fixtures(engine, [small_fixtures.path])
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT t.alternative, t.start_date, t.started_on FROM term t "
                "JOIN person p ON p.id = t.person_id WHERE p.slug = 'don-pramudwinai' "
                "ORDER BY t.alternative"
            ).all()
    finally:
        engine.dispose()
    assert [(a, str(s), str(e)) for a, s, e in rows] == [
        (0, "2015-08-19", "2015-08-19"),
        (1, "2015-08-23", "2015-08-23"),
    ]
