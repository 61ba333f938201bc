"""Benchmark `import comtrade` on both backends against the bulk-write floor of the same run.

    .venv/bin/python bench/bench_import.py [--rows 1000000] [--file PATH…] \
        [--server postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--backend both]

A Comtrade file of `--rows` figures is generated (bench/generate_comtrade.py, legacy layout),
unless `--file` names files. For each backend, a fresh database (a temporary SQLite file; a
temporary PostgreSQL database on `--server`, dropped at the end) holds the bundled fixtures;
then, printed as one table:

- import: `bilateral-db import comtrade FILE` as a user runs it (a child process: wall time and
  peak RSS). On PostgreSQL the release's figures are built as a table of their own and
  attached as its partition of trade_figure (bilateral_db.writing.partitions);
- the same import into a copy of the database made before it, while a reader loops `report
  trade` on one pair (p50/p99/max latency; the reader's CPU is taken from the import's);
- unchanged re-import: the same file again (its hash matches: nothing is read);
- changed file merged: the file with every 100th value changed, merged (1 % updated);
- the writing layer alone on the parsed rows, as a new release, attach included
  (PostgreSQL);
- the floor, the least work that stores the same rows (read back from the import):
  PostgreSQL, COPY into a bare copy of trade_figure, then its keys, indexes and foreign keys
  (read from the models); SQLite, a raw executemany into trade_figure itself;
- `report trade` on one pair after the import (median of 5).

On PostgreSQL each timed step, the floor's too, starts after a CHECKPOINT: none pays for
writing out the pages the step before it left dirty. Ratios are printed against the floor
and the issue's targets; nothing asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import (
    Connection,
    Engine,
    ForeignKeyConstraint,
    Index,
    UniqueConstraint,
    make_url,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bilateral_db import migrations, reports
from bilateral_db.db import make_engine
from bilateral_db.load import load_fixtures
from bilateral_db.models import Base

HERE = Path(__file__).resolve().parent
CLI = str(Path(sys.executable).with_name("bilateral-db"))
TABLE = Base.metadata.tables["trade_figure"]
COLUMNS = [c.name for c in TABLE.c if c.name != "id"]
PAIR = ("USA", "CHN")  # the generator's largest reporter and a large partner
TARGETS = {"import": 2.0, "unchanged": 0.2, "changed": 1.5, "sqlite": 1.5}


def checkpoint(url: str) -> None:
    """PostgreSQL: write out what earlier steps left dirty before a step is timed, so that no
    timed step pays for the writes of the one before (the floor included)."""
    if make_url(url).get_backend_name() != "postgresql":
        return
    engine = make_engine(url)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("CHECKPOINT")
    finally:
        engine.dispose()


def cli_import(url: str, paths: list[Path]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (bytes) and the summary line of the CLI import. The peak is the
    child's own high-water mark (VmHWM, read while it runs): the rusage of children would
    count the bench's memory, which a child shares until it runs the CLI."""
    checkpoint(url)
    start = time.perf_counter()
    child = subprocess.Popen(
        [CLI, "import", "comtrade", *map(str, paths), "--db", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    status = Path(f"/proc/{child.pid}/status")
    while child.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) * 1024)
        except (FileNotFoundError, ProcessLookupError):
            pass
        time.sleep(0.1)
    out, err = child.communicate()
    seconds = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"import failed:\n{out}\n{err}")
    return seconds, peak, out.splitlines()[0]


class Reader(threading.Thread):
    """`report trade` on one pair in a loop, each call timed, until stopped."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(daemon=True)
        self.engine = engine
        self.samples: list[float] = []
        self.refused = 0  # reads that failed: the database was locked past the busy timeout
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            start = time.perf_counter()
            try:
                with Session(self.engine) as session:
                    reports.trade_between(session, a=PAIR[0], b=PAIR[1], year_from=2019)
            except OperationalError:  # SQLite: locked out past its busy timeout
                self.refused += 1
            self.samples.append((time.perf_counter() - start) * 1000)
            time.sleep(0.02)

    def stop(self) -> str:
        self.stopping.set()
        self.join()
        ordered = sorted(self.samples)
        if not ordered:
            return "no reads"
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (
            f"{len(ordered)} reads: p50 {statistics.median(ordered):,.0f} ms, "
            f"p99 {p99:,.0f} ms, max {ordered[-1]:,.0f} ms, {self.refused} refused (locked)"
        )


def _text(path: Path) -> TextIO:
    """`path` opened as text, gzip-compressed (.gz) or not."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def changed_copy(paths: list[Path], out: Path) -> list[Path]:
    """The files with every 100th figure's value one dollar higher (empty values stay),
    written uncompressed whatever `--file` gave (the importer reads either). Either layout:
    the legacy CSV's trade value, or Comtrade+'s primary value (tab-separated) with the CIF or
    FOB value that states the same number."""
    written = []
    for path in paths:
        plain = path.name.removesuffix(".gz")
        target = out / f"changed-{plain}"
        with _text(path) as source, target.open("w", encoding="utf-8", newline="") as sink:
            delimiter = "\t" if "\t" in source.readline() else ","
            source.seek(0)
            rows = csv.reader(source, delimiter=delimiter)
            writer = csv.writer(sink, delimiter=delimiter, lineterminator="\n")
            header = next(rows)
            writer.writerow(header)
            legacy = "Trade Value (US$)" in header
            value = header.index("Trade Value (US$)" if legacy else "primaryValue")
            same = [] if legacy else [header.index("cifvalue"), header.index("fobvalue")]
            for number, row in enumerate(rows):
                if number % 100 == 0 and row[value]:
                    given = row[value]
                    row[value] = str(Decimal(given) + 1)
                    for column in same:
                        if row[column] == given:
                            row[column] = row[value]
                writer.writerow(row)
        written.append(target)
    return written


def prepared_rows(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.exec_driver_sql(
                f"SELECT {', '.join(COLUMNS)} FROM trade_figure WHERE release_id = "
                "(SELECT id FROM release WHERE dataset = 'comtrade')"
            )
        ]


def _keys_and_indexes() -> list[str]:
    """trade_figure's primary key, unique keys, indexes and foreign keys, for the bare copy."""
    statements = ["ALTER TABLE bare ADD PRIMARY KEY (id)"]
    for constraint in TABLE.constraints:
        if isinstance(constraint, UniqueConstraint):
            names = ", ".join(c.name for c in constraint.columns)
            statements.append(f"CREATE UNIQUE INDEX ON bare ({names})")
    for index in TABLE.indexes:
        assert isinstance(index, Index)
        names = ", ".join(c.name for c in index.columns)  # type: ignore[union-attr]
        where = index.dialect_options["postgresql"].get("where")
        statements.append(
            f"CREATE {'UNIQUE ' if index.unique else ''}INDEX ON bare ({names})"
            + (f" WHERE {where}" if where is not None else "")
        )
    keys = []
    for key in TABLE.constraints:
        if isinstance(key, ForeignKeyConstraint):
            referred = key.referred_table.name
            referred = "bare" if referred == TABLE.name else referred
            own = ", ".join(c.name for c in key.columns)
            other = ", ".join(e.column.name for e in key.elements)
            cascade = f" ON DELETE {key.ondelete}" if key.ondelete else ""
            keys.append(f"ADD FOREIGN KEY ({own}) REFERENCES {referred} ({other}){cascade}")
    statements.append("ALTER TABLE bare " + ", ".join(keys))
    return statements


def copy_text(rows: list[tuple[Any, ...]]) -> bytes:
    """The rows as COPY text, made before a clock starts."""
    return "".join(
        "\t".join("\\N" if v is None else str(v) for v in row) + "\n" for row in rows
    ).encode()


def copy_into(connection: Connection, table: str, data: bytes) -> None:
    driver = connection.connection.driver_connection
    statement = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
        for offset in range(0, len(data), 1 << 20):
            copy.write(data[offset : offset + (1 << 20)])


def postgresql_floor(engine: Engine, rows: list[tuple[Any, ...]]) -> tuple[float, float]:
    """Seconds for COPY alone, and for COPY then every key, index and foreign key."""
    data = copy_text(rows)
    checkpoint(engine.url.render_as_string(False))
    with engine.connect() as connection:
        start = time.perf_counter()
        connection.exec_driver_sql("CREATE TABLE bare (LIKE trade_figure INCLUDING DEFAULTS)")
        copy_into(connection, "bare", data)
        copied = time.perf_counter() - start
        for sql in _keys_and_indexes():
            connection.exec_driver_sql(sql)
        seconds = time.perf_counter() - start
        connection.rollback()
    return copied, seconds


def sqlite_floor(url: str, rows: list[tuple[Any, ...]], imported: Path) -> float:
    """A raw executemany of the rows into trade_figure of the database before the import
    (given the regions the import created, read from the `imported` database, untimed)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("ATTACH DATABASE ? AS imported", (str(imported),))
            connection.exec_driver_sql(
                "INSERT INTO release (id, slug, dataset, title, publisher, citation, url, "
                "precedence, file_name, file_sha256, imported_at) VALUES (?, 'bench', 'bench', "
                "'t', 'p', 'c', 'u', 50, 'f', 's', '2026-01-01')",
                (rows[0][COLUMNS.index("release_id")],),
            )
            connection.exec_driver_sql(
                "INSERT INTO product_category (id, code, name, scheme) "
                "SELECT value, 'bench:' || value, 'b', 'hs' FROM json_each(?) "
                "WHERE value NOT IN (SELECT id FROM product_category)",
                (str(sorted({row[COLUMNS.index("category_id")] for row in rows})),),
            )
            for table in ("region", "actor"):
                connection.exec_driver_sql(
                    f"INSERT INTO {table} SELECT * FROM imported.{table} "
                    f"WHERE id NOT IN (SELECT id FROM main.{table})"
                )
            driver = connection.connection.driver_connection
            marks = ", ".join("?" for _ in COLUMNS)
            start = time.perf_counter()
            for i in range(0, len(rows), 20_000):
                driver.executemany(  # type: ignore[union-attr]
                    f"INSERT INTO trade_figure ({', '.join(COLUMNS)}) VALUES ({marks})",
                    rows[i : i + 20_000],
                )
            seconds = time.perf_counter() - start
            connection.rollback()
    finally:
        engine.dispose()
    return seconds


def write_path(engine: Engine, rows: list[tuple[Any, ...]]) -> float:
    """Seconds for the writing layer alone to stage and write the parsed rows as a new release
    (then rolled back): the import without its file parsing. On PostgreSQL the release's
    rows are built beside trade_figure and attached as its partition."""
    from bilateral_db.imports.trade_figures import FIGURE_COLUMNS
    from bilateral_db.writing import put_in_place, target, write_transaction

    positions = [COLUMNS.index(c) for c in FIGURE_COLUMNS]
    checkpoint(engine.url.render_as_string(False))
    with write_transaction(engine, 60) as connection:
        release = connection.exec_driver_sql(
            "INSERT INTO release (slug, dataset, title, publisher, citation, url, "
            "precedence) VALUES ('bench-write', 'bench-write', 't', 'p', 'c', 'u', 90) "
            "RETURNING id"
        ).scalar_one()
        fixed = {"release_id": release, "alternative": 0, "series": "reported"}
        figures = target(
            connection,
            TABLE,
            FIGURE_COLUMNS,
            {**fixed, "currency_code": "USD"},
            file="b",
            early=True,
        )
        start = time.perf_counter()
        for line, row in enumerate(rows, start=2):
            figures.add((line, *(row[i] for i in positions)))
        figures.finish()
        put_in_place(connection)
        seconds = time.perf_counter() - start
        connection.rollback()
    return seconds


def report_ms(engine: Engine) -> str:
    samples = []
    count = 0
    for _ in range(5):
        start = time.perf_counter()
        with Session(engine) as session:
            count = len(reports.trade_between(session, a=PAIR[0], b=PAIR[1]))
        samples.append((time.perf_counter() - start) * 1000)
    return f"{count} rows, median {statistics.median(samples):,.0f} ms"


def _load() -> str:
    """The machine's load average (1, 5, 15 minutes): the runs share it."""
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def ratio(name: str, seconds: float, floor: float) -> str:
    value = seconds / floor
    met = "met" if value <= TARGETS[name] else "NOT met"
    return f"{value:.2f}x (target {TARGETS[name]}x: {met})"


@contextmanager
def _twin(url: str, work: Path) -> Iterator[str]:
    """A copy of the database at `url` (a template on PostgreSQL, a file on SQLite), dropped
    after."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        copy = work / "twin.sqlite"
        shutil.copy(str(parsed.database), copy)
        yield f"sqlite:///{copy}"
        copy.unlink()
        return
    name = f"{parsed.database}_twin"
    server = make_engine(parsed.set(database="postgres").render_as_string(False))
    with server.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {parsed.database}")
    try:
        yield parsed.set(database=name).render_as_string(False)
    finally:
        with server.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        server.dispose()


def bench(backend: str, url: str, work: Path, paths: list[Path]) -> None:
    print(f"\n== {backend} ==", flush=True)
    migrations.upgrade(url)
    engine = make_engine(url)
    load_fixtures(engine)
    sqlite = backend == "sqlite"
    engine.dispose()
    if sqlite:
        shutil.copy(work / "bench.sqlite", work / "floor.sqlite")
    with _twin(url, work) as twin:  # the same database, for the import beside a reader
        seconds, rss, summary = cli_import(url, paths)
        print(summary[:200])
        print(f"import: {seconds:.1f} s, peak RSS {rss / 2**20:,.0f} MiB (load average {_load()})")
        twin_engine = make_engine(twin)
        reader = Reader(twin_engine)
        reader.start()
        beside, _, _ = cli_import(twin, paths)
        reads = reader.stop()
        twin_engine.dispose()
    print(
        f"the same import into a copy of the database with a reader looping `report trade "
        f"{' '.join(PAIR)}` (its CPU shared with the import): {beside:.1f} s; reads: {reads}"
    )
    unchanged, _, _ = cli_import(url, paths)
    print(f"unchanged re-import: {unchanged:.1f} s", flush=True)
    changed = changed_copy(paths, work)
    merged, _, merge_summary = cli_import(url, changed)
    print(merge_summary[merge_summary.find("(") :][:120])
    print(f"changed file merged: {merged:.1f} s", flush=True)
    cli_import(url, paths)  # the original rows again, for the floor
    rows = prepared_rows(engine)
    if sqlite:
        floor = sqlite_floor(f"sqlite:///{work / 'floor.sqlite'}", rows, work / "bench.sqlite")
        print(f"floor, raw executemany of {len(rows):,} rows: {floor:.1f} s")
        print(f"import / floor: {ratio('sqlite', seconds, floor)}")
    else:
        copied, floor = postgresql_floor(engine, rows)
        print(f"floor, COPY {len(rows):,} rows into a bare table: {copied:.1f} s, then keys, ")
        print(f"  indexes and foreign keys: {floor:.1f} s (load average {_load()})")
        print(f"import / floor: {ratio('import', seconds, floor)}")
        fast = write_path(engine, rows)
        print(f"write path alone (stage, build, keys, attach): {fast:.1f} s, ", end="")
        print(f"/ floor: {ratio('import', fast, floor)}", flush=True)
    print(f"unchanged / floor: {ratio('unchanged', unchanged, floor)}")
    print(f"changed merged / floor: {ratio('changed', merged, floor)}")
    print(f"report trade {'/'.join(PAIR)} after: {report_ms(engine)}", flush=True)
    print(f"load average at the end: {_load()}", flush=True)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path, nargs="*", help="Comtrade files (default: generate)")
    parser.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--backend", choices=("both", "sqlite", "postgresql"), default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = args.file
        if not paths:
            sys.path.insert(0, str(HERE))
            import generate_comtrade

            paths = generate_comtrade.write(work / "files", args.rows, layout="legacy")
        print(f"files: {', '.join(p.name for p in paths)} ({args.rows:,} rows generated)")
        if args.backend in ("both", "postgresql"):
            server = make_engine(args.server)
            name = f"bench_{uuid.uuid4().hex[:12]}"
            with server.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.exec_driver_sql(f"CREATE DATABASE {name}")
            try:
                url = make_url(args.server).set(database=name).render_as_string(False)
                bench("postgresql", url, work, paths)
            finally:
                with server.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                server.dispose()
        if args.backend in ("both", "sqlite"):
            bench("sqlite", f"sqlite:///{work / 'bench.sqlite'}", work, paths)


if __name__ == "__main__":
    main()
