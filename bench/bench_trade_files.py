"""Benchmark the Comtrade reader against the floor of the same run: Python's csv.reader.

    .venv/bin/python bench/bench_trade_files.py PATH [PATH ...]

PATHs are Comtrade bulk files (bench/generate_comtrade.py writes them). For each: the floor,
csv.reader over the same decompressed tables with nothing parsed; then ComtradeReader, every
row typed and checked. Prints rows, CPU seconds (wall time varies with the machine's load),
rows per CPU second, the ratio to the floor, and the peak RSS so far. Nothing asserts a time.
"""

from __future__ import annotations

import csv
import resource
import sys
import time
from pathlib import Path

from bilateral_db.imports.trade_files import ComtradeReader
from bilateral_db.imports.trade_files.inputs import members, text_of


def floor(path: Path) -> int:
    rows = 0
    for member in members(path):
        with text_of(member) as (text, _):
            first = text.readline()
            delimiter = "\t" if "\t" in first else ","
            rows += sum(1 for _ in csv.reader(text, delimiter=delimiter))
    return rows


def read(path: Path) -> tuple[int, ComtradeReader]:
    reader = ComtradeReader([path])
    return sum(1 for _ in reader.rows()), reader


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        started = time.process_time()
        lines = floor(path)
        base = time.process_time() - started
        started = time.process_time()
        rows, reader = read(path)
        cpu = time.process_time() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{path.name}: {rows:,} rows ({lines:,} lines); floor {base:.1f} s CPU, "
            f"reader {cpu:.1f} s CPU ({rows / cpu:,.0f} rows/s), {cpu / base:.1f}x the floor; "
            f"peak RSS {peak:,.0f} MiB; {reader.rounded_values:,} values rounded to the cent, "
            f"{len(reader.unplaced)} codes unplaced",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
