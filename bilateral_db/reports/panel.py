"""Country-year and dyad-year panels, read from the v_country_year and v_dyad_year views.

A panel follows a state list: `system="cow"` (Correlates of War, codes `ccode`) or "gw"
(Gleditsch–Ward, codes `gwcode`), one row per state and year it was in the list at any time.
Rows are streamed (a server-side cursor on PostgreSQL), so a long panel never sits in memory.
Money leaves as Decimal US dollars converted from integer cents; codes as integers, ready to
join with Correlates of War and peacesciencer data.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, column, select, table

UNITS = ("country-year", "dyad-year")
SYSTEMS = ("cow", "gw")
CODE_COLUMNS = {"cow": "ccode", "gw": "gwcode"}

COUNTRY_YEAR_COLUMNS = [
    "ccode",
    "year",
    "iso",
    "name",
    "listed",
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
    "listed",
    "shared_memberships",
    "meetings",
    "exports_usd",
    "imports_usd",
    "total_usd",
]

_VIEWS = {
    "country-year": (
        "v_country_year",
        ["ccode", "year", "iso", "name", "listed", "bloc_memberships", "meetings"],
        ["exports", "imports"],
        ["ccode", "year"],
    ),
    "dyad-year": (
        "v_dyad_year",
        ["ccode1", "ccode2", "year", "iso1", "iso2", "listed", "shared_memberships", "meetings"],
        ["exports", "imports", "total"],
        ["ccode1", "ccode2", "year"],
    ),
}


def panel_columns(unit: str, system: str = "cow") -> list[str]:
    columns = COUNTRY_YEAR_COLUMNS if unit == "country-year" else DYAD_YEAR_COLUMNS
    return [_coded(column, system) for column in columns]


def _coded(column: str, system: str) -> str:
    """A code column's name in `system`'s panel: ccode1 is gwcode1 in the GW panel."""
    return column.replace("ccode", CODE_COLUMNS[system]) if column.startswith("ccode") else column


def _code(code: Any) -> int | None:
    return None if code is None else int(code)


def panel_rows(
    connection: Connection,
    *,
    unit: str,
    system: str = "cow",
    year_from: int | None = None,
    year_to: int | None = None,
    batch_size: int = 5000,
) -> Iterator[dict[str, Any]]:
    """Panel rows in (code, year) or (code1, code2, year) order, one query, streamed.

    Dyad-years are every directed pair of states in the list in a year.
    """
    if unit not in _VIEWS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    if system not in SYSTEMS:
        raise ValueError(f"system must be one of {', '.join(SYSTEMS)}")
    name, listed, money, order = _VIEWS[unit]
    if system != "cow":
        name += f"_{system}"
    plain = [_coded(c, system) for c in listed]
    order = [_coded(c, system) for c in order]
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
            for key in plain:
                if key.startswith(CODE_COLUMNS[system]):
                    data[key] = _code(data[key])
            data["listed"] = bool(data["listed"])
            for m in money:
                cents = row[f"{m}_usd_minor"]
                data[f"{m}_usd"] = None if cents is None else Decimal(int(cents)).scaleb(-2)
            yield {c: data[c] for c in panel_columns(unit, system)}
