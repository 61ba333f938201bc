"""When the panels are rebuilt: by the writer that changed their inputs, once for a run of
writers (quickstart), and also when a later step of that run fails."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from bilateral_db import panels
from bilateral_db.imports import bundled_path, import_dataset

COUNT = "SELECT COUNT(*) FROM panel_country_year WHERE system = 'cow'"


def _rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(COUNT)).scalar_one())


def test_an_import_builds_the_rows_of_its_list(curated_engine: Engine) -> None:
    assert _rows(curated_engine) == 0
    import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
    # COW v2016: 243 spells of states, one row per state and year, to this year.
    assert _rows(curated_engine) > 15_000


def test_a_deferred_run_rebuilds_once_at_its_end(curated_engine: Engine) -> None:
    with panels.deferred(curated_engine):
        import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
        assert _rows(curated_engine) == 0  # left to the end of the run
    assert _rows(curated_engine) > 15_000


def test_a_failed_run_still_rebuilds_what_its_writers_committed(curated_engine: Engine) -> None:
    with pytest.raises(RuntimeError, match="a later step"), panels.deferred(curated_engine):
        import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
        raise RuntimeError("a later step failed")
    assert _rows(curated_engine) > 15_000
