"""Shared memberships in the dyad-year panel, against a count made claim by claim.

The panel keeps, per pair of countries, intervals of days with the number of blocs both were
members of (built from steps, one interval per change); here the same number is counted for
dyad-years drawn at random (another draw each day) straight from the preferred membership
claims, on the database quickstart builds (COW IGO v3 and the curated blocs)."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import Connection, Engine, select, text

from bilateral_db import tables
from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.preference import SCOPES, preferred

DRAWS = 40
SPELL = tables.MEMBERSHIP


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _blocs_on(connection: Connection, actor_id: int, day: date) -> dict[int, str]:
    """bloc -> release of the preferred member claim of `actor_id` holding on `day`."""
    rows = connection.execute(
        select(
            SPELL.c.bloc_id,
            SPELL.c.start_date,
            SPELL.c.end_date,
            SPELL.c.end_date_precision,
            tables.RELEASE.c.slug,
        )
        .join(tables.RELEASE, tables.RELEASE.c.id == SPELL.c.release_id)
        .where(
            SPELL.c.actor_id == actor_id,
            SPELL.c.role == "member",
            preferred(SPELL, SCOPES["membership"]),
        )
    )
    held = {}
    for bloc_id, start, end, precision, slug in rows:
        if _as_date(start) > day:
            continue
        if end is not None and day >= period_end_exclusive(_as_date(end), precision):
            continue
        held[bloc_id] = slug
    return held


def test_shared_memberships_match_a_count_of_the_claims(loaded_engine: Engine) -> None:
    draw = random.Random(date.today().toordinal())
    with loaded_engine.connect() as connection:
        candidates = connection.execute(
            text(
                "SELECT s.actor_id, o.actor_id, s.day, o.day, d.ccode1, d.ccode2, d.year, "
                "d.shared_memberships, d.memberships_source "
                "FROM v_dyad_year d "
                "JOIN panel_country_year s ON s.system = 'cow' AND s.code = d.ccode1 "
                " AND s.year = d.year "
                "JOIN panel_country_year o ON o.system = 'cow' AND o.code = d.ccode2 "
                " AND o.year = d.year "
                "WHERE d.year BETWEEN 1816 AND 2014 AND d.shared_memberships IS NOT NULL "
                "AND (d.ccode1 * 7 + d.ccode2 * 13 + d.year) % 997 = :slice"
            ),
            {"slice": draw.randrange(997)},
        ).all()
        assert len(candidates) > DRAWS
        checked = 0
        for actor1, actor2, day1, day2, *key, shared, sources in draw.sample(candidates, DRAWS):
            days = sorted({_as_date(day1), _as_date(day2)})
            day = days[-1] if days[-1].month == 12 else days[0]  # the dyad's day (the views')
            mine, theirs = _blocs_on(connection, actor1, day), _blocs_on(connection, actor2, day)
            both = mine.keys() & theirs.keys()
            releases = {mine[b] for b in both} | {theirs[b] for b in both}
            assert shared == len(both), key
            assert sources == ("; ".join(sorted(releases)) or None), key
            checked += 1
    assert checked == DRAWS


def test_a_country_year_counts_the_blocs_of_its_day(loaded_engine: Engine) -> None:
    draw = random.Random(date.today().toordinal() + 1)
    with loaded_engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT actor_id, day, code, year, bloc_memberships FROM panel_country_year "
                "WHERE system = 'cow' AND actor_id IS NOT NULL AND NOT part_year "
                "AND year <= 2014"
            )
        ).all()
        for actor_id, day, *key, count in draw.sample(rows, DRAWS):
            assert count == len(_blocs_on(connection, actor_id, _as_date(day))), key


def test_past_cow_igo_the_counts_are_not_covered(loaded_engine: Engine) -> None:
    """COW IGO v3 stops at 2014: after it the curated blocs alone would undercount."""
    with loaded_engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT year, bloc_memberships, memberships_source FROM v_country_year "
                "WHERE iso = 'THA' AND year IN (2014, 2015) ORDER BY year"
            )
        ).all()
        dyad = connection.execute(
            text(
                "SELECT shared_memberships FROM v_dyad_year "
                "WHERE iso1 = 'RUS' AND iso2 = 'THA' AND year = 2015"
            )
        ).scalar_one()
    (_, count_2014, sources_2014), (_, count_2015, sources_2015) = rows
    assert count_2014 > 40 and sources_2014 == "cow-igo-3.0; curated"
    assert (count_2015, sources_2015, dyad) == (None, None, None)
