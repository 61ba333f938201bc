"""Readers of trade files: UN Comtrade bulk files and the tidy trade CSV (docs/trade-files.md).

They parse and check; they write nothing. Each yields frozen rows with exact integer amounts
and typed periods, streaming (memory holds one row and a few small caches, whatever the size
of the file), and raises one ImportFileError naming file, line and column of every problem
(up to MAX_PROBLEMS) at the end of the table they are in:

    reader = ComtradeReader([Path("comtrade-2019.zip")])
    for row in reader.rows():
        ...  # stage row.reporter_area, row.partner_area, row.period, row.value_minor, ...
    reader.unplaced  # codes used on days the M49 mapping does not place them: findings

    for row in TidyReader(Path("figures.csv"), actors=codes).rows():
        ...
"""

from __future__ import annotations

from bilateral_db.core.periods import Period
from bilateral_db.imports.trade_files.comtrade import (
    ComtradeReader,
    ComtradeRow,
    NotPlain,
    Unplaced,
)
from bilateral_db.imports.trade_files.comtrade_layouts import FLOWS, LAYOUTS, Flow, Layout
from bilateral_db.imports.trade_files.m49 import Area, M49Codes
from bilateral_db.imports.trade_files.tidy import TidyReader, TidyRow

__all__ = [
    "FLOWS",
    "LAYOUTS",
    "Area",
    "ComtradeReader",
    "ComtradeRow",
    "Flow",
    "Layout",
    "M49Codes",
    "NotPlain",
    "Period",
    "TidyReader",
    "TidyRow",
    "Unplaced",
]
