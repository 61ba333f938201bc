"""Rows to tables, JSON, CSV and Markdown: the only place output formats live.

Reports hand over frozen dataclasses; commands pick columns into `Table`s and this module prints
them. Money stays Decimal to the last character: JSON carries it as an exact number literal.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable

from bilateral_db.dates import PartialDate

FORMATS = ("table", "json", "csv", "markdown")
PIPED_WIDTH = 200


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@dataclass
class Table:
    """One block of output: a title (for composite reports), column keys and rows as dicts."""

    title: str | None
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)


def row_dict(row: Any, columns: Sequence[str]) -> dict[str, Any]:
    """The named attributes of a dataclass row, in order."""
    return {column: getattr(row, column) for column in columns}


def shallow_dict(row: Any) -> dict[str, Any]:
    """A dataclass row's fields, keeping nested values (dates at a precision) as they are.

    dataclasses.asdict would turn a PartialDate into a dict and print it as JSON.
    """
    return {item.name: getattr(row, item.name) for item in fields(row)}


def dataclass_columns(row_type: type) -> list[str]:
    assert is_dataclass(row_type)
    return [item.name for item in fields(row_type)]


def text(value: Any) -> str:
    """A value as a cell: dates at their precision, exact decimals, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(text(item) for item in value)
    if isinstance(value, dict):
        return value.get("source") or json.dumps(value, default=str)
    return str(value)


def _jsonable(value: Any, decimals: dict[str, Decimal]) -> Any:
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        marker = f"@@decimal-{uuid.uuid4().hex}@@"
        decimals[marker] = value
        return marker
    if isinstance(value, list | tuple):
        return [_jsonable(item, decimals) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item, decimals) for key, item in value.items()}
    return value


def to_json(data: Any) -> str:
    """JSON with Decimals as exact number literals (never through float)."""
    decimals: dict[str, Decimal] = {}
    encoded = json.dumps(_jsonable(data, decimals), indent=2, ensure_ascii=False)
    for marker, value in decimals.items():
        encoded = encoded.replace(f'"{marker}"', format(value, "f"))
    return encoded


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([text(row.get(column)) for column in table.columns])
    return buffer.getvalue()


def _markdown(table: Table) -> str:
    def cell(value: Any) -> str:
        return text(value).replace("|", "\\|").replace("\n", " ")

    lines = []
    if table.title:
        lines += [f"### {table.title}", ""]
    lines.append("| " + " | ".join(table.columns) + " |")
    lines.append("| " + " | ".join("---" for _ in table.columns) + " |")
    for row in table.rows:
        lines.append("| " + " | ".join(cell(row.get(column)) for column in table.columns) + " |")
    return "\n".join(lines) + "\n"


def render(
    tables: Iterable[Table],
    output: OutputFormat | str,
    console: Console,
    *,
    single: bool,
    json_root: dict[str, Any] | None = None,
) -> None:
    """Print the tables. `single` reports (a list) print JSON as a list, composite as an object."""
    tables = list(tables)
    output = OutputFormat(output)
    if output is OutputFormat.json:
        if single:
            data: Any = tables[0].rows
        else:
            data = dict(json_root or {})
            for table in tables:
                data[table.title or "rows"] = table.rows
        console.out(to_json(data), highlight=False)
        return
    for index, table in enumerate(tables):
        if output is OutputFormat.csv:
            if not single:
                console.out(f"# {table.title}", highlight=False)
            console.out(_csv(table), end="", highlight=False)
            if not single and index < len(tables) - 1:
                console.out("", highlight=False)
        elif output is OutputFormat.markdown:
            console.out(_markdown(table), highlight=False)
        else:
            rich_table = RichTable(title=table.title, title_justify="left")
            for column in table.columns:
                rich_table.add_column(column, overflow="fold")
            for row in table.rows:
                rich_table.add_row(*(text(row.get(column)) for column in table.columns))
            if not table.rows:
                rich_table.caption = "(none)"
            # Piped output is not cut to 80 columns: rows stay greppable.
            target = (
                console if console.is_terminal else Console(file=console.file, width=PIPED_WIDTH)
            )
            target.print(rich_table)
