"""Reports run a fixed number of queries however many rows they return (no N+1)."""

from __future__ import annotations

from datetime import date

from bilateral_db import reports


def _count(count_queries, call) -> int:
    with count_queries() as counter:
        call()
    return counter.count


def test_each_list_report_is_a_fixed_handful(world, count_queries) -> None:
    """Claims and their citations: two queries; memberships read what the imported releases
    cover as a third (the world holds a COW release), and members on a day the bloc's gaps in
    that coverage (COW IGO's -9 cells) as a fourth; memberships and terms read the dated names
    of the members and posts they list in one more (bilateral_db.reports.names), and members
    on a day what sources say of the bloc's member list in a sixth."""
    s = world.session
    calls = [
        lambda: reports.members_on(s, bloc="ASEAN", on=date(2019, 8, 1)),
        lambda: reports.membership_timeline(s, bloc="ASEAN"),
        lambda: reports.memberships_on(s, member="THA", on=date(2019, 8, 1)),
        lambda: reports.membership_pairs(s, a="RUS", b="ASEAN"),
        lambda: reports.officials_on(s, country="THA", on=date(2019, 8, 1)),
        lambda: reports.terms_of(s, person="don-pramudwinai"),
        lambda: reports.find_meetings(s, country="RUS", bloc="ASEAN", topic="counter-terrorism"),
        lambda: reports.trade_between(s, a="RUS", b="ASEAN"),
        lambda: reports.sources_for(s, fact_ids=range(1, 60)),
    ]
    assert [_count(count_queries, call) for call in calls] == [6] + [4] * 3 + [3] * 2 + [1] * 3


def test_composite_reports_run_a_fixed_handful(world, count_queries) -> None:
    s = world.session
    before = {
        "meeting": _count(count_queries, lambda: reports.meeting_detail(s, slug="amm-52")),
        "dyad": _count(count_queries, lambda: reports.dyad_report(s, a="RUS", b="ASEAN")),
        "country": _count(
            count_queries, lambda: reports.country_profile(s, country="THA", on=date(2019, 8, 1))
        ),
        "agreement": _count(
            count_queries,
            lambda: reports.agreement_report(s, slug="asean-russia-cpa-2016-2020"),
        ),
    }
    # dyad: its two actors' ids are read first, so that every section finds their rows by index.
    assert before == {"meeting": 7, "dyad": 12, "country": 9, "agreement": 6}
    # Twenty more members, terms and trade figures change no count.
    for index in range(20):
        code = f"X{chr(65 + index)}A"
        world.country(code, f"Country {index}")
        world.member("ASEAN", code, date(2000, 1, 1))
        world.term(
            f"person-{index}",
            "THA/minister-{index}".replace("{index}", str(index)),
            date(2019, 1, 1),
        )
        world.trade("RUS", code, 2018, 100)
    s.flush()
    assert _count(count_queries, lambda: reports.dyad_report(s, a="RUS", b="ASEAN")) == 12
    assert (
        _count(
            count_queries, lambda: reports.country_profile(s, country="THA", on=date(2019, 8, 1))
        )
        == 9
    )
    assert _count(count_queries, lambda: reports.trade_between(s, a="RUS", b="ASEAN")) == 1
