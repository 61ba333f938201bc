"""Meetings in series, with an ordinal in each, on the bundled fixtures, both backends.

Real, cited facts (fixtures/meeting_series.yaml, meetings.yaml): the 52nd ASEAN Foreign
Ministers' Meeting (Bangkok, 2019), the 5th Eastern Economic Forum (Vladivostok, 2019), the
1st, 2nd and 3rd ASEAN-Russia Summits (2005, 2010, 2018); the 2016 Sochi meeting is recorded
as a commemorative summit outside the numbering.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine

from bilateral_db import reports
from bilateral_db.fixtures import FixtureErrors, read_fixture_set


@pytest.fixture
def bundled(loaded_engine: Engine) -> Iterator[Connection]:
    with loaded_engine.connect() as connection:
        yield connection


def _series(connection: Connection, slug: str) -> list[tuple[str, int | None, str | None]]:
    detail = reports.meeting_detail(connection, slug=slug)
    return [(row.series, row.ordinal, row.bloc) for row in detail.series]


def test_a_meeting_lists_its_series_and_its_ordinal_there(bundled: Connection) -> None:
    assert _series(bundled, "amm-52") == [("asean-foreign-ministers-meeting", 52, "ASEAN")]
    assert _series(bundled, "eef-2019") == [("eastern-economic-forum", 5, None)]
    assert [_series(bundled, f"asean-russia-summit-{year}") for year in (2005, 2010, 2018)] == [
        [("asean-russia-summit", n, "ASEAN")] for n in (1, 2, 3)
    ]
    assert _series(bundled, "asean-russia-summit-2016") == []
    # The old ordinal stays as the files wrote it.
    assert reports.meeting_detail(bundled, slug="amm-52").meeting.ordinal == 52


def test_status_and_invitations_are_empty_where_no_source_gives_them(
    bundled: Connection,
) -> None:
    detail = reports.meeting_detail(bundled, slug="eef-2019")
    assert detail.meeting.status is None
    assert {row.invited_on for row in detail.participants} == {None}
    assert {row.status for row in detail.participants} >= {"invited", "attended"}


def test_bad_series_statuses_and_invitations_are_refused_by_field(
    small_fixtures: Any,
) -> None:
    def errors() -> dict[tuple[str, int, str | None], str]:
        with pytest.raises(FixtureErrors) as raised:
            read_fixture_set([small_fixtures.path])
        return {(Path(e.file).name, e.line, e.field): e.message for e in raised.value.errors}

    small_fixtures.replace(
        "meetings.yaml", "- slug: amm-52\n", "- slug: amm-52\n  status: adjourned\n"
    )
    small_fixtures.replace(
        "meetings.yaml", "{person: sergey-lavrov,", "{invited: 2019-13, person: sergey-lavrov,"
    )
    lavrov = small_fixtures.line_of("meetings.yaml", "{invited: 2019-13")
    assert errors() == {
        ("meetings.yaml", 2, "status"): "'adjourned' is not one of: held, postponed, cancelled "
        "(a source's own term is added in vocabularies.yaml, under meeting_status)",
        ("meetings.yaml", lavrov, "invited"): "'2019-13' is not a real date (month must be in "
        "1..12)",
    }
    small_fixtures.replace("meetings.yaml", "status: adjourned", "series: [amm]")
    small_fixtures.replace("meetings.yaml", "invited: 2019-13", "invited: 2019-07")
    [(where, message)] = errors().items()
    assert where == ("meetings.yaml", 2, "series") and "amm" in message


def test_agreements_carry_their_signing_city_and_entry_into_force(bundled: Connection) -> None:
    """The Treaty of Rome (signed in Rome 1957-03-25, in force 1958-01-01), the Maastricht
    Treaty (1992-02-07, in force 1993-11-01), the Treaty on the Eurasian Economic Union
    (Astana, 2014-05-29, in force 2015-01-01); the ASEAN Declaration gives neither."""

    def signed(slug: str) -> tuple[str | None, str | None, str | None]:
        row = reports.agreement_report(bundled, slug=slug).agreement
        return (str(row.signed_on), row.signed_in, str(row.in_force_on))

    assert signed("treaty-of-rome-eec") == ("1957-03-25", "rome", "1958-01-01")
    assert signed("maastricht-treaty") == ("1992-02-07", "maastricht", "1993-11-01")
    assert signed("eaeu-treaty") == ("2014-05-29", "astana", "2015-01-01")
    assert signed("asean-declaration") == ("1967-08-08", None, "None")
