"""The SQL cookbook's machinery: read its recipes, and refresh their stated answers.

docs/sql-cookbook.md is written by hand: each recipe is a `## title`, a ```sql block and a
```json expected block with the answer on the bundled fixtures. tests/test_docs.py runs every
query on both backends and compares. When the fixtures change on purpose, refresh the answers
(`python -m bilateral_db.docs_cookbook URL`) and review the diff like any other data change.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from bilateral_db.db import make_engine

RECIPE = re.compile(
    r"^## (?P<title>.+?)\n.*?```sql\n(?P<sql>.*?)```.*?```json expected\n(?P<answer>.*?)```",
    re.S | re.M,
)


@dataclass(frozen=True)
class Recipe:
    title: str
    sql: str
    expected: list[list[object]]
    answer_span: tuple[int, int]


def cookbook_path() -> Path:
    return Path(__file__).resolve().parent.parent / "docs" / "sql-cookbook.md"


def read_recipes(document: str) -> list[Recipe]:
    return [
        Recipe(m["title"], m["sql"], json.loads(m["answer"]), m.span("answer"))
        for m in RECIPE.finditer(document)
    ]


def normalise(value: object) -> object:
    """Backends hand back dates as text or date, sums as int or Decimal: compare their values."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    rounded = Decimal(str(value)).quantize(Decimal("0.01"))
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def format_answer(rows: list[list[object]]) -> str:
    if not rows:
        return "[]\n"
    lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
    return f"[\n{lines}\n]\n"


def refresh(url: str, path: Path | None = None) -> int:
    """Rewrite every stated answer with what the database at `url` returns; count changes."""
    path = path or cookbook_path()
    document = path.read_text(encoding="utf-8")
    engine = make_engine(url)
    changed = 0
    try:
        with engine.connect() as connection:
            for recipe in reversed(read_recipes(document)):
                rows = [[normalise(v) for v in row] for row in connection.execute(text(recipe.sql))]
                if rows != recipe.expected:
                    changed += 1
                start, end = recipe.answer_span
                document = document[:start] + format_answer(rows) + document[end:]
    finally:
        engine.dispose()
    path.write_text(document, encoding="utf-8")
    return changed


if __name__ == "__main__":
    print(f"{refresh(sys.argv[1])} answers changed")
