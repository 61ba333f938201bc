"""Whole-process start-up of the CLI, as medians of several runs against a floor from this run.

    .venv/bin/python bench/bench_startup.py [--runs 11]

Each case is a fresh process, as a user starts it. The floor is `python -c "import sqlalchemy"`,
measured in the same run and interleaved with the cases (so load on the machine hits all of them
alike); figures are printed as seconds and as multiples of the floor. Targets (issue 15): a
SQLite report (`report members ASEAN --on 1990-01-01` on a quickstart database) at most 1.8×
the floor, `--help` at most 0.75×; the verdict is on wall time. CPU time (user + system of each
process) is printed beside it: on a machine busy with other work it moves less than wall time.
Nothing here asserts a time.

Then where the report's time goes: the same report in one process, its imports taken one step
at a time, each step timed (medians of the same runs).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BIN = Path(sys.executable).parent
# As installed: pip compiles the package's bytecode at install, and the first run of an editable
# install writes it. A shell with PYTHONDONTWRITEBYTECODE set would compile every module of the
# project from source on every start while SQLAlchemy's stay compiled, so it is unset here.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
FLOOR = 'python -c "import sqlalchemy" (floor)'
REPORT = "report members ASEAN --on 1990-01-01"
TARGETS = {REPORT: 1.8, "bilateral-db --help": 0.75}


def _time(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one whole process."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


# One process, the report's imports one step at a time (time.perf_counter around each), so a
# step's figure is what it adds to those before it.
STEPS = """
import json, sys, time
steps, last = {}, time.perf_counter()
def step(name):
    global last
    now = time.perf_counter(); steps[name] = now - last; last = now
import sqlalchemy; step("import sqlalchemy")
import bilateral_db.cli; step("import bilateral_db.cli (Typer, question specs)")
from bilateral_db.cli import app, narrowed
command = narrowed(app, sys.argv[1:]); step("narrow the command tree to the command")
import sqlalchemy.dialects.sqlite; step("SQLite dialect")
from bilateral_db import reports
reports.members_on; step("the report, the claim engine, the Core tables it reads")
try:
    command(sys.argv[1:])
except SystemExit:
    pass
step("build the command, parse, open, query, render (rich)")
sys.stderr.write(json.dumps(steps))
"""


def _steps(arguments: list[str], cwd: Path) -> dict[str, float]:
    stderr = subprocess.run(
        [sys.executable, "-c", STEPS, *arguments],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    ).stderr
    return dict(json.loads(stderr.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    cli = [str(BIN / "bilateral-db")]
    report = ["report", "members", "ASEAN", "--on", "1990-01-01"]
    with tempfile.TemporaryDirectory() as directory:
        cwd = Path(directory)
        subprocess.run(
            [*cli, "quickstart"], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, check=True
        )
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
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for command in cases.values():  # warm the caches (bytecode, page cache) once
            _time(command, cwd)
        steps: dict[str, list[float]] = defaultdict(list)
        for _ in range(options.runs):
            for name, command in cases.items():
                wall, used = _time(command, cwd)
                times[name].append(wall)
                cpu[name].append(used)
            for name, seconds in _steps(report, cwd).items():
                steps[name].append(seconds)
    floor = statistics.median(times[FLOOR])
    cpu_floor = statistics.median(cpu[FLOOR])
    print(f"{options.runs} runs each, interleaved; {os.cpu_count()} CPUs")
    print(f"{'case':<42} {'median s':>9} {'× floor':>8} {'CPU s':>7} {'× floor':>8}  target")
    for name, values in times.items():
        median = statistics.median(values)
        used = statistics.median(cpu[name])
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"≤ {target}×: {'met' if median / floor <= target else 'NOT met'}"
        print(
            f"{name:<42} {median:>9.3f} {median / floor:>8.2f} {used:>7.3f} "
            f"{used / cpu_floor:>8.2f}  {verdict}"
        )
    print(f"\n{REPORT}, step by step in one process (median s, × floor):")
    for name, values in steps.items():
        median = statistics.median(values)
        print(f"  {name:<56} {median:>6.3f} {median / floor:>6.2f}")


if __name__ == "__main__":
    main()
