"""`bilateral-db export …`: panels for the tools researchers already use (CSV or Parquet)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
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

UNITS = ("country-year", "dyad-year")  # as bilateral_db.reports.panel.UNITS, without loading it
SYSTEMS = ("cow", "gw")  # as bilateral_db.reports.panel.SYSTEMS
SUFFIXES = (".csv", ".tsv", ".parquet")


def _counted(batches: Iterator[Any], bar: ProgressBar) -> Iterator[Any]:
    count = 0
    for batch in batches:
        count += len(batch)
        bar.update(count)
        yield batch


def _dollars(cents: int) -> str:
    """Integer cents as exact dollars, 12345 -> 123.45 (no float, no Decimal per cell)."""
    sign, cents = ("-", -cents) if cents < 0 else ("", cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def _write_csv(path: Path, columns: list[str], batches: Iterable[Any], delimiter: str = ",") -> int:
    """Rows of panel_batches, or Arrow record batches of panel_arrow (formatted a column at a
    time: no Python int or Decimal per cell), written alike."""
    from bilateral_db.reports.panel import FLAGS, MAYBE_FLAGS, MONEY

    money = [i for i, name in enumerate(columns) if name in MONEY]
    flags = [i for i, name in enumerate(columns) if name in FLAGS + MAYBE_FLAGS]
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(columns)
        for batch in batches:
            if not isinstance(batch, list):
                writer.writerows(_formatted(columns, batch))
                count += len(batch)
                continue
            rows = []
            for row in batch:
                values = ["" if v is None else v for v in row]
                for i in flags:
                    if row[i] is not None:
                        values[i] = bool(row[i])
                for i in money:
                    if row[i] is not None:
                        values[i] = _dollars(int(row[i]))
                rows.append(values)
            writer.writerows(rows)
            count += len(batch)
    return count


def _formatted(columns: list[str], batch: Any) -> Iterator[tuple[str, ...]]:
    """An Arrow batch of stored values as the CSV's text, as _write_csv writes rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from bilateral_db.reports.panel import FLAGS, MAYBE_FLAGS, MONEY

    texts = []
    for name, values in zip(columns, batch.columns, strict=True):
        if name in MONEY:
            values = _arrow_dollars(values)
        elif name in FLAGS + MAYBE_FLAGS:
            values = pc.if_else(pc.not_equal(values, 0), "True", "False")
        texts.append(pc.fill_null(pc.cast(values, pa.string()), "").to_pylist())
    return zip(*texts, strict=True)


def _arrow_dollars(cents: Any) -> Any:
    """Integer cents (Arrow) as exact decimal dollars."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cent = pa.scalar(Decimal("0.01"), pa.decimal128(3, 2))
    dollars = pc.multiply(pc.cast(cents, pa.decimal128(20, 0)), cent)
    return pc.cast(dollars, pa.decimal128(20, 2))


def _write_parquet(path: Path, unit: str, system: str, batches: Iterator[Any]) -> int:
    """Column by column: cents become decimal dollars in Arrow, not one Decimal per cell.
    `batches` are Arrow record batches of the stored values (panel_arrow) or lists of rows
    (panel_batches)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from bilateral_db.reports.panel import FLAGS, MAYBE_FLAGS, MONEY, panel_columns

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
        "part_year": pa.bool_(),
        "envoy_present": pa.bool_(),
        "visits_to": pa.int32(),
        "visits_from": pa.int32(),
        "envoy_source": pa.string(),
        "exports_basis": pa.string(),
        "total_basis": pa.string(),
        "qualifier": pa.string(),
        "list_source": pa.string(),
        "memberships_source": pa.string(),
        "meetings_source": pa.string(),
        "trade_source": pa.string(),
        "bloc_memberships": pa.int32(),
        "shared_memberships": pa.int32(),
        "meetings": pa.int32(),
    }
    columns = panel_columns(unit, system)
    schema = pa.schema([(c, types.get(c, money)) for c in columns])

    def stored(batch: Any) -> list[Any]:
        """A batch's columns as Arrow arrays of the stored values (flags 0/1 or booleans)."""
        if isinstance(batch, pa.RecordBatch):
            return list(batch.columns)
        arrays = []
        for name, values in zip(columns, zip(*batch, strict=True), strict=True):
            if name in MONEY:
                arrays.append(pa.array(values, pa.int64()))
            elif name in FLAGS + MAYBE_FLAGS:
                arrays.append(pa.array([None if v is None else bool(v) for v in values]))
            else:
                arrays.append(pa.array(values, schema.field(name).type))
        return arrays

    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in batches:
            arrays = []
            for name, values in zip(columns, stored(batch), strict=True):
                if name in MONEY:
                    arrays.append(_arrow_dollars(values))
                else:
                    arrays.append(pc.cast(values, schema.field(name).type))
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
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
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            metavar="ISO",
            help="Only this country's rows (a dyad's first country); repeat for more.",
        ),
    ] = None,
    pair: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--pair", metavar="ISO ISO", help="Only this directed dyad (country-year: both)."
        ),
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Write a country-year or directed dyad-year panel with its state list's codes and ISO.

    The panel follows a state list (--system cow or gw, imported by `bilateral-db import
    cow-states` / `gw-states`; quickstart does): one row per state and year it was in the list
    at any time. A code's country is read on 1 July (31 December, then 1 January, for a state
    of part of the year: the importers' rule); a code that is its country's for part of the
    year while another code is the country's on 1 July is marked part_year and left empty.
    country-year: ccode (gwcode), year, iso, name, bloc memberships on that day, meetings,
    exports (reported, or the partners' reported imports: exports_basis mirror) and imports
    (USD, all goods). dyad-year: every directed pair of states in the list that year, with
    their shared bloc memberships, meetings between the two, and the first's trade with the
    second. Each group of cells names its sources (*_source). Rows are streamed, so memory
    stays flat.

    Example: bilateral-db export panel --unit dyad-year --pair USA THA --out usa-tha.csv
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
    from bilateral_db.reports.panel import panel_arrow, panel_batches, panel_columns

    url = database_url(db)
    engine = existing_database(url, read_only=True)
    partial = out.with_name(out.name + ".part")  # a failed export leaves any old file as it was
    try:
        with read_snapshot(engine) as connection, progress_bar(f"exporting {unit}") as bar:
            asked: dict[str, Any] = dict(
                unit=unit,
                system=system,
                year_from=year_from,
                year_to=year_to,
                countries=country or (),
                pair=pair,
            )
            # Read into Arrow columns where the ADBC driver is installed (the parquet extra).
            arrow = panel_arrow(connection, **asked)
            batches = arrow if arrow is not None else panel_batches(connection, **asked)
            rows = _counted(batches, bar)
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
