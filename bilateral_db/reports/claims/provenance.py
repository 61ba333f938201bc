"""Report rows made from claims: which source a row comes from, who agrees, who disputes.

Every report row about a claim (a membership, a term) carries its provenance: `source` is the
release of the claim shown (`curated` for the reviewed fixtures), `sources` every source that
agrees with the answer (the curated claim's cited sources, data-set releases by their slug),
`disputed` whether another source says otherwise beyond its precision (and `disputed_by` who),
`uncertain` whether the answer rests on an imprecise date, with the curated fact's confidence
and note. `source=SLUG` answers from one source only; `all_claims=True` lists every claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, select

from bilateral_db.reports.claims import engine
from bilateral_db.reports.claims.engine import AnyClaim, Claim, Claimant, Coverage, D, S, Say
from bilateral_db.reports.lookup import miss
from bilateral_db.tables import CITATION, RELEASE, SOURCE

R = TypeVar("R")


@dataclass(frozen=True, kw_only=True)
class Provenance:
    """Where an answer comes from and how sure it is (see the module's docstring)."""

    source: str
    sources: tuple[str, ...]
    disputed: bool = False
    disputed_by: tuple[str, ...] = ()
    uncertain: bool = False
    preferred: bool = True
    confidence: str | None = None
    note: str | None = None
    covered: bool = True  # false: a row saying that `source` says nothing about the day


@dataclass
class Cited:
    """The sources each curated fact cites, read once for every claim of a report."""

    by_fact: dict[int, tuple[str, ...]]

    @classmethod
    def read(cls, session: Connection, claims: Iterable[AnyClaim]) -> Cited:
        wanted = sorted({c.fact_id for c in claims if c.fact_id is not None})
        by_fact: dict[int, list[str]] = defaultdict(list)
        if wanted:
            rows = session.execute(
                select(CITATION.c.fact_id, SOURCE.c.slug)
                .join(SOURCE, SOURCE.c.id == CITATION.c.source_id)
                .where(CITATION.c.fact_id.in_(wanted))
                .order_by(CITATION.c.fact_id, SOURCE.c.slug)
            )
            for fact_id, slug in rows:
                by_fact[fact_id].append(slug)
        return cls({fact: tuple(slugs) for fact, slugs in by_fact.items()})

    def of(self, claim: AnyClaim) -> tuple[str, ...]:
        if claim.fact_id is None:
            return (claim.release,)
        return self.by_fact.get(claim.fact_id, ())

    def of_claimant(
        self, claimant: Claimant[Any, Any], claims: Sequence[AnyClaim] = ()
    ) -> list[str]:
        """Who `claimant` is, as sources: a release's slug, or what the curated claims it
        speaks by cite (its alternative; else `claims`; else all of its claims)."""
        if claimant.release_id != engine.CURATED_RELEASE_ID:
            return [claimant.release]
        if claimant.alternative is not None:
            claims = [claimant.alternative]
        return [slug for claim in claims or claimant.claims for slug in self.of(claim)]


def require_release(session: Connection, release: str) -> str | None:
    """The slug of the release `release` names, by its slug (cow-igo-3.0) or its data set's
    name (cow-igo: a data set holds one release at a time); None when it names none."""
    held = session.execute(select(RELEASE.c.slug, RELEASE.c.dataset)).all()
    for slug, dataset in held:
        if release in (slug, dataset):
            return str(slug)
    return None


def require_source(session: Connection, source: str) -> str:
    """`source` names a release (or its data set) or a cited source; else UnknownCode."""
    release = require_release(session, source)
    if release is not None:
        return release
    sources = list(session.scalars(select(SOURCE.c.slug)))
    if source in sources:
        return source
    releases = list(session.scalars(select(RELEASE.c.slug)))
    raise miss("source", source, releases + sources)


def from_source(claims: Sequence[Claim[S, D]], source: str, cited: Cited) -> list[Claim[S, D]]:
    """The claims `source` makes: a release's own, or the curated claims citing it (where an
    alternative cites it, the alternative stands in for its claim)."""
    by_release = [c for c in claims if c.release == source and c.alternative_of is None]
    if by_release:
        return by_release
    chosen: dict[int, Claim[S, D]] = {}
    for claim in claims:
        if source not in cited.of(claim):
            continue
        if claim.alternative_of is None:
            chosen.setdefault(claim.id, claim)
        else:
            chosen[claim.alternative_of] = replace(claim, alternative_of=None)
    return list(chosen.values())


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def provenance(
    claim: AnyClaim,
    agreeing: Iterable[str],
    disputing: Iterable[str],
    *,
    uncertain: bool = False,
    preferred: bool = True,
) -> Provenance:
    disputed_by = _unique(disputing)
    return Provenance(
        source=claim.release,
        sources=_unique(agreeing),
        disputed=bool(disputed_by),
        disputed_by=disputed_by,
        uncertain=uncertain,
        preferred=preferred,
        confidence=claim.confidence,
        note=claim.note,
    )


# --- on a day ---------------------------------------------------------------------------------

Make = Callable[[Claim[S, D], Provenance], R]


@dataclass
class ClaimSet(Generic[S, D]):
    """The claims a report reads, the sources curated ones cite, and where releases speak."""

    claims: list[Claim[S, D]]
    cited: Cited
    coverage: Coverage[S]


def rows_on_day(
    found: ClaimSet[S, D],
    day: date,
    make: Make[S, D, R],
    *,
    all_claims: bool = False,
    strict: bool = False,
) -> list[R]:
    """One row per scope the preferred claims say yes to on `day` (every claim with
    `all_claims`); `strict` keeps only what is certain, not what an imprecise date allows."""
    cited, coverage = found.cited, found.coverage
    rows: list[R] = []
    for scope, group in engine.by_scope(found.claims).items():
        if all_claims:
            rows += _every_claim(scope, group, day, make, cited, coverage, strict)
            continue
        answer = engine.on_day(scope, group, day, coverage)
        if answer is None or (strict and answer.uncertain):
            continue
        agreeing = [
            slug
            for claimant, claim in answer.agreeing
            for slug in cited.of_claimant(claimant, [claim] if claim else [])
        ]
        disputing = [slug for claimant in answer.disputing for slug in cited.of_claimant(claimant)]
        shown = provenance(answer.claim, agreeing, disputing, uncertain=answer.uncertain)
        rows.append(make(answer.claim, shown))
    return rows


def _every_claim(
    scope: S,
    group: list[Claim[S, D]],
    day: date,
    make: Make[S, D, R],
    cited: Cited,
    coverage: Coverage[S],
    strict: bool,
) -> list[R]:
    rows = []
    preferred = engine.on_day(scope, group, day, coverage)
    for claimant, claim, say in engine.all_on_day(scope, group, day, coverage):
        if strict and say != Say.YES:
            continue
        shown = claimant.alternative or claim
        rows.append(
            make(
                shown,
                provenance(
                    shown,
                    cited.of_claimant(claimant, [claim]),
                    (),
                    uncertain=say == Say.MAYBE,
                    preferred=preferred is not None and preferred.claim.id == shown.id,
                ),
            )
        )
    return rows


# --- over time --------------------------------------------------------------------------------


def spell_rows(found: ClaimSet[S, D], make: Make[S, D, R], *, all_claims: bool = False) -> list[R]:
    """Claims over time: per scope, the preferred release's claims (every claim with
    `all_claims`), each with the sources that agree with it and those that dispute it."""
    cited, coverage = found.cited, found.coverage
    rows: list[R] = []
    for scope, group in engine.by_scope(found.claims).items():
        claimants = engine.claimants(group, scope, coverage)
        if not claimants:
            continue
        preferred = claimants[0]
        conflicts = engine.conflicts_among(scope, claimants, coverage)
        for claimant in claimants if all_claims else [preferred]:
            for claim in claimant.shown:
                shown = _spell_provenance(
                    claim, claimant, claimants, conflicts, cited, claimant is preferred
                )
                rows.append(make(claim, shown))
    return rows


def _spell_provenance(
    claim: Claim[S, D],
    claimant: Claimant[S, D],
    claimants: list[Claimant[S, D]],
    found: list[engine.Conflict[S, D]],
    cited: Cited,
    preferred: bool,
) -> Provenance:
    """The sources agreeing with `claim` (their claims overlap it) and disputing it (one says
    yes and the other no on a day it may cover)."""
    against = {
        id(c.no if c.yes is claimant else c.yes)
        for c in found
        if (c.yes is claimant or c.no is claimant)
        and c.first <= claim.last
        and c.last >= claim.first
    }
    agreeing = list(cited.of(claim))
    disputing: list[str] = []
    for other in claimants:
        if other is claimant:
            continue
        overlapping = [c for c in other.claims if claim.overlaps(c)]
        if id(other) in against:
            disputing += cited.of_claimant(other, overlapping)
        elif other.alternative is None:
            agreeing += [s for c in overlapping for s in cited.of(c)]
    return provenance(claim, agreeing, disputing, preferred=preferred)
