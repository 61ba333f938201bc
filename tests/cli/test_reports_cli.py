"""`bilateral-db report …` on the small world: JSON contract, formats, --cite, errors, plots."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import DATASET_SLICES
from typer.testing import CliRunner

from bilateral_db.cli import app

runner = CliRunner()


def run(world_url: str, *args: str) -> str:
    result = runner.invoke(app, ["report", *args, "--db", world_url])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_members_json_contract(world_url: str) -> None:
    rows = json.loads(
        run(world_url, "members", "ASEAN", "--on", "1990-01-01", "--role", "member", "-f", "json")
    )
    assert [row["country"] for row in rows] == ["BRN", "IDN", "MYS", "PHL", "SGP", "THA"]
    assert rows[0] == {
        "country": "BRN",
        "name": "Brunei Darussalam",
        "role": "member",
        "start_date": "1984-01-07",
        "end_date": None,
        "end_status": "ongoing",
        "member_kind": "country",
        "bloc": "ASEAN",
        "source": "curated",
        "sources": ["test-source"],
        "disputed": False,
        "disputed_by": [],
        "uncertain": False,
        "preferred": True,
        "covered": True,
        "confidence": "stated",
        "note": None,
        "listed": 6,  # ASEAN's members that day; no source says whether the list is whole
        "list_status": "not_stated",
    }


def test_members_lists_members_by_default_and_any_role_on_request(world_url: str) -> None:
    default = json.loads(run(world_url, "members", "ASEAN", "--on", "2019-08", "-f", "json"))
    assert {row["role"] for row in default} == {"member"}
    grouped = run(world_url, "members", "ASEAN", "--on", "2019-08", "--role", "any")
    # The terminal table is split by role, each part titled with the role and its count.
    assert "dialogue partner (2)" in grouped and "member (8)" in grouped


def test_members_dates_print_at_their_precision(world_url: str) -> None:
    rows = json.loads(
        run(world_url, "members", "ASEAN", "--on", "2019-08", "--role", "any", "-f", "json")
    )
    by_role = {(row["country"], row["role"]): row for row in rows}
    assert by_role[("RUS", "dialogue_partner")]["start_date"] == "1996-07"
    assert by_role[("THA", "chair")]["start_date"] == "2019"
    assert by_role[("THA", "chair")]["end_date"] == "2019"
    assert by_role[("EU", "dialogue_partner")]["country"] == "EU"


def test_officials_json_contract(world_url: str) -> None:
    rows = json.loads(
        run(
            world_url,
            "officials",
            "THA",
            "--on",
            "2019-08-01",
            "--post",
            "foreign-minister",
            "-f",
            "json",
        )
    )
    assert rows == [
        {
            "person": "don-pramudwinai",
            "name": "Don Pramudwinai",
            "country": "THA",
            "post": "foreign-minister",
            "accredited_to": None,
            "title": "Foreign Minister",
            "capacity": "full",
            "start_date": "2015-08-19",
            "end_date": "2023-09-01",
            "end_status": "ended",
            "source": "curated",
            "sources": ["test-source"],
            "disputed": False,
            "disputed_by": [],
            "uncertain": False,
            "preferred": True,
            "covered": True,
            "confidence": "stated",
            "note": None,
            # The term's events as its source gives them (this one only its start).
            "appointed_on": None,
            "arrived_on": None,
            "started_on": "2015-08-19",
            "end_reason": None,
            "end_note": None,
        }
    ]


def test_trade_json_contract_exact_numbers(world_url: str) -> None:
    output = run(world_url, "trade", "RUS", "THA", "--category", "all-goods", "-f", "json")
    rows = json.loads(output, parse_float=str)
    row = next(r for r in rows if r["year"] == 2018 and r["reporter"] == "RUS")
    assert {key: row[key] for key in ("year", "reporter", "partner", "flow", "category")} == {
        "year": 2018,
        "reporter": "RUS",
        "partner": "THA",
        "flow": "total",
        "category": "all-goods",
    }
    assert (row["value"], row["currency"], row["change_pct"]) == ("300000000.00", "USD", "20.00")
    assert (row["reported_change_pct"], row["basis"]) == ("17.00", "reported")
    assert row["source"] == "curated"  # every figure says where it comes from
    assert '"value": 300000000.00' in output


def test_trade_csv_with_cite(world_url: str) -> None:
    output = run(world_url, "trade", "RUS", "THA", "--from", "2018", "-f", "csv", "--cite")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [(r["year"], r["reporter"], r["category"]) for r in rows] == [
        ("2018", "RUS", "agriculture"),
        ("2018", "RUS", "all-goods"),
        ("2018", "THA", "all-goods"),
    ]
    assert rows[0]["reported_change_pct"] == "39.00"
    assert rows[0]["value"] == ""
    # The figure and the reported change are cited separately (each with its own locator).
    assert rows[1]["citations"] == "test-source; test-source"


def test_meetings_filters_and_markdown(world_url: str) -> None:
    output = run(
        world_url, "meetings", "--country", "RUS", "--from", "2019-07-30", "-f", "markdown"
    )
    assert output.splitlines()[0].startswith("| slug | name | kind | start_date")
    assert "| amm-52 |" in output and "| lavrov-don-talks-2019 |" in output
    assert "eef-2019" not in output


def test_meeting_in_full_json(world_url: str) -> None:
    data = json.loads(run(world_url, "meeting", "amm-52", "-f", "json"))
    assert set(data) == {
        "meeting",
        "participants",
        "children",
        "topics",
        "sources",
        "series",
        "pledges",
    }
    assert data["pledges"] == []
    assert data["meeting"][0]["ordinal"] == 52
    assert [c["slug"] for c in data["children"]] == ["lavrov-don-talks-2019"]
    # Nested dates print at their precision, not as the dataclass's fields.
    assert {s["source"]: s["published"] for s in data["sources"]} == {"test-source": "2019-07-31"}
    assert [(p["actor"], p["role"], p["status"]) for p in data["participants"]] == [
        ("THA", "chair", "attended"),
        ("RUS", "guest", "attended"),
    ]


def test_agreement_claims_side_by_side(world_url: str) -> None:
    data = json.loads(run(world_url, "agreement", "asean-russia-cpa-2016-2020", "-f", "json"))
    claims = {claim["slug"]: claim for claim in data["progress"]}
    assert claims["cpa-more-than-60"]["share_pct"] == 60.0
    assert (claims["cpa-79-of-139"]["achieved"], claims["cpa-79-of-139"]["total"]) == (79, 139)


def test_dyad_and_country_reports(world_url: str) -> None:
    dyad = json.loads(run(world_url, "dyad", "RUS", "ASEAN", "-f", "json"))
    assert (dyad["a"], dyad["b"]) == ("RUS", "ASEAN")
    assert [m["role"] for m in dyad["partner_memberships"]] == [
        "dialogue_partner",
        "strategic_partner",
    ]
    country = json.loads(run(world_url, "country", "THA", "--on", "2019-08-01", "-f", "json"))
    assert country["on"] == "2019-08-01"
    assert [o["person"] for o in country["officials"]] == ["don-pramudwinai", "prayut-chan-o-cha"]


def test_table_output_is_the_default(world_url: str) -> None:
    output = run(world_url, "terms", "sergey-lavrov")
    lines = output.splitlines()
    assert lines[0].split() == [
        "person",
        "name",
        "of",
        "post",
        "to",
        "title",
        "capacity",
        "start",
        "date",
        "end",
        "date",
        "source",
    ]
    assert set(lines[1]) == {"─"}
    assert "sergey-lavrov" in lines[2] and "2004-03-09" in lines[2]
    assert "\x1b[" not in output  # piped output is unstyled


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["members", "ASEN"], "ASEN: no such bloc; did you mean ASEAN?"),
        (["officials", "THX"], "THX: no such country or bloc; did you mean THA?"),
        (["terms", "sergey-lavrof"], "sergey-lavrof: no such person; did you mean sergey-lavrov?"),
        (["meeting", "amm-25"], "amm-25: no such meeting; did you mean amm-52?"),
        (["trade", "RUS", "ASEN"], "ASEN: no such country or bloc; did you mean ASEAN?"),
    ],
)
def test_unknown_codes_suggest_close_matches(world_url: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["report", *args, "--db", world_url])
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())


def test_bad_date_is_a_usage_error(world_url: str) -> None:
    result = runner.invoke(
        app, ["report", "members", "ASEAN", "--on", "1990-13-01", "--db", world_url]
    )
    assert result.exit_code == 2
    assert "--on" in result.output


def test_plots(world_url: str, tmp_path: Path) -> None:
    trade_png, members_png = tmp_path / "trade.png", tmp_path / "members.png"
    run(world_url, "trade", "RUS", "ASEAN", "--plot", str(trade_png))
    run(world_url, "members", "ASEAN", "--plot", str(members_png))
    for path in (trade_png, members_png):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unmigrated_database_is_a_clear_error(empty_database_url: str) -> None:
    result = runner.invoke(app, ["report", "members", "ASEAN", "--db", empty_database_url])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    # An empty SQLite path is no database yet; an empty PostgreSQL database needs migrating.
    assert "quickstart" in message or ("is not migrated" in message and "db upgrade" in message)


# --- the same commands on the bundled fixtures --------------------------------------------


def test_bundled_members_json(loaded_url: str) -> None:
    rows = json.loads(
        run(loaded_url, "members", "ASEAN", "--on", "2019-08-01", "--role", "member", "-f", "json")
    )
    assert [row["country"] for row in rows] == [
        "BRN",
        "IDN",
        "KHM",
        "LAO",
        "MMR",
        "MYS",
        "PHL",
        "SGP",
        "THA",
        "VNM",
    ]
    assert {row["end_date"] for row in rows} == {None}
    early = json.loads(
        run(loaded_url, "members", "ASEAN", "--on", "1990-01-01", "--role", "member", "-f", "json")
    )
    assert len(early) == 6


def test_bundled_officials_json(loaded_url: str) -> None:
    rows = json.loads(
        run(
            loaded_url,
            "officials",
            "THA",
            "--on",
            "2019-08-01",
            "--post",
            "foreign-minister",
            "-f",
            "json",
        )
    )
    assert [(r["person"], r["name"], r["post"], r["start_date"]) for r in rows] == [
        ("don-pramudwinai", "Don Pramudwinai", "foreign-minister", "2015-08-19")
    ]


def test_bundled_trade_json_with_cite(loaded_url: str) -> None:
    rows = json.loads(
        run(loaded_url, "trade", "RUS", "THA", "-f", "json", "--cite"), parse_float=str
    )
    total = next(
        r for r in rows if (r["year"], r["category"], r["reporter"]) == (2018, "all-goods", "RUS")
    )
    assert (
        total["value"],
        total["currency"],
        total["change_pct"],
        total["reported_change_pct"],
    ) == (
        "2600000000.00",
        "USD",
        None,
        "17.00",
    )
    assert "sputnik-2019-07-31-asean-russia" in {s["source"] for s in total["citations"]}


def test_a_name_given_for_a_code_is_read_as_its_code(world_url: str) -> None:
    """`Thailand` where a code is expected is THA; a misspelt name gets suggestions."""
    by_code = runner.invoke(app, ["report", "dyad", "THA", "RUS", "-f", "json", "--db", world_url])
    by_name = runner.invoke(
        app, ["report", "dyad", "Thailand", "RUS", "-f", "json", "--db", world_url]
    )
    assert by_name.exit_code == 0, by_name.output
    assert by_name.output == by_code.output and '"THA"' in by_code.output
    both_named = runner.invoke(
        app, ["report", "dyad", "Thailand", "russian federation", "-f", "json", "--db", world_url]
    )
    assert both_named.exit_code == 0, both_named.output
    assert both_named.output == by_code.output  # each name read as its code in turn
    officials = runner.invoke(app, ["report", "officials", "thailand", "--db", world_url])
    assert officials.exit_code == 0, officials.output
    misspelt = runner.invoke(app, ["report", "officials", "Thailnd", "--db", world_url])
    assert misspelt.exit_code == 1
    assert "THAILND: no such country or bloc; did you mean THA" in " ".join(misspelt.output.split())


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["members", "ASEAN", "--date", "2020"], "--on"),
        (["members", "ASEAN", "--fromat", "json"], "--format"),
        (["trade", "RUS", "THA", "--since", "2000"], "--from"),
    ],
)
def test_an_unknown_option_suggests_the_one_meant(args: list[str], meant: str) -> None:
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 2
    assert f"(Possible options: {meant})" in result.output


# --- where numbers come from, and where a source is silent (bundled data, real slices) -------


def test_cite_gives_the_cow_trade_release_of_figures_and_sums(curated_url: str) -> None:
    """COW trade rows, stated or summed over a bloc's members, cite the release: title,
    version, citation and the hash of the very file imported."""
    import hashlib

    path = DATASET_SLICES / "cow_trade_slice.csv.gz"
    imported = runner.invoke(app, ["import", "cow-trade", str(path), "--db", curated_url])
    assert imported.exit_code == 0, imported.output
    pair = json.loads(
        run(curated_url, "trade", "USA", "CAN", "--from", "2014", "--cite", "-f", "json")
    )
    sums = json.loads(
        run(
            curated_url,
            "trade",
            "RUS",
            "ASEAN",
            "--from",
            "2014",
            "--to",
            "2014",
            "--cite",
            "-f",
            "json",
        )
    )
    # 2,20,2014,346063,276158: the USA's imports from Canada; 365,800,2014,2232,3716.
    usa = next(row for row in pair if (row["reporter"], row["year"]) == ("USA", 2014))
    russia = next(row for row in sums if row["reporter"] == "RUS")
    assert (usa["value"], usa["source"]) == (346063 * 10**6, "cow-trade-4.0")
    assert (russia["value"], russia["basis"], russia["members"]) == (
        2232 * 10**6,
        "sum_of_members",
        1,
    )
    for row in (usa, russia):
        (cited,) = row["citations"]
        assert (cited["source"], cited["version"], cited["file"]) == (
            "cow-trade-4.0",
            "4.0",
            "cow_trade_slice.csv.gz",
        )
        assert cited["citation"].startswith("Barbieri")
        assert cited["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_silent_source_reads_not_covered(loaded_url: str) -> None:
    """Archigos ends on 2015-12-31 and COW IGO in 2014: on later days they say nothing."""
    leader = run(loaded_url, "officials", "USA", "--on", "2019-08-01", "--source", "archigos-4.1")
    assert re.search(r"^\s+not covered\s+USA\s+leader\s.*archigos-4\.1$", leader, re.M)
    members = run(loaded_url, "members", "UN", "--on", "2019-01-01", "--source", "cow-igo-3.0")
    assert re.search(
        r"^USA\s+United States\s+member\s+not covered\s+UN\s+cow-igo-3\.0$", members, re.M
    )
    rows = json.loads(
        run(
            loaded_url,
            "members",
            "UN",
            "--on",
            "2019-01-01",
            "--source",
            "cow-igo-3.0",
            "-f",
            "json",
        )
    )
    usa = next(row for row in rows if row["country"] == "USA")
    assert (usa["covered"], usa["start_date"], usa["source"]) == (False, None, "cow-igo-3.0")


def test_censored_ends_read_as_the_data_edge(loaded_url: str) -> None:
    """COW IGO's last year is 2014: Russia's UN membership is still so then, not ended."""
    table = run(loaded_url, "dyad", "RUS", "THA")
    assert re.search(
        r"^UN\s+member\s+1992\s+2014\+\s+member\s+1946\s+2014\+\s+cow-igo-3\.0$", table, re.M
    )
    assert "+ after an end: still so where the source's data end (censored), not an end" in table
    dyad = json.loads(run(loaded_url, "dyad", "RUS", "THA", "-f", "json"))
    un = next(row for row in dyad["shared_memberships"] if row["bloc"] == "UN")
    assert (un["end_a"], un["end_status_a"], un["end_status_b"], un["source"]) == (
        "2014",
        "censored",
        "censored",
        "cow-igo-3.0",
    )
    apec = next(row for row in dyad["shared_memberships"] if row["bloc"] == "APEC")
    assert (apec["end_a"], apec["end_status_a"], apec["source"]) == (None, "ongoing", "curated")
    csv_text = run(loaded_url, "dyad", "RUS", "THA", "-f", "csv")
    assert "UN,member,1992,2014,censored,member,1946,2014,censored,cow-igo-3.0" in csv_text
