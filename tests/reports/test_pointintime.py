"""The SQL point-in-time rule agrees with bilateral_db.core.dates on both backends."""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import Date, String, literal, select
from sqlalchemy.orm import Session

from bilateral_db.core import dates
from bilateral_db.reports.pointintime import covers, covers_last_day, period_end_exclusive

DAYS = [date(2019, 12, 31), date(2020, 1, 1), date(2020, 2, 29), date(2020, 3, 1)]
ENDS = [
    (None, None),
    (date(2020, 1, 1), "day"),
    (date(2020, 2, 1), "month"),
    (date(2019, 1, 1), "year"),
    (date(2020, 12, 1), "month"),
]
STARTS = [None, date(2019, 12, 31), date(2020, 1, 1), date(2020, 3, 1)]


def _value(value: object, type_: object) -> object:
    return literal(value, type_)


def test_period_end_exclusive_matches_python(session: Session) -> None:
    cases = [
        (date(2019, 12, 1), "month"),
        (date(2020, 1, 31), "day"),
        (date(2020, 2, 1), "month"),
        (date(2019, 1, 1), "year"),
        (date(2020, 2, 29), "day"),
    ]
    got = session.execute(
        select(
            *(
                period_end_exclusive(literal(value, Date), literal(precision, String))
                for value, precision in cases
            )
        )
    ).one()
    expected = [dates.period_end_exclusive(value, precision) for value, precision in cases]
    assert [date.fromisoformat(str(v)) for v in got] == expected


def test_covers_matches_python_on_every_combination(session: Session) -> None:
    combos = list(itertools.product(STARTS, ENDS, DAYS))
    expressions = [
        covers(_value(start, Date), _value(end, Date), _value(precision, String), day)
        for start, (end, precision), day in combos
    ]
    got = session.execute(select(*expressions)).one()
    expected = [dates.covers(start, end, precision, day) for start, (end, precision), day in combos]
    assert [bool(v) if v is not None else False for v in got] == expected


def test_covers_last_day_is_covers_of_the_day_before(session: Session) -> None:
    combos = list(itertools.product(STARTS, ENDS, DAYS))
    expressions = [
        covers_last_day(_value(start, Date), _value(end, Date), _value(precision, String), day)
        for start, (end, precision), day in combos
    ]
    got = session.execute(select(*expressions)).one()
    expected = [
        dates.covers(start, end, precision, date.fromordinal(day.toordinal() - 1))
        for start, (end, precision), day in combos
    ]
    assert [bool(v) if v is not None else False for v in got] == expected
