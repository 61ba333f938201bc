"""Which schema revision the database is at, and which the bundled migrations end at, without
loading Alembic.

Every write checks that the database is at head before it reads anything. Importing Alembic for
that alone cost every write 0.1-0.15 s (it loads its DDL dialects and autogenerate with it),
nearly what importing SQLAlchemy costs; an unchanged `load` paid it too. The migration files
declare `revision` and `down_revision` as literals at the top level, so reading them is
enough; a file this reader does not follow makes `heads_in` answer None, and the caller asks
Alembic (`migrations.head_revisions`). tests/test_revisions.py holds both answers equal.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from bilateral_db.resources import alembic_dir

VERSION_TABLE = "alembic_version"  # Alembic's default, which alembic/env.py keeps
# A top-level assignment, optionally annotated: `down_revision: str | None = "0013"`.
_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)
# The files Alembic reads as revisions (alembic.script.base: not editor locks, not __init__).
_REVISION_FILE = re.compile(r"(?!\.\#|__init__)(.*\.py)$")


@functools.cache
def bundled_heads() -> tuple[str, ...] | None:
    """The heads of the migrations shipped with the package (see `heads_in`); they do not
    change while it runs, so one read per process will do."""
    return heads_in(alembic_dir() / "versions")


def heads_in(directory: Path) -> tuple[str, ...] | None:
    """The heads (sorted) of the migrations in `directory`, or None when a file declares its
    revision in a way this reader does not follow (not a literal, not at the top level)."""
    revisions: set[str] = set()
    replaced: set[str] = set()
    for path in sorted(directory.iterdir()):
        if not path.is_file() or not _REVISION_FILE.match(path.name):
            continue
        declared = _declared(path.read_text(encoding="utf-8"))
        if declared is None:
            return None
        revision, down = declared
        revisions.add(revision)
        replaced.update(down)
    if not revisions:
        return None
    return tuple(sorted(revisions - replaced))


def _declared(source: str) -> tuple[str, tuple[str, ...]] | None:
    """(revision, the revisions it follows) as a migration file declares them, or None."""
    found: dict[str, object] = {}
    for name, expression in _ASSIGNED.findall(source):
        if name in found:
            return None  # assigned twice: which one counts is Python's to say, not ours
        try:
            found[name] = ast.literal_eval(expression)
        except (ValueError, SyntaxError):
            return None
    revision, down = found.get("revision"), found.get("down_revision")
    if not isinstance(revision, str) or "down_revision" not in found:
        return None
    if down is None:
        return revision, ()
    if isinstance(down, str):
        return revision, (down,)
    if isinstance(down, tuple | list) and all(isinstance(item, str) for item in down):
        return revision, tuple(down)
    return None


def database_heads(connection: Connection) -> tuple[str, ...]:
    """The revisions the database is at (sorted); empty when it was never migrated. Reads as
    Alembic's `MigrationContext.get_current_heads` does, in the connection's transaction."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return ()
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    return tuple(sorted(row[0] for row in rows))
