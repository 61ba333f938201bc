"""Planner statistics kept fresh by the writer itself, not left to autovacuum.

Right after a bulk write the planner's picture of a table is wrong (an empty table that now
holds a million rows): a merge then joins a million staged rows to "one" held row by nested
loops, and a report scans instead of using an index. Autovacuum would renew the statistics
some time later, or never where it is off. Every write transaction (writing.transaction)
renews them as it commits, for each table it changed past autovacuum's own rule (rows changed >
`autovacuum_analyze_threshold` + `autovacuum_analyze_scale_factor` × the table's rows, read
from the server's settings): the statistics commit with the rows, and a rollback keeps the old.

SQLite's planner was measured with statistics and without (docs/performance.md): no faster with
full ones, 150 times slower on a trade report with sampled ones; SQLite is left without.
"""

from __future__ import annotations

from typing import Any

import psycopg
from sqlalchemy import Connection, text

# pg_stat_xact_user_tables: what this transaction has written so far, table by table.
# A partition's statistics come with its parent's (ANALYZE of a partitioned table samples the
# whole table and analyses each partition), which the planner needs as well: the parent is named.
_WRITTEN = """
    SELECT COALESCE((SELECT i.inhparent::regclass::text FROM pg_inherits i
                     WHERE i.inhrelid = s.relid), s.relname),
           s.n_tup_ins + s.n_tup_upd + s.n_tup_del, c.reltuples,
           current_setting('autovacuum_analyze_threshold')::float8,
           current_setting('autovacuum_analyze_scale_factor')::float8
    FROM pg_stat_xact_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema()
    ORDER BY s.relname
    """
_STALE = text(
    """
    SELECT s.n_mod_since_analyze, c.reltuples,
           current_setting('autovacuum_analyze_threshold')::float8,
           current_setting('autovacuum_analyze_scale_factor')::float8
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema() AND s.relname = :table
    """
)


def _past(changed: float, rows: float, threshold: float, scale: float) -> bool:
    """Autovacuum's rule; a table never analysed (rows -1) counts as empty."""
    return changed > threshold + scale * max(rows, 0.0)


def refresh(driver: Any) -> list[str]:
    """ANALYZE every table this transaction changed past autovacuum's threshold; the tables
    analysed. `driver` is the transaction's psycopg connection: this runs as it commits.

    Each ANALYZE runs in a savepoint: one the server refuses (cancelled, say) leaves that
    table's statistics as they were, never the rows uncommitted."""
    analysed = []
    with driver.cursor() as cursor:
        cursor.execute(_WRITTEN)
        stale = list(
            dict.fromkeys(
                name
                for name, changed, rows, threshold, scale in cursor.fetchall()
                if _past(changed, rows, threshold, scale)
            )
        )
        for name in stale:
            cursor.execute("SAVEPOINT statistics")
            try:
                cursor.execute(f'ANALYZE "{name}"')
            except psycopg.Error:
                cursor.execute("ROLLBACK TO SAVEPOINT statistics")
            else:
                analysed.append(name)
            cursor.execute("RELEASE SAVEPOINT statistics")
    return analysed


def renew_if_stale(connection: Connection, table: str) -> bool:
    """ANALYZE `table` now if its statistics are stale (PostgreSQL): before a join of many
    rows to it, whose plan depends on them. Whether it was analysed."""
    if connection.dialect.name != "postgresql":
        return False
    row = connection.execute(_STALE, {"table": table}).first()
    if row is None:
        return False
    changed, rows, threshold, scale = row
    if rows >= 0 and not _past(changed, rows, threshold, scale):
        return False
    connection.exec_driver_sql(f'ANALYZE "{table}"')
    return True
