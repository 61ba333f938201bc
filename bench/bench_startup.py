"""Whole-process start-up of the CLI, as medians of several runs against a floor from this run.

    .venv/bin/python bench/bench_startup.py [--runs 9]

Each case is a fresh process, as a user starts it. The floor is `python -c "import sqlalchemy"`,
measured in the same run and interleaved with the cases (so load on the machine hits all of them
alike); figures are printed as seconds and as multiples of the floor. Targets (issue 10):
--help and --version under 0.25 s, a SQLite report under 0.6 s. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _time(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    cli = [str(BIN / "bilateral-db")]
    with tempfile.TemporaryDirectory() as directory:
        cwd = Path(directory)
        subprocess.run([*cli, "quickstart"], cwd=cwd, stdout=subprocess.DEVNULL, check=True)
        cases = {
            'python -c "import sqlalchemy" (floor)': [sys.executable, "-c", "import sqlalchemy"],
            'python -c "pass"': [sys.executable, "-c", "pass"],
            "bilateral-db --version": [*cli, "--version"],
            "bilateral-db --help": [*cli, "--help"],
            "bilateral-db report --help": [*cli, "report", "--help"],
            "report members ASEAN --on 1990-01-01": [
                *cli,
                "report",
                "members",
                "ASEAN",
                "--on",
                "1990-01-01",
            ],
            "report members … -f json": [
                *cli,
                "report",
                "members",
                "ASEAN",
                "--on",
                "1990-01-01",
                "-f",
                "json",
            ],
            "report trade RUS ASEAN": [*cli, "report", "trade", "RUS", "ASEAN"],
            "report dyad RUS ASEAN -f json": [*cli, "report", "dyad", "RUS", "ASEAN", "-f", "json"],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for command in cases.values():  # warm the caches (bytecode, page cache) once
            _time(command, cwd)
        for _ in range(options.runs):
            for name, command in cases.items():
                times[name].append(_time(command, cwd))
    floor = statistics.median(times['python -c "import sqlalchemy" (floor)'])
    print(f"{options.runs} runs each, interleaved; {os.cpu_count()} CPUs")
    print(f"{'case':<42} {'median s':>9} {'× floor':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<42} {median:>9.3f} {median / floor:>8.2f}")


if __name__ == "__main__":
    main()
