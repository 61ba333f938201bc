"""A hot standby of the test server, started by scripts/replica-demo, for the replica tests.

The tests start the script itself (not a copy of its steps) so the demo the README names is
the thing tested. `running_replica` yields once the standby accepts read-only connections and
stops it (SIGTERM to the script, which stops the server and deletes its directory) afterwards,
also when the test fails; if the script does not exit, the server is stopped here.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty, Queue

import psycopg

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "replica-demo"
START_TIMEOUT_S = 180.0


class ReplicaUnavailable(RuntimeError):
    """The standby could not be started; the message has the script's own explanation."""


@dataclass
class Replica:
    url: str  # postgresql://user@127.0.0.1:PORT/postgres
    directory: Path
    timings: dict[str, float] = field(default_factory=dict)

    def database_url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        base = self.url.rsplit("/", 1)[0].replace("postgresql://", f"{driver}://", 1)
        return f"{base}/{database}"


def _pump(stream: object, lines: Queue[str | None]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line.rstrip("\n"))
    lines.put(None)


@contextmanager
def running_replica(primary_url: str) -> Iterator[Replica]:
    """A standby of the server at `primary_url` (a libpq URL) for the block's duration."""
    if shutil.which("pg_basebackup") is None:
        raise ReplicaUnavailable("pg_basebackup is not installed (PostgreSQL client programs)")
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--primary", primary_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: Queue[str | None] = Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    replica = Replica(url="", directory=Path())
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not replica.url:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except Empty:
                raise ReplicaUnavailable(f"no standby after {START_TIMEOUT_S:.0f} s") from None
            if line is None:
                process.wait(timeout=60)
                error = process.stderr.read() if process.stderr else ""
                raise ReplicaUnavailable(f"scripts/replica-demo exited: {error.strip()}")
            kind, _, rest = line.partition(" ")
            if kind == "DIR":
                replica.directory = Path(rest)
            elif kind == "TIMING":
                name, seconds = rest.split()
                replica.timings[name] = float(seconds)
            elif kind == "READY":
                replica.url = rest
        yield replica
    finally:
        _stop(process, replica.directory)


def _stop(process: subprocess.Popen[str], directory: Path) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    data = directory / "data"
    if directory != Path() and (data / "postmaster.pid").exists():  # the script was killed
        pg_ctl = Path(os.popen("pg_config --bindir").read().strip()) / "pg_ctl"
        command = [str(pg_ctl), "-D", str(data), "-m", "immediate", "stop"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, capture_output=True, timeout=60)
    if directory != Path():
        shutil.rmtree(directory, ignore_errors=True)


def wait_for_replay(primary_url: str, replica_url: str, timeout: float = 60.0) -> float:
    """Seconds until the standby has replayed everything the primary had written when called."""
    began = time.monotonic()
    with psycopg.connect(primary_url, autocommit=True) as primary:
        target = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]  # type: ignore[index]
    with psycopg.connect(replica_url, autocommit=True) as standby:
        while True:
            caught_up = standby.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]
            ).fetchone()[0]  # type: ignore[index]
            if caught_up:
                return time.monotonic() - began
            if time.monotonic() - began > timeout:
                raise ReplicaUnavailable(
                    f"the standby did not replay up to {target} in {timeout} s"
                )
            time.sleep(0.02)
