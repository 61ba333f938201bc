"""Hostile trade files, generated with hypothesis: each is refused with ImportFileError naming
the file, the line and the column in the file's own words, without any other exception and in
bounded time (the style of tests/faults/test_hostile_files.py, without a database: the readers
write nothing).

A case is one mutation of a valid file: a bad number, an unknown code, a repeated header, a
column named twice, bytes that are not UTF-8, a damaged gzip stream or zip archive, binary
garbage, a row of the wrong width. BILATERAL_FAULT_SCALE=10 runs ten times more.
"""

from __future__ import annotations

import gzip
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DATASET_SLICES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral_db.imports import ImportFileError
from bilateral_db.imports.trade_files import ComtradeReader, TidyReader

pytestmark = [pytest.mark.fault]
SCALE = int(os.environ.get("BILATERAL_FAULT_SCALE", "1"))
EXAMPLES = 150 * SCALE
SAMPLES = DATASET_SLICES / "comtrade"
BAD_NUMBERS = [
    "1e30",
    "-5",
    "NaN",
    "Infinity",
    "1_000",
    "1E+999999999",
    "abc",
    "0x10",
    "1,5",
    "99999999999999999999999999.5",
    "1e-30",
    "١٢٣",
    "+-1",
    "12 345",
]
Draw = Callable[[st.SearchStrategy[Any]], Any]
# A mutation writes a hostile file into a directory; it returns the path to read, the name
# the problem must give for the file, and the column it must name (None: no single column).
Mutation = Callable[[Path, Draw], tuple[Path, str, str | None]]


def _lines(name: str) -> list[str]:
    return (SAMPLES / name).read_text(encoding="utf-8").splitlines()


def _cell(lines: list[str], column: str, draw: Draw, value: str, delimiter: str = ",") -> int:
    """Put `value` in `column` of a random data line of `lines`; its line number."""
    header = lines[0].split(delimiter)
    index = draw(st.integers(1, len(lines) - 1))
    cells = _split(lines[index], delimiter)
    cells[header.index(column)] = value
    lines[index] = delimiter.join(_quote(cell, delimiter) for cell in cells)
    return index + 1


def _split(line: str, delimiter: str) -> list[str]:
    import csv

    return next(csv.reader([line], delimiter=delimiter))


def _quote(cell: str, delimiter: str) -> str:
    if delimiter == "," and any(c in cell for c in ',"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _write(directory: Path, name: str, lines: list[str]) -> Path:
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def legacy_bad_number(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    lines = _lines("legacy_sample.csv")
    column = draw(st.sampled_from(["Trade Value (US$)", "Qty", "Netweight (kg)"]))
    _cell(lines, column, draw, draw(st.sampled_from(BAD_NUMBERS)))
    path = _write(d, "legacy.csv", lines)
    return path, str(path), column


def plus_bad_cell(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    lines = _lines("plus_sample.txt")
    column, values = draw(
        st.sampled_from(
            [
                ("primaryValue", BAD_NUMBERS),
                ("isReported", ["Yes", "maybe", "2"]),
                ("qtyUnitCode", ["99", "kg", "-2"]),
                ("refMonth", ["13", "51"]),
                ("flowCode", ["Z", "m ", "IMPORT"]),
                ("classificationCode", ["HS92", "EB02"]),
                ("cmdCode", ["01a", "TOTALS", "0101.21"]),
                ("freqCode", ["Q", "a"]),
            ]
        )
    )
    value = draw(st.sampled_from(values))
    _cell(lines, column, draw, value, "\t")
    path = _write(d, "plus.txt", lines)
    return path, str(path), column


def unknown_code(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    lines = _lines("legacy_sample.csv")
    column = draw(st.sampled_from(["Reporter Code", "Partner Code"]))
    code = draw(st.sampled_from(["898", "9999", "-1", "4.0", "", "X"]))
    _cell(lines, column, draw, code)
    path = _write(d, "legacy.csv", lines)
    return path, str(path), column


def repeated_header(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    name = draw(st.sampled_from(["legacy_sample.csv", "plus_sample.txt", "tidy_sample.csv"]))
    lines = _lines(name)
    lines.insert(draw(st.integers(2, len(lines))), lines[0])
    path = _write(d, name, lines)
    return path, str(path), None


def duplicate_column(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    name = draw(st.sampled_from(["legacy_sample.csv", "tidy_sample.csv"]))
    lines = _lines(name)
    column = draw(st.sampled_from(lines[0].split(",")))
    lines = [lines[0] + "," + column] + [line + ",x" for line in lines[1:]]
    path = _write(d, name, lines)
    return path, str(path), column


def not_utf8(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    name, column = draw(
        st.sampled_from([("legacy_sample.csv", "Partner"), ("tidy_sample.csv", "note")])
    )
    lines = _lines(name)
    line = _cell(lines, column, draw, "Côte d'Ivoire")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    encoded = data.split(b"\n")
    encoded[line - 1] = encoded[line - 1].replace("ô".encode(), b"\xf4")  # Latin-1
    path = d / name
    path.write_bytes(b"\n".join(encoded))
    return path, str(path), column


def damaged_gzip(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    packed = gzip.compress(("\n".join(_lines("legacy_sample.csv")) + "\n").encode("utf-8"))
    how = draw(st.sampled_from(["truncate", "flip"]))
    if how == "truncate":
        packed = packed[: draw(st.integers(2, len(packed) - 1))]
    else:
        at = draw(st.integers(10, len(packed) - 9))
        packed = packed[:at] + bytes([packed[at] ^ 0xFF]) + packed[at + 1 :]
    path = d / "legacy.csv.gz"
    path.write_bytes(packed)
    return path, str(path), None


def damaged_zip(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    path = d / "both.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(SAMPLES / "legacy_sample.csv", "legacy_sample.csv")
    data = path.read_bytes()
    how = draw(st.sampled_from(["truncate", "flip"]))
    if how == "truncate":
        data = data[: draw(st.integers(4, len(data) - 1))]
    else:
        at = draw(st.integers(40, 60))  # inside the compressed member
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    path.write_bytes(data)
    return path, str(path), None


def garbage(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    path = d / draw(st.sampled_from(["legacy.csv", "plus.txt", "tidy.csv"]))
    path.write_bytes(
        draw(st.sampled_from([b"", b"\n\n", b"\xff\x00"])) + draw(st.binary(max_size=300))
    )
    return path, str(path), None


def wrong_width(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    name = draw(st.sampled_from(["legacy_sample.csv", "tidy_sample.csv"]))
    lines = _lines(name)
    index = draw(st.integers(1, len(lines) - 1))
    lines[index] += ",x" * draw(st.integers(1, 4))
    path = _write(d, name, lines)
    return path, str(path), None


def tidy_bad_cell(d: Path, draw: Draw) -> tuple[Path, str, str | None]:
    lines = _lines("tidy_sample.csv")
    column, values = draw(
        st.sampled_from(
            [
                ("value", BAD_NUMBERS),
                ("period", ["2019-13", "19", "2019-Q0", "2019..", "soon", "9999-12..10000-01"]),
                ("unit", ["dollars", "XXX1", "€"]),
                ("flow", ["both", ""]),
                ("reporter", ["", "R U S", "1RUS"]),
                ("source", ["", "Some Source"]),
                ("qualifier", ["circa"]),
            ]
        )
    )
    _cell(lines, column, draw, draw(st.sampled_from(values)))
    path = _write(d, "tidy.csv", lines)
    return path, str(path), column


COMTRADE: list[Mutation] = [
    legacy_bad_number,
    plus_bad_cell,
    unknown_code,
    damaged_gzip,
    damaged_zip,
]
EITHER: list[Mutation] = [repeated_header, duplicate_column, not_utf8, garbage, wrong_width]
TIDY: list[Mutation] = [tidy_bad_cell]


def _read(path: Path) -> None:
    if path.name.startswith("tidy"):
        list(TidyReader(path).rows())
    else:
        list(ComtradeReader([path]).rows())


@settings(
    max_examples=EXAMPLES,
    deadline=2000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_trade_files_are_refused_by_file_line_and_column(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    mutation = data.draw(st.sampled_from(COMTRADE + EITHER + TIDY), label="mutation")
    directory = tmp_path_factory.mktemp("hostile")
    path, file, column = mutation(directory, data.draw)
    with pytest.raises(ImportFileError) as caught:
        _read(path)
    problems = caught.value.problems
    assert 1 <= len(problems) <= 20
    assert all(problem.file.startswith(file) for problem in problems), problems
    assert all(problem.message for problem in problems)
    if column is not None:
        assert any(problem.field == column and problem.line >= 1 for problem in problems), problems
    text = str(caught.value)
    assert len(text) < 20 * 600 and "Traceback" not in text
