"""The OpenAPI document's parts, each derived from what it describes, never restated.

Parameters: the JSON Schema each `Param` generates from its own parsing rule (types, patterns,
enums, bounds, examples; bilateral_db.core.params). Answers: the report dataclasses, exactly as
`bilateral_db.answers` emits them — every output field of a row (answers/shapes.py), dates as
text at their precision, money as exact JSON numbers, and the `citations` a request with
`cite=true` adds.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bilateral_db.answers.shapes import output_columns
from bilateral_db.core.dates import DATE_PATTERN, PartialDate
from bilateral_db.core.params import Param

PARTIAL_DATE = {
    "type": "string",
    "pattern": DATE_PATTERN,
    "description": "A date at its precision: YYYY-MM-DD, YYYY-MM or YYYY.",
    "examples": ["1997-07-23", "2019-09", "1976"],
}
CITATIONS = {
    "type": "array",
    "description": (
        "With cite=true: the sources behind the row, with where in each it is said; for a "
        "data-set release also its version, citation, file and the file's SHA-256."
    ),
    "items": {
        "type": "object",
        "properties": {
            "source": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": ["string", "null"]},
            "locator": {"type": ["string", "null"]},
            "version": {"type": ["string", "null"]},
            "citation": {"type": ["string", "null"]},
            "file": {"type": ["string", "null"]},
            "file_sha256": {"type": ["string", "null"]},
        },
        "required": ["source", "title", "url", "locator"],
    },
}
ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "message": {"type": "string"},
                "parameter": {"type": "string"},
                "suggestions": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["status", "message"],
        }
    },
    "required": ["error"],
}


def value_schema(annotation: Any) -> dict[str, Any]:
    """The JSON Schema of one field's values."""
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [value_schema(a) for a in arguments if a is not type(None)]
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        if type(None) in arguments:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema
    if typing.get_origin(annotation) in (list, tuple):
        return {"type": "array", "items": value_schema(arguments[0]) if arguments else {}}
    if annotation is PartialDate:
        return dict(PARTIAL_DATE)
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is Decimal:
        return {"type": "number", "description": "Exact: as many decimals as stored."}
    if annotation is date:
        return {"type": "string", "format": "date"}
    if annotation is str:
        return {"type": "string"}
    if is_dataclass(annotation):
        return row_schema(annotation, cited=False)  # type: ignore[arg-type]
    return {}


def row_schema(row_type: type, *, cited: bool = True) -> dict[str, Any]:
    """One row of a table, as an object with every output column."""
    hints = typing.get_type_hints(row_type)
    columns = output_columns(row_type)
    properties = {name: value_schema(hints[name]) for name in columns}
    if cited:
        properties["citations"] = CITATIONS
    return {
        "type": "object",
        "title": row_type.__name__,
        "description": (row_type.__doc__ or "").strip().splitlines()[0],
        "properties": properties,
        "required": columns,
    }


def answer_schema(returned: Any) -> dict[str, Any]:
    """The whole answer of a report that returns `returned` (a list of rows or a dataclass)."""
    if typing.get_origin(returned) is list:
        return {"type": "array", "items": row_schema(typing.get_args(returned)[0])}
    hints = typing.get_type_hints(returned)
    properties: dict[str, Any] = {}
    for item in fields(returned):
        hint = hints[item.name]
        if typing.get_origin(hint) is list:
            properties[item.name] = answer_schema(hint)
        elif is_dataclass(hint):
            properties[item.name] = {"type": "array", "items": row_schema(hint)}  # type: ignore[arg-type]
        else:
            properties[item.name] = value_schema(hint)
    return {
        "type": "object",
        "title": returned.__name__,
        "properties": properties,
        "required": list(properties),
    }


def parameters(params: tuple[Param, ...]) -> list[dict[str, Any]]:
    """The OpenAPI parameter objects of a route: path segments, then query parameters."""
    return [
        {
            "name": param.wire,
            "in": "path" if param.positional else "query",
            "required": param.positional,
            "description": param.help,
            "schema": param.schema(),
        }
        for param in params
    ]


def responses(summary: str, returned: Any, *, paged: bool) -> dict[int | str, dict[str, Any]]:
    """The responses of a route whose report returns `returned`."""
    headers: dict[str, Any] = {
        "ETag": {
            "description": "The data's version; send it in If-None-Match.",
            "schema": {"type": "string"},
        },
        "Cache-Control": {"schema": {"type": "string"}},
    }
    if paged:
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
            "description": summary,
            "content": {"application/json": {"schema": answer_schema(returned)}},
            "headers": headers,
        },
        304: {"description": "Not modified since the ETag in If-None-Match."},
        404: {
            "description": "A code or slug that names nothing; suggestions lists close ones.",
            **error,
        },
        422: {
            "description": "A parameter that cannot be read; parameter names it, and the "
            "message says what to write.",
            **error,
        },
        503: {"description": "The database cannot be read.", **error},
    }
