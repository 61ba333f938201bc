"""The read-only HTTP JSON API: one GET endpoint per question of bilateral_db.answers.

Routes are built from the question specs, as the CLI's report commands are, and answer through
the same answer layer: for the same question the body is the JSON `--format json` prints. Lists
are paged with `limit` and `offset`; the page is the body and the total travels in the
`X-Total-Count` header (with `Link: rel="next"`), so a page is still the CLI's JSON. Responses
carry an ETag derived from the data's version: `If-None-Match` answers 304 until the next load.
"""

from __future__ import annotations

import hashlib
import inspect
import typing
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from bilateral_db import __version__
from bilateral_db.answers import QUESTIONS, BadParameter, Kind, Param, Question, to_json
from bilateral_db.answers.params import MAX_CODE_LENGTH
from bilateral_db.answers.questions import answer_arguments, parse_arguments
from bilateral_db.api.database import data_version, read_only_engine, read_only_session
from bilateral_db.api.methods import ReadOnlyMethods
from bilateral_db.api.schemas import ERROR, answer_schema
from bilateral_db.reports import UnknownCode
from bilateral_db.settings import redact_url, resolve_database_url

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
DAY_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
CODE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]+$"  # what Param.parse accepts: no control characters
DESCRIPTION = """\
A dated, cited database of international relations, read-only. Every endpoint answers one
question of `bilateral-db report` with the same JSON as `--format json`.

Dates are written at their precision (`1997-07-23`, `2019-09`, `1976`); money is an exact JSON
number. Lists are paged with `limit` (at most 1000) and `offset`; the total is in
`X-Total-Count` and the next page in `Link`. Every response has an ETag that changes when the
data is loaded or imported: send it back in `If-None-Match` to get `304 Not Modified`.
Errors are `{"error": {"status", "message", "parameter"?, "suggestions"?}}`: 404 for a code
that names nothing (with close matches), 422 for a parameter that cannot be read.
"""


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message, **extra}}, status)


def _annotation(param: Param) -> tuple[Any, Any]:
    """The FastAPI annotation and default of one parameter."""
    examples = [param.example] if param.example is not None else None
    described: dict[str, Any] = {"description": param.help, "examples": examples}
    if param.positional:
        path = Path(max_length=MAX_CODE_LENGTH, pattern=CODE_PATTERN, **described)
        return Annotated[str, path], inspect._empty
    if param.kind is Kind.FLAG:
        return Annotated[bool, Query(alias=param.wire, **described)], False
    if param.kind is Kind.YEAR:
        year = Query(alias=param.wire, ge=1, le=9998, **described)
        return Annotated[int | None, year], None
    if param.kind in (Kind.DAY, Kind.DAY_END):
        day = Query(alias=param.wire, pattern=DAY_PATTERN, **described)
        return Annotated[str | None, day], None
    if param.kind is Kind.CHOICE and param.choices is not None:
        # The schema lists the spellings; any case and hyphens for underscores are read too.
        choice = Query(alias=param.wire, json_schema_extra={"enum": param.choices()}, **described)
        return Annotated[str | None, choice], param.default
    text = Query(alias=param.wire, max_length=MAX_CODE_LENGTH, pattern=CODE_PATTERN, **described)
    return Annotated[str | None, text], param.default


def _returned(question: Question) -> Any:
    return typing.get_type_hints(question.report_function())["return"]


def _is_list(question: Question) -> bool:
    return typing.get_origin(_returned(question)) is list


def _signature(question: Question) -> inspect.Signature:
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [inspect.Parameter("request", keyword, annotation=Request)]
    for param in question.all_params:
        annotation, default = _annotation(param)
        parameters.append(
            inspect.Parameter(param.name, keyword, annotation=annotation, default=default)
        )
    if _is_list(question):
        limit = Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (at most {MAX_LIMIT}).")
        offset = Query(ge=0, description="Rows to skip.")
        parameters.append(
            inspect.Parameter(
                "limit", keyword, annotation=Annotated[int, limit], default=DEFAULT_LIMIT
            )
        )
        parameters.append(
            inspect.Parameter("offset", keyword, annotation=Annotated[int, offset], default=0)
        )
    return inspect.Signature(parameters)


def _etag(version: str, request: Request) -> str:
    query = urlencode(sorted(request.query_params.multi_items()))
    digest = hashlib.sha256(f"{__version__}|{version}|{request.url.path}?{query}".encode())
    return f'"{digest.hexdigest()[:32]}"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


def _page_links(request: Request, offset: int, limit: int, total: int) -> str:
    links = []
    if offset + limit < total:
        links.append((offset + limit, "next"))
    if offset > 0:
        links.append((max(0, offset - limit), "prev"))
    parts = []
    for start, rel in links:
        url = request.url.include_query_params(offset=start, limit=limit)
        parts.append(f'<{url}>; rel="{rel}"')
    return ", ".join(parts)


def _repeated(request: Request, question: Question) -> str | None:
    """The first query parameter of this question given more than once, if any."""
    known = {param.wire for param in question.all_params if not param.positional}
    known |= {"limit", "offset"}
    seen: set[str] = set()
    for name, _ in request.query_params.multi_items():
        if name in known and name in seen:
            return name
        seen.add(name)
    return None


def _endpoint(question: Question, cache_control: str) -> Callable[..., Response]:
    def endpoint(request: Request, **values: Any) -> Response:
        repeated = _repeated(request, question)
        if repeated is not None:
            # Starlette would silently keep one of the values, as click would on the CLI.
            return _error(422, f"{repeated}: given twice; give it once", parameter=repeated)
        limit = values.pop("limit", None)
        offset = values.pop("offset", 0)
        raw = {
            name: value if value is None or isinstance(value, bool) else str(value)
            for name, value in values.items()
        }
        arguments = parse_arguments(question, raw)
        with read_only_session(request.app.state.engine) as session:
            etag = _etag(data_version(session), request)
            headers = {"ETag": etag, "Cache-Control": cache_control}
            if _matches(request.headers.get("if-none-match"), etag):
                return Response(status_code=304, headers=headers)
            answer = answer_arguments(question, session, arguments)
        data = answer.data()
        if limit is not None:
            total = len(data)
            data = data[offset : offset + limit]
            headers["X-Total-Count"] = str(total)
            links = _page_links(request, offset, limit, total)
            if links:
                headers["Link"] = links
        return Response(to_json(data, indent=None), media_type="application/json", headers=headers)

    endpoint.__signature__ = _signature(question)  # type: ignore[attr-defined]
    endpoint.__name__ = f"get_{question.name}"
    return endpoint


def _responses(question: Question) -> dict[int | str, dict[str, Any]]:
    headers: dict[str, Any] = {
        "ETag": {
            "description": "The data's version; send it in If-None-Match.",
            "schema": {"type": "string"},
        },
        "Cache-Control": {"schema": {"type": "string"}},
    }
    if _is_list(question):
        headers["X-Total-Count"] = {
            "description": "Rows in the whole answer (this page holds at most `limit`).",
            "schema": {"type": "integer"},
        }
        headers["Link"] = {
            "description": 'Next and previous pages (rel="next", "prev").',
            "schema": {"type": "string"},
        }
    error = {"content": {"application/json": {"schema": ERROR}}}
    return {
        200: {
            "description": question.summary,
            "content": {"application/json": {"schema": answer_schema(_returned(question))}},
            "headers": headers,
        },
        304: {"description": "Not modified since the ETag in If-None-Match."},
        404: {
            "description": "A code or slug that names nothing; suggestions lists close ones.",
            **error,
        },
        422: {"description": "A parameter that cannot be read; parameter names it.", **error},
        503: {"description": "The database cannot be read.", **error},
    }


def add_question(app: FastAPI, question: Question, cache_control: str) -> None:
    example = f"GET {question.api_example()}"
    cli = f"bilateral-db report {question.name} {question.example}".rstrip()
    app.add_api_route(
        question.path,
        _endpoint(question, cache_control),
        methods=["GET"],
        name=question.name,
        operation_id=question.name,
        summary=question.summary,
        description=f"{question.description}\n\nExample: `{example}` (the CLI's `{cli}`).",
        response_class=Response,
        response_model=None,
        responses=_responses(question),
        tags=[question.path.strip("/").split("/")[0]],
    )


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(BadParameter)
    async def bad_parameter(_: Request, error: BadParameter) -> JSONResponse:
        return _error(422, str(error), parameter=error.param.wire)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0]
        name = str(first["loc"][-1]) if first.get("loc") else "request"
        return _error(422, f"{name}: {first.get('msg', 'invalid')}", parameter=name)

    @app.exception_handler(UnknownCode)
    async def unknown(_: Request, error: UnknownCode) -> JSONResponse:
        return _error(404, str(error), suggestions=error.suggestions)

    @app.exception_handler(HTTPException)
    async def http(_: Request, error: HTTPException) -> JSONResponse:
        response = _error(error.status_code, str(error.detail))
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(SQLAlchemyError)
    async def database(_: Request, error: SQLAlchemyError) -> JSONResponse:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return _error(503, f"the database cannot be read: {type(error).__name__}: {detail}")


def create_app(url: str | None = None, *, max_age: int = 0) -> FastAPI:
    """The API over the database at `url` ($BILATERAL_DB_URL, else bilateral.sqlite).

    `max_age` lets caches reuse an answer for that many seconds without asking; 0 (the
    default) makes them revalidate every time, with the ETag.
    """
    database_url = resolve_database_url(url)
    engine = read_only_engine(database_url)

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
    _handlers(app)
    app.add_middleware(ReadOnlyMethods)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=["If-None-Match"],
        expose_headers=["ETag", "X-Total-Count", "Link"],
    )
    return app
