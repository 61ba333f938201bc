"""COW Trade v4.0 dyadic (a slice of the real file): two import figures a row in the reported
series and two in the smoothed one, -9 unknown."""

from __future__ import annotations

import gzip
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.imports import ImportFileError, import_dataset

SLICE = DATASET_SLICES / "cow_trade_slice.csv.gz"
QUIRKS = DATASET_SLICES / "cow_trade_quirks_slice.csv.gz"
COW = "cow-trade-4.0"
MILLION = 10**8  # a million US dollars in cents
FIGURES = """
    SELECT rc.code, pc.code, tf.value_status, tf.value_minor, tf.currency_code, tf.qualifier,
           tf.flow, tf.valuation, tf.period_precision
    FROM trade_figure tf
    JOIN release r ON r.id = tf.release_id
    JOIN actor ra ON ra.id = tf.reporter_actor_id JOIN country rc ON rc.id = ra.country_id
    JOIN actor pa ON pa.id = tf.partner_actor_id JOIN country pc ON pc.id = pa.country_id
    WHERE r.slug = :release AND tf.period_start = :period AND tf.series = :series
      AND ((rc.code = :a AND pc.code = :b) OR (rc.code = :b AND pc.code = :a))
    ORDER BY rc.code
"""


def _lines() -> list[str]:
    return gzip.decompress(SLICE.read_bytes()).decode().splitlines()


def _figures(
    engine: Engine, a: str, b: str, year: int, series: str = "reported"
) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(FIGURES),
            {"release": COW, "period": f"{year}-01-01", "a": a, "b": b, "series": series},
        )
        return [tuple(row) for row in rows]


@pytest.fixture
def imported(curated_engine: Engine) -> Engine:
    result = import_dataset(curated_engine, "cow-trade", SLICE)
    rows = len(_lines()) - 1
    assert result.counts == {
        "trade_figure": 4 * rows,  # two reported and two smoothed figures a row
        "unknown_value": result.counts["unknown_value"],
        "source_rows": rows,
    }
    assert result.changes == {"inserted": 4 * rows, "updated": 0, "unchanged": 0, "removed": 0}
    assert not result.findings
    return curated_engine


def test_a_row_gives_both_imports_exactly_in_cents(imported: Engine) -> None:
    # 2,20,2014,346063,276158: the USA's imports from Canada, then Canada's from the USA.
    series = ("USD", "exact", "import", "not_stated", "year")
    assert _figures(imported, "USA", "CAN", 2014) == [
        ("CAN", "USA", "observed", 276158 * MILLION, *series),
        ("USA", "CAN", "observed", 346063 * MILLION, *series),
    ]


def test_minus_nine_is_unknown_and_zero_an_observed_zero(imported: Engine) -> None:
    # 2,365,1873,-9,13: the USA's imports from Russia unknown; 2,365,1921,0,2: zero.
    unknown = _figures(imported, "USA", "RUS", 1873)
    assert [row[:4] for row in unknown] == [
        ("RUS", "USA", "observed", 13 * MILLION),
        ("USA", "RUS", "unknown", None),
    ]
    zero = _figures(imported, "USA", "RUS", 1921)
    assert [row[:4] for row in zero] == [
        ("RUS", "USA", "observed", 2 * MILLION),
        ("USA", "RUS", "observed", 0),
    ]


def test_smoothed_flows_are_the_smoothed_series_of_the_same_pairs(imported: Engine) -> None:
    # 2,365,1921,0,2,1,14: reported 0 and 2, smoothed 1 and 14; 2,365,1873,-9,13,-9,13.
    smoothed = _figures(imported, "USA", "RUS", 1921, "smoothed")
    assert [row[:4] for row in smoothed] == [
        ("RUS", "USA", "observed", 14 * MILLION),
        ("USA", "RUS", "observed", 1 * MILLION),
    ]
    assert [row[:4] for row in _figures(imported, "USA", "RUS", 1873, "smoothed")] == [
        ("RUS", "USA", "observed", 13 * MILLION),
        ("USA", "RUS", "unknown", None),
    ]
    with imported.connect() as connection:
        series = connection.execute(
            text(
                "SELECT series, COUNT(*) FROM trade_figure tf JOIN release r "
                "ON r.id = tf.release_id WHERE r.slug = :release GROUP BY series ORDER BY series"
            ),
            {"release": COW},
        ).all()
    rows = len(_lines()) - 1
    assert [tuple(row) for row in series] == [("reported", 2 * rows), ("smoothed", 2 * rows)]


def test_the_report_shows_the_reported_series_and_says_so(imported: Engine) -> None:
    with Session(imported) as session:
        rows = reports.trade_between(session, a="USA", b="RUS", year_from=1921, year_to=1921)
    assert sorted((r.reporter, r.partner, r.value) for r in rows) == [
        ("RUS", "USA", Decimal("2000000.00")),  # US dollars: 2 million, not the smoothed 14
        ("USA", "RUS", Decimal("0.00")),
    ]
    from bilateral_db.answers.questions import QUESTIONS

    (trade,) = [question for question in QUESTIONS if question.name == "trade"]
    assert "of the reported series" in trade.description


def test_365_is_the_ussr_in_1990_and_russia_in_1995(imported: Engine) -> None:
    # 2,365,1990,1168,3396 and 2,365,1995,4270,2651
    assert [row[:4] for row in _figures(imported, "USA", "SUN", 1990)] == [
        ("SUN", "USA", "observed", 3396 * MILLION),
        ("USA", "SUN", "observed", 1168 * MILLION),
    ]
    assert _figures(imported, "USA", "RUS", 1990) == []
    assert [row[:4] for row in _figures(imported, "USA", "RUS", 1995)] == [
        ("RUS", "USA", "observed", 2651 * MILLION),
        ("USA", "RUS", "observed", 4270 * MILLION),
    ]
    # Germany: 255 until 1945, 260 (West Germany) from 1955, 255 again in 1990.
    assert [row[:4] for row in _figures(imported, "USA", "DEU", 1990)] == [
        ("DEU", "USA", "observed", 22922 * MILLION),
        ("USA", "DEU", "observed", 29080 * MILLION),
    ]


def test_the_trade_report_shows_the_figures(imported: Engine) -> None:
    with Session(imported) as session:
        rows = reports.trade_between(session, a="USA", b="CAN", year_from=2013, year_to=2014)
    figures = {(r.year, r.reporter, r.partner, r.flow): r for r in rows}
    usa_2014 = figures[(2014, "USA", "CAN", "import")]
    assert (usa_2014.value, usa_2014.status, usa_2014.qualifier, usa_2014.category) == (
        Decimal("346063000000.00"),
        "observed",
        "exact",
        "all-goods",
    )
    assert usa_2014.change_pct is not None  # computed from the 2013 figure


def test_a_bad_cell_is_named_by_line_and_column_and_nothing_is_written(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    lines = _lines()
    line = next(i for i, row in enumerate(lines) if row.startswith("2,365,1990,")) + 1
    lines[line - 1] = lines[line - 1].replace(",1168,", ",12a,")
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n")
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "cow-trade", path)
    assert f"bad.csv:{line}: flow1: '12a' is not a value" in str(raised.value)
    assert snapshot(curated_engine) == before


def test_a_pair_given_twice_is_named_by_both_lines(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    lines = _lines()
    path = tmp_path / "twice.csv"
    path.write_text("\n".join([*lines, lines[5]]) + "\n")
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "cow-trade", path)
    assert f"twice.csv:{len(lines) + 1}: year: " in str(raised.value)
    assert "also given on line 6" in str(raised.value)
    assert snapshot(curated_engine) == before


def test_unchanged_reimport_changes_nothing(imported: Engine, snapshot) -> None:
    state = snapshot(imported)
    result = import_dataset(imported, "cow-trade", SLICE)
    assert not result.changed
    assert "unchanged" in result.summary()
    assert snapshot(imported) == state


def test_a_changed_file_merges_only_what_differs(imported: Engine, tmp_path: Path) -> None:
    lines = _lines()
    index = next(i for i, row in enumerate(lines) if row.startswith("2,20,2014,"))
    lines[index] = "2,20,2014,346063.5,-9,346063,276158"  # the smoothed flows as they were
    dropped = next(i for i, row in enumerate(lines) if row.startswith("2,20,2013,"))
    del lines[dropped]
    path = tmp_path / "Dyadic_COW_4.0_fixed.csv"
    path.write_text("\n".join(lines) + "\n")
    with imported.connect() as connection:
        ids = connection.execute(text("SELECT MIN(id), MAX(id) FROM trade_figure")).one()
    result = import_dataset(imported, "cow-trade", path)
    rows = len(lines) - 1
    assert result.changes == {
        "inserted": 0,
        "updated": 2,
        "unchanged": 4 * rows - 2,  # 2014's smoothed figures are the file's again
        "removed": 4,
    }
    assert [row[:4] for row in _figures(imported, "USA", "CAN", 2014)] == [
        ("CAN", "USA", "unknown", None),
        ("USA", "CAN", "observed", 34606350000000),
    ]
    assert _figures(imported, "USA", "CAN", 2013) == []
    with imported.connect() as connection:  # rows were updated in place, not written anew
        assert connection.execute(text("SELECT MIN(id), MAX(id) FROM trade_figure")).one() == ids


def test_the_dyad_year_panel_carries_the_figures(imported: Engine) -> None:
    """With the COW state list, v_dyad_year holds USA's imports from Canada in 2014 (COW)."""
    from bilateral_db.imports import bundled_path

    import_dataset(imported, "cow-states", bundled_path("cow-states"))
    with imported.connect() as connection:
        row = connection.execute(
            text(
                "SELECT imports_usd_minor FROM v_dyad_year "
                "WHERE ccode1 = 2 AND ccode2 = 20 AND year = 2014"
            )
        ).one()
    assert row.imports_usd_minor == 346063 * MILLION


def test_a_superseded_code_is_compared_before_it_is_called_the_same(
    curated_engine: Engine,
) -> None:
    """In 1990 678 (North Yemen, to 21 May) and 679 (Yemen, from 22 May) are both Yemen's:
    for Nicaragua both give -9 and 0; for Iran 678 gives 0 and -9, 679 gives 1 and 24."""
    result = import_dataset(curated_engine, "cow-trade", QUIRKS)
    (finding,) = [f for f in result.findings if f.kind == "superseded_code"]
    assert finding.record == "cow 678 1990"
    assert "4 of the 8 left out differ" in finding.message  # reported and smoothed alike
    assert "IRN imports from YEM: 0 by 678, 1 kept" in finding.message
    assert "YEM imports from IRN: -9 (unknown) by 678, 24 kept" in finding.message
    assert "gives the same figures" not in finding.message
    # The 1 July code's figures are the ones stored.
    assert [(r[0], r[1], r[3]) for r in _figures(curated_engine, "IRN", "YEM", 1990)] == [
        ("IRN", "YEM", 1 * MILLION),
        ("YEM", "IRN", 24 * MILLION),
    ]


def test_816_in_1960_1975_is_filed_under_south_vietnam(curated_engine: Engine) -> None:
    """COW's 816 rows of 1960-75 are the Republic of Vietnam's trade (817 has rows to 1959)."""
    result = import_dataset(curated_engine, "cow-trade", QUIRKS)
    (finding,) = [f for f in result.findings if f.kind == "refiled_code"]
    assert finding.record == "cow 816 1960..1975"
    # US exports to South Vietnam, as the US reported them to Vietnam's importer: 675 in 1974.
    assert [(r[0], r[1], r[3]) for r in _figures(curated_engine, "USA", "XSV", 1974)] == [
        ("USA", "XSV", 9 * MILLION),
        ("XSV", "USA", 675 * MILLION),
    ]
    assert _figures(curated_engine, "USA", "VDR", 1974) == []
    # From 1976 the code is Vietnam's again, by the crosswalk (VDR until 1976-07-01).
    assert [(r[0], r[1], r[3]) for r in _figures(curated_engine, "USA", "VDR", 1976)] == [
        ("USA", "VDR", 1 * MILLION),
        ("VDR", "USA", 1 * MILLION),
    ]
