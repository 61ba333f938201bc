"""What a write that cannot finish raises: nothing was written, and the message says why.

A `WriteError` is the database's refusal (busy, not migrated, a constraint); a `FileError` is
the input's: its problems, each named by file, line and field, for the person to fix. Both
mean the transaction was rolled back. Loaders know `WriteError` as `LoadError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_PROBLEMS = 20  # a file stops collecting after this many: one broken column is enough


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file: where (file, line, field) and what."""

    file: str
    line: int  # 0: the file as a whole
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class WriteError(Exception):
    """The database refused the write (or was busy, or not migrated); nothing was written."""


class FileError(WriteError):
    """The file cannot be written as it is; nothing was written. Its problems say where."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        more = "" if count < MAX_PROBLEMS else f" (stopped after {MAX_PROBLEMS})"
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the file{more}")

    def __str__(self) -> str:
        return "\n".join([self.args[0] + ":", *(str(problem) for problem in self.problems)])
