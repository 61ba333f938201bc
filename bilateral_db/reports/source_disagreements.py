"""Where sources disagree beyond their precision: one row per stretch of days on which one
source says a membership, term or state held and another says it did not.

A COW spell known to the year that covers 1997 does not disagree with a curated start of
1997-07-23 (the year's days before it are uncertain, not denied); an observer status from 2014
and one from 2022 do. Compared are the claimants of one scope (reports/claims/engine.py): each
data-set release, the curated fixtures, and each curated alternative against the claim it
stands beside. States are compared per country: the COW and Gleditsch-Ward lists, through the
crosswalk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from bilateral_db.core.dates import PartialDate, format_partial
from bilateral_db.core.vocabulary import DatePrecision, EndStatus
from bilateral_db.reports.claims import engine
from bilateral_db.reports.claims.description import DatedKind
from bilateral_db.reports.claims.engine import NEVER, AnyClaim, Claimant, Conflict
from bilateral_db.reports.claims.kinds.memberships import MEMBERSHIP
from bilateral_db.reports.claims.kinds.states import STATE
from bilateral_db.reports.claims.kinds.terms import TERM
from bilateral_db.reports.claims.provenance import Cited, require_source
from bilateral_db.reports.lookup import Vocabulary, checked
from bilateral_db.reports.paging import page_rows

# The kinds compared, in this order; a disagreements query's `kind` names one.
COMPARED: tuple[DatedKind[Any, Any, Any], ...] = (MEMBERSHIP, TERM, STATE)
KINDS = tuple(kind.name for kind in COMPARED)


@dataclass(frozen=True)
class DisagreementRow:
    """Days on which `yes_sources` say it held and `no_sources` say it did not."""

    kind: str
    subject: str  # ASEAN/TLS/observer, RUS/foreign-minister/sergey-lavrov, state/DEU
    first: PartialDate
    last: PartialDate | None  # None: still so
    yes_sources: tuple[str, ...]
    yes_claims: str
    no_sources: tuple[str, ...]
    no_claims: str


def _disagreements(
    session: Connection,
    bloc: str | None,
    country: str | None,
    source: str | None,
    kind: str | None,
) -> list[DisagreementRow]:
    if source is not None:
        source = require_source(session, source)
    rows: list[DisagreementRow] = []
    for compared in COMPARED:
        if kind not in (None, compared.name):
            continue
        where = []
        if bloc is not None:
            if compared.of_bloc is None:
                continue  # a kind not about blocs has no disagreement about one
            where.append(compared.of_bloc(bloc))
        if country is not None:
            where.append(compared.of_country(country))
        rows += _of_kind(session, compared, where)
    if source is not None:
        rows = [r for r in rows if source in r.yes_sources or source in r.no_sources]
    return sorted(rows, key=lambda r: (r.kind, r.subject, r.first.value))


_checked = checked(bloc="bloc", country="country", kind=Vocabulary("kind", KINDS))


@_checked
def disagreements(
    session: Connection,
    *,
    bloc: str | None = None,
    country: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[DisagreementRow]:
    """Every disagreement between sources, by kind, subject and first day (filters: a bloc's
    memberships, a country's memberships, terms and statehood, those one source takes part
    in); a page (`limit`, `offset`) is cut after the claims are compared."""
    return page_rows(_disagreements(session, bloc, country, source, kind), limit, offset)


@_checked
def disagreements_total(
    session: Connection,
    *,
    bloc: str | None = None,
    country: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows disagreements has (a page's limit and offset change nothing)."""
    return len(_disagreements(session, bloc, country, source, kind))


def _of_kind(
    session: Connection, kind: DatedKind[Any, Any, Any], where: Sequence[Any]
) -> list[DisagreementRow]:
    """The conflicts among the claims of `kind` about scopes more than one claimant speaks of."""
    claims = kind.claims(session, *where)
    coverage = kind.coverage(session, claims)
    contested = []
    for scope, group in engine.by_scope(claims).items():
        everyone = engine.claimants(group, scope, coverage)
        if len(everyone) > 1:
            contested.append((scope, group, everyone))
    cited = Cited.read(session, [claim for _scope, group, _all in contested for claim in group])
    rows = []
    for scope, group, everyone in contested:
        subject = kind.subject(group[0].data)
        for conflict in engine.conflicts_among(scope, everyone, coverage):
            rows.append(_row(kind.name, subject, conflict, cited))
    return rows


def _row(kind: str, subject: str, conflict: Conflict[Any, Any], cited: Cited) -> DisagreementRow:
    return DisagreementRow(
        kind=kind,
        subject=subject,
        first=PartialDate(conflict.first, DatePrecision.DAY),
        last=None if conflict.last == NEVER else PartialDate(conflict.last, DatePrecision.DAY),
        yes_sources=_sources(conflict.yes, cited),
        yes_claims=_spells(conflict.yes),
        no_sources=_sources(conflict.no, cited),
        no_claims=_spells(conflict.no),
    )


def _sources(claimant: Claimant[Any, Any], cited: Cited) -> tuple[str, ...]:
    if not claimant.shown:  # a release covering the scope with no claim of it
        return (claimant.release,)
    slugs = [slug for claim in claimant.shown for slug in cited.of(claim)]
    return tuple(dict.fromkeys(slugs))


def _spells(claimant: Claimant[Any, Any]) -> str:
    """The claimant's claims about the scope as a reader writes them: 2002..2014; 2022-11-11.."""
    if not claimant.shown:
        return "none (covers it, claims nothing)"
    return "; ".join(_spell(claim) for claim in sorted(claimant.shown, key=lambda c: c.first))


def _spell(claim: AnyClaim) -> str:
    start = format_partial(claim.start, claim.start_precision) or "?"
    if claim.end_status == EndStatus.ONGOING:
        end = ""
    elif claim.end_status == EndStatus.UNKNOWN:
        end = "(ended, date unknown)"
    else:
        end = format_partial(claim.end, claim.end_precision) or ""
        if claim.end_status == EndStatus.CENSORED:
            end += " (still so at the source's edge)"
    return f"{start}..{end}"
