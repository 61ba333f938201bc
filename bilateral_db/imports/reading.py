"""Read a data set's CSV file as published: by column name, streamed, hashed, line-numbered.

Extra columns are ignored and required ones checked by name, so a file with more columns (the
full COW release rather than a subset) imports the same way. `.csv.gz` is read as it is.
Bytes that are not UTF-8 are kept apart while reading (surrogate escapes) so that the problem
names the line and column they are in, not where a decoder's buffer happened to end.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from bilateral_db.core.dates import MAX_YEAR, MIN_YEAR
from bilateral_db.writing.errors import MAX_PROBLEMS, FileError, Problem

INTEGER_RANGE = (-(2**31), 2**31 - 1)  # what every integer column of the schema holds
# What the file could not be read as, on any line: CSV, UTF-8 (header), gzip, the disk.
UNREADABLE = (csv.Error, UnicodeDecodeError, OSError, EOFError, zlib.error)


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its line in the file and its cells, read by column name."""

    line: int
    values: list[str]
    positions: dict[str, int]  # shared by every row of the file

    def __getitem__(self, column: str) -> str:
        return self.values[self.positions[column]]

    def get(self, column: str, default: str = "") -> str:
        position = self.positions.get(column)
        return default if position is None else self.values[position]


# The data set a header belongs to, when it is not the one being imported ("the
# Gleditsch-Ward list of independent states (`bilateral-db import gw-states`)"), or None.
Recognise = Callable[[Sequence[str]], str | None]


@dataclass
class DataFile:
    """A CSV file being read: problems are collected, reading stops when there are too many."""

    path: Path
    required: Sequence[str]
    problems: list[Problem] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    bytes_total: int = 0
    bytes_read: Callable[[], int] = lambda: 0
    recognise: Recognise | None = None

    @property
    def name(self) -> str:
        return str(self.path)

    def problem(self, line: int, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.name, line, column, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise FileError(self.problems)

    def check(self) -> None:
        """Raise if anything was wrong: an import writes nothing from a file with problems."""
        if self.problems:
            raise FileError(self.problems)

    def rows(self) -> Iterator[Row]:
        with open_text(self.path) as (text, position):
            self.bytes_total = self.path.stat().st_size
            self.bytes_read = position
            reader = csv.reader(text)
            try:
                header = next(reader, None)
                while header is not None and not any(value.strip() for value in header):
                    header = next(reader, None)  # blank lines before the header
            except UNREADABLE as error:
                self.problem(1, None, f"cannot be read as CSV: {_reason(error)}")
                self.check()
                return
            if header is None:
                self.problem(0, None, "is empty: expected a header row")
                self.check()
                return
            if not _utf8(header):
                self.problem(reader.line_num, None, f"the header {NOT_UTF8}")
                self.check()
            self.columns = [column.strip().lstrip("\ufeff") for column in header]
            self._check_header()
            width = len(self.columns)
            positions = {column: index for index, column in enumerate(self.columns)}
            data_rows = 0
            try:
                for values in reader:
                    if not values or not any(value.strip() for value in values):
                        continue
                    data_rows += 1
                    if len(values) != width:
                        self.problem(
                            reader.line_num,
                            None,
                            f"{len(values)} values but the header names {width} columns",
                        )
                        continue
                    if not _utf8(values):
                        self._not_utf8(reader.line_num, values)
                        continue
                    yield Row(reader.line_num, values, positions)
            except UNREADABLE as error:
                self.problem(reader.line_num, None, f"cannot be read as CSV: {_reason(error)}")
            if not data_rows and not self.problems:
                # An import replaces the release's rows: an empty file would delete them all.
                self.problem(reader.line_num, None, "has a header but no data rows")
        self.check()

    def _not_utf8(self, line: int, values: list[str]) -> None:
        for column, value in zip(self.columns, values, strict=True):
            if not _utf8([value]):
                self.problem(line, column, NOT_UTF8)

    def _check_header(self) -> None:
        seen: set[str] = set()
        for column in self.columns:
            if column in seen:
                self.problem(1, column, "column given twice; the file is ambiguous")
            seen.add(column)
        missing = [column for column in self.required if column not in seen]
        other = self.recognise(self.columns) if missing and self.recognise else None
        if other is not None:
            self.problem(1, None, f"this looks like {other}, not the file this import reads")
        for column in missing:
            self.problem(1, column, "required column is missing")
        self.check()

    # --- cells -----------------------------------------------------------------------------

    def integer(
        self, row: Row, column: str, low: int = INTEGER_RANGE[0], high: int = INTEGER_RANGE[1]
    ) -> int | None:
        """A whole number in [low, high], written with ASCII digits only (no 1_000, no 1e3)."""
        text = row[column].strip()
        digits = text[1:] if text.startswith("-") else text
        if not (digits.isascii() and digits.isdigit()):
            self.problem(row.line, column, f"{_shown(text)} is not a whole number")
            return None
        value = int(text) if len(digits) <= 20 else None  # no 4,300-digit conversions
        if value is None or not low <= value <= high:
            self.problem(row.line, column, f"{_shown(text)} is out of range ({low} to {high})")
            return None
        return value

    def year(self, row: Row, column: str) -> int | None:
        """A year the database can hold with the end of any period in it still a date."""
        return self.integer(row, column, MIN_YEAR, MAX_YEAR)

    def day(self, row: Row, column: str) -> date | None:
        text = row[column].strip()
        try:
            day = date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            self.problem(row.line, column, f"{_shown(text)} is not a date (YYYY-MM-DD)")
            return None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.problem(row.line, column, f"{text} is out of range: years run to {MAX_YEAR}")
            return None
        return day

    def ymd(self, row: Row, *columns: str) -> date | None:
        """A day given as year, month and day columns."""
        parts = [self.year(row, columns[0]), *(self.integer(row, c) for c in columns[1:])]
        if any(part is None for part in parts):
            return None
        year, month, day = parts
        try:
            return date(year, month, day)  # type: ignore[arg-type]
        except ValueError as error:
            self.problem(row.line, columns[0], f"{year}-{month}-{day} is not a real date ({error})")
            return None


NOT_UTF8 = "is not UTF-8 text (Windows-1252 or Latin-1?): save the file as UTF-8"


def _utf8(values: list[str]) -> bool:
    """Whether the cells hold only what was UTF-8 (no surrogate escapes of other bytes)."""
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _shown(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    return repr(text if len(text) <= 40 else text[:37] + "...")


class open_text:
    """The file as text (decompressed if .gz), and a function telling how far it is read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.raw: IO[bytes] | None = None
        self.text: IO[str] | None = None

    def __enter__(self) -> tuple[IO[str], Callable[[], int]]:
        self.raw = self.path.open("rb")
        raw = self.raw
        binary: IO[bytes] = gzip.GzipFile(fileobj=raw) if _is_gzip(raw) else raw  # type: ignore[assignment]
        self.text = io.TextIOWrapper(
            binary, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        return self.text, raw.tell

    def __exit__(self, *exc: object) -> None:
        if self.text is not None:
            self.text.close()
        if self.raw is not None:
            self.raw.close()


def _is_gzip(handle: IO[bytes]) -> bool:
    magic = handle.read(2)
    handle.seek(0)
    return magic == b"\x1f\x8b"
