"""`bilateral-db quickstart`: from nothing to answers in one command, safe to run again."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from bilateral_db.cli.options import DatabaseOption, console, database_url, fail, guarded

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bilateral_db.answers import Table
    from bilateral_db.load import LoadResult


def table(title: str, rows: Sequence[object], shown: list[str] | None = None) -> Table:
    """Report rows as a titled table showing `shown` columns (default: the row's own)."""
    from bilateral_db.answers.tables import table_of

    built = table_of(title, list(rows), None)
    if shown is not None:
        built.display = shown
    return built


def _load(url: str) -> LoadResult:
    from bilateral_db.cli.progress import progress_bar
    from bilateral_db.db import make_engine
    from bilateral_db.load import FixtureErrors, LoadError, load_fixtures

    engine = make_engine(url)
    try:
        with progress_bar("loading") as bar:
            return load_fixtures(
                engine, progress=lambda entity, done, total: bar.update(done, total, entity)
            )
    except (FixtureErrors, LoadError) as error:
        fail(f"loading the bundled fixtures failed: {error}")
    finally:
        engine.dispose()


def _import_bundled(url: str) -> None:
    """The data sets shipped with the package, each a release (unchanged ones are skipped)."""
    from bilateral_db.cli.imports import run
    from bilateral_db.db import make_engine
    from bilateral_db.imports import BUNDLED, bundled_path

    engine = make_engine(url)
    try:
        for name in BUNDLED:
            result = run(engine, name, bundled_path(name), None, 60.0)
            console.print(f"data set {result.summary()}", highlight=False, markup=False)
    finally:
        engine.dispose()


@contextmanager
def _panels_built_once(url: str) -> Iterator[None]:
    """The load and the imports leave the panels to one rebuild at the end, for what they
    changed."""
    from bilateral_db import panels
    from bilateral_db.db import make_engine

    engine = make_engine(url)
    try:
        with panels.deferred(engine):
            yield
    finally:
        engine.dispose()


def quickstart(db: DatabaseOption = None) -> None:
    """Create the embedded database, migrate it, load the bundled fixtures, import the data
    sets shipped with the package (COW and Gleditsch-Ward state lists, COW IGO v3, Archigos
    4.1), show a first report.

    Running it again is safe: the load syncs and an unchanged data set is skipped, so a second
    run reports no changes.

    Example: bilateral-db quickstart
    """
    from bilateral_db import migrations, reports
    from bilateral_db.answers import Answer
    from bilateral_db.cli.render import OutputFormat, is_terminal, render, terminal_width
    from bilateral_db.db import make_engine, read_snapshot
    from bilateral_db.settings import redact_url

    url = database_url(db)
    console.print(f"[bold]database[/] {redact_url(url)}", highlight=False)
    guarded("migrating", url, lambda: migrations.upgrade(url))
    console.print(f"migrated to {', '.join(migrations.current_revisions(url))}")
    with _panels_built_once(url):
        result = _load(url)
        console.print(f"fixtures loaded: {result.summary()}", highlight=False, markup=False)
        _import_bundled(url)

    today = date.today()
    engine = make_engine(url)
    try:
        with read_snapshot(engine) as session:
            members = reports.members_on(session, bloc="ASEAN", on=today, role="member")
            relation = reports.dyad_report(session, a="RUS", b="ASEAN")
            plans = [
                reports.agreement_report(session, slug=row.slug) for row in relation.agreements
            ]
    finally:
        engine.dispose()

    tables = [
        table(
            f"ASEAN's members today ({today.isoformat()}): {len(members)}",
            members,
            ["country", "name", "start_date"],
        ),
        table(
            "Russia in ASEAN: partnership levels",
            relation.partner_memberships,
            ["role", "start_date", "end_date"],
        ),
        table(
            "Russia–ASEAN meetings",
            relation.meetings,
            ["start_date", "name", "city", "parent"],
        ),
    ]
    for plan in plans:
        if plan.progress:
            tables.append(table(f"{plan.agreement.title}: progress claims", plan.progress))
    tables.append(table("Russia–ASEAN trade", relation.trade))
    terminal = is_terminal()
    render(
        Answer(tables, single=False),
        OutputFormat.table,
        width=terminal_width() if terminal else None,
        styled=terminal,
        notes=sys.stderr,
    )
    console.print(
        "More: bilateral-db report --help (e.g. bilateral-db report dyad RUS THA)", highlight=False
    )
