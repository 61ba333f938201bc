"""The tidy trade CSV: values with scale words and their rounding, periods, ranges, errors by
file, line and the file's own column names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pycountry
import pytest
from conftest import DATASET_SLICES

from bilateral_db.core.vocabulary import Qualifier, TradeFlow, Valuation, ValueStatus
from bilateral_db.imports import ImportFileError
from bilateral_db.imports.trade_files import TidyReader, TidyRow

SAMPLE = DATASET_SLICES / "comtrade" / "tidy_sample.csv"
HEADER = "reporter,partner,period,flow,category,value,unit,source\n"
BILLION = 10**9 * 100  # a billion US dollars in cents


def _read(path: Path, **options: object) -> list[TidyRow]:
    return list(TidyReader(path, **options).rows())  # type: ignore[arg-type]


def _problems(tmp_path: Path, text: str, **options: object) -> list[tuple[int, str | None, str]]:
    path = tmp_path / "figures.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    with pytest.raises(ImportFileError) as caught:
        _read(path, **options)
    assert all(problem.file == str(path) for problem in caught.value.problems)
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_sample_rows_are_exact_with_the_rounding_of_their_written_form() -> None:
    thailand, asean, india, range_, quarter, tonnes, unknown = _read(SAMPLE)
    # "2.6 bn" USD: 2.6e9 dollars in cents, rounded to USD 0.1 bn
    assert (thailand.value_minor, thailand.rounding) == (26 * BILLION // 10, BILLION // 10)
    assert thailand.qualifier is Qualifier.MORE_THAN and thailand.series == "reported"
    assert (thailand.flow, thailand.category, thailand.status) == (
        TradeFlow.TOTAL,
        "all-goods",
        ValueStatus.OBSERVED,
    )
    # codes in any case; "19.8 billion" is 19.8 bn to the 0.1 bn
    assert (asean.reporter, asean.partner, asean.currency) == ("ASEAN", "RUS", "USD")
    assert (asean.value_minor, asean.rounding) == (198 * BILLION // 10, BILLION // 10)
    # India's fiscal year 2019-20, a thousands separator, USD 0.1 million, two sources
    assert (india.period.start, india.period.end, india.period.precision) == (
        date(2019, 4, 1),
        date(2020, 3, 31),
        "fiscal_year",
    )
    assert (india.value_minor, india.rounding) == (341_250_000_000, 10_000_000)
    assert india.valuation is Valuation.FOB
    assert india.sources == ("example-source", "other-source")
    # a range of the mirror series, each end to the billion
    assert (range_.value_minor, range_.value_high_minor, range_.rounding) == (
        10 * BILLION,
        11 * BILLION,
        BILLION,
    )
    assert range_.series == "mirror"
    # a quarter; "500 million" to the million
    assert (str(quarter.period), quarter.period.end) == ("2018-Q1", date(2018, 3, 31))
    assert (quarter.value_minor, quarter.rounding) == (500 * 10**8, 10**8)
    # a quantity: 3.5 thousand tonnes in thousandths of a tonne, to the hundred tonnes
    assert (tonnes.quantity_unit, tonnes.quantity_milli, tonnes.rounding) == (
        "tonne",
        3_500_000,
        100_000,
    )
    assert tonnes.value_minor is None and tonnes.currency is None
    # empty is not zero: an unknown value, said so
    assert (unknown.status, unknown.amount, unknown.currency) == (
        ValueStatus.UNKNOWN,
        None,
        "JPY",
    )


@pytest.mark.parametrize(
    ("value", "unit", "units", "rounding"),
    [
        ("2600000000", "USD", 260_000_000_000, 100),
        ("2600000000.10", "USD", 260_000_000_010, None),
        ("2,600,000,000", "USD", 260_000_000_000, 100),
        ("2.6bn", "USD", 260_000_000_000, 10**10),
        ("19.8 billion", "USD", 1_980_000_000_000, 10**10),
        ("500 million", "USD", 50_000_000_000, 10**8),
        ("1.25 trillion", "USD", 125 * 10**12, 10**12),
        ("750 k", "EUR", 75_000_000, 10**5),
        ("1.5 bn", "JPY", 1_500_000_000, 10**8),  # the yen has no minor unit
        ("0", "USD", 0, 100),
        ("12.345", "BHD", 12_345, None),  # three decimals: the dinar's fils
    ],
)
def test_written_values(tmp_path: Path, value: str, unit: str, units: int, rounding: int) -> None:
    path = tmp_path / "one.csv"
    path.write_text(HEADER + f'RUS,THA,2018,total,all-goods,"{value}",{unit},src\n', "utf-8")
    (row,) = _read(path)
    assert (row.amount, row.rounding, row.currency) == (units, rounding, unit)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1e30", "is not a number"),
        ("-5", "is not a number"),
        ("NaN", "is not a number"),
        ("1_000", "is not a number"),
        ("1,5", "is not a number"),
        ("0x10", "is not a number"),
        ("١٢٣", "is not a number"),
        ("2.6 zillion", "is not a scale word"),
        ("1.005", "more decimals than USD has"),
        ("99999999999999999999 bn", "too large"),
    ],
)
def test_bad_values_name_line_and_column(tmp_path: Path, value: str, fragment: str) -> None:
    text = HEADER + "RUS,THA,2018,total,all-goods,1,USD,src\n"
    text += f'RUS,CHN,2018,total,all-goods,"{value}",USD,src\n'
    ((line, column, message),) = _problems(tmp_path, text)
    assert (line, column) == (3, "value") and fragment in message


def test_problems_use_the_files_own_column_names(tmp_path: Path) -> None:
    text = "Reporter,Partner,Period,Flow,Category,Value,Unit,Source\n"
    text += "RUS,RUS,2018-13,total,all goods,1,USD,src\n"
    assert [(line, column) for line, column, _ in _problems(tmp_path, text)] == [
        (2, "Partner"),
        (2, "Period"),
        (2, "Category"),
    ]


def test_unknown_codes_and_columns(tmp_path: Path) -> None:
    actors = {country.alpha_3 for country in pycountry.countries} | {"ASEAN"}
    text = HEADER.replace("source\n", "source,vlaue_high\n")
    problems = _problems(tmp_path, text + "RUS,QZZ,2018,total,all-goods,1,USD,src,\n")
    assert [(line, column) for line, column, _ in problems] == [(1, "vlaue_high")]
    problems = _problems(
        tmp_path, HEADER + "RUS,QZZ,2018,total,all-goods,1,XYZ,src\n", actors=actors
    )
    assert [(line, column) for line, column, _ in problems] == [(2, "partner"), (2, "unit")]
    assert "QZZ is not a country, bloc or region of the database" in problems[0][2]
    assert "neither an ISO 4217 currency" in problems[1][2]


@pytest.mark.parametrize(
    ("period", "kind", "fragment"),
    [
        ("2019-04..2020-03", "", None),
        ("2019-04..2020-03", "fiscal_year", None),
        ("2019-04-01..2019-07-31", "", None),
        ("2016..2020", "", None),
        ("2019-04..2021-03", "fiscal_year", "too long"),
        ("2020-03..2019-04", "", "before it starts"),
        ("2019-04..2020-03-31", "", "written alike"),
        ("2018", "month", "is a year, not a month"),
        ("2018-02-30..2018-03-01", "", "not a real date"),
        ("2019-07-01", "", "is a day"),
        ("2019-Q5", "", "is not a period"),
        ("0000", "", "out of range"),
        ("2018", "fiscal_year", "first and last month"),
    ],
)
def test_periods(tmp_path: Path, period: str, kind: str, fragment: str | None) -> None:
    header = HEADER.replace("source\n", "source,period_kind\n")
    text = header + f"RUS,THA,{period},total,all-goods,1,USD,src,{kind}\n"
    if fragment is None:
        path = tmp_path / "ok.csv"
        path.write_text(text, encoding="utf-8")
        (row,) = _read(path)
        assert row.period.precision == (kind or "span")
        return
    ((line, column, message),) = _problems(tmp_path, text)
    assert (line, column) == (2, "period") and fragment in message, message


def test_status_range_and_vocabulary_problems(tmp_path: Path) -> None:
    header = "reporter,partner,period,flow,category,value,value_high,unit,status,qualifier,"
    header += "series,source\n"
    rows = [
        "RUS,THA,2018,total,all-goods,,,USD,,,,src",  # empty value, no status
        "RUS,THA,2018,total,all-goods,5,,USD,unknown,,,src",  # value and unknown
        "RUS,THA,2018,total,all-goods,5 bn,4 bn,USD,,,,src",  # range downward
        "RUS,THA,2018,total,all-goods,,4 bn,USD,unknown,,,src",  # range without its low end
        "RUS,THA,2018,sideways,all-goods,5,,USD,,roughly,smoothish,",
    ]
    problems = _problems(tmp_path, header + "\n".join(rows) + "\n")
    assert [(line, column) for line, column, _ in problems] == [
        (2, "value"),
        (3, "value"),
        (4, "value_high"),
        (5, "value_high"),
        (6, "flow"),
        (6, "qualifier"),
        (6, "series"),
        (6, "source"),
    ]
