"""Rows made of claims say where they come from, and mark what another source disputes the way
the disagreements report lists it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bilateral_db import reports


@pytest.fixture
def bundled(loaded_engine: Engine) -> Iterator[Session]:
    with Session(loaded_engine) as session:
        yield session
        session.rollback()


def test_timeline_marks_what_the_disagreements_report_lists(bundled: Session) -> None:
    """Brunei joined ASEAN on 7 January 1984 by three sources, on the 8th by a fourth: the
    timeline's row is disputed by that source, as the disagreements report says."""
    listed = reports.disagreements(bundled, bloc="ASEAN", kind="membership")
    brunei = next(row for row in listed if row.subject == "ASEAN/BRN/member")
    timeline = reports.membership_timeline(bundled, bloc="ASEAN")
    row = next(r for r in timeline if (r.country, r.role) == ("BRN", "member"))
    assert (row.source, str(row.start_date)) == ("curated", "1984-01-07")
    assert row.disputed and row.disputed_by == brunei.no_sources
    assert set(brunei.yes_sources) <= set(row.sources)
    undisputed = [r for r in timeline if not r.disputed]
    assert undisputed and all(r.disputed_by == () for r in undisputed)


def test_a_release_s_claim_is_disputed_where_the_curated_claims_say_no(bundled: Session) -> None:
    """COW IGO has the SCO's members from 1996 (the Shanghai Five), the curated claims from
    its founding in 2001: the COW rows are disputed by the curated source, not backed by it."""
    rows = reports.membership_timeline(bundled, bloc="SCO", all_claims=True)
    cow = [
        r for r in rows if r.source == "cow-igo-3.0" and r.country == "RUS" and r.role == "member"
    ]
    assert cow and all(r.disputed and not r.preferred for r in cow)
    assert all(r.sources == ("cow-igo-3.0",) for r in cow)
    assert all("wikipedia-shanghai-cooperation-organisation" in r.disputed_by for r in cow)


def test_rows_on_a_day_name_their_source(bundled: Session) -> None:
    rows = reports.members_on(bundled, bloc="ASEAN", on=date(1990, 1, 1), all_claims=True)
    assert {row.source for row in rows} == {"curated", "cow-igo-3.0"}
    assert all(row.sources for row in rows)
