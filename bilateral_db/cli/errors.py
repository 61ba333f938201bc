"""Exceptions as one-line messages that name the fix; `--debug` shows the traceback instead.

Every command runs inside RootGroup.invoke, which hands any exception here. Library modules are
looked up in sys.modules rather than imported: an exception from SQLAlchemy can only come after
SQLAlchemy was loaded, and --help must not load it.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import typer

# Optional packages and the extra that installs each.
EXTRAS = {
    "matplotlib": "plot",
    "pyarrow": "parquet",
    "fastapi": "api",
    "uvicorn": "api",
}
DEBUG_ENV = "BILATERAL_DEBUG"

_database_url: str | None = None  # the URL a command is working on, for messages


def working_on(url: str) -> None:
    """Remember the database a command uses, so a failure can name it (password hidden)."""
    global _database_url
    _database_url = url


def debug_enabled(ctx: Any) -> bool:
    root = ctx.find_root() if ctx is not None else None
    flag = bool(root.params.get("debug")) if root is not None else False
    return flag or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def say(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()


def handle(error: Exception, *, debug: bool) -> NoReturn:
    """Re-raise what click reports itself (usage errors, exits); print everything else."""
    if type(error).__module__.split(".")[0] in ("typer", "click") or debug:
        raise error
    if isinstance(error, BrokenPipeError):  # `| head` closed the pipe: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(141)
    message, code = explain(error)
    say(message)
    raise typer.Exit(code)


def explain(error: Exception) -> tuple[str, int]:
    """The message and exit code for an exception (1: failed, 2: usage)."""
    params = sys.modules.get("bilateral_db.core.params")
    if params and isinstance(error, params.BadParameter):
        param = error.param
        name = param.wire.upper() if param.positional else f"--{param.wire}"
        return f"{name}: {error.reason}", 2
    lookup = sys.modules.get("bilateral_db.reports.lookup")
    if lookup and isinstance(error, lookup.UnknownCode):
        hint = "; load data with `bilateral-db load`" if error.none_at_all else ""
        return f"{error}{hint}", 1
    if isinstance(error, ModuleNotFoundError) and error.name:
        top = error.name.split(".")[0]
        if top in EXTRAS:
            return missing_extra(top), 1
    database = _database_message(error)
    if database:
        return database
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror or error}", 1
    return (
        f"unexpected {type(error).__name__}: {error}. This is a bug: rerun with --debug "
        "for the traceback, and please report it",
        1,
    )


def missing_extra(module: str) -> str:
    extra = EXTRAS[module]
    return f"this needs {module}, which is not installed: pip install 'bilateral_db[{extra}]'"


def _where() -> str:
    if _database_url is None:
        return "the database"
    from bilateral_db.settings import redact_url

    return redact_url(_database_url)


def _database_message(error: Exception) -> tuple[str, int] | None:
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is None or not isinstance(error, exc.SQLAlchemyError):
        return None
    if isinstance(error, exc.ArgumentError | exc.NoSuchModuleError):
        return f"--db: {error}", 2
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    where = _where()
    postgresql = where.startswith("postgresql")
    lowered = detail.lower()
    if "file is not a database" in lowered:
        return f"{where} is not a SQLite database; give another file with --db", 1
    if "unable to open database file" in lowered:
        return f"cannot open {where}: its directory is missing or not readable", 1
    if "no such table" in lowered or ("relation" in lowered and "does not exist" in lowered):
        return (
            f"{where} is not migrated ({detail}); run `bilateral-db db upgrade`, then "
            "`bilateral-db load`",
            1,
        )
    if "read-only" in lowered or "readonly" in lowered or "permission denied" in lowered:
        return f"{where} refused a write: {detail}", 1
    if postgresql and isinstance(error, exc.OperationalError):
        if "does not exist" in lowered and "database" in lowered:
            return (
                f"cannot connect to {where}: {detail}. Create it (createdb), then run "
                "`bilateral-db db upgrade`",
                1,
            )
        return (
            f"cannot connect to {where}: {detail}. Is the server running, and are host, "
            "port, user and database right?",
            1,
        )
    return f"database error on {where}: {type(error).__name__}: {detail}", 1
