"""What the models' metadata says about a release's rows: which tables hold them, and by what key.

Nothing here is typed by hand: a table whose `release_id` is a foreign key to `release` with ON
DELETE CASCADE holds rows that belong to one release (every claim table, coverage, the state
lists); one whose `release_id` does not cascade holds rows a release defines that others may
refer to (blocs, people, posts, regions, product categories), kept and updated by key when the
release is replaced. A row of a release is named by the table's unique key that includes
`release_id` (for a claim table, its claim key with the alternative's number).
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Table, UniqueConstraint

from bilateral_db.models import Base, Release, ReleaseCount, ReleaseFinding

RELEASE_COLUMN = "release_id"
ALTERNATIVE_COLUMN = "alternative"  # a claim table's: 0 for a claim of its own
# The release record's own tables: what the release is (counts, findings), not rows it claims.
RECORD_TABLES = frozenset({ReleaseCount.__tablename__, ReleaseFinding.__tablename__})


def _release_key(table: Table) -> ForeignKey | None:
    column = table.c.get(RELEASE_COLUMN)
    if column is None:
        return None
    return next((fk for fk in column.foreign_keys if fk.column.table is Release.__table__), None)


def owned_by_release(table: Table) -> bool:
    """Whether the table's rows belong to one release and go with it (ON DELETE CASCADE)."""
    key = _release_key(table)
    return key is not None and (key.ondelete or "").upper() == "CASCADE"


def defined_by_release(table: Table) -> bool:
    """Whether a release may define the table's rows, which others then refer to."""
    key = _release_key(table)
    return key is not None and not owned_by_release(table)


def row_key(table: Table) -> tuple[str, ...] | None:
    """The columns naming one row within a release: the table's one unique key (constraint or
    unique index) that includes `release_id`; None where there is none (coverage)."""
    keys = [
        tuple(column.name for column in unique.columns)
        for unique in [*table.constraints, *table.indexes]
        if (isinstance(unique, UniqueConstraint) or (isinstance(unique, Index) and unique.unique))
        and RELEASE_COLUMN in unique.columns
    ]
    if len(keys) > 1:
        raise ValueError(f"{table.name} has {len(keys)} unique keys with {RELEASE_COLUMN}")
    return keys[0] if keys else None


def _dependents_first(tables: list[Table]) -> tuple[str, ...]:
    order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
    return tuple(sorted((t.name for t in tables), key=lambda name: -order[name]))


# Tables whose rows belong to one release and are replaced with it, dependents first.
RELEASE_ROWS: tuple[str, ...] = _dependents_first(
    [
        table
        for table in Base.metadata.tables.values()
        if owned_by_release(table) and table.name not in RECORD_TABLES
    ]
)
# Tables whose rows a release may define (others refer to them): kept and updated by key.
RELEASE_DEFINED: tuple[str, ...] = _dependents_first(
    [table for table in Base.metadata.tables.values() if defined_by_release(table)]
)
