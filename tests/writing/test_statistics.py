"""A write transaction leaves the planner statistics of what it wrote fresh (PostgreSQL), by
autovacuum's own rule, as it commits; SQLite is left without statistics (measured slower)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, text

from bilateral_db.db import make_engine
from bilateral_db.models import Base
from bilateral_db.writing import target, write_transaction

SPELLS = ("code", "name", "start_date", "start_date_precision")


@pytest.fixture
def engine(fresh_migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(fresh_migrated_url)
    yield engine
    engine.dispose()


def _spells(connection: Connection, count: int) -> None:
    release = connection.execute(
        text(
            "INSERT INTO release (slug, dataset, title, precedence) "
            "VALUES ('stats', 'stats', 'stats', 90) RETURNING id"
        )
    ).scalar_one()
    spells = target(
        connection,
        Base.metadata.tables["system_membership"],
        SPELLS,
        {"release_id": release, "system": "cow", "end_status": "ongoing"},
        file="s.csv",
    )
    for code in range(1, count + 1):
        spells.add((code, code, f"state {code}", "1816-01-01", "day"))
    spells.finish()


def _analysed(engine: Engine) -> dict[str, float]:
    """Tables with statistics, and how many rows the planner believes each holds."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            stat = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).first()
            return {"sqlite_stat1": 1.0} if stat else {}
        # reltuples is -1 until a table is first analysed (and, unlike the activity
        # statistics, a database cloned from a template keeps it).
        rows = connection.execute(
            text(
                "SELECT c.relname, c.reltuples FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples >= 0"
            )
        )
        return {name: rows for name, rows in rows}


def test_a_commit_analyses_the_tables_written_past_the_threshold(engine: Engine) -> None:
    with write_transaction(engine, 5) as connection:
        _spells(connection, 300)
        connection.commit()
    analysed = _analysed(engine)
    if engine.dialect.name == "sqlite":
        assert analysed == {}
        return
    # 300 spells in a table the planner thought empty: past 50 + 10 % of 0 rows. One release
    # row is not past 50.
    assert analysed == {"system_membership": 300}


def test_a_rollback_leaves_the_statistics_as_they_were(engine: Engine) -> None:
    with write_transaction(engine, 5) as connection:
        _spells(connection, 300)
        connection.rollback()
    assert _analysed(engine) == {}


def test_a_refused_analyze_leaves_the_rows_to_commit(engine: Engine) -> None:
    """Statistics are the planner's help, not the data: an ANALYZE that cannot run (here,
    another session holds the lock it needs) is given up, and the rows commit."""
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite is left without statistics")
    with write_transaction(engine, 5) as connection, engine.connect() as other:
        _spells(connection, 300)
        other.exec_driver_sql("LOCK TABLE system_membership IN SHARE UPDATE EXCLUSIVE MODE")
        connection.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
        connection.commit()
        other.rollback()
    with engine.connect() as connection:
        spells = connection.execute(text("SELECT COUNT(*) FROM system_membership")).scalar_one()
    assert (spells, _analysed(engine)) == (300, {})


def test_a_load_leaves_the_tables_it_wrote_analysed(curated_shared_engine: Engine) -> None:
    """The bundled fixtures, loaded through the write transaction: a report's plan has the
    real size of every table the load filled."""
    analysed = _analysed(curated_shared_engine)
    if curated_shared_engine.dialect.name == "sqlite":
        assert analysed == {}
        return
    with curated_shared_engine.connect() as connection:
        countries = connection.execute(text("SELECT COUNT(*) FROM country")).scalar_one()
    assert analysed["country"] == countries > 200
    assert {"actor", "country_code", "citation", "fact"} <= set(analysed)
