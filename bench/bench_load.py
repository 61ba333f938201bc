"""Benchmark the loader on a large trade table, as ratios to a baseline from the same run.

    .venv/bin/python bench/bench_load.py [--rows 20000] [--db URL]

Copies the bundled fixtures to a temporary directory and appends --rows synthetic trade figures
to trade_figures.csv (synthetic: they exist only in that temporary copy). Then, on a fresh
database (a temporary SQLite file unless --db names an empty one):

- baseline: the same rows written straight into fact, citation and trade_figure with Core
  bulk inserts, in one transaction — the least work any loader must do;
- first load: `load_fixtures` on the whole set (validation, sync, citations);
- second load: the same files again (everything unchanged, nothing written);
- memory: the peak Python allocation of the first load per trade row (tracemalloc).

Times are printed as multiples of the baseline, so they compare across machines. Nothing here
asserts a time; the tests never time anything.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
from sqlalchemy import Engine, insert, select

from bilateral_db import migrations
from bilateral_db.db import make_engine
from bilateral_db.load import load_fixtures
from bilateral_db.models import (
    Actor,
    Citation,
    Country,
    Fact,
    ProductCategory,
    Source,
    TradeFigure,
)
from bilateral_db.resources import fixtures_dir

FLOWS = ("export", "import", "total")
YEARS = range(1990, 2020)
SOURCE = "iso-3166-1-pycountry"  # any bundled source will do: the rows are synthetic


def synthetic_rows(count: int) -> list[dict[str, str]]:
    """`count` distinct series values between real ISO countries, values with cents."""
    codes = sorted(c.alpha_3 for c in pycountry.countries)
    pairs = ((a, b) for a, b in itertools.permutations(codes, 2))
    keys = ((a, b, y, f) for (a, b) in pairs for y in YEARS for f in FLOWS)
    return [
        {
            "reporter": a,
            "partner": b,
            "period": str(year),
            "flow": flow,
            "category": "all-goods",
            "valuation": "not_stated",
            "status": "observed",
            "value": f"{(i * 7919) % 10_000_000}.{i % 100:02d}",
            "currency": "USD",
            "qualifier": "exact",
            "sources": SOURCE,
            "confidence": "",
            "note": "",
        }
        for i, (a, b, year, flow) in enumerate(itertools.islice(keys, count))
    ]


def fixture_copy(rows: list[dict[str, str]], target: Path) -> Path:
    shutil.copytree(fixtures_dir(), target)
    with (target / "trade_figures.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=list(rows[0])).writerows(rows)
    return target


def baseline(engine: Engine, rows: list[dict[str, str]]) -> None:
    """Write the rows directly: ids looked up once, three bulk inserts, one transaction."""
    with engine.begin() as connection:
        actors = dict(
            connection.execute(
                select(Country.code, Actor.id).join(Actor, Actor.country_id == Country.id)
            ).all()
        )
        category = connection.execute(
            select(ProductCategory.id).where(ProductCategory.code == "all-goods")
        ).scalar_one()
        source = connection.execute(select(Source.id).where(Source.slug == SOURCE)).scalar_one()
        first = connection.execute(
            insert(Fact).returning(Fact.id), [{"entity": "trade_figure", "confidence": "stated"}]
        ).scalar_one()
        fact_ids = [first, *range(first + 1, first + len(rows))]
        connection.execute(
            insert(Fact),
            [{"id": i, "entity": "trade_figure", "confidence": "stated"} for i in fact_ids[1:]],
        )
        connection.execute(
            insert(Citation), [{"fact_id": i, "source_id": source} for i in fact_ids]
        )
        connection.execute(
            insert(TradeFigure),
            [
                {
                    "reporter_actor_id": actors[row["reporter"]],
                    "partner_actor_id": actors[row["partner"]],
                    "period_start": date(int(row["period"]), 1, 1),
                    "period_precision": "year",
                    "flow": row["flow"],
                    "category_id": category,
                    "valuation": "not_stated",
                    "value_status": "observed",
                    "value_minor": int(row["value"].replace(".", "")),
                    "currency_code": "USD",
                    "qualifier": "exact",
                    "fact_id": fact_id,
                }
                for row, fact_id in zip(rows, fact_ids, strict=True)
            ],
        )
        connection.rollback()  # measured work only; the database stays as loaded


def timed(step: Callable[[], Any]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def prepared(url: str) -> Engine:
    """A migrated database holding the bundled set, so rows have countries to refer to."""
    migrations.upgrade(url)
    engine = make_engine(url)
    load_fixtures(engine)
    return engine


def peak_memory(step: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--db", help="URL of an EMPTY database (default: temporary SQLite files)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        rows = synthetic_rows(args.rows)
        paths = [fixture_copy(rows, Path(tmp) / "fixtures")]
        engine = prepared(args.db or f"sqlite:///{Path(tmp) / 'timed.sqlite'}")
        try:
            base = timed(lambda: baseline(engine, rows))
            first = timed(lambda: load_fixtures(engine, paths))
            second = timed(lambda: load_fixtures(engine, paths))
            backend = engine.dialect.name
        finally:
            engine.dispose()
        # tracemalloc slows Python several times over: memory gets a run of its own.
        if args.db:
            engine = make_engine(args.db)
            load_fixtures(engine, prune=True)  # back to the bundled set only
        else:
            engine = prepared(f"sqlite:///{Path(tmp) / 'memory.sqlite'}")
        try:
            peak = peak_memory(lambda: load_fixtures(engine, paths))
        finally:
            engine.dispose()

    print(f"backend {backend}, {len(rows)} synthetic trade rows")
    print(f"baseline (bulk insert, no validation)  {base:8.2f} s   1.0x")
    print(f"first load (validate + sync)           {first:8.2f} s   {first / base:.1f}x")
    print(f"second load (no changes)               {second:8.2f} s   {second / base:.1f}x")
    print(f"peak Python memory of a first load     {peak / len(rows) / 1024:8.1f} KiB per row")


if __name__ == "__main__":
    main()
