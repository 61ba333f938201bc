"""--notes shows confidence and note in tables; JSON and the research views always have them."""

from __future__ import annotations

import json
from dataclasses import fields

from sqlalchemy import inspect
from typer.testing import CliRunner

from bilateral_db.answers import QUESTIONS
from bilateral_db.answers.answering import row_types
from bilateral_db.cli import app
from bilateral_db.cli.reports import _NOTED_REPORTS
from bilateral_db.db import make_engine

runner = CliRunner()
NOTE = "Start from the predecessor's end."


def _run(url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["report", *args, "--db", url])
    return result.exit_code, result.output


def test_notes_in_tables_only_when_asked(small_loaded_url: str) -> None:
    code, plain = _run(small_loaded_url, "terms", "don-pramudwinai")
    assert code == 0 and NOTE not in plain and "confidence" not in plain
    code, noted = _run(small_loaded_url, "terms", "don-pramudwinai", "--notes")
    assert code == 0
    header = noted.splitlines()[0].split()
    assert header[-2:] == ["confidence", "note"]
    assert NOTE in noted and "inferred" in noted
    code, chosen = _run(
        small_loaded_url, "terms", "don-pramudwinai", "--columns", "post,start_date", "--notes"
    )
    assert code == 0 and chosen.splitlines()[0].split() == [
        "post",
        "start",
        "date",
        "confidence",
        "note",
    ]


def test_meetings_participants_and_topics_carry_confidence_and_note(small_loaded_url: str) -> None:
    code, output = _run(small_loaded_url, "meeting", "amm-52", "-f", "json")
    assert code == 0
    detail = json.loads(output)
    assert (detail["meeting"][0]["confidence"], detail["meeting"][0]["note"]) == ("stated", None)
    assert {(p["actor"], p["confidence"]) for p in detail["participants"]} == {
        ("THA", "stated"),
        ("RUS", "stated"),
    }
    assert {t["topic"]: t["confidence"] for t in detail["topics"]} == {
        "counter-terrorism": "stated",
        "cybersecurity": "stated",
    }
    code, table = _run(small_loaded_url, "meeting", "amm-52", "--notes")
    # meeting, participants, children, topics, series, pledges
    assert code == 0 and table.count("confidence") == 6


def test_notes_is_offered_where_rows_have_notes() -> None:
    def noted(question: object) -> bool:
        return any(
            kind is not None and "note" in {item.name for item in fields(kind)}
            for kind in row_types(question).values()  # type: ignore[arg-type]
        )

    assert {q.report for q in QUESTIONS if noted(q)} == _NOTED_REPORTS
    code, output = _run("sqlite:///unused.sqlite", "sources", "--notes")
    assert code == 2 and "No such option: --notes" in output


def test_research_views_have_confidence_and_note(small_loaded_url: str) -> None:
    engine = make_engine(small_loaded_url)
    try:
        inspector = inspect(engine)
        for view in ("v_membership", "v_term", "v_meeting_participant", "v_trade"):
            columns = {column["name"] for column in inspector.get_columns(view)}
            assert {"confidence", "note"} <= columns, view
    finally:
        engine.dispose()
