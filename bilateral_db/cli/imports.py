"""`bilateral-db import …`: one command per data set, each a release replaced atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilateral_db.cli.app import App
from bilateral_db.cli.options import (
    DatabaseOption,
    console,
    database_url,
    error_console,
    existing_database,
    fail,
)
from bilateral_db.cli.progress import progress_bar

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bilateral_db.imports import ImportResult

app = App(help="Import the field's standard data sets as releases beside the curated facts.")

FINDINGS_SHOWN = 5  # per kind; `bilateral-db sources RELEASE --findings` lists them all

# name -> (what the file is, an example path as the data set publishes it)
DATASETS = {
    "cow-states": ("the Correlates of War state system list", "states2016.csv"),
    "gw-states": ("the Gleditsch-Ward list of independent states", "gw_states.csv"),
    "cow-igo": ("Correlates of War IGO v3, state-year format", "state_year_formatv3.csv.gz"),
    "archigos": ("Archigos, a data set of political leaders", "archigos_4.1.csv"),
    "cow-trade": ("Correlates of War Trade v4.0, dyadic", "Dyadic_COW_4.0.csv"),
    "comtrade": (
        "UN Comtrade bulk files (legacy or Comtrade+ layout; several files are one release)",
        "comtrade-2019.zip COMTRADE-FINAL-CA842201.gz",
    ),
    "trade": ("a tidy trade CSV (docs/trade-files.md)", "figures.csv"),
    "pocom": (
        "the Office of the Historian's U.S. chiefs of mission and principal officers",
        "pocom-master.zip",
    ),
    "hsg-travels": (
        "the Office of the Historian's travels abroad of the President and the Secretary of State",
        "travels-master.zip",
    ),
    "hsg-visits": (
        "the Office of the Historian's visits by foreign leaders to the U.S.",
        "visits-master.zip",
    ),
}
# Data sets published as a repository of files: a directory, or its .zip/.tar.gz.
RECORD_SETS = frozenset({"pocom", "hsg-travels", "hsg-visits"})
# Data sets whose several files are one release.
SEVERAL_FILES = frozenset({"comtrade"})

PathArgument = Annotated[
    Path | None,
    typer.Argument(
        exists=True,
        dir_okay=False,
        metavar="PATH",
        help="The file (.csv or .csv.gz). Default: the file shipped with the package, if any.",
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Write the release again even when the same file is already imported."
    ),
]
PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        exists=True,
        dir_okay=False,
        metavar="PATH…",
        help="The files (.csv, .txt, .gz or .zip of them), imported together as one release.",
    ),
]
DirectoryArgument = Annotated[
    Path | None,
    typer.Argument(
        exists=True,
        metavar="PATH",
        help="The record set: a directory, or its repository as .zip or .tar.gz. Default: the "
        "copy shipped with the package.",
    ),
]
VersionOption = Annotated[
    str | None,
    typer.Option(
        "--version",
        metavar="VERSION",
        help="The release's version, where the file does not say (default: the data set's).",
    ),
]
WaitOption = Annotated[
    float,
    typer.Option("--wait", metavar="SECONDS", min=0, help="How long to wait for another load."),
]


def run(
    engine: Engine,
    name: str,
    path: Path | list[Path],
    version: str | None,
    wait: float,
    force: bool = False,
) -> ImportResult:
    """Import with a progress bar; a bad file is listed problem by problem and fails, and so
    does an interrupted import (Ctrl-C), which changes nothing: it runs in one transaction."""
    from bilateral_db.imports import ImportFileError, import_dataset
    from bilateral_db.writing.errors import WriteError  # what the loaders call LoadError

    try:
        with progress_bar(f"importing {name}", unit="bytes") as bar:
            return import_dataset(
                engine,
                name,
                path,
                version=version,
                progress=lambda _what, done, total: bar.update(done, total),
                lock_timeout=wait,
                force=force,
            )
    except KeyboardInterrupt:
        fail("interrupted; nothing was changed (an import is one transaction)", code=130)
    except ImportFileError as problems:
        for problem in problems.problems:
            error_console.print(str(problem), highlight=False, markup=False, soft_wrap=True)
        fail(f"{problems.args[0]}; nothing was imported")
    except WriteError as error:
        fail(f"{error}; nothing was imported")


def report(result: ImportResult) -> None:
    console.print(result.summary(), highlight=False, markup=False)
    for finding in result.findings[: FINDINGS_SHOWN * 4]:
        line = f" (line {finding.line})" if finding.line else ""
        console.print(
            f"  {finding.kind}{line}: {finding.record}: {finding.message}",
            highlight=False,
            markup=False,
        )


def _shipped(name: str) -> Path:
    """The file shipped with the package for `name`, said aloud; a usage error if none is."""
    from bilateral_db.imports import BUNDLED, bundled_path

    if name not in BUNDLED:
        fail(f"PATH: no {name} file is shipped with the package; give the file's path", code=2)
    path = bundled_path(name)
    error_console.print(
        f"no PATH given: importing the file shipped with the package, {BUNDLED[name]}",
        highlight=False,
        markup=False,
    )
    return path


def _command(name: str) -> None:
    what, example = DATASETS[name]

    def command(
        path: PathArgument = None,
        version: VersionOption = None,
        force: ForceOption = False,
        wait: WaitOption = 60.0,
        db: DatabaseOption = None,
    ) -> None:
        _import(name, path, version, wait, db, force)

    def record_set(
        path: DirectoryArgument = None,
        version: VersionOption = None,
        force: ForceOption = False,
        wait: WaitOption = 60.0,
        db: DatabaseOption = None,
    ) -> None:
        _import(name, path, version, wait, db, force)

    def several(
        paths: PathsArgument,
        version: VersionOption = None,
        force: ForceOption = False,
        wait: WaitOption = 60.0,
        db: DatabaseOption = None,
    ) -> None:
        _import(name, paths, version, wait, db, force)

    chosen = record_set if name in RECORD_SETS else several if name in SEVERAL_FILES else command
    chosen.__doc__ = (
        f"Import {what} as a release: all or nothing, the same file twice changes nothing, "
        f"a newer file replaces the release's rows. Curated rows are never touched.\n\n"
        f"Example: bilateral-db import {name} {example}"
    )
    app.command(name)(chosen)


def _import(
    name: str,
    path: Path | list[Path] | None,
    version: str | None,
    wait: float,
    db: str | None,
    force: bool,
) -> None:
    from bilateral_db.core.digests import hash_soon

    if name not in RECORD_SETS and path:
        # The file's hash decides whether there is anything to do: it is computed while the
        # importer's modules load (an unchanged file's import is little else).
        hash_soon(path if isinstance(path, list) else [path])
    from bilateral_db.imports.release import check_version

    try:
        check_version(version)
    except ValueError as error:
        fail(str(error), code=2)
    path = path or _shipped(name)
    url = database_url(db)
    engine = existing_database(url)
    try:
        report(run(engine, name, path, version, wait, force))
    finally:
        engine.dispose()


for _name in DATASETS:
    _command(_name)
