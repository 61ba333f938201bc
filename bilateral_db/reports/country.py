"""A country's profile on a day: its codes, its roles in blocs and its office holders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from bilateral_db.core import dates
from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.claims.kinds.country_codes import COUNTRY_CODE
from bilateral_db.reports.claims.kinds.memberships import MembershipRow
from bilateral_db.reports.claims.kinds.terms import TermRow
from bilateral_db.reports.lookup import COUNTRY, UnknownCode, checked
from bilateral_db.reports.members import memberships_on
from bilateral_db.reports.names import read_names
from bilateral_db.reports.officials import officials_on
from bilateral_db.reports.pointintime import partial, period_end_exclusive

CODE = COUNTRY_CODE.table


@dataclass(frozen=True)
class CountryRow:
    """The country and the external codes (COW, GW, M49) that applied to it on the day."""

    country: str
    name: str
    official_name: str | None
    alpha2: str | None
    numeric: str | None
    start_date: PartialDate | None
    end_date: PartialDate | None
    existed: bool
    cow: str | None
    gw: str | None
    m49: str | None
    fact_id: int


@dataclass(frozen=True)
class CountryProfile:
    on: date
    country: CountryRow
    memberships: list[MembershipRow]
    officials: list[TermRow]


@checked(country="country", on="day")
def country_profile(session: Connection, *, country: str, on: date) -> CountryProfile:
    """Everything known about `country` on day `on`, in three queries."""
    rows = session.execute(
        select(
            COUNTRY.c.code,
            COUNTRY.c.common_name,
            COUNTRY.c.name,
            COUNTRY.c.official_name,
            COUNTRY.c.alpha2,
            COUNTRY.c.numeric,
            COUNTRY.c.start_date,
            COUNTRY.c.start_date_precision,
            COUNTRY.c.end_date,
            COUNTRY.c.end_date_precision,
            COUNTRY.c.fact_id,
            CODE.c.scheme,
            CODE.c.code,
        )
        .select_from(COUNTRY)
        .outerjoin(
            CODE,
            (CODE.c.country_id == COUNTRY.c.id)
            & COUNTRY_CODE.preferred()
            & ((CODE.c.start_date.is_(None)) | (CODE.c.start_date <= on))
            & (
                CODE.c.end_date.is_(None)
                | (period_end_exclusive(CODE.c.end_date, CODE.c.end_date_precision) > on)
            ),
        )
        .where(COUNTRY.c.code == country)
    ).all()
    if not rows:
        raise UnknownCode("country", country, [])
    first = rows[0]
    codes = {row[11]: row[12] for row in rows if row[11] is not None}
    start, end = partial(first[6], first[7]), partial(first[8], first[9])
    existed = (start is None or start.value <= on) and (
        end is None or on < dates.period_end_exclusive(end.value, end.precision)
    )
    names = read_names(session, countries=[first[0]])
    profile = CountryRow(
        country=first[0],
        name=names.country(first[0], on, first[1] or first[2]),
        official_name=first[3],
        alpha2=first[4],
        numeric=first[5],
        start_date=start,
        end_date=end,
        existed=existed,
        cow=codes.get("cow"),
        gw=codes.get("gw"),
        m49=codes.get("m49"),
        fact_id=first[10],
    )
    return CountryProfile(
        on=on,
        country=profile,
        memberships=memberships_on(session, member=country, on=on),
        officials=officials_on(session, country=country, on=on),
    )
