"""Options and output helpers every command shares."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
from rich.console import Console

from bilateral_db.settings import DATABASE_URL_ENV, DEFAULT_DATABASE_URL, resolve_database_url

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
