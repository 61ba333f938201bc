"""Hostile copies of the Office of the Historian's record sets (POCOM, travels, visits): each is
refused
through the CLI with a message naming the file (and the line and field where there is one),
without a traceback, and the database stays byte-identical (canonical dump).

The CSV importers' half of the suite is test_hostile_imports.py. A case here is one edit of a
slice (tests/data/datasets/hsg/), as a directory or zipped as the Office's repository is.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from imports.hsg.records import SLICES
from support.faults import canonical_dump
from typer.testing import CliRunner

from bilateral_db.cli import app

runner = CliRunner()
pytestmark = [pytest.mark.fault]

POMPEO = "secretary-travels/pompeo-michael-r.xml"
DECADE = "data/2010.xml"
THAILAND = "missions-countries/thailand.xml"


@dataclass(frozen=True)
class Case:
    command: str
    part: str  # the slice: pocom, travels or visits
    file: str | None  # the file the message names, inside the record set
    field: str | None  # the field it names
    edit: Callable[[Path], None]


def _replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _truncate(name: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        path.write_bytes(path.read_bytes()[:2000])

    return edit


def _remove(name: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        shutil.rmtree(root / name)

    return edit


CASES = {
    "bad date": Case(
        "hsg-travels",
        "travels",
        POMPEO,
        "start-date",
        _replace(
            POMPEO, "<start-date>2019-08-01</start-date>", "<start-date>2019-08-41</start-date>"
        ),
    ),
    "end before start": Case(
        "hsg-visits",
        "visits",
        DECADE,
        "end-date",
        _replace(DECADE, "<end-date>2010-03-09</end-date>", "<end-date>2010-02-09</end-date>"),
    ),
    "no country": Case(
        "hsg-travels", "travels", POMPEO, "country/@id", _replace(POMPEO, ' id="thailand"', "")
    ),
    "no visitor": Case(
        "hsg-visits",
        "visits",
        DECADE,
        "visitor",
        _replace(DECADE, "<visitor>Prime Minister George Papandreou</visitor>", "<visitor/>"),
    ),
    "not XML": Case("hsg-travels", "travels", POMPEO, None, _truncate(POMPEO)),
    "another record set": Case("hsg-visits", "visits", None, None, _remove("data")),
    "bad chief date": Case(
        "pocom",
        "pocom",
        THAILAND,
        "ended/date",
        _replace(THAILAND, "<date>2018-09-29</date>", "<date>2018-09-31</date>"),
    ),
    "no person": Case(
        "pocom",
        "pocom",
        THAILAND,
        "person-id",
        _replace(THAILAND, "<person-id>davies-glyn-t</person-id>", "<person-id/>"),
    ),
    "chief not XML": Case("pocom", "pocom", THAILAND, None, _truncate(THAILAND)),
    "not the chiefs": Case("pocom", "pocom", None, None, _remove("missions-countries")),
}


# Every case as a directory; three as the repository's .zip (reading an archive is the same).
RUNS = [(case, False) for case in CASES] + [
    ("bad date", True),
    ("not XML", True),
    ("bad chief date", True),
]


@pytest.mark.parametrize(
    ("case", "zipped"), RUNS, ids=[f"{c}-{'zip' if z else 'dir'}" for c, z in RUNS]
)
def test_hostile_record_sets_are_refused_and_change_nothing(
    case: str, zipped: bool, curated_shared_engine: Any, tmp_path: Path
) -> None:
    spec = CASES[case]
    engine = curated_shared_engine
    url = engine.url.render_as_string(hide_password=False)
    before = canonical_dump(engine)
    root = tmp_path / f"{spec.part}-master"
    shutil.copytree(SLICES / spec.part, root)
    spec.edit(root)
    path = root
    if zipped:
        path = tmp_path / f"{spec.part}.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for file in sorted(root.rglob("*")):
                if file.is_file():
                    archive.write(file, file.relative_to(tmp_path).as_posix())
    result = runner.invoke(app, ["import", spec.command, str(path), "--wait", "5", "--db", url])
    output = result.output
    assert result.exit_code != 0, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in output and "nothing was imported" in output, output
    named = re.escape(str(path) if zipped else str(root))
    assert re.search(named, output), output
    if spec.file is not None:
        assert re.search(rf"{re.escape(spec.file)}:\d+: ", output), output
    if spec.field is not None:
        assert re.search(rf":\d+: {re.escape(spec.field)}: ", output), output
    assert canonical_dump(engine) == before
