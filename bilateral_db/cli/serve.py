"""`bilateral-db serve`: the read-only HTTP JSON API, served by uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from bilateral_db.cli.options import (
    DatabaseOption,
    database_url,
    error_console,
    fail,
    require_module,
)


def serve(
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", metavar="N", min=1, max=64, help="Worker processes.")
    ] = 1,
    max_age: Annotated[
        int,
        typer.Option(
            "--max-age",
            metavar="SECONDS",
            min=0,
            help="How long caches may reuse an answer without asking (0: revalidate each time "
            "with the ETag).",
        ),
    ] = 0,
    db: DatabaseOption = None,
) -> None:
    """Serve every report as read-only JSON over HTTP (needs bilateral_db[api]).

    The database is opened read-only (SQLite mode=ro; PostgreSQL read-only transactions).
    OpenAPI at /openapi.json, interactive docs at /docs.

    Example: bilateral-db serve --port 8000 --workers 2
    """
    require_module("fastapi", "serve")
    require_module("uvicorn", "serve")
    import uvicorn

    from bilateral_db.api.server import MAX_AGE_ENV, app_from_environment
    from bilateral_db.settings import DATABASE_URL_ENV, redact_url

    url = database_url(db)
    os.environ[DATABASE_URL_ENV] = url  # each worker builds its app from the environment
    os.environ[MAX_AGE_ENV] = str(max_age)
    from bilateral_db.db import DatabaseMissing

    try:
        app_from_environment()  # fail here, with a message, rather than in every worker
    except DatabaseMissing as error:
        fail(f"{error}; create it with `bilateral-db quickstart` or `bilateral-db db upgrade`")
    error_console.print(
        f"serving {redact_url(url)} read-only on http://{host}:{port} (docs: /docs)",
        markup=False,
        highlight=False,
    )
    uvicorn.run(
        "bilateral_db.api.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
