"""Benchmark `import cow-trade` against the bulk-write baseline of the same run, as ratios.

    .venv/bin/python bench/bench_import.py PATH [--db URL]

PATH is a COW Trade v4.0 dyadic file (the peacesciencer subset: 673,654 rows, 1.35M figures).
On a fresh database (a temporary SQLite file, or --db naming an EMPTY PostgreSQL database) that
holds the bundled fixtures and the COW state list:

- import: `bilateral-db import cow-trade PATH` as a user runs it (a child process: its wall
  time and peak RSS);
- unchanged: the same file again (the file's hash matches: nothing is read);
- merge, nothing changed: the same rows from another file (the .csv of the .gz), so every
  row goes through the staging table and the merge, and none is written;
- baseline, the least work that stores these rows: PostgreSQL, COPY the prepared rows (read
  back from the import) into a bare copy of trade_figure, then build its indexes and foreign
  keys; SQLite, a raw executemany of the same rows into trade_figure itself;
- reads: `report trade USA CAN` in-process (median of 5), one pair from v_trade and from
  v_dyad_year, with whether the plan scans the whole trade table.

Times are printed as multiples of the baseline; nothing asserts a time.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bilateral_db import migrations, reports
from bilateral_db.db import make_engine
from bilateral_db.imports import bundled_path, import_dataset
from bilateral_db.load import load_fixtures

COLUMNS = (
    "release_id, reporter_actor_id, partner_actor_id, period_start, period_precision, flow, "
    "category_id, valuation, value_status, value_minor, currency_code, qualifier, alternative"
)
CLI = str(Path(sys.executable).with_name("bilateral-db"))
INDEXES = (
    "ALTER TABLE bare ADD PRIMARY KEY (id)",
    "CREATE INDEX ON bare (category_id)",
    "CREATE INDEX ON bare (partner_actor_id)",
    "CREATE UNIQUE INDEX ON bare (reporter_actor_id, partner_actor_id, period_start, "
    "period_precision, flow, category_id, valuation, release_id, alternative)",
    "CREATE UNIQUE INDEX ON bare (fact_id)",
    "CREATE UNIQUE INDEX ON bare (alternative_of_id, alternative) "
    "WHERE alternative_of_id IS NOT NULL",
    "ALTER TABLE bare ADD FOREIGN KEY (reporter_actor_id) REFERENCES actor (id), "
    "ADD FOREIGN KEY (partner_actor_id) REFERENCES actor (id), "
    "ADD FOREIGN KEY (category_id) REFERENCES product_category (id), "
    "ADD FOREIGN KEY (currency_code) REFERENCES currency (code), "
    "ADD FOREIGN KEY (fact_id) REFERENCES fact (id) ON DELETE CASCADE, "
    "ADD FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE, "
    "ADD FOREIGN KEY (alternative_of_id) REFERENCES bare (id) ON DELETE CASCADE",
)


def cli_import(url: str, path: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (bytes) and the summary line of the CLI import."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [CLI, "import", "cow-trade", str(path), "--db", url],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) * 1024, done.stdout.splitlines()[0]


def prepared_rows(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.exec_driver_sql(
                f"SELECT {COLUMNS} FROM trade_figure WHERE release_id = "
                "(SELECT id FROM release WHERE dataset = 'cow-trade')"
            )
        ]


def copy_text(rows: list[tuple[Any, ...]]) -> bytes:
    """The rows as COPY's text format, prepared before the clock starts."""
    return "".join(
        "\t".join("\\N" if value is None else str(value) for value in row) + "\n" for row in rows
    ).encode()


def postgresql_baseline(engine: Engine, rows: list[tuple[Any, ...]]) -> tuple[float, float]:
    """Seconds for COPY alone, and for COPY then every index and foreign key."""
    data = copy_text(rows)
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        start = time.perf_counter()
        # NOT NULL and defaults only: no index, no constraint
        connection.exec_driver_sql("CREATE TABLE bare (LIKE trade_figure INCLUDING DEFAULTS)")
        statement = f"COPY bare ({COLUMNS}) FROM STDIN"
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for offset in range(0, len(data), 1 << 20):
                copy.write(data[offset : offset + (1 << 20)])
        copied = time.perf_counter() - start
        for statement in INDEXES:
            connection.exec_driver_sql(statement)
        seconds = time.perf_counter() - start
        connection.rollback()
    return copied, seconds


def sqlite_baseline(url: str, rows: list[tuple[Any, ...]]) -> float:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(
                "INSERT INTO release (id, slug, dataset, title, publisher, citation, url, "
                "precedence, file_name, file_sha256, imported_at) VALUES (?, 'bench', 'bench', "
                "'t', 'p', 'c', 'u', 50, 'f', 's', '2026-01-01')",
                (rows[0][0],),
            )
            driver = connection.connection.driver_connection
            marks = ", ".join("?" for _ in COLUMNS.split(","))
            start = time.perf_counter()
            for i in range(0, len(rows), 20_000):
                driver.executemany(  # type: ignore[union-attr]
                    f"INSERT INTO trade_figure ({COLUMNS}) VALUES ({marks})", rows[i : i + 20_000]
                )
            seconds = time.perf_counter() - start
            connection.rollback()
    finally:
        engine.dispose()
    return seconds


def median_ms(step: Any, times: int = 5) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        step()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def plan(engine: Engine, sql: str) -> str:
    """Whether the plan reads every row of trade_figure."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            lines = [r[0] for r in connection.exec_driver_sql(f"EXPLAIN {sql}")]
            scans = [line.strip() for line in lines if "Seq Scan on trade_figure" in line]
        else:
            lines = [r[-1] for r in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
            scans = [line for line in lines if line.startswith("SCAN tf") or "trade_figure" in line]
            scans = [line for line in scans if line.startswith("SCAN")]
    return "full scan of trade_figure: " + ("; ".join(scans) if scans else "none")


def reads(engine: Engine) -> None:
    def trade() -> None:
        with Session(engine) as session:
            reports.trade_between(session, a="USA", b="CAN")

    with Session(engine) as session:
        rows = reports.trade_between(session, a="USA", b="CAN")
    print(f"report trade USA CAN: {len(rows)} rows, p50 {median_ms(trade):,.0f} ms")
    for name, sql in (
        (
            "v_trade USA->CAN",
            "SELECT * FROM v_trade WHERE reporter_code = 'USA' AND partner_code = 'CAN'",
        ),
        ("v_dyad_year 2-20", "SELECT * FROM v_dyad_year WHERE ccode1 = 2 AND ccode2 = 20"),
    ):
        with engine.connect() as connection:
            start = time.perf_counter()
            count = len(connection.exec_driver_sql(sql).all())
            ms = (time.perf_counter() - start) * 1000
        print(f"{name}: {count} rows, {ms:,.0f} ms; {plan(engine, sql)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="Dyadic_COW_4.0 (.csv or .csv.gz)")
    parser.add_argument("--db", help="URL of an EMPTY PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = args.db or f"sqlite:///{work / 'bench.sqlite'}"
        migrations.upgrade(url)
        engine = make_engine(url)
        load_fixtures(engine)
        import_dataset(engine, "cow-states", bundled_path("cow-states"))
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            engine.dispose()
            shutil.copy(work / "bench.sqlite", work / "baseline.sqlite")
        seconds, rss, summary = cli_import(url, args.path)
        print(summary[:160])
        print(f"import: {seconds:.1f} s, peak RSS {rss / 2**20:,.0f} MiB", flush=True)
        unchanged, _, _ = cli_import(url, args.path)
        print(f"unchanged re-import (same file): {unchanged:.1f} s")
        same_rows = work / "same_rows.csv"
        opener = gzip.open if args.path.suffix == ".gz" else open
        with opener(args.path, "rb") as source, same_rows.open("wb") as target:
            shutil.copyfileobj(source, target)
        merged, _, merge_summary = cli_import(url, same_rows)
        print(merge_summary[:160])
        print(f"merge, nothing changed (same rows, new file): {merged:.1f} s", flush=True)
        rows = prepared_rows(engine)
        if sqlite:
            base = sqlite_baseline(f"sqlite:///{work / 'baseline.sqlite'}", rows)
            what = "raw executemany into trade_figure"
        else:
            copied, base = postgresql_baseline(engine, rows)
            print(f"raw COPY into a bare table: {copied:.1f} s")
            what = "COPY into a bare table, then its indexes and foreign keys"
        del rows
        print(f"baseline ({what}): {base:.1f} s")
        print(f"import / baseline: {seconds / base:.2f}x")
        print(f"unchanged re-import (same file) / baseline: {unchanged / base:.2f}x")
        print(f"merge, nothing changed (same rows, new file) / baseline: {merged / base:.2f}x")
        reads(engine)
        engine.dispose()


if __name__ == "__main__":
    main()
