"""Names on the day an answer is about, and blocs' lines, on the bundled fixtures, both backends.

Real, cited facts (fixtures/countries.yaml, blocs.yaml, posts.yaml): Burma became Myanmar on
1989-06-18, Macedonia North Macedonia on 2019-02-12; the European Economic Community became the
European Community on 1993-11-01 and merged into the EU on 2009-12-01; the SCO replaced the
Shanghai Five on 2001-06-15; the head of the ASEAN Secretariat became the Secretary-General of
ASEAN by the Manila Protocol of July 1992.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Connection, Engine

from bilateral_db import reports
from bilateral_db.reports.names import read_names

SG = ("ASEAN", "secretary-general", None)


@pytest.fixture
def bundled(loaded_engine: Engine) -> Iterator[Connection]:
    with loaded_engine.connect() as connection:
        yield connection


def test_a_country_is_named_as_it_was_on_the_day(bundled: Connection) -> None:
    def name(code: str, day: date) -> str:
        return reports.country_profile(bundled, country=code, on=day).country.name

    assert name("MMR", date(1989, 6, 17)) == "Burma"
    assert name("MMR", date(1989, 6, 18)) == "Myanmar"
    assert name("MKD", date(2019, 2, 11)) == "Macedonia"
    assert name("MKD", date(2019, 2, 12)) == "North Macedonia"
    assert name("THA", date(2019, 2, 12)) == "Thailand"  # no dated name: its own


def test_names_fall_back_to_the_rows_own_outside_every_claim(bundled: Connection) -> None:
    names = read_names(bundled, blocs=["EC", "ASEAN"], posts=[SG])
    assert names.bloc("EC", date(1958, 1, 1), "own") == "European Economic Community"
    assert names.bloc("EC", date(1993, 10, 31), "own") == "European Economic Community"
    assert names.bloc("EC", date(1993, 11, 1), "own") == "European Community"
    assert names.bloc("EC", date(2010, 1, 1), "own") == "own"  # after its last name
    assert names.bloc("ASEAN", date(2000, 1, 1), "own") == "own"
    # Known to the month: the new title wins its whole month, the old one holds before it.
    assert names.title(SG, date(1992, 6, 30), "own") == "Secretary-General of the ASEAN Secretariat"
    assert names.title(SG, date(1992, 7, 1), "own") == "Secretary-General of ASEAN"
    assert names.title(SG, date(1975, 1, 1), "own") == "own"  # before the 1976 Agreement


def test_members_carry_the_name_of_the_day_in_rows_and_json(bundled: Connection) -> None:
    from bilateral_db.answers import to_json

    rows = reports.members_on(bundled, bloc="ASEAN", on=date(2019, 8, 1), role="member")
    assert {r.country: r.name for r in rows}["MMR"] == "Myanmar"
    # The COW IGO slice's blocs, each named as the country was that day.
    before = reports.memberships_on(bundled, member="MKD", on=date(2019, 1, 1))
    after = reports.memberships_on(bundled, member="MKD", on=date(2019, 3, 1))
    assert before and {r.name for r in before} == {"Macedonia"}
    assert after and {r.name for r in after} == {"North Macedonia"}
    [shanghai] = [
        r for r in reports.membership_timeline(bundled, member="RUS") if r.bloc == "SHANGHAI5"
    ]
    assert (shanghai.name, str(shanghai.start_date), str(shanghai.end_date)) == (
        "Russia",
        "1996-04-26",
        "2001-06-14",
    )
    assert '"name": "Myanmar"' in to_json(
        reports.members_on(bundled, bloc="ASEAN", on=date(1998, 1, 1), role="member")
    )


def test_officials_use_the_posts_title_of_the_day(bundled: Connection) -> None:
    [lim] = reports.officials_on(bundled, country="ASEAN", on=date(2019, 8, 1))
    assert (lim.person, lim.title) == ("lim-jock-hoi", "Secretary-General of ASEAN")


def test_members_follow_the_line_back_with_lineage(bundled: Connection) -> None:
    def members(bloc: str, day: date, lineage: bool) -> list[tuple[str, str]]:
        rows = reports.members_on(bundled, bloc=bloc, on=day, role="member", lineage=lineage)
        return [(r.bloc, r.country) for r in rows]

    shanghai = [("SHANGHAI5", c) for c in ("CHN", "KAZ", "KGZ", "RUS", "TJK")]
    assert members("SCO", date(2000, 1, 1), lineage=False) == []
    assert members("SCO", date(2000, 1, 1), lineage=True) == shanghai
    assert members("SCO", date(1995, 1, 1), lineage=True) == []  # before the Shanghai Five
    # From the succession on, the line is the SCO's own (Uzbekistan a founder).
    founders = [("SCO", c) for c in ("CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB")]
    assert members("SCO", date(2001, 6, 15), lineage=True) == founders
    # The EU absorbed the EC: before 2009-12-01 both lines answer, each under its code.
    both = members("EU", date(2000, 1, 1), lineage=True)
    assert ("EC", "FRA") in both and ("EU", "FRA") in both
    assert len(both) == 2 * len(members("EU", date(2000, 1, 1), lineage=False))


def test_members_say_how_many_are_listed_and_whether_the_list_is_complete(
    bundled: Connection,
) -> None:
    def lists(bloc: str, day: date, role: str | None = "member") -> set[tuple[str, int, str]]:
        rows = reports.members_on(bundled, bloc=bloc, on=day, role=role)
        return {(r.role, r.listed, r.list_status) for r in rows}

    # The G20: a source says its list is complete (nineteen countries and the EU; the AU too
    # from 2023-09-09).
    assert lists("G20", date(2019, 8, 1)) == {("member", 20, "complete")}
    assert lists("G20", date(2024, 1, 1)) == {("member", 21, "complete")}
    # BRICS is a forum no source says is listed whole: its list is incomplete.
    assert lists("BRICS", date(2019, 8, 1)) == {("member", 5, "incomplete")}
    # ASEAN admits members by accession: nothing is said either way, per role.
    assert lists("ASEAN", date(2019, 8, 1), role=None) >= {
        ("member", 10, "not_stated"),
        ("strategic_partner", 2, "not_stated"),
    }


def test_the_terminal_table_says_the_list_under_its_rows(loaded_url: str) -> None:
    from typer.testing import CliRunner

    from bilateral_db.cli import app

    def table(*arguments: str) -> str:
        result = CliRunner().invoke(app, ["report", "members", *arguments, "--db", loaded_url])
        assert result.exit_code == 0, result.output
        return result.output

    assert table("BRICS", "--on", "2019-08-01").rstrip().endswith("5 listed, list incomplete")
    assert table("G20", "--on", "2024-01-01").rstrip().endswith("21 listed, list complete")
    assert "listed" not in table("ASEAN", "--on", "2019-08-01")
    assert '"list_status": "incomplete"' in table(
        "SCO", "--on", "2000-01-01", "--lineage", "--format", "json"
    )
