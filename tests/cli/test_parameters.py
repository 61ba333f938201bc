"""Every day and year option of every report command at the edges of its range: an answer
(exit 0) or a usage error in words (exit 2), never a traceback or "This is a bug".

The options are read from the question specs, as the commands are, so a new one is covered.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bilateral_db.answers import QUESTIONS, Kind, Param, Question
from bilateral_db.cli import app

runner = CliRunner()
EDGES = {
    Kind.DAY: [("0001-01-01", 0), ("9998-12-31", 0), ("0000-12-31", 2), ("9999-01-01", 2)],
    Kind.DAY_END: [("0001", 0), ("9998", 0), ("0000", 2), ("9999", 2)],
    Kind.YEAR: [("1", None), ("2", 0), ("9998", 0), ("0", 2), ("9999", 2)],
}
CASES = [
    (question, param)
    for question in QUESTIONS
    for param in question.params
    if param.kind in EDGES and not param.positional
]


def _example(question: Question, without: Param) -> list[str]:
    args: list[str] = []
    for param in question.params:
        if param.example is None or param.name in (question.ordered or (without.name,)):
            continue
        args += [param.example] if param.positional else [f"--{param.wire}", param.example]
    return args


@pytest.mark.parametrize(("question", "param"), CASES, ids=[f"{q.name}-{p.wire}" for q, p in CASES])
def test_edges_answer_or_refuse_in_words(world_url: str, question: Question, param: Param) -> None:
    for value, code in EDGES[param.kind]:
        if code is None:  # a year whose derived year is no year refuses; others answer
            code = 0 if (param.minimum or 1) <= int(value) else 2
        argv = ["report", question.name, *_example(question, param), f"--{param.wire}", value]
        result = runner.invoke(app, [*argv, "-f", "json", "--db", world_url])
        output = " ".join(result.output.split())
        assert result.exit_code == code, (argv, output)
        assert "Traceback" not in output and "bug" not in output, (argv, output)
        if code == 2:
            assert output.startswith(f"error: --{param.wire}: "), output
            assert "; write " in output, output


def test_trade_from_year_1_says_what_to_write(world_url: str) -> None:
    """It once ended in "unexpected ValueError: year 0 is out of range. This is a bug"."""
    for command in (["trade", "RUS", "THA"], ["dyad", "RUS", "ASEAN"]):
        result = runner.invoke(app, ["report", *command, "--from", "1", "--db", world_url])
        assert result.exit_code == 2
        assert " ".join(result.output.split()) == (
            "error: --from: 1 is out of range; write a year from 2 to 9998 (each year's change "
            "is computed from the year before)"
        )
