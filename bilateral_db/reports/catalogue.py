"""What the database holds: every country and bloc, for choosing what to ask about.

Each list pages in SQL (`limit`, `offset`) in the order its docstring gives, a unique key last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, func, select

from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.claims.description import RELEASE
from bilateral_db.reports.lookup import checked
from bilateral_db.reports.paging import count_rows, page_of
from bilateral_db.reports.pointintime import partial
from bilateral_db.tables import BLOC, COUNTRY, FACT


@dataclass(frozen=True)
class CountryListRow:
    """A country by its ISO alpha-3 code, with its lifetime (NULL start: long-standing)."""

    country: str
    name: str
    alpha2: str | None
    numeric: str | None
    start_date: PartialDate | None
    end_date: PartialDate | None
    fact_id: int
    confidence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class BlocRow:
    """A bloc by our code, with its kind and lifetime."""

    bloc: str
    name: str
    kind: str
    founded_on: PartialDate | None
    dissolved_on: PartialDate | None
    source: str  # curated, or the data-set release that defined the bloc (COW IGO's IGOs)
    fact_id: int | None
    confidence: str | None = None  # a curated bloc's; a release's bloc is cited by the release
    note: str | None = None


def _countries() -> Select[Any]:
    return (
        select(
            COUNTRY.c.code,
            func.coalesce(COUNTRY.c.common_name, COUNTRY.c.name),
            COUNTRY.c.alpha2,
            COUNTRY.c.numeric,
            COUNTRY.c.start_date,
            COUNTRY.c.start_date_precision,
            COUNTRY.c.end_date,
            COUNTRY.c.end_date_precision,
            COUNTRY.c.fact_id,
            FACT.c.confidence,
            FACT.c.note,
        )
        .outerjoin(FACT, FACT.c.id == COUNTRY.c.fact_id)
        .order_by(COUNTRY.c.code)
    )


@checked()
def list_countries(
    session: Connection, *, limit: int | None = None, offset: int = 0
) -> list[CountryListRow]:
    """Every country, current and dissolved, by code (unique)."""
    return [
        CountryListRow(
            country=row[0],
            name=row[1],
            alpha2=row[2],
            numeric=row[3],
            start_date=partial(row[4], row[5]),
            end_date=partial(row[6], row[7]),
            fact_id=row[8],
            confidence=row[9],
            note=row[10],
        )
        for row in session.execute(page_of(_countries(), limit, offset))
    ]


@checked()
def list_countries_total(session: Connection, *, limit: int | None = None, offset: int = 0) -> int:
    """How many rows list_countries has (a page's limit and offset change nothing)."""
    return count_rows(session, _countries())


def _blocs() -> Select[Any]:
    return (
        select(
            BLOC.c.code,
            BLOC.c.name,
            BLOC.c.kind,
            BLOC.c.founded_on,
            BLOC.c.founded_on_precision,
            BLOC.c.dissolved_on,
            BLOC.c.dissolved_on_precision,
            BLOC.c.fact_id,
            RELEASE.c.slug,
            FACT.c.confidence,
            FACT.c.note,
        )
        .join(RELEASE, RELEASE.c.id == BLOC.c.release_id)
        .outerjoin(FACT, FACT.c.id == BLOC.c.fact_id)
        .order_by(BLOC.c.code)
    )


@checked()
def list_blocs(session: Connection, *, limit: int | None = None, offset: int = 0) -> list[BlocRow]:
    """Every bloc, by code (unique)."""
    return [
        BlocRow(
            bloc=row[0],
            name=row[1],
            kind=row[2],
            founded_on=partial(row[3], row[4]),
            dissolved_on=partial(row[5], row[6]),
            source=row[8],
            fact_id=row[7],
            confidence=row[9],
            note=row[10],
        )
        for row in session.execute(page_of(_blocs(), limit, offset))
    ]


@checked()
def list_blocs_total(session: Connection, *, limit: int | None = None, offset: int = 0) -> int:
    """How many rows list_blocs has (a page's limit and offset change nothing)."""
    return count_rows(session, _blocs())
