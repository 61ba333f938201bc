"""Writers at once: 8 on PostgreSQL, 4 on one SQLite file, as real processes, first with the
same input and then with different ones. Each finishes or fails with a clear message, none
deadlocks, the final state is one writer's; readers meanwhile see one state or the other,
never a mix.

A round runs one group of writers (support.writers), its processes dealt round-robin over
the group: `load` alone, then the four bulk importers together (two processes each on
PostgreSQL, one each on SQLite: every importer's a and b contend for the one lock at once).
BILATERAL_FAULT_SCALE > 1 also runs each importer alone, with that many times more writers.
Each writer sets the database to its states and names the final one itself.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from pathlib import Path

import pytest
from support.faults import SCALE, leftovers, start
from support.writers import IMPORT_WRITERS, LOAD, Writer

from bilateral_db.db import make_engine, read_snapshot

WRITERS_AT_ONCE = {"postgresql": 8, "sqlite": 4}
ROWS = 1000

# One worker runs the heavy suites one at a time (tests/support/alone.py).
pytestmark = [pytest.mark.fault, pytest.mark.slow, pytest.mark.xdist_group("heavy")]

GROUPS: list[tuple[str, list[Writer]]] = [("load", [LOAD]), ("importers", IMPORT_WRITERS)]
if SCALE > 1:
    GROUPS += [(writer.name, [writer]) for writer in IMPORT_WRITERS]


def _signature(url: str, writers: list[Writer]) -> tuple[Hashable, ...]:
    """What each writer's reader sees, all in one snapshot."""
    engine = make_engine(url, read_only=True)
    try:
        with read_snapshot(engine) as connection:
            return tuple(writer.signature(connection) for writer in writers)
    finally:
        engine.dispose()


class Readers:
    """Read the signature in a loop until stopped, keeping every distinct answer."""

    def __init__(self, url: str, writers: list[Writer]) -> None:
        self.url = url
        self.writers = writers
        self.seen: set[tuple[Hashable, ...]] = set()
        self.reads = 0
        self.errors: list[BaseException] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                self.seen.add(_signature(self.url, self.writers))
                self.reads += 1
            except BaseException as error:  # reported by the test
                self.errors.append(error)
                return

    def __enter__(self) -> Readers:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join(120)


def _with_options(argv: list[str], options: tuple[str, ...]) -> list[str]:
    """argv with each (name, value) of `options` set: replaced where given (options are given
    once), else added."""
    argv = list(argv)
    for name, value in zip(options[::2], options[1::2], strict=True):
        if name in argv:
            argv[argv.index(name) + 1] = value
        else:
            argv += [name, value]
    return argv


def _run_together(
    jobs: list[tuple[Writer, Path]], url: str, impatient: bool
) -> list[tuple[int, str]]:
    processes = [
        start(_with_options(w.argv(path, url), w.impatient if impatient else ()))
        for w, path in jobs
    ]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=600)  # a deadlock would end here, loudly
        outcomes.append((process.returncode, out.decode() + err.decode()))
    return outcomes


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g[0])
def test_writers_at_once_end_in_one_writers_state(
    group: tuple[str, list[Writer]],
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    name, writers = group
    (database,) = {writer.database for writer in writers}
    url = request.getfixturevalue(database)
    count = WRITERS_AT_ONCE[backend] * SCALE
    inputs = {w.name: w.inputs(tmp_path / w.name, ROWS) for w in writers}
    engine = make_engine(url)
    try:
        # A round trip first: what an import adds for good (Comtrade's product categories)
        # is counted in the first import's record alone, so states are taken after it.
        for w in writers:
            w.write(engine, inputs[w.name][1])
            w.write(engine, inputs[w.name][0])
        for w in writers:
            w.write(engine, inputs[w.name][1])
        state_b = _signature(url, writers)
        for w in writers:
            w.write(engine, inputs[w.name][0])
        state_a = _signature(url, writers)
        states = [{x, y} for x, y in zip(state_a, state_b, strict=True)]
        assert all(len(pair) == 2 for pair in states)

        # Process i is writer i mod len(writers); "mixed" gives each writer both inputs
        # where it has two processes, and half the writers a where each has one.
        dealt = [writers[i % len(writers)] for i in range(count)]
        same = [(w, inputs[w.name][1]) for w in dealt]
        mixed = [(w, inputs[w.name][(i + i // len(writers)) % 2]) for i, w in enumerate(dealt)]
        rounds = [(same, False), (mixed, False)]
        if all(w.impatient for w in writers):  # the same, giving up at once: some refused
            rounds.append((mixed, True))
        for jobs, impatient in rounds:
            with Readers(url, writers) as readers:
                outcomes = _run_together(jobs, url, impatient)
            for code, output in outcomes:
                assert "Traceback" not in output
                assert code == 0 or "another load is running" in output, output
            assert any(code == 0 for code, _ in outcomes)
            assert readers.errors == []
            assert readers.reads > 0
            for seen in readers.seen:  # each writer's part is its a or its b, never a mix
                for part, pair in zip(seen, states, strict=True):
                    assert part in pair, (part, pair)
            for w in writers:
                a, b = inputs[w.name]
                final = [path for path in (a, b) if w.holds(engine, path)]
                assert len(final) == 1, f"{w.name}: the final state is not one writer's"
            assert leftovers(url) == []
            print(
                f"{backend} {name}: {count} writers{' (--wait 0)' if impatient else ''}, "
                f"{sum(code == 0 for code, _ in outcomes)} finished, "
                f"{sum(code != 0 for code, _ in outcomes)} refused; "
                f"{readers.reads} reads saw {len(readers.seen)} states"
            )
    finally:
        engine.dispose()
