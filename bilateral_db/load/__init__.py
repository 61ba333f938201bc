"""Load fixtures into the database: one transaction that makes the rows equal to the files.

`load_fixtures(engine)` validates the bundled fixture set (or the paths given), then inserts,
updates and, with prune=True, deletes rows by natural key. It never prints: progress goes to a
callback, the outcome is a LoadResult, problems are FixtureErrors (the files) or LoadError
(the database).

An unchanged load is mostly start-up, so what only a load that writes needs is imported when
it turns out to write: the panels' builder (and the bulk writer under it) after the sync,
for the tables it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from bilateral_db.fixtures import FixtureErrors, FixtureSet, read_fixture_set
from bilateral_db.load.errors import LoadError
from bilateral_db.load.result import EntityChanges, LoadResult
from bilateral_db.load.sync import Synchronizer
from bilateral_db.resources import fixtures_dir
from bilateral_db.writing.transaction import write_transaction as load_transaction

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "EntityChanges",
    "FixtureErrors",
    "LoadError",
    "LoadResult",
    "load_fixture_set",
    "load_fixtures",
]

DEFAULT_LOCK_TIMEOUT = 60.0


def load_fixtures(
    engine: Engine,
    paths: Sequence[Path] | None = None,
    *,
    dry_run: bool = False,
    prune: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> LoadResult:
    """Sync the database to the fixture files (default: the bundled ones) in one transaction.

    Raises FixtureErrors when the files are invalid (the database is not touched) and
    LoadError when the database refuses the load; either way nothing is written. A dry run
    does all the work, reports it, and rolls back. `progress(table, done, total)` is called
    as tables are read and written.
    """
    fixture_set = read_fixture_set(list(paths) if paths is not None else [fixtures_dir()])
    return load_fixture_set(
        engine,
        fixture_set,
        dry_run=dry_run,
        prune=prune,
        progress=progress,
        lock_timeout=lock_timeout,
    )


def load_fixture_set(
    engine: Engine,
    fixture_set: FixtureSet,
    *,
    dry_run: bool = False,
    prune: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    check: Callable[[LoadResult], None] | None = None,
) -> LoadResult:
    """Sync the database to an already validated fixture set (see load_fixtures).

    `check(result)` runs after the work and before the commit; raising LoadError there rolls
    everything back (see load.guard).
    """
    try:
        with load_transaction(engine, lock_timeout) as connection:
            result = Synchronizer(connection, fixture_set, prune=prune, progress=progress).run()
            result.dry_run = dry_run
            if check is not None:
                check(result)
            if not dry_run:
                changed = _changed_tables(result)
                if changed:
                    from bilateral_db import panels

                    panels.refresh(connection, changed)
                connection.commit()
    except DBAPIError as error:
        raise LoadError(f"the database failed during the load: {error.orig or error}") from error
    return result


def _changed_tables(result: LoadResult) -> set[str]:
    """The tables (one per entity) whose rows the load inserted, updated or removed."""
    return {
        entity for entity, changes in result.entities.items() if changes.changed or changes.removed
    }
