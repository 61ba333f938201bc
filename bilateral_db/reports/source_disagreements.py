"""Where sources disagree beyond their precision: one row per stretch of days on which one
source says a membership, term or state held and another says it did not.

A COW spell known to the year that covers 1997 does not disagree with a curated start of
1997-07-23 (the year's days before it are uncertain, not denied); an observer status from 2014
and one from 2022 do. Compared are the claimants of one scope (reports/claims.py): each data-set
release, the curated fixtures, and each curated alternative against the claim it stands beside.
States are compared per country: the COW and Gleditsch-Ward lists, through the crosswalk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilateral_db.core.dates import PartialDate, format_partial
from bilateral_db.core.vocabulary import DatePrecision
from bilateral_db.crosswalk import Crosswalk
from bilateral_db.models import Bloc, Country, Release, SystemMembership
from bilateral_db.reports import members, officials
from bilateral_db.reports.claimed import Cited, by_scope, require_source
from bilateral_db.reports.claims import (
    NEVER,
    Claim,
    Claimant,
    Conflict,
    Coverage,
    CoverageRows,
    claimants,
    conflicts,
)
from bilateral_db.reports.lookup import checked

KINDS = ("membership", "term", "state")


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


@checked(bloc="bloc", country="country")
def disagreements(
    session: Session,
    *,
    bloc: str | None = None,
    country: str | None = None,
    source: str | None = None,
    kind: str | None = None,
) -> list[DisagreementRow]:
    """Every disagreement between sources, by kind and subject (filters: a bloc's memberships,
    a country's memberships, terms and statehood, those one source takes part in)."""
    if source is not None:
        source = require_source(session, source)
    wanted = set(KINDS) if kind is None else {kind}
    rows: list[DisagreementRow] = []
    if "membership" in wanted:
        rows += _memberships(session, bloc, country)
    if "term" in wanted and bloc is None:
        rows += _terms(session, country)
    if "state" in wanted and bloc is None:
        rows += _states(session, country)
    if source is not None:
        rows = [r for r in rows if source in r.yes_sources or source in r.no_sources]
    return sorted(rows, key=lambda r: (r.kind, r.subject, r.first.value))


def _memberships(session: Session, bloc: str | None, country: str | None) -> list[DisagreementRow]:
    where = []
    if bloc is not None:
        where.append(Bloc.code == bloc.upper())
    if country is not None:
        where.append(members._member_is(country.upper()))
    claims = members._claims(session, *where)
    coverage = members._coverage(session, claims)
    contested = _contested(claims, coverage)
    return _rows("membership", contested, coverage, Cited.read(session, contested), _label_member)


def _terms(session: Session, country: str | None) -> list[DisagreementRow]:
    where = [] if country is None else [Country.code == country.upper()]
    claims = officials._claims(session, *where)
    coverage = officials._coverage(session, claims)
    contested = _contested(claims, coverage)
    return _rows("term", contested, coverage, Cited.read(session, contested), _label_term)


def _contested(claims: Iterable[Claim], coverage: Coverage) -> list[Claim]:
    """The claims of scopes that more than one claimant speaks about."""
    found = []
    for scope, group in by_scope(claims).items():
        if len(claimants(group, scope, coverage)) > 1:
            found += group
    return found


def _label_member(claim: Claim) -> str:
    return f"{claim.data['bloc']}/{claim.data['country']}/{claim.data['role']}"


def _label_term(claim: Claim) -> str:
    return f"{claim.data['country']}/{claim.data['post']}/{claim.data['person']}"


def _rows(
    kind: str,
    claims: list[Claim],
    coverage: Coverage,
    cited: Cited,
    label: Callable[[Claim], str],
) -> list[DisagreementRow]:
    rows = []
    for scope, group in by_scope(claims).items():
        for conflict in conflicts(scope, group, coverage):
            rows.append(_row(kind, label(group[0]), conflict, cited))
    return rows


def _row(kind: str, subject: str, conflict: Conflict, cited: Cited) -> DisagreementRow:
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


def _sources(claimant: Claimant, cited: Cited) -> tuple[str, ...]:
    if claimant.alternative is not None:
        return cited.of(claimant.alternative)
    if not claimant.claims:  # a release covering the scope with no claim of it
        return (claimant.release,)
    slugs: list[str] = []
    for claim in claimant.claims:
        slugs += cited.of(claim)
    return tuple(dict.fromkeys(slugs))


def _spells(claimant: Claimant) -> str:
    """The claimant's claims about the scope as a reader writes them: 2002..2014; 2022-11-11.."""
    shown = [claimant.alternative] if claimant.alternative else claimant.claims
    if not shown:
        return "none (covers it, claims nothing)"
    return "; ".join(_spell(claim) for claim in sorted(shown, key=_start_of))


def _start_of(claim: Claim) -> date:
    return claim.start or date.min


def _spell(claim: Claim) -> str:
    start = format_partial(claim.start, claim.start_precision) or "?"
    if claim.end_status == "ongoing":
        end = ""
    elif claim.end_status == "unknown":
        end = "(ended, date unknown)"
    else:
        end = format_partial(claim.end, claim.end_precision) or ""
        if claim.end_status == "censored":
            end += " (still so at the source's edge)"
    return f"{start}..{end}"


# --- states: the COW and GW lists, per country ---------------------------------------------


def _states(session: Session, country: str | None) -> list[DisagreementRow]:
    releases = {
        row.id: row
        for row in session.execute(
            select(
                Release.id,
                Release.slug,
                Release.precedence,
                Release.coverage_start,
                Release.coverage_end,
            ).where(Release.id.in_(select(SystemMembership.release_id)))
        )
    }
    if len({row.id for row in releases.values()}) < 2:
        return []
    walks = {system: Crosswalk.read(session.connection(), system) for system in ("cow", "gw")}
    claims: list[Claim] = []
    iso_of: dict[int, str] = {}
    for spell in session.scalars(select(SystemMembership)):
        release = releases[spell.release_id]
        last = spell.end_date or date.max - timedelta(days=1)
        for index, (first, piece_last, mapping) in enumerate(
            walks[spell.system].pieces(spell.code, spell.start_date, last)[0]
        ):
            iso_of[mapping.country_id] = mapping.iso
            status = spell.end_status if piece_last == last else "ended"
            claims.append(
                Claim(
                    id=spell.id * 1000 + index,
                    scope=mapping.country_id,
                    release_id=release.id,
                    release=release.slug,
                    precedence=release.precedence,
                    alternative_of=None,
                    start=first,
                    start_precision=DatePrecision.DAY,
                    end=None if spell.end_date is None and piece_last == last else piece_last,
                    end_precision=DatePrecision.DAY,
                    end_status=status,
                    fact_id=None,
                    data={"code": f"{spell.system} {spell.code}"},
                )
            )
    if country is not None:
        wanted = country.upper()
        claims = [c for c in claims if iso_of[c.scope] == wanted]  # type: ignore[index]
    coverage = CoverageRows(
        keys=lambda _scope: (),
        periods={r.id: (r.coverage_start, r.coverage_end) for r in releases.values()},
    )
    rows = []
    cited = Cited({})
    for scope, group in by_scope(_contested(claims, coverage)).items():
        for conflict in conflicts(scope, group, coverage):
            rows.append(_row("state", f"state/{iso_of[scope]}", conflict, cited))  # type: ignore[index]
    return rows
