"""`bilateral-db docs …`: regenerate the generated documentation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilateral_db.cli.app import App
from bilateral_db.cli.options import DatabaseOption, console, fail, writable_file

app = App(
    help="Generated files: the schema dictionary, the readers' Core tables, Datasette metadata."
)


OutOption = Annotated[Path | None, typer.Option("--out", metavar="FILE", help="Where to write.")]
CheckOption = Annotated[
    bool, typer.Option("--check", help="Exit 1 if the file is out of date; write nothing.")
]


@app.command()
def schema(out: OutOption = None, check: CheckOption = False) -> None:
    """Write docs/schema.md from the models' column comments and the views.

    Example: bilateral-db docs schema --check
    """
    from bilateral_db.docs_schema import default_path, render_schema

    _generated(out or default_path(), render_schema(), "schema", check=check)


@app.command()
def tables(out: OutOption = None, check: CheckOption = False) -> None:
    """Write bilateral_db/tables.py, the Core tables readers select from, from the models.

    Run it after changing a model (with the migration); tests fail while it is stale.

    Example: bilateral-db docs tables --check
    """
    from bilateral_db.docs_tables import default_path, render_tables

    _generated(out or default_path(), render_tables(), "tables", check=check)


def _generated(path: Path, text: str, command: str, *, check: bool) -> None:
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            fail(f"{path} is out of date; run bilateral-db docs {command}")
        console.print(f"{path} is up to date", markup=False, highlight=False)
        return
    writable_file(path, "--out")
    path.write_text(text, encoding="utf-8")
    console.print(f"wrote {path}", markup=False, highlight=False)


@app.command()
def datasette(
    out: Annotated[
        Path, typer.Option("--out", metavar="FILE", help="Where to write the metadata.")
    ] = Path("metadata.json"),
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="The database's name in Datasette: its file name without .sqlite. "
            "Default: read from --db.",
            show_default=False,
        ),
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Write Datasette metadata: descriptions of every table, view and column.

    Then run `datasette bilateral.sqlite --metadata metadata.json` (pip install datasette).

    Example: bilateral-db docs datasette --out metadata.json
    """
    import json

    from sqlalchemy.engine import make_url

    from bilateral_db.cli.options import database_url
    from bilateral_db.core.quoting import quoted
    from bilateral_db.docs_datasette import datasette_metadata

    if name is None:
        url = make_url(database_url(db))
        if url.get_backend_name() != "sqlite" or not url.database:
            fail("--db: Datasette serves SQLite files; give a sqlite:/// URL or --name", 2)
        name = Path(url.database).stem
    if not name.strip() or len(name) > 255 or not name.isprintable():
        fail(f"--name: {quoted(name)} is not a database name Datasette can serve", 2)
    writable_file(out, "--out")
    document = datasette_metadata(name)
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(f"wrote {out} for database {quoted(name)}", markup=False, highlight=False)
