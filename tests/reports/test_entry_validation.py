"""The Python API checks its arguments as the CLI does: unknown codes raise UnknownCode with
close matches, dates must be dates, and case does not matter."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bilateral_db import reports
from bilateral_db.reports import UnknownCode


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda s: reports.members_on(s, bloc="ASEN", on=date(2019, 1, 1)),
            "ASEN: no such bloc; did you mean ASEAN?",
        ),
        (
            lambda s: reports.officials_on(s, country="THX", on=date(2019, 1, 1)),
            "THX: no such country; did you mean THA?",
        ),
        (
            lambda s: reports.officials_on(
                s, country="THA", on=date(2019, 1, 1), post="foreign-ministr"
            ),
            "foreign-ministr: no such post; did you mean foreign-minister",
        ),
        (lambda s: reports.terms_of(s, person="sergey-lavrof"), "did you mean sergey-lavrov?"),
        (
            lambda s: reports.find_meetings(s, topic="counter-terrorsm"),
            "did you mean counter-terrorism?",
        ),
        (
            lambda s: reports.trade_between(s, a="RUS", b="THA", category="all-good"),
            "all-good: no such product category",
        ),
        (
            lambda s: reports.meeting_detail(s, slug="amm-25"),
            "amm-25: no such meeting; did you mean amm-52?",
        ),
        (
            lambda s: reports.country_profile(s, country="THX", on=date(2019, 1, 1)),
            "did you mean THA?",
        ),
        (lambda s: reports.dyad_report(s, a="RUS", b="ASEN"), "ASEN: no such country or bloc"),
        (
            lambda s: reports.members_on(s, bloc="ASEAN", on=date(2019, 1, 1), role="membr"),
            "membr: no such role; did you mean member?",
        ),
    ],
)
def test_unknown_codes_raise(world, call, message: str) -> None:
    with pytest.raises(UnknownCode) as raised:
        call(world.session)
    assert message in str(raised.value)


def test_known_codes_with_no_rows_are_an_empty_answer(world) -> None:
    assert reports.members_on(world.session, bloc="ASEAN", on=date(1900, 1, 1)) == []
    assert (
        reports.trade_between(world.session, a="RUS", b="THA", year_from=1900, year_to=1901) == []
    )


@pytest.mark.parametrize("value", ["1990-01-01", datetime(1990, 1, 1), 1990])
def test_untyped_dates_are_refused(world, value: object) -> None:
    with pytest.raises(TypeError, match=r"on must be a datetime.date, not \w+"):
        reports.members_on(world.session, bloc="ASEAN", on=value)  # type: ignore[arg-type]


def test_years_must_be_ints(world) -> None:
    with pytest.raises(TypeError, match="year_from must be an int year, not str"):
        reports.trade_between(world.session, a="RUS", b="THA", year_from="2018")  # type: ignore[arg-type]


def test_reversed_ranges_are_refused(world) -> None:
    with pytest.raises(ValueError, match=r"date_from \(2020-01-01\) is after date_to"):
        reports.find_meetings(world.session, date_from=date(2020, 1, 1), date_to=date(2010, 1, 1))


def test_case_does_not_matter(world) -> None:
    day = date(2019, 8, 1)
    assert reports.members_on(world.session, bloc="asean", on=day, role="Dialogue-Partner") == (
        reports.members_on(world.session, bloc="ASEAN", on=day, role="dialogue_partner")
    )
    upper = reports.officials_on(world.session, country="tha", on=day, post="Foreign-Minister")
    assert [row.person for row in upper] == ["don-pramudwinai"]
    assert reports.terms_of(world.session, person="Sergey-Lavrov")
