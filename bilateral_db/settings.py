"""Where the database is: one rule shared by the CLI, the API and the tests."""

from __future__ import annotations

import os

from bilateral_db.core.quoting import quoted

DEFAULT_DATABASE_URL = "sqlite:///bilateral.sqlite"
DATABASE_URL_ENV = "BILATERAL_DB_URL"
BACKENDS = ("sqlite", "postgresql")


class InvalidDatabaseUrl(ValueError):
    """A database URL that cannot be used; the message never repeats the URL (passwords)."""


def resolve_database_url(explicit: str | None = None) -> str:
    """`--db URL`, else `$BILATERAL_DB_URL`, else the embedded SQLite file in the working dir."""
    if explicit:
        return normalise_url(explicit)
    from_env = os.environ.get(DATABASE_URL_ENV)
    if from_env:
        return normalise_url(from_env)
    return DEFAULT_DATABASE_URL


def normalise_url(url: str) -> str:
    """Let users write `postgresql://…`; we always talk to PostgreSQL through psycopg 3.

    Raises InvalidDatabaseUrl for what is not a SQLite or PostgreSQL URL.
    """
    from sqlalchemy.engine import make_url  # here, not at the top: --help must not load it

    try:
        parsed = make_url(url)
    except Exception as error:  # ArgumentError for the form, ValueError for a port like ':x'
        reason = "a port must be a number" if isinstance(error, ValueError) else "not a URL"
        raise InvalidDatabaseUrl(
            f"--db: not a database URL ({reason}); "
            "write sqlite:///FILE.sqlite or postgresql://USER@HOST:PORT/NAME"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in (*BACKENDS, "postgres"):
        raise InvalidDatabaseUrl(
            f"--db: {quoted(backend)} is not supported; "
            "use SQLite (sqlite:///FILE.sqlite) or PostgreSQL (postgresql://USER@HOST:PORT/NAME)"
        )
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def redact_url(url: str) -> str:
    """The URL as it may be printed: never with its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
