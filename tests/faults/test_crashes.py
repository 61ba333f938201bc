"""SIGKILL real writing processes at random moments: the database is exactly the old state or
exactly the new one, nothing is left locked or open, and the next write succeeds.

Each writer of support.writers moves the database between two valid states a and b; every
kill interrupts one such move. The old state is checked byte for byte (a canonical dump);
the new one by the writer itself (a dry run of the same input finds nothing to change) and by
its row counts, since serial ids of rows written again differ.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from support.faults import SCALE, canonical_dump, kill, leftovers, start
from support.writers import WRITERS, Writer

from bilateral_db.db import make_engine
from bilateral_db.fixtures import read_fixture_set
from bilateral_db.load import load_fixture_set

KILLS = 20 * SCALE  # per writer and backend
ROWS = 2000  # synthetic trade rows in input b: the write phase lasts about a second

pytestmark = [pytest.mark.fault, pytest.mark.slow]


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


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_sigkill_at_random_moments_leaves_old_or_new(
    writer: Writer, fresh_migrated_url: str, tmp_path: Path
) -> None:
    url = fresh_migrated_url
    a, b = writer.inputs(tmp_path, ROWS)
    sets = {a: read_fixture_set([a]), b: read_fixture_set([b])}
    engine = make_engine(url)
    rng = random.Random(20191)  # reproducible moments; SCALE runs more of them
    try:
        load_fixture_set(engine, sets[b], prune=True)
        counts = {b: _counts(canonical_dump(engine))}
        load_fixture_set(engine, sets[a], prune=True)
        counts[a] = _counts(canonical_dump(engine))

        # How long one whole run takes, start-up included: kills are spread over it.
        started = time.monotonic()
        process = start(writer.argv(b, url))
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
        whole = time.monotonic() - started
        load_fixture_set(engine, sets[a], prune=True)

        source, target = a, b
        survived = {"old": 0, "new": 0}
        for number in range(KILLS):
            before = canonical_dump(engine)
            process = start(writer.argv(target, url))
            time.sleep(rng.uniform(0.4 * whole, whole))  # start-up is the first ~half
            kill(process)
            assert leftovers(url) == [], f"kill {number}"
            after = canonical_dump(engine)
            if after == before:
                survived["old"] += 1
            else:
                assert _counts(after) == counts[target], f"kill {number}: neither old nor new"
                check = load_fixture_set(engine, sets[target], prune=True, dry_run=True)
                assert not check.changed, f"kill {number}: neither old nor new"
                survived["new"] += 1
                source, target = target, source
            if number % 5 == 4:  # the next write succeeds (and moves on)
                result = load_fixture_set(engine, sets[target], prune=True)
                assert result.changed
                source, target = target, source
        print(f"{writer.name}: {KILLS} kills survived: {survived}")
        assert sum(survived.values()) == KILLS
        final = load_fixture_set(engine, sets[target], prune=True)
        assert final.changed and not load_fixture_set(engine, sets[target], prune=True).changed
    finally:
        engine.dispose()
