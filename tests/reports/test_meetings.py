from __future__ import annotations

from datetime import date

import pytest

from bilateral_db.reports import UnknownCode, find_meetings, meeting_detail


def _slugs(rows) -> list[str]:
    return [row.slug for row in rows]


def test_all_meetings_oldest_first(world) -> None:
    assert _slugs(find_meetings(world.session)) == ["amm-52", "lavrov-don-talks-2019", "eef-2019"]


def test_by_person(world) -> None:
    assert _slugs(find_meetings(world.session, person="sergey-lavrov")) == ["lavrov-don-talks-2019"]


def test_by_country_counts_hosts_participants_and_officials(world) -> None:
    # Russia: a named guest at the AMM, and through Lavrov (its foreign minister) at the talks.
    assert _slugs(find_meetings(world.session, country="RUS")) == [
        "amm-52",
        "lavrov-don-talks-2019",
    ]
    assert _slugs(find_meetings(world.session, country="MYS")) == ["eef-2019"]


def test_by_bloc_and_topic(world) -> None:
    assert _slugs(find_meetings(world.session, bloc="ASEAN")) == ["amm-52"]
    assert _slugs(find_meetings(world.session, topic="counter-terrorism")) == ["amm-52"]
    assert find_meetings(world.session, topic="energy") == []


def test_by_date_range_overlap_and_precision(world) -> None:
    # The AMM ran to 3 August: it shares days with a range starting on 1 August.
    assert _slugs(find_meetings(world.session, date_from=date(2019, 8, 1))) == [
        "amm-52",
        "eef-2019",
    ]
    # The forum is known to the month (September 2019): it overlaps a range ending 1 September.
    assert _slugs(
        find_meetings(world.session, date_from=date(2019, 8, 4), date_to=date(2019, 9, 1))
    ) == ["eef-2019"]
    assert _slugs(find_meetings(world.session, date_to=date(2019, 7, 29))) == ["amm-52"]


def test_one_meeting_in_full(world) -> None:
    detail = meeting_detail(world.session, slug="amm-52")
    assert detail.meeting.ordinal == 52
    assert str(detail.meeting.start_date) == "2019-07-29"
    assert (detail.meeting.host, detail.meeting.bloc) == ("THA", "ASEAN")
    assert [(p.person, p.actor, p.role, p.status) for p in detail.participants] == [
        ("don-pramudwinai", "THA", "chair", "attended"),
        (None, "RUS", "guest", "attended"),
    ]
    assert [(c.slug, c.parent) for c in detail.children] == [("lavrov-don-talks-2019", "amm-52")]
    assert [t.topic for t in detail.topics] == ["counter-terrorism"]
    assert [(s.source, s.locator) for s in detail.sources] == [("test-source", "meeting locator")]


def test_invitation_and_attendance_are_both_shown(world) -> None:
    detail = meeting_detail(world.session, slug="eef-2019")
    assert str(detail.meeting.start_date) == "2019-09"
    assert [(p.person, p.status) for p in detail.participants] == [
        ("mahathir-mohamad", "attended"),
        ("mahathir-mohamad", "invited"),
    ]


def test_unknown_meeting(world) -> None:
    with pytest.raises(UnknownCode):
        meeting_detail(world.session, slug="amm-53")
