"""`bilateral-db export …`: panels for the tools researchers already use (CSV or Parquet)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.exc import OperationalError, ProgrammingError

from bilateral_db.cli.options import (
    DatabaseOption,
    console,
    database_url,
    existing_database,
    fail,
)
from bilateral_db.reports.panel import UNITS, panel_columns, panel_rows
from bilateral_db.settings import redact_url

app = typer.Typer(help="Export panels: country-year and dyad-year tables.", no_args_is_help=True)

BATCH = 10_000


def _write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
            count += 1
    return count


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    while batch := list(islice(rows, BATCH)):
        yield batch


def _write_parquet(path: Path, unit: str, rows: Iterator[dict[str, Any]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    money = pa.decimal128(20, 2)
    types = {
        "ccode": pa.int32(),
        "ccode1": pa.int32(),
        "ccode2": pa.int32(),
        "year": pa.int32(),
        "iso": pa.string(),
        "iso1": pa.string(),
        "iso2": pa.string(),
        "name": pa.string(),
        "bloc_memberships": pa.int32(),
        "shared_memberships": pa.int32(),
        "meetings": pa.int32(),
    }
    columns = panel_columns(unit)
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
    out: Annotated[Path, typer.Option("--out", help="File to write: .csv, or .parquet.")],
    unit: Annotated[
        str, typer.Option("--unit", help="country-year or dyad-year.")
    ] = "country-year",
    year_from: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    db: DatabaseOption = None,
) -> None:
    """Write a country-year or directed dyad-year panel with ISO and COW codes.

    country-year: ccode, year, iso, name, bloc memberships on 31 December, meetings, exports and
    imports (USD, all goods, as the country reports them), for the years the country existed
    (from 1946). dyad-year: ccode1, ccode2, year, shared bloc memberships on 31 December,
    meetings between the two, and ccode1's reported trade with ccode2 — only for the pairs that
    shared a membership, met or traded at some time (all pairs would be millions of empty rows).
    Rows are streamed, so memory stays flat.

    Example: bilateral-db export panel --unit dyad-year --from 1990 --out dyads.parquet
    """
    if unit not in UNITS:
        fail(f"--unit must be one of {', '.join(UNITS)}", code=2)
    url = database_url(db)
    engine = existing_database(url)
    try:
        with engine.connect() as connection:
            rows = panel_rows(connection, unit=unit, year_from=year_from, year_to=year_to)
            if out.suffix.lower() == ".parquet":
                count = _write_parquet(out, unit, rows)
            else:
                count = _write_csv(out, panel_columns(unit), rows)
    except (OperationalError, ProgrammingError) as error:
        fail(
            f"cannot read {redact_url(url)}: {error.orig}; is it migrated? "
            "(bilateral-db db upgrade)"
        )
    finally:
        engine.dispose()
    console.print(f"wrote {count} {unit} rows to {out}", highlight=False)
