"""Benchmark the data-set imports as ratios to writing the same rows raw, in the same run.

    .venv/bin/python bench/bench_datasets.py [--backend sqlite|postgresql] [--pg URL]

On a database holding the bundled fixtures, each shipped data set (cow-states, gw-states,
cow-igo, archigos, hsg-travels, hsg-visits) is imported in turn. The rows each import added
(every table, found by primary key against the database before it) are then written into a
second copy of the database as it was before that import, by the driver itself: `executemany`
of a prepared INSERT (SQLite) or `COPY` (PostgreSQL), one transaction per data set, the same
tables with the same constraints and triggers. That is the floor any importer of these rows
pays; the import also reads, checks and maps the file. Two re-imports are given as ratios to
the first import: the unchanged file (its hash matches: nothing is written), and the same rows
from another file (decompressed, or with a blank line added; a record set's files unpacked),
which is read, staged and merged with the rows held, and writes none. A first pass into a
throwaway copy warms the process (module imports, compiled statements), so the figures are
each import's own work. Nothing here asserts a time; the tests never time anything.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, Table, select
from sqlalchemy.engine import make_url

from bilateral_db import migrations
from bilateral_db.db import make_engine
from bilateral_db.imports import BUNDLED, bundled_path, import_dataset
from bilateral_db.load import load_fixtures

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"

Rows = dict[str, list[tuple[Any, ...]]]  # table -> rows, in the tables' dependency order


def _tables(engine: Engine) -> list[Table]:
    metadata = MetaData()
    metadata.reflect(engine)
    return [t for t in metadata.sorted_tables if t.primary_key.columns]


def _keys(engine: Engine, tables: list[Table]) -> dict[str, set[tuple[Any, ...]]]:
    with engine.connect() as connection:
        return {
            t.name: set(connection.execute(select(*t.primary_key.columns)).all()) for t in tables
        }


def added_rows(engine: Engine, tables: list[Table], before: dict[str, set[Any]]) -> Rows:
    """Every row whose primary key was not there before."""
    added: Rows = {}
    with engine.connect() as connection:
        for table in tables:
            keys = [c.name for c in table.primary_key.columns]
            rows = [
                row
                for row in connection.execute(select(table)).all()
                if tuple(getattr(row, k) for k in keys) not in before[table.name]
            ]
            if rows:
                added[table.name] = [tuple(row) for row in rows]
    return added


def raw_write(url: str, tables: list[Table], rows: Rows) -> float:
    """The floor: the driver writes the rows, no SQLAlchemy, one transaction."""
    columns = {t.name: [c.name for c in t.columns] for t in tables}
    if url.startswith("sqlite"):
        import sqlite3

        connection = sqlite3.connect(make_url(url).database or "")
        connection.execute("PRAGMA foreign_keys = ON")
        start = time.perf_counter()
        with connection:
            for name, values in rows.items():
                names = columns[name]
                marks = ", ".join("?" for _ in names)
                statement = f'INSERT INTO "{name}" ({", ".join(names)}) VALUES ({marks})'
                connection.executemany(statement, values)
        elapsed = time.perf_counter() - start
        connection.close()
        return elapsed
    import psycopg

    with psycopg.connect(_plain(url)) as connection:
        start = time.perf_counter()
        with connection.transaction():
            for name, values in rows.items():
                names = ", ".join(f'"{c}"' for c in columns[name])
                with connection.cursor().copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
                    for row in values:
                        copy.write_row(row)
        return time.perf_counter() - start


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class Databases:
    """Copies of one database, by file copy (SQLite) or CREATE DATABASE … TEMPLATE."""

    def __init__(self, backend: str, directory: Path) -> None:
        self.backend, self.directory, self.made = backend, directory, []

    def new(self) -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        if self.backend == "sqlite":
            return f"sqlite:///{self.directory / (name + '.sqlite')}"
        self._admin(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return make_url(PG_ADMIN).set(database=name).render_as_string(False)

    def copy(self, url: str) -> str:
        if self.backend == "sqlite":
            target = self.new()
            shutil.copyfile(make_url(url).database or "", make_url(target).database or "")
            return target
        name = f"bench_{uuid.uuid4().hex[:10]}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(url).database}"')
        self.made.append(name)
        return make_url(url).set(database=name).render_as_string(False)

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(statement)

    def drop(self) -> None:
        for name in self.made:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def databases(backend: str) -> Iterator[Databases]:
    with tempfile.TemporaryDirectory() as directory:
        made = Databases(backend, Path(directory))
        try:
            yield made
        finally:
            made.drop()


def timed_import(url: str, name: str, path: Path | None = None) -> float:
    engine = make_engine(url)
    try:
        start = time.perf_counter()
        import_dataset(engine, name, path or bundled_path(name))
        return time.perf_counter() - start
    finally:
        engine.dispose()


def same_rows(name: str, directory: Path) -> Path:
    """The shipped file's rows in another file: decompressed, or with a blank line added (a
    record set's archive: its files unpacked into a directory)."""
    source = bundled_path(name)
    if source.suffix == ".zip":
        target = directory / f"{name}-same-rows"
        shutil.rmtree(target, ignore_errors=True)
        with zipfile.ZipFile(source) as archive:
            archive.extractall(target)
        return target
    target = directory / f"{name}-same-rows.csv"
    if source.suffix == ".gz":
        target.write_bytes(gzip.decompress(source.read_bytes()))
    else:
        target.write_bytes(source.read_bytes() + b"\n")
    return target


def run(backend: str) -> None:
    with databases(backend) as made:
        url = made.new()
        migrations.upgrade(url)
        engine = make_engine(url)
        load_fixtures(engine)
        tables = _tables(engine)
        engine.dispose()
        warm = made.copy(url)  # one pass first: module imports and statement caches are warm
        for name in BUNDLED:
            timed_import(warm, name)
        print(f"backend {backend}: each shipped data set imported onto the bundled fixtures")
        print(
            f"{'data set':<12}{'rows':>9}{'raw write':>11}{'import':>9}{'ratio':>7}"
            f"{'re-import':>11}{'ratio':>7}{'same rows':>11}{'ratio':>7}"
        )
        for name in BUNDLED:
            before_url = made.copy(url)  # the database as it was before this import
            engine = make_engine(url)
            before = _keys(engine, tables)
            engine.dispose()
            first = timed_import(url, name)
            again = timed_import(url, name)
            engine = make_engine(url)
            rows = added_rows(engine, tables, before)
            engine.dispose()
            merged = timed_import(url, name, same_rows(name, made.directory))
            floor = raw_write(before_url, tables, rows)
            count = sum(len(v) for v in rows.values())
            print(
                f"{name:<12}{count:>9,}{floor:>10.2f}s{first:>8.2f}s{first / floor:>6.1f}x"
                f"{again:>10.3f}s{again / first:>6.2f}x{merged:>10.2f}s{merged / first:>6.2f}x",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    run(args.backend)


if __name__ == "__main__":
    main()
