"""Country-year and dyad-year panels, read from the v_country_year and v_dyad_year views.

Rows are streamed (a server-side cursor on PostgreSQL), so a long panel never sits in memory.
Money leaves as Decimal US dollars converted from integer cents; COW codes as integers, ready to
join with Correlates of War and peacesciencer data.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, column, select, table

UNITS = ("country-year", "dyad-year")

COUNTRY_YEAR_COLUMNS = [
    "ccode",
    "year",
    "iso",
    "name",
    "bloc_memberships",
    "meetings",
    "exports_usd",
    "imports_usd",
]
DYAD_YEAR_COLUMNS = [
    "ccode1",
    "ccode2",
    "year",
    "iso1",
    "iso2",
    "shared_memberships",
    "meetings",
    "exports_usd",
    "imports_usd",
    "total_usd",
]

_VIEWS = {
    "country-year": (
        "v_country_year",
        ["ccode", "year", "iso", "name", "bloc_memberships", "meetings"],
        ["exports", "imports"],
        ["iso", "year"],
    ),
    "dyad-year": (
        "v_dyad_year",
        ["ccode1", "ccode2", "year", "iso1", "iso2", "shared_memberships", "meetings"],
        ["exports", "imports", "total"],
        ["iso1", "iso2", "year"],
    ),
}


def panel_columns(unit: str) -> list[str]:
    return COUNTRY_YEAR_COLUMNS if unit == "country-year" else DYAD_YEAR_COLUMNS


def _cow(code: Any) -> int | None:
    return int(code) if isinstance(code, str) and code.isdigit() else None


def panel_rows(
    connection: Connection,
    *,
    unit: str,
    year_from: int | None = None,
    year_to: int | None = None,
    batch_size: int = 5000,
) -> Iterator[dict[str, Any]]:
    """Panel rows in (iso, year) or (iso1, iso2, year) order, one query, streamed.

    Dyad-years cover the directed pairs of countries that shared a bloc membership, met, or
    traded at some time (every pair of every country would be millions of empty rows).
    """
    if unit not in _VIEWS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    name, plain, money, order = _VIEWS[unit]
    view = table(name, *(column(c) for c in plain + [f"{m}_usd_minor" for m in money]))
    statement = select(view).order_by(*(view.c[c] for c in order))
    if year_from is not None:
        statement = statement.where(view.c.year >= year_from)
    if year_to is not None:
        statement = statement.where(view.c.year <= year_to)
    # Options on the statement, not the connection: Connection.execution_options changes the
    # connection itself, and would stream every later statement (savepoints included).
    result = connection.execute(
        statement.execution_options(stream_results=True, yield_per=batch_size)
    )
    with result:  # closes the server-side cursor even if the caller stops early
        for row in result.mappings():
            data = {c: row[c] for c in plain}
            for key in ("ccode", "ccode1", "ccode2"):
                if key in data:
                    data[key] = _cow(data[key])
            for m in money:
                cents = row[f"{m}_usd_minor"]
                data[f"{m}_usd"] = None if cents is None else Decimal(int(cents)).scaleb(-2)
            yield {c: data[c] for c in panel_columns(unit)}
