"""The one JSON encoding of answers: exact decimals, dates at their precision, in one pass."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bilateral_db.answers import to_json
from bilateral_db.core.dates import PartialDate
from bilateral_db.core.vocabulary import TradeFlow


@dataclass(frozen=True)
class Nested:
    """A row inside a row (a meeting's parent, a claim's sources)."""

    slug: str
    on: PartialDate
    fact_id: int  # a database id: never output


def test_decimals_are_exact_number_literals() -> None:
    values = [Decimal("2600000000.00"), Decimal("0.10"), Decimal("-17.25"), Decimal("5")]
    text = to_json({"values": values, "float": 0.1}, indent=None)
    assert text == '{"values":[2600000000.00,0.10,-17.25,5],"float":0.1}'
    assert json.loads(text, parse_float=Decimal)["values"] == values


def test_dates_enums_nested_rows_and_text() -> None:
    row = {
        "day": date(1997, 7, 23),
        "month": PartialDate.parse("2019-09"),
        "flow": TradeFlow.EXPORT,
        "parent": Nested("amm-52", PartialDate.parse("1976"), 7),
        "pair": ("RUS", "THA"),
        "name": 'Зеленский "Ꭰ" 東京',
        "none": None,
        "flag": True,
    }
    assert to_json([row], indent=None) == (
        '[{"day":"1997-07-23","month":"2019-09","flow":"export",'
        '"parent":{"slug":"amm-52","on":"1976"},"pair":["RUS","THA"],'
        '"name":"Зеленский \\"Ꭰ\\" 東京","none":null,"flag":true}]'
    )


def test_the_cli_form_is_indented() -> None:
    assert to_json([{"value": Decimal("1.50")}]) == '[\n  {\n    "value": 1.50\n  }\n]'
