"""Options and output helpers every command shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bilateral_db.db import DatabaseMissing, make_engine
from bilateral_db.settings import (
    DATABASE_URL_ENV,
    DEFAULT_DATABASE_URL,
    redact_url,
    resolve_database_url,
)

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"Database URL. Default: ${DATABASE_URL_ENV}, else {DEFAULT_DATABASE_URL}.",
        show_default=False,
    ),
]

console = Console(soft_wrap=True)
error_console = Console(stderr=True, soft_wrap=True)


def database_url(explicit: str | None) -> str:
    return resolve_database_url(explicit)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a clear error (never a traceback) and exit non-zero."""
    error_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def guarded(action: str, url: str, step: Callable[[], object]) -> None:
    """Run a database step; its failure becomes a one-line message naming the database."""
    try:
        step()
    except SQLAlchemyError as error:
        detail = getattr(error, "orig", None) or error
        fail(f"{action} failed on {redact_url(url)}: {error.__class__.__name__}: {detail}")
    except Exception as error:  # alembic's CommandError for unknown revisions and the like
        if error.__class__.__module__.startswith("alembic"):
            fail(f"{action} failed on {redact_url(url)}: {error}")
        raise


def existing_database(url: str) -> Engine:
    """An engine for a database that must already exist: never creates an empty SQLite file."""
    try:
        return make_engine(url, create=False)
    except DatabaseMissing as error:
        fail(f"{error}; create it with `bilateral-db quickstart` or `bilateral-db db upgrade`")
