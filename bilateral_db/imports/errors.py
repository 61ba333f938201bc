"""Problems in a data-set file, named by file, line and column, for the researcher to fix."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PROBLEMS = 20  # an import stops collecting after this many: one broken column is enough


@dataclass(frozen=True)
class ImportProblem:
    file: str
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ImportFileError(Exception):
    """The file cannot be imported as it is; nothing was written."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        count = len(problems)
        more = "" if count < MAX_PROBLEMS else f" (stopped after {MAX_PROBLEMS})"
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the file{more}")

    def __str__(self) -> str:
        return "\n".join([self.args[0] + ":", *(str(problem) for problem in self.problems)])
