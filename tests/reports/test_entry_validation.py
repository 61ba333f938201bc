"""The Python API checks its arguments: unknown codes raise UnknownCode with close matches,
dates must be dates, pages must be counts. Reports take values as the answers layer reads them
(codes upper-case, slugs and vocabulary lower-case) and normalise nothing themselves."""

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
            "THX: no such country or bloc; did you mean THA?",
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


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda s: reports.members_on(s, bloc="asean", on=date(2019, 8, 1)),
            "asean: no such bloc; did you mean ASEAN?",
        ),
        (
            lambda s: reports.members_on(
                s, bloc="ASEAN", on=date(2019, 8, 1), role="Dialogue-Partner"
            ),
            "Dialogue-Partner: no such role; did you mean dialogue_partner",
        ),
        (
            lambda s: reports.officials_on(s, country="tha", on=date(2019, 8, 1)),
            "tha: no such country or bloc; did you mean THA?",
        ),
        (
            lambda s: reports.officials_on(
                s, country="THA", on=date(2019, 8, 1), post="Foreign-Minister"
            ),
            "Foreign-Minister: no such post; did you mean foreign-minister or prime-minister?",
        ),
        (
            lambda s: reports.terms_of(s, person="Sergey-Lavrov"),
            "Sergey-Lavrov: no such person; did you mean sergey-lavrov?",
        ),
        (lambda s: reports.trade_between(s, a="rus", b="THA"), "did you mean RUS"),
        (
            lambda s: reports.disagreements(s, kind="Membership"),
            "Membership: no such kind; did you mean membership?",
        ),
    ],
)
def test_values_are_taken_as_given(world, call, message: str) -> None:
    """The answers layer normalises what users type; a Python caller is told what to write."""
    with pytest.raises(UnknownCode) as raised:
        call(world.session)
    assert message in str(raised.value)


def test_canonical_values_answer(world) -> None:
    day = date(2019, 8, 1)
    rows = reports.members_on(world.session, bloc="ASEAN", on=day, role="dialogue_partner")
    assert [row.country for row in rows] == ["EU", "RUS"]
    rows = reports.officials_on(world.session, country="THA", on=day, post="foreign-minister")
    assert [row.person for row in rows] == ["don-pramudwinai"]
    assert [row.post for row in reports.terms_of(world.session, person="sergey-lavrov")] == [
        "foreign-minister"
    ]


@pytest.mark.parametrize(
    ("page", "error", "message"),
    [
        ({"limit": -1}, ValueError, "limit must be 0 or more, not -1"),
        ({"offset": -5}, ValueError, "offset must be 0 or more, not -5"),
        ({"limit": "10"}, TypeError, "limit must be an int count of rows, not str"),
        ({"offset": True}, TypeError, "offset must be an int count of rows, not bool"),
    ],
)
def test_pages_are_counts(world, page: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        reports.list_countries(world.session, **page)
