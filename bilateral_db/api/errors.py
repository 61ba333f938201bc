"""Every refusal as `{"error": {"status", "message", "parameter"?, "suggestions"?}}`.

422: a parameter that cannot be read (the message names it and says what to write, in words);
404: a code that names nothing (with close matches) or a path that is no route; 503: the
database cannot be read.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from bilateral_db.core.params import BadParameter
from bilateral_db.reports import UnknownCode


def error_response(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message, **extra}}, status)


def add_handlers(app: FastAPI) -> None:
    @app.exception_handler(BadParameter)
    async def bad_parameter(_: Request, error: BadParameter) -> JSONResponse:
        return error_response(422, str(error), parameter=error.param.wire)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        # Routes declare no parameters to FastAPI (they read them through their Params), so
        # this is what is left: a request FastAPI itself cannot take.
        first = error.errors()[0]
        name = str(first["loc"][-1]) if first.get("loc") else "request"
        return error_response(422, f"{name}: {first.get('msg', 'invalid')}", parameter=name)

    @app.exception_handler(UnknownCode)
    async def unknown(_: Request, error: UnknownCode) -> JSONResponse:
        return error_response(404, str(error), suggestions=error.suggestions)

    @app.exception_handler(HTTPException)
    async def http(_: Request, error: HTTPException) -> JSONResponse:
        response = error_response(error.status_code, str(error.detail))
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(SQLAlchemyError)
    async def database(_: Request, error: SQLAlchemyError) -> JSONResponse:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return error_response(503, f"the database cannot be read: {type(error).__name__}: {detail}")
