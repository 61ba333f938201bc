"""Answers as terminal tables, CSV, TSV, Markdown or JSON: the only place output formats live.

JSON is the answer layer's own encoding (bilateral_db.answers.to_json), shared with the API.
Terminal tables fit the terminal: numbers are never wrapped and get thousands separators; when
space is short money is scaled (USD bn, unit in the header), text wraps between words, and as a
last resort the rightmost columns are left out, saying so on stderr; never a column that changes
what a row means (the shape's `keep`: a qualifier, a source, a bloc, "1 of 10" members), which
wraps instead. Terminal and Markdown tables are read by people: a flow reads as words between
reporter and partner ("RUS imports from THA"), a censored end as "2014+", a row whose source is
silent as "not covered". Output to a pipe or a file is unstyled and as wide as it needs to be.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any, TextIO

from bilateral_db.answers import Answer, Table, to_json
from bilateral_db.answers.tables import CITATIONS

COLUMN_GAP = 2  # characters between two columns: the box's blank separator and one of padding
NARROWEST_TEXT = 8  # a text column is never squeezed below this (or its longest word)
NARROWEST_KEPT = 4  # ... unless only kept columns are left: they fold rather than go
CENSORED_MARK = "+"
CENSORED_NOTE = "+ after an end: still so where the source's data end (censored), not an end"
NOT_COVERED = "not covered"
VOCABULARY = re.compile(r"^[a-z]+(_[a-z]+)+$")  # dialogue_partner reads as "dialogue partner"
SCALES = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


def is_terminal() -> bool:
    """Whether stdout is a terminal (TTY_COMPATIBLE=1 says so for tests and recorders)."""
    import os

    return sys.stdout.isatty() or os.environ.get("TTY_COMPATIBLE") == "1"


def terminal_width() -> int:
    import os
    import shutil

    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else shutil.get_terminal_size().columns


def text(value: Any) -> str:
    """A value as plain text for CSV, TSV and Markdown: exact decimals, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        return "; ".join(text(item) for item in value)
    if isinstance(value, dict):
        return str(value.get("source") or to_json(value, indent=None))
    return str(value)


def select_columns(answer: Answer, columns: Sequence[str] | None) -> Answer:
    """The answer with only `columns` (already validated by `unknown_columns`)."""
    if not columns:
        return answer
    tables = [
        replace(
            table,
            columns=list(columns),
            display=list(columns),
            rows=[{column: row.get(column) for column in columns} for row in table.rows],
        )
        for table in answer.tables
    ]
    return replace(answer, tables=tables)


def unknown_columns(answer: Answer, columns: Sequence[str]) -> list[str]:
    known = {column for table in answer.tables for column in table.columns}
    return [column for column in columns if column not in known]


def render(
    answer: Answer,
    output: OutputFormat,
    *,
    out: TextIO | None = None,
    width: int | None = None,
    styled: bool = False,
    notes: TextIO | None = None,
) -> None:
    """Print the answer. `width` None means a pipe or file: no fitting, no styles."""
    out = out or sys.stdout
    if output is OutputFormat.json:
        out.write(to_json(answer.data()) + "\n")
        return
    for index, table in enumerate(answer.tables):
        if output in (OutputFormat.csv, OutputFormat.tsv):
            if not answer.single:
                out.write(("" if index == 0 else "\n") + f"# {table.title}\n")
            out.write(_delimited(table, "," if output is OutputFormat.csv else "\t"))
        elif output is OutputFormat.markdown:
            out.write(_markdown(table) + "\n")
        else:
            for part in _groups(table):
                _terminal_table(part, out=out, width=width, styled=styled, notes=notes)


def _delimited(table: Table, delimiter: str) -> str:
    buffer = io.StringIO()
    if delimiter == "\t":  # TSV has no quoting: tabs and line breaks inside values become spaces
        rows = [
            [text(row.get(c)).replace("\t", " ").replace("\n", " ") for c in table.columns]
            for row in table.rows
        ]
        lines = ["\t".join(table.columns), *("\t".join(row) for row in rows)]
        return "\n".join(lines) + "\n"
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([text(row.get(column)) for column in table.columns])
    return buffer.getvalue()


def _markdown(table: Table) -> str:
    def cell(value: Any) -> str:
        return text(value).replace("|", "\\|").replace("\n", " ")

    columns = [c for c in table.shown_columns() if c not in _joined_away(table)]
    cells = [
        read_as(table, column, [cell(row.get(column)) for row in table.rows]) for column in columns
    ]
    lines = []
    if table.title:
        lines += [f"### {table.title}", ""]
    lines.append("| " + " | ".join(columns) + " |")
    lines.append("| " + " | ".join("---" for _ in columns) + " |")
    for index in range(len(table.rows)):
        lines.append("| " + " | ".join(column[index] for column in cells) + " |")
    if _shows_censored(table, columns):
        lines += ["", CENSORED_NOTE]
    return "\n".join(lines) + "\n"


def read_as(table: Table, key: str, cells: list[str]) -> list[str]:
    """A column's cells as people read them (the shape says how): a flow's words, a joined
    value ("1 of 10"), a censored end ("2014+"), "not covered" where a source is silent."""
    phrases = table.phrases.get(key)
    joined = table.joined.get(key)
    status = table.censored.get(key)
    read = []
    for cell, row in zip(cells, table.rows, strict=True):
        value = row.get(key)
        if phrases is not None and isinstance(value, str):
            cell = phrases.get(value, cell)
        if joined is not None and value is not None and row.get(joined[0]) is not None:
            cell = f"{cell}{joined[1]}{_cell(row.get(joined[0]))}"
        if status is not None and value is not None and row.get(status) == "censored":
            cell += CENSORED_MARK
        if key == table.silent and not cell and row.get("covered") is False:
            cell = NOT_COVERED
        read.append(cell)
    return read


def _joined_away(table: Table) -> set[str]:
    """Columns shown inside another ("of 10" in members) rather than on their own."""
    shown = table.shown_columns()
    return {other for key, (other, _) in table.joined.items() if key in shown}


def _shows_censored(table: Table, columns: list[str]) -> bool:
    return any(
        row.get(table.censored[key]) == "censored" and row.get(key) is not None
        for key in columns
        if key in table.censored
        for row in table.rows
    )


def _footer(table: Table) -> str:
    """What each list of the rows says of itself: "9 listed, list incomplete", naming the
    list's bloc when the rows come from several (a bloc's line); nothing where none says."""
    assert table.footer is not None
    count, status, of = table.footer
    said = {
        row.get(of): (row.get(count), row.get(status))
        for row in table.rows
        if row.get(status) in ("complete", "incomplete")
    }
    several = len({row.get(of) for row in table.rows}) > 1
    return "; ".join(
        f"{_cell(owner) + ': ' if several else ''}{listed} listed, list {what}"
        for owner, (listed, what) in said.items()
    )


def _groups(table: Table) -> Iterable[Table]:
    """One table per value of `group_by` when there is more than one value."""
    key = table.group_by
    values = list(dict.fromkeys(row.get(key) for row in table.rows)) if key else []
    if key is None or len(values) < 2:
        yield table
        return
    shown = [column for column in table.shown_columns() if column != key]
    for value in values:
        rows = [row for row in table.rows if row.get(key) == value]
        title = f"{table.title + ': ' if table.title else ''}{_cell(value)} ({len(rows)})"
        yield replace(table, title=title, rows=rows, display=shown, group_by=None)


# --- terminal tables ------------------------------------------------------------------------


@dataclass
class _Column:
    key: str
    header: str
    cells: list[str]
    numeric: bool

    @property
    def natural(self) -> int:
        return max([len(self.header), *(len(cell) for cell in self.cells)])

    @property
    def minimum(self) -> int:
        words = [word for text in [self.header, *self.cells] for word in text.split()]
        longest = max((len(word) for word in words), default=1)
        if self.numeric:
            return max([longest, *(len(cell) for cell in self.cells)])
        return max(longest, min(NARROWEST_TEXT, self.natural))

    def folded(self, hard: bool) -> int:
        """The narrowest it may be when only kept columns are left: the header folds, a
        number never; a value's words past NARROWEST_TEXT, or (`hard`) past NARROWEST_KEPT."""
        if self.numeric:
            return max([1, *(len(cell) for cell in self.cells)])
        if hard:
            return NARROWEST_KEPT
        words = [word for text in self.cells for word in text.split()]
        return max([NARROWEST_KEPT, *(min(len(word), NARROWEST_TEXT) for word in words)])


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _number(value: int | Decimal) -> str:
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return f"{value:,.{places}f}"


def _cell(value: Any) -> str:
    if _is_number(value):
        return _number(value)
    if isinstance(value, list | tuple):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return str(value.get("source") or "")
    if isinstance(value, str) and VOCABULARY.match(value):
        return value.replace("_", " ")  # a vocabulary word may wrap like words do
    return text(value)


def _columns(
    table: Table, scaled: bool, skip: Sequence[str] = ()
) -> tuple[list[_Column], list[str]]:
    """The table's columns as text; with `scaled`, money in the largest unit that fits it.

    Returns the columns and the keys dropped because a header now carries them (a currency
    shared by every row).
    """
    away = _joined_away(table)
    keys = [key for key in table.shown_columns() if key not in skip and key not in away]
    dropped: list[str] = []
    columns = []
    for key in keys:
        values = [row.get(key) for row in table.rows]
        header = table.labels.get(key, key.replace("_", " "))
        numeric = bool(values) and all(v is None or _is_number(v) for v in values)
        currency_key = table.money.get(key)
        if scaled and currency_key and any(v is not None for v in values):
            largest = max(abs(Decimal(v)) for v in values if v is not None)
            divisor, unit = next(((d, u) for d, u in SCALES if largest >= d), (Decimal(1), ""))
            currencies = {row.get(currency_key) for row in table.rows if row.get(key) is not None}
            label = " ".join(part for part in (_single(currencies), unit) if part)
            header = f"{header} ({label})" if label else header
            if _single(currencies) and currency_key in keys:
                dropped.append(currency_key)
            cells = ["" if v is None else f"{Decimal(v) / divisor:,.2f}" for v in values]
        else:
            cells = read_as(table, key, [_cell(v) for v in values])
            numeric = numeric and key not in table.joined
        columns.append(_Column(key, header, cells, numeric))
    return [c for c in columns if c.key not in dropped], dropped


def _single(values: set[Any]) -> str:
    return str(next(iter(values))) if len(values) == 1 and None not in values else ""


def _total(widths: Sequence[int]) -> int:
    return sum(widths) + COLUMN_GAP * max(0, len(widths) - 1)


def _fit(
    columns: list[_Column], width: int, *, fold: bool = False, hard: bool = False
) -> list[int] | None:
    """Column widths that fit `width` without breaking a number or a word, or None; with
    `fold`, text may break inside a word (kept columns, when nothing else can go)."""
    widths = [column.natural for column in columns]
    minimums = [min(c.minimum, c.folded(hard)) if fold else c.minimum for c in columns]
    if _total(minimums) > width:
        return None
    excess = _total(widths) - width
    while excess > 0:  # narrow the widest column that can give way, one character at a time
        candidates = [i for i in range(len(columns)) if widths[i] > minimums[i]]
        if fold:  # the column with most to give: a long header folds before a value does
            widest = max(candidates, key=lambda i: widths[i] - minimums[i])
        else:
            widest = max(candidates, key=lambda i: (not columns[i].numeric, widths[i]))
        widths[widest] -= 1
        excess -= 1
    return widths


def _layout(table: Table, width: int | None) -> tuple[list[_Column], list[int], list[str]]:
    """Columns, their widths, and the keys left out to fit the terminal."""
    columns, _ = _columns(table, scaled=False)
    if width is None or _total([c.natural for c in columns]) <= width:
        return columns, [c.natural for c in columns], []
    # Too wide: leave out columns with no value at all, then scale money, then wrap, then drop.
    empty = [c.key for c in columns if not any(c.cells)]
    columns, _ = _columns(table, scaled=bool(table.money), skip=empty)
    hidden: list[str] = []
    while True:
        widths = _fit(columns, width)
        # Citations are there because they were asked for (--cite): they stay too.
        droppable = [i for i, c in enumerate(columns) if c.key not in {*table.keep, CITATIONS}]
        if widths is not None or len(columns) <= 2 or not droppable:
            widths = (
                widths
                or _fit(columns, width, fold=True)
                or _fit(columns, width, fold=True, hard=True)
            )
            return columns, widths or [c.natural for c in columns], hidden
        hidden.insert(0, columns.pop(droppable[-1]).key)


def _terminal_table(
    table: Table, *, out: TextIO, width: int | None, styled: bool, notes: TextIO | None
) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    columns, widths, hidden = _layout(table, width)
    rich_table = RichTable(
        box=box.SIMPLE_HEAD,
        padding=(0, 1, 0, 0),
        pad_edge=False,
        show_edge=False,
        header_style="bold" if styled else "",
        title=Text(table.title, style="bold" if styled else "") if table.title else None,
        title_justify="left",
    )
    for column, column_width in zip(columns, widths, strict=True):
        rich_table.add_column(
            Text(column.header),
            width=column_width,
            justify="right" if column.numeric else "left",
            overflow="fold",  # only a word longer than the whole column is ever split
        )
    for index in range(len(table.rows)):
        rich_table.add_row(*(Text(column.cells[index]) for column in columns))
    if not table.rows:
        rich_table.caption = Text("(none)")
        rich_table.caption_justify = "left"
    else:
        captions = [_footer(table)] if table.footer else []
        if _shows_censored(table, [column.key for column in columns]):
            captions.append(CENSORED_NOTE)
        if any(captions):
            rich_table.caption = Text("\n".join(c for c in captions if c))
            rich_table.caption_justify = "left"
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or 100_000,
        force_terminal=styled,
        color_system="standard" if styled else None,
        highlight=False,
    )
    console.print(rich_table)
    out.write("\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n")
    if hidden and notes is not None:
        notes.write(
            f"note: left out to fit {width} columns: {', '.join(hidden)} "
            "(widen the terminal, choose with --columns, or use --format csv)\n"
        )
