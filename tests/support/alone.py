"""Tests that run alone, and suites that run one at a time, when xdist runs tests in parallel.

A test marked `serial` runs while no other test of the run is running: the hot standby copies
and replays the whole server, and a test that measures time or takes a server-wide lock must
not share the machine or the server with other tests. Every test holds the run's lock file
shared from the start of its setup to the end of its teardown; a serial test holds it
exclusively, so it starts once the tests running on other workers have ended and none starts
until it is over (the lock prefers the writer: tests that ask meanwhile queue behind it).

Serial tests join the xdist group HEAVY: the suites that start many processes at once and
time what they do (the crash and concurrent-writer suites, `pytest.mark.xdist_group("heavy")`).
One worker runs that group's tests one after another, serial ones first, while the other
workers share out the rest; so two heavy suites never overlap, and a serial test never waits
for a heavy one to end. The lock is kept from one serial test to the next, so a module fixture
such as the standby stays alone from its first test's setup to its last test's teardown.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest
from filelock import ReadWriteLock

from support.databases import run_directory

SERIAL = "serial"  # the marker
HEAVY = "heavy"  # the xdist group of serial tests and of suites that must not overlap


def _is_serial(item: pytest.Item | None) -> bool:
    return item is not None and item.get_closest_marker(SERIAL) is not None


def join_group(item: pytest.Item) -> None:
    """Put a serial test in the HEAVY group (before xdist reads the groups)."""
    if _is_serial(item) and item.get_closest_marker("xdist_group") is None:
        item.add_marker(pytest.mark.xdist_group(HEAVY))


def grouping_lost(config: pytest.Config, items: list[pytest.Item]) -> str | None:
    """Whether xdist was asked to group tests and did not: pytest-xdist marks a grouped test
    by appending `@group` to its node id, which a pytest release that changes node ids
    silently undoes (then heavy suites overlap and serial tests scatter over the workers)."""
    if not (hasattr(config, "workerinput") and config.getvalue("loadgroup")):
        return None
    lost = [
        item.nodeid
        for item in items
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid.rsplit("]", 1)[-1]
    ]
    if not lost:
        return None
    return (
        f"pytest-xdist did not put {len(lost)} tests in their xdist_group (e.g. {lost[0]}): "
        "this pytest and pytest-xdist do not work together (see pyproject.toml)"
    )


def order(items: list[pytest.Item]) -> None:
    """Serial tests first, then grouped ones, then the rest; a stable sort, so what pytest
    ordered before (tests of one backend together, a module's tests together) stays so."""

    def rank(item: pytest.Item) -> int:
        if _is_serial(item):
            return 0
        return 1 if item.get_closest_marker("xdist_group") else 2

    items.sort(key=rank)


class RunLock:
    """The run's lock file: shared by every running test, exclusive for a serial one."""

    def __init__(self, path: Path) -> None:
        self.lock = ReadWriteLock(path)
        self.exclusive = False

    def enter(self, item: pytest.Item) -> None:
        if not _is_serial(item):
            self.lock.acquire_read()
        elif not self.exclusive:
            self.lock.acquire_write()
            self.exclusive = True

    def leave(self, nextitem: pytest.Item | None) -> None:
        """Release after a test, except between two serial tests."""
        if self.exclusive and _is_serial(nextitem):
            return
        self.lock.release()
        self.exclusive = False


class Alone:
    """The plugin (tests/conftest.py registers it): groups, orders, and runs serial tests
    alone."""

    def __init__(self) -> None:
        self.lock: RunLock | None = None
        self.problem: str | None = None

    def pytest_itemcollected(self, item: pytest.Item) -> None:
        join_group(item)  # before xdist reads the groups, in its own modifyitems

    @pytest.hookimpl(trylast=True)  # after pytest has put each backend's tests together
    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        self.problem = grouping_lost(config, items)
        order(items)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if self.problem and item.get_closest_marker("xdist_group"):
            pytest.fail(self.problem, pytrace=False)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(
        self, item: pytest.Item, nextitem: pytest.Item | None
    ) -> Generator[None, object, object]:
        """Hold the run's lock from a test's setup to its teardown, in xdist workers."""
        if not hasattr(item.config, "workerinput"):  # one process: nothing runs beside it
            return (yield)
        if self.lock is None:
            run_dir = run_directory(item.config._tmp_path_factory)  # type: ignore[attr-defined]
            self.lock = RunLock(run_dir / "run.lock")
        self.lock.enter(item)
        try:
            return (yield)
        finally:
            self.lock.leave(nextitem)
