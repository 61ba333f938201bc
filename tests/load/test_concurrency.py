"""Two loads cannot interleave: the second waits for the first, or gives up with a message."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import Engine
from support.locks import another_loader

from bilateral_db.load import LoadError, load_fixtures


def test_a_second_load_gives_up_with_a_clear_message(
    small_loaded_url: str, small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    before = snapshot(small_loaded_engine)
    with another_loader(small_loaded_url):
        started = time.monotonic()
        with pytest.raises(LoadError, match="another load is running") as raised:
            load_fixtures(small_loaded_engine, [small_fixtures.path], lock_timeout=0.5)
        waited = time.monotonic() - started
    assert 0.4 < waited < 10, raised.value
    assert snapshot(small_loaded_engine) == before


def test_a_second_load_waits_for_the_first(
    small_loaded_url: str, small_loaded_engine: Engine, small_fixtures: Any
) -> None:
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    with another_loader(small_loaded_url) as release:
        timer = threading.Timer(0.5, release)
        timer.start()
        started = time.monotonic()
        result = load_fixtures(small_loaded_engine, [small_fixtures.path], lock_timeout=30)
        waited = time.monotonic() - started
        timer.join()
    assert waited >= 0.4
    assert result.entities["topic"].updated_keys == ["energy"]


def test_two_real_loads_do_not_interleave(small_loaded_url: str, small_fixtures: Any) -> None:
    """The first load holds the lock while it works; the second cannot start meanwhile."""
    from bilateral_db.db import make_engine

    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    first_engine, second_engine = make_engine(small_loaded_url), make_engine(small_loaded_url)
    working, finish = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def progress(entity: str, done: int, total: int) -> None:
        if entity == "topic" and done:
            working.set()
            finish.wait(30)

    def first() -> None:
        try:
            outcome["first"] = load_fixtures(first_engine, [small_fixtures.path], progress=progress)
        except BaseException as error:  # reported by the assertions below
            outcome["first"] = error

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert working.wait(30)
        with pytest.raises(LoadError, match="another load is running"):
            load_fixtures(second_engine, [small_fixtures.path], lock_timeout=0.3)
    finally:
        finish.set()
        thread.join(30)
    try:
        assert outcome["first"].entities["topic"].updated_keys == ["energy"]
        assert not load_fixtures(second_engine, [small_fixtures.path]).changed
    finally:
        first_engine.dispose()
        second_engine.dispose()
