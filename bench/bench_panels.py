"""Benchmark the panels at COW's scale, as ratios to baselines measured in the same run.

    .venv/bin/python bench/bench_panels.py \
        --cow-trade ../shared/data/cow/Dyadic_COW_4.0_subset.csv.gz \
        [--db URL] [--data ../shared/data/cow]

Builds the database as a user does (quickstart, then import cow-trade FILE; the import's time
includes the panels' refresh), in --db (an EMPTY database) or a temporary SQLite file, then:

- one dyad of the dyad-year view (every year of USA-UK), and the first page (LIMIT 101) of each
  panel view, against the same query on a plain indexed table holding the view's rows;
- the whole country-year panel written to CSV by the export's code, against the same rows
  read from a plain table and written by the same writer;
- the whole dyad-year panel exported to Parquet by `bilateral-db export panel` (a process of
  its own, its peak RSS measured), against DuckDB building the same panel (state-years of the
  COW list, shared full memberships of COW IGO, both directions of COW trade) from the raw
  files and writing it to Parquet, when duckdb is installed (`pip install duckdb`);
- on SQLite, each view's first page through Datasette (in-process), as a browser asks for it.

Nothing here asserts a time; docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from bilateral_db.db import make_engine
from bilateral_db.reports.panel import panel_columns, panel_rows

CLI = str(Path(sys.executable).with_name("bilateral-db"))
VIEWS = ("v_country_year", "v_country_year_gw", "v_dyad_year", "v_dyad_year_gw")

DUCKDB_PANEL = """
COPY (
    WITH state_year AS (
        SELECT DISTINCT ccode, UNNEST(generate_series(styear, endyear)) AS year
        FROM read_csv('{states}')
    ),
    member AS (
        SELECT ccode, year, igo
        FROM (UNPIVOT (SELECT * EXCLUDE (state) FROM read_csv('{igo}'))
              ON COLUMNS(* EXCLUDE (ccode, year)) INTO NAME igo VALUE status)
        WHERE status = 1
    ),
    shared AS (
        SELECT a.ccode AS ccode1, b.ccode AS ccode2, a.year, COUNT(*) AS shared_memberships
        FROM member a JOIN member b ON b.igo = a.igo AND b.year = a.year AND b.ccode <> a.ccode
        GROUP BY ALL
    ),
    raw AS (SELECT * FROM read_csv('{trade}')),
    trade AS (
        SELECT ccode1, ccode2, year, NULLIF(flow1, -9) AS imports, NULLIF(flow2, -9) AS exports
        FROM raw
        UNION ALL
        SELECT ccode2, ccode1, year, NULLIF(flow2, -9), NULLIF(flow1, -9) FROM raw
    )
    SELECT s.ccode AS ccode1, o.ccode AS ccode2, s.year, m.shared_memberships,
           t.exports, t.imports, t.exports + t.imports AS total
    FROM state_year s
    JOIN state_year o ON o.year = s.year AND o.ccode <> s.ccode
    LEFT JOIN shared m ON m.ccode1 = s.ccode AND m.ccode2 = o.ccode AND m.year = s.year
    LEFT JOIN trade t ON t.ccode1 = s.ccode AND t.ccode2 = o.ccode AND t.year = s.year
    ORDER BY 1, 2, 3
) TO '{out}' (FORMAT parquet)
"""


def best(call: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def build(url: str, cow_trade: Path) -> None:
    for command in (["quickstart"], ["import", "cow-trade", str(cow_trade)]):
        start = time.perf_counter()
        subprocess.run([CLI, *command, "--db", url], stdout=subprocess.DEVNULL, check=True)
        print(f"  {' '.join(command[:2]):<24} {time.perf_counter() - start:8.1f} s")


def plain_copies(engine: Engine) -> None:
    """Each panel view's rows in a plain table, indexed by its key: the baseline's floor."""
    with engine.begin() as connection:
        for view in VIEWS:
            key = "ccode1, ccode2, year" if "dyad" in view else "ccode, year"
            if view.endswith("_gw"):
                key = key.replace("ccode", "gwcode")
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS plain_{view}")
            connection.exec_driver_sql(f"CREATE TABLE plain_{view} AS SELECT * FROM {view}")
            connection.exec_driver_sql(f"CREATE INDEX plain_{view}_key ON plain_{view} ({key})")
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"ANALYZE plain_{view}")


def drop_plain(engine: Engine) -> None:
    with engine.begin() as connection:
        for view in VIEWS:
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS plain_{view}")


def queries(engine: Engine) -> list[tuple[str, float, float]]:
    """(what, seconds, baseline seconds) for the point queries."""
    found = []
    dyad = "SELECT * FROM {} WHERE ccode1 = 2 AND ccode2 = 200 ORDER BY year"
    cases = [("one dyad, every year (USA-UK)", dyad, "v_dyad_year")]
    cases += [(f"{view} LIMIT 101", "SELECT * FROM {} LIMIT 101", view) for view in VIEWS]
    with engine.connect() as connection:
        for name, query, view in cases:
            ours = best(lambda q=query.format(view): connection.exec_driver_sql(q).all())
            plain = best(
                lambda q=query.format(f"plain_{view}"): connection.exec_driver_sql(q).all()
            )
            found.append((name, ours, plain))
    return found


def _csv(rows: object, columns: list[str]) -> int:
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerow(columns)
    count = 0
    for row in rows:  # type: ignore[attr-defined]
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
        count += 1
    return count


def country_year_export(engine: Engine) -> tuple[float, float, int]:
    """The export's own rows and writer against the same rows from the plain table."""
    columns = panel_columns("country-year")
    with engine.connect() as connection:
        ours = best(lambda: _csv(panel_rows(connection, unit="country-year"), columns), 3)
        plain_columns = [c.removesuffix("_usd") for c in columns]
        query = "SELECT * FROM plain_v_country_year ORDER BY ccode, year"

        def plain() -> int:
            result = connection.exec_driver_sql(query).mappings()
            renamed = (
                {c: r.get(c, r.get(f"{c}_usd_minor")) for c in plain_columns} for r in result
            )
            return _csv(renamed, plain_columns)

        baseline = best(plain, 3)
        rows = _csv(panel_rows(connection, unit="country-year"), columns)
    return ours, baseline, rows


def dyad_year_export(url: str, directory: Path) -> tuple[float, float]:
    """`bilateral-db export panel --unit dyad-year` to Parquet: wall seconds, peak RSS MiB."""
    out = directory / "dyads.parquet"
    start = time.perf_counter()
    process = subprocess.Popen(
        [CLI, "export", "panel", "--unit", "dyad-year", "--out", str(out), "--db", url],
        stdout=subprocess.DEVNULL,
    )
    # This process's own peak, not the largest of every child so far (the import's).
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the export failed: {os.waitstatus_to_exitcode(status)}")
    return seconds, usage.ru_maxrss / 1024


def duckdb_panel(data: Path, cow_trade: Path, directory: Path) -> float | None:
    try:
        import duckdb
    except ImportError:
        print("  (duckdb is not installed: pip install duckdb for its baseline)")
        return None
    query = DUCKDB_PANEL.format(
        states=data / "states2016.csv",
        igo=data / "state_year_formatv3.csv.gz",
        trade=cow_trade,
        out=directory / "duck.parquet",
    )
    start = time.perf_counter()
    duckdb.connect().execute(query)
    return time.perf_counter() - start


def datasette_pages(path: Path) -> list[tuple[str, float]]:
    """Each view's first page through Datasette's own client (HTML, as a browser asks), and
    the page of the plain table holding v_dyad_year's rows: the floor for 2.3M rows, since
    Datasette's facet suggestions try each column of every page (3 kinds, 50 ms each)."""
    from datasette.app import Datasette

    instance = Datasette([str(path)])  # its default settings: a 1 s limit on each query
    name = path.stem

    async def pages() -> list[tuple[str, float]]:
        found = []
        for view in (*VIEWS, "plain_v_dyad_year"):
            start = time.perf_counter()
            response = await instance.client.get(f"/{name}/{view}")  # 400: a query timed out
            found.append(
                (f"Datasette /{name}/{view} ({response.status_code})", time.perf_counter() - start)
            )
        return found

    return asyncio.run(pages())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cow-trade", type=Path, required=True)
    parser.add_argument("--db", help="an EMPTY database to build in (default: temporary SQLite)")
    parser.add_argument("--data", type=Path, default=Path("../shared/data/cow"))
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        url = arguments.db or f"sqlite:///{directory / 'panels.sqlite'}"
        print(f"building {url.split('@')[-1]}")
        build(url, arguments.cow_trade)
        engine = make_engine(url)
        try:
            plain_copies(engine)
            print(f"{engine.dialect.name}: query, ours, plain table, ratio")
            for what, ours, plain in queries(engine):
                ratio = ours / plain
                print(f"  {what:<36} {ours * 1000:9.1f} ms {plain * 1000:9.1f} ms {ratio:6.2f}x")
            ours, plain, rows = country_year_export(engine)
            print(
                f"  country-year to CSV ({rows:,} rows)   {ours:9.2f} s  {plain:9.2f} s "
                f"{ours / plain:6.2f}x"
            )
            if engine.dialect.name == "sqlite":
                for what, page in datasette_pages(Path(url.removeprefix("sqlite:///"))):
                    print(f"  {what:<52} {page * 1000:9.1f} ms")
            drop_plain(engine)
            seconds, peak = dyad_year_export(url, directory)
            duck = duckdb_panel(arguments.data, arguments.cow_trade, directory)
            versus = f"DuckDB from the files {duck:.1f} s, {seconds / duck:.2f}x" if duck else ""
            print(
                f"  dyad-year export to Parquet {seconds:.1f} s, peak RSS {peak:.0f} MiB; {versus}"
            )
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
