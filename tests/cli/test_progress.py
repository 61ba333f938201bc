"""The shared progress bar: silent for quick work and off a terminal, drawn once work is slow."""

from __future__ import annotations

import pytest

from bilateral_db.cli import progress


def test_quick_work_draws_nothing() -> None:
    bar = progress.ProgressBar("loading", total=10, unit="rows", enabled=True)
    bar.update(5)
    assert bar._bar is None
    bar.close()


def test_slow_work_gets_a_bar_with_the_latest_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    bar = progress.ProgressBar("reading", total=None, unit="rows", enabled=True)
    bar.update(3, 10, "country")
    try:
        task = bar._bar.tasks[0]
        assert (task.description, task.completed, task.total) == ("country", 3, 10)
    finally:
        bar.close()


def test_no_terminal_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    with progress.progress_bar("exporting") as bar:  # stderr is captured: not a terminal
        bar.update(1000)
        assert bar._bar is None
