"""SIGKILL real writing processes at random moments: the database is exactly the old state or
exactly the new one, nothing is left locked or open, and the next write succeeds.

Each writer of support.writers (load and every bulk importer) moves the database between two
valid states a and b; every kill interrupts one such move. The old state is checked byte for
byte (a canonical dump); the new one by the writer itself (Writer.holds: a dry run of the same
input finds nothing to change, or the release holds the input's file) and by its row counts,
since serial ids of rows written again differ. An importer's transaction is short beside
its start-up, so every other kill of an importer waits until it is inside it (holding the
lock, or with a journal open) and falls a random moment later.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from support.faults import SCALE, Watch, canonical_dump, kill, leftovers, start
from support.writers import WRITERS, Writer

from bilateral_db.db import make_engine

ROWS = 2000  # synthetic trade rows in load's input b: the write phase lasts about a second

# One worker runs the heavy suites one at a time (tests/support/alone.py).
pytestmark = [pytest.mark.fault, pytest.mark.slow, pytest.mark.xdist_group("heavy")]


def _counts(dump: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    table = ""
    for line in dump.splitlines():
        if line.startswith("-- "):
            table = line[3:]
            counts[table] = 0
        else:
            counts[table] += 1
    return counts


def _run(writer: Writer, path: Path, url: str) -> float:
    """Run the writer to the end as a real process; how long it took, start-up included."""
    started = time.monotonic()
    process = start(writer.argv(path, url))
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, (out + err).decode()
    return time.monotonic() - started


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_sigkill_at_random_moments_leaves_old_or_new(
    writer: Writer, backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = request.getfixturevalue(writer.database)  # on `backend`, which parametrizes it
    kills = writer.kills * SCALE
    a, b = writer.inputs(tmp_path, ROWS)
    engine = make_engine(url)
    watch = Watch(url)
    rng = random.Random(20191)  # reproducible moments; SCALE runs more of them
    try:
        # A round trip first: what an import adds for good (Comtrade's product categories)
        # is counted in the first import's record alone, so states are taken after it.
        writer.write(engine, b)
        writer.write(engine, a)
        writer.write(engine, b)
        counts = {b: _counts(canonical_dump(engine))}
        writer.write(engine, a)
        counts[a] = _counts(canonical_dump(engine))
        assert counts[a] != counts[b]

        whole = _run(writer, b, url)  # kills are spread over one whole run
        writer.write(engine, a)
        low, high = writer.window

        source, target = a, b
        survived = {"old": 0, "new": 0}
        during = 0  # kills that found the writer inside its transaction
        for number in range(kills):
            before = canonical_dump(engine)
            process = start(writer.argv(target, url))
            if number % 2 and writer.aimed:  # a moment inside the transaction, found by looking
                watch.until_writing(process, 2 * whole)
                time.sleep(rng.uniform(0, writer.aimed))
            else:  # a moment of the whole run
                time.sleep(rng.uniform(low * whole, high * whole))
            during += watch.writing()
            kill(process)
            assert leftovers(url) == [], f"kill {number}"
            after = canonical_dump(engine)
            if after == before:
                survived["old"] += 1
            else:
                assert _counts(after) == counts[target], f"kill {number}: neither old nor new"
                assert writer.holds(engine, target), f"kill {number}: neither old nor new"
                survived["new"] += 1
                source, target = target, source
            if number % 5 == 4:  # the next write succeeds (and moves on)
                writer.write(engine, target)
                assert writer.holds(engine, target)
                source, target = target, source
        print(f"{writer.name}: {kills} kills survived: {survived}, {during} inside the write")
        assert sum(survived.values()) == kills
        writer.write(engine, target)  # and after all that, the next write works
        assert writer.holds(engine, target) and _counts(canonical_dump(engine)) == counts[target]
    finally:
        watch.close()
        engine.dispose()
