"""`bilateral-db report …`: one command per question of bilateral_db.answers.

The commands are built from the question specs, so a question added there is a command here
(and an API endpoint) with nothing else to write. Each command reads its parameters through the
answer layer, opens the database, answers, and renders.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bilateral_db.answers import BY_NAME, QUESTIONS, Kind, Param, Question
from bilateral_db.cli.app import App
from bilateral_db.cli.options import (
    DatabaseOption,
    database_url,
    existing_database,
    fail,
    require_module,
    writable_file,
)
from bilateral_db.cli.render import OutputFormat
from bilateral_db.core.quoting import quoted

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from bilateral_db.answers import Answer

app = App(help="Answers from the database: members, officials, meetings, trade, …")

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="table (default; fits the terminal), json, csv, tsv or markdown.",
    ),
]
ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="KEY,KEY,…",
        help="Only these columns, in this order (any key of the JSON rows; list answers only).",
    ),
]
NotesOption = Annotated[
    bool,
    typer.Option(
        "--notes",
        help="Also show each row's confidence and note in the table (JSON and CSV always "
        "have them).",
    ),
]
NOTE_COLUMNS = ("confidence", "note")
PlotOption = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        metavar="FILE",
        help="Also draw a picture into FILE (.png, .svg or .pdf; needs bilateral_db[plot]).",
    ),
]
PLOT_SUFFIXES = (".png", ".svg", ".pdf")
METAVARS = {
    Kind.CODE: "CODE",
    Kind.SLUG: "SLUG",
    Kind.TEXT: "WORDS",
    Kind.COUNT: "N",
    Kind.DAY: "DATE",
    Kind.DAY_END: "DATE",
    Kind.YEAR: "YEAR",
    Kind.CHOICE: "NAME",
}


@contextmanager
def open_session(db: str | None) -> Iterator[Connection]:
    """One read-only snapshot for the whole answer, closed (and its engine disposed) after."""
    from bilateral_db.db import read_snapshot

    url = database_url(db)
    engine = existing_database(url, read_only=True)
    try:
        with read_snapshot(engine) as session:
            yield session
    finally:
        engine.dispose()


def _typer_parameter(param: Param) -> inspect.Parameter:
    if param.kind is Kind.FLAG:
        annotation: Any = Annotated[bool, typer.Option(f"--{param.wire}", help=param.help)]
        default: Any = False
    elif param.positional:
        metavar = param.wire.upper()
        annotation = Annotated[str, typer.Argument(metavar=metavar, help=param.help)]
        default = inspect.Parameter.empty
    else:
        option = typer.Option(
            f"--{param.wire}", metavar=METAVARS[param.kind], help=param.help, show_default=False
        )
        annotation = Annotated[str | None, option]
        default = None
    return inspect.Parameter(
        param.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _extra_parameters(question: Question) -> list[inspect.Parameter]:
    keyword = inspect.Parameter.KEYWORD_ONLY
    extras = [
        inspect.Parameter("output", keyword, default=OutputFormat.table, annotation=FormatOption),
        inspect.Parameter("columns", keyword, default=None, annotation=ColumnsOption),
    ]
    if _has_notes(question):
        extras.append(inspect.Parameter("notes", keyword, default=False, annotation=NotesOption))
    if question.plot:
        extras.append(inspect.Parameter("plot", keyword, default=None, annotation=PlotOption))
    extras.append(inspect.Parameter("db", keyword, default=None, annotation=DatabaseOption))
    return extras


def _has_notes(question: Question) -> bool:
    """Whether the answer's rows carry a note: those of membership and term claims do.

    A list, not the row types: reading those imports the reports, and help must stay fast.
    """
    return question.report in _NOTED_REPORTS


# Reports some of whose rows have a confidence and a note: claims (claims/provenance.py),
# meetings with their participants and topics, agreements and their progress claims,
# diplomatic relations, regions' parts, countries, blocs and trade figures. tests/cli check it
# against the row types.
_NOTED_REPORTS = frozenset(
    {
        "agreement_report",
        "list_agreements",
        "envoys_between",
        "find_meetings",
        "meeting_detail",
        "members_on",
        "membership_timeline",
        "officials_on",
        "terms_of",
        "dyad_report",
        "country_profile",
        "relations_of",
        "region_parts",
        "list_blocs",
        "list_countries",
        "trade_between",
    }
)


def _help(question: Question) -> str:
    return f"{question.summary}\n\n{question.description}"


def _epilog(question: Question) -> str:
    # \b keeps click from reflowing the example into the paragraph before it.
    example = f"bilateral-db report {question.name} {question.example}".rstrip()
    return f"\b\nExample: {example}\nHTTP: GET {question.api_example()}"


def _command(question: Question) -> Any:
    def command(**values: Any) -> None:
        run(question, values)

    parameters = [_typer_parameter(param) for param in question.all_params]
    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        sorted(parameters, key=lambda p: p.default is not inspect.Parameter.empty)
        + _extra_parameters(question)
    )
    command.__name__ = question.name
    command.__doc__ = _help(question)
    return command


def run(question: Question, values: dict[str, Any]) -> None:
    """Check everything that can be checked, answer the question, then render it."""
    from bilateral_db.answers import answer_arguments, parse_arguments

    output: OutputFormat = values.pop("output")
    columns = [c.strip() for c in (values.pop("columns") or "").split(",") if c.strip()]
    notes: bool = values.pop("notes", False)
    plot: Path | None = values.pop("plot", None)
    db = values.pop("db")
    if plot is not None:
        if plot.suffix.lower() not in PLOT_SUFFIXES:
            fail(f"--plot: {plot} must end in {', '.join(PLOT_SUFFIXES)}", code=2)
        require_module("matplotlib", "--plot")
        writable_file(plot, "--plot")
    arguments = parse_arguments(question, values)
    with open_session(db) as session:
        answer = answer_arguments(question, session, arguments)
        if plot is not None:
            from bilateral_db.cli.plots import draw

            draw(question.plot or "", session, answer, arguments, plot)
    _show(answer, output, columns, notes=notes)
    if plot is not None:
        from bilateral_db.cli.options import error_console

        error_console.print(f"wrote {plot}", markup=False, highlight=False)


def _show(answer: Answer, output: OutputFormat, columns: list[str], *, notes: bool = False) -> None:
    import sys

    from bilateral_db.cli.render import (
        is_terminal,
        render,
        select_columns,
        terminal_width,
        unknown_columns,
    )

    if notes and columns:
        columns += [name for name in NOTE_COLUMNS if name not in columns]
    elif notes:
        answer = _with_notes(answer)
    if columns:
        if not answer.single:
            fail("--columns applies to list answers; use --format json for this one", code=2)
        unknown = unknown_columns(answer, columns)
        if unknown:
            known = ", ".join(answer.tables[0].columns)
            named = ", ".join(quoted(name) for name in unknown[:5])
            fail(f"--columns: no column {named}; choose from {known}", code=2)
        answer = select_columns(answer, columns)
    terminal = is_terminal()
    width = terminal_width() if terminal else None
    render(answer, output, width=width, styled=terminal, notes=sys.stderr)


def _with_notes(answer: Answer) -> Answer:
    """The terminal shows the note columns of every table that has them, last."""
    from dataclasses import replace

    tables = []
    for table in answer.tables:
        if table.display is not None:
            extra = [c for c in NOTE_COLUMNS if c in table.columns and c not in table.display]
            table = replace(table, display=[*table.display, *extra])
        tables.append(table)
    return replace(answer, tables=tables)


def command_for(name: str) -> Any:
    """The report command answering question `name`, to register under another name too."""
    return _command(BY_NAME[name])


for _question in QUESTIONS:
    app.command(_question.name, help=_help(_question), epilog=_epilog(_question))(
        _command(_question)
    )

__all__ = ["BY_NAME", "app", "command_for", "open_session", "run"]
