"""Prunes that need a person's yes: deleting every row of a table, or more than a share of it.

An empty trade_figures.csv loaded with --prune would delete every trade row; that is almost
always a mistake in the files, not an intention. The CLI asks first (a dry run tells what
would go); the real load then refuses to delete more than was agreed to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bilateral_db.load.errors import LoadError
from bilateral_db.load.result import LoadResult

PRUNE_SHARE = 0.5  # a prune removing more than this share of a table's rows asks first


@dataclass(frozen=True)
class LargePrune:
    """One table a prune would empty, or shrink by more than the share."""

    entity: str
    removed: int
    rows_before: int

    @property
    def everything(self) -> bool:
        return self.removed == self.rows_before

    def __str__(self) -> str:
        if self.everything:
            return f"{self.entity}: all {self.rows_before} rows"
        return f"{self.entity}: {self.removed} of {self.rows_before} rows"


def large_prunes(result: LoadResult, share: float = PRUNE_SHARE) -> list[LargePrune]:
    """Tables whose rows the (dry-run) load removes entirely or by more than `share`."""
    found = []
    for entity, changes in result.entities.items():
        before = changes.unchanged + changes.updated + len(changes.missing)
        if changes.removed and (changes.removed == before or changes.removed > share * before):
            found.append(LargePrune(entity, changes.removed, before))
    return found


def removals_at_most(agreed: Mapping[str, int]) -> Callable[[LoadResult], None]:
    """A check for load_fixture_set: refuse (roll back) a load removing more than agreed."""

    def check(result: LoadResult) -> None:
        over = [
            f"{entity} ({changes.removed} rows, agreed to {agreed.get(entity, 0)})"
            for entity, changes in result.entities.items()
            if changes.removed > agreed.get(entity, 0)
        ]
        if over:
            raise LoadError(
                "the database changed since the prune was agreed to; it would now remove "
                f"more: {', '.join(over)}. Nothing was written; run the load again."
            )

    return check
