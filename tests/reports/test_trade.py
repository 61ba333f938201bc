from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from bilateral_db.reports import trade_between, trade_between_total


def _key(row) -> tuple:
    return (row.year, row.reporter, row.partner, row.category, row.basis)


def test_country_pair_both_sides_with_computed_and_reported_change(world) -> None:
    rows = {_key(row): row for row in trade_between(world.session, a="THA", b="RUS")}
    assert set(rows) == {
        (2017, "RUS", "THA", "all-goods", "reported"),
        (2018, "RUS", "THA", "all-goods", "reported"),
        (2018, "RUS", "THA", "agriculture", "reported"),
        (2018, "THA", "RUS", "all-goods", "reported"),
    }
    total = rows[(2018, "RUS", "THA", "all-goods", "reported")]
    assert total.value == Decimal("300000000.00")
    assert (total.currency, total.qualifier) == ("USD", "more_than")
    assert total.change_pct == Decimal("20.00")  # computed: 250 -> 300 million
    assert (total.reported_change_pct, total.reported_change_qualifier) == (
        Decimal("17.00"),
        "exact",
    )
    agriculture = rows[(2018, "RUS", "THA", "agriculture", "reported")]
    assert (agriculture.value, agriculture.change_pct) == (None, None)
    assert agriculture.reported_change_pct == Decimal("39.00")
    mirror = rows[(2018, "THA", "RUS", "all-goods", "reported")]
    assert (mirror.value, mirror.change_pct) == (Decimal("280000000.00"), None)


def test_country_and_bloc_sums_members_at_each_date_and_keeps_bloc_figures(world) -> None:
    rows = {_key(row): row for row in trade_between(world.session, a="RUS", b="ASEAN")}
    # Cambodia joined in April 1999: its 1998 figure is no ASEAN trade, its 1999 one is.
    assert (1998, "RUS", "ASEAN", "all-goods", "sum_of_members") not in rows
    assert rows[(1999, "RUS", "ASEAN", "all-goods", "sum_of_members")].value == Decimal("2000.00")
    summed = rows[(2018, "RUS", "ASEAN", "all-goods", "sum_of_members")]
    # Thailand and Viet Nam of ASEAN's eight members then: a lower bound, and marked so.
    assert (summed.value, summed.members, summed.members_total) == (Decimal("400000000.00"), 2, 8)
    assert summed.qualifier == "at_least"
    assert summed.change_pct == Decimal("60.00")  # 250 million (Thailand alone) in 2017
    mirror = rows[(2018, "ASEAN", "RUS", "all-goods", "sum_of_members")]
    assert (mirror.value, mirror.members) == (Decimal("280000000.00"), 1)
    stated = rows[(2018, "ASEAN", "RUS", "all-goods", "reported")]
    assert (stated.value, stated.qualifier) == (Decimal("19800000000.00"), "approximately")


def test_category_and_year_filters_keep_the_change_of_the_first_year(world) -> None:
    rows = trade_between(world.session, a="RUS", b="THA", category="all-goods", year_from=2018)
    assert [(_key(row), row.change_pct) for row in rows] == [
        ((2018, "RUS", "THA", "all-goods", "reported"), Decimal("20.00")),
        ((2018, "THA", "RUS", "all-goods", "reported"), None),
    ]
    assert trade_between(world.session, a="RUS", b="THA", year_to=2016) == []


def test_sums_are_exact_on_large_values(world) -> None:
    # Two values whose float sum is not exact: 2**53 + 1 cents.
    world.trade("RUS", "VNM", 2021, 2**53)
    world.trade("RUS", "THA", 2021, 1)
    world.session.flush()
    rows = trade_between(world.session, a="RUS", b="ASEAN", year_from=2021)
    summed = next(row for row in rows if row.basis == "sum_of_members")
    assert summed.value == Decimal(2**53 + 1).scaleb(-2)


def _release_figure(world, reporter: str, partner: str, year: int, value: int) -> None:
    """A figure of an imported release (precedence after the curated fixtures)."""
    from bilateral_db import models as m
    from bilateral_db.writing.partitions import ensure_partition

    release = world.session.scalar(select(m.Release).where(m.Release.slug == "trade-test"))
    if release is None:
        release = m.Release(slug="trade-test", dataset="trade", title="Trade (test)", precedence=20)
        world.session.add(release)
        world.session.flush()
        ensure_partition(world.session.connection(), m.TradeFigure.__table__, release.id)
    row = world.trade(reporter, partner, year, value)
    row.release_id, row.fact_id = release.id, None
    world.session.flush()


def test_rows_name_their_release_and_the_curated_figure_is_preferred(world) -> None:
    _release_figure(world, "RUS", "THA", 2018, 1)  # the same series as a curated figure
    _release_figure(world, "RUS", "IDN", 2018, 50_000_000_00)  # a series only the release has
    rows = {_key(row): row for row in trade_between(world.session, a="RUS", b="ASEAN")}
    summed = rows[(2018, "RUS", "ASEAN", "all-goods", "sum_of_members")]
    # Thailand's curated figure (not the release's), Viet Nam's, and Indonesia's from the release.
    assert (summed.value, summed.members) == (Decimal("450000000.00"), 3)
    assert summed.source == "curated+trade-test"
    assert rows[(2018, "ASEAN", "RUS", "all-goods", "reported")].source == "curated"
    pair = {_key(row): row for row in trade_between(world.session, a="RUS", b="THA")}
    stated = pair[(2018, "RUS", "THA", "all-goods", "reported")]
    assert (stated.value, stated.source) == (Decimal("300000000.00"), "curated")
    assert pair[(2018, "RUS", "THA", "agriculture", "reported")].source == "curated"  # a change
    indonesia = trade_between(world.session, a="RUS", b="IDN")
    assert [(row.value, row.source) for row in indonesia] == [
        (Decimal("50000000.00"), "trade-test")
    ]


def test_rows_in_a_documented_order(world) -> None:
    rows = trade_between(world.session, a="RUS", b="ASEAN")
    keys = [
        (r.period.value, r.basis, r.reporter, r.partner, r.flow, r.category, r.period.precision)
        for r in rows
    ]
    assert keys == sorted(keys)
    assert trade_between_total(world.session, a="RUS", b="ASEAN") == len(rows)


def test_the_first_year_is_a_year_before_the_range_read(world) -> None:
    """year_from=1 reads no year 0; year_to=9999 no year 10000."""
    assert trade_between(world.session, a="RUS", b="THA", year_from=1, year_to=1) == []
    assert len(trade_between(world.session, a="RUS", b="THA", year_to=9999)) == 4


def test_a_page_and_the_whole_answers_count_come_from_one_query(world) -> None:
    """trade_between_page (what the API pages with) equals trade_between's page and
    trade_between_total, past the end included (no count there: it is asked apart)."""
    from bilateral_db.reports import trade_between_page

    whole = trade_between(world.session, a="RUS", b="ASEAN")
    total = trade_between_total(world.session, a="RUS", b="ASEAN")
    assert total == len(whole) > 3
    for offset in (0, 2, len(whole) - 1, len(whole)):
        rows, counted = trade_between_page(
            world.session, a="RUS", b="ASEAN", limit=2, offset=offset
        )
        assert rows == whole[offset : offset + 2]
        assert counted == (total if rows else None)
