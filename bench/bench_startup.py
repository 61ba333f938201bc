"""Whole-process start-up of the CLI, as medians of several runs against a floor from this run.

    .venv/bin/python bench/bench_startup.py [--runs 11]

Each case is a fresh process, as a user starts it. The floor is `python -c "import sqlalchemy"`,
measured in the same run and interleaved with the cases (so load on the machine hits all of them
alike); figures are printed as seconds and as multiples of the floor. Targets (issue 15): a
SQLite report (`report members ASEAN --on 1990-01-01` on a quickstart database) at most 1.8×
the floor, `--help` at most 0.75×. Nothing here asserts a time.

Then, for the report, where its time goes: the modules it imports (`python -X importtime`,
cumulative microseconds of the top-level imports, median of the same runs) and what it loads
that a report does not need to (the PostgreSQL dialect on SQLite, every model, mapper
configuration).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BIN = Path(sys.executable).parent
FLOOR = 'python -c "import sqlalchemy" (floor)'
REPORT = "report members ASEAN --on 1990-01-01"
TARGETS = {REPORT: 1.8, "bilateral-db --help": 0.75}


def _time(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def _imports(command: list[str], cwd: Path) -> dict[str, int]:
    """Cumulative import time (µs) of each module the command imports, by `-X importtime`."""
    stderr = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    ).stderr
    found = {}
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            found[match.group(3)] = int(match.group(1))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    cli = [str(BIN / "bilateral-db")]
    report = ["report", "members", "ASEAN", "--on", "1990-01-01"]
    with tempfile.TemporaryDirectory() as directory:
        cwd = Path(directory)
        subprocess.run([*cli, "quickstart"], cwd=cwd, stdout=subprocess.DEVNULL, check=True)
        cases = {
            FLOOR: [sys.executable, "-c", "import sqlalchemy"],
            'python -c "pass"': [sys.executable, "-c", "pass"],
            "bilateral-db --version": [*cli, "--version"],
            "bilateral-db --help": [*cli, "--help"],
            "bilateral-db report --help": [*cli, "report", "--help"],
            REPORT: [*cli, *report],
            "report members … -f json": [*cli, *report, "-f", "json"],
            "report trade RUS ASEAN": [*cli, "report", "trade", "RUS", "ASEAN"],
            "report dyad RUS ASEAN -f json": [*cli, "report", "dyad", "RUS", "ASEAN", "-f", "json"],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for command in cases.values():  # warm the caches (bytecode, page cache) once
            _time(command, cwd)
        imports: dict[str, list[int]] = defaultdict(list)
        for _ in range(options.runs):
            for name, command in cases.items():
                times[name].append(_time(command, cwd))
            for module, micros in _imports(["-m", "bilateral_db", *report], cwd).items():
                imports[module].append(micros)
    floor = statistics.median(times[FLOOR])
    print(f"{options.runs} runs each, interleaved; {os.cpu_count()} CPUs")
    print(f"{'case':<42} {'median s':>9} {'× floor':>8}  target")
    for name, values in times.items():
        median = statistics.median(values)
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"≤ {target}×: {'met' if median / floor <= target else 'NOT met'}"
        print(f"{name:<42} {median:>9.3f} {median / floor:>8.2f}  {verdict}")
    _where_the_report_goes(imports)


def _where_the_report_goes(imports: dict[str, list[int]]) -> None:
    median = {module: statistics.median(values) for module, values in imports.items()}
    print(f"\n{REPORT}: cumulative import time (python -X importtime, median ms)")
    for module in (
        "sqlalchemy",
        "sqlalchemy.orm",
        "sqlalchemy.dialects.sqlite",
        "sqlalchemy.dialects.postgresql",
        "typer",
        "rich",
        "bilateral_db.cli",
        "bilateral_db.answers",
        "bilateral_db.db",
        "bilateral_db.reports",
        "bilateral_db.reports.members",
    ):
        if module in median:
            print(f"  {module:<40} {median[module] / 1000:>7.1f}")
        else:
            print(f"  {module:<40} {'not imported':>12}")
    models = sorted(m.rsplit(".", 1)[1] for m in median if m.startswith("bilateral_db.models."))
    reports = sorted(m for m in median if m.startswith("bilateral_db.reports."))
    print(f"  models declared: {', '.join(models)}")
    print(f"  report modules: {len(reports)}")


if __name__ == "__main__":
    main()
