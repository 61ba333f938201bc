"""Whole-process start-up of the CLI, as medians of several runs against a floor from this run.

    .venv/bin/python bench/bench_startup.py [--runs 11] [--postgresql URL]

Each case is a fresh process, as a user starts it. The floor is `python -c "import sqlalchemy"`,
measured in the same run and interleaved with the cases (so load on the machine hits all of them
alike); figures are printed as seconds and as multiples of the floor. Targets (issue 15): a
SQLite report (`report members ASEAN --on 1990-01-01` on a quickstart database) at most 1.8×
the floor, `--help` at most 0.75×; (issue 19) an unchanged `load` (the bundled fixtures again
on the quickstart database: nothing to write) under 2 s, on SQLite and, given `--postgresql`
(an empty database, which quickstart builds), on PostgreSQL. The verdict is on wall time. CPU
time (user + system of each process) is printed beside it: on a machine busy with other work it
moves less than wall time; the load average is printed before and after. Nothing here asserts
a time.

Then where the report's and the unchanged load's time goes: the same command in one process,
its imports and its work taken one step at a time, each step timed (medians of the same runs).
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
LOAD = "load, unchanged (SQLite)"
LOAD_PG = "load, unchanged (PostgreSQL)"
TARGETS = {REPORT: 1.8, "bilateral-db --help": 0.75}  # × the floor
SECONDS = {LOAD: 2.0, LOAD_PG: 2.0}  # wall seconds


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


# The same for an unchanged load: the parse of the fixture files, the loader, the sync that
# finds nothing to write. Whatever a step imports is that step's.
LOAD_STEPS = """
import json, sys, time
steps, last = {}, time.perf_counter()
def step(name):
    global last
    now = time.perf_counter(); steps[name] = now - last; last = now
import sqlalchemy; step("import sqlalchemy")
import bilateral_db.cli; step("import bilateral_db.cli (Typer, question specs)")
from bilateral_db.fixtures import read_fixture_set
step("import the fixture parser (models, pydantic)")
from bilateral_db.resources import fixtures_dir
fixture_set = read_fixture_set([fixtures_dir()]); step("read and validate the fixture files")
from bilateral_db.load import load_fixture_set; step("import the loader")
from bilateral_db.cli.options import existing_database
engine = existing_database(sys.argv[1]); step("the engine")
result = load_fixture_set(engine, fixture_set); step("lock, revision check, read, compare")
assert not result.changed, result.summary()
from bilateral_db.cli.fixtures import _render
_render(result); step("render the result (rich)")
sys.stderr.write(json.dumps(steps))
"""


def _steps(arguments: list[str], cwd: Path, script: str = STEPS) -> dict[str, float]:
    stderr = subprocess.run(
        [sys.executable, "-c", script, *arguments],
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
    parser.add_argument(
        "--postgresql",
        metavar="URL",
        help="an empty PostgreSQL database (postgresql+psycopg://…): quickstart builds it, "
        "then an unchanged load on it is timed too",
    )
    options = parser.parse_args()
    print(f"load average at the start: {_load_average()}")
    cli = [str(BIN / "bilateral-db")]
    report = ["report", "members", "ASEAN", "--on", "1990-01-01"]
    with tempfile.TemporaryDirectory() as directory:
        cwd = Path(directory)
        sqlite_url = f"sqlite:///{cwd / 'bilateral.sqlite'}"
        subprocess.run(
            [*cli, "quickstart", "--db", sqlite_url],
            cwd=cwd,
            env=ENV,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        loads = {LOAD: sqlite_url}
        if options.postgresql:
            subprocess.run(
                [*cli, "quickstart", "--db", options.postgresql],
                cwd=cwd,
                env=ENV,
                stdout=subprocess.DEVNULL,
                check=True,
            )
            loads[LOAD_PG] = options.postgresql
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
            **{name: [*cli, "load", "--db", url] for name, url in loads.items()},
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for command in cases.values():  # warm the caches (bytecode, page cache) once
            _time(command, cwd)
        steps: dict[str, list[float]] = defaultdict(list)
        load_steps: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in loads}
        for _ in range(options.runs):
            for name, command in cases.items():
                wall, used = _time(command, cwd)
                times[name].append(wall)
                cpu[name].append(used)
            for name, seconds in _steps(report, cwd).items():
                steps[name].append(seconds)
            for load, url in loads.items():
                for name, seconds in _steps([url], cwd, LOAD_STEPS).items():
                    load_steps[load][name].append(seconds)
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
        seconds = SECONDS.get(name)
        if seconds is not None:
            verdict = f"< {seconds:g} s: {'met' if median < seconds else 'NOT met'}"
        print(
            f"{name:<42} {median:>9.3f} {median / floor:>8.2f} {used:>7.3f} "
            f"{used / cpu_floor:>8.2f}  {verdict}"
        )
    print(f"load average at the end: {_load_average()}")
    print(f"\n{REPORT}, step by step in one process (median s, × floor):")
    _print_steps(steps, floor)
    for load, timed in load_steps.items():
        print(f"\n{load}, step by step in one process (median s, × floor):")
        _print_steps(timed, floor)


def _print_steps(steps: dict[str, list[float]], floor: float) -> None:
    for name, values in steps.items():
        median = statistics.median(values)
        print(f"  {name:<56} {median:>6.3f} {median / floor:>6.2f}")


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
