"""bench/generate_comtrade.py: deterministic, varied like Comtrade, no figure twice; and the
reader's memory stays flat however long the file is."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path, generator: ModuleType) -> None:
    for layout, compress in (("legacy", "gz"), ("plus", "zip")):
        first = generator.write(tmp_path / "a", 2_000, seed=7, layout=layout, compress=compress)
        again = generator.write(tmp_path / "b", 2_000, seed=7, layout=layout, compress=compress)
        other = generator.write(tmp_path / "c", 2_000, seed=8, layout=layout, compress=compress)
        assert first[0].read_bytes() == again[0].read_bytes()
        assert first[0].read_bytes() != other[0].read_bytes()


def test_records_are_varied_like_comtrade_and_never_repeat_a_figure(
    generator: ModuleType,
) -> None:
    records = list(generator.records(20_000, seed=3))
    assert len(records) == 20_000
    keys = Counter((r.year, r.month, r.reporter, r.partner, r.flow, r.commodity) for r in records)
    assert keys.most_common(1)[0][1] == 1
    partners = Counter(r.partner for r in records)
    assert all(partners[code] > 0 for code in (0, 490, 837, 838, 839, 899))
    assert {len(r.commodity) for r in records if r.partner == 0} == {2, 5}  # TOTAL, chapters
    assert {len(r.commodity) for r in records} == {2, 4, 5, 6}
    assert Counter(r.flow for r in records).keys() == {"M", "X", "RX", "RM"}
    months = Counter(bool(r.month) for r in records)
    assert months[True] > 1_000 and months[False] > 1_000
    assert {r.year for r in records} == set(range(2010, 2023))
    assert {r.classification for r in records} == {"H4", "H5", "H6"}
    values = Counter("empty" if not r.value else "zero" if r.value == "0" else "v" for r in records)
    assert values["empty"] > 0 and values["zero"] > 20
    detailed = [r for r in records if len(r.commodity) in (4, 6) and r.value not in ("", "0")]
    assert 0.03 < sum(not r.qty for r in detailed) / len(detailed) < 0.15
    assert {r.unit for r in detailed} >= {3, 5, 7, 8, 12}
    assert Counter(r.flag for r in records).keys() == {0, 2, 4, 6}
    assert 0 < sum(not r.reported for r in records) < 1_000
    reporters = Counter(r.reporter for r in records)
    assert len(reporters) == 150 and reporters[842] > 0 and reporters[251] > 0


READ = """
import resource, sys
from pathlib import Path
from bilateral_db.imports.trade_files import ComtradeReader
reader = ComtradeReader([Path(sys.argv[1])])
rows = sum(1 for _ in reader.rows())
print(rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.slow
def test_reading_memory_is_flat_in_the_length_of_the_file(
    tmp_path: Path, generator: ModuleType
) -> None:
    peaks = []
    for rows in (10_000, 100_000):
        (path,) = generator.write(tmp_path / str(rows), rows, layout="plus", compress="gz")
        done = subprocess.run(
            [sys.executable, "-c", READ, str(path)], capture_output=True, text=True, check=True
        )
        count, peak = map(int, done.stdout.split())
        assert count == rows
        peaks.append(peak)
    # ten times the rows, the same memory: a few MiB of caches at most, never the rows
    assert peaks[1] - peaks[0] < 8, peaks
