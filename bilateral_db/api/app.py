"""The read-only HTTP JSON API: one GET endpoint per question of bilateral_db.answers.

Routes are built from the question specs, as the CLI's report commands are, and answer through
the same answer layer: for the same question the body is the JSON `--format json` prints. Lists
are paged with `limit` and `offset`, in the report's query where it can; the page is the body,
the total travels in `X-Total-Count` and the next page in `Link: rel="next"`, so a page is still
the CLI's JSON. Every request reads one read-only snapshot (bilateral_db.db, as the CLI does).
Responses carry an ETag derived from the data's version: `If-None-Match` answers 304 until the
next load.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.engine import make_url

from bilateral_db import __version__
from bilateral_db.answers import QUESTIONS
from bilateral_db.api.errors import add_handlers
from bilateral_db.api.methods import ReadOnlyMethods
from bilateral_db.api.routes import DEFAULT_LIMIT, MAX_LIMIT, add_question
from bilateral_db.db import is_sqlite, make_engine
from bilateral_db.settings import redact_url, resolve_database_url

DESCRIPTION = f"""\
A dated, cited database of international relations, read-only. Every endpoint answers one
question of `bilateral-db report` with the same JSON as `--format json`, and reads its
parameters by the same rules (codes in any case, dates as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`).

Dates are written at their precision (`1997-07-23`, `2019-09`, `1976`); money is an exact JSON
number. Lists come in pages: `limit` rows (at most {MAX_LIMIT}) from `offset`. A request
without `limit` gets the first {DEFAULT_LIMIT} rows; the next page is in the `Link` header
(`rel="next"`) and the whole answer's row count in `X-Total-Count`. Every response has an ETag
that changes when the data is loaded or imported: send it back in `If-None-Match` to get
`304 Not Modified`. Errors are `{{"error": {{"status", "message", "parameter"?,
"suggestions"?}}}}`: 404 for a code that names nothing (with close matches), 422 for a
parameter that cannot be read (the message says what to write).
"""


def create_app(url: str | None = None, *, max_age: int = 0) -> FastAPI:
    """The API over the database at `url` ($BILATERAL_DB_URL, else bilateral.sqlite).

    `max_age` lets caches reuse an answer for that many seconds without asking; 0 (the
    default) makes them revalidate every time, with the ETag.
    """
    database_url = resolve_database_url(url)
    if is_sqlite(database_url) and (make_url(database_url).database or ":memory:") == ":memory:":
        raise ValueError("the API serves a database file, not an in-memory database")
    engine = make_engine(database_url, read_only=True, pool_pre_ping=True)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="bilateral_db",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.database = redact_url(database_url)
    cache_control = f"public, max-age={max_age}" if max_age else "public, no-cache"
    for question in QUESTIONS:
        add_question(app, question, cache_control)
    add_handlers(app)
    app.add_middleware(ReadOnlyMethods)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=["If-None-Match"],
        expose_headers=["ETag", "X-Total-Count", "Link"],
    )
    return app
