"""The HTTP API against the report functions it serves, as ratios measured in one run.

    .venv/bin/python bench/bench_api.py [--db URL] [--requests 300] [--concurrency 16]

Serves the database (a temporary quickstart SQLite file unless --db names a loaded one, e.g.
one with COW trade imported) with `bilateral-db serve` on a free loopback port, one worker,
then for the members and trade endpoints measures: the report function called directly (a
session per call, as the API opens one per request); the same question over HTTP, one request
at a time on a kept-alive connection (p50, p90, requests per second); and `--concurrency`
clients at once (requests per second, errors). Every loop is bounded; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
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
        self.connection.request("GET", target)
        response = self.connection.getresponse()
        response.read()
        return response.status


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a loaded database (default: a temporary quickstart file)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = options.db
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
        finally:
            engine.dispose()
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
