"""Answers as tables of plain values, and the one JSON encoding both the CLI and the API print.

A report returns a list of row dataclasses (a list answer) or a dataclass of such lists and
single rows (a composite answer: a meeting in full, a dyad). `build_answer` turns either into
`Table`s generically, field by field, so the JSON of `--format json` and of the HTTP API are
one and the same thing.
"""

from __future__ import annotations

import functools
import json
import uuid
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from bilateral_db.answers.shapes import fact_ids, output_columns, shape_of

CITATIONS = "citations"  # the key --cite adds: the sources behind the row, with locators


@dataclass
class Table:
    """One block of an answer: column keys and rows as dicts of plain values."""

    title: str | None
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    display: list[str] | None = None  # the terminal's default columns; None: all of them
    money: dict[str, str] = field(default_factory=dict)  # money column -> currency column
    group_by: str | None = None  # the terminal shows one table per value of this column
    labels: dict[str, str] = field(default_factory=dict)  # terminal headers other than the key

    def shown_columns(self) -> list[str]:
        if self.display is None:
            return self.columns
        shown = [column for column in self.display if column in self.columns]
        if CITATIONS not in self.columns or CITATIONS in shown:
            return shown
        # Citations say more than the release's name: they go before it, so a narrow terminal
        # leaves out `source` first.
        at = shown.index("source") if "source" in shown else len(shown)
        return [*shown[:at], CITATIONS, *shown[at:]]


@dataclass
class Answer:
    """What a question answers: one list (`single`) or named lists with a few root values."""

    tables: list[Table]
    single: bool
    root: dict[str, Any] = field(default_factory=dict)
    result: Any = None  # the report's own return value (for plots)

    def data(self) -> Any:
        """The JSON document: a list for list answers, an object for composite ones."""
        if self.single:
            return self.tables[0].rows
        document = dict(self.root)
        for table in self.tables:
            document[table.title or "rows"] = table.rows
        return document


def _row_type(rows: list[Any], declared: type | None) -> type | None:
    return type(rows[0]) if rows else declared


def table_of(
    title: str | None,
    rows: list[Any],
    row_type: type | None,
    citations: dict[int, list[Any]] | None = None,
) -> Table:
    """Rows of one dataclass as a Table; with `citations` each row lists its sources."""
    kind = _row_type(rows, row_type)
    if kind is None:  # an empty list whose type nobody declared
        return Table(title, [], [])
    shape = shape_of(kind)
    columns = output_columns(kind)
    dicts = [{column: getattr(row, column) for column in columns} for row in rows]
    if citations is not None:
        for data, row in zip(dicts, rows, strict=True):
            found = {(s.source, s.locator): s for i in fact_ids(row) for s in citations.get(i, [])}
            data[CITATIONS] = [
                {"source": s.source, "title": s.title, "url": s.url, "locator": s.locator}
                for s in found.values()
            ]
        columns = [*columns, CITATIONS]
    display = list(shape.display) if shape.display is not None else None
    return Table(
        title, columns, dicts, display=display, money=dict(shape.money), labels=dict(shape.labels)
    )


def all_fact_ids(result: Any) -> list[int]:
    """Every fact behind a report's rows, nested ones included (for one citation query)."""
    rows = result if isinstance(result, list) else _parts(result)
    ids: list[int] = []
    for row in rows:
        if is_dataclass(row):
            ids.extend(fact_ids(row))
    return ids


def _parts(result: Any) -> list[Any]:
    rows: list[Any] = []
    for item in fields(result):
        value = getattr(result, item.name)
        if isinstance(value, list):
            rows.extend(value)
        elif is_dataclass(value):
            rows.append(value)
    return rows


def build_answer(
    result: Any,
    *,
    row_types: dict[str, type | None],
    citations: dict[int, list[Any]] | None = None,
) -> Answer:
    """A report's return value as an Answer.

    `row_types` gives the row type of each list (key "" for a list answer), so that empty lists
    still have their columns. In a composite answer a list field is a table, a dataclass field a
    table of one row, and any other field a root value of the JSON object.
    """
    if isinstance(result, list):
        table = table_of(None, result, row_types.get(""), citations)
        return Answer([table], single=True, result=result)
    tables, root = [], {}
    for item in fields(result):
        value = getattr(result, item.name)
        if isinstance(value, list):
            tables.append(table_of(item.name, value, row_types.get(item.name), citations))
        elif is_dataclass(value):
            tables.append(table_of(item.name, [value], type(value), citations))
        else:
            root[item.name] = value
    return Answer(tables, single=False, root=root, result=result)


# --- JSON ----------------------------------------------------------------------------------


@functools.cache
def _partial_date() -> type:
    from bilateral_db.core.dates import PartialDate  # loads the models: only once an answer exists

    return PartialDate


def jsonable(value: Any, decimals: dict[str, Decimal] | None = None) -> Any:
    """Plain JSON values: dates at their precision, enums by value, nested rows as objects.

    With `decimals`, each Decimal becomes a marker to be replaced by its exact literal.
    """
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        if decimals is None:
            return value
        marker = f"@@decimal-{uuid.uuid4().hex}@@"
        decimals[marker] = value
        return marker
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, _partial_date()):
        return str(value)  # at its precision: 2019-09, 1976
    if isinstance(value, list | tuple):
        return [jsonable(item, decimals) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item, decimals) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {
            column: jsonable(getattr(value, column), decimals)
            for column in output_columns(type(value))
        }
    return str(value)


def to_json(data: Any, *, indent: int | None = 2) -> str:
    """JSON with Decimals as exact number literals (never through float)."""
    decimals: dict[str, Decimal] = {}
    separators = None if indent else (",", ":")
    encoded = json.dumps(
        jsonable(data, decimals), indent=indent, ensure_ascii=False, separators=separators
    )
    for marker, value in decimals.items():
        encoded = encoded.replace(f'"{marker}"', format(value, "f"))
    return encoded
