"""Pledges, on the bundled fixtures, both backends.

Real, cited fact (fixtures/pledges.yaml): at the TICAD VI opening session in Nairobi on
2016-08-27, Prime Minister Abe announced that Japan would invest for Africa's future, over
three years from 2016 to 2018, "approx. USD 30 billion under public-private partnership"
(Ministry of Foreign Affairs of Japan).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FixtureCopy
from sqlalchemy import Connection, Engine

from bilateral_db import reports
from bilateral_db.fixtures import FixtureErrors, read_fixture_set

BUNDLED = Path(__file__).parents[2] / "fixtures"
TICAD = "japan-ticad-vi-africa-2016-2018"


@pytest.fixture
def bundled(loaded_engine: Engine) -> Iterator[Connection]:
    with loaded_engine.connect() as connection:
        yield connection


def test_a_meeting_shows_the_pledges_made_there(bundled: Connection) -> None:
    [pledge] = reports.meeting_detail(bundled, slug="ticad-vi").pledges
    assert (
        pledge.pledge,
        pledge.pledger,
        pledge.pledger_name,
        str(pledge.made_on),
        pledge.amount,
        pledge.amount_high,
        pledge.currency,
        pledge.qualifier,
        str(pledge.covers_from),
        str(pledge.covers_until),
        pledge.meeting,
        pledge.agreement,
        pledge.part_of,
        pledge.sources,
        pledge.confidence,
    ) == (
        TICAD,
        "JPN",
        "Japan",
        "2016-08-27",
        Decimal("30000000000"),
        None,
        "USD",
        "approximately",
        "2016",
        "2018",
        "ticad-vi",
        None,
        None,
        ("mofa-2016-08-27-ticad-vi-opening-session",),
        "stated",
    )
    # No other meeting has one, and an agreement with progress claims names none.
    assert reports.meeting_detail(bundled, slug="amm-52").pledges == []
    cpa = reports.agreement_report(bundled, slug="asean-russia-cpa-2016-2020")
    assert cpa.pledges == [] and cpa.progress
    assert {claim.pledge for claim in cpa.progress} == {None}


@pytest.fixture
def copy(tmp_path: Path) -> FixtureCopy:
    target = tmp_path / "fixtures"
    shutil.copytree(BUNDLED, target)
    return FixtureCopy(target)


def _errors(copy: FixtureCopy) -> dict[tuple[str, int, str | None], str]:
    with pytest.raises(FixtureErrors) as raised:
        read_fixture_set([copy.path])
    return {(Path(e.file).name, e.line, e.field): e.message for e in raised.value.errors}


def test_bad_pledges_are_refused_by_file_line_and_field(copy: FixtureCopy) -> None:
    start = copy.line_of("pledges.yaml", f"- slug: {TICAD}")
    copy.replace("pledges.yaml", "  currency: USD\n", "")
    assert _errors(copy) == {("pledges.yaml", start, "currency"): "an amount needs a currency"}
    copy.replace(
        "pledges.yaml", "  amount: 30000000000\n", "  amount: 30000000000\n  currency: USD\n"
    )
    copy.replace("pledges.yaml", "  qualifier:", "  amount_high: 20000000000\n  qualifier:")
    high = copy.line_of("pledges.yaml", "amount_high:")
    assert _errors(copy) == {
        ("pledges.yaml", high, "amount_high"): "20000000000 is not above amount: a range is "
        "written amount (low) and amount_high"
    }
    copy.replace("pledges.yaml", "  amount_high: 20000000000\n", f"  part_of: {TICAD}\n")
    [(where, message)] = _errors(copy).items()
    assert where == ("pledges.yaml", copy.line_of("pledges.yaml", "part_of:"), "part_of")
    assert "cycle" in message
    copy.replace("pledges.yaml", f"  part_of: {TICAD}\n", "  meeting: ticad-6\n")
    copy.replace("pledges.yaml", "  meeting: ticad-vi\n", "")
    [(where, message)] = _errors(copy).items()
    assert where == ("pledges.yaml", copy.line_of("pledges.yaml", "meeting:"), "meeting")
    assert "ticad-6" in message


def test_report_meeting_prints_the_pledge_in_json_and_the_table(curated_url: str) -> None:
    from typer.testing import CliRunner

    from bilateral_db.cli import app

    runner = CliRunner()
    result = runner.invoke(
        app, ["report", "meeting", "ticad-vi", "-f", "json", "--db", curated_url]
    )
    assert result.exit_code == 0, result.output
    [pledge] = json.loads(result.stdout)["pledges"]
    assert {k: pledge[k] for k in ("pledge", "pledger", "currency", "qualifier")} == {
        "pledge": TICAD,
        "pledger": "JPN",
        "currency": "USD",
        "qualifier": "approximately",
    }
    assert Decimal(str(pledge["amount"])) == Decimal("30000000000")
    assert (pledge["made_on"], pledge["covers_from"], pledge["covers_until"]) == (
        "2016-08-27",
        "2016",
        "2018",
    )
    assert pledge["note"].startswith("Announced by Prime Minister Shinzo Abe")
    result = runner.invoke(app, ["report", "meeting", "ticad-vi", "--db", curated_url])
    assert result.exit_code == 0, result.output
    assert "30,000,000,000.00" in result.stdout and "approximately" in result.stdout
