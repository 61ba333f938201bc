"""Benchmark `import comtrade` on both backends against the bulk-write floor of the same run.

    .venv/bin/python bench/bench_import.py [--rows 1000000] [--file PATH…] \
        [--server postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--backend both] \
        [--triggers]

A Comtrade file of `--rows` figures is generated (bench/generate_comtrade.py, legacy layout),
unless `--file` names files. For each backend, a fresh database (a temporary SQLite file; a
temporary PostgreSQL database on `--server`, dropped at the end) holds the bundled fixtures;
then, printed as one table:

- import: `bilateral-db import comtrade FILE` as a user runs it (a child process: wall time and
  peak RSS), while a reader loops `report trade` on one pair (p50/p99/max latency);
- unchanged re-import: the same file again (its hash matches: nothing is read);
- changed file merged: the file with every 100th value changed, merged (1 % updated);
- the writing layer alone on the parsed rows (PostgreSQL; `--triggers`: also with the row
  by row foreign key triggers);
- the partition-per-release design on the server alone (PostgreSQL; the schema is not
  partitioned yet): the rows built into a standalone table and attached to a partitioned copy
  of trade_figure, built again and swapped in, and a swap tried beside a long read, while a
  reader loops on the copy (the reads that overlapped each attach or swap, and the slowest);
- the floor, the least work that stores the same rows (read back from the import):
  PostgreSQL, COPY into a bare copy of trade_figure, then its keys, indexes and foreign keys
  (read from the models); SQLite, a raw executemany into trade_figure itself;
- `report trade` on one pair after the import (median of 5).

Ratios are printed against the floor and the issue's targets; nothing asserts a time.
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
# How long a swap may wait for the partitioned table's lock, and so queue readers behind it.
SWAP_WAIT_MS = 500
TARGETS = {"import": 2.0, "unchanged": 0.2, "changed": 1.5, "sqlite": 1.5}


def cli_import(url: str, paths: list[Path]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (bytes) and the summary line of the CLI import. The peak is the
    child's own high-water mark (VmHWM, read while it runs): the rusage of children would
    count the bench's memory, which a child shares until it runs the CLI."""
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
    written uncompressed whatever `--file` gave (the importer reads either)."""
    written = []
    for path in paths:
        plain = path.name.removesuffix(".gz")
        target = out / f"changed-{plain}"
        with _text(path) as source, target.open("w", encoding="utf-8", newline="") as sink:
            rows = csv.reader(source)
            writer = csv.writer(sink, lineterminator="\n")
            header = next(rows)
            writer.writerow(header)
            value = header.index("Trade Value (US$)")
            for number, row in enumerate(rows):
                if number % 100 == 0 and row[value]:
                    row[value] = str(int(row[value]) + 1)
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


def _partition_keys(table: str, parent: str) -> list[str]:
    """trade_figure's keys, indexes and foreign keys as the issue's partitioned design has
    them: `release_id` in the primary key and in every unique key (PostgreSQL's rule for a
    table partitioned by it), the self-reference naming the release too. Run on the parent
    and, the same statements, on a standalone table before it is attached, so the attach
    finds every index and foreign key already built and validated."""
    statements = [f"ALTER TABLE {table} ADD PRIMARY KEY (id, release_id)"]
    for constraint in TABLE.constraints:
        if isinstance(constraint, UniqueConstraint):
            names = [c.name for c in constraint.columns]
            names += [] if "release_id" in names else ["release_id"]
            statements.append(f"CREATE UNIQUE INDEX ON {table} ({', '.join(names)})")
    for index in TABLE.indexes:
        assert isinstance(index, Index)
        names = [c.name for c in index.columns]  # type: ignore[union-attr]
        if index.unique and "release_id" not in names:
            names.append("release_id")
        where = index.dialect_options["postgresql"].get("where")
        statements.append(
            f"CREATE {'UNIQUE ' if index.unique else ''}INDEX ON {table} ({', '.join(names)})"
            + (f" WHERE {where}" if where is not None else "")
        )
    keys = []
    for key in TABLE.constraints:
        if isinstance(key, ForeignKeyConstraint):
            own = [c.name for c in key.columns]
            other = [e.column.name for e in key.elements]
            referred = key.referred_table.name
            if referred == TABLE.name:  # an alternative names its claim's release too
                referred, own, other = parent, [*own, "release_id"], [*other, "release_id"]
            cascade = f" ON DELETE {key.ondelete}" if key.ondelete else ""
            keys.append(
                f"ADD FOREIGN KEY ({', '.join(own)}) REFERENCES {referred} "
                f"({', '.join(other)}){cascade}"
            )
    statements.append(f"ALTER TABLE {table} " + ", ".join(keys))
    return statements


class PartitionReader(Reader):
    """A pair's figures summed from the partitioned copy in a loop, each read timed."""

    def run(self) -> None:
        with self.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            actors = [
                connection.exec_driver_sql(
                    "SELECT a.id FROM actor a JOIN country c ON c.id = a.country_id "
                    "WHERE c.code = %(code)s",
                    {"code": code},
                ).scalar_one()
                for code in PAIR
            ]
            while not self.stopping.is_set():
                start = time.perf_counter()
                connection.exec_driver_sql(
                    "SELECT count(*), sum(value_minor) FROM parted "
                    "WHERE reporter_actor_id = %(a)s AND partner_actor_id = %(b)s",
                    {"a": actors[0], "b": actors[1]},
                ).one()
                end = time.perf_counter()
                self.spans.append((start, end))
                self.samples.append((end - start) * 1000)
                time.sleep(0.002)

    spans: list[tuple[float, float]]

    def start(self) -> None:
        self.spans = []
        super().start()

    def during(self, begin: float, end: float) -> str:
        """The reads that overlapped [begin, end], and the slowest of them."""
        hit = [(e - s) * 1000 for s, e in self.spans if s < end and e > begin]
        return f"{len(hit)} reads overlapping it, slowest {max(hit):,.0f} ms" if hit else "no read"


def contested_swap(engine: Engine, release: int) -> tuple[str, float, float]:
    """A swap while a 3-second read holds the partitioned table: the detach waits for that
    read, and the reads queued behind the detach wait with it, for at most SWAP_WAIT_MS; then
    the swap is refused (a writer would retry). What happened, and when it was tried."""

    def hold() -> None:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*), pg_sleep(3) FROM parted")

    holding = threading.Thread(target=hold, daemon=True)
    holding.start()
    time.sleep(0.5)
    start = time.perf_counter()
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{SWAP_WAIT_MS}ms'")
            connection.exec_driver_sql("ALTER TABLE parted DETACH PARTITION parted_b")
            connection.exec_driver_sql(
                f"ALTER TABLE parted ATTACH PARTITION parted_a FOR VALUES IN ({release})"
            )
        outcome = "swap beside a 3 s read: done"
    except OperationalError:
        outcome = f"swap beside a 3 s read: refused after its {SWAP_WAIT_MS} ms lock timeout"
    end = time.perf_counter()
    holding.join()
    return f"{outcome} ({(end - start) * 1000:,.0f} ms)", start, end


def partition_path(engine: Engine, rows: list[tuple[Any, ...]]) -> tuple[float, float, str]:
    """The issue's design on the server alone, on a partitioned copy of trade_figure (the
    schema is not partitioned yet): a release's rows COPYed into a standalone table, its keys,
    indexes and foreign keys built set-based, then attached in one short transaction; then the
    same rows again as a changed file would be, swapped in (the old partition detached and the
    new one attached in one transaction). Seconds to build and attach, seconds to build and
    swap, and what a reader looping on the partitioned table saw."""
    release = rows[0][COLUMNS.index("release_id")]
    data = copy_text(rows)

    def build(name: str) -> float:
        start = time.perf_counter()
        with engine.begin() as connection:
            connection.exec_driver_sql(
                f"CREATE TABLE {name} (LIKE trade_figure INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
            )
            copy_into(connection, name, data)
            for sql in _partition_keys(name, "parted"):
                connection.exec_driver_sql(sql)
            # The partition's bound, proven once, so the attach does not scan for it.
            connection.exec_driver_sql(f"ALTER TABLE {name} ADD CHECK (release_id = {release})")
        return time.perf_counter() - start

    def swap(*statements: str) -> tuple[float, float]:
        start = time.perf_counter()
        with engine.begin() as connection:
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{SWAP_WAIT_MS}ms'")
            for sql in statements:
                connection.exec_driver_sql(sql)
        return start, time.perf_counter()

    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE parted (LIKE trade_figure INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
            "PARTITION BY LIST (release_id)"
        )
        for sql in _partition_keys("parted", "parted"):
            connection.exec_driver_sql(sql)
        connection.exec_driver_sql("CREATE TABLE parted_1 PARTITION OF parted FOR VALUES IN (1)")
        connection.exec_driver_sql(
            "INSERT INTO parted SELECT * FROM trade_figure WHERE release_id = 1"
        )
    reader = PartitionReader(engine)
    reader.start()
    try:
        built = build("parted_a")
        attach = swap(f"ALTER TABLE parted ATTACH PARTITION parted_a FOR VALUES IN ({release})")
        rebuilt = build("parted_b")
        swapped = swap(
            "ALTER TABLE parted DETACH PARTITION parted_a",
            f"ALTER TABLE parted ATTACH PARTITION parted_b FOR VALUES IN ({release})",
        )
        contested = contested_swap(engine, release)
    finally:
        reads = reader.stop()
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS parted, parted_a, parted_b")
    seen = (
        f"attach {(attach[1] - attach[0]) * 1000:,.0f} ms, {reader.during(*attach)}; "
        f"swap {(swapped[1] - swapped[0]) * 1000:,.0f} ms, {reader.during(*swapped)}; "
        f"{contested[0]}, {reader.during(*contested[1:])}; in all {reads}"
    )
    return built + attach[1] - attach[0], rebuilt + swapped[1] - swapped[0], seen


def sqlite_floor(url: str, rows: list[tuple[Any, ...]]) -> float:
    """A raw executemany of the rows into trade_figure of the database before the import."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
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


def write_path(engine: Engine, rows: list[tuple[Any, ...]], fast: bool) -> float:
    """Seconds for the writing layer alone to stage and insert the parsed rows as a new
    release (then rolled back): the import without its file parsing, inserting in batches
    as the rows are given (early insert). `fast=False` turns the set-based reference check
    off, so the foreign keys' triggers check row by row."""
    from bilateral_db.imports.trade_figures import FIGURE_COLUMNS
    from bilateral_db.writing import target, write_transaction
    from bilateral_db.writing.references import SetChecked

    positions = [COLUMNS.index(c) for c in FIGURE_COLUMNS]
    applicable = SetChecked.applicable
    if not fast:
        SetChecked.applicable = lambda self: False  # type: ignore[method-assign]
    try:
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
            seconds = time.perf_counter() - start
            connection.rollback()
    finally:
        SetChecked.applicable = applicable  # type: ignore[method-assign]
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


def bench(backend: str, url: str, work: Path, paths: list[Path], triggers: bool) -> None:
    print(f"\n== {backend} ==", flush=True)
    migrations.upgrade(url)
    engine = make_engine(url)
    load_fixtures(engine)
    sqlite = backend == "sqlite"
    if sqlite:
        engine.dispose()
        shutil.copy(work / "bench.sqlite", work / "floor.sqlite")
    reader = Reader(engine)
    reader.start()
    seconds, rss, summary = cli_import(url, paths)
    reads = reader.stop()
    print(summary[:200])
    print(f"import: {seconds:.1f} s, peak RSS {rss / 2**20:,.0f} MiB (load average {_load()})")
    print(f"report trade {'/'.join(PAIR)} looping during the import: {reads}", flush=True)
    unchanged, _, _ = cli_import(url, paths)
    print(f"unchanged re-import: {unchanged:.1f} s", flush=True)
    changed = changed_copy(paths, work)
    merged, _, merge_summary = cli_import(url, changed)
    print(merge_summary[merge_summary.find("(") :][:120])
    print(f"changed file merged: {merged:.1f} s", flush=True)
    cli_import(url, paths)  # the original rows again, for the floor
    rows = prepared_rows(engine)
    if sqlite:
        floor = sqlite_floor(f"sqlite:///{work / 'floor.sqlite'}", rows)
        print(f"floor, raw executemany of {len(rows):,} rows: {floor:.1f} s")
        print(f"import / floor: {ratio('sqlite', seconds, floor)}")
    else:
        copied, floor = postgresql_floor(engine, rows)
        print(f"floor, COPY {len(rows):,} rows into a bare table: {copied:.1f} s, then keys, ")
        print(f"  indexes and foreign keys: {floor:.1f} s (load average {_load()})")
        print(f"import / floor: {ratio('import', seconds, floor)}")
        partitioned, swapped, seen = partition_path(engine, rows)
        print(
            f"partition per release, server alone: build and attach {partitioned:.1f} s, ", end=""
        )
        print(f"/ floor: {ratio('import', partitioned, floor)}")
        print(f"  the same rows built again and swapped in: {swapped:.1f} s, ", end="")
        print(f"/ floor: {ratio('changed', swapped, floor)}")
        print(f"  reader on the partitioned table: {seen}", flush=True)
        fast = write_path(engine, rows, fast=True)
        print(f"write path alone (stage, set check, insert): {fast:.1f} s, ", end="")
        print(f"/ floor: {ratio('import', fast, floor)}")
        if triggers:
            plain = write_path(engine, rows, fast=False)
            print(f"write path with row-by-row foreign key triggers: {plain:.1f} s, ", end="")
            print(f"/ floor: {plain / floor:.2f}x", flush=True)
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
    parser.add_argument(
        "--triggers", action="store_true", help="also time the write path with FK triggers"
    )
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
                bench("postgresql", url, work, paths, args.triggers)
            finally:
                with server.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                server.dispose()
        if args.backend in ("both", "sqlite"):
            bench("sqlite", f"sqlite:///{work / 'bench.sqlite'}", work, paths, args.triggers)


if __name__ == "__main__":
    main()
