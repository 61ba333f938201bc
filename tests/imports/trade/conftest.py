"""Trade-file tests: files from bench/generate_comtrade.py, and what they must read back as."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bilateral_db.imports.trade_files import ComtradeRow

GENERATOR_PATH = Path(__file__).resolve().parents[3] / "bench" / "generate_comtrade.py"
LEGACY_FLOWS = {"M": "import", "X": "export", "RX": "re_export", "RM": "re_import"}
UNIT_NAMES = {2: "square_metre", 3: "megawatt_hour", 5: "item", 6: "pair", 7: "litre"}
UNIT_NAMES |= {8: "kg", 11: "item", 12: "cubic_metre", 13: "carat"}


def _generator() -> ModuleType:
    if "generate_comtrade" not in sys.modules:
        spec = importlib.util.spec_from_file_location("generate_comtrade", GENERATOR_PATH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["generate_comtrade"] = module
        spec.loader.exec_module(module)
    return sys.modules["generate_comtrade"]


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    return _generator()


Generate = Callable[..., tuple[list[Path], list[Any]]]


@pytest.fixture
def generate(generator: ModuleType) -> Generate:
    """Write files with the generator; the paths and the records they hold, in order."""

    def write(out: Path, rows: int, **options: Any) -> tuple[list[Path], list[Any]]:
        paths = generator.write(out, rows, **options)
        return paths, list(generator.records(rows, options.get("seed", 1)))

    return write


def record_matches(row: ComtradeRow, record: Any, layout: str) -> None:
    """A row says what the generator wrote: codes, period, flow, commodity, exact measures."""
    assert (row.reporter, row.partner, row.commodity) == (
        record.reporter,
        record.partner,
        record.commodity,
    ), row
    assert row.reporter_area is not None and row.partner_area is not None, row
    assert (row.period.start.year, row.period.start.month if record.month else 0) == (
        record.year,
        record.month,
    )
    assert row.period.precision == ("month" if record.month else "year")
    assert (row.flow.code, row.flow.name) == (record.flow, LEGACY_FLOWS[record.flow])
    assert row.classification == record.classification
    expected = None if record.value == "" else int(record.value) * 100
    if layout == "legacy" or expected in (None, 0):
        assert row.value_minor == expected, row
    else:  # Comtrade+ adds up to 999 thousandths of a dollar, rounded to the cent
        assert row.value_minor is not None and 0 <= row.value_minor - expected <= 100, row
    factor = 12 if record.unit == 11 else 1
    quantity = None if record.qty == "" else int(record.qty) * 1000 * factor
    assert (row.quantity_milli, row.quantity_unit) == (
        quantity,
        UNIT_NAMES[record.unit] if quantity is not None else None,
    ), row
    assert row.net_weight_g == (None if record.weight == "" else int(record.weight) * 1000)
    assert row.estimation_flag == record.flag
    assert row.quantity_estimated == bool(record.flag & 2)
    assert row.net_weight_estimated == bool(record.flag & 4)
    if layout == "plus":
        assert row.is_reported == record.reported
        imported = record.flow in ("M", "RM")
        if row.value_minor is not None:
            assert row.valuation == ("cif" if imported else "fob")


@pytest.fixture
def matches() -> Callable[[ComtradeRow, Any, str], None]:
    return record_matches
