"""`bilateral-db db …`: create, migrate and inspect the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral_db.cli.app import App
from bilateral_db.cli.options import DatabaseOption, console, database_url, fail, guarded
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
    console.print(f"{redact_url(url)} is at {', '.join(migrations.current_revisions(url))}")


@app.command()
def downgrade(
    revision: Annotated[
        str, typer.Argument(metavar="REVISION", help="Target revision; 'base' empties the schema.")
    ],
    db: DatabaseOption = None,
) -> None:
    """Migrate the database down to REVISION.

    Example: bilateral-db db downgrade base
    """
    from bilateral_db import migrations

    url = database_url(db)
    guarded("downgrade", url, lambda: migrations.downgrade(url, revision))
    current = migrations.current_revisions(url)
    console.print(f"{redact_url(url)} is at {', '.join(current) or 'base (empty schema)'}")


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
    console.print(f"{redact_url(url)}: {', '.join(revisions) or 'not migrated'} ({state})")


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
