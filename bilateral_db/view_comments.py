"""The research views' descriptions as PostgreSQL comments, so `\\dv+` and `\\d+ v_…` in psql
(and every tool that reads pg_description) show what docs/schema.md and Datasette show.

Applied after every migration run (alembic/env.py) from bilateral_db/view_docs.py, to the views
and columns that exist at that revision: a view rebuilt by a migration loses its comments, and
gets them back in the same transaction. SQLite keeps no comments.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect

from bilateral_db.view_docs import VIEW_COLUMNS, VIEW_DESCRIPTIONS


def comment_views(connection: Connection) -> int:
    """COMMENT ON each described view and column that exists; returns how many were set."""
    if connection.dialect.name != "postgresql":
        return 0
    quote = connection.dialect.identifier_preparer.quote
    inspector = inspect(connection)
    count = 0
    for view in inspector.get_view_names():
        if view in VIEW_DESCRIPTIONS:
            _comment(connection, f"VIEW {quote(view)}", VIEW_DESCRIPTIONS[view])
            count += 1
        described = VIEW_COLUMNS.get(view, {})
        for column in inspector.get_columns(view):
            text = described.get(column["name"])
            if text:
                _comment(connection, f"COLUMN {quote(view)}.{quote(column['name'])}", text)
                count += 1
    return count


def _comment(connection: Connection, target: str, text: str) -> None:
    literal = "'" + text.replace("'", "''") + "'"  # COMMENT takes a literal, not a parameter
    connection.exec_driver_sql(f"COMMENT ON {target} IS {literal}")
