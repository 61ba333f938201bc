"""A delimited table read by column name, streamed, each problem named by file, line and column.

The delimiter is the header's: a tab if the header line holds one (Comtrade+ bulk files),
else a comma. Blank lines are skipped; a data line that repeats the header (files joined
with their headers) is a problem, as are a wrong number of cells, bytes that are not UTF-8, a
column named twice and a stream that cannot be decompressed. Problems are collected, up to
MAX_PROBLEMS, and raised together as one ImportFileError: a reader yields rows as it goes, and
whoever consumes them writes nothing when it raises.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from bilateral_db.imports.trade_files.inputs import DAMAGED, Member, text_of
from bilateral_db.writing.errors import MAX_PROBLEMS
from bilateral_db.writing.errors import FileError as ImportFileError
from bilateral_db.writing.errors import Problem as ImportProblem

NOT_UTF8 = "is not UTF-8 text (Windows-1252 or Latin-1?): save the file as UTF-8"
UNREADABLE = (csv.Error, UnicodeDecodeError, *DAMAGED)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def column_key(name: str) -> str:
    """How a column is recognised: letters and digits, lower case (`Trade Value (US$)`,
    `TradeValueUS` and `trade value us` are one column)."""
    return _NOT_ALNUM.sub("", name.lower())


@dataclass
class Problems:
    """The problems of one reading; reading stops once there are MAX_PROBLEMS."""

    items: list[ImportProblem] = field(default_factory=list)

    def add(self, file: str, line: int, column: str | None, message: str) -> None:
        self.items.append(ImportProblem(file, line, column, message))
        if len(self.items) >= MAX_PROBLEMS:
            raise ImportFileError(self.items)

    def check(self) -> None:
        """Raise if anything was wrong."""
        if self.items:
            raise ImportFileError(list(self.items))


class Table:
    """One table of a file. `columns` are the header's names as written; `rows()` yields
    (line, cells) for each data line whose cells can be trusted."""

    def __init__(self, member: Member, problems: Problems) -> None:
        self.member = member
        self.name = member.name
        self.problems = problems
        self.columns: list[str] = []
        self.keys: dict[str, int] = {}  # column_key -> position
        self.rows_read = 0
        self.header_line = 1
        self._text: IO[str] | None = None
        self._position = lambda: 0

    def problem(self, line: int, column: str | None, message: str) -> None:
        self.problems.add(self.name, line, column, message)

    def position(self, key: str) -> int | None:
        return self.keys.get(key)

    def column(self, key: str) -> str:
        """The header's own name of a recognised column, for messages in the file's words."""
        return self.columns[self.keys[key]]

    @property
    def bytes_read(self) -> int:
        return self._position()

    def rows(self, accept: Callable[[], bool] = lambda: True) -> Iterator[tuple[int, list[str]]]:
        """The data lines, once `accept` (called after the header is read) says yes."""
        try:
            with text_of(self.member) as (text, position):
                self._position = position
                yield from self._read(text, accept)
        except DAMAGED as error:  # the archive or file could not even be opened
            self.problem(0, None, f"cannot be read: {_reason(error)}")

    def _read(self, text: IO[str], accept: Callable[[], bool]) -> Iterator[tuple[int, list[str]]]:
        line = 0
        try:
            header_text = ""
            while not header_text.strip():
                header_text = text.readline()
                line += 1
                if not header_text:
                    self.problem(0, None, "is empty: expected a header row")
                    return
        except UNREADABLE as error:
            self.problem(line, None, f"cannot be read: {_reason(error)}")
            return
        delimiter = "\t" if "\t" in header_text else ","
        header = next(csv.reader([header_text], delimiter=delimiter), [])
        if not _utf8(header):
            self.problem(line, None, f"the header {NOT_UTF8}")
            return
        self.header_line = line
        if not self._header(line, header) or not accept():
            return
        offset = line
        reader = csv.reader(text, delimiter=delimiter)
        width = len(header)
        last = offset
        try:
            for values in reader:
                last = offset + reader.line_num
                if len(values) != width:
                    if not values or not any(value.strip() for value in values):
                        continue
                    self.problem(
                        last, None, f"{len(values)} values but the header names {width} columns"
                    )
                    continue
                if values == header:
                    self.problem(
                        last, None, "the header is repeated here (files joined with their headers?)"
                    )
                    continue
                joined = "".join(values)
                if not joined.isascii() and not _utf8([joined]):
                    for column, value in zip(self.columns, values, strict=True):
                        if not _utf8([value]):
                            self.problem(last, column, NOT_UTF8)
                    continue
                self.rows_read += 1
                yield last, values
        except UNREADABLE as error:
            self.problem(last + 1, None, f"cannot be read after line {last}: {_reason(error)}")
            return
        if not self.rows_read and not self.problems.items:
            # An import replaces a release's rows: an empty table would delete them all.
            self.problem(last, None, "has a header but no data rows")

    def _header(self, line: int, header: list[str]) -> bool:
        self.columns = [name.strip().lstrip("\ufeff") for name in header]
        ok = True
        for position, name in enumerate(self.columns):
            key = column_key(name)
            if not key:
                self.problem(line, name or None, f"column {position + 1} has no name")
                ok = False
            elif key in self.keys:
                self.problem(line, name, "column given twice; the file is ambiguous")
                ok = False
            else:
                self.keys[key] = position
        return ok


def _utf8(values: list[str]) -> bool:
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
