"""Every writing command, as the crash, concurrency and hostile-file suites drive it.

A Writer names a command, how to call it on an input and a database, and two valid inputs
("a" and "b") whose writes move the database from one state to the other and back. Adding a
bulk importer to all three suites is one more entry in WRITERS.
"""

from __future__ import annotations

import csv
import itertools
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SMALL_FIXTURES = Path(__file__).resolve().parent.parent / "data" / "small_fixtures"
TRADE_COLUMNS = [
    "reporter",
    "partner",
    "period",
    "flow",
    "category",
    "valuation",
    "status",
    "value",
    "currency",
    "qualifier",
    "sources",
    "confidence",
    "note",
]


@dataclass(frozen=True)
class Writer:
    """A command that writes: its argv for an input and a database, and two valid inputs."""

    name: str
    argv: Callable[[Path, str], list[str]]
    inputs: Callable[[Path, int], tuple[Path, Path]]  # (directory, size) -> (a, b)
    impatient: tuple[str, ...] = ()  # options that make it give up at once on a busy database


def synthetic_trade_rows(count: int) -> list[list[str]]:
    """`count` distinct trade figures between ISO countries (they exist in the small set)."""
    import pycountry

    codes = sorted(country.alpha_3 for country in pycountry.countries)[:40]
    pairs = itertools.permutations(codes, 2)
    keys = (
        (a, b, year, flow)
        for a, b in pairs
        for year in range(1990, 2020)
        for flow in ("export", "import")
    )
    return [
        [
            a,
            b,
            str(year),
            flow,
            "all-goods",
            "not_stated",
            "observed",
            f"{(i * 7919) % 10_000_000}.{i % 100:02d}",
            "USD",
            "exact",
            "asean-members",
            "",
            "",
        ]
        for i, (a, b, year, flow) in enumerate(itertools.islice(keys, count))
    ]


def fixture_inputs(directory: Path, size: int) -> tuple[Path, Path]:
    """a: the small fixture set; b: the same with `size` more trade figures and edits."""
    a, b = directory / "a", directory / "b"
    shutil.copytree(SMALL_FIXTURES, a)
    shutil.copytree(SMALL_FIXTURES, b)
    topics = b / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace("name: Energy", "name: Energy policy")
        + "- {slug: tourism, name: Tourism}\n",
        encoding="utf-8",
    )
    with (b / "trade_figures.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(synthetic_trade_rows(size))
    return a, b


def load_argv(path: Path, url: str) -> list[str]:
    return ["load", str(path), "--prune", "--yes", "--wait", "120", "--db", url]


WRITERS: list[Writer] = [
    Writer("load", load_argv, fixture_inputs, impatient=("--wait", "0")),
    # Writer("import cow-states", lambda p, u: ["import", "cow-states", str(p), "--db", u], …),
]
