"""The 10M-row run: `import comtrade` of a large file on PostgreSQL, then what a user does next.

    .venv/bin/python bench/bench_scale.py [--rows 10000000 | --file PATH…] \
        [--server postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--keep]

A temporary database on `--server` (dropped at the end unless `--keep`) gets the bundled
fixtures; then, printed:

- the import as a user runs it (`bilateral-db import comtrade FILE`, a child process): wall
  time, its resident memory sampled every second (flat: the peak and the RSS at each tenth of
  the run), and the peak (VmHWM);
- `report trade A B` on one pair, in-process (median of 7) and as a command (wall, start-up
  included);
- an unchanged `bilateral-db load` (the bundled fixtures again, nothing to write), as a
  command (wall) and in-process, with and without the index on trade_figure (release_id) of
  migration 0013 (dropped, measured, built again: that build is what the migration costs);
- an unchanged re-import, wall time.

Targets (issue 19): flat RSS < 250 MB, the report < 50 ms, the unchanged load < 2 s. Nothing
asserts a time; the load average is printed with each figure, since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, make_url
from sqlalchemy.orm import Session

from bilateral_db import migrations, reports
from bilateral_db.db import make_engine
from bilateral_db.load import load_fixtures

HERE = Path(__file__).resolve().parent
CLI = str(Path(sys.executable).with_name("bilateral-db"))
PAIR = ("USA", "CHN")
RELEASE_INDEX = "ix_trade_figure_release_id"


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def run(argv: list[str]) -> tuple[float, list[int], int, str]:
    """Wall seconds, RSS samples (bytes, one a second), peak RSS and stdout of a CLI call."""
    start = time.perf_counter()
    child = subprocess.Popen([CLI, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    samples: list[int] = []
    peak = 0
    status = Path(f"/proc/{child.pid}/status")
    next_sample = start
    while child.poll() is None:
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
            rss = int(fields["VmRSS"].split()[0]) * 1024
            peak = max(peak, int(fields["VmHWM"].split()[0]) * 1024)
            if time.perf_counter() >= next_sample:
                samples.append(rss)
                next_sample += 1.0
        except (FileNotFoundError, ProcessLookupError, KeyError):
            pass
        time.sleep(0.05)
    out, err = child.communicate()
    seconds = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{argv[:2]} failed:\n{out.decode()}\n{err.decode()}")
    return seconds, samples, peak, out.decode()


def unchanged_load(engine: Engine, url: str, label: str) -> None:
    """The bundled fixtures loaded again (nothing to write): in-process, then as a command,
    with the command's CPU time (user + system), which a busy machine does not inflate as it
    does the wall time."""
    inside = []
    for _ in range(3):
        start = time.perf_counter()
        load_fixtures(engine)
        inside.append(time.perf_counter() - start)
    loads, cpu = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        loads.append(run(["load", "--db", url])[0])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(
        f"{label}: {', '.join(f'{s:.2f}' for s in loads)} s as a command (CPU "
        f"{', '.join(f'{s:.2f}' for s in cpu)} s), in-process median "
        f"{statistics.median(inside):.2f} s (target < 2 s; load average {load_average()})",
        flush=True,
    )


def mib(value: float) -> str:
    return f"{value / 2**20:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--file", type=Path, nargs="*", help="Comtrade files (default: generate)")
    parser.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--keep", action="store_true", help="keep the database (its URL printed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = args.file
        if not paths:
            sys.path.insert(0, str(HERE))
            import generate_comtrade

            paths = generate_comtrade.write(Path(tmp), args.rows, layout="legacy")
        size = sum(path.stat().st_size for path in paths)
        print(f"files: {', '.join(p.name for p in paths)}, {mib(size)} MiB", flush=True)
        server = make_engine(args.server)
        name = f"bench_scale_{uuid.uuid4().hex[:12]}"
        with server.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql(f"CREATE DATABASE {name}")
        url = make_url(args.server).set(database=name).render_as_string(False)
        try:
            migrations.upgrade(url)
            engine = make_engine(url)
            load_fixtures(engine)
            files = [str(p) for p in paths]
            seconds, samples, peak, out = run(["import", "comtrade", *files, "--db", url])
            print(out.splitlines()[0][:240])
            print(f"import: {seconds:,.1f} s (load average {load_average()})")
            tenths = [samples[min(len(samples) - 1, len(samples) * i // 10)] for i in range(11)]
            print(f"  RSS at each tenth of the run, MiB: {', '.join(mib(r) for r in tenths)}")
            print(f"  peak RSS {mib(peak)} MiB (target < 250 MB)", flush=True)
            with engine.connect() as connection:
                figures = connection.exec_driver_sql("SELECT count(*) FROM trade_figure").scalar()
            print(f"trade_figure holds {figures:,} rows")
            timings = []
            count = 0
            for _ in range(7):
                start = time.perf_counter()
                with Session(engine) as session:
                    count = len(reports.trade_between(session, a=PAIR[0], b=PAIR[1]))
                timings.append((time.perf_counter() - start) * 1000)
            print(
                f"report trade {' '.join(PAIR)} in-process: {count} rows, median "
                f"{statistics.median(timings):,.1f} ms, best {min(timings):,.1f} ms "
                f"(target < 50 ms; load average {load_average()})"
            )
            wall, _, _, _ = run(["report", "trade", *PAIR, "--db", url])
            print(f"  as a command (start-up included): {wall * 1000:,.0f} ms")
            unchanged_load(engine, url, "unchanged load")
            with engine.begin() as connection:  # the schema before 0013, for comparison
                connection.exec_driver_sql(f"DROP INDEX {RELEASE_INDEX}")
            unchanged_load(engine, url, f"  the same without {RELEASE_INDEX} (before 0013)")
            start = time.perf_counter()
            with engine.begin() as connection:
                connection.exec_driver_sql(
                    f"CREATE INDEX {RELEASE_INDEX} ON trade_figure (release_id)"
                )
            built = time.perf_counter() - start
            print(f"  building the index again (what 0013 costs): {built:.1f} s")
            again, _, _, _ = run(["import", "comtrade", *files, "--db", url])
            print(f"unchanged re-import: {again:.2f} s", flush=True)
            engine.dispose()
        finally:
            if not args.keep:
                with server.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            else:
                print(f"kept: {url}")
            server.dispose()


if __name__ == "__main__":
    main()
