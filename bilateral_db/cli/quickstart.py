"""`bilateral-db quickstart`: from nothing to answers in one command, safe to run again."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bilateral_db import migrations, reports
from bilateral_db.cli.options import DatabaseOption, console, database_url, fail, guarded
from bilateral_db.cli.render import OutputFormat, Table, render, row_dict
from bilateral_db.cli.reports import PROGRESS_COLUMNS, TRADE_TABLE_COLUMNS
from bilateral_db.db import make_engine
from bilateral_db.load import FixtureErrors, LoadError, LoadResult, load_fixtures
from bilateral_db.settings import redact_url


def _load(url: str) -> LoadResult:

    engine = make_engine(url)
    try:
        return load_fixtures(engine)
    except (FixtureErrors, LoadError) as error:
        fail(f"loading the bundled fixtures failed: {error}")
    finally:
        engine.dispose()


def quickstart(db: DatabaseOption = None) -> None:
    """Create the embedded database, migrate it, load the bundled fixtures, show a first report.

    Running it again is safe: the load syncs, so a second run reports no changes.

    Example: bilateral-db quickstart
    """
    url = database_url(db)
    console.print(f"[bold]database[/] {redact_url(url)}")
    guarded("migrating", url, lambda: migrations.upgrade(url))
    console.print(f"migrated to {', '.join(migrations.current_revisions(url))}")
    result = _load(url)
    console.print(f"fixtures loaded: {result.summary()}", highlight=False)

    today = date.today()
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            members = reports.members_on(session, bloc="ASEAN", on=today, role="member")
            relation = reports.dyad_report(session, a="RUS", b="ASEAN")
            plans = [
                reports.agreement_report(session, slug=row.slug) for row in relation.agreements
            ]
    finally:
        engine.dispose()

    tables = [
        Table(
            f"ASEAN's members today ({today.isoformat()}): {len(members)}",
            ["country", "name", "start_date"],
            [row_dict(row, ["country", "name", "start_date"]) for row in members],
        ),
        Table(
            "Russia in ASEAN: partnership levels",
            ["role", "start_date", "end_date"],
            [
                row_dict(row, ["role", "start_date", "end_date"])
                for row in relation.partner_memberships
            ],
        ),
        Table(
            "Russia–ASEAN meetings",
            ["start_date", "name", "city", "parent"],
            [row_dict(row, ["start_date", "name", "city", "parent"]) for row in relation.meetings],
        ),
    ]
    for plan in plans:
        if plan.progress:
            tables.append(
                Table(
                    f"{plan.agreement.title}: progress claims",
                    PROGRESS_COLUMNS,
                    [row_dict(row, PROGRESS_COLUMNS) for row in plan.progress],
                )
            )
    tables.append(
        Table(
            "Russia–ASEAN trade",
            TRADE_TABLE_COLUMNS,
            [row_dict(row, TRADE_TABLE_COLUMNS) for row in relation.trade],
        )
    )
    render(tables, OutputFormat.table, console, single=False)
    console.print(
        "More: bilateral-db report --help (e.g. bilateral-db report dyad RUS THA)", highlight=False
    )
