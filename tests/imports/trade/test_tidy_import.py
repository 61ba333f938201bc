"""`import trade`: the tidy trade CSV (docs/trade-files.md) as one release of figures.

The sample (tests/data/datasets/comtrade/tidy_sample.csv, synthetic) holds every form the
format has: scale words, a fiscal year, a range in the mirror series, a quantity, an unknown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Engine, text

from bilateral_db.imports import ImportFileError, import_dataset

SAMPLE = DATASET_SLICES / "comtrade" / "tidy_sample.csv"
HEADER = "reporter,partner,period,flow,category,value,unit,series,source"
FIGURES = """
    SELECT COALESCE(rc.code, rb.code), COALESCE(pc.code, pb.code), tf.period_start,
           tf.period_end, tf.period_precision, tf.flow, cat.code, tf.series, tf.valuation,
           tf.value_status, tf.value_minor, tf.value_high_minor, tf.rounding_minor,
           tf.currency_code, tf.quantity_milli, tf.quantity_unit, tf.qualifier
    FROM trade_figure tf
    JOIN release r ON r.id = tf.release_id
    JOIN product_category cat ON cat.id = tf.category_id
    JOIN actor ra ON ra.id = tf.reporter_actor_id
    LEFT JOIN country rc ON rc.id = ra.country_id LEFT JOIN bloc rb ON rb.id = ra.bloc_id
    JOIN actor pa ON pa.id = tf.partner_actor_id
    LEFT JOIN country pc ON pc.id = pa.country_id LEFT JOIN bloc pb ON pb.id = pa.bloc_id
    WHERE r.slug = 'trade'
    ORDER BY 1, 2, 3, 8
"""


def _figures(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [
            tuple(str(v) if hasattr(v, "isoformat") else v for v in row)
            for row in connection.execute(text(FIGURES))
        ]


def test_every_form_of_the_sample_is_stored_as_written(curated_engine: Engine) -> None:
    result = import_dataset(curated_engine, "trade", SAMPLE)
    assert result.counts == {"trade_figure": 7, "quantity_only": 1}
    bn = 10_000_000_000  # USD 0.1 bn in cents: what "2.6 bn" is rounded to
    assert _figures(curated_engine) == [
        # asean,rus,2018,,total,all-goods,19.8 billion,,usd,approximately: codes in any case
        ("ASEAN", "RUS", "2018-01-01", "2018-12-31", "year", "total", "all-goods", "reported",
         "not_stated", "observed", 1_980_000_000_000, None, bn, "USD", None, None,
         "approximately"),
        # IND,RUS,2019-04..2020-03,fiscal_year,export,...,"3,412.5 million",,USD,,,fob
        ("IND", "RUS", "2019-04-01", "2020-03-31", "fiscal_year", "export", "all-goods",
         "reported", "fob", "observed", 341_250_000_000, None, 10_000_000, "USD", None, None,
         "exact"),
        # JPN,USA,2019,,export,all-goods,,,JPY,,,,unknown: no value, and so no currency
        ("JPN", "USA", "2019-01-01", "2019-12-31", "year", "export", "all-goods", "reported",
         "not_stated", "unknown", None, None, None, None, None, None, "exact"),
        # RUS,CHN,2018-Q1,,import,energy,500 million,,USD
        ("RUS", "CHN", "2018-01-01", "2018-03-31", "quarter", "import", "energy", "reported",
         "not_stated", "observed", 50_000_000_000, None, 100_000_000, "USD", None, None,
         "exact"),
        # RUS,CHN,2018-05,,export,hs2017:27,3.5 thousand,,tonnes: a quantity, no money value
        ("RUS", "CHN", "2018-05-01", "2018-05-31", "month", "export", "hs2017:27", "reported",
         "not_stated", "unknown", None, None, None, None, 3_500_000, "tonne", "exact"),
        # RUS,IND,2019,,total,all-goods,10 bn,11 bn,USD,approximately,mirror: a range, to 1 bn
        ("RUS", "IND", "2019-01-01", "2019-12-31", "year", "total", "all-goods", "mirror",
         "not_stated", "observed", 1_000_000_000_000, 1_100_000_000_000, 10 * bn, "USD", None,
         None, "approximately"),
        # RUS,THA,2018,,total,all-goods,2.6 bn,,USD,more_than
        ("RUS", "THA", "2018-01-01", "2018-12-31", "year", "total", "all-goods", "reported",
         "not_stated", "observed", 260_000_000_000, None, bn, "USD", None, None, "more_than"),
    ]  # fmt: skip
    cited = {(f.kind, f.record, f.line, f.message) for f in result.findings}
    assert cited == {
        ("source_cited", "example-source", 2, "7 figures cite the source"),
        ("source_cited", "other-source", 4, "1 figures cite the source"),
    }


def test_a_series_is_part_of_the_key(curated_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    path.write_text(
        f"{HEADER}\n"
        "RUS,THA,2018,total,all-goods,2.6 bn,USD,,a\n"
        "RUS,THA,2018,total,all-goods,2.9 bn,USD,mirror,a\n"
        "RUS,THA,2018,total,all-goods,2.7 bn,USD,smoothed,a\n"
    )
    import_dataset(curated_engine, "trade", path)
    assert [(row[7], row[10]) for row in _figures(curated_engine)] == [
        ("mirror", 290_000_000_000),
        ("reported", 260_000_000_000),
        ("smoothed", 270_000_000_000),
    ]


def test_a_figure_given_twice_in_one_series_is_named_by_both_lines(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        f"{HEADER}\n"
        "RUS,THA,2018,total,all-goods,2.6 bn,USD,mirror,a\n"
        "THA,RUS,2018,total,all-goods,2.6 bn,USD,mirror,a\n"
        "rus,tha,2018,total,ALL-GOODS,2.7 bn,USD,mirror,a\n"
    )
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "trade", path)
    assert f"{path}:4: the trade_figure row" in str(raised.value)
    assert "is also given on line 2" in str(raised.value)
    assert snapshot(curated_engine) == before


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("XXX,THA,2018,total,all-goods,1,USD,,a", ":2: reporter: "),
        ("RUS,THA,2018-13,total,all-goods,1,USD,,a", ":2: period: 13 is not a month (01 to 12)"),
        ("RUS,THA,2018,total,hs2017:9999,1,USD,,a", ":2: category: "),
        ("RUS,THA,2018,total,all-goods,1.005,USD,,a", ":2: value: '1.005' has more decimals"),
        ("RUS,THA,2018,total,all-goods,1,USD,raw,a", ":2: series: "),
    ],
)
def test_a_bad_cell_is_named_by_line_and_column_and_nothing_is_written(
    curated_engine: Engine, tmp_path: Path, snapshot, row: str, problem: str
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(f"{HEADER}\n{row}\nRUS,THA,2017,total,all-goods,1,USD,,a\n")
    before = snapshot(curated_engine)
    with pytest.raises(ImportFileError) as raised:
        import_dataset(curated_engine, "trade", path)
    assert f"{path}{problem}" in str(raised.value)
    assert snapshot(curated_engine) == before


def test_the_same_file_again_changes_nothing_and_a_changed_one_merges(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    import_dataset(curated_engine, "trade", SAMPLE)
    state = snapshot(curated_engine)
    assert not import_dataset(curated_engine, "trade", SAMPLE).changed
    assert snapshot(curated_engine) == state
    changed = tmp_path / "changed.csv"
    lines = SAMPLE.read_text().splitlines()
    lines[1] = lines[1].replace("2.6 bn", "2.7 bn")
    changed.write_text("\n".join(lines[:-1]) + "\n")  # the last (JPN) row left out
    result = import_dataset(curated_engine, "trade", changed)
    assert result.changes == {"inserted": 0, "updated": 1, "unchanged": 5, "removed": 1}
