"""Fixtures of the hsg tests: the slices here, the whole record sets beside (records.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from imports.hsg.records import SLICES, Records, read_all, whole_record_sets


@pytest.fixture(scope="session")
def slices() -> Path:
    """The directory of the slices: pocom/, travels/ and visits/ (README.md there)."""
    return SLICES


@pytest.fixture(scope="session")
def whole_sets() -> Path:
    """The whole record sets, which are not shipped: skipped where they are not here."""
    found = whole_record_sets()
    if found is None:
        pytest.skip("the whole record sets are not here (set HSG_DATA)")
    return found


@pytest.fixture(scope="session")
def slice_records(slices: Path) -> Records:
    return read_all(slices)


@pytest.fixture
def slice_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A fresh copy of one slice (pocom, travels or visits), to break on purpose."""

    def copy(part: str) -> Path:
        target = tmp_path / part
        shutil.copytree(SLICES / part, target)
        return target

    return copy
