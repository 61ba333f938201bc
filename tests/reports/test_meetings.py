from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import Engine, Integer, literal, select

from bilateral_db.core.dates import covers
from bilateral_db.reports import UnknownCode, find_meetings, meeting_detail
from bilateral_db.reports.meetings import meetings_involving
from bilateral_db.tables import ACTOR, MEETING, PARTICIPANT, POST, TERM


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


def test_meetings_involving_is_the_rule_applied_to_every_meeting(loaded_engine: Engine) -> None:
    """The set read through the actor's own rows equals the rule applied to each meeting in
    turn, on the shipped data sets (the Office of the Historian's travels and visits, whose
    participants are officials, and its chiefs of mission): named, through an official holding
    a post of the actor on the meeting's first day, hosting (a country) or organising (a bloc)."""
    with loaded_engine.connect() as connection:
        meetings = connection.execute(
            select(MEETING.c.id, MEETING.c.start_date, MEETING.c.host_country_id, MEETING.c.bloc_id)
        ).all()
        participants = connection.execute(
            select(PARTICIPANT.c.meeting_id, PARTICIPANT.c.actor_id, PARTICIPANT.c.person_id)
        ).all()
        terms = defaultdict(list)
        for person, actor, start, end, precision in connection.execute(
            select(
                TERM.c.person_id,
                POST.c.actor_id,
                TERM.c.start_date,
                TERM.c.end_date,
                TERM.c.end_date_precision,
            ).join(POST, POST.c.id == TERM.c.post_id)
        ):
            terms[person].append((actor, start, end, precision))
        actors = {row.id: row for row in connection.execute(select(ACTOR))}
        by_meeting = {row.id: row for row in meetings}
        involved = defaultdict(set)
        for meeting_id, actor_id, person_id in participants:
            if actor_id is not None:
                involved[actor_id].add(meeting_id)
                continue
            day = by_meeting[meeting_id].start_date
            for actor, start, end, precision in terms[person_id]:
                if day is not None and covers(start, end, precision, day):
                    involved[actor].add(meeting_id)
        hosts, organisers = defaultdict(set), defaultdict(set)
        for meeting in meetings:
            hosts[meeting.host_country_id].add(meeting.id)
            organisers[meeting.bloc_id].add(meeting.id)
        for actor in actors.values():
            involved[actor.id] |= hosts.get(actor.country_id, set()) if actor.country_id else set()
            involved[actor.id] |= organisers.get(actor.bloc_id, set()) if actor.bloc_id else set()
        busiest = sorted((a for a in involved if involved[a]), key=lambda a: -len(involved[a]))
        # The busiest and the least busy, each bloc that organised a meeting, and one in none.
        blocs = [a.id for a in actors.values() if a.bloc_id in organisers]
        asked = [*busiest[:4], *busiest[-4:], *blocs, max(actors) + 1]
        through_officials = 0
        for actor_id in asked:
            found = set(connection.scalars(meetings_involving(literal(actor_id, Integer))))
            assert found == involved.get(actor_id, set()), actor_id
            named = {m for m, a, _ in participants if a == actor_id}
            through_officials += len(found - named)
        assert max(map(len, involved.values())) > 1000 and through_officials > 1000
