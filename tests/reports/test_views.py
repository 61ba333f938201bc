"""The research views (migration 0002) answer the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from bilateral_db import migrations
from bilateral_db.db import make_engine

VIEWS = {
    "v_membership",
    "v_term",
    "v_meeting_participant",
    "v_trade",
    "v_claim",
    "v_country_year",
    "v_country_year_gw",
    "v_dyad_year",
    "v_dyad_year_gw",
}


def rows(session: Session, sql: str, **params: object) -> list[tuple]:
    return [tuple(row) for row in session.execute(text(sql), params)]


def test_membership_view_point_in_time(world) -> None:
    sql = """
        SELECT member_code FROM v_membership
        WHERE bloc_code = 'ASEAN' AND role = 'member'
          AND start_date <= :day AND (end_exclusive IS NULL OR :day < end_exclusive)
        ORDER BY member_code
    """
    assert len(rows(world.session, sql, day="1990-01-01")) == 6
    assert len(rows(world.session, sql, day="1999-04-30")) == 8
    chair = rows(
        world.session,
        """SELECT member_code, start_label, end_label, end_exclusive FROM v_membership
           WHERE role = 'chair'""",
    )
    assert [(c, s, e, str(x)) for c, s, e, x in chair] == [("THA", "2019", "2019", "2020-01-01")]
    russia = rows(
        world.session,
        """SELECT role, start_label, member_kind FROM v_membership
           WHERE member_code = 'RUS' ORDER BY start_date""",
    )
    assert russia == [
        ("dialogue_partner", "1996-07", "country"),
        ("strategic_partner", "2018", "country"),
    ]


def test_term_view(world) -> None:
    sql = """
        SELECT person_name, country_code, office, start_label, end_label FROM v_term
        WHERE office = 'foreign-minister' AND country_code = 'THA'
          AND start_date <= :day AND (end_exclusive IS NULL OR :day < end_exclusive)
        ORDER BY start_date
    """
    assert rows(world.session, sql, day="2019-08-01") == [
        ("Don Pramudwinai", "THA", "foreign-minister", "2015-08-19", "2023-09-01")
    ]
    assert len(rows(world.session, sql, day="2015-08-19")) == 2  # handover day


def test_meeting_participant_view(world) -> None:
    got = rows(
        world.session,
        """SELECT meeting_slug, parent_slug, person_slug, actor_code, role, status, year
           FROM v_meeting_participant
           WHERE meeting_slug IN ('amm-52', 'lavrov-don-talks-2019')
           ORDER BY meeting_slug, role, person_slug""",
    )
    assert got == [
        ("amm-52", None, "don-pramudwinai", "THA", "chair", "attended", 2019),
        ("amm-52", None, None, "RUS", "guest", "attended", 2019),
        (
            "lavrov-don-talks-2019",
            "amm-52",
            "don-pramudwinai",
            None,
            "delegation_head",
            "attended",
            2019,
        ),
        (
            "lavrov-don-talks-2019",
            "amm-52",
            "sergey-lavrov",
            None,
            "delegation_head",
            "attended",
            2019,
        ),
    ]


def test_trade_view_computes_change_with_lag(world) -> None:
    got = rows(
        world.session,
        """SELECT reporter_code, partner_code, year, value_minor, minor_unit,
                  previous_value_minor, change_pct
           FROM v_trade WHERE reporter_code = 'RUS' AND partner_code IN ('THA', 'KHM')
           ORDER BY partner_code, year""",
    )
    normalised = [
        (*row[:6], None if row[6] is None else Decimal(str(row[6])).quantize(Decimal("0.01")))
        for row in got
    ]
    assert normalised == [
        ("RUS", "KHM", 1998, 100000, 2, None, None),
        ("RUS", "KHM", 1999, 200000, 2, 100000, Decimal("100.00")),
        ("RUS", "THA", 2017, 25000000000, 2, None, None),
        ("RUS", "THA", 2018, 30000000000, 2, 25000000000, Decimal("20.00")),
    ]


def test_trade_view_needs_adjacent_periods(world) -> None:
    world.trade("RUS", "THA", 2020, 100)
    world.session.flush()
    got = rows(
        world.session,
        "SELECT previous_value_minor, change_pct FROM v_trade "
        "WHERE reporter_code = 'RUS' AND partner_code = 'THA' AND year = 2020",
    )
    assert got == [(None, None)]  # 2019 is missing: no change against 2018


def test_country_year_view(world) -> None:
    got = rows(
        world.session,
        """SELECT iso, year, bloc_memberships, meetings FROM v_country_year
           WHERE iso IN ('KHM', 'RUS', 'THA') AND year IN (1998, 1999, 2019)
           ORDER BY iso, year""",
    )
    assert got == [
        ("KHM", 1998, 0, 0),
        ("KHM", 1999, 1, 0),
        ("KHM", 2019, 1, 0),
        ("RUS", 1998, 0, 0),
        ("RUS", 1999, 0, 0),
        ("RUS", 2019, 0, 2),
        ("THA", 1998, 1, 0),
        ("THA", 1999, 1, 0),
        ("THA", 2019, 1, 2),
    ]


def test_dyad_year_view(world) -> None:
    got = rows(
        world.session,
        """SELECT iso1, iso2, year, shared_memberships, meetings, total_usd_minor
           FROM v_dyad_year
           WHERE (iso1 = 'RUS' AND iso2 = 'THA' AND year IN (2017, 2018, 2019))
              OR (iso1 = 'THA' AND iso2 = 'KHM' AND year IN (1998, 1999))
           ORDER BY iso1, year""",
    )
    assert got == [
        ("RUS", "THA", 2017, 0, 0, 25000000000),
        ("RUS", "THA", 2018, 0, 0, 30000000000),
        ("RUS", "THA", 2019, 0, 2, None),
        ("THA", "KHM", 1998, 0, 0, None),
        ("THA", "KHM", 1999, 1, 0, None),
    ]
    # Every pair of states in the list is a dyad, in every year both are in it: Malaysia
    # entered on 1957-08-31; after the list's edge (2016) both are carried on, listed = 0.
    assert rows(
        world.session,
        "SELECT MIN(year), MAX(year), SUM(listed) FROM v_dyad_year "
        "WHERE iso1 = 'MYS' AND iso2 = 'RUS'",
    ) == [(1957, date.today().year, 2016 - 1957 + 1)]


def test_downgrade_drops_the_views(empty_database_url: str) -> None:
    migrations.upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        assert set(inspect(engine).get_view_names()) == VIEWS
        migrations.downgrade(empty_database_url, "0001")
        assert set(inspect(engine).get_view_names()) == set()
        migrations.upgrade(empty_database_url)
        assert set(inspect(engine).get_view_names()) == VIEWS
    finally:
        engine.dispose()


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_view_answers_on_an_empty_database(session: Session, view: str) -> None:
    assert session.execute(text(f"SELECT COUNT(*) FROM {view}")).scalar_one() >= 0
