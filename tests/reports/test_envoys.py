"""Envoys: a post of one actor accredited to another, answered both ways, on a day or over time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bilateral_db.db import make_engine
from bilateral_db.load import load_fixtures
from bilateral_db.reports import envoys_between, officials_on
from bilateral_db.reports.lookup import UnknownCode

ENVOYS = Path(__file__).parents[1] / "data" / "envoys"
SMALL = Path(__file__).parents[1] / "data" / "small_fixtures"


@pytest.fixture
def session(fresh_migrated_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(fresh_migrated_url)
    load_fixtures(engine, [SMALL, ENVOYS])
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_envoys_on_a_day_and_over_time(session: Session) -> None:
    on_day = envoys_between(session, a="THA", b="USA", on=date(2017, 1, 1))
    assert [(r.person, r.country, r.post, r.accredited_to, r.capacity) for r in on_day] == [
        ("glyn-t-davies", "USA", "ambassador", "THA", "full")
    ]
    # The vacancy between the two: no chief (the record lists no chargé either).
    assert envoys_between(session, a="USA", b="THA", on=date(2019, 8, 1)) == []
    every = envoys_between(session, a="USA", b="THA")
    assert [(r.person, str(r.start_date), str(r.end_date)) for r in every] == [
        ("glyn-t-davies", "2015-09-22", "2018-09-29"),
        # No day of credentials: the term starts on the arrival.
        ("michael-g-desombre", "2020-01-30", "2020-01-31"),
    ]
    assert every[0].sources == ("hsg-chiefs-of-mission-thailand",)


def test_officials_of_a_country_accredited_to_another_and_of_a_bloc(session: Session) -> None:
    rows = officials_on(session, country="USA", post="ambassador", to="THA", on=date(2016, 1, 1))
    assert [(r.person, r.title) for r in rows] == [
        ("glyn-t-davies", "Ambassador Extraordinary and Plenipotentiary")
    ]
    assert (
        officials_on(session, country="USA", post="ambassador", to="VNM", on=date(2016, 1, 1)) == []
    )
    with pytest.raises(UnknownCode):
        envoys_between(session, a="USA", b="XXX", on=date(2016, 1, 1))
