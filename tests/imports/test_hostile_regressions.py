"""Files the hostile-import suite found wrong answers for, one each: refused with file, line
and column named, nothing written, no traceback (they were tracebacks, a silent emptying of a
release, or a message naming a decoder's buffer rather than the line)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bilateral_db.imports import ImportFileError, bundled_path, import_dataset

STATES = bundled_path("cow-states")


def _refused(engine: Engine, name: str, path: Path, snapshot) -> list[str]:
    before = snapshot(engine)
    with pytest.raises(ImportFileError) as refused:
        import_dataset(engine, name, path)
    assert snapshot(engine) == before
    return [str(problem) for problem in refused.value.problems]


def _edited(tmp_path: Path, old: str, new: str, name: str = "states.csv") -> Path:
    text = STATES.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_header_without_rows_does_not_empty_the_release(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    import_dataset(curated_engine, "cow-states", STATES)
    path = tmp_path / "states.csv"
    path.write_text(STATES.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert _refused(curated_engine, "cow-states", path, snapshot) == [
        f"{path}:1: has a header but no data rows"
    ]


def test_windows_1252_is_named_by_line_and_column(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    path = tmp_path / "states.csv"
    text = STATES.read_text(encoding="utf-8").replace("Canada", "Canadá")
    path.write_bytes(text.encode("cp1252"))
    (problem,) = _refused(curated_engine, "cow-states", path, snapshot)
    assert problem.startswith(f"{path}:3: statenme: is not UTF-8 text")


@pytest.mark.parametrize("code", ["99999999999999999999", "2147483648", "9" * 5000])
def test_a_code_beyond_the_column_is_refused(
    curated_engine: Engine, tmp_path: Path, snapshot, code: str
) -> None:
    path = _edited(tmp_path, "CAN,20,", f"CAN,{code},")
    (problem,) = _refused(curated_engine, "cow-states", path, snapshot)
    assert problem.startswith(f"{path}:3: ccode: ") and "out of range" in problem
    assert len(problem) < 200


def test_a_spell_ending_before_it_starts_is_refused(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    path = _edited(tmp_path, "CAN,20,Canada,1920,1,10,2016", "CAN,20,Canada,1920,1,10,1910")
    assert _refused(curated_engine, "cow-states", path, snapshot) == [
        f"{path}:3: endyear: 1910-12-31 is before the start 1920-01-10"
    ]


@pytest.mark.parametrize("year", ["99999", "0", "10000"])
def test_an_impossible_year_is_refused(
    curated_engine: Engine, tmp_path: Path, snapshot, year: str
) -> None:
    path = _edited(tmp_path, "CAN,20,Canada,1920,", f"CAN,20,Canada,{year},")
    (problem,) = _refused(curated_engine, "cow-states", path, snapshot)
    assert problem.startswith(f"{path}:3: styear: ")
    igo = tmp_path / "igo.csv"
    igo.write_text("ccode,year,state,asean\n2,1990,usa,0\n2,99999,usa,0\n", encoding="utf-8")
    assert _refused(curated_engine, "cow-igo", igo, snapshot) == [
        f"{igo}:3: year: '99999' is out of range (1 to 9998)"
    ]


def test_damaged_gzip_and_garbage_are_refused(
    curated_engine: Engine, tmp_path: Path, snapshot
) -> None:
    packed = gzip.compress(STATES.read_bytes(), mtime=0)
    damaged = tmp_path / "states.csv.gz"
    damaged.write_bytes(packed[:100] + bytes(b ^ 0x5A for b in packed[100:108]) + packed[108:])
    (problem,) = _refused(curated_engine, "cow-states", damaged, snapshot)
    assert "cannot be read as CSV" in problem
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\xff\x00\xfe" * 50)
    (problem,) = _refused(curated_engine, "cow-states", garbage, snapshot)
    assert problem.startswith(f"{garbage}:1: ")


def test_every_data_set_has_a_precedence_of_its_own() -> None:
    """The release table's precedence is unique: two data sets sharing one could not both be
    imported (comtrade shared archigos' 40, the tidy trade CSV hsg-visits' 70)."""
    from bilateral_db.imports import IMPORTERS

    precedences = [importer.dataset.precedence for importer in IMPORTERS.values()]
    assert len(set(precedences)) == len(precedences), sorted(precedences)
    assert 0 not in precedences  # the curated fixtures'
