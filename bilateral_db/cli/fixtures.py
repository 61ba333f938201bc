"""`bilateral-db validate` and `bilateral-db load`: check fixture files, sync the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilateral_db.cli.options import (
    DatabaseOption,
    YesOption,
    confirm,
    console,
    database_url,
    error_console,
    existing_database,
    fail,
)
from bilateral_db.cli.progress import progress_bar
from bilateral_db.resources import fixtures_dir
from bilateral_db.settings import redact_url

if TYPE_CHECKING:  # the parser, pydantic and the loader load when a command runs
    from sqlalchemy import Engine

    from bilateral_db.fixtures import FixtureSet
    from bilateral_db.load import LoadResult

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        exists=True,
        metavar="PATH...",
        help="Fixture directories or files (default: the bundled fixtures).",
        show_default=False,
    ),
]
MISSING_SHOWN = 50  # keys listed per table; the rest are counted
LOCK_WAIT = 60.0  # as bilateral_db.load.DEFAULT_LOCK_TIMEOUT, without loading the loader


def _read(paths: list[Path] | None) -> FixtureSet:
    from bilateral_db.fixtures import FixtureErrors, read_fixture_set

    try:
        return read_fixture_set(paths or [fixtures_dir()])
    except FileNotFoundError as error:  # an installation without its bundled fixtures
        fail(str(error))
    except FixtureErrors as problems:
        for problem in problems.errors:
            error_console.print(str(problem), highlight=False, markup=False, soft_wrap=True)
        fail(str(problems.args[0]))


def validate(paths: PathsArgument = None) -> None:
    """Check fixture files without touching any database; exit 1 if anything is wrong.

    Example: bilateral-db validate fixtures/ my-additions/
    """
    fixture_set = _read(paths)
    tables = sum(1 for count in fixture_set.counts().values() if count)
    shown = ", ".join(str(path) for path in paths or [fixtures_dir()])
    console.print(
        f"{shown}: valid, {len(fixture_set)} rows in {tables} tables", highlight=False, markup=False
    )


def load(
    paths: PathsArgument = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Do everything, report, then roll back.")
    ] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="Delete rows that are no longer in the files.")
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            "--wait", min=0, help="Seconds to wait for another load to finish before giving up."
        ),
    ] = LOCK_WAIT,
    yes: YesOption = False,
    db: DatabaseOption = None,
) -> None:
    """Sync the database to the fixture files in one transaction (default: bundled fixtures).

    Inserts new rows, updates changed ones, leaves the rest alone; rows only in the database
    are listed, and removed with --prune. A prune that would remove all rows of a table, or
    more than half of them, asks first (--yes: don't ask). The database must be migrated first.

    Example: bilateral-db load --dry-run
    """
    from bilateral_db.load import LoadError

    fixture_set = _read(paths)
    url = database_url(db)
    engine = existing_database(url)
    try:
        check = None
        if prune and not dry_run and not yes:
            check = _agree_to_prune(engine, fixture_set, wait)
        result = _load(engine, fixture_set, dry_run=dry_run, prune=prune, wait=wait, check=check)
    except LoadError as error:
        fail(str(error))
    finally:
        engine.dispose()
    console.print(f"database {redact_url(url)}", highlight=False, markup=False)
    _render(result)


def _agree_to_prune(
    engine: Engine, fixture_set: FixtureSet, wait: float
) -> Callable[[LoadResult], None]:
    """Ask before a prune empties a table or removes most of it; the load keeps to the answer."""
    from bilateral_db.load import load_fixture_set
    from bilateral_db.load.guard import PRUNE_SHARE, large_prunes, removals_at_most

    trial = load_fixture_set(engine, fixture_set, dry_run=True, prune=True, lock_timeout=wait)
    large = large_prunes(trial)
    if large:
        confirm(
            f"--prune would remove {'; '.join(str(item) for item in large)} "
            f"(more than {PRUNE_SHARE:.0%} of a table counts as large)",
            yes=False,
        )
    return removals_at_most({name: c.removed for name, c in trial.entities.items()})


def _load(
    engine: Engine,
    fixture_set: FixtureSet,
    *,
    dry_run: bool,
    prune: bool,
    wait: float,
    check: Callable[[LoadResult], None] | None,
) -> LoadResult:
    from bilateral_db.load import load_fixture_set

    with progress_bar("reading", total=len(fixture_set)) as bar:

        def progress(entity: str, done: int, total: int) -> None:
            bar.update(done, total, entity)

        return load_fixture_set(
            engine,
            fixture_set,
            dry_run=dry_run,
            prune=prune,
            progress=progress,
            lock_timeout=wait,
            check=check,
        )


def _render(result: LoadResult) -> None:
    from rich.table import Table

    table = Table(title="dry run: nothing was written" if result.dry_run else None)
    table.add_column("table")
    for name in ("inserted", "updated", "unchanged", "removed" if result.pruned else "missing"):
        table.add_column(name, justify="right")
    for entity, changes in result.entities.items():
        last = changes.removed if result.pruned else len(changes.missing)
        if not (changes.inserted or changes.updated or changes.unchanged or last):
            continue
        table.add_row(
            entity,
            str(changes.inserted),
            str(changes.updated),
            str(changes.unchanged),
            str(last),
        )
    console.print(table)
    for entity, keys in result.missing.items():
        verb = "removed" if result.pruned and not result.dry_run else "in the database only"
        console.print(f"[bold]{entity}[/] {verb}:", highlight=False)
        for key in keys[:MISSING_SHOWN]:
            console.print(f"  {key}", highlight=False, markup=False)
        if len(keys) > MISSING_SHOWN:
            console.print(f"  … and {len(keys) - MISSING_SHOWN} more", highlight=False)
    console.print(result.summary(), highlight=False)
