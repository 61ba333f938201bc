"""What a load changed, per table: the CLI renders it, tests assert on it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class EntityChanges:
    """Rows of one table: inserted, updated, unchanged, and those in the database only."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)
    removed: int = 0
    updated_keys: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated)


@dataclass
class LoadResult:
    """The outcome of one load; `removed` rows are the missing ones when pruning."""

    entities: dict[str, EntityChanges]
    dry_run: bool = False
    pruned: bool = False

    @property
    def changed(self) -> bool:
        """Whether the load wrote anything (or would have, in a dry run)."""
        return any(changes.changed or changes.removed for changes in self.entities.values())

    @property
    def missing(self) -> dict[str, list[str]]:
        return {name: c.missing for name, c in self.entities.items() if c.missing}

    def totals(self) -> EntityChanges:
        total = EntityChanges()
        for changes in self.entities.values():
            total.inserted += changes.inserted
            total.updated += changes.updated
            total.unchanged += changes.unchanged
            total.removed += changes.removed
            total.missing.extend(changes.missing)
        return total

    def summary(self) -> str:
        """One line a person reads: what changed, or that nothing did."""
        total = self.totals()
        prefix = "dry run, nothing written: " if self.dry_run else ""
        if not self.changed:
            text = f"{prefix}no changes ({total.unchanged} rows unchanged)"
        else:
            text = (
                f"{prefix}{total.inserted} inserted, {total.updated} updated, "
                f"{total.unchanged} unchanged"
            )
            if total.removed:
                text += f", {total.removed} removed"
        if total.missing and not self.pruned:
            text += f"; {len(total.missing)} rows are in the database only (load with --prune)"
        return text
