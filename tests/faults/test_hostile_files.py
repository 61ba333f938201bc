"""Hostile input files, generated with hypothesis: each is refused with a message naming the
file, line and field, without a traceback, in bounded time and output, and the database stays
byte-identical (canonical dump).

A case is one mutation of a valid input (support.writers), optionally saved with a BOM or
CRLF line ends. Several hundred cases per CI run; BILATERAL_FAULT_SCALE=10 runs ten times
more. A bulk importer gets its own MUTATIONS for its format and joins with one entry.
"""

from __future__ import annotations

import gzip
import re
import shutil
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.faults import SCALE, canonical_dump
from support.writers import SMALL_FIXTURES
from typer.testing import CliRunner

from bilateral_db.cli import app

runner = CliRunner()
EXAMPLES = 150 * SCALE  # per backend
Draw = Callable[[st.SearchStrategy[Any]], Any]
# A mutation rewrites one file of the copy; it returns the file and the field the message
# must name (None where no single field is to blame: binary garbage, an empty file).
Mutation = Callable[[Path, Draw], tuple[str, str | None]]

pytestmark = [pytest.mark.fault]


def _replace(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


IMPOSSIBLE_DATES = [
    "2019-02-30",
    "0000-01-01",
    "99999-01-01",
    "9999-12-31",
    "'9999-12'",
    "2019-13",
    "'19-1-1'",
    "[2019, 1]",
    "{y: 2019}",
    "true",
    "'soon'",
    "-1",
]
BAD_NUMBERS = [
    "1e30",
    "-5",
    "NaN",
    "Infinity",
    "-Infinity",
    "1_000",
    "1E+999999999",
    "abc",
    "0x10",
    "1,5",
    "99999999999999999999999999.5",
    "1e-30",
    "١٢٣",
    "+-1",
]
WORDS = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=12)


def bad_date(d: Path, draw: Draw) -> tuple[str, str | None]:
    value = draw(st.sampled_from(IMPOSSIBLE_DATES))
    _replace(d, "blocs.yaml", "founded: 1967-08-08", f"founded: {value}")
    return "blocs.yaml", "founded"


def reversed_interval(d: Path, draw: Draw) -> tuple[str, str | None]:
    gap = draw(st.integers(1, 50))
    _replace(
        d,
        "blocs.yaml",
        "{member: VNM, role: chair, start: 2020, end: 2020}",
        f"{{member: VNM, role: chair, start: {2020 + gap}, end: 2020}}",
    )
    return "blocs.yaml", "end"


def overlap(d: Path, draw: Draw) -> tuple[str, str | None]:
    year = draw(st.integers(2015, 2019))
    _replace(
        d,
        "blocs.yaml",
        "{member: VNM, role: chair, start: 2020, end: 2020}",
        "{member: VNM, role: chair, start: 2020, end: 2020}\n"
        f"    - {{member: THA, role: chair, start: {year}, end: 2022}}",
    )
    return "blocs.yaml", None


def unknown_field(d: Path, draw: Draw) -> tuple[str, str | None]:
    field = "zz_" + draw(WORDS)
    _replace(d, "topics.yaml", "name: Counter-terrorism}", f"name: Counter-terrorism, {field}: 1}}")
    return "topics.yaml", field


def missing_field(d: Path, draw: Draw) -> tuple[str, str | None]:
    _replace(d, "topics.yaml", ", name: Counter-terrorism}", "}")
    return "topics.yaml", "name"


def wrong_type(d: Path, draw: Draw) -> tuple[str, str | None]:
    value = draw(st.sampled_from(["[a, b]", "{x: 1}", "null", "''", "!!binary aGk="]))
    _replace(d, "topics.yaml", "name: Counter-terrorism}", f"name: {value}}}")
    return "topics.yaml", None if value.startswith("!!") else "name"  # a YAML-level refusal


def dangling_reference(d: Path, draw: Draw) -> tuple[str, str | None]:
    code = "QZ" + draw(st.sampled_from(string.ascii_uppercase))  # reserved: never assigned
    _replace(d, "blocs.yaml", "{member: VNM, role: chair", f"{{member: {code}, role: chair")
    return "blocs.yaml", "member"


def duplicate_key(d: Path, draw: Draw) -> tuple[str, str | None]:
    name = draw(st.text(string.ascii_letters, min_size=1, max_size=10))
    with (d / "topics.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"- {{slug: energy, name: {name}}}\n")
    return "topics.yaml", None


def bad_vocabulary(d: Path, draw: Draw) -> tuple[str, str | None]:
    role = "x-" + draw(WORDS)
    _replace(d, "blocs.yaml", "{member: VNM, role: chair", f"{{member: VNM, role: {role}")
    return "blocs.yaml", "role"


def bad_number(d: Path, draw: Draw) -> tuple[str, str | None]:
    value = draw(st.sampled_from(BAD_NUMBERS))
    _replace(d, "trade_figures.csv", "2600000000.10", value)
    return "trade_figures.csv", "value"


def bad_whole_number(d: Path, draw: Draw) -> tuple[str, str | None]:
    value = draw(st.sampled_from(["-5", "10" * 20, "1_0", "0x1", "2.0", ".inf", "1e3"]))
    _replace(d, "currencies.yaml", "minor_unit: 2", f"minor_unit: {value}")
    return "currencies.yaml", "minor_unit"


def wrong_column_count(d: Path, draw: Draw) -> tuple[str, str | None]:
    extra = draw(st.integers(1, 5))
    with (d / "trade_figures.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "RUS,THA,2016,total,all-goods,not_stated,observed,1.00,USD,exact,"
            "asean-members,,," + ",x" * extra + "\n"
        )
    return "trade_figures.csv", None


def repeated_header(d: Path, draw: Draw) -> tuple[str, str | None]:
    column = draw(st.sampled_from(["note", "value", "reporter", "sources"]))
    path = d / "trade_figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].rstrip("\n") + f",{column}\n"
    lines[1:] = [line.rstrip("\n") + ",x\n" for line in lines[1:]]
    path.write_text("".join(lines), encoding="utf-8")
    return "trade_figures.csv", column


def empty_file(d: Path, draw: Draw) -> tuple[str, str | None]:
    name = draw(st.sampled_from(["sources.yaml", "countries.yaml", "topics.yaml"]))
    (d / name).write_bytes(draw(st.sampled_from([b"", b"\n", b"---\n", b"[]\n"])))
    return name, None


def binary_garbage(d: Path, draw: Draw) -> tuple[str, str | None]:
    name = draw(st.sampled_from(["topics.yaml", "blocs.yaml", "trade_figures.csv"]))
    (d / name).write_bytes(b"\xff\x00" + draw(st.binary(max_size=2000)))
    return name, None


def alias_bomb(d: Path, draw: Draw) -> tuple[str, str | None]:
    levels, width = draw(st.integers(5, 12)), draw(st.integers(5, 10))
    lines = ['- &a0 ["lol"]'] + [
        f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)
    ]
    (d / "topics.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "topics.yaml", None


def deep_nesting(d: Path, draw: Draw) -> tuple[str, str | None]:
    depth = draw(st.sampled_from([65, 300, 999, 1000, 5000]))
    flow = draw(st.booleans())
    text = (
        "[" * depth + "]" * depth
        if flow
        else "".join(" " * i + "- \n" for i in range(0, 2 * depth, 2))
    )
    (d / "meetings.yaml").write_text(text + "\n", encoding="utf-8")
    return "meetings.yaml", None


def windows_1252(d: Path, draw: Draw) -> tuple[str, str | None]:
    path = d / "topics.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "Energy", draw(st.sampled_from(["Énergie", "Café – “quoted”", "Zürich €"]))
    )
    path.write_bytes(text.encode("cp1252"))
    return "topics.yaml", None


def truncated_gzip(d: Path, draw: Draw) -> tuple[str, str | None]:
    path = d / "trade_figures.csv"
    packed = gzip.compress(path.read_bytes())
    path.write_bytes(packed[: draw(st.integers(2, len(packed) - 1))])
    return "trade_figures.csv", None


TEXT_MUTATIONS: list[Mutation] = [
    bad_date,
    reversed_interval,
    overlap,
    unknown_field,
    missing_field,
    wrong_type,
    dangling_reference,
    duplicate_key,
    bad_vocabulary,
    bad_number,
    bad_whole_number,
    wrong_column_count,
    repeated_header,
]
BYTE_MUTATIONS: list[Mutation] = [
    empty_file,
    binary_garbage,
    alias_bomb,
    deep_nesting,
    windows_1252,
    truncated_gzip,
]


def _save_as(path: Path, form: str) -> None:
    """The same text with a byte-order mark or Windows line ends: still to be read right."""
    data = path.read_bytes()
    if form == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + data)
    elif form == "crlf":
        path.write_bytes(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "fixtures"
    shutil.copytree(SMALL_FIXTURES, target)
    return target


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_files_are_refused_and_change_nothing(
    data: st.DataObject, small_shared_engine: Any, copy: Path
) -> None:
    url = small_shared_engine.url.render_as_string(hide_password=False)
    before = canonical_dump(small_shared_engine)
    shutil.copytree(SMALL_FIXTURES, copy, dirs_exist_ok=True)  # undo the last case
    text_case = data.draw(st.booleans(), label="text mutation")
    mutation = data.draw(st.sampled_from(TEXT_MUTATIONS if text_case else BYTE_MUTATIONS))
    name, field = mutation(copy, data.draw)
    if text_case:
        _save_as(copy / name, data.draw(st.sampled_from(["as is", "bom", "crlf"])))
    result = runner.invoke(app, ["load", str(copy), "--yes", "--db", url])
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert len(result.output) < 50_000, "a message repeated a hostile value"
    assert re.search(r"[a-z_]+\.(yaml|csv):\d+", result.output), result.output
    if field is not None:
        assert re.search(rf"{re.escape(name)}:\d+: .*{re.escape(field)}", result.output), (
            result.output
        )
    assert canonical_dump(small_shared_engine) == before
