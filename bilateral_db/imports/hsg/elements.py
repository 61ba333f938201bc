"""The Office's XML, streamed one record element at a time, its fields read and checked.

Text is kept as the Office wrote it, except that runs of whitespace (the files' line wrapping
and indentation) become one space; an empty element reads as None. Dates are read at the
precision the file gives them (1882-07-13, 1950-08, 1783) as PartialDate. A field that cannot
be read is a problem naming the file, the line, the record and the field; its record is
skipped, and the problems of a whole record set are raised together (ImportFileError) when it
has been read, so that an import writes nothing from it.

Parsing is lxml's, with entities left unresolved and no network access: the files are data.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from lxml import etree

from bilateral_db.core.dates import PartialDate
from bilateral_db.imports.hsg.source import RecordSet
from bilateral_db.imports.reading import MAX_PROBLEMS
from bilateral_db.writing.errors import FileError as ImportFileError
from bilateral_db.writing.errors import Problem as ImportProblem

T = TypeVar("T")
# What a file that cannot be read raises: the disk, a broken archive member.
UNREADABLE = (OSError, EOFError, zipfile.BadZipFile, zlib.error)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read: its file (a path inside the record set), line and id."""

    file: str
    line: int
    record: str  # what the record is and its id: "chief th-1882-hald-01"

    def __str__(self) -> str:
        return f"{self.file}:{self.line} ({self.record})"


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event of a term as the Office gives it: the date and its note, either missing."""

    date: PartialDate | None
    note: str | None


NO_EVENT = Event(None, None)


@dataclass
class Problems:
    """The problems found while reading one record set; too many stop the reading."""

    source: RecordSet
    items: list[ImportProblem] = field(default_factory=list)

    def add(self, name: str, line: int, field: str | None, message: str) -> None:
        self.items.append(ImportProblem(self.source.display(name), line, field, message))
        if len(self.items) >= MAX_PROBLEMS:
            raise ImportFileError(self.items)

    def check(self) -> None:
        """Raise if anything was wrong: nothing may be written from a record set with problems."""
        if self.items:
            raise ImportFileError(self.items)


def checked(source: RecordSet, read: Callable[[Problems], Iterator[T]]) -> Iterator[T]:
    """The records `read` yields from `source`; its problems raised together at the end."""
    problems = Problems(source)
    yield from read(problems)
    problems.check()


def text_of(node: Any) -> str | None:
    """An element's text (and its children's, for mixed content), whitespace runs as one space."""
    if node is None:
        return None
    raw = node.text if len(node) == 0 else "".join(node.itertext())  # children: mixed content
    if not raw:
        return None
    return " ".join(raw.split()) or None


class Record:
    """One record element being read: its fields, each read once, problems noted as they come."""

    def __init__(self, node: Any, kind: str, name: str, problems: Problems) -> None:
        self.node = node
        self.name = name
        self.problems = problems
        self.line = node.sourceline or 0
        self.ok = True
        # The record's child elements by tag (the first of a tag, as find gives it): read once.
        self.children: dict[str, Any] = {}
        for child in node:
            self.children.setdefault(child.tag, child)
        self.id = text_of(self.find("id")) or ""
        self.kind = kind
        if not self.id:
            self.problem("id", "is missing or empty: every record has an id")

    def find(self, path: str) -> Any:
        """The first element at `path` (a child's tag, or a longer path)."""
        if "/" in path:
            return self.node.find(path)
        return self.children.get(path)

    @property
    def origin(self) -> Origin:
        return Origin(self.name, self.line, f"{self.kind} {self.id or '?'}")

    def problem(self, field: str, message: str, line: int | None = None) -> None:
        self.ok = False
        label = f"{self.kind} {self.id}" if self.id else self.kind
        self.problems.add(self.name, line or self.line, field, f"{label}: {message}")

    def text(self, path: str, *, required: bool = False) -> str | None:
        value = text_of(self.find(path))
        if value is None and required:
            self.problem(path, "is missing or empty")
        return value

    def number(self) -> int | None:
        """The record's id as the whole number the schema says it is (trips, visits)."""
        if self.id.isascii() and self.id.isdigit() and len(self.id) <= 9:
            return int(self.id)
        if self.id:
            self.problem("id", f"{self.id!r} is not a whole number")
        return None

    def attribute(self, path: str, name: str, *, required: bool = False) -> str | None:
        node = self.node if path == "." else self.find(path)
        value = None if node is None else (node.get(name) or "").strip() or None
        if value is None and required:
            self.problem(f"{path}/@{name}" if path != "." else f"@{name}", "is missing or empty")
        return value

    def date(self, path: str, *, required: bool = False) -> PartialDate | None:
        node = self.find(path)
        raw = text_of(node)
        if raw is None:
            if required:
                self.problem(path, "is missing or empty: expected a date")
            return None
        try:
            return PartialDate.parse(raw)
        except ValueError as error:
            self.problem(path, str(error), getattr(node, "sourceline", None))
            return None

    def year(self, path: str) -> PartialDate | None:
        """A year (birth, death): read like any date, but only a year will do."""
        value = self.date(path)
        if value is not None and str(value) != f"{value.value.year:04d}":
            self.problem(path, f"{value} is not a year (YYYY)")
            return None
        return value

    def event(self, name: str) -> Event:
        """An `<appointed>`, `<arrived>`, `<started>` or `<ended>`: its date and note."""
        if self.find(name) is None:
            return NO_EVENT
        return Event(self.date(f"{name}/date"), self.text(f"{name}/note"))

    def texts(self, path: str) -> tuple[str, ...]:
        return tuple(value for node in self.node.findall(path) if (value := text_of(node)))


def records(
    source: RecordSet, name: str, tags: tuple[str, ...], problems: Problems
) -> Iterator[tuple[Any, Any]]:
    """Each element of one of `tags` with the file's root, as it is parsed; then let go.

    The root keeps the children read before (a mission's id and names precede its chiefs),
    but not the records: each is cleared once yielded, so a file is never held whole.
    """
    with source.opened(name) as handle:
        try:
            parser = etree.iterparse(
                handle,
                events=("end",),
                tag=tags,
                resolve_entities=False,
                no_network=True,
                remove_comments=True,
                remove_pis=True,
            )
            for _, node in parser:
                yield node, node.getroottree().getroot()
                node.clear(keep_tail=True)
        except etree.XMLSyntaxError as error:
            problems.add(name, error.lineno or 0, None, f"is not well-formed XML: {error.msg}")
        except UNREADABLE as error:
            problems.add(name, 0, None, f"cannot be read: {error}")


def document(source: RecordSet, name: str, problems: Problems) -> Any:
    """A small file (a person, a role, a code table) parsed whole: its root, or None."""
    with source.opened(name) as handle:
        try:
            parser = etree.XMLParser(
                resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True
            )
            return etree.parse(handle, parser).getroot()
        except etree.XMLSyntaxError as error:
            problems.add(name, error.lineno or 0, None, f"is not well-formed XML: {error.msg}")
        except UNREADABLE as error:
            problems.add(name, 0, None, f"cannot be read: {error}")
        return None
