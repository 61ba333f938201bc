"""One GET route per question: read the parameters, answer one page in one snapshot, send JSON.

A route declares no parameters to FastAPI: it reads the path and the query itself through the
question's `Param`s (bilateral_db.core.params), the same rules the CLI reads its arguments with,
so a mistake gets the same words on both. The OpenAPI document describes the parameters with
the schema generated from those rules (api/schemas.py).

Lists are paged in the query where the report can (answers/answering.py): `limit` rows from
`offset`. A request without `limit` gets the first DEFAULT_LIMIT rows, with `Link: rel="next"`
when more follow, so one request never makes a worker build an unbounded answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import FastAPI, Request, Response

from bilateral_db import __version__
from bilateral_db.answers import (
    Kind,
    Page,
    Param,
    Question,
    answer_arguments,
    parse_arguments,
    to_json,
)
from bilateral_db.answers.answering import is_list, returned_type
from bilateral_db.api.errors import error_response
from bilateral_db.api.schemas import parameters, responses
from bilateral_db.db import data_version, read_snapshot

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000  # more rows than any answer holds; keeps OFFSET within every integer
LIMIT = Param(
    "limit",
    Kind.COUNT,
    f"Rows per page, at most {MAX_LIMIT}. Without it the first {DEFAULT_LIMIT} rows come back, "
    'with the next page in the `Link` header (rel="next").',
    str(MAX_LIMIT),
    default=str(DEFAULT_LIMIT),
    minimum=1,
    maximum=MAX_LIMIT,
)
OFFSET = Param(
    "offset", Kind.COUNT, "Rows to skip.", "0", default="0", minimum=0, maximum=MAX_OFFSET
)
PAGING = (LIMIT, OFFSET)


def route_params(question: Question) -> tuple[Param, ...]:
    """Every parameter of the question's route, paging included for list answers."""
    return (*question.all_params, *(PAGING if is_list(question) else ()))


def _etag(version: str, request: Request) -> str:
    query = urlencode(sorted(request.query_params.multi_items()))
    digest = hashlib.sha256(f"{__version__}|{version}|{request.url.path}?{query}".encode())
    return f'"{digest.hexdigest()[:32]}"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


def _page_links(request: Request, page: Page, more: bool) -> str:
    links = []
    if more:
        links.append((page.offset + page.limit, "next"))
    if page.offset > 0:
        links.append((max(0, page.offset - page.limit), "prev"))
    parts = []
    for start, rel in links:
        url = request.url.include_query_params(offset=start, limit=page.limit)
        parts.append(f'<{url}>; rel="{rel}"')
    return ", ".join(parts)


def _repeated(request: Request, params: tuple[Param, ...]) -> Param | None:
    """The first query parameter given more than once, if any: Starlette would silently keep
    one of the values, as click would on the CLI."""
    known = {param.wire: param for param in params if not param.positional}
    seen: set[str] = set()
    for name, _ in request.query_params.multi_items():
        if name in known and name in seen:
            return known[name]
        seen.add(name)
    return None


def _raw(request: Request, params: tuple[Param, ...]) -> dict[str, str | None]:
    """Each parameter's text as sent (None: not given)."""
    return {
        param.name: request.path_params.get(param.name)
        if param.positional
        else request.query_params.get(param.wire)
        for param in params
    }


def _endpoint(question: Question, cache_control: str) -> Callable[[Request], Response]:
    params = route_params(question)
    paged = is_list(question)

    def endpoint(request: Request) -> Response:
        repeated = _repeated(request, params)
        if repeated is not None:
            return error_response(
                422, f"{repeated.wire}: given twice; give it once", parameter=repeated.wire
            )
        raw = _raw(request, params)
        arguments = parse_arguments(question, raw)
        page = Page(LIMIT.parse(raw["limit"]), OFFSET.parse(raw["offset"])) if paged else None
        with read_snapshot(request.app.state.engine) as session:
            etag = _etag(data_version(session), request)
            headers = {"ETag": etag, "Cache-Control": cache_control}
            if _matches(request.headers.get("if-none-match"), etag):
                return Response(status_code=304, headers=headers)
            answer = answer_arguments(question, session, arguments, page)
        if page is not None:
            if answer.total is not None:
                headers["X-Total-Count"] = str(answer.total)
            links = _page_links(request, page, answer.more)
            if links:
                headers["Link"] = links
        body = to_json(answer.data(), indent=None)
        return Response(body, media_type="application/json", headers=headers)

    endpoint.__name__ = f"get_{question.name}"
    return endpoint


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
        responses=responses(question.summary, returned_type(question), paged=is_list(question)),
        openapi_extra={"parameters": parameters(route_params(question))},
        tags=[question.path.strip("/").split("/")[0]],
    )
