"""The writer leaves the planner statistics of what it wrote fresh (PostgreSQL), by
autovacuum's own rule, inside its transaction."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from bilateral_db import models as m
from bilateral_db.models import Base
from bilateral_db.writing import statistics, target

SPELLS = ("code", "name", "start_date", "start_date_precision")


def test_tables_written_past_the_threshold_are_analysed(session: Session) -> None:
    connection = session.connection()
    release = m.Release(slug="stats-test", dataset="stats-test", title="t", precedence=90)
    session.add(release)
    session.flush()
    spells = target(
        connection,
        Base.metadata.tables["system_membership"],
        SPELLS,
        {"release_id": release.id, "system": "cow", "end_status": "ongoing"},
        file="s.csv",
    )
    for code in range(1, 301):
        spells.add((code, code, f"state {code}", "1816-01-01", "day"))
    spells.finish()
    analysed = statistics.refresh(connection)
    if connection.dialect.name != "postgresql":
        # SQLite's planner was measured with statistics (docs/performance.md): no faster, and
        # sampled ones made a report 150 times slower. The writer leaves it without.
        assert analysed == []
        assert not connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).first()
        return
    # 300 spells in a table the planner thought empty: past 50 + 10 % of 0 rows. One release
    # row in a table of one is not past 50 + 10 %.
    assert "system_membership" in analysed and "release" not in analysed
    rows = connection.execute(
        text("SELECT reltuples FROM pg_class WHERE relname = 'system_membership'")
    ).scalar_one()
    assert rows == 300
    assert not statistics.renew_if_stale(connection, "system_membership")
