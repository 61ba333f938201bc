"""How far behind a hot standby is after a load, as a share of the load's own time.

    .venv/bin/python bench/bench_replica.py [--admin postgresql://postgres@127.0.0.1:5432/postgres]

Starts a standby of the server with scripts/replica-demo (through tests/support/replica.py),
then on a new database of the primary: migrate, load the bundled fixtures, import the data sets
shipped with the package (what `quickstart` builds), timed as the baseline. Then it measures how
long after the last commit the standby has replayed everything the primary wrote, and checks
that the replica's row counts equal the primary's. Prints the standby's start-up times, the WAL
written on the whole server meanwhile, and the replay lag as a multiple of the load time.
Nothing in the tests asserts a time.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.replica import running_replica, wait_for_replay

from bilateral_db import migrations
from bilateral_db.db import make_engine
from bilateral_db.imports import BUNDLED, bundled_path, import_dataset
from bilateral_db.load import load_fixtures

COUNTS = (
    "SELECT (SELECT count(*) FROM membership), (SELECT count(*) FROM term), "
    "(SELECT count(*) FROM trade_figure), (SELECT count(*) FROM release)"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--admin", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    name = f"bilateral_bench_replica_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.admin, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        with running_replica(args.admin) as replica:
            print(f"standby: {replica.timings}")
            base = args.admin.rsplit("/", 1)[0]
            url = f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
            with psycopg.connect(args.admin, autocommit=True) as admin:
                start_lsn = admin.execute("SELECT pg_current_wal_lsn()").fetchone()[0]  # type: ignore[index]
            began = time.monotonic()
            migrations.upgrade(url)
            engine = make_engine(url)
            load_fixtures(engine)
            for dataset in BUNDLED:
                import_dataset(engine, dataset, bundled_path(dataset))
            engine.dispose()
            load_s = time.monotonic() - began
            lag_s = wait_for_replay(args.admin, replica.url)
            with psycopg.connect(args.admin, autocommit=True) as admin:
                wal = admin.execute(
                    "SELECT pg_current_wal_lsn() - %s::pg_lsn", [start_lsn]
                ).fetchone()[0]  # type: ignore[index]
            with psycopg.connect(f"{base}/{name}") as primary:
                on_primary = primary.execute(COUNTS).fetchone()
            with psycopg.connect(replica.database_url(name, "postgresql")) as standby:
                on_replica = standby.execute(COUNTS).fetchone()
            print(f"migrate + load + {len(BUNDLED)} imports (baseline): {load_s:.2f} s")
            print(f"WAL written on the whole server meanwhile: {float(wal) / 1e6:.1f} MB")
            print(f"replay lag after the last commit: {lag_s:.3f} s = {lag_s / load_s:.4f} x load")
            print(
                f"rows (membership, term, trade_figure, release): primary {on_primary}, "
                f"replica {on_replica}, equal: {on_primary == on_replica}"
            )
    finally:
        with psycopg.connect(args.admin, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


if __name__ == "__main__":
    main()
