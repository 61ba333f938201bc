"""`bilateral-db docs …`: regenerate the generated documentation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilateral_db.cli.options import console, fail
from bilateral_db.docs_schema import default_path, render_schema

app = typer.Typer(help="Generated documentation.", no_args_is_help=True)


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option("--out", help="Where to write.")] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if the file is out of date; write nothing.")
    ] = False,
) -> None:
    """Write docs/schema.md from the models' column comments and the views.

    Example: bilateral-db docs schema --check
    """
    path = out or default_path()
    text = render_schema()
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            fail(f"{path} is out of date; run bilateral-db docs schema")
        console.print(f"{path} is up to date")
        return
    path.write_text(text, encoding="utf-8")
    console.print(f"wrote {path}")
