"""Diplomatic relations, recognition, regions and parties given as a group, on the bundled
fixtures, both backends.

Real, cited facts: Panama established diplomatic relations with the People's Republic of China
and recognised its government on 2017-06-13, severing its relations with Taiwan as of that day
(the joint communiqué of 13 June 2017); UN M49's Africa is 60 countries and areas, South Sudan
among them since its independence (2011-07-09); the ASEAN Charter (signed in Singapore on
2007-11-20, in force 2008-12-15) gives its parties as the Member States of ASEAN.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import FixtureCopy
from sqlalchemy import Connection, Engine

from bilateral_db import reports
from bilateral_db.fixtures import FixtureErrors, read_fixture_set
from bilateral_db.reports import UnknownCode

BUNDLED = Path(__file__).parents[2] / "fixtures"


@pytest.fixture
def bundled(loaded_engine: Engine) -> Iterator[Connection]:
    with loaded_engine.connect() as connection:
        yield connection


def _kinds(rows: list[reports.RelationRow]) -> list[tuple[str, str, str, str | None]]:
    return [(r.kind, r.actor, r.partner, r.holds) for r in rows]


def test_panama_switches_from_taipei_to_beijing(bundled: Connection) -> None:
    every = reports.relations_of(bundled, a="PAN")
    assert [
        (r.kind, r.partner, str(r.start_date) if r.start_date else None, str(r.end_date or ""))
        for r in every
    ] == [
        ("diplomatic_relations", "CHN", "2017-06-13", ""),
        ("recognition", "CHN", "2017-06-13", ""),
        ("diplomatic_relations", "TWN", None, "2017-06-12"),
        ("recognition", "TWN", None, "2017-06-12"),
    ]
    assert every[0].sources == (
        "prc-panama-joint-communique-2017",
        "wikipedia-china-panama-relations",
    )
    assert every[2].confidence == "inferred" and every[2].end_status == "ended"
    # The day before the switch: Taipei's, whose start no source here gives.
    assert _kinds(reports.relations_of(bundled, a="PAN", on=date(2017, 6, 12))) == [
        ("diplomatic_relations", "PAN", "TWN", "start not recorded"),
        ("recognition", "PAN", "TWN", "start not recorded"),
    ]
    # The day of the communiqué: Beijing's only.
    assert _kinds(reports.relations_of(bundled, a="PAN", on=date(2017, 6, 13))) == [
        ("diplomatic_relations", "PAN", "CHN", "holds"),
        ("recognition", "PAN", "CHN", "holds"),
    ]


def test_relations_are_found_from_either_side(bundled: Connection) -> None:
    """Diplomatic relations are symmetric: asked from Beijing, Panama is the partner; the
    recognition stays Panama's (it is directed)."""
    rows = reports.relations_of(bundled, a="CHN", partner="PAN")
    assert _kinds(rows) == [
        ("diplomatic_relations", "CHN", "PAN", None),
        ("recognition", "PAN", "CHN", None),
    ]
    assert reports.relations_of(bundled, a="CHN", partner="TWN") == []
    dyad = reports.dyad_report(bundled, a="PAN", b="TWN", year_from=2018)
    assert dyad.relations == []
    dyad = reports.dyad_report(bundled, a="TWN", b="PAN", year_to=2017)
    assert _kinds(dyad.relations) == [
        ("diplomatic_relations", "TWN", "PAN", None),
        ("recognition", "PAN", "TWN", None),
    ]


def test_a_region_is_its_stated_parts_on_the_day(bundled: Connection) -> None:
    every = reports.region_parts(bundled, region="AFRICA")
    assert len(every) == 60
    assert {p.sources for p in every} == {("un-m49",)}
    [south_sudan] = [p for p in every if p.country == "SSD"]
    assert str(south_sudan.start_date) == "2011-07-09"
    before = {
        p.country for p in reports.region_parts(bundled, region="AFRICA", on=date(2010, 1, 1))
    }
    assert len(before) == 59 and "SSD" not in before and {"SDN", "ESH", "REU"} <= before
    assert reports.region_parts_total(bundled, region="AFRICA", on=date(2012, 1, 1)) == 60
    with pytest.raises(UnknownCode):
        reports.region_parts(bundled, region="EUROPE")


def test_a_region_is_an_actor_reports_resolve(bundled: Connection) -> None:
    """A region's code names an actor wherever reports take a country or bloc (its trade is
    what sources state of it; it has none bundled)."""
    assert reports.trade_between(bundled, a="JPN", b="AFRICA") == []
    with pytest.raises(UnknownCode) as raised:
        reports.trade_between(bundled, a="JPN", b="AFRIKA")
    assert "AFRICA" in raised.value.suggestions


def test_parties_given_as_a_group(bundled: Connection) -> None:
    charter = reports.agreement_report(bundled, slug="asean-charter")
    assert [(p.party, p.kind, p.as_group) for p in charter.parties] == [("ASEAN", "bloc", True)]
    assert (str(charter.agreement.signed_on), charter.agreement.signed_in) == (
        "2007-11-20",
        "singapore",
    )
    cpa = reports.agreement_report(bundled, slug="asean-russia-cpa-2016-2020")
    assert {(p.party, p.as_group) for p in cpa.parties} == {("ASEAN", False), ("RUS", False)}


@pytest.fixture
def copy(tmp_path: Path) -> FixtureCopy:
    target = tmp_path / "fixtures"
    shutil.copytree(BUNDLED, target)
    return FixtureCopy(target)


def _errors(copy: FixtureCopy) -> dict[tuple[str, int, str | None], str]:
    with pytest.raises(FixtureErrors) as raised:
        read_fixture_set([copy.path])
    return {(Path(e.file).name, e.line, e.field): e.message for e in raised.value.errors}


def test_bad_relations_are_refused_by_file_line_and_field(copy: FixtureCopy) -> None:
    # Written both ways round: symmetric relations are written once.
    copy.append(
        "diplomatic_relations.yaml",
        "- {kind: diplomatic_relations, actor: CHN, partner: PAN, start: 2017-06-13, "
        "sources: [prc-panama-joint-communique-2017]}\n",
    )
    errors = _errors(copy)
    both = copy.line_of("diplomatic_relations.yaml", "actor: CHN, partner: PAN")
    assert ("diplomatic_relations.yaml", both, "actor") in errors
    assert "symmetric" in errors[("diplomatic_relations.yaml", both, "actor")]
    # An overlap of one kind between the same two, and a relation with itself.
    copy.replace(
        "diplomatic_relations.yaml",
        "actor: CHN, partner: PAN, start: 2017-06-13",
        "actor: PAN, partner: PAN, start: 2017-06-13",
    )
    errors = _errors(copy)
    assert errors[("diplomatic_relations.yaml", both, "partner")] == "is the same as actor"
    copy.replace(
        "diplomatic_relations.yaml",
        "partner: PAN, start: 2017-06-13",
        "partner: CHN, start: 2018-01-01",
    )
    errors = _errors(copy)
    assert "may not overlap" in errors[("diplomatic_relations.yaml", both, "start")]
    copy.replace(
        "diplomatic_relations.yaml",
        "kind: diplomatic_relations, actor: PAN",
        "kind: friendship, actor: PAN",
    )
    [(where, message)] = _errors(copy).items()
    assert where == ("diplomatic_relations.yaml", both, "kind") and "recognition" in message


def test_bad_regions_are_refused_by_file_line_and_field(copy: FixtureCopy) -> None:
    copy.replace("regions.yaml", "GMB, GHA,", "GMB, GHX,")
    [(where, message)] = _errors(copy).items()
    assert where[0] == "regions.yaml" and where[2] == "parts" and "GHX" in message


def test_report_relations_and_region_from_the_command_line(curated_url: str) -> None:
    from typer.testing import CliRunner

    from bilateral_db.cli import app

    runner = CliRunner()
    result = runner.invoke(
        app, ["report", "relations", "pan", "--partner", "twn", "-f", "json", "--db", curated_url]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["kind"], r["end_date"], r["end_status"], r["confidence"]) for r in rows] == [
        ("diplomatic_relations", "2017-06-12", "ended", "inferred"),
        ("recognition", "2017-06-12", "ended", "inferred"),
    ]
    assert rows[0]["note"].startswith("Severed as of the day of the joint communiqué")
    result = runner.invoke(app, ["report", "region", "AFRICA", "--on", "2010", "--db", curated_url])
    assert result.exit_code == 0, result.output
    assert "Western Sahara" in result.stdout and "South Sudan" not in result.stdout
    result = runner.invoke(app, ["report", "relations", "PNM", "--db", curated_url])
    assert result.exit_code != 0 and "PNM" in result.output
