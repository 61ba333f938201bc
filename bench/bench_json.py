"""JSON output of big answers: is it linear in the rows? Ratios measured in one run.

    .venv/bin/python bench/bench_json.py --cow-trade Dyadic_COW_4.0_subset.csv.gz
    .venv/bin/python bench/bench_json.py --db URL   # a database with COW trade imported

Reads 16,000 real trade rows (the United States' figures with one partner after another,
`reports.trade_between`), then for 1,000 … 16,000 of them times what `report … -f json` does
once the report has answered: build the answer's table and write its JSON (the CLI's indented
form and the API's compact one). The floor, measured in the same run, is the standard
library's `json.dumps` of the same rows already reduced to plain values (no Decimal, no date):
the least any encoder does. Medians of --runs runs. The goal: 16,000 rows take at most 2.5× the
time of 8,000. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cow_database import build
from sqlalchemy import select

from bilateral_db import reports
from bilateral_db.answers.tables import build_answer, to_json
from bilateral_db.db import make_engine, read_snapshot
from bilateral_db.models import Country

SIZES = (1_000, 2_000, 4_000, 8_000, 16_000)


def trade_rows(url: str, wanted: int) -> list[Any]:
    """`wanted` real rows of trade answers, one partner of the United States after another."""
    engine = make_engine(url, read_only=True)
    rows: list[Any] = []
    try:
        with read_snapshot(engine) as session:
            for code in session.scalars(select(Country.code).order_by(Country.code)):
                if code != "USA":
                    rows += reports.trade_between(session, a="USA", b=code)
                if len(rows) >= wanted:
                    return rows[:wanted]
    finally:
        engine.dispose()
    raise SystemExit(f"only {len(rows)} trade rows: is COW trade imported?")


def _time(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", help="a database with COW trade imported")
    source.add_argument("--cow-trade", type=Path, help="the COW Trade file to import first")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = options.db or build(Path(directory), options.cow_trade)
        rows = trade_rows(url, SIZES[-1])
    row_type = type(rows[0])
    cases: dict[int, dict[str, Callable[[], object]]] = {}
    for size in SIZES:
        some = rows[:size]
        plain = json.loads(to_json(build_answer(some, row_types={"": row_type}).data()))
        cases[size] = {
            "floor": lambda plain=plain: json.dumps(plain, ensure_ascii=False),
            "cli": lambda some=some: to_json(build_answer(some, row_types={"": row_type}).data()),
            "api": lambda some=some: to_json(
                build_answer(some, row_types={"": row_type}).data(), indent=None
            ),
        }
    # Rounds of every size and case in turn, so that other work on the machine slows all alike.
    times: dict[tuple[int, str], list[float]] = {}
    for _ in range(options.runs):
        for size, steps in cases.items():
            for name, step in steps.items():
                times.setdefault((size, name), []).append(_time(step))
    median = {key: statistics.median(values) for key, values in times.items()}
    print(f"{len(rows):,} {row_type.__name__}s; medians of {options.runs} rounds")
    print(f"{'rows':>7} {'floor s':>8} {'CLI s':>7} {'× floor':>7} {'API s':>7} {'× floor':>7}")
    for size in SIZES:
        base, cli, api = (median[size, name] for name in ("floor", "cli", "api"))
        print(
            f"{size:>7,} {base:>8.3f} {cli:>7.3f} {cli / base:>7.1f} {api:>7.3f} {api / base:>7.1f}"
        )
    half, full = SIZES[-2], SIZES[-1]
    for name in ("cli", "api"):
        ratio = median[full, name] / median[half, name]
        verdict = "met" if ratio <= 2.5 else "NOT met"
        print(
            f"{name.upper()}: {full:,} rows take {ratio:.2f}× the time of {half:,} "
            f"(goal ≤ 2.5: {verdict})"
        )


if __name__ == "__main__":
    main()
