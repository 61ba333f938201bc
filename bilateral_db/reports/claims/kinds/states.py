"""Statehood as claims: a country counted as a state by a state list (COW, Gleditsch–Ward).

The lists name states by their own codes; a spell becomes claims about countries through the
dated crosswalk, cut where its code changes country (COW 365: Russia, the USSR, Russia).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import Connection, select

from bilateral_db.core.dates import PartialDate
from bilateral_db.core.vocabulary import DatePrecision, EndStatus, StateSystem
from bilateral_db.crosswalk import Crosswalk
from bilateral_db.reports.claims.coverage import CoverageRows, read_coverage
from bilateral_db.reports.claims.description import RELEASE, DatedKind, Where
from bilateral_db.reports.claims.engine import Claim
from bilateral_db.reports.claims.provenance import Provenance
from bilateral_db.tables import COUNTRY, SYSTEM_MEMBERSHIP

SPELL = SYSTEM_MEMBERSHIP
LAST_DAY = date.max - timedelta(days=1)  # an open spell's last day, for cutting it in pieces


class StateScope(NamedTuple):
    country_id: int


class StateData(NamedTuple):
    country: str  # ISO alpha-3 of the country the code stood for
    code: str  # the list and its code: cow 365


@dataclass(frozen=True)
class StateRow(Provenance):
    """A spell of a country in a state list (the disagreements report compares them)."""

    country: str
    code: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    end_status: str
    fact_id: int | None


def of_country(code: str) -> Where:
    return COUNTRY.c.code == code


def _claims(session: Connection, where: Sequence[Where]) -> list[Claim[StateScope, StateData]]:
    """Each spell of each list, cut into pieces by the country its code stood for."""
    wanted = set(session.scalars(select(COUNTRY.c.id).where(*where))) if where else None
    walks = {system.value: Crosswalk.read(session, system) for system in StateSystem}
    spells = session.execute(
        select(
            SPELL.c.id,
            SPELL.c.release_id,
            RELEASE.c.slug,
            RELEASE.c.precedence,
            SPELL.c.system,
            SPELL.c.code,
            SPELL.c.start_date,
            SPELL.c.end_date,
            SPELL.c.end_status,
        )
        .join(RELEASE, RELEASE.c.id == SPELL.c.release_id)
        .order_by(SPELL.c.id)
    )
    claims = []
    for spell_id, release_id, slug, precedence, system, code, start, end, status in spells:
        last = end or LAST_DAY
        pieces = walks[system].pieces(code, start, last)[0]
        for index, (first, piece_last, mapping) in enumerate(pieces):
            if wanted is not None and mapping.country_id not in wanted:
                continue
            whole = piece_last == last  # the piece runs to the spell's own end
            claims.append(
                Claim(
                    id=spell_id * 1000 + index,
                    scope=StateScope(mapping.country_id),
                    release_id=release_id,
                    release=slug,
                    precedence=precedence,
                    alternative_of=None,
                    start=first,
                    start_precision=DatePrecision.DAY,
                    end=None if end is None and whole else piece_last,
                    end_precision=DatePrecision.DAY,
                    end_status=status if whole else EndStatus.ENDED,
                    fact_id=None,
                    data=StateData(mapping.iso, f"{system} {code}"),
                )
            )
    return claims


def _coverage(
    session: Connection, claims: Sequence[Claim[StateScope, StateData]]
) -> CoverageRows[StateScope]:
    """A list speaks of every country within its period: a state in one list only is a "no"
    of the other (Liechtenstein is in COW's list, not in Gleditsch-Ward's)."""
    lists = set(session.scalars(select(SPELL.c.release_id).distinct()))
    coverage = CoverageRows[StateScope](
        keys=lambda _scope: (), speaks=lambda release, _scope: release in lists
    )
    return read_coverage(session, claims, coverage, None, lists)


STATE = DatedKind[StateScope, StateData, StateRow](
    name="state",
    table=SPELL,
    scope=StateScope,
    data=StateData,
    details=lambda statement: statement,
    row=StateRow,
    coverage=_coverage,
    subject=lambda data: f"state/{data.country}",
    of_country=of_country,
    reader=_claims,
)
