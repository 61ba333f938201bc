"""Who belonged to a bloc, in which role, on a day or over its whole history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from bilateral_db.dates import PartialDate
from bilateral_db.models import Actor, Bloc, Country, Membership
from bilateral_db.reports.lookup import checked
from bilateral_db.reports.pointintime import covers, partial


@dataclass(frozen=True)
class MembershipRow:
    """One membership: `country` is the member's ISO alpha-3, or its code when it is a bloc."""

    bloc: str
    country: str
    name: str
    member_kind: str
    role: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    fact_id: int


_MemberCountry = aliased(Country)
_MemberBloc = aliased(Bloc)


def _membership_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Bloc.code,
            func.coalesce(_MemberCountry.code, _MemberBloc.code),
            func.coalesce(_MemberCountry.common_name, _MemberCountry.name, _MemberBloc.name),
            case((_MemberCountry.id.is_not(None), "country"), else_="bloc"),
            Membership.role,
            Membership.start_date,
            Membership.start_date_precision,
            Membership.end_date,
            Membership.end_date_precision,
            Membership.fact_id,
        )
        .join(Bloc, Membership.bloc_id == Bloc.id)
        .join(Actor, Membership.actor_id == Actor.id)
        .outerjoin(_MemberCountry, Actor.country_id == _MemberCountry.id)
        .outerjoin(_MemberBloc, Actor.bloc_id == _MemberBloc.id)
    )


def _rows(session: Session, statement: Select[*tuple[Any, ...]]) -> list[MembershipRow]:
    return [
        MembershipRow(
            bloc=row[0],
            country=row[1],
            name=row[2],
            member_kind=row[3],
            role=row[4],
            start_date=partial(row[5], row[6]),
            end_date=partial(row[7], row[8]),
            fact_id=row[9],
        )
        for row in session.execute(statement)
    ]


@checked(bloc="bloc", on="day", role="role")
def members_on(
    session: Session, *, bloc: str, on: date, role: str | None = None
) -> list[MembershipRow]:
    """Members of `bloc` on day `on` (every role unless `role` is given), by role and code."""
    statement = _membership_select().where(
        Bloc.code == bloc.upper(),
        covers(Membership.start_date, Membership.end_date, Membership.end_date_precision, on),
    )
    if role is not None:
        statement = statement.where(Membership.role == role)
    statement = statement.order_by(
        Membership.role, func.coalesce(_MemberCountry.code, _MemberBloc.code)
    )
    return _rows(session, statement)


@checked(bloc="bloc", member="actor")
def membership_timeline(
    session: Session, *, bloc: str | None = None, member: str | None = None
) -> list[MembershipRow]:
    """Every membership of a bloc, or of a country (or bloc) in other blocs, in date order."""
    if bloc is None and member is None:
        raise ValueError("give a bloc, a member or both")
    statement = _membership_select()
    if bloc is not None:
        statement = statement.where(Bloc.code == bloc.upper())
    if member is not None:
        code = member.upper()
        statement = statement.where(or_(_MemberCountry.code == code, _MemberBloc.code == code))
    statement = statement.order_by(
        Membership.start_date,
        Bloc.code,
        func.coalesce(_MemberCountry.code, _MemberBloc.code),
        Membership.role,
    )
    return _rows(session, statement)


@checked(member="actor", on="day")
def memberships_on(session: Session, *, member: str, on: date) -> list[MembershipRow]:
    """Every role `member` (a country or bloc code) held in any bloc on day `on`."""
    code = member.upper()
    statement = (
        _membership_select()
        .where(
            or_(_MemberCountry.code == code, _MemberBloc.code == code),
            covers(Membership.start_date, Membership.end_date, Membership.end_date_precision, on),
        )
        .order_by(Bloc.code, Membership.role)
    )
    return _rows(session, statement)


@checked(a="actor", b="actor")
def membership_pairs(session: Session, *, a: str, b: str) -> list[MembershipRow]:
    """Roles either actor held in the other, a bloc: Russia as ASEAN's dialogue partner."""
    a, b = a.upper(), b.upper()
    statement = (
        _membership_select()
        .where(
            or_(
                (Bloc.code == b) & or_(_MemberCountry.code == a, _MemberBloc.code == a),
                (Bloc.code == a) & or_(_MemberCountry.code == b, _MemberBloc.code == b),
            )
        )
        .order_by(Membership.start_date, Membership.role)
    )
    return _rows(session, statement)
