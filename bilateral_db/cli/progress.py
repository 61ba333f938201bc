"""One progress bar for every long command: load, export, and the bulk importers.

The bar is drawn on stderr (stdout stays clean for pipes), only on a terminal, and only once the
work has run for `DELAY` seconds, so quick commands print nothing extra. Library code reports
progress through a plain callback and never imports rich.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DELAY = 0.5  # seconds before a bar appears


class ProgressBar:
    """`update(done, total, description)` from any loop; shown when the work turns out slow."""

    def __init__(self, description: str, *, total: int | None, unit: str, enabled: bool) -> None:
        self.description = description
        self.total = total
        self.unit = unit
        self.enabled = enabled
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def update(self, done: int, total: int | None = None, description: str | None = None) -> None:
        if total is not None:
            self.total = total
        if description is not None:
            self.description = description
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self.started < DELAY:
                return
            self._start()
        self._bar.update(self._task, completed=done, total=self.total, description=self.description)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(self.unit),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(self.description, total=self.total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@contextmanager
def progress_bar(
    description: str, *, total: int | None = None, unit: str = "rows"
) -> Iterator[ProgressBar]:
    """A bar for the block; `bar.update(done, total, description)` as work proceeds."""
    bar = ProgressBar(description, total=total, unit=unit, enabled=sys.stderr.isatty())
    try:
        yield bar
    finally:
        bar.close()
