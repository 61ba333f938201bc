"""Answers as tables of plain values, and the one JSON encoding both the CLI and the API print.

A report returns a list of row dataclasses (a list answer) or a dataclass of such lists and
single rows (a composite answer: a meeting in full, a dyad). `build_answer` turns either into
`Table`s generically, field by field, so the JSON of `--format json` and of the HTTP API are
one and the same thing.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
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
    # How people read it (answers.shapes.Shape says what each means); JSON and CSV ignore them.
    keep: frozenset[str] = frozenset()
    joined: dict[str, tuple[str, str]] = field(default_factory=dict)
    censored: dict[str, str] = field(default_factory=dict)
    silent: str | None = None
    phrases: dict[str, dict[str, str]] = field(default_factory=dict)
    footer: tuple[str, str, str] | None = None  # answers.shapes.Shape.footer

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
    total: int | None = None  # a page's answer: rows in the whole answer (None: not known)
    more: bool = False  # a page's answer: whether rows follow this page

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
    releases: dict[str, Any] | None = None,
) -> Table:
    """Rows of one dataclass as a Table; with `citations` each row lists its sources: the
    curated facts' sources, and (`releases`) the data-set releases its `source(s)` name."""
    kind = _row_type(rows, row_type)
    if kind is None:  # an empty list whose type nobody declared
        return Table(title, [], [])
    shape = shape_of(kind)
    columns = output_columns(kind)
    values = _getter(columns)
    dicts = [dict(zip(columns, values(row), strict=True)) for row in rows]
    if citations is not None:
        known = releases or {}
        for data, row in zip(dicts, rows, strict=True):
            found = {(s.source, s.locator): s for i in fact_ids(row) for s in citations.get(i, [])}
            data[CITATIONS] = [
                {"source": s.source, "title": s.title, "url": s.url, "locator": s.locator}
                for s in found.values()
            ] + [_release(known[slug]) for slug in row_sources(row) if slug in known]
        columns = [*columns, CITATIONS]
    display = list(shape.display) if shape.display is not None else None
    return Table(
        title,
        columns,
        dicts,
        display=display,
        money=dict(shape.money),
        labels=dict(shape.labels),
        keep=shape.keep,
        joined=dict(shape.joined),
        censored=dict(shape.censored),
        silent=shape.silent,
        phrases=dict(shape.phrases),
        footer=shape.footer,
    )


def _getter(columns: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A row's values of `columns`, as a tuple, read in one call (the rows of a big answer
    pass through here)."""
    if len(columns) > 1:
        return operator.attrgetter(*columns)
    if columns:
        get = operator.attrgetter(columns[0])
        return lambda row: (get(row),)
    return lambda _: ()


def _release(release: Any) -> dict[str, Any]:
    return {
        "source": release.source,
        "title": release.title,
        "version": release.version,
        "citation": release.citation,
        "url": release.url,
        "locator": None,  # the whole release: the file and its hash say which
        "file": release.file_name,
        "file_sha256": release.file_sha256,
    }


def row_sources(row: Any) -> list[str]:
    """The sources a row names: its preferred `source` and every other of `sources` (a sum's
    or a pair's `source` names its releases joined by "+")."""
    named = [getattr(row, "source", None), *(getattr(row, "sources", None) or ())]
    slugs = [
        slug
        for value in named
        if isinstance(value, str)
        for slug in value.split("+")
        if slug and slug != "…"
    ]
    return list(dict.fromkeys(slugs))


def all_sources(result: Any) -> list[str]:
    """Every source a report's rows name (for one query of the releases among them)."""
    rows = result if isinstance(result, list) else _parts(result)
    return [slug for row in rows if is_dataclass(row) for slug in row_sources(row)]


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
    releases: dict[str, Any] | None = None,
) -> Answer:
    """A report's return value as an Answer.

    `row_types` gives the row type of each list (key "" for a list answer), so that empty lists
    still have their columns. In a composite answer a list field is a table, a dataclass field a
    table of one row, and any other field a root value of the JSON object.
    """
    if isinstance(result, list):
        table = table_of(None, result, row_types.get(""), citations, releases)
        return Answer([table], single=True, result=result)
    tables, root = [], {}
    for item in fields(result):
        value = getattr(result, item.name)
        if isinstance(value, list):
            tables.append(table_of(item.name, value, row_types.get(item.name), citations, releases))
        elif is_dataclass(value):
            tables.append(table_of(item.name, [value], type(value), citations, releases))
        else:
            root[item.name] = value
    return Answer(tables, single=False, root=root, result=result)


# --- JSON ----------------------------------------------------------------------------------


@functools.cache
def _partial_date() -> type:
    from bilateral_db.core.dates import PartialDate

    return PartialDate


def _plain(value: Any) -> Any:
    """What the encoder cannot write itself: dates at their precision, enums by value, nested
    rows as objects. Everything else (text, numbers, exact Decimals, lists, dicts) it writes."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, _partial_date()):
        return str(value)  # at its precision: 2019-09, 1976
    if is_dataclass(value) and not isinstance(value, type):
        return {column: getattr(value, column) for column in output_columns(type(value))}
    return str(value)


def to_json(data: Any, *, indent: int | None = 2) -> str:
    """JSON with Decimals as exact number literals (never through float), in one pass.

    simplejson writes a Decimal as its own digits (2600000000.00 stays 2600000000.00) and
    calls back into Python only for dates and nested rows; the standard library's encoder
    would take each Decimal through float. (Imported here: `--help` needs no encoder.)
    """
    import simplejson

    return simplejson.dumps(
        data,
        indent=indent,
        separators=None if indent else (",", ":"),
        ensure_ascii=False,
        use_decimal=True,
        namedtuple_as_object=False,  # a tuple is a list, as everywhere else in the answer
        default=_plain,
    )
