"""The two published UN Comtrade bulk layouts and their code lists, as data.

Columns are matched by `column_key` (letters and digits, lower case), so `Trade Value (US$)`
and `TradeValueUS`, or `Netweight (kg)` and `Netweightkg`, are one column; messages use the
header's own words. Columns a layout does not name are ignored.

- legacy: the bulk download of the UN Comtrade of before 2023 (Classification, Year, Period,
  Period Desc., Aggregate Level, Is Leaf Code, Trade Flow Code, Trade Flow, Reporter Code,
  Reporter, Reporter ISO, Partner Code, Partner, Partner ISO, Commodity Code, Commodity,
  Qty Unit Code, Qty Unit, Qty, Netweight (kg), Trade Value (US$), Flag), comma-separated.
- plus: Comtrade+ final data as its bulk files and CSV exports write it (typeCode, freqCode,
  refPeriodId, refYear, refMonth, period, reporterCode, reporterISO, flowCode, partnerCode,
  partnerISO, partner2Code, classificationCode, cmdCode, aggrLevel, isLeaf, customsCode,
  motCode, qtyUnitCode, qty, isQtyEstimated, netWgt, isNetWgtEstimated, cifvalue, fobvalue,
  primaryValue, legacyEstimationFlag, isReported, ...), tab-separated in bulk files.
"""

from __future__ import annotations

from dataclasses import dataclass

from bilateral_db.core.vocabulary import TradeFlow


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    fields: dict[str, str]  # our field -> column key
    required: tuple[str, ...]  # fields a file of this layout must have
    marks: tuple[str, ...]  # column keys only this layout has


LEGACY = Layout(
    name="legacy",
    title="UN Comtrade legacy bulk download",
    fields={
        "classification": "classification",
        "year": "year",
        "period": "period",
        "level": "aggregatelevel",
        "is_leaf": "isleafcode",
        "flow": "tradeflowcode",
        "reporter": "reportercode",
        "partner": "partnercode",
        "partner2": "2ndpartnercode",
        "customs": "customsproccode",
        "transport": "modeoftransportcode",
        "commodity": "commoditycode",
        "qty_unit": "qtyunitcode",
        "qty": "qty",
        "net_weight": "netweightkg",
        "value": "tradevalueus",
        "cif": "ciftradevalue",
        "fob": "fobtradevalueus",
        "flag": "flag",
    },
    required=(
        "classification",
        "year",
        "period",
        "flow",
        "reporter",
        "partner",
        "commodity",
        "value",
    ),
    marks=("tradeflowcode", "tradevalueus"),
)
PLUS = Layout(
    name="plus",
    title="UN Comtrade+ final data (bulk file or CSV export)",
    fields={
        "type": "typecode",
        "freq": "freqcode",
        "year": "refyear",
        "month": "refmonth",
        "period": "period",
        "classification": "classificationcode",
        "level": "aggrlevel",
        "is_leaf": "isleaf",
        "flow": "flowcode",
        "reporter": "reportercode",
        "partner": "partnercode",
        "partner2": "partner2code",
        "customs": "customscode",
        "transport": "motcode",
        "commodity": "cmdcode",
        "qty_unit": "qtyunitcode",
        "qty": "qty",
        "qty_estimated": "isqtyestimated",
        "net_weight": "netwgt",
        "net_weight_estimated": "isnetwgtestimated",
        "value": "primaryvalue",
        "cif": "cifvalue",
        "fob": "fobvalue",
        "flag": "legacyestimationflag",
        "is_reported": "isreported",
    },
    required=(
        "freq",
        "period",
        "classification",
        "flow",
        "reporter",
        "partner",
        "commodity",
        "value",
    ),
    marks=("flowcode", "primaryvalue", "cmdcode"),
)
LAYOUTS = (LEGACY, PLUS)
PLUS_ANNUAL_MONTH = "52"  # Comtrade+ writes refMonth 52 for annual data


@dataclass(frozen=True)
class Flow:
    """A Comtrade trade flow: its Comtrade+ code, our name, and the flow it is seen from the
    reporter (re-exports are exports, re-imports imports; `name` keeps them apart)."""

    code: str
    name: str
    trade_flow: TradeFlow


FLOWS: dict[str, Flow] = {
    flow.code: flow
    for flow in (
        Flow("M", "import", TradeFlow.IMPORT),
        Flow("X", "export", TradeFlow.EXPORT),
        Flow("RM", "re_import", TradeFlow.IMPORT),
        Flow("RX", "re_export", TradeFlow.EXPORT),
        Flow("DX", "domestic_export", TradeFlow.EXPORT),
        Flow("FM", "foreign_import", TradeFlow.IMPORT),
    )
}
# The legacy layout's Trade Flow Code (UN Comtrade reference tables: regime codes).
LEGACY_FLOWS = {"1": FLOWS["M"], "2": FLOWS["X"], "3": FLOWS["RX"], "4": FLOWS["RM"]}


@dataclass(frozen=True)
class QuantityUnit:
    """A Comtrade quantity unit: our unit name and how many of it one Comtrade unit is."""

    code: int
    abbreviation: str
    unit: str | None  # None: no quantity
    factor: int = 1


# UN Comtrade reference tables (Qty Unit); Comtrade+ uses the same codes and -1 for none.
QUANTITY_UNITS: dict[str, QuantityUnit] = {
    str(unit.code): unit
    for unit in (
        QuantityUnit(-1, "N/A", None),
        QuantityUnit(1, "No Quantity", None),
        QuantityUnit(2, "m²", "square_metre"),
        QuantityUnit(3, "1000 kWh", "megawatt_hour"),
        QuantityUnit(4, "m", "metre"),
        QuantityUnit(5, "u", "item"),
        QuantityUnit(6, "2u", "pair"),
        QuantityUnit(7, "l", "litre"),
        QuantityUnit(8, "kg", "kg"),
        QuantityUnit(9, "1000u", "item", 1000),
        QuantityUnit(10, "u (jeu/pack)", "package"),
        QuantityUnit(11, "12u", "item", 12),
        QuantityUnit(12, "m³", "cubic_metre"),
        QuantityUnit(13, "carat", "carat"),
    )
}
# Classification codes -> the prefix of our product category codes (hs2017:27). "HS" and
# "ST" are "as reported": the revision varies by reporter and year.
CLASSIFICATIONS: dict[str, str] = {
    "H0": "hs1992",
    "H1": "hs1996",
    "H2": "hs2002",
    "H3": "hs2007",
    "H4": "hs2012",
    "H5": "hs2017",
    "H6": "hs2022",
    "HS": "hs",
    "S1": "sitc1",
    "S2": "sitc2",
    "S3": "sitc3",
    "S4": "sitc4",
    "ST": "sitc",
    "SS": "sitc",
    "B4": "bec4",
    "B5": "bec5",
    "BE": "bec",
}
TOTAL = "TOTAL"
ALL_GOODS = "all-goods"  # our category of Comtrade's TOTAL
