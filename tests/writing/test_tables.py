"""The lists of release tables and their keys agree with what the models declare."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint

from bilateral_db.models import Base
from bilateral_db.models.base import Claim
from bilateral_db.writing.tables import (
    RECORD_TABLES,
    RELEASE_DEFINED,
    RELEASE_ROWS,
    defined_by_release,
    owned_by_release,
    row_key,
)

TABLES = Base.metadata.tables
CLAIM_TABLES = {
    mapper.local_table.name for mapper in Base.registry.mappers if issubclass(mapper.class_, Claim)
}


def _references(name: str) -> set[str]:
    """Tables with a foreign key to `name` (other than the table itself)."""
    return {
        table.name
        for table in TABLES.values()
        if table.name != name and any(fk.column.table.name == name for fk in table.foreign_keys)
    }


def test_release_rows_are_the_claim_tables_and_the_rows_a_release_owns() -> None:
    assert CLAIM_TABLES  # every claim kind there is
    assert set(RELEASE_ROWS) >= CLAIM_TABLES
    for name in set(RELEASE_ROWS) - CLAIM_TABLES:  # coverage, the state lists
        assert owned_by_release(TABLES[name]) and "alternative" not in TABLES[name].c
    # Nothing else goes with a release but its own record (counts and findings).
    owned = {t.name for t in TABLES.values() if owned_by_release(t)}
    assert owned - set(RELEASE_ROWS) == RECORD_TABLES
    assert len(RELEASE_ROWS) == len(set(RELEASE_ROWS))


def test_release_rows_come_before_what_they_refer_to() -> None:
    order = {name: index for index, name in enumerate(RELEASE_ROWS)}
    for name in RELEASE_ROWS:
        for fk in TABLES[name].foreign_keys:
            referred = fk.column.table.name
            if referred in order and referred != name:
                assert order[name] < order[referred], (name, referred)


def test_rows_a_release_defines_are_the_ones_others_refer_to() -> None:
    """Blocs, bodies, people, posts, regions, product categories: a release may define them and
    other releases' rows (or the posts those rows hold) refer to them, so they are kept and
    updated by key rather than deleted with the release."""
    assert set(RELEASE_DEFINED) == {"bloc", "body", "person", "post", "region", "product_category"}
    for name in RELEASE_DEFINED:
        assert defined_by_release(TABLES[name]) and not owned_by_release(TABLES[name])
        referring = _references(name)
        if "actor" in referring:  # rows name a region (or a bloc) through its actor
            referring |= _references("actor")
        assert referring & {*RELEASE_ROWS, *RELEASE_DEFINED}, name


def test_a_claim_table_is_keyed_by_its_claim_key() -> None:
    for name in CLAIM_TABLES:
        table = TABLES[name]
        (claim,) = [
            c
            for c in table.constraints
            if isinstance(c, UniqueConstraint) and c.name == f"uq_{name}_claim"
        ]
        key = row_key(table)
        assert key == tuple(column.name for column in claim.columns)
        assert key is not None and key[-2:] == ("release_id", "alternative")


def test_a_table_without_a_key_within_a_release_is_replaced() -> None:
    assert row_key(TABLES["coverage"]) is None
    assert row_key(TABLES["system_membership"]) == ("release_id", "system", "code", "start_date")
