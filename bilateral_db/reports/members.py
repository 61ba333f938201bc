"""Who belonged to a bloc, in which role, on a day or over its whole history, by every source.

Each answer uses the preferred claims (reports/claimed.py) and says which sources agree and
whether another disputes it; `source` answers from one source, `all_claims` lists them all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from bilateral_db.core.dates import PartialDate
from bilateral_db.models import (
    CURATED_RELEASE_ID,
    Actor,
    Bloc,
    Country,
    Fact,
    Membership,
    Release,
)
from bilateral_db.models import Coverage as CoverageRow
from bilateral_db.reports.claimed import (
    Cited,
    Provenance,
    coverage_of,
    from_source,
    require_source,
    rows_on_day,
    spell_rows,
)
from bilateral_db.reports.claims import Claim, Coverage
from bilateral_db.reports.lookup import checked
from bilateral_db.reports.pointintime import partial


@dataclass(frozen=True)
class MembershipRow(Provenance):
    """One membership: `country` is the member's ISO alpha-3, or its code when it is a bloc."""

    bloc: str
    country: str
    name: str
    member_kind: str
    role: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    end_status: str
    fact_id: int | None


_MemberCountry = aliased(Country)
_MemberBloc = aliased(Bloc)
_MEMBER_CODE = func.coalesce(_MemberCountry.code, _MemberBloc.code)


def _claim_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Membership.id,
            Membership.bloc_id,
            Membership.actor_id,
            Membership.role,
            Membership.release_id,
            Release.slug,
            Release.precedence,
            Membership.alternative_of_id,
            Membership.start_date,
            Membership.start_date_precision,
            Membership.end_date,
            Membership.end_date_precision,
            Membership.end_status,
            Membership.fact_id,
            Bloc.code,
            _MEMBER_CODE,
            func.coalesce(_MemberCountry.common_name, _MemberCountry.name, _MemberBloc.name),
            case((_MemberCountry.id.is_not(None), "country"), else_="bloc"),
            Fact.confidence,
            Fact.note,
        )
        .join(Release, Release.id == Membership.release_id)
        .join(Bloc, Membership.bloc_id == Bloc.id)
        .join(Actor, Membership.actor_id == Actor.id)
        .outerjoin(_MemberCountry, Actor.country_id == _MemberCountry.id)
        .outerjoin(_MemberBloc, Actor.bloc_id == _MemberBloc.id)
        .outerjoin(Fact, Fact.id == Membership.fact_id)
    )


def _claims(session: Session, *where: ColumnElement[bool]) -> list[Claim]:
    claims = []
    for row in session.execute(_claim_select().where(*where)):
        claims.append(
            Claim(
                id=row[0],
                scope=(row[1], row[2], row[3]),
                release_id=row[4],
                release=row[5],
                precedence=row[6],
                alternative_of=row[7],
                start=row[8],
                start_precision=row[9],
                end=row[10],
                end_precision=row[11],
                end_status=row[12],
                fact_id=row[13],
                data={
                    "bloc": row[14],
                    "country": row[15],
                    "name": row[16],
                    "member_kind": row[17],
                    "role": row[3],
                    "confidence": row[18],
                    "note": row[19],
                },
            )
        )
    return claims


def _row(claim: Claim, provenance: Provenance) -> MembershipRow:
    data = claim.data
    return MembershipRow(
        bloc=data["bloc"],
        country=data["country"],
        name=data["name"],
        member_kind=data["member_kind"],
        role=data["role"],
        start_date=partial(claim.start, claim.start_precision),
        end_date=partial(claim.end, claim.end_precision),
        end_status=claim.end_status,
        fact_id=claim.fact_id,
        **asdict(provenance),
    )


def _coverage(session: Session, claims: list[Claim]) -> Coverage:
    """Releases cover a member in a bloc where the bloc and the member are covered, no gap.

    A release that codes a role in a bloc (COW: member, associate member, observer) says "no"
    for every member it covers there without a claim of that role (COW's 0 cells).
    """
    blocs = sorted({c.scope[0] for c in claims})  # type: ignore[index]
    actors = sorted({c.scope[1] for c in claims})  # type: ignore[index]
    roles: set[tuple[int, int, str]] = set(
        (release, bloc, role)
        for release, bloc, role in session.execute(
            select(Membership.release_id, Membership.bloc_id, Membership.role)
            .distinct()
            .where(Membership.release_id != CURATED_RELEASE_ID, Membership.bloc_id.in_(blocs))
        )
    )

    def narrow(statement: Any) -> Any:
        return statement.where(
            or_(CoverageRow.bloc_id.in_(blocs), CoverageRow.bloc_id.is_(None)),
            or_(CoverageRow.actor_id.in_(actors), CoverageRow.actor_id.is_(None)),
            CoverageRow.post_id.is_(None),
        )

    coverage = coverage_of(
        session,
        claims,
        narrow,
        keys=lambda scope: ((scope[0], None, None), (None, scope[1], None)),  # type: ignore[index]
        gap_key=lambda scope: (scope[0], scope[1], None),  # type: ignore[index]
        releases={release for release, _bloc, _role in roles},
    )
    coverage.speaks = lambda release, scope: (release, scope[0], scope[2]) in roles  # type: ignore[index]
    return coverage


def _read(
    session: Session, source: str | None, *where: ColumnElement[bool]
) -> tuple[list[Claim], Cited, Coverage]:
    claims = _claims(session, *where)
    cited = Cited.read(session, claims)
    if source is not None:
        claims = from_source(claims, require_source(session, source), cited)
    return claims, cited, _coverage(session, claims)


def _member_is(code: str) -> ColumnElement[bool]:
    return or_(_MemberCountry.code == code, _MemberBloc.code == code)


@checked(bloc="bloc", on="day", role="role")
def members_on(
    session: Session,
    *,
    bloc: str,
    on: date,
    role: str | None = None,
    source: str | None = None,
    all_claims: bool = False,
    strict: bool = False,
) -> list[MembershipRow]:
    """Members of `bloc` on day `on` (every role unless `role` is given), by role and code.

    `strict` leaves out answers that rest on an imprecise date (a start known to the month).
    """
    where = [Bloc.code == bloc.upper()]
    if role is not None:
        where.append(Membership.role == role)
    claims, cited, coverage = _read(session, source, *where)
    rows = rows_on_day(claims, on, _row, cited, coverage, all_claims=all_claims, strict=strict)
    return sorted(rows, key=lambda r: (r.role, r.country, not r.preferred, r.source))


@checked(bloc="bloc", member="actor")
def membership_timeline(
    session: Session,
    *,
    bloc: str | None = None,
    member: str | None = None,
    source: str | None = None,
    all_claims: bool = False,
) -> list[MembershipRow]:
    """Every membership of a bloc, or of a country (or bloc) in other blocs, in date order."""
    if bloc is None and member is None:
        raise ValueError("give a bloc, a member or both")
    where = []
    if bloc is not None:
        where.append(Bloc.code == bloc.upper())
    if member is not None:
        where.append(_member_is(member.upper()))
    claims, cited, coverage = _read(session, source, *where)
    rows = spell_rows(claims, _row, cited, coverage, all_claims=all_claims)
    return sorted(rows, key=_in_date_order)


def _in_date_order(row: MembershipRow) -> tuple[Any, ...]:
    start = row.start_date.value if row.start_date else date.min
    return (start, row.bloc, row.country, row.role, not row.preferred, row.source)


@checked(member="actor", on="day")
def memberships_on(
    session: Session,
    *,
    member: str,
    on: date,
    source: str | None = None,
    all_claims: bool = False,
    strict: bool = False,
) -> list[MembershipRow]:
    """Every role `member` (a country or bloc code) held in any bloc on day `on`."""
    claims, cited, coverage = _read(session, source, _member_is(member.upper()))
    rows = rows_on_day(claims, on, _row, cited, coverage, all_claims=all_claims, strict=strict)
    return sorted(rows, key=lambda r: (r.bloc, r.role, not r.preferred, r.source))


@checked(a="actor", b="actor")
def membership_pairs(
    session: Session, *, a: str, b: str, source: str | None = None, all_claims: bool = False
) -> list[MembershipRow]:
    """Roles either actor held in the other, a bloc: Russia as ASEAN's dialogue partner."""
    a, b = a.upper(), b.upper()
    where = or_((Bloc.code == b) & _member_is(a), (Bloc.code == a) & _member_is(b))
    claims, cited, coverage = _read(session, source, where)
    rows = spell_rows(claims, _row, cited, coverage, all_claims=all_claims)
    return sorted(rows, key=lambda r: (_in_date_order(r)[0], r.role, not r.preferred))
