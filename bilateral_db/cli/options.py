"""Options and helpers every command shares: the database, consoles, failing, checks made before
any work starts (optional packages installed, output file writable)."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer

from bilateral_db.cli import errors
from bilateral_db.settings import DATABASE_URL_ENV, DEFAULT_DATABASE_URL

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help="Do not ask before deleting or dropping rows.")
]
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help=f"Database URL. Default: ${DATABASE_URL_ENV}, else {DEFAULT_DATABASE_URL}.",
        show_default=False,
    ),
]
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class _LazyConsole:
    """A rich Console made on first use: rich costs start-up time that --help need not pay."""

    def __init__(self, *, stderr: bool) -> None:
        self._stderr = stderr

    @functools.cached_property
    def _console(self) -> Console:
        from rich.console import Console

        # No emoji codes: a problem on line 100 is "file:100:", never a 💯.
        return Console(stderr=self._stderr, soft_wrap=True, emoji=False)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._console, name)


console = cast("Console", _LazyConsole(stderr=False))
error_console = cast("Console", _LazyConsole(stderr=True))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a clear error (never a traceback) and exit non-zero (2: a usage error)."""
    errors.say(message)
    raise typer.Exit(code)


def database_url(explicit: str | None) -> str:
    """The database to use (`--db`, else the environment, else the embedded file), checked."""
    from bilateral_db.settings import InvalidDatabaseUrl, resolve_database_url

    try:
        url = resolve_database_url(explicit)
    except InvalidDatabaseUrl as error:
        fail(str(error), code=2)
    errors.working_on(url)
    return url


def confirm(question: str, *, yes: bool) -> None:
    """Go on only if --yes was given or the user says yes; without a terminal, stop and say so."""
    if yes:
        return
    sys.stderr.write(question + "\n")
    if not sys.stderr.isatty():
        fail("nothing was changed; run again with --yes to go ahead")
    if not typer.confirm("Go ahead?", default=False, err=True):
        fail("nothing was changed")


def guarded(action: str, url: str, step: Callable[[], object]) -> None:
    """Run a database step; its failure becomes a one-line message naming the database."""
    from sqlalchemy.exc import SQLAlchemyError

    from bilateral_db.db import DatabaseMissing
    from bilateral_db.settings import redact_url

    try:
        step()
    except DatabaseMissing as error:
        fail(f"{error}; create it with `bilateral-db quickstart` or `bilateral-db db upgrade`")
    except SQLAlchemyError as error:
        message, code = errors.explain(error)
        fail(f"{action} failed: {message}", code)
    except Exception as error:  # alembic's CommandError for unknown revisions and the like
        if error.__class__.__module__.startswith("alembic"):
            fail(f"{action} failed on {redact_url(url)}: {error}")
        raise


def existing_database(url: str, *, read_only: bool = False) -> Engine:
    """An engine for a database that must already exist: never creates an empty SQLite file.

    read_only: for readers; no connection of the engine can write (see bilateral_db.db).
    """
    from bilateral_db.db import DatabaseMissing, make_engine

    try:
        return make_engine(url, create=False, read_only=read_only)
    except DatabaseMissing as error:
        fail(f"{error}; create it with `bilateral-db quickstart` or `bilateral-db db upgrade`")


def require_module(module: str, option: str) -> None:
    """Fail before any work if an optional package that `option` needs is not installed."""
    if importlib.util.find_spec(module) is None:
        fail(f"{option}: {errors.missing_extra(module)}", code=1)


def writable_file(path: Path, option: str) -> None:
    """Fail before any work if `path` cannot be written (missing directory, a directory…)."""
    if path.is_dir():
        fail(f"{option}: {path} is a directory; give a file name", code=2)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        fail(f"{option}: the directory {parent} does not exist", code=2)
    import os

    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        fail(f"{option}: {path} is not writable", code=2)
