"""The HTTP API against the report functions it serves, as ratios measured in one run.

    .venv/bin/python bench/bench_api.py [--db URL | --cow-trade FILE] [--requests 300]
                                        [--concurrency 16]

Serves the database (a temporary quickstart SQLite file, with COW trade imported from FILE when
--cow-trade is given, unless --db names a loaded one) with `bilateral-db serve` on a free
loopback port, one worker, then for the members and trade endpoints measures: the report
function called directly (a session per call, as the API opens one per request); the same
question over HTTP, one request at a time on a kept-alive connection (p50, p90, requests per
second); and `--concurrency` clients at once (requests per second, errors).

Pages: for the longest lists the database holds, the p50 of a `limit=1000` page against a
`limit=100` page of the same list (goal: within 2×), with the rows each page holds.
Every loop is bounded; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from cow_database import build
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.db import make_engine

BIN = Path(sys.executable).parent
DAY = date(2019, 8, 1)
CASES: dict[str, tuple[str, dict[str, str], Callable[[Session], object]]] = {
    "members": (
        "/blocs/ASEAN/members",
        {"on": DAY.isoformat()},
        lambda s: reports.members_on(s, bloc="ASEAN", on=DAY, role="member"),
    ),
    "trade": ("/trade/RUS/ASEAN", {}, lambda s: reports.trade_between(s, a="RUS", b="ASEAN")),
}
# The longest lists on the quickstart data with COW trade: every bloc (COW IGO's included), every
# country, a country's roles in every bloc, the trade of one country with a bloc's members.
PAGED = ("/blocs", "/countries", "/timelines/USA", "/trade/USA/UPU")
PAGE_SECONDS = 60  # per list: the slowest answers get fewer rounds


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Client:
    """A kept-alive HTTP/1.1 connection (the standard library's: the lightest client, so the
    figures are the server's, not a client library's)."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, target: str) -> int:
        return self.fetch(target)[0]

    def fetch(self, target: str) -> tuple[int, bytes]:
        self.connection.request("GET", target)
        response = self.connection.getresponse()
        return response.status, response.read()


def _serve(url: str, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(BIN / "bilateral-db"), "serve", "--port", str(port), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            Client(port).get("/blocs")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 30 s")


def _concurrently(port: int, target: str, requests: int, clients: int) -> list[float]:
    """Statuses of `requests` GETs from `clients` threads, each on its own connection, and
    (last) the seconds they took together."""
    local = threading.local()

    def one(_: int) -> float:
        if not hasattr(local, "client"):
            local.client = Client(port)
        try:
            return float(local.client.get(target))
        except OSError:
            return 0.0

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        statuses = list(pool.map(one, range(requests)))
    return [*statuses, time.perf_counter() - start]


def _pages(port: int, requests: int) -> None:
    """p50 of a 1,000-row page against a 100-row page of the same list, rounds interleaved."""
    import json

    print(f"\npages: p50 of up to {requests} requests each, limit=100 and limit=1000 in turn")
    print(
        f"{'list':<16} {'rows':>6} {'100 ms':>8} {'rows':>6} {'1000 ms':>8} {'ratio':>6} "
        f"{'runs':>5}"
    )
    client = Client(port)
    for path in PAGED:
        targets = {limit: f"{path}?limit={limit}" for limit in (100, 1000)}
        rows, times = {}, {100: [], 1000: []}
        for limit, target in targets.items():
            status, body = client.fetch(target)  # warm up; count the rows
            if status != 200:
                raise SystemExit(f"{target} failed: {status}")
            rows[limit] = len(json.loads(body))
        deadline = time.monotonic() + PAGE_SECONDS
        while len(times[1000]) < requests and time.monotonic() < deadline:
            for limit, target in targets.items():
                start = time.perf_counter()
                client.get(target)
                times[limit].append(time.perf_counter() - start)
        small, large = (statistics.median(times[limit]) for limit in (100, 1000))
        print(
            f"{path:<16} {rows[100]:>6} {small * 1000:>8.2f} {rows[1000]:>6} "
            f"{large * 1000:>8.2f} {large / small:>6.2f} {len(times[1000]):>5}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", help="a loaded database (default: a temporary quickstart file)")
    source.add_argument("--cow-trade", type=Path, help="import this COW Trade file first")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    options = parser.parse_args()
    # A bench stopped from outside (timeout, kill) still stops its server: `finally` runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory() as directory:
        url = options.db
        if options.cow_trade is not None:
            url = build(Path(directory), options.cow_trade)
        if url is None:
            url = f"sqlite:///{Path(directory) / 'bench.sqlite'}"
            subprocess.run(
                [str(BIN / "bilateral-db"), "quickstart", "--db", url],
                stdout=subprocess.DEVNULL,
                check=True,
            )
        port = _free_port()
        server = _serve(url, port)
        engine = make_engine(url)
        try:
            print(f"{options.requests} requests per case; concurrency {options.concurrency}")
            header = f"{'case':<8} {'direct p50 ms':>13} {'API p50 ms':>10} {'API p90 ms':>10}"
            print(f"{header} {'p50 ratio':>9} {'API req/s':>9} {'conc. req/s':>11} {'errors':>6}")
            for name, (path, params, direct) in CASES.items():
                direct_times = []
                for _ in range(options.requests):
                    start = time.perf_counter()
                    with Session(engine) as session:
                        direct(session)
                    direct_times.append(time.perf_counter() - start)
                target = f"{path}?{urlencode(params)}" if params else path
                client = Client(port)
                client.get(target)  # warm up
                api_times = []
                for _ in range(options.requests):
                    start = time.perf_counter()
                    if client.get(target) != 200:
                        raise SystemExit(f"{target} failed")
                    api_times.append(time.perf_counter() - start)
                statuses = _concurrently(port, target, options.requests, options.concurrency)
                concurrent_seconds = statuses.pop()
                errors = sum(status != 200 for status in statuses)
                direct_p50 = statistics.median(direct_times)
                api_p50 = statistics.median(api_times)
                print(
                    f"{name:<8} {direct_p50 * 1000:>13.2f} {api_p50 * 1000:>10.2f} "
                    f"{_percentile(api_times, 0.9) * 1000:>10.2f} {api_p50 / direct_p50:>9.2f} "
                    f"{len(api_times) / sum(api_times):>9.0f} "
                    f"{options.requests / concurrent_seconds:>11.0f} {errors:>6}"
                )
            _pages(port, options.requests)
        finally:
            engine.dispose()
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
