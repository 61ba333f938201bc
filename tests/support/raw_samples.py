"""Held-out checks against the raw files: the day's draw, the cells it names, and the crosswalk
read apart from the importers.

A held-out check reads a data set's file itself (csv and gzip, not the importer's reader),
draws cells at random with a seed that changes each day, always adds the hard cases (codes
that change country, states that leave the system, missing values), and compares each cell
with what the database says. A failure names the file, the line and the cell, and how to run
that day's draw again: `BILATERAL_DRAW_DAY=YYYY-MM-DD pytest NODE`.

The crosswalk is read here from the `country_code` rows by the documented rule (the code's
country on 1 July, else on 31 December, else on 1 January: docs/data-sets.md), not with
`bilateral_db.crosswalk`, so that a change to the importers' rule shows as a mismatch.
"""

from __future__ import annotations

import csv
import gzip
import os
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Connection, text

from bilateral_db.core.dates import period_end_exclusive

DRAW_DAY_VARIABLE = "BILATERAL_DRAW_DAY"


def draw_day() -> date:
    """Today, or the day $BILATERAL_DRAW_DAY names (to run a failed day's draw again)."""
    named = os.environ.get(DRAW_DAY_VARIABLE)
    return date.fromisoformat(named) if named else date.today()


def rng(salt: int = 0) -> random.Random:
    """The day's draw; `salt` keeps the draws of different checks apart."""
    return random.Random(draw_day().toordinal() * 1000 + salt)


def rerun(nodeid: str) -> str:
    return f"re-run this draw: {DRAW_DAY_VARIABLE}={draw_day().isoformat()} pytest '{nodeid}'"


@dataclass(frozen=True)
class Cell:
    """Where a value was read: the file, its line (1 = the header), the column, the value."""

    path: Path
    line: int
    column: str
    value: str

    def __str__(self) -> str:
        return f"{self.path.name}:{self.line}, column {self.column} = {self.value!r}"


class RawFile:
    """A CSV file as published (gzipped or not), its lines kept as text and a line's cells
    parsed with `csv` when asked: a draw reads a few hundred of COW IGO's 15,557 wide rows."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        self.path = path
        self.lines = data.decode("utf-8-sig").splitlines()
        self.header = self.cells(1)
        self.index = {name: i for i, name in enumerate(self.header)}

    def cells(self, line: int) -> list[str]:
        """The cells of line `line` (1 is the header)."""
        return next(csv.reader([self.lines[line - 1]]))

    def numbers(self) -> range:
        """The line numbers of the rows (after the header)."""
        return range(2, len(self.lines) + 1)

    def keys(self, count: int) -> dict[tuple[str, ...], int]:
        """The first `count` cells of each row (cut at commas: the key columns hold none) ->
        its line."""
        return {
            tuple(text_.split(",", count)[:count]): line
            for line, text_ in enumerate(self.lines[1:], 2)
            if text_
        }

    def cell(self, line: int, column: str) -> Cell:
        return Cell(self.path, line, column, self.cells(line)[self.index[column]])


class Failures:
    """Mismatches collected over a draw, reported together, each with the cell it concerns."""

    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid
        self.found: list[str] = []
        self.checked = 0

    def check(self, cell: Cell | str, what: str, got: object, want: object) -> None:
        self.checked += 1
        if got != want:
            self.found.append(f"{cell}: {what}: the database says {got!r}, the file {want!r}")

    def assert_none(self) -> None:
        assert not self.found, (
            f"{len(self.found)} of {self.checked} checks failed:\n"
            + "\n".join(self.found)
            + f"\n{rerun(self.nodeid)}"
        )


def as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Span:
    start: date
    stop: date  # first day the code no longer stands for the country
    iso: str


class Codes:
    """One scheme's codes -> the countries they stood for, from the curated crosswalk rows."""

    def __init__(self, connection: Connection, scheme: str) -> None:
        rows = connection.execute(
            text(
                "SELECT cc.code, c.code, cc.start_date, cc.end_date, cc.end_date_precision "
                "FROM country_code cc JOIN country c ON c.id = cc.country_id "
                "JOIN release r ON r.id = cc.release_id "
                "WHERE cc.scheme = :scheme AND cc.alternative_of_id IS NULL "
                "AND r.slug = 'curated'"
            ),
            {"scheme": scheme},
        ).all()
        self.spans: dict[str, list[Span]] = defaultdict(list)
        self.codes: dict[str, set[str]] = defaultdict(set)  # country -> its codes
        for code, iso, start, end, precision in rows:
            stop = date.max if end is None else period_end_exclusive(as_date(end), precision)
            self.spans[str(code)].append(
                Span(date.min if start is None else as_date(start), stop, iso)
            )
            self.codes[iso].add(str(code))
        for spans in self.spans.values():
            spans.sort(key=lambda s: s.start)

    def on(self, code: object, day: date) -> str | None:
        for span in self.spans.get(str(code), ()):
            if span.start <= day < span.stop:
                return span.iso
        return None

    def in_year(self, code: object, year: int) -> tuple[str, date, bool] | None:
        """(country, the day it was read on, part of the year only) by the documented rule:
        the code's country on 1 July, else 31 December, else 1 January; `part` when it was
        not read on 1 July and another code is that country's on 1 July."""
        july = date(year, 7, 1)
        for day in (july, date(year, 12, 31), date(year, 1, 1)):
            iso = self.on(code, day)
            if iso is not None:
                part = day != july and any(
                    other != str(code) and self.on(other, july) == iso for other in self.codes[iso]
                )
                return iso, day, part
        return None

    def pieces(self, code: object, first: date, last: date) -> list[tuple[str, date, date]]:
        """[first, last] cut where the code changes country: (country, first day, last day);
        days the code stands for no country are left out."""
        out = []
        for span in self.spans.get(str(code), ()):
            start, end = max(first, span.start), min(last, span.stop - timedelta(days=1))
            if start <= end:
                out.append((span.iso, start, end))
        return out


def country_actors(connection: Connection) -> dict[str, int]:
    """Country code -> its actor."""
    return dict(
        connection.execute(
            text("SELECT c.code, a.id FROM actor a JOIN country c ON c.id = a.country_id")
        ).all()
    )
