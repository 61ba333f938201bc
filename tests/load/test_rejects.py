"""Every validation rule, on both backends: a broken fixture set is refused with an error that
names the file, line, record and field, and the database is left exactly as it was."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bilateral_db.fixtures import FixtureErrors
from bilateral_db.load import load_fixtures


@dataclass(frozen=True)
class Case:
    """Edits that break the small fixture set, and the error they must produce."""

    edits: tuple[tuple[str, str, str], ...]  # (file, old text, new text); old "" appends
    file: str
    line_text: str  # a fragment of the line the error must point at
    key: str | None
    field: str | None
    message: str


CASES = {
    "unknown field": Case(
        (("blocs.yaml", "  founded: 1967-08-08", "  foundd: 1967-08-08"),),
        "blocs.yaml",
        "foundd",
        "ASEAN",
        "foundd",
        "unknown field (a typo?)",
    ),
    "required field": Case(
        (("topics.yaml", "{slug: cybersecurity, name: Cybersecurity}", "{slug: cybersecurity}"),),
        "topics.yaml",
        "cybersecurity",
        "cybersecurity",
        "name",
        "required field is missing",
    ),
    "type": Case(
        (("currencies.yaml", "minor_unit: 0", "minor_unit: none"),),
        "currencies.yaml",
        "JPY",
        "JPY",
        "minor_unit",
        "'none' is not a whole number",
    ),
    "vocabulary": Case(
        (("blocs.yaml", "{member: BRN, role: member,", "{member: BRN, role: membr,"),),
        "blocs.yaml",
        "BRN",
        "ASEAN/BRN/membr/1984-01-07",
        "role",
        "'membr' is not one of",
    ),
    "meeting kind": Case(
        (("meetings.yaml", "kind: bilateral_talks", "kind: talks"),),
        "meetings.yaml",
        "kind: talks",
        "lavrov-don-talks-2019-07-30",
        "kind",
        "summit",
    ),
    "date": Case(
        (("people.yaml", "start: 2015-08-19", "start: 2015-13-19"),),
        "people.yaml",
        "2015-13-19",
        "don-pramudwinai/THA/foreign-minister/2015-13-19",
        "start",
        "not a real date",
    ),
    "unknown actor": Case(
        (("blocs.yaml", "{member: BRN,", "{member: BRU,"),),
        "blocs.yaml",
        "BRU",
        "ASEAN/BRU/member/1984-01-07",
        "member",
        "unknown country, bloc or region",
    ),
    "ambiguous actor": Case(
        (
            (
                "blocs.yaml",
                "",
                "- {code: THA, name: Thai bloc, kind: forum, sources: [asean-members]}\n",
            ),
        ),
        "blocs.yaml",
        "{code: THA",
        "THA",
        "code",
        "is also a country code",
    ),
    "unknown post": Case(
        (("people.yaml", "post: THA/foreign-minister", "post: THA/foreign-ministr"),),
        "people.yaml",
        "foreign-ministr",
        "don-pramudwinai/THA/foreign-ministr/2015-08-19",
        "post",
        "unknown post 'THA/foreign-ministr'",
    ),
    "unknown parent meeting": Case(
        (("meetings.yaml", "parent: amm-52", "parent: amm-53"),),
        "meetings.yaml",
        "parent: amm-53",
        "lavrov-don-talks-2019-07-30",
        "parent",
        "unknown meeting 'amm-53'",
    ),
    "unknown city": Case(
        (("meetings.yaml", "city: bangkok", "city: bankok"),),
        "meetings.yaml",
        "city: bankok",
        "amm-52",
        "city",
        "unknown city 'bankok'",
    ),
    "unknown topic": Case(
        (("relations.yaml", "[energy, cybersecurity]", "[energy, cyber]"),),
        "relations.yaml",
        "topics:",
        "RUS/THA/cyber",
        "topics",
        "unknown topic 'cyber'",
    ),
    "unknown person": Case(
        (("meetings.yaml", "{person: sergey-lavrov,", "{person: sergei-lavrov,"),),
        "meetings.yaml",
        "sergei-lavrov",
        "lavrov-don-talks-2019-07-30/sergei-lavrov/delegation_head/attended",
        "person",
        "unknown person",
    ),
    "unknown category": Case(
        (("trade_changes.csv", "total,agriculture,39.25", "total,agri,39.25"),),
        "trade_changes.csv",
        "agri,",
        "RUS/THA/2018/total/agri/reported",
        "category",
        "unknown product category 'agri'",
    ),
    "unknown currency": Case(
        (("trade_figures.csv", "0.01,USD", "0.01,USX"),),
        "trade_figures.csv",
        "USX",
        "RUS/THA/2018-03/export/agriculture/reported/fob",
        "currency",
        "unknown currency 'USX'",
    ),
    "unknown source": Case(
        (
            ("topics.yaml", "", ""),
            ("people.yaml", "sources: [asean-members]", "sources: [asean-member]"),
        ),
        "people.yaml",
        "asean-member]",
        "igor-ivanov",
        "sources",
        "unknown source 'asean-member'",
    ),
    "no source": Case(
        (("people.yaml", "  sources: [asean-members]\n", ""),),
        "people.yaml",
        "slug: igor-ivanov",
        "igor-ivanov",
        "sources",
        "cites no source",
    ),
    "duplicate key in one file": Case(
        (("topics.yaml", "", "- {slug: energy, name: Power}\n"),),
        "topics.yaml",
        "name: Power",
        "energy",
        None,
        "is given twice",
    ),
    "duplicate YAML key": Case(
        (("cities.yaml", "name: Bangkok,", "name: Bangkok, name: Krung Thep,"),),
        "cities.yaml",
        "bangkok",
        None,
        "name",
        "given twice in one record",
    ),
    "end before start": Case(
        (
            (
                "blocs.yaml",
                "{member: BRN, role: member, start: 1984-01-07}",
                "{member: BRN, role: member, start: 1984-01-07, end: 1983}",
            ),
        ),
        "blocs.yaml",
        "end: 1983",
        "ASEAN/BRN/member/1984-01-07",
        "end",
        "end 1983 is before start 1984-01-07",
    ),
    "overlapping terms of a single-seat post": Case(
        (("people.yaml", "end: 2004-03-09}", "end: 2004-03-10}"),),
        "people.yaml",
        "RUS/foreign-minister, start: 2004-03-09",
        "sergey-lavrov/RUS/foreign-minister/2004-03-09",
        "start",
        "overlaps igor-ivanov",
    ),
    "overlapping memberships": Case(
        (
            (
                "blocs.yaml",
                "{member: VNM, role: chair, start: 2020,",
                "{member: THA, role: chair, start: 2019-12,",
            ),
        ),
        "blocs.yaml",
        "start: 2019-12",
        "ASEAN/THA/chair/2019-12",
        "start",
        "overlaps ASEAN/THA/chair/2019",
    ),
    "overlapping coordinators": Case(
        (
            (
                "blocs.yaml",
                "end: 2021}\n",
                "end: 2021}\n    - {partner: RUS, coordinator: THA, start: 2021-06-01}\n",
            ),
        ),
        "blocs.yaml",
        "coordinator: THA",
        "ASEAN/RUS/2021-06-01",
        "start",
        "coordinators of one bloc and partner",
    ),
    "membership before the bloc": Case(
        (
            (
                "blocs.yaml",
                "{member: BRN, role: member, start: 1984-01-07}",
                "{member: BRN, role: member, start: 1966}",
            ),
        ),
        "blocs.yaml",
        "start: 1966",
        "ASEAN/BRN/member/1966",
        "start",
        "ASEAN was founded 1967-08-08",
    ),
    "membership after the country": Case(
        (
            (
                "blocs.yaml",
                "{member: BRN, role: member, start: 1984-01-07}",
                "{member: SUN, role: observer, start: 1990}",
            ),
        ),
        "blocs.yaml",
        "member: SUN",
        "ASEAN/SUN/observer/1990",
        "end",
        "has no end but SUN ceased to exist 1991-12-26",
    ),
    "term after the country": Case(
        (
            (
                "posts.yaml",
                "",
                "- {country: SUN, office: foreign-minister, title: Minister, single_seat: true}\n",
            ),
            (
                "people.yaml",
                "{post: RUS/foreign-minister, start: 1998-09-11,",
                "{post: SUN/foreign-minister, start: 1998-09-11,",
            ),
        ),
        "people.yaml",
        "SUN/foreign-minister",
        "igor-ivanov/SUN/foreign-minister/1998-09-11",
        "start",
        "SUN ceased to exist 1991-12-26",
    ),
    "money not exact": Case(
        (("trade_figures.csv", "0.01,USD", "0.001,USD"),),
        "trade_figures.csv",
        "0.001,USD",
        "RUS/THA/2018-03/export/agriculture/reported/fob",
        "value",
        "0.001 has more decimals than USD has (2)",
    ),
    "observed without value": Case(
        (("trade_figures.csv", "observed,0.01,USD", "observed,,USD"),),
        "trade_figures.csv",
        "observed,,USD",
        "RUS/THA/2018-03/export/agriculture/reported/fob",
        "value",
        "no value is given",
    ),
    "change with three decimals": Case(
        (("trade_changes.csv", "39.25", "39.255"),),
        "trade_changes.csv",
        "39.255",
        "RUS/THA/2018/total/agriculture/reported",
        "change_pct",
        "more than two decimals",
    ),
    "unknown CSV column": Case(
        (("country_codes.csv", "confidence,note", "confidence,notes"),),
        "country_codes.csv",
        "country,scheme",
        None,
        "notes",
        "unknown column",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_rule_refuses_and_leaves_the_database_alone(
    case: Case, small_fixtures: object, small_shared_engine: Engine, snapshot: object
) -> None:
    for name, old, new in case.edits:
        if old:
            small_fixtures.replace(name, old, new)  # type: ignore[attr-defined]
        else:
            small_fixtures.append(name, new)  # type: ignore[attr-defined]
    before = snapshot(small_shared_engine)  # type: ignore[operator]

    with pytest.raises(FixtureErrors) as raised:
        load_fixtures(small_shared_engine, [small_fixtures.path], lock_timeout=5)  # type: ignore[attr-defined]

    assert snapshot(small_shared_engine) == before  # type: ignore[operator]
    line = small_fixtures.line_of(case.file, case.line_text)  # type: ignore[attr-defined]
    matching = [
        error
        for error in raised.value.errors
        if Path(error.file).name == case.file
        and error.line == line
        and error.key == case.key
        and error.field == case.field
        and case.message in error.message
    ]
    assert matching, "\n".join(str(error) for error in raised.value.errors)
