"""What the Comtrade reader yields (ComtradeRow) and counts while it reads (ComtradeCounts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from bilateral_db.core.periods import Period
from bilateral_db.core.vocabulary import Valuation
from bilateral_db.imports.trade_files.comtrade_layouts import (
    ALL_GOODS,
    CLASSIFICATIONS,
    TOTAL,
    Flow,
)
from bilateral_db.imports.trade_files.m49 import Area, M49Codes
from bilateral_db.imports.trade_files.table import Problems

CURRENCY = "USD"


class ComtradeRow(NamedTuple):
    """One Comtrade figure: reporter × partner × period × flow × commodity, and its measures.
    A named tuple: immutable, and cheap to make ten million of."""

    source: str  # file (file.zip:member.csv inside an archive)
    line: int
    classification: str  # H4, HS, S3, ...
    period: Period
    reporter: int  # Comtrade (M49) codes as written
    partner: int
    reporter_area: Area | None  # what the codes stand for on period.mapping_day
    partner_area: Area | None
    flow: Flow
    commodity: str  # TOTAL, 01, 0101, 010121, ...
    level: int  # 0 for TOTAL, else digits of the code
    is_leaf: bool | None
    value_minor: int | None  # US cents; None: unknown
    valuation: Valuation
    quantity_milli: int | None  # thousandths of quantity_unit
    quantity_unit: str | None
    quantity_estimated: bool | None
    net_weight_g: int | None  # grams
    net_weight_estimated: bool | None
    estimation_flag: int | None  # Comtrade's (legacy) estimation code as written
    is_reported: bool | None  # Comtrade+: False when UNSD estimated the figure
    partner2: int | None = None  # Comtrade+ breakdowns: 0 / C00 / 0 are the totals
    customs: str | None = None
    transport: int | None = None

    @property
    def currency(self) -> str:
        return CURRENCY

    @property
    def category(self) -> str:
        """Our product category code: all-goods for TOTAL, else hs2012:0101 and the like."""
        return category_code(self.classification, self.commodity)

    @property
    def is_breakdown(self) -> bool:
        """A Comtrade+ row by second partner, customs procedure or transport mode rather than
        their total (the classic figure has partner2 0, customs C00, transport 0)."""
        return bool(self.partner2) or self.customs not in (None, "C00") or bool(self.transport)


class NotPlain(Exception):
    """A table holds something only the row reader reads (and names, if it is wrong): the
    columnar reading gives up (comtrade_columns)."""


def category_code(classification: str, commodity: str) -> str:
    """Our product category code: all-goods for TOTAL, else hs2012:0101 and the like."""
    if commodity == TOTAL:
        return ALL_GOODS
    return f"{CLASSIFICATIONS[classification]}:{commodity}"


@dataclass
class Unplaced:
    """A known code used on days its rows do not cover: where first seen, how often."""

    line: str  # file:line
    first: date
    last: date
    rows: int = 0


@dataclass
class TableSummary:
    name: str
    layout: str
    rows: int = 0


@dataclass
class ComtradeCounts:
    """What a reading found besides its rows, for the importer's release record and findings."""

    codes: M49Codes = field(default_factory=M49Codes.read)
    problems: Problems = field(default_factory=Problems)
    tables: list[TableSummary] = field(default_factory=list)
    unplaced: dict[int, Unplaced] = field(default_factory=dict)
    skipped_members: list[str] = field(default_factory=list)
    rounded_values: int = 0  # Comtrade+ values with fractions of a cent, rounded half to even
    breakdown_rows: int = 0  # Comtrade+ rows by partner2, customs procedure or transport mode

    def count_unplaced(self, code: int, where: str, first: date, last: date, rows: int) -> None:
        """`rows` rows whose `code` stands for nothing on days first..last; the first seen at
        `where` (file:line)."""
        seen = self.unplaced.get(code)
        if seen is None:
            seen = self.unplaced[code] = Unplaced(where, first, last)
        seen.first, seen.last = min(seen.first, first), max(seen.last, last)
        seen.rows += rows
