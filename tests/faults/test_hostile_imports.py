"""Hostile data-set files for every bulk importer, generated with hypothesis: each is refused
with a message naming the file, the line and the column, without a traceback, in bounded time
and output, and the database stays byte-identical (canonical dump).

The fixture-set half of the suite is test_hostile_files.py. A case here is one mutation of an
importer's valid input (support.writers: the file its crash and concurrency tests import),
optionally saved with a BOM or CRLF line ends, or gzip-compressed. Each importer gets
EXAMPLES cases per backend; BILATERAL_FAULT_SCALE=10 runs ten times more.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from support.faults import SCALE, canonical_dump
from support.writers import CSV_IMPORT_NAMES, importer_source, read_csv_text
from typer.testing import CliRunner

from bilateral_db.cli import app

runner = CliRunner()
EXAMPLES = 15 * SCALE  # per importer and backend: 180 cases a run
Draw = Callable[[st.SearchStrategy[Any]], Any]

pytestmark = [pytest.mark.fault]


@dataclass(frozen=True)
class Format:
    """What an importer's CSV holds: its whole-number, date and status columns, the ones a
    spell starts and ends with, and a text column for non-UTF-8 names."""

    required: tuple[str, ...]
    integers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    statuses: bool = False  # every other column is a cow-igo status
    interval: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # start, end columns
    name: str = ""


FORMATS = {
    "cow-states": Format(
        required=("stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear"),
        integers=("ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"),
        interval=(("styear", "stmonth", "stday"), ("endyear", "endmonth", "endday")),
        name="statenme",
    ),
    "gw-states": Format(
        required=("gwcode", "stateabb", "statename", "startdate", "enddate"),
        integers=("gwcode",),
        dates=("startdate", "enddate"),
        interval=(("startdate",), ("enddate",)),
        name="statename",
    ),
    "cow-igo": Format(
        required=("ccode", "year", "state"), integers=("ccode", "year"), statuses=True, name="state"
    ),
    "archigos": Format(
        required=("obsid", "gwcode", "leadid", "leader", "startdate", "enddate", "exit"),
        integers=("gwcode",),
        dates=("startdate", "enddate"),
        interval=(("startdate",), ("enddate",)),
        name="leader",
    ),
    # The legacy Comtrade layout: area codes are whole numbers (empty years, values and
    # quantities are allowed: unknown); columns whose absence the message names as written
    # (without Trade Flow Code or Trade Value (US$) the file is not Comtrade's at all).
    "comtrade": Format(
        required=("Classification", "Year", "Commodity Code"),
        integers=("Reporter Code", "Partner Code", "Period"),
        name="Reporter",
    ),
    # The tidy trade CSV: its period is the one cell with a form a date breaks.
    "trade": Format(
        required=("reporter", "partner", "period", "flow", "category", "value", "unit", "source"),
        dates=("period",),
        name="note",
    ),
}
NOT_NUMBERS = ["abc", "1.5", "", " ", "NaN", "Infinity", "0x10", "1_000", "١٢٣", "+-1", "1e3"]
HUGE = ["99999999999999999999", "-99999999999999999999", "9" * 400, "2147483648"]
BAD_YEARS = ["99999", "0", "-1", "10000", "9999"]  # years run from 1 to 9998
BAD_DATES = [
    "2019-02-30",
    "0000-01-01",
    "99999-01-01",
    "9999-12-31",
    "2019-13-01",
    "19-1-1",
    "soon",
    "",
    "2019-00-10",
    "-2019-01-01",
]
BAD_STATUSES = ["7", "x", "1.0", "-2", "", "NaN", "99999999999999999999", "+1"]


@dataclass
class Case:
    """A file to import and what its message must name: a line (None: the file as a whole)
    and a column (None: no single column is to blame)."""

    rows: list[list[str]] | None  # None: `raw` is the file
    raw: bytes = b""
    line: int | None = None
    column: str | None = None
    gzip_ok: bool = True  # whether saving it gzip-compressed keeps the same fault


def _cell(rows: list[list[str]], draw: Draw, columns: list[str]) -> tuple[int, int]:
    header = rows[0]
    index = header.index(draw(st.sampled_from(columns)))
    row = draw(st.integers(1, len(rows) - 1))
    return row, index


def bad_cell(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    header = rows[0]
    kinds = ["integer"] * bool(fmt.integers) + ["date"] * bool(fmt.dates)
    kinds += ["status"] * fmt.statuses
    kind = draw(st.sampled_from(kinds))
    if kind == "status":
        statuses = [c for c in header if c not in fmt.required]
        row, index = _cell(rows, draw, statuses)
        value = draw(st.sampled_from(BAD_STATUSES))
    elif kind == "date":
        row, index = _cell(rows, draw, list(fmt.dates))
        value = draw(st.sampled_from(BAD_DATES))
    else:
        row, index = _cell(rows, draw, list(fmt.integers))
        years = header[index].endswith("year") or header[index] == "year"
        value = draw(st.sampled_from(NOT_NUMBERS + HUGE + (BAD_YEARS if years else [])))
    rows[row][index] = value
    return Case(rows, line=row + 1, column=header[index])


def reversed_interval(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    assert fmt.interval is not None
    starts, ends = ([rows[0].index(c) for c in part] for part in fmt.interval)
    candidates = [
        i for i, row in enumerate(rows[1:], 1) if [row[j] for j in starts] != [row[j] for j in ends]
    ]
    row = rows[draw(st.sampled_from(candidates))]
    for s, e in zip(starts, ends, strict=True):
        row[s], row[e] = row[e], row[s]
    return Case(rows, line=rows.index(row) + 1, column=rows[0][ends[0]])


def missing_column(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    index = rows[0].index(draw(st.sampled_from(fmt.required)))
    column = rows[0][index]
    return Case([r[:index] + r[index + 1 :] for r in rows], line=1, column=column)


def repeated_column(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    index = draw(st.integers(0, len(rows[0]) - 1))
    return Case([[*r, r[index]] for r in rows], line=1, column=rows[0][index])


def wrong_column_count(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    row = draw(st.integers(1, len(rows) - 1))
    extra = draw(st.integers(-3, 3).filter(bool))
    rows[row] = rows[row][:extra] if extra < 0 else rows[row] + ["x"] * extra
    return Case(rows, line=row + 1)


def non_utf8(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    """A name saved in Windows-1252: the bytes are not UTF-8."""
    row = draw(st.integers(1, len(rows) - 1))
    index = rows[0].index(fmt.name)
    rows[row][index] = draw(st.sampled_from(["Côte d’Ivoire", "Zürich €", "São Tomé", "Łódź"]))
    raw = _csv_bytes(rows)
    return Case(None, raw.decode("utf-8").encode("cp1252", "replace"), row + 1, fmt.name)


def empty(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    header = ",".join(rows[0]).encode()
    raw = draw(st.sampled_from([b"", b"\n", b"\r\n\r\n", header + b"\n", b"\xef\xbb\xbf"]))
    return Case(None, raw)


def garbage(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    return Case(None, b"\xff\x00" + draw(st.binary(max_size=2000)), line=1)


def broken_gzip(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    packed = gzip.compress(_csv_bytes(rows), mtime=0)
    if draw(st.booleans()):  # cut short
        return Case(None, packed[: draw(st.integers(2, len(packed) - 1))], gzip_ok=False)
    at = draw(st.integers(20, len(packed) - 9))  # bytes changed inside the deflate stream
    damaged = packed[:at] + bytes(b ^ 0x5A for b in packed[at : at + 8]) + packed[at + 8 :]
    return Case(None, damaged, gzip_ok=False)


def duplicate_row(rows: list[list[str]], fmt: Format, draw: Draw) -> Case:
    row = draw(st.integers(1, len(rows) - 1))
    rows.insert(row + 1, list(rows[row]))
    return Case(rows, line=row + 2)


MUTATIONS: dict[str, list[Callable[[list[list[str]], Format, Draw], Case]]] = {
    name: [
        bad_cell,
        missing_column,
        repeated_column,
        wrong_column_count,
        non_utf8,
        empty,
        garbage,
        broken_gzip,
        *([reversed_interval] if FORMATS[name].interval else []),
        duplicate_row,
    ]
    for name in CSV_IMPORT_NAMES
}


def _csv_bytes(rows: list[list[str]], line_end: str = "\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def sources() -> dict[str, list[list[str]]]:
    return {
        name: list(csv.reader(read_csv_text(importer_source(name)).splitlines()))
        for name in CSV_IMPORT_NAMES
    }


@pytest.mark.parametrize("name", CSV_IMPORT_NAMES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure prints its draws
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_data_set_files_are_refused_and_change_nothing(
    name: str,
    data: st.DataObject,
    curated_shared_engine: Any,
    sources: dict[str, list[list[str]]],
    tmp_path: Path,
) -> None:
    engine = curated_shared_engine
    url = engine.url.render_as_string(hide_password=False)
    before = canonical_dump(engine)
    rows = [list(row) for row in sources[name]]
    mutation = data.draw(st.sampled_from(MUTATIONS[name]), label="mutation")
    case = mutation(rows, FORMATS[name], data.draw)
    raw = case.raw
    if case.rows is not None:
        form = data.draw(st.sampled_from(["as is", "bom", "crlf"]))
        raw = _csv_bytes(case.rows, "\r\n" if form == "crlf" else "\n")
        raw = b"\xef\xbb\xbf" + raw if form == "bom" else raw
    packed = case.gzip_ok and data.draw(st.booleans(), label="gzip")
    path = tmp_path / f"{name}.csv{'.gz' if packed else ''}"
    path.write_bytes(gzip.compress(raw, mtime=0) if packed else raw)

    result = runner.invoke(app, ["import", name, str(path), "--wait", "5", "--db", url])
    output = result.output
    assert result.exit_code != 0, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in output
    assert len(output) < 20_000, "a message repeated a hostile value"
    file = re.escape(str(path))
    assert re.search(file, output), output
    if case.line is not None:
        where = rf"{file}:{case.line}: " if not packed else rf"{file}:\d+: "
        assert re.search(where, output), output
    if case.column is not None:
        assert re.search(rf"{file}:\d+: {re.escape(case.column)}: ", output), output
    assert canonical_dump(engine) == before
