"""How each table is written: its identity, the columns a load never updates, self-references."""

from __future__ import annotations

from sqlalchemy import Select, Table, or_, select

from bilateral_db.fixtures.keys import CLAIM_ENTITIES, ENTITY_ORDER
from bilateral_db.models import CURATED_RELEASE_ID, Base
from bilateral_db.models.sources import FACT_ENTITIES

TABLES: dict[str, Table] = {name: Base.metadata.tables[name] for name in ENTITY_ORDER}
FACT = Base.metadata.tables["fact"]
CITATION = Base.metadata.tables["citation"]

# Columns that identify a row within its table (what other tables' foreign keys hold).
IDENTITY: dict[str, tuple[str, ...]] = {
    name: tuple(column.name for column in table.primary_key.columns)
    for name, table in TABLES.items()
}
# Set on insert, then kept equal by the database: term.single_seat follows its post through
# a foreign key with ON UPDATE CASCADE.
INSERT_ONLY: dict[str, frozenset[str]] = {"term": frozenset({"single_seat"})}
# Tables whose rows may refer to rows of the same table; parents are written first.
SELF_REFERENCE: dict[str, str] = {
    "meeting": "parent_id",
    "product_category": "parent_id",
    **dict.fromkeys(CLAIM_ENTITIES, "alternative_of_id"),
}
# Tables an import may also write rows of; a load reads and writes only the curated ones.
OWNED: tuple[str, ...] = tuple(name for name in ENTITY_ORDER if "release_id" in TABLES[name].c)
# Natural-key columns of the tables whose rows an import may create, to adopt them: a bloc an
# import created becomes curated when the fixtures define it.
ADOPTABLE: dict[str, tuple[str, ...]] = {"bloc": ("code",), "person": ("slug",)}


def curated_rows(entity: str) -> Select[tuple[object, ...]]:
    """The rows of `entity` that the fixtures own (mains before their alternatives)."""
    table = TABLES[entity]
    statement = select(table)
    if entity in OWNED:
        statement = statement.where(table.c.release_id == CURATED_RELEASE_ID)
    if entity in CLAIM_ENTITIES:
        statement = statement.order_by(table.c.alternative, table.c.id)
    if entity == "actor":
        bloc = TABLES["bloc"]
        curated_blocs = select(bloc.c.id).where(bloc.c.release_id == CURATED_RELEASE_ID)
        statement = statement.where(
            or_(table.c.country_id.is_not(None), table.c.bloc_id.in_(curated_blocs))
        )
    return statement


def is_fact(entity: str) -> bool:
    return entity in FACT_ENTITIES


def has_serial_id(entity: str) -> bool:
    return IDENTITY[entity] == ("id",)


# References a load may set to NULL for a moment, so that a row no longer in the files can be
# deleted before the rows that referred to it are updated (and before a replacement that
# shares its unique values is inserted). No CHECK depends on them being set.
DETACHABLE: dict[str, frozenset[str]] = {
    "product_category": frozenset({"parent_id"}),
    "meeting": frozenset({"city_id", "host_country_id", "bloc_id", "parent_id"}),
    "agreement": frozenset({"adopted_at_meeting_id", "founds_bloc_id"}),
    "progress_statement": frozenset({"speaker_id"}),
}
