"""What the models' metadata says about each table, read once so nothing restates it.

Foreign keys (references and self-references), candidate natural keys (unique constraints,
unique indexes, a primary key that is not the surrogate `id`), claims and facts, closed
intervals and unique values. The fixture descriptions (bilateral_db.fixtures.entities) and the
loader build on these; tests/models/test_catalog.py holds them to the models.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import CheckConstraint, ForeignKeyConstraint, Table, UniqueConstraint

from bilateral_db.models import Base

# Columns every claim carries (models.base.Claim); its natural key is its unique constraint
# without them.
CLAIM_COLUMNS = ("release_id", "alternative")
# A closed interval's CHECK, as models.base.interval_checks writes it.
_INTERVAL = re.compile(r"(\w+) IS NULL OR (\w+) IS NULL OR \1 >= \2")

Key = tuple[str, ...]


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def foreign_keys(name: str) -> dict[str, str]:
    """Single-column foreign keys: column -> the table it refers to."""
    return {
        constraint.column_keys[0]: constraint.referred_table.name
        for constraint in _foreign_key_constraints(name)
        if len(constraint.column_keys) == 1
    }


def composite_foreign_key_columns(name: str) -> dict[str, ForeignKeyConstraint]:
    """Columns that are part of a foreign key over several columns, with that key."""
    return {
        column: constraint
        for constraint in _foreign_key_constraints(name)
        if len(constraint.column_keys) > 1
        for column in constraint.column_keys
    }


def self_references(name: str) -> tuple[str, ...]:
    """Columns referring to rows of the same table (a parent meeting, the claim an alternative
    stands beside)."""
    return tuple(column for column, target in foreign_keys(name).items() if target == name)


def is_claim(name: str) -> bool:
    """Whether rows are claims of a release, with numbered alternatives (models.base.Claim)."""
    return "alternative_of_id" in table(name).c


def is_fact(name: str) -> bool:
    """Whether each row states a fact of its own, cited through `fact_id`."""
    column = table(name).c.get("fact_id")
    return column is not None and bool(column.unique)


def candidate_keys(name: str) -> list[Key]:
    """Column sets the database keeps unique, surrogate ids and fact ids aside; a claim's
    without the release and the alternative's number that complete it."""
    t = table(name)
    keys: list[Key] = []
    primary = tuple(column.name for column in t.primary_key.columns)
    if primary != ("id",):
        keys.append(primary)
    keys.extend(
        tuple(column.name for column in constraint.columns)
        for constraint in t.constraints
        if isinstance(constraint, UniqueConstraint)
    )
    keys.extend(
        tuple(column.name for column in index.columns) for index in t.indexes if index.unique
    )
    if is_claim(name):
        return [
            key[: -len(CLAIM_COLUMNS)]
            for key in keys
            if key[-len(CLAIM_COLUMNS) :] == CLAIM_COLUMNS
        ]
    keys = [key for key in keys if "id" not in key and "fact_id" not in key]
    # A key with the release beside a natural one (a meeting's slug) is how the writing layer
    # names a release's rows, not another natural key.
    natural = [key for key in keys if CLAIM_COLUMNS[0] not in key]
    return natural or keys


def partial_unique_indexes(name: str) -> dict[Key, str]:
    """Unique indexes that hold only where a condition does: columns -> the condition."""
    found: dict[Key, str] = {}
    for index in table(name).indexes:
        where = index.dialect_options["sqlite"].get("where")
        if index.unique and where is not None:
            found[tuple(column.name for column in index.columns)] = str(where)
    return found


def unique_columns(name: str) -> tuple[str, ...]:
    """Columns unique on their own (wikidata ids, COW IGO codes, the bloc an agreement founds)."""
    return tuple(key[0] for key in candidate_keys(name) if len(key) == 1)


def intervals(name: str) -> tuple[tuple[str, str], ...]:
    """(start, end) of each closed interval whose end the database keeps from preceding it."""
    found = []
    for check in _checks(name):
        match = _INTERVAL.fullmatch(str(check.sqltext))
        if match:
            found.append((match.group(2), match.group(1)))
    return tuple(sorted(found))


def checks_naming(name: str, column: str) -> list[str]:
    """The text of every CHECK of the table that names `column`."""
    pattern = re.compile(rf"\b{re.escape(column)}\b")
    return [str(check.sqltext) for check in _checks(name) if pattern.search(str(check.sqltext))]


def load_order(names: Sequence[str], refers_to: Callable[[str], Iterable[str]]) -> tuple[str, ...]:
    """`names` so that each comes after the tables it refers to (self-references aside).

    Among the tables that may come next, the one listed first in `names` does: the order is
    the listed one wherever the references allow it.
    """
    waiting = {name: {t for t in refers_to(name) if t != name and t in names} for name in names}
    order: list[str] = []
    while waiting:
        ready = [name for name in names if name in waiting and not waiting[name] - set(order)]
        if not ready:
            raise ValueError(f"the references between {sorted(waiting)} form a cycle")
        order.append(ready[0])
        del waiting[ready[0]]
    return tuple(order)


def _foreign_key_constraints(name: str) -> list[ForeignKeyConstraint]:
    return sorted(
        (c for c in table(name).constraints if isinstance(c, ForeignKeyConstraint)),
        key=lambda constraint: [table(name).c.keys().index(c) for c in constraint.column_keys],
    )


def _checks(name: str) -> list[CheckConstraint]:
    return [c for c in table(name).constraints if isinstance(c, CheckConstraint)]
