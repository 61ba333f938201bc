"""`bilateral-db quickstart`: from nothing to answers in one command, safe to run again."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from bilateral_db import migrations, reports
from bilateral_db.cli.options import DatabaseOption, console, database_url, fail
from bilateral_db.cli.render import OutputFormat, Table, render, row_dict
from bilateral_db.db import make_engine
from bilateral_db.settings import redact_url


def _load(url: str) -> Any:
    from bilateral_db.load import FixtureErrors, LoadError, load_fixtures

    engine = make_engine(url)
    try:
        return load_fixtures(engine)
    except (FixtureErrors, LoadError) as error:
        fail(f"loading the bundled fixtures failed: {error}")
    finally:
        engine.dispose()


def _summary(result: Any) -> str:
    """One line: what the load changed; a second run says nothing changed."""
    totals = result.totals()
    if not result.changed:
        return f"fixtures loaded: no changes ({totals.unchanged} rows unchanged)"
    return (
        f"fixtures loaded: {totals.inserted} inserted, {totals.updated} updated, "
        f"{totals.unchanged} unchanged"
    )


def quickstart(db: DatabaseOption = None) -> None:
    """Create the embedded database, migrate it, load the bundled fixtures, show a first report.

    Running it again is safe: the load syncs, so a second run reports no changes.

    Example: bilateral-db quickstart
    """
    url = database_url(db)
    console.print(f"[bold]database[/] {redact_url(url)}")
    migrations.upgrade(url)
    console.print(f"migrated to {', '.join(migrations.current_revisions(url))}")
    result = _load(url)
    console.print(_summary(result), highlight=False)

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
                    [
                        "stated_on",
                        "speaker",
                        "share_pct",
                        "achieved",
                        "total",
                        "unit",
                        "qualifier",
                        "sources",
                    ],
                    [
                        row_dict(
                            row,
                            [
                                "stated_on",
                                "speaker",
                                "share_pct",
                                "achieved",
                                "total",
                                "unit",
                                "qualifier",
                                "sources",
                            ],
                        )
                        for row in plan.progress
                    ],
                )
            )
    trade_columns = [
        "year",
        "reporter",
        "partner",
        "flow",
        "category",
        "value",
        "currency",
        "qualifier",
        "change_pct",
        "reported_change_pct",
        "basis",
        "members",
        "members_total",
    ]
    tables.append(
        Table(
            "Russia–ASEAN trade",
            trade_columns,
            [row_dict(row, trade_columns) for row in relation.trade],
        )
    )
    render(tables, OutputFormat.table, console, single=False)
    console.print(
        "More: bilateral-db report --help (e.g. bilateral-db report dyad RUS THA)", highlight=False
    )
