"""The `bilateral-db` command line: thin commands over the library."""

from __future__ import annotations

import typer

from bilateral_db import __version__
from bilateral_db.cli import db

app = typer.Typer(
    name="bilateral-db",
    help="A dated, cited database of international relations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bilateral-db {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """A dated, cited database of international relations."""


def main() -> None:
    app()
