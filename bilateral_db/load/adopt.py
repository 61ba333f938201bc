"""Rows an import created that the fixtures now define become curated, before a load syncs.

A bloc COW IGO created (EU-IGO) that a curated bloc names in `cow_igo` is merged into the
curated bloc: the release's claims and coverage move to it. A bloc, person or region an import
created under the key a fixture now uses is taken over as it is (Comtrade's WORLD). Either way
the imported claims keep their release, and nothing curated loses a reference.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, delete, select, update

from bilateral_db.fixtures import FixtureSet
from bilateral_db.load.tables import ADOPTABLE, TABLES
from bilateral_db.models import CURATED_RELEASE_ID, Base
from bilateral_db.models import catalog as schema


def _referring(target: str, *, skip: str = "") -> tuple[tuple[str, str], ...]:
    """(table, column) of every foreign key to `target`, but those of the table `skip`."""
    return tuple(
        (table.name, column)
        for table in Base.metadata.sorted_tables
        if table.name != skip
        for column, referred in schema.foreign_keys(table.name).items()
        if referred == target
    )


# Columns that may hold an imported bloc (but its actor's, which goes with it), and its actor.
BLOC_COLUMNS = _referring("bloc", skip="actor")
ACTOR_COLUMNS = _referring("actor")


def adopt_imported(connection: Connection, fixture_set: FixtureSet) -> None:
    _merge_igo_blocs(connection, fixture_set)
    for entity, columns in ADOPTABLE.items():
        table = TABLES[entity]
        keys = [dict(zip(columns, key, strict=True)) for key in fixture_set.records[entity]]
        if not keys:
            continue
        connection.execute(
            update(table)
            .where(
                table.c.release_id != CURATED_RELEASE_ID,
                *(table.c[c] == bindparam(f"_{c}") for c in columns),
            )
            .values(release_id=CURATED_RELEASE_ID),
            [{f"_{c}": v for c, v in key.items()} for key in keys],
        )


def _merge_igo_blocs(connection: Connection, fixture_set: FixtureSet) -> None:
    bloc, actor = TABLES["bloc"], TABLES["actor"]
    for record in fixture_set.records["bloc"].values():
        igo, code = record.values.get("cow_igo_code"), record.values["code"]
        if not igo:
            continue
        imported = connection.execute(
            select(bloc.c.id).where(
                bloc.c.cow_igo_code == igo,
                bloc.c.code != code,
                bloc.c.release_id != CURATED_RELEASE_ID,
            )
        ).scalar()
        if imported is None:
            continue
        curated = connection.execute(select(bloc.c.id).where(bloc.c.code == code)).scalar()
        if curated is None:  # the fixtures define it now: the imported bloc becomes theirs
            connection.execute(
                update(bloc)
                .where(bloc.c.id == imported)
                .values(code=code, release_id=CURATED_RELEASE_ID)
            )
            continue
        actors = {
            bloc_id: actor_id
            for actor_id, bloc_id in connection.execute(
                select(actor.c.id, actor.c.bloc_id).where(actor.c.bloc_id.in_([imported, curated]))
            )
        }
        for name, column in BLOC_COLUMNS:
            table = Base.metadata.tables[name]
            connection.execute(
                update(table).where(table.c[column] == imported).values({column: curated})
            )
        for name, column in ACTOR_COLUMNS:
            table = Base.metadata.tables[name]
            connection.execute(
                update(table)
                .where(table.c[column] == actors[imported])
                .values({column: actors[curated]})
            )
        connection.execute(delete(actor).where(actor.c.id == actors[imported]))
        connection.execute(delete(bloc).where(bloc.c.id == imported))
