"""Writers at once: 8 on PostgreSQL, 4 on one SQLite file, as real processes, first with the
same input and then with different ones. Each finishes or fails with a clear message, none
deadlocks, the final state is one writer's; readers meanwhile see one state or the other,
never a mix."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from support.faults import SCALE, leftovers, start
from support.writers import WRITERS, Writer

from bilateral_db.db import make_engine, read_snapshot
from bilateral_db.fixtures import read_fixture_set
from bilateral_db.load import load_fixture_set

WRITERS_AT_ONCE = {"postgresql": 8, "sqlite": 4}
ROWS = 1000

pytestmark = [pytest.mark.fault, pytest.mark.slow]


def _signature(url: str) -> tuple[tuple[str, ...], int]:
    """Two statements in one snapshot: the topic names and the number of trade figures."""
    engine = make_engine(url, read_only=True)
    try:
        with read_snapshot(engine) as session:
            names = tuple(session.execute(text("SELECT name FROM topic ORDER BY name")).scalars())
            count = session.execute(text("SELECT count(*) FROM trade_figure")).scalar_one()
        return names, int(count)
    finally:
        engine.dispose()


class Readers:
    """Read the signature in a loop until stopped, keeping every distinct answer."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.seen: set[tuple[tuple[str, ...], int]] = set()
        self.reads = 0
        self.errors: list[BaseException] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                self.seen.add(_signature(self.url))
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
    writer: Writer, inputs: list[Path], url: str, extra: tuple[str, ...] = ()
) -> list[tuple[int, str]]:
    processes = [start(_with_options(writer.argv(path, url), extra)) for path in inputs]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=600)  # a deadlock would end here, loudly
        outcomes.append((process.returncode, out.decode() + err.decode()))
    return outcomes


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_writers_at_once_end_in_one_writers_state(
    writer: Writer, backend: str, fresh_migrated_url: str, tmp_path: Path
) -> None:
    url = fresh_migrated_url
    count = WRITERS_AT_ONCE[backend] * SCALE
    a, b = writer.inputs(tmp_path, ROWS)
    sets = {a: read_fixture_set([a]), b: read_fixture_set([b])}
    engine = make_engine(url)
    try:
        load_fixture_set(engine, sets[b], prune=True)
        state_b = _signature(url)
        load_fixture_set(engine, sets[a], prune=True)
        state_a = _signature(url)
        assert state_a != state_b

        mixed = [a if i % 2 else b for i in range(count)]
        rounds = [([b] * count, ()), (mixed, ())]
        if writer.impatient:  # the same, giving up at once: some are refused, clearly
            rounds.append((mixed, writer.impatient))
        for round_inputs, extra in rounds:
            with Readers(url) as readers:
                outcomes = _run_together(writer, round_inputs, url, extra)
            for code, output in outcomes:
                assert "Traceback" not in output
                assert code == 0 or "another load is running" in output, output
            assert any(code == 0 for code, _ in outcomes)
            assert readers.errors == []
            assert readers.reads > 0
            assert readers.seen <= {state_a, state_b}, readers.seen
            final = [
                p
                for p in (a, b)
                if not load_fixture_set(engine, sets[p], prune=True, dry_run=True).changed
            ]
            assert len(final) == 1, "the final state is not one writer's"
            assert leftovers(url) == []
            print(
                f"{backend} {writer.name}: {count} writers, "
                f"{sum(code == 0 for code, _ in outcomes)} finished, "
                f"{sum(code != 0 for code, _ in outcomes)} refused; "
                f"{readers.reads} reads saw {len(readers.seen)} states"
            )
    finally:
        engine.dispose()
