"""The models as a data dictionary: every column documented, every fact table registered."""

from __future__ import annotations

from bilateral_db.models import FACT_ENTITIES, Base


def test_every_table_and_column_has_a_comment() -> None:
    missing = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if not column.comment
    ]
    assert missing == []
    assert [t.name for t in Base.metadata.sorted_tables if not t.comment] == []


def test_fact_entities_are_exactly_the_tables_with_a_fact_id() -> None:
    with_fact = {
        table.name
        for table in Base.metadata.sorted_tables
        if "fact_id" in table.columns and table.name != "citation"
    }
    assert with_fact == set(FACT_ENTITIES)


def test_every_foreign_key_and_constraint_is_named_by_convention() -> None:
    for table in Base.metadata.sorted_tables:
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"
