"""`bilateral-db export …`: panels for the tools researchers already use (CSV or Parquet)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer

from bilateral_db.cli.app import App
from bilateral_db.cli.options import (
    DatabaseOption,
    console,
    database_url,
    existing_database,
    fail,
    require_module,
    writable_file,
)
from bilateral_db.cli.progress import ProgressBar, progress_bar
from bilateral_db.core.quoting import quoted

app = App(help="Export panels: country-year and dyad-year tables.")

BATCH = 10_000
UNITS = ("country-year", "dyad-year")  # as bilateral_db.reports.panel.UNITS, without loading it
SYSTEMS = ("cow", "gw")  # as bilateral_db.reports.panel.SYSTEMS
SUFFIXES = (".csv", ".tsv", ".parquet")


def _counted(rows: Iterator[dict[str, Any]], bar: ProgressBar) -> Iterator[dict[str, Any]]:
    for count, row in enumerate(rows, 1):
        if count % 1000 == 0:
            bar.update(count)
        yield row


def _write_csv(
    path: Path, columns: list[str], rows: Iterable[dict[str, Any]], delimiter: str = ","
) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
            count += 1
    return count


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    while batch := list(islice(rows, BATCH)):
        yield batch


def _write_parquet(path: Path, unit: str, system: str, rows: Iterator[dict[str, Any]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from bilateral_db.reports.panel import panel_columns

    money = pa.decimal128(20, 2)
    types = {
        "ccode": pa.int32(),
        "ccode1": pa.int32(),
        "ccode2": pa.int32(),
        "gwcode": pa.int32(),
        "gwcode1": pa.int32(),
        "gwcode2": pa.int32(),
        "year": pa.int32(),
        "iso": pa.string(),
        "iso1": pa.string(),
        "iso2": pa.string(),
        "name": pa.string(),
        "listed": pa.bool_(),
        "bloc_memberships": pa.int32(),
        "shared_memberships": pa.int32(),
        "meetings": pa.int32(),
    }
    columns = panel_columns(unit, system)
    schema = pa.schema([(c, types.get(c, money)) for c in columns])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(rows):
            arrays = {c: [row[c] for row in batch] for c in columns}
            for c in columns:
                if schema.field(c).type == money:
                    arrays[c] = [None if v is None else Decimal(v) for v in arrays[c]]
            writer.write_table(pa.table(arrays, schema=schema))
            count += len(batch)
    return count


@app.command()
def panel(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            metavar="FILE",
            help="File to write: .csv, .tsv or .parquet (bilateral_db[parquet]).",
        ),
    ],
    unit: Annotated[
        str, typer.Option("--unit", metavar="UNIT", help="country-year or dyad-year.")
    ] = "country-year",
    system: Annotated[
        str,
        typer.Option(
            "--system",
            metavar="LIST",
            help="The state list the panel follows: cow (codes ccode) or gw (gwcode).",
        ),
    ] = "cow",
    year_from: Annotated[
        int | None, typer.Option("--from", metavar="YEAR", min=1, max=9998, help="First year.")
    ] = None,
    year_to: Annotated[
        int | None, typer.Option("--to", metavar="YEAR", min=1, max=9998, help="Last year.")
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Write a country-year or directed dyad-year panel with its state list's codes and ISO.

    The panel follows a state list (--system cow or gw, imported by `bilateral-db import
    cow-states` / `gw-states`; quickstart does): one row per state and year it was in the list
    at any time. country-year: ccode (gwcode), year, iso, name, bloc memberships on the year's
    last day in the list, meetings, exports and imports (USD, all goods, as the country reports
    them). dyad-year: every directed pair of states in the list that year, with their shared
    bloc memberships, meetings between the two, and the first's reported trade with the second.
    Rows are streamed, so memory stays flat.

    Example: bilateral-db export panel --unit dyad-year --from 1990 --out dyads.parquet
    """
    unit, system = unit.lower(), system.lower()
    if unit not in UNITS:
        fail(f"--unit: {quoted(unit)} is not a unit; use {' or '.join(UNITS)}", code=2)
    if system not in SYSTEMS:
        fail(f"--system: {quoted(system)} is not a state list; use {' or '.join(SYSTEMS)}", code=2)
    if year_from is not None and year_to is not None and year_from > year_to:
        fail(f"--from {year_from} is after --to {year_to}; swap them", code=2)
    writable_file(out, "--out")
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        fail(f"--out: {out} must end in {', '.join(SUFFIXES)} (the format is read from it)", 2)
    if suffix == ".parquet":
        require_module("pyarrow", "--out .parquet")
    from bilateral_db.db import read_snapshot
    from bilateral_db.reports.panel import panel_columns, panel_rows

    url = database_url(db)
    engine = existing_database(url, read_only=True)
    partial = out.with_name(out.name + ".part")  # a failed export leaves any old file as it was
    try:
        with read_snapshot(engine) as connection, progress_bar(f"exporting {unit}") as bar:
            rows = _counted(
                panel_rows(
                    connection, unit=unit, system=system, year_from=year_from, year_to=year_to
                ),
                bar,
            )
            if suffix == ".parquet":
                count = _write_parquet(partial, unit, system, rows)
            else:
                delimiter = "\t" if suffix == ".tsv" else ","
                count = _write_csv(partial, panel_columns(unit, system), rows, delimiter)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
        engine.dispose()
    if count == 0:
        fail(
            f"wrote no rows to {out}: no state of the {system} list in those years; is the "
            f"list imported? (bilateral-db import {system}-states; quickstart does)"
        )
    console.print(f"wrote {count:,} {unit} rows to {out}", highlight=False, markup=False)
