"""What the database holds: every country, bloc and agreement, for choosing what to ask about."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilateral_db.core.dates import PartialDate
from bilateral_db.models import Agreement, Bloc, Country, Release
from bilateral_db.reports.agreements import AgreementRow, agreement_row, agreement_select
from bilateral_db.reports.pointintime import partial


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


def list_countries(session: Session) -> list[CountryListRow]:
    """Every country, current and dissolved, by code."""
    statement = select(
        Country.code,
        func.coalesce(Country.common_name, Country.name),
        Country.alpha2,
        Country.numeric,
        Country.start_date,
        Country.start_date_precision,
        Country.end_date,
        Country.end_date_precision,
        Country.fact_id,
    ).order_by(Country.code)
    return [
        CountryListRow(
            country=row[0],
            name=row[1],
            alpha2=row[2],
            numeric=row[3],
            start_date=partial(row[4], row[5]),
            end_date=partial(row[6], row[7]),
            fact_id=row[8],
        )
        for row in session.execute(statement)
    ]


def list_blocs(session: Session) -> list[BlocRow]:
    """Every bloc, by code."""
    statement = (
        select(
            Bloc.code,
            Bloc.name,
            Bloc.kind,
            Bloc.founded_on,
            Bloc.founded_on_precision,
            Bloc.dissolved_on,
            Bloc.dissolved_on_precision,
            Bloc.fact_id,
            Release.slug,
        )
        .join(Release, Release.id == Bloc.release_id)
        .order_by(Bloc.code)
    )
    return [
        BlocRow(
            bloc=row[0],
            name=row[1],
            kind=row[2],
            founded_on=partial(row[3], row[4]),
            dissolved_on=partial(row[5], row[6]),
            source=row[8],
            fact_id=row[7],
        )
        for row in session.execute(statement)
    ]


def list_agreements(session: Session) -> list[AgreementRow]:
    """Every agreement, oldest signature first (unknown dates last)."""
    statement = agreement_select().order_by(
        Agreement.signed_on.is_(None), Agreement.signed_on, Agreement.slug
    )
    return [agreement_row(row) for row in session.execute(statement)]
