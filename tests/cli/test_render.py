"""Tables that fit the terminal, TSV, --columns, and piped output left whole."""

from __future__ import annotations

import io
import re

from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bilateral_db.answers import BY_NAME, answer
from bilateral_db.cli import app
from bilateral_db.cli.render import OutputFormat, render

runner = CliRunner()


def _table(engine, question: str, width: int | None, **raw: str) -> tuple[str, str]:
    with Session(engine) as session:
        built = answer(BY_NAME[question], session, raw)
    out, notes = io.StringIO(), io.StringIO()
    render(built, OutputFormat.table, out=out, width=width, notes=notes)
    return out.getvalue(), notes.getvalue()


def test_trade_fits_80_columns_without_breaking_numbers(loaded_engine) -> None:
    output, notes = _table(loaded_engine, "trade", 80, a="RUS", b="ASEAN")
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= 80
    # Money is scaled, with its currency and unit in the header, so the currency column goes;
    # a flow reads across, "ASEAN trades with RUS" (the words wrap, as text does).
    assert re.search(r"^2017\s+ASEAN\s+trades\s+RUS\s+16\.70\s+approximately\s", output, re.M)
    assert "(USD" in output and "bn)" in output and "currency" not in output
    for line in lines:  # a number is never split over two lines
        assert not re.search(r"\d,$|^\s+\d{3}[.,]", line), line
    # What changes a value's meaning stays: the qualifier, the source, "1 of 10" members.
    left_out = notes.split("left out to fit 80 columns: ")[1].split(" (")[0].split(", ")
    assert not {"qualifier", "source", "members", "value"} & set(left_out)
    assert re.search(
        r"^2018\s+RUS\s+trades\s+ASEAN\s+2\.60\s+at least\s+curated\s+1 of 10$", output, re.M
    )


def test_a_narrow_terminal_keeps_what_changes_a_row_meaning(loaded_engine) -> None:
    """At 60 columns kept columns wrap (never a number) and only the others are left out."""
    output, notes = _table(loaded_engine, "trade", 60, a="RUS", b="ASEAN")
    assert max(len(line) for line in output.splitlines()) <= 60
    assert re.search(
        r"^2018\s+RUS\s+trades\s+ASEAN\s+2\.60\s+at least\s+curated\s+1 of$", output, re.M
    )
    assert re.search(r"^\s+with\s+10$", output, re.M)  # the rest of the row, wrapped
    left_out = notes.split("left out to fit 60 columns: ")[1].split(" (")[0].split(", ")
    assert set(left_out) == {"category", "change_pct", "reported_change_pct", "basis"}
    # A country's memberships keep their bloc; the other source's claim stays in a dispute.
    timeline, notes = _table(loaded_engine, "timeline", 60, code="THA")
    assert re.search(r"^THA\s+member\s+1989-11\s+APEC\s+curated$", timeline, re.M)
    assert "left out to fit 60 columns: name (" in notes
    disputes, notes = _table(loaded_engine, "disagreements", 60, bloc="ASEAN")
    assert re.search(r"^ASEAN/\s", disputes, re.M) and "left out" not in notes


def test_piped_output_is_whole(loaded_engine) -> None:
    output, notes = _table(loaded_engine, "trade", None, a="RUS", b="ASEAN")
    assert "16,700,000,000.00" in output and "USD" in output
    assert "sum of members" in output and notes == ""
    assert all(line == line.rstrip() for line in output.splitlines())


def test_long_text_wraps_between_words(loaded_engine) -> None:
    output, _ = _table(
        loaded_engine, "members", 80, bloc="ASEAN", role="observer", cite="true", on="2019-08-01"
    )
    assert max(len(line) for line in output.splitlines()) <= 80
    assert "akowanpis-2018-04-png-bid;" in output  # the citations wrap, one source a line
    slugs = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", output)
    # Every cited slug is whole on its line, never split mid-word.
    assert "wikizero-accession-of-png-to-asean" in slugs


def test_tsv_and_columns(world_url: str) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            "members",
            "ASEAN",
            "--on",
            "1990-01-01",
            "-f",
            "tsv",
            "--columns",
            "name,country",
            "--db",
            world_url,
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "name\tcountry"
    assert lines[1] == "Brunei Darussalam\tBRN" and len(lines) == 7


def test_columns_apply_to_json_too(world_url: str) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            "terms",
            "sergey-lavrov",
            "-f",
            "json",
            "--columns",
            "post,start_date",
            "--db",
            world_url,
        ],
    )
    assert result.exit_code == 0, result.output
    assert '"post": "foreign-minister"' in result.stdout and '"name"' not in result.stdout


def test_terminal_output_is_styled_and_fits(world_url: str) -> None:
    result = runner.invoke(
        app,
        ["report", "trade", "RUS", "ASEAN", "--db", world_url],
        env={"TTY_COMPATIBLE": "1", "COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "\x1b[1m" in result.stdout  # bold headers
    assert max(len(line) for line in plain.splitlines()) <= 80
