"""`bilateral-db report …`: one command per question, thin over bilateral_db.reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from bilateral_db import reports
from bilateral_db.cli.options import (
    DatabaseOption,
    console,
    database_url,
    existing_database,
    fail,
)
from bilateral_db.cli.render import OutputFormat, Table, render, row_dict, shallow_dict
from bilateral_db.dates import PartialDate
from bilateral_db.reports import lookup
from bilateral_db.settings import redact_url

app = typer.Typer(help="Answers from the database: members, officials, meetings, trade, …")

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table (default), json, csv or markdown."),
]
CiteOption = Annotated[bool, typer.Option("--cite", help="Add the sources behind every row.")]
OnOption = Annotated[
    str | None,
    typer.Option("--on", help="Day to ask about: YYYY-MM-DD, YYYY-MM or YYYY. Default: today."),
]
PlotOption = Annotated[
    Path | None, typer.Option("--plot", help="Also draw a picture into this PNG file.")
]

MEMBER_COLUMNS = ["country", "name", "role", "start_date", "end_date", "member_kind", "bloc"]
TERM_COLUMNS = ["person", "name", "country", "post", "title", "start_date", "end_date"]
MEETING_COLUMNS = [
    "slug",
    "name",
    "kind",
    "start_date",
    "end_date",
    "city",
    "host",
    "bloc",
    "parent",
]
TRADE_COLUMNS = [
    "year",
    "month",
    "reporter",
    "partner",
    "flow",
    "category",
    "value",
    "currency",
    "qualifier",
    "change_pct",
    "reported_change_pct",
    "reported_change_qualifier",
    "basis",
    "members",
    "members_total",
    "valuation",
    "status",
]
# Progress claims side by side; the full report adds the statement and the claim's slug.
PROGRESS_COLUMNS = [
    "stated_on",
    "speaker",
    "share_pct",
    "achieved",
    "total",
    "unit",
    "qualifier",
    "sources",
]
TRADE_TABLE_COLUMNS = [
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


def parse_day(text: str | None, *, option: str, last: bool = False) -> date:
    """A day from YYYY-MM-DD, YYYY-MM or YYYY (the period's first day, or its last if `last`)."""
    if text is None:
        return date.today()
    try:
        value = PartialDate.parse(text)
    except ValueError as error:
        fail(f"{option}: {error}", code=2)
    return value.last_day if last else value.value


@contextmanager
def open_session(db: str | None) -> Iterator[Session]:
    """A read-only session; unknown codes and unmigrated databases become clear errors."""
    url = database_url(db)
    engine = existing_database(url)
    try:
        with Session(engine) as session:
            yield session
    except lookup.UnknownCode as error:
        fail(str(error))
    except (OperationalError, ProgrammingError) as error:
        fail(
            f"cannot read {redact_url(url)} ({error.orig.__class__.__name__}: "
            f"{str(error.orig).strip().splitlines()[0]}); is it migrated and loaded? "
            "Try `bilateral-db quickstart`."
        )
    finally:
        engine.dispose()


def _source_dicts(sources: Sequence[reports.SourceRow]) -> list[dict[str, Any]]:
    return [
        {"source": s.source, "title": s.title, "url": s.url, "locator": s.locator} for s in sources
    ]


def _table(
    session: Session,
    title: str | None,
    rows: Sequence[Any],
    columns: list[str],
    *,
    cite: bool,
    fact_ids: Callable[[Any], list[int | None]] = lambda row: [row.fact_id],
) -> Table:
    """Rows as a Table; with `cite`, each row gets a `sources` column (one query for all)."""
    dicts = [row_dict(row, columns) for row in rows]
    if not cite:
        return Table(title, columns, dicts)
    ids = [[i for i in fact_ids(row) if i is not None] for row in rows]
    cited = reports.sources_for(session, fact_ids=[i for group in ids for i in group])
    for data, group in zip(dicts, ids, strict=True):
        found = {(s.source, s.locator): s for i in group for s in cited.get(i, [])}
        data["sources"] = _source_dicts(list(found.values()))
    return Table(title, [*columns, "sources"], dicts)


def _trade_fact_ids(row: reports.TradeRow) -> list[int | None]:
    return [row.fact_id, row.change_fact_id]


@app.command()
def members(
    bloc: Annotated[str, typer.Argument(help="Bloc code, e.g. ASEAN.")],
    on: OnOption = None,
    role: Annotated[str | None, typer.Option("--role", help="Only this role, e.g. member.")] = None,
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    plot: PlotOption = None,
    db: DatabaseOption = None,
) -> None:
    """Members of BLOC on a day (every role unless --role); --plot draws its whole timeline.

    Example: bilateral-db report members ASEAN --on 1990-01-01 --role member
    """
    day = parse_day(on, option="--on")
    with open_session(db) as session:
        lookup.bloc(session, bloc)
        rows = reports.members_on(session, bloc=bloc, on=day, role=role)
        table = _table(session, None, rows, MEMBER_COLUMNS, cite=cite)
        if plot is not None:
            from bilateral_db.cli.plots import plot_memberships

            timeline = reports.membership_timeline(session, bloc=bloc)
            plot_memberships(
                timeline, plot, title=f"{bloc.upper()} memberships", today=date.today()
            )
    render([table], output, console, single=True)


@app.command()
def timeline(
    code: Annotated[str, typer.Argument(help="A bloc code (its members) or a country code.")],
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    plot: PlotOption = None,
    db: DatabaseOption = None,
) -> None:
    """Every membership of a bloc, or of a country in all blocs, in date order.

    Example: bilateral-db report timeline ASEAN --plot asean.png
    """
    with open_session(db) as session:
        actor = lookup.actor(session, code)
        if actor.kind == "bloc":
            rows = reports.membership_timeline(session, bloc=actor.code)
        else:
            rows = reports.membership_timeline(session, member=actor.code)
        table = _table(session, None, rows, MEMBER_COLUMNS, cite=cite)
    if plot is not None:
        from bilateral_db.cli.plots import plot_memberships

        plot_memberships(rows, plot, title=f"{actor.code} memberships", today=date.today())
    render([table], output, console, single=True)


@app.command()
def officials(
    country: Annotated[str, typer.Argument(help="ISO alpha-3 country code, e.g. THA.")],
    on: OnOption = None,
    post: Annotated[
        str | None, typer.Option("--post", help="Only this office, e.g. foreign-minister.")
    ] = None,
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    db: DatabaseOption = None,
) -> None:
    """Who held COUNTRY's offices on a day (on a handover day, both holders).

    Example: bilateral-db report officials THA --on 2019-08-01 --post foreign-minister
    """
    day = parse_day(on, option="--on")
    with open_session(db) as session:
        lookup.country(session, country)
        rows = reports.officials_on(session, country=country, on=day, post=post)
        table = _table(session, None, rows, TERM_COLUMNS, cite=cite)
    render([table], output, console, single=True)


@app.command()
def terms(
    person: Annotated[str, typer.Argument(help="Person slug, e.g. sergey-lavrov.")],
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    db: DatabaseOption = None,
) -> None:
    """Every term of office of PERSON.

    Example: bilateral-db report terms don-pramudwinai
    """
    with open_session(db) as session:
        lookup.person(session, person)
        rows = reports.terms_of(session, person=person)
        table = _table(session, None, rows, TERM_COLUMNS, cite=cite)
    render([table], output, console, single=True)


@app.command()
def meetings(
    person: Annotated[str | None, typer.Option("--person", help="Person slug.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="Country code.")] = None,
    bloc: Annotated[str | None, typer.Option("--bloc", help="Bloc code.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Topic slug.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="From this day.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Up to this day.")] = None,
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    db: DatabaseOption = None,
) -> None:
    """Meetings matching every filter given; a country or bloc matches as host, organiser,
    participant or through its officials.

    Example: bilateral-db report meetings --country RUS --bloc ASEAN --from 2019
    """
    start = parse_day(date_from, option="--from") if date_from else None
    end = parse_day(date_to, option="--to", last=True) if date_to else None
    with open_session(db) as session:
        if person:
            lookup.person(session, person)
        if country:
            lookup.country(session, country)
        if bloc:
            lookup.bloc(session, bloc)
        if topic:
            lookup.topic(session, topic)
        rows = reports.find_meetings(
            session,
            person=person,
            country=country,
            bloc=bloc,
            topic=topic,
            date_from=start,
            date_to=end,
        )
        table = _table(session, None, rows, MEETING_COLUMNS, cite=cite)
    render([table], output, console, single=True)


@app.command()
def meeting(
    slug: Annotated[str, typer.Argument(help="Meeting slug, e.g. amm-52.")],
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    db: DatabaseOption = None,
) -> None:
    """One meeting in full: participants with role and status, child meetings, topics, sources.

    Example: bilateral-db report meeting amm-52
    """
    with open_session(db) as session:
        lookup.meeting(session, slug)
        detail = reports.meeting_detail(session, slug=slug)
        tables = [
            _table(session, "meeting", [detail.meeting], [*MEETING_COLUMNS, "ordinal"], cite=cite),
            _table(
                session,
                "participants",
                detail.participants,
                ["person", "name", "actor", "actor_name", "role", "status"],
                cite=cite,
            ),
            _table(session, "children", detail.children, MEETING_COLUMNS, cite=cite),
            _table(session, "topics", detail.topics, ["topic", "name"], cite=cite),
            Table(
                "sources",
                ["source", "title", "publisher", "url", "published", "locator"],
                [shallow_dict(source) for source in detail.sources],
            ),
        ]
    render(tables, output, console, single=False)


@app.command()
def trade(
    a: Annotated[str, typer.Argument(help="A country or bloc code.")],
    b: Annotated[str, typer.Argument(help="Another country or bloc code.")],
    category: Annotated[
        str | None, typer.Option("--category", help="Product category, e.g. agriculture.")
    ] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    plot: PlotOption = None,
    db: DatabaseOption = None,
) -> None:
    """Trade between A and B by year, flow and category, both sides' figures.

    With a bloc, its members' figures are summed (basis sum_of_members, members on 31 December)
    beside figures stated for the bloc itself (basis reported). change_pct is computed from the
    values; reported_change_pct is what a source reported where values are missing.

    Example: bilateral-db report trade RUS THA --from 2017
    """
    with open_session(db) as session:
        lookup.actor(session, a)
        lookup.actor(session, b)
        rows = reports.trade_between(
            session, a=a, b=b, category=category, year_from=year_from, year_to=year_to
        )
        columns = TRADE_COLUMNS if output is not OutputFormat.table else TRADE_TABLE_COLUMNS
        table = _table(session, None, rows, columns, cite=cite, fact_ids=_trade_fact_ids)
    if plot is not None:
        from bilateral_db.cli.plots import plot_trade

        plot_trade(rows, plot, title=f"Trade {a.upper()}–{b.upper()}")
    render([table], output, console, single=True)


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="A country or bloc code.")],
    b: Annotated[str, typer.Argument(help="Another country or bloc code.")],
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    db: DatabaseOption = None,
) -> None:
    """Everything between A and B: shared and partner memberships, meetings, agreements,
    topics and trade.

    Example: bilateral-db report dyad RUS ASEAN
    """
    with open_session(db) as session:
        lookup.actor(session, a)
        lookup.actor(session, b)
        report = reports.dyad_report(session, a=a, b=b)
        shared = Table(
            "shared_memberships",
            ["bloc", "role_a", "start_a", "end_a", "role_b", "start_b", "end_b"],
            [shallow_dict(row) for row in report.shared_memberships],
        )
        tables = [
            shared,
            _table(
                session,
                "partner_memberships",
                report.partner_memberships,
                MEMBER_COLUMNS,
                cite=cite,
            ),
            _table(session, "meetings", report.meetings, MEETING_COLUMNS, cite=cite),
            _table(
                session,
                "agreements",
                report.agreements,
                ["slug", "title", "kind", "signed_on", "covers_from", "covers_until"],
                cite=cite,
            ),
            _table(
                session, "topics", report.topics, ["topic", "name", "via", "via_slug"], cite=cite
            ),
            _table(
                session,
                "trade",
                report.trade,
                TRADE_COLUMNS if output is not OutputFormat.table else TRADE_TABLE_COLUMNS,
                cite=cite,
                fact_ids=_trade_fact_ids,
            ),
        ]
    render(tables, output, console, single=False, json_root={"a": report.a, "b": report.b})


@app.command("country")
def country_command(
    code: Annotated[str, typer.Argument(help="ISO alpha-3 country code.")],
    on: OnOption = None,
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    db: DatabaseOption = None,
) -> None:
    """A country on a day: its codes, its roles in blocs and its office holders.

    Example: bilateral-db report country THA --on 2019-08-01
    """
    day = parse_day(on, option="--on")
    with open_session(db) as session:
        lookup.country(session, code)
        profile = reports.country_profile(session, country=code, on=day)
        tables = [
            _table(
                session,
                "country",
                [profile.country],
                [
                    "country",
                    "name",
                    "official_name",
                    "alpha2",
                    "numeric",
                    "cow",
                    "gw",
                    "m49",
                    "start_date",
                    "end_date",
                    "existed",
                ],
                cite=cite,
            ),
            _table(session, "memberships", profile.memberships, MEMBER_COLUMNS, cite=cite),
            _table(session, "officials", profile.officials, TERM_COLUMNS, cite=cite),
        ]
    render(tables, output, console, single=False, json_root={"on": profile.on})


@app.command()
def agreement(
    slug: Annotated[str, typer.Argument(help="Agreement slug.")],
    output: FormatOption = OutputFormat.table,
    cite: CiteOption = False,
    db: DatabaseOption = None,
) -> None:
    """An agreement with its parties, topics and dated progress claims, conflicting ones together.

    Example: bilateral-db report agreement asean-russia-cpa-2016-2020
    """
    with open_session(db) as session:
        lookup.agreement(session, slug)
        report = reports.agreement_report(session, slug=slug)
        tables = [
            _table(
                session,
                "agreement",
                [report.agreement],
                ["slug", "title", "kind", "signed_on", "covers_from", "covers_until", "adopted_at"],
                cite=cite,
            ),
            Table("parties", ["party", "name", "kind"], [shallow_dict(p) for p in report.parties]),
            _table(session, "topics", report.topics, ["topic", "name"], cite=cite),
            _table(
                session,
                "progress",
                report.progress,
                [*PROGRESS_COLUMNS[:-1], "statement", "sources", "slug"],
                cite=cite,
            ),
        ]
    render(tables, output, console, single=False)
