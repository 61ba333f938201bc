"""`bilateral-db db …`: create, migrate and inspect the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral_db.cli.app import App
from bilateral_db.cli.options import (
    DatabaseOption,
    YesOption,
    confirm,
    console,
    database_url,
    existing_database,
    fail,
    guarded,
)
from bilateral_db.settings import redact_url

app = App(help="Create, migrate and inspect the database schema.")


@app.command()
def upgrade(
    revision: Annotated[str, typer.Argument(metavar="REVISION", help="Target revision.")] = "head",
    db: DatabaseOption = None,
) -> None:
    """Migrate the database up to REVISION (default: the newest).

    Example: bilateral-db db upgrade --db postgresql://localhost/bilateral
    """
    from bilateral_db import migrations  # alembic: loaded only by the commands that use it

    url = database_url(db)
    guarded("upgrade", url, lambda: migrations.upgrade(url, revision))
    if revision == "head":
        _build_panels(url)
    console.print(
        f"{redact_url(url)} is at {', '.join(migrations.current_revisions(url))}", markup=False
    )


@app.command()
def downgrade(
    revision: Annotated[
        str, typer.Argument(metavar="REVISION", help="Target revision; 'base' empties the schema.")
    ],
    yes: YesOption = False,
    db: DatabaseOption = None,
) -> None:
    """Migrate the database down to REVISION; asks first if that would drop rows.

    Example: bilateral-db db downgrade base --yes
    """
    from bilateral_db import migrations

    url = database_url(db)
    dropped: dict[str, int] = {}

    def count() -> None:
        dropped.update(migrations.rows_dropped_by_downgrade(url, revision))

    guarded("downgrade", url, count)
    if dropped:
        tables = ", ".join(f"{table} ({rows})" for table, rows in dropped.items())
        confirm(
            f"downgrading {redact_url(url)} to {revision} drops {sum(dropped.values())} rows "
            f"of data: {tables}",
            yes=yes,
        )
    guarded("downgrade", url, lambda: migrations.downgrade(url, revision))
    current = migrations.current_revisions(url)
    console.print(
        f"{redact_url(url)} is at {', '.join(current) or 'base (empty schema)'}", markup=False
    )


@app.command()
def current(db: DatabaseOption = None) -> None:
    """Show the revision the database is at.

    Example: bilateral-db db current
    """
    from bilateral_db import migrations

    url = database_url(db)
    revisions: tuple[str, ...] = ()

    def read() -> None:
        nonlocal revisions
        revisions = migrations.current_revisions(url)

    guarded("reading the revision", url, read)
    heads = migrations.head_revisions()
    state = "up to date" if set(revisions) == set(heads) else f"behind head {', '.join(heads)}"
    console.print(
        f"{redact_url(url)}: {', '.join(revisions) or 'not migrated'} ({state})", markup=False
    )


@app.command()
def history() -> None:
    """List the migrations, newest first.

    Example: bilateral-db db history
    """
    from bilateral_db import migrations

    for line in migrations.history_lines():
        console.print(line, highlight=False)


@app.command()
def check(db: DatabaseOption = None) -> None:
    """Compare the models with the migrated database; exit 1 if they differ.

    Example: bilateral-db db check
    """
    from bilateral_db import migrations

    url = database_url(db)
    problem: str | None = None

    def compare() -> None:
        nonlocal problem
        problem = migrations.drift(url)

    guarded("check", url, compare)
    if problem:
        fail(f"models and migrations differ: {problem}")
    console.print("models and migrations agree")


@app.command()
def grant(
    readonly: Annotated[
        str | None,
        typer.Option("--readonly", help="Role that may only read (SELECT tables and views)."),
    ] = None,
    loader: Annotated[
        str | None,
        typer.Option("--loader", help="Role that may load and import, not change the schema."),
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Give PostgreSQL roles read-only or loader access, also to tables of future migrations.

    Run it as the role that runs the migrations (usually the database owner). The role must
    exist (CREATE ROLE researchers LOGIN PASSWORD '…').

    Example: bilateral-db db grant --readonly researchers --loader curators
    """
    from functools import partial

    from bilateral_db.access import Access, AccessError
    from bilateral_db.access import grant as grant_access

    wanted = [(role, Access.readonly) for role in [readonly] if role]
    wanted += [(role, Access.loader) for role in [loader] if role]
    if not wanted:
        fail("name a role: --readonly ROLE and/or --loader ROLE", code=2)
    url = database_url(db)
    engine = existing_database(url)
    try:
        for role, access in wanted:
            try:
                guarded("grant", url, partial(grant_access, engine, role, access))
            except AccessError as error:
                fail(str(error))
            console.print(
                f"{role}: {access} access on {redact_url(url)}", highlight=False, markup=False
            )
    finally:
        engine.dispose()


def _build_panels(url: str) -> None:
    """Panels of a database that holds data but no panels yet (migrated from before 0009)."""
    from bilateral_db import panels
    from bilateral_db.db import make_engine

    engine = make_engine(url)
    built: list[bool] = []
    try:
        guarded("building the panels", url, lambda: built.append(panels.build_missing(engine)))
    finally:
        engine.dispose()
    if any(built):
        console.print("panels built from the data held")
