"""The `bilateral-db` command line: thin commands over the library.

Importing this package loads Typer and the command specs only; each command imports what it
needs when it runs, so `--help` and `--version` start in a fraction of a second.
"""

from __future__ import annotations

import copy
import sys
from typing import Annotated

import typer

from bilateral_db import __version__
from bilateral_db.cli import db
from bilateral_db.cli import docs as docs_commands
from bilateral_db.cli import export as export_commands
from bilateral_db.cli import fixtures as fixture_commands
from bilateral_db.cli import imports as import_commands
from bilateral_db.cli import quickstart as quickstart_command
from bilateral_db.cli import reports as report_commands
from bilateral_db.cli import serve as serve_command
from bilateral_db.cli.app import App, RootGroup

app = App(
    name="bilateral-db", help="A dated, cited database of international relations.", cls=RootGroup
)
app.add_typer(db.app, name="db")
app.command("validate")(fixture_commands.validate)
app.command("load")(fixture_commands.load)
app.add_typer(import_commands.app, name="import")
app.add_typer(report_commands.app, name="report")
app.command("quickstart")(quickstart_command.quickstart)
app.add_typer(export_commands.app, name="export")
app.add_typer(docs_commands.app, name="docs")
app.command("serve")(serve_command.serve)
# `bilateral-db sources` is `bilateral-db report sources`: the list researchers look at first.
app.command(
    "sources", help="Every source: data-set releases with their counts, and cited sources."
)(report_commands.command_for("sources"))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bilateral-db {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="On an error, show the traceback instead of a one-line message."
        ),
    ] = False,
) -> None:
    """A dated, cited database of international relations."""


# Root options that take no value and may stand before the command's name.
ROOT_FLAGS = frozenset({"--debug"})


def narrowed(group: typer.Typer, args: list[str]) -> typer.Typer:
    """`group` with only the command `args` names (within a group, recursively).

    Typer turns every registered command into a click command on each start, reading each
    function's signature and type hints: for a report, that was a tenth of the start-up. The
    command the arguments name is all a run needs. Anything else (no command, an option
    first, a name that is no command) gets the whole group, so help, completion and "no such
    command" with its suggestions are as they were.
    """
    skipped = 0
    while skipped < len(args) and args[skipped] in ROOT_FLAGS and group is app:
        skipped += 1
    if skipped == len(args) or args[skipped].startswith("-"):
        return group
    name, rest = args[skipped], args[skipped + 1 :]
    for command in group.registered_commands:
        callback = command.callback
        if (command.name or typer.main.get_command_name(getattr(callback, "__name__", ""))) == name:
            narrow = copy.copy(group)
            narrow.registered_commands, narrow.registered_groups = [command], []
            return narrow
    for sub in group.registered_groups:
        if sub.name == name and sub.typer_instance is not None:
            info = copy.copy(sub)
            info.typer_instance = narrowed(sub.typer_instance, rest)
            narrow = copy.copy(group)
            narrow.registered_commands, narrow.registered_groups = [], [info]
            return narrow
    return group


def main() -> None:
    narrowed(app, sys.argv[1:])()
