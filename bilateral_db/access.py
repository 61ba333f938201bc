"""Who may do what on a PostgreSQL database: read-only researchers and loaders.

A read-only role may SELECT every table and view and nothing else. A loader may also insert,
update and delete rows (load, import) but cannot change the schema. Default privileges extend
both to the tables and views that later migrations create, as long as the migrations are run
by the role that ran the grant (normally the database owner). SQLite has no roles: its readers
are kept from writing by opening the file read-only (see bilateral_db.db).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, Engine, text

from bilateral_db.core.quoting import quoted


class Access(StrEnum):
    readonly = "readonly"
    loader = "loader"


class AccessError(Exception):
    """The grant cannot be made (no such role, SQLite, not allowed); nothing was changed."""


@dataclass(frozen=True)
class Grant:
    """What was granted: to whom, which kind, and the statements run (for the record)."""

    role: str
    access: Access
    statements: tuple[str, ...]


SCHEMA = "public"


def grant_statements(
    role: str, access: Access, *, database: str, quote: Callable[[str], str]
) -> list[str]:
    """The GRANT and ALTER DEFAULT PRIVILEGES statements for `role`.

    `quote` is the dialect's identifier quoting, so any role name stays one identifier.
    """
    who, db, schema = quote(role), quote(database), quote(SCHEMA)
    statements = [
        f"GRANT CONNECT ON DATABASE {db} TO {who}",
        f"GRANT USAGE ON SCHEMA {schema} TO {who}",
        f"REVOKE CREATE ON SCHEMA {schema} FROM {who}",
    ]
    if access is Access.readonly:
        statements += [
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA {schema} FROM {who}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {who}",
        ]
    else:
        statements += [
            f"GRANT TEMPORARY ON DATABASE {db} TO {who}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {who}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {who}",
        ]
    return statements


def grant(engine: Engine, role: str, access: Access) -> Grant:
    """Give an existing PostgreSQL role read-only or loader access, now and for future tables."""
    if engine.dialect.name != "postgresql":
        raise AccessError(
            "SQLite has no roles: readers are kept from writing by opening the file read-only "
            "(every report and export does); use file permissions to keep others out"
        )
    with engine.connect() as connection:
        if not _role_exists(connection, role):
            raise AccessError(
                f"there is no PostgreSQL role {quoted(role)}; create it first, e.g. "
                f"CREATE ROLE {connection.dialect.identifier_preparer.quote(role)} "
                "LOGIN PASSWORD '…'"
            )
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        statements = grant_statements(
            role,
            access,
            database=database,
            quote=connection.dialect.identifier_preparer.quote,
        )
        for statement in statements:
            connection.exec_driver_sql(statement)
        connection.commit()
    return Grant(role, access, tuple(statements))


def _role_exists(connection: Connection, role: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role})
    return found.first() is not None
