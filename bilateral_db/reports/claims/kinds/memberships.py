"""Memberships as claims: a country (or bloc) in a bloc, in a role, over an interval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Connection, Select, case, func, or_, select

from bilateral_db import tables
from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.claims.coverage import COVERAGE, CoverageKey, CoverageRows, read_coverage
from bilateral_db.reports.claims.description import DatedKind, Where
from bilateral_db.reports.claims.engine import Claim
from bilateral_db.reports.claims.provenance import Provenance
from bilateral_db.tables import ACTOR, BLOC, COUNTRY

MEMBERSHIP_TABLE = tables.MEMBERSHIP
MEMBER_COUNTRY = COUNTRY.alias("member_country")
MEMBER_BLOC = BLOC.alias("member_bloc")


class MembershipScope(NamedTuple):
    bloc_id: int
    actor_id: int
    role: str


class MembershipData(NamedTuple):
    bloc: str
    country: str
    name: str
    member_kind: str
    role: str


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
    end_status: str | None  # None on a row saying its source is silent (covered false)
    fact_id: int | None


def _details(statement: Select[tuple[object, ...]]) -> Select[tuple[object, ...]]:
    return (
        statement.add_columns(
            BLOC.c.code,
            func.coalesce(MEMBER_COUNTRY.c.code, MEMBER_BLOC.c.code),
            func.coalesce(MEMBER_COUNTRY.c.common_name, MEMBER_COUNTRY.c.name, MEMBER_BLOC.c.name),
            case((MEMBER_COUNTRY.c.id.is_not(None), "country"), else_="bloc"),
            MEMBERSHIP_TABLE.c.role,
        )
        .join(BLOC, MEMBERSHIP_TABLE.c.bloc_id == BLOC.c.id)
        .join(ACTOR, MEMBERSHIP_TABLE.c.actor_id == ACTOR.c.id)
        .outerjoin(MEMBER_COUNTRY, ACTOR.c.country_id == MEMBER_COUNTRY.c.id)
        .outerjoin(MEMBER_BLOC, ACTOR.c.bloc_id == MEMBER_BLOC.c.id)
    )


def in_bloc(code: str) -> Where:
    """Memberships in the bloc `code`."""
    return BLOC.c.code == code


def of_member(code: str) -> Where:
    """Memberships held by the country or bloc `code`."""
    return or_(MEMBER_COUNTRY.c.code == code, MEMBER_BLOC.c.code == code)


def in_role(role: str) -> Where:
    return MEMBERSHIP_TABLE.c.role == role


def _coverage(
    session: Connection, claims: Sequence[Claim[MembershipScope, MembershipData]]
) -> CoverageRows[MembershipScope]:
    """Releases cover a member in a bloc where the bloc and the member are covered, no gap.

    A release that codes a bloc speaks for every status role in it (the roles membership_role
    gives a COW IGO code): COW's 0 is "in no role" that year, so it says "no" for every member
    it covers there without a claim of the role (an SCO observer COW codes 0 is a
    disagreement, though COW codes no SCO observer).
    """
    blocs = sorted({c.scope.bloc_id for c in claims})
    actors = sorted({c.scope.actor_id for c in claims})
    # (release, bloc, role): the release covers the bloc, and so speaks for this status role
    coded: set[tuple[int, int, str]] = set()
    roles = tables.MEMBERSHIP_ROLE
    if blocs:
        coded = {
            (release, bloc, role)
            for release, bloc, role in session.execute(
                select(COVERAGE.c.release_id, COVERAGE.c.bloc_id, roles.c.code)
                .distinct()
                .join(roles, roles.c.cow_igo_code.is_not(None))
                .where(
                    COVERAGE.c.bloc_id.in_(blocs),
                    COVERAGE.c.actor_id.is_(None),
                    COVERAGE.c.post_id.is_(None),
                    COVERAGE.c.covered,
                )
            )
        }
    coverage = CoverageRows[MembershipScope](
        keys=lambda scope: (
            CoverageKey(bloc_id=scope.bloc_id),
            CoverageKey(actor_id=scope.actor_id),
        ),
        gap=lambda scope: CoverageKey(scope.bloc_id, scope.actor_id),
        speaks=lambda release, scope: (release, scope.bloc_id, scope.role) in coded,
    )
    about = [
        or_(COVERAGE.c.bloc_id.in_(blocs), COVERAGE.c.bloc_id.is_(None)),
        or_(COVERAGE.c.actor_id.in_(actors), COVERAGE.c.actor_id.is_(None)),
        COVERAGE.c.post_id.is_(None),
    ]
    releases = {release for release, _bloc, _role in coded}
    read_coverage(session, claims, coverage, about, releases)
    return coverage


MEMBERSHIP = DatedKind[MembershipScope, MembershipData, MembershipRow](
    name="membership",
    table=MEMBERSHIP_TABLE,
    scope=MembershipScope,
    data=MembershipData,
    details=_details,
    row=MembershipRow,
    coverage=_coverage,
    subject=lambda data: f"{data.bloc}/{data.country}/{data.role}",
    of_country=of_member,
    of_bloc=in_bloc,
)
