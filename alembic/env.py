"""Alembic environment shared by `bilateral-db db …`, the tests and Alembic's own CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from alembic import context
from bilateral_db.db import make_engine, partition_names
from bilateral_db.migrations import load_operations
from bilateral_db.models import Base
from bilateral_db.models.base import POSTGRESQL_PARTITIONS
from bilateral_db.settings import resolve_database_url
from bilateral_db.view_comments import comment_views

config = context.config
target_metadata = Base.metadata
# op.create_view, op.replace_view, op.create_overlap_guard, …: the frozen helpers in ops.py,
# beside this file (migrations cannot import them: they import nothing of the application).
load_operations(Path(__file__).resolve().parent)

# Objects that migrations create by hand and the models do not describe: PostgreSQL's
# exclusion constraints (reflected as gist indexes) and the SQL views.
UNMODELLED_PREFIXES = ("ex_", "v_")


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    return not (reflected and compare_to is None and name and name.startswith(UNMODELLED_PREFIXES))


def include_postgresql_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """PostgreSQL also has what partitioning by release makes (models.base.PartitionedByRelease):
    the partitions themselves, and the keys widened by release_id (the self-reference a
    trigger keeps)."""
    if not include_object(obj, name, type_, reflected, compare_to):
        return False
    if type_ == "table":
        return not (reflected and compare_to is None and name in _partitions)
    table = getattr(obj, "table", None)
    if table is None or table.name not in target_metadata.tables:
        return True
    partitioned = target_metadata.tables[table.name].info.get(POSTGRESQL_PARTITIONS)
    if partitioned is None:
        return True
    return name not in partitioned.widened


_partitions: set[str] = set()  # on PostgreSQL: the partitions of the database migrated


def run_migrations(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds tables; with foreign keys on, dropping the old copy would cascade
        # (or fail, when rows refer to it). The pragma only takes effect outside a transaction,
        # so it goes to the driver before SQLAlchemy begins one; checked again afterwards.
        _sqlite_pragma(connection, "foreign_keys=OFF")
    if not sqlite:
        _partitions.clear()
        _partitions.update(partition_names(connection))
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        compare_type=True,
        include_object=include_object if sqlite else include_postgresql_object,
    )
    with context.begin_transaction():
        context.run_migrations()
        comment_views(connection)
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left rows that break foreign keys: {broken[:5]}")
    if sqlite:
        _sqlite_pragma(connection, "foreign_keys=ON")


def _sqlite_pragma(connection: Connection, pragma: str) -> None:
    """Set a pragma on the driver's connection, where no transaction is open to ignore it (a
    caller's own transaction is left alone: then the caller decides)."""
    if not connection.in_transaction():
        connection.connection.driver_connection.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]


def _run_on_engine(engine: Engine) -> None:
    with engine.connect() as connection:
        run_migrations(connection)
        connection.commit()


def run_online() -> None:
    """Migrate the Connection or Engine handed over in config.attributes, else the URL's database.

    Code that holds a connection (tests in a transaction) passes it as "connection"; tools such
    as pytest-alembic pass an Engine under the same key.
    """
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        run_migrations(given)
        return
    if isinstance(given, Engine):
        _run_on_engine(given)
        return
    url = config.get_main_option("sqlalchemy.url") or resolve_database_url()
    engine = make_engine(url)
    try:
        _run_on_engine(engine)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("bilateral_db migrations run online only: they differ by backend.")
run_online()
