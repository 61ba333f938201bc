"""Readers keep answering while a writer writes, however large its transaction: SQLite's
write-ahead log (a rollback journal locks readers out once the writer's changes outgrow the
page cache, until it commits); PostgreSQL's MVCC. The reader sees the last commit."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import text

from bilateral_db.db import make_engine, read_snapshot
from bilateral_db.writing import write_transaction

ROWS = 50_000  # some MiB of pages: far past a page cache of 50 KiB


def test_a_reader_reads_the_last_commit_while_a_large_write_is_open(
    backend: str, small_loaded_url: str
) -> None:
    writer = make_engine(small_loaded_url)
    reader = make_engine(small_loaded_url, read_only=True)
    try:
        with reader.connect() as connection:
            before = connection.execute(text("SELECT count(*) FROM currency")).scalar_one()
        with write_transaction(writer, 5) as connection:
            if backend == "sqlite":
                connection.exec_driver_sql("PRAGMA cache_size = -50")  # spill to the file
            connection.exec_driver_sql("CREATE TABLE filler (i INTEGER, t VARCHAR(200))")
            connection.execute(
                text(
                    "INSERT INTO filler WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                    "SELECT i + 1 FROM n WHERE i < :rows) SELECT i, 'filler row number ' || i "
                    "|| ' of a write that outgrows the page cache' FROM n"
                ),
                {"rows": ROWS},
            )
            start = time.perf_counter()
            with read_snapshot(reader) as snapshot:
                seen = snapshot.execute(text("SELECT count(*) FROM currency")).scalar_one()
            waited = time.perf_counter() - start
            connection.rollback()
        assert seen == before  # the last commit, not the open write
        assert waited < 2.0  # answered, not after a busy timeout
    finally:
        writer.dispose()
        reader.dispose()


def test_a_sqlite_database_written_to_keeps_a_write_ahead_log(tmp_path: Path) -> None:
    from bilateral_db import migrations

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    migrations.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()
        assert mode == "wal"
    finally:
        engine.dispose()
