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

from collections.abc import Sequence
from typing import Any

import psycopg
from sqlalchemy import Connection, text

_ANALYSED = "bilateral_db.writing.statistics"  # connection.info: (transaction, {table: rows})
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


def refresh(driver: Any, fresh: dict[str, int] | None = None) -> list[str]:
    """ANALYZE every table this transaction changed past autovacuum's threshold; the tables
    analysed. `driver` is the transaction's psycopg connection: this runs as it commits.
    `fresh`: tables analysed earlier in the transaction (`analyse`), with the rows written to
    them by then; one written no more since is not analysed again.

    Each ANALYZE runs in a savepoint: one the server refuses (cancelled, say) leaves that
    table's statistics as they were, never the rows uncommitted."""
    analysed = []
    with driver.cursor() as cursor:
        cursor.execute(_WRITTEN)
        written = cursor.fetchall()
        totals = _totals(written)
        stale = [
            name
            for name in dict.fromkeys(
                name
                for name, changed, rows, threshold, scale in written
                if _past(changed, rows, threshold, scale)
            )
            if (fresh or {}).get(name) != totals[name]
        ]
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


def analyse(connection: Connection, table: str) -> None:
    """ANALYZE `table` now, inside the transaction (PostgreSQL: a statement that follows reads
    it); the commit does not analyse it again unless it is written to after."""
    connection.exec_driver_sql(f'ANALYZE "{table}"')
    written = connection.exec_driver_sql(_WRITTEN).all()
    analysed_in(connection)[table] = _totals(written).get(table, 0)


def analysed_in(connection: Connection) -> dict[str, int]:
    """The tables `analyse` analysed in the connection's transaction, with the rows written
    to each by then (kept in connection.info, which outlives the transaction: keyed by it)."""
    transaction = connection.get_transaction()
    held = connection.info.get(_ANALYSED)
    if held is None or held[0] is not transaction:
        held = connection.info[_ANALYSED] = (transaction, {})
    tables: dict[str, int] = held[1]
    return tables


def _totals(written: Sequence[Any]) -> dict[str, int]:
    """Rows written by the transaction, by table (a partitioned table's partitions summed)."""
    totals: dict[str, int] = {}
    for name, changed, *_ in written:
        totals[name] = totals.get(name, 0) + int(changed)
    return totals


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
