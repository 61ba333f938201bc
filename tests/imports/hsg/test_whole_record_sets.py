"""The whole record sets as published: their counts, and every term they use mapped or listed.

Issue 18 counts 5,743 + 225 chiefs of mission, 1,293 principal officers, 4,261 people,
832 + 3,439 trips and 3,264 visits. The files hold 1,294 `<principal>` elements: one of them
(third-assistant-secretary.xml, secr-1906-wils) names its person by an old id that no people
file has as its id (`wilson-huntington-francis-mairs-huntington-wilson`, an old id of
`wilson-francis-mairs-huntington`), so 1,293 name a person file directly.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from imports.hsg.records import BY_SLUG, UNMAPPED, Records, country_on, read_all, unmapped_uses

from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.fixtures import read_fixture_set
from bilateral_db.imports.hsg.mappings import mappings
from bilateral_db.resources import fixtures_dir

pytestmark = pytest.mark.slow  # reading all of it takes some seconds


@pytest.fixture(scope="module")
def records(whole_sets: Path) -> Records:
    return read_all(whole_sets)


def test_the_counts_of_the_issue(records: Records) -> None:
    by_kind = Counter(m.to_organisation for m in records.missions for _ in m.chiefs)
    assert (by_kind[False], by_kind[True]) == (5_743, 225)
    assert sum(chief.other_nominee for chief in records.chiefs) == 393 + 5  # never served
    assert len(records.principals) == 1_294
    assert len(records.people) == 4_261
    roles = Counter(trip.role for trip in records.trips)
    assert (roles["president"], roles["secretary"]) == (832, 3_439)
    assert len(records.visits) == 3_264
    assert (len(records.missions), len(records.positions)) == (199 + 16, 83)
    assert (len(records.roles), len(records.code_tables), len(records.concurrent)) == (28, 8, 333)
    assert len(records.presidents) == 47


def test_people_named_by_chiefs_and_principals_resolve(records: Records) -> None:
    ids = {person.id for person in records.people}
    old = {old_id: person.id for person in records.people for old_id in person.old_ids}
    named = Counter(c.person_id for c in records.chiefs) + Counter(
        p.person_id for p in records.principals
    )
    direct = {person for person in named if person in ids}
    assert set(named) - direct == {"wilson-huntington-francis-mairs-huntington-wilson"}
    assert old["wilson-huntington-francis-mairs-huntington-wilson"] == (
        "wilson-francis-mairs-huntington"
    )
    assert sum(n for person, n in named.items() if person in direct) == 5_968 + 1_293
    # The travels' secretaries are POCOM people under the same id.
    secretaries = {trip.who for trip in records.trips if trip.role == "secretary"}
    assert secretaries - ids == set()


def test_every_slug_is_mapped_or_listed_and_names_a_living_country(records: Records) -> None:
    assert unmapped_uses(records) == []
    used = Counter(slug for slug, _, _ in records.slug_uses())
    assert len(used) == 229
    assert set(BY_SLUG) == set(used)  # nothing in the table the records do not use
    assert {slug: used[slug] for slug in UNMAPPED} == {
        "texas": 12,  # 6 chiefs, each by mission and territory slug
        "hawaii": 35,  # 16 chiefs (the same) and 3 visits
        "netherlands-antilles": 3,  # 3 stops
    }
    lives = {
        record.label: record.values
        for record in read_fixture_set([fixtures_dir()]).records["country"].values()
    }
    outside = []
    for slug, day, record in records.slug_uses():
        if slug in UNMAPPED or day is None:
            continue
        [country] = country_on(slug, day)
        life = lives[country]
        born = life["start_date"] or date.min
        gone = (
            period_end_exclusive(life["end_date"], life["end_date_precision"])
            if life["end_date"]
            else date.max
        )
        if not born <= day < gone:
            outside.append((record, slug, country, day))
    assert outside == []


def test_a_chiefs_territory_names_the_missions_country_but_for_the_reviewed_few(
    records: Records,
) -> None:
    overrides = mappings().chief_countries
    differ = []
    for mission in records.missions:
        if mission.to_organisation:
            continue
        for chief in mission.chiefs:
            events = (chief.started, chief.arrived, chief.appointed, chief.ended)
            day = next((e.date.value for e in events if e.date is not None), None)
            if day is None or chief.territory_id is None:
                continue
            if country_on(chief.territory_id, day) != country_on(mission.id, day):
                differ.append(chief.id)
    assert differ == ["nl-1940-scho-01"]
    assert set(differ) <= set(overrides)
    # The ambassadors to China between the move to Taipei and its Embassy's closing.
    china = next(m for m in records.missions if m.id == "china")
    taipei = {
        chief.id
        for chief in china.chiefs
        if chief.role_title_id != "chief"  # the Liaison Office in Beijing
        and chief.started.date is not None
        and date(1949, 12, 19) <= chief.started.date.value <= date(1979, 2, 28)
    }
    assert taipei == {c for c, o in overrides.items() if o.country == "TWN"}


def test_every_term_of_the_records_is_mapped(records: Records) -> None:
    table = mappings()
    titles = {c.role_title_id for c in records.chiefs} | {
        p.role_title_id for p in records.principals
    }
    assert titles - set(table.role_capacities) == set()
    capacities = Counter(table.capacity_of(c.role_title_id) for c in records.chiefs)
    # Chargés ad interim to countries (412) and to organisations (10), chargés pro tempore (2).
    assert capacities == {"full": 5_543, "ad_interim": 412 + 10 + 2, "acting": 1}
    notes = [chief.ended.note for chief in records.chiefs if chief.ended.note is not None] + [
        p.ended.note for p in records.principals if p.ended.note is not None
    ]
    unmatched = {note for note in notes if table.end_reason_rule(note) is None}
    assert unmatched == set()
    assert len(set(notes)) == 359
    reasons = Counter(rule.value for note in notes if (rule := table.end_reason_rule(note)))
    assert reasons.most_common(3) == [
        ("left_post", 3_617),
        ("presented_recall", 430),
        ("promoted", 103),
    ]
    assert {m.id for m in records.missions if m.to_organisation} == set(table.org_missions)
    kinds = Counter(table.visit_kind(visit.description) for visit in records.visits)
    assert kinds == {
        "visit": 1_256,  # attended a summit, a funeral; a guest of the President; …
        "working_visit": 693,
        "private_visit": 595,
        "official_working_visit": 311,
        "official_visit": 233,
        "state_visit": 176,
    }
