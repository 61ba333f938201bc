"""What the loader reads from the metadata holds in a real database, on both backends."""

from __future__ import annotations

from sqlalchemy import Engine, func, select, update

from bilateral_db.load.tables import DETACHABLE, INSERT_ONLY, SELF_REFERENCE, TABLES


def test_detachable_references_may_be_null_on_every_row(small_shared_engine: Engine) -> None:
    """A load sets them to NULL for a moment: no CHECK, key or index may need them set."""
    assert DETACHABLE["meeting"] == {"city_id", "host_country_id", "bloc_id", "parent_id"}
    detached = 0
    with small_shared_engine.connect() as connection, connection.begin() as transaction:
        for entity, columns in DETACHABLE.items():
            table = TABLES[entity]
            for column in sorted(columns):
                detached += connection.execute(
                    select(func.count()).where(table.c[column].is_not(None))
                ).scalar_one()
                connection.execute(update(table).values({column: None}))
        transaction.rollback()
    assert detached == 5  # amm-52: city, host, bloc; the talks: parent; agriculture: parent


def test_an_insert_only_column_follows_its_row_through_the_database(
    small_loaded_engine: Engine,
) -> None:
    assert INSERT_ONLY["term"] == {"single_seat"}
    post, term = TABLES["post"], TABLES["term"]
    with small_loaded_engine.begin() as connection:
        connection.execute(update(post).values(single_seat=False))
        copies = connection.execute(select(term.c.single_seat).distinct()).scalars().all()
    assert copies == [False]


def test_self_references_include_every_claims_alternatives() -> None:
    for entity, table in TABLES.items():
        if "alternative_of_id" in table.c:
            assert "alternative_of_id" in SELF_REFERENCE[entity]
    assert SELF_REFERENCE["meeting"] == ("parent_id",)
