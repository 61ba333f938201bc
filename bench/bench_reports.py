"""Benchmark the reports on synthetic data at scale, as ratios to a baseline from the same run.

    .venv/bin/python bench/bench_reports.py [--db URL] [--countries 200] [--years 50]
    .venv/bin/python bench/bench_reports.py --cow-trade Dyadic_COW_4.0.csv.gz [--cow-db URL]

Builds a fresh database (a temporary SQLite file unless --db names an empty one), fills it with
synthetic countries, one bloc whose membership grows over time, and a trade figure for every
country pair with the first country, every year; then times each report. Absolute times depend
on the machine, so each is printed as a multiple of a baseline measured in the same run (a full
scan: SELECT count(*) FROM trade_figure). Nothing here asserts a time.

With --cow-trade, times country-bloc trade at COW's 1.35M figures instead (USA and the UPU:
the report, the dyad report and GET /trade/USA/UPU in-process), against a plain-table baseline
in the same run: the same sums from two bare tables (the figures' reporter, partner, year,
flow and value, indexed both ways, and the bloc's member spells), which is what a row store
cannot beat. The database is built as a user builds it (quickstart, import cow-trade), in
--cow-db (an EMPTY database) or a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import itertools
import string
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bilateral_db import migrations, reports
from bilateral_db.db import make_engine
from bilateral_db.models import (
    Actor,
    Bloc,
    Country,
    Currency,
    Fact,
    Membership,
    ProductCategory,
    TradeFigure,
)


def _codes(count: int) -> list[str]:
    letters = itertools.product(string.ascii_uppercase, repeat=3)
    return ["".join(code) for code, _ in zip(letters, range(count), strict=False)]


def build(session: Session, *, countries: int, years: int) -> None:
    """Synthetic rows through Core bulk inserts (the ORM would dominate the set-up time)."""
    codes = _codes(countries)
    first_year = 2025 - years
    fact_ids = iter(range(1, 10_000_000))

    def facts(entity: str, count: int) -> list[int]:
        ids = [next(fact_ids) for _ in range(count)]
        session.execute(
            insert(Fact), [{"id": i, "entity": entity, "confidence": "stated"} for i in ids]
        )
        return ids

    session.execute(insert(Currency), [{"code": "USD", "name": "US Dollar", "minor_unit": 2}])
    session.execute(
        insert(ProductCategory), [{"id": 1, "code": "all-goods", "name": "All", "scheme": "broad"}]
    )
    country_facts = facts("country", countries)
    session.execute(
        insert(Country),
        [
            {"id": i + 1, "code": code, "name": f"Country {code}", "fact_id": f}
            for i, (code, f) in enumerate(zip(codes, country_facts, strict=True))
        ],
    )
    (bloc_fact,) = facts("bloc", 1)
    session.execute(
        insert(Bloc),
        [
            {
                "id": 1,
                "code": "BLOC",
                "name": "Synthetic bloc",
                "kind": "forum",
                "fact_id": bloc_fact,
            }
        ],
    )
    session.execute(insert(Actor), [{"id": i + 1, "country_id": i + 1} for i in range(countries)])
    session.execute(insert(Actor), [{"id": countries + 1, "bloc_id": 1}])
    # Every other country joins the bloc, one a year, and the odd ones leave after ten years.
    members = list(range(2, countries + 1, 2))
    member_facts = facts("membership", len(members))
    session.execute(
        insert(Membership),
        [
            {
                "actor_id": actor,
                "bloc_id": 1,
                "role": "member",
                "start_date": date(first_year + index % years, 1, 1),
                "start_date_precision": "year",
                "end_date": date(first_year + index % years + 10, 12, 31) if index % 2 else None,
                "end_date_precision": "day" if index % 2 else None,
                "fact_id": f,
            }
            for index, (actor, f) in enumerate(zip(members, member_facts, strict=True))
        ],
    )
    pairs = [(1, partner) for partner in range(2, countries + 1)]
    rows = [
        (reporter, partner, year) for reporter, partner in pairs for year in range(first_year, 2025)
    ]
    trade_facts = facts("trade_figure", len(rows))
    session.execute(
        insert(TradeFigure),
        [
            {
                "reporter_actor_id": reporter,
                "partner_actor_id": partner,
                "period_start": date(year, 1, 1),
                "period_precision": "year",
                "flow": "total",
                "category_id": 1,
                "valuation": "not_stated",
                "value_status": "observed",
                "value_minor": (partner * 7919 + year * 104729) % 10**12,
                "currency_code": "USD",
                "qualifier": "exact",
                "fact_id": f,
            }
            for (reporter, partner, year), f in zip(rows, trade_facts, strict=True)
        ],
    )
    session.commit()


def timed(call: Callable[[], object], repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


PLAIN = [  # the baseline's bare tables, built from the database's own rows
    "DROP TABLE IF EXISTS bench_plain_trade",
    "DROP TABLE IF EXISTS bench_plain_member",
    """CREATE TABLE bench_plain_trade AS
       SELECT f.reporter_actor_id AS reporter, f.partner_actor_id AS partner,
              f.period_start AS year, f.flow, f.value_minor AS value
       FROM trade_figure f WHERE f.series = 'reported' AND f.value_status = 'observed'""",
    "CREATE INDEX bench_plain_trade_rp ON bench_plain_trade (reporter, partner, year)",
    "CREATE INDEX bench_plain_trade_pr ON bench_plain_trade (partner, reporter, year)",
    """CREATE TABLE bench_plain_member AS
       SELECT m.actor_id, m.start_date, m.end_date FROM membership m
       JOIN bloc b ON b.id = m.bloc_id WHERE b.code = :bloc AND m.role = 'member'""",
]
# Both directions of the bloc's members' trade with one country, summed per year and flow.
PLAIN_SUMS = """
    SELECT t.year, t.flow, 'members report' AS side, SUM(t.value), COUNT(*)
    FROM bench_plain_member m JOIN bench_plain_trade t
      ON t.reporter = m.actor_id AND t.partner = :country
     AND m.start_date <= t.year AND (m.end_date IS NULL OR m.end_date >= t.year)
    GROUP BY t.year, t.flow
    UNION ALL
    SELECT t.year, t.flow, 'country reports', SUM(t.value), COUNT(*)
    FROM bench_plain_member m JOIN bench_plain_trade t
      ON t.partner = m.actor_id AND t.reporter = :country
     AND m.start_date <= t.year AND (m.end_date IS NULL OR m.end_date >= t.year)
    GROUP BY t.year, t.flow
    ORDER BY 1, 2, 3
"""


def cow_trade(path: Path, url: str | None, country: str = "USA", bloc: str = "UPU") -> None:
    """Country-bloc trade at COW's scale, against the plain-table baseline (module docstring)."""
    import subprocess
    import sys

    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from bilateral_db.api import create_app

    cli = str(Path(sys.executable).with_name("bilateral-db"))
    with tempfile.TemporaryDirectory() as directory:
        url = url or f"sqlite:///{Path(directory) / 'cow.sqlite'}"
        start = time.perf_counter()
        for command in (["quickstart"], ["import", "cow-trade", str(path)]):
            subprocess.run([cli, *command, "--db", url], stdout=subprocess.DEVNULL, check=True)
        print(f"built {url} (quickstart, import cow-trade) in {time.perf_counter() - start:.0f} s")
        engine = make_engine(url)
        with engine.begin() as connection:
            for statement in PLAIN:
                connection.execute(text(statement), {"bloc": bloc})
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql("ANALYZE bench_plain_trade")
                connection.exec_driver_sql("ANALYZE bench_plain_member")
        app = create_app(url)
        try:
            with Session(engine) as session, TestClient(app) as client:
                figures = session.scalar(select(func.count()).select_from(TradeFigure))
                parameters = {
                    "country": session.scalar(
                        text(
                            "SELECT a.id FROM actor a JOIN country c ON c.id = a.country_id "
                            "WHERE c.code = :code"
                        ),
                        {"code": country},
                    )
                }
                rows = reports.trade_between(session, a=country, b=bloc)
                assert client.get(f"/trade/{country}/{bloc}").status_code == 200
                cases: dict[str, Callable[[], object]] = {
                    "baseline: plain-table sums": lambda: session.execute(
                        text(PLAIN_SUMS), parameters
                    ).all(),
                    f"trade_between {country}-{bloc}": lambda: reports.trade_between(
                        session, a=country, b=bloc
                    ),
                    f"dyad_report {country}-{bloc}": lambda: reports.dyad_report(
                        session, a=country, b=bloc
                    ),
                    f"GET /trade/{country}/{bloc}": lambda: client.get(f"/trade/{country}/{bloc}"),
                }
                times = {name: timed(call) for name, call in cases.items()}
        finally:
            app.state.engine.dispose()
            with engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE bench_plain_trade")
                connection.exec_driver_sql("DROP TABLE bench_plain_member")
            engine.dispose()
    baseline = times["baseline: plain-table sums"]
    print(f"{engine.dialect.name}: {figures} trade figures; {len(rows)} rows {country}-{bloc}")
    for name, seconds in times.items():
        print(f"  {name:<38} {seconds * 1000:9.2f} ms  {seconds / baseline:7.2f}x baseline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="An EMPTY database URL; default: a temporary SQLite file.")
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--cow-trade", type=Path, help="COW Trade v4.0 dyadic file (see above).")
    parser.add_argument("--cow-db", help="An EMPTY database URL for --cow-trade.")
    args = parser.parse_args()
    if args.cow_trade is not None:
        cow_trade(args.cow_trade, args.cow_db)
        return
    with tempfile.TemporaryDirectory() as directory:
        url = args.db or f"sqlite:///{Path(directory) / 'bench.sqlite'}"
        migrations.upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            build(session, countries=args.countries, years=args.years)
            first = _codes(1)[0]
            figures = session.scalar(select(func.count()).select_from(TradeFigure))
            cases: dict[str, Callable[[], object]] = {
                "baseline: count(*) trade_figure": lambda: session.scalar(
                    select(func.count()).select_from(TradeFigure)
                ),
                "members_on": lambda: reports.members_on(session, bloc="BLOC", on=date(2000, 6, 1)),
                "membership_timeline": lambda: reports.membership_timeline(session, bloc="BLOC"),
                "trade_between country-country": lambda: reports.trade_between(
                    session, a=first, b=_codes(2)[1]
                ),
                "trade_between country-bloc (sums)": lambda: reports.trade_between(
                    session, a=first, b="BLOC"
                ),
                "dyad_report country-bloc": lambda: reports.dyad_report(session, a=first, b="BLOC"),
            }
            times = {name: timed(call) for name, call in cases.items()}
        engine.dispose()
    baseline = times["baseline: count(*) trade_figure"]
    print(f"{engine.dialect.name}: {args.countries} countries, {figures} trade figures")
    for name, seconds in times.items():
        print(f"  {name:<38} {seconds * 1000:9.2f} ms  {seconds / baseline:7.2f}x baseline")


if __name__ == "__main__":
    main()
