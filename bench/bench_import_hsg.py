"""Benchmark `import pocom` against the raw driver writing the same rows, as a ratio.

    .venv/bin/python bench/bench_import_hsg.py [PATH] [--db URL]

PATH is the POCOM record set (a directory or the repository's .zip; default: the copy shipped
in datasets/hsg/pocom.zip). On a fresh database (a temporary SQLite file, or --db naming an
EMPTY PostgreSQL database) holding the bundled fixtures:

- import: `import_dataset(engine, "pocom", PATH)` in-process, wall time (reading the XML,
  mapping, linking people, the bulk merge, findings);
- unchanged: the same record set again (its digest matches: nothing is written);
- baseline, the least work that stores these rows: in one transaction that is rolled back,
  the release's rows are deleted, then the same XML is read by the same reader and the rows the
  import wrote (people, posts, terms, coverage; read back beforehand, ids included) are
  inserted with the driver's executemany.

Both include reading the XML, which is most of the work; nothing asserts a time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from bilateral_db import migrations
from bilateral_db.db import make_engine
from bilateral_db.imports import bundled_path, import_dataset
from bilateral_db.imports.hsg.pocom import (
    open_pocom,
    read_concurrent_appointments,
    read_missions,
    read_people,
    read_positions,
)
from bilateral_db.load import load_fixtures

TABLES = ("person", "post", "term", "coverage")  # in the order they can be inserted


def release_rows(connection: Connection, release_id: int) -> dict[str, tuple[list[str], list]]:
    """Every row of the release's own, by table: its columns and values."""
    out: dict[str, tuple[list[str], list]] = {}
    for table in TABLES:
        result = connection.exec_driver_sql(
            f"SELECT * FROM {table} WHERE release_id = {release_id} ORDER BY id"
        )
        out[table] = (list(result.keys()), [tuple(row) for row in result])
    return out


def baseline(connection: Connection, path: Path, rows: dict[str, tuple[list[str], list]]) -> float:
    """Seconds to read the XML and insert the same rows with the raw driver (rolled back)."""
    release_id = rows["term"][1][0][rows["term"][0].index("release_id")]
    for table in reversed(TABLES):
        connection.exec_driver_sql(f"DELETE FROM {table} WHERE release_id = {release_id}")
    driver = connection.connection.driver_connection
    mark = "?" if connection.dialect.name == "sqlite" else "%s"
    start = time.perf_counter()
    with open_pocom(path) as source:
        read = (
            list(read_people(source)),
            list(read_missions(source)),
            list(read_positions(source)),
            list(read_concurrent_appointments(source)),
        )
    cursor: Any = driver.cursor()  # type: ignore[union-attr]
    for table in TABLES:
        columns, values = rows[table]
        marks = ", ".join(mark for _ in columns)
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
    seconds = time.perf_counter() - start
    connection.rollback()
    assert read[1], "no missions read"
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?", default=bundled_path("pocom"))
    parser.add_argument("--db", help="URL of an EMPTY PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        migrations.upgrade(url)
        engine = make_engine(url)
        try:
            load_fixtures(engine)
            start = time.perf_counter()
            result = import_dataset(engine, "pocom", args.path)
            seconds = time.perf_counter() - start
            print(result.summary()[:160])
            print(f"import: {seconds:.2f} s")
            start = time.perf_counter()
            assert not import_dataset(engine, "pocom", args.path).changed
            print(f"unchanged re-import (same record set): {time.perf_counter() - start:.2f} s")
            with engine.connect() as connection:
                release_id = connection.exec_driver_sql(
                    "SELECT id FROM release WHERE dataset = 'pocom'"
                ).scalar_one()
                rows = release_rows(connection, release_id)
                counted = ", ".join(f"{len(v[1]):,} {t}" for t, v in rows.items())
                base = baseline(connection, args.path, rows)
            print(f"baseline (the reader, then executemany of {counted}): {base:.2f} s")
            print(f"import / baseline: {seconds / base:.2f}x")
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
