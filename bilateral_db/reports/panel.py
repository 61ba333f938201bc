"""Country-year and dyad-year panels, read from the v_country_year and v_dyad_year views.

The views read the tables every load and import builds (bilateral_db.panels), so a panel is
read, not computed: each group of cells names the releases it comes from (*_source).

A panel follows a state list: `system="cow"` (Correlates of War, codes `ccode`) or "gw"
(Gleditsch–Ward, codes `gwcode`), one row per state and year it was in the list at any time.
Rows are streamed (a server-side cursor on PostgreSQL), so a long panel never sits in memory;
`panel_arrow` reads them into Arrow columns instead where the ADBC driver is installed.
Money leaves as Decimal US dollars converted from integer cents; codes as integers, ready to
join with Correlates of War and peacesciencer data.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import suppress
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy import (
    Connection,
    Select,
    column,
    func,
    literal_column,
    select,
    table,
    union_all,
)

from bilateral_db.reports.lookup import country
from bilateral_db.tables import PANEL_COUNTRY_YEAR

UNITS = ("country-year", "dyad-year")
SYSTEMS = ("cow", "gw")
CODE_COLUMNS = {"cow": "ccode", "gw": "gwcode"}

# Where each group of cells comes from: the releases (and curated sources) read.
SOURCE_COLUMNS = ["list_source", "memberships_source", "meetings_source", "trade_source"]
DYAD_SOURCE_COLUMNS = [*SOURCE_COLUMNS[:3], "envoy_source", SOURCE_COLUMNS[3]]
COUNTRY_YEAR_COLUMNS = [
    "ccode",
    "year",
    "iso",
    "name",
    "listed",
    "part_year",
    "bloc_memberships",
    "meetings",
    "exports_usd",
    "exports_basis",
    "imports_usd",
    *SOURCE_COLUMNS,
]
DYAD_YEAR_COLUMNS = [
    "ccode1",
    "ccode2",
    "year",
    "iso1",
    "iso2",
    "listed",
    "part_year",
    "shared_memberships",
    "meetings",
    "visits_to",
    "visits_from",
    "envoy_present",
    "exports_usd",
    "exports_basis",
    "imports_usd",
    "total_usd",
    "total_basis",
    "qualifier",
    *DYAD_SOURCE_COLUMNS,
]
_MONEY = {"country-year": ["exports", "imports"], "dyad-year": ["exports", "imports", "total"]}
_VIEWS = {"country-year": "v_country_year", "dyad-year": "v_dyad_year"}
_ORDER = {"country-year": ["ccode", "year"], "dyad-year": ["ccode1", "ccode2", "year"]}


def panel_columns(unit: str, system: str = "cow") -> list[str]:
    columns = COUNTRY_YEAR_COLUMNS if unit == "country-year" else DYAD_YEAR_COLUMNS
    return [_coded(column, system) for column in columns]


def _coded(column: str, system: str) -> str:
    """A code column's name in `system`'s panel: ccode1 is gwcode1 in the GW panel."""
    return column.replace("ccode", CODE_COLUMNS[system]) if column.startswith("ccode") else column


PANEL_WORK_MEM = "256MB"
MONEY = ("exports_usd", "imports_usd", "total_usd")  # read as the views' *_usd_minor (cents)
FLAGS = ("listed", "part_year")
# The columns of text (every other one is an integer as stored).
TEXT = frozenset(
    {"iso", "iso1", "iso2", "name", "exports_basis", "total_basis", "qualifier"}
    | {*SOURCE_COLUMNS, *DYAD_SOURCE_COLUMNS}
)
MAYBE_FLAGS = ("envoy_present",)  # NULL where no data know of such a post


def _statement(
    connection: Connection,
    unit: str,
    system: str,
    year_from: int | None,
    year_to: int | None,
    countries: Sequence[str],
    pair: tuple[str, str] | None,
    typed_first: bool = False,
    codes: tuple[int, int] | None = None,
) -> Select[Any]:
    """The panel's rows in order. `typed_first`: a first row of placeholders (0 and '', not
    a panel row) states each column's type, for a reader that infers types from the first
    rows it sees (the ADBC SQLite driver, which types a column NULL there as an integer).
    `codes`: the rows whose (first) code is in that closed range only."""
    if unit not in _VIEWS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    if system not in SYSTEMS:
        raise ValueError(f"system must be one of {', '.join(SYSTEMS)}")
    name = _VIEWS[unit] + ("" if system == "cow" else f"_{system}")
    stored = [f"{c}_minor" if c in MONEY else c for c in panel_columns(unit, system)]
    view = table(name, *(column(c) for c in stored))
    statement = select(*(view.c[c] for c in stored))
    if year_from is not None:
        statement = statement.where(view.c.year >= year_from)
    if year_to is not None:
        statement = statement.where(view.c.year <= year_to)
    first = view.c.iso if unit == "country-year" else view.c.iso1
    if countries:
        statement = statement.where(first.in_([country(connection, c).code for c in countries]))
    if pair is not None:
        one, other = (country(connection, code).code for code in pair)
        if unit == "country-year":
            statement = statement.where(first.in_([one, other]))
        else:
            statement = statement.where(view.c.iso1 == one, view.c.iso2 == other)
    order = [_coded(c, system) for c in _ORDER[unit]]
    if codes is not None:
        statement = statement.where(view.c[order[0]].between(*codes))
    if not typed_first:
        return statement.order_by(*(view.c[c] for c in order))
    placeholders: Iterator[Any] = (
        literal_column("''" if c in TEXT else "0").label(c) for c in stored
    )
    rows = union_all(
        select(*placeholders, literal_column("0").label("placeholder")),
        statement.add_columns(literal_column("1").label("placeholder")),
    ).subquery("panel")
    return select(*(rows.c[c] for c in stored)).order_by(
        rows.c.placeholder, *(rows.c[c] for c in order)
    )


def panel_batches(
    connection: Connection,
    *,
    unit: str,
    system: str = "cow",
    year_from: int | None = None,
    year_to: int | None = None,
    countries: Sequence[str] = (),
    pair: tuple[str, str] | None = None,
    batch_size: int = 10_000,
) -> Iterator[list[tuple[Any, ...]]]:
    """Panel rows as they are stored, in batches: tuples in `panel_columns` order, money in
    integer US cents, flags as the backend gives them (0/1 on SQLite). For writers that
    convert a column at a time (Parquet); `panel_rows` gives each row as plain values."""
    statement = _statement(connection, unit, system, year_from, year_to, countries, pair)
    if connection.dialect.name == "postgresql" and unit == "dyad-year" and pair is None:
        # The whole panel hash-joins a million pair-years of trade: with the default 4 MB of
        # work memory the hash spills to disk in 128 batches. For this transaction only.
        connection.exec_driver_sql(f"SET LOCAL work_mem = '{PANEL_WORK_MEM}'")
    # Options on the statement, not the connection: Connection.execution_options changes the
    # connection itself, and would stream every later statement (savepoints included).
    result = connection.execute(
        statement.execution_options(stream_results=True, yield_per=batch_size)
    )
    with result:  # closes the server-side cursor even if the caller stops early
        for partition in result.partitions(batch_size):
            yield [tuple(row) for row in partition]


def panel_arrow(
    connection: Connection,
    *,
    unit: str,
    system: str = "cow",
    year_from: int | None = None,
    year_to: int | None = None,
    countries: Sequence[str] = (),
    pair: tuple[str, str] | None = None,
    batch_size: int = 65_536,
) -> Iterator[Any] | None:
    """Panel rows as Arrow record batches of the stored values (those of panel_batches), read
    by the backend's ADBC driver straight into columns, with no Python object per cell (the
    dyad-year panel is some 50 million cells); None where that driver is not installed
    (`bilateral_db[parquet]` installs it) or cannot open the database (SQLite in memory):
    read panel_batches then. The driver opens a connection of its own and reads the panel in
    one statement, so the rows are of one committed state, as in a snapshot."""
    url = connection.engine.url
    sqlite = connection.dialect.name == "sqlite"
    try:
        dbapi = import_module(f"adbc_driver_{'sqlite' if sqlite else 'postgresql'}.dbapi")
    except ImportError:
        return None
    if sqlite:
        database = url.database or ":memory:"
        if database.startswith("file:"):  # a URI already (a read-only engine's)
            query = urlencode({k: v for k, v in url.query.items() if k != "uri"}, doseq=True)
            uri = f"{database}?{query}" if query else database
        else:
            uri = f"file:{quote(str(Path(database).resolve()))}?mode=ro"
        if database in (":memory:", "file::memory:") or "mode=memory" in uri:
            return None
    else:
        uri = url.set(drivername="postgresql").render_as_string(hide_password=False)
    whole = (connection, unit, system, year_from, year_to, countries, pair)
    if not sqlite:
        setup = []
        if unit == "dyad-year" and pair is None:
            setup.append(f"SET work_mem = '{PANEL_WORK_MEM}'")  # as panel_batches
        return _postgresql_batches(dbapi, uri, setup, _sql(connection, _statement(*whole)))
    ranges = _code_ranges(connection, system) if unit == "dyad-year" and pair is None else [None]
    parts = [_sql(connection, _statement(*whole, typed_first=True, codes=r)) for r in ranges]
    return _sqlite_batches(dbapi, uri, parts, batch_size)


def _sql(connection: Connection, statement: Select[Any]) -> str:
    """The statement's SQL with its values in it (codes, years: a driver of its own runs it)."""
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    return str(compiled)


def _postgresql_batches(dbapi: Any, uri: str, setup: list[str], sql: str) -> Iterator[Any]:
    with dbapi.connect(uri) as adbc, adbc.cursor() as cursor:
        for statement in setup:
            cursor.execute(statement)
        cursor.execute(sql)
        yield from cursor.fetch_record_batch()


# SQLite computes a statement on one core: the whole dyad-year panel is read in parts (ranges
# of ccode1), by two connections at once, in order.
READERS = 2
PARTS = 8


def _code_ranges(connection: Connection, system: str) -> list[tuple[int, int] | None]:
    """The list's codes in PARTS ranges of about as many state-years each."""
    rows = connection.execute(
        select(PANEL_COUNTRY_YEAR.c.code, func.count())
        .where(PANEL_COUNTRY_YEAR.c.system == system)
        .group_by(PANEL_COUNTRY_YEAR.c.code)
        .order_by(PANEL_COUNTRY_YEAR.c.code)
    ).all()
    total = sum(count for _, count in rows)
    ranges: list[tuple[int, int] | None] = []
    first, seen = None, 0
    for code, count in rows:
        first = code if first is None else first
        seen += count
        if seen * PARTS >= total * (len(ranges) + 1):
            ranges.append((first, code))
            first = None
    if first is not None:
        ranges.append((first, rows[-1][0]))
    return ranges or [None]


def _sqlite_batches(dbapi: Any, uri: str, parts: list[str], batch_size: int) -> Iterator[Any]:
    """The batches of `parts` in order, READERS of them computed at once, each by a connection
    of its own while the caller takes the part before (a few batches wait, no more). The
    readers' transactions all start on one committed state (_one_state)."""
    readers = _one_state(dbapi, uri, min(READERS, len(parts)))
    waiting: list[queue.Queue[Any]] = [queue.Queue(maxsize=4) for _ in readers]
    stop = threading.Event()

    def read(index: int) -> None:
        try:
            for part in parts[index :: len(readers)]:
                if stop.is_set():  # the caller stopped: compute no further part
                    return
                with readers[index].cursor() as cursor:
                    cursor.adbc_statement.set_options(
                        **{"adbc.sqlite.query.batch_rows": str(batch_size)}
                    )
                    cursor.execute(part)
                    placeholder = True  # the first row states the types (typed_first)
                    for batch in cursor.fetch_record_batch():
                        if placeholder:
                            batch, placeholder = batch.slice(1), False
                        if stop.is_set():
                            return
                        if batch.num_rows:
                            waiting[index].put(batch)
                waiting[index].put(_END)
        except BaseException as error:  # the caller raises it
            waiting[index].put(error)

    threads = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(len(readers))]
    for thread in threads:
        thread.start()
    try:
        for index in range(len(parts)):
            source = waiting[index % len(readers)]
            while (item := source.get()) is not _END:
                if isinstance(item, BaseException):
                    raise item
                yield item
    finally:
        stop.set()
        while any(thread.is_alive() for thread in threads):
            for source in waiting:  # unblock a reader waiting to hand over a batch
                with suppress(queue.Empty):
                    source.get_nowait()
            time.sleep(0.01)
        for reader in readers:
            reader.close()


_END = object()  # a part's last batch was handed over


def _one_state(dbapi: Any, uri: str, count: int) -> list[Any]:
    """`count` connections whose read transactions see the same committed state: opened
    while a connection of autocommit sees no commit (SQLite's data_version, which changes
    with every commit of another connection)."""

    def value(connection: Any, sql: str) -> Any:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    with dbapi.connect(uri, autocommit=True) as watcher:
        for _ in range(20):
            before = value(watcher, "PRAGMA data_version")
            readers = [dbapi.connect(uri) for _ in range(count)]  # each in a transaction
            for reader in readers:
                value(reader, "SELECT count(*) FROM sqlite_master")  # its state from now on
            if value(watcher, "PRAGMA data_version") == before:
                return readers
            for reader in readers:
                reader.close()
    raise RuntimeError("the database changed all the time; export it once writes are done")


def panel_rows(
    connection: Connection,
    *,
    unit: str,
    system: str = "cow",
    year_from: int | None = None,
    year_to: int | None = None,
    countries: Sequence[str] = (),
    pair: tuple[str, str] | None = None,
    batch_size: int = 5000,
) -> Iterator[dict[str, Any]]:
    """Panel rows in (code, year) or (code1, code2, year) order, one query, streamed.

    Dyad-years are every directed pair of states in the list in a year (two codes of one
    country in a transition year are no pair). `countries` (ISO alpha-3) keeps the rows of
    those countries (a dyad's first); `pair` keeps one directed dyad. Money is Decimal US
    dollars, flags are booleans.
    """
    columns = panel_columns(unit, system)
    money = [i for i, name in enumerate(columns) if name in MONEY]
    flags = [i for i, name in enumerate(columns) if name in FLAGS + MAYBE_FLAGS]
    for batch in panel_batches(
        connection,
        unit=unit,
        system=system,
        year_from=year_from,
        year_to=year_to,
        countries=countries,
        pair=pair,
        batch_size=batch_size,
    ):
        for row in batch:
            values = list(row)
            for i in flags:
                values[i] = None if values[i] is None else bool(values[i])
            for i in money:
                cents = values[i]
                values[i] = None if cents is None else Decimal(int(cents)).scaleb(-2)
            yield dict(zip(columns, values, strict=True))
