"""How each table is written: its identity, the columns a load never updates, self-references.

All of it is read from the models' metadata (and the natural keys of the catalog):
tests/load/test_tables.py proves on both backends what each rule relies on.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Column, Select, Table, or_, select

from bilateral_db.fixtures.catalog import CATALOG
from bilateral_db.fixtures.keys import CLAIM_ENTITIES, ENTITY_ORDER, KEY_COLUMNS, REFERENCES
from bilateral_db.fixtures.vocabulary import SEEDED
from bilateral_db.models import CURATED_RELEASE_ID, Base
from bilateral_db.models import catalog as schema

TABLES: dict[str, Table] = {name: Base.metadata.tables[name] for name in ENTITY_ORDER}
# The open vocabularies' tables, and the (table, column) of every row using each one.
TERM_TABLES: dict[str, Table] = {name: Base.metadata.tables[name] for name in SEEDED}
TERM_USES: dict[str, list[tuple[str, Column[Any]]]] = {
    name: [
        (table.name, column)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if any(key.column.table.name == name for key in column.foreign_keys)
    ]
    for name in SEEDED
}
FACT = Base.metadata.tables["fact"]
CITATION = Base.metadata.tables["citation"]

# Columns that identify a row within its table (what other tables' foreign keys hold).
IDENTITY: dict[str, tuple[str, ...]] = {
    name: tuple(column.name for column in table.primary_key.columns)
    for name, table in TABLES.items()
}
# Columns set on insert, then kept equal by the database: a copy of a referenced row's column
# held by a foreign key with ON UPDATE CASCADE (term.single_seat follows its post).
INSERT_ONLY: dict[str, frozenset[str]] = {
    name: frozenset(
        column
        for column, constraint in schema.composite_foreign_key_columns(name).items()
        if constraint.onupdate == "CASCADE" and column not in REFERENCES[name]
    )
    for name in ENTITY_ORDER
}
# Tables whose rows may refer to rows of the same table; parents are written first.
SELF_REFERENCE: dict[str, tuple[str, ...]] = {
    name: schema.self_references(name) for name in ENTITY_ORDER if schema.self_references(name)
}
# Tables an import may also write rows of; a load reads and writes only the curated ones.
OWNED: tuple[str, ...] = tuple(name for name in ENTITY_ORDER if "release_id" in TABLES[name].c)
# Tables whose rows an import may create and the fixtures then define, matched by natural key
# to adopt them: a bloc, person or region an import created becomes curated when the fixtures
# define it (COW IGO's blocs, POCOM's people, Comtrade's WORLD), and so does a nomenclature code
# an import added when the fixtures' categories name it.
ADOPTABLE: dict[str, tuple[str, ...]] = {
    name: KEY_COLUMNS[name] for name in ("bloc", "person", "region", "product_category")
}


def curated_rows(entity: str) -> Select[tuple[object, ...]]:
    """The rows of `entity` that the fixtures own (mains before their alternatives)."""
    table = TABLES[entity]
    statement = select(table)
    if entity in OWNED:
        statement = statement.where(table.c.release_id == CURATED_RELEASE_ID)
    if entity in CLAIM_ENTITIES:
        statement = statement.order_by(table.c.alternative, table.c.id)
    if CATALOG.entities[entity].union:
        # A union's row is curated when the row of its kind is.
        kinds = []
        for column, kind in REFERENCES[entity].items():
            if kind in OWNED:
                owned = TABLES[kind]
                curated = select(owned.c.id).where(owned.c.release_id == CURATED_RELEASE_ID)
                kinds.append(table.c[column].in_(curated))
            else:
                kinds.append(table.c[column].is_not(None))
        statement = statement.where(or_(*kinds))
    return statement


def is_fact(entity: str) -> bool:
    return CATALOG.is_fact(entity)


def has_serial_id(entity: str) -> bool:
    return IDENTITY[entity] == ("id",)


def _detachable(entity: str) -> frozenset[str]:
    """Nullable references outside the natural key that no CHECK needs set: a CHECK naming the
    column may only be one that begins `<column> IS NULL OR`."""
    table = TABLES[entity]
    found = set()
    for column in REFERENCES[entity]:
        if not table.c[column].nullable or column in KEY_COLUMNS[entity]:
            continue
        checks = schema.checks_naming(entity, column)
        if all(re.match(rf"{column} IS NULL OR ", check) for check in checks):
            found.add(column)
    return frozenset(found)


# References a load may set to NULL for a moment, so that a row no longer in the files can be
# deleted before the rows that referred to it are updated (and before a replacement that
# shares its unique values is inserted). No CHECK depends on them being set.
DETACHABLE: dict[str, frozenset[str]] = {
    name: columns for name in ENTITY_ORDER if (columns := _detachable(name))
}
