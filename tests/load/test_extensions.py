"""Extensions in a second directory, loaded on top of the bundled fixtures, on both backends."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bilateral_db import reports
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
