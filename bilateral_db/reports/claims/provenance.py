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
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.models import Citation, Coverage, Release, ReleaseCount, Source
from bilateral_db.reports import claims as engine
from bilateral_db.reports.claims import Claim, Claimant, CoverageRows, Say
from bilateral_db.reports.lookup import miss

Row = TypeVar("Row")


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
    def read(cls, session: Session, claims: Iterable[Claim]) -> Cited:
        wanted = sorted({c.fact_id for c in claims if c.fact_id is not None})
        by_fact: dict[int, list[str]] = defaultdict(list)
        if wanted:
            rows = session.execute(
                select(Citation.fact_id, Source.slug)
                .join(Source, Source.id == Citation.source_id)
                .where(Citation.fact_id.in_(wanted))
                .order_by(Citation.fact_id, Source.slug)
            )
            for fact_id, slug in rows:
                by_fact[fact_id].append(slug)
        return cls({fact: tuple(slugs) for fact, slugs in by_fact.items()})

    def of(self, claim: Claim) -> tuple[str, ...]:
        if claim.fact_id is None:
            return (claim.release,)
        return self.by_fact.get(claim.fact_id, ())


def require_release(session: Session, release: str) -> str | None:
    """The slug of the release `release` names, by its slug (cow-igo-3.0) or its data set's
    name (cow-igo: a data set holds one release at a time); None when it names none."""
    held = session.execute(select(Release.slug, Release.dataset)).all()
    for slug, dataset in held:
        if release in (slug, dataset):
            return slug
    return None


def require_source(session: Session, source: str) -> str:
    """`source` names a release (or its data set) or a cited source; else UnknownCode."""
    release = require_release(session, source)
    if release is not None:
        return release
    sources = list(session.scalars(select(Source.slug)))
    if source in sources:
        return source
    releases = list(session.scalars(select(Release.slug)))
    raise miss("source", source, releases + sources)


def from_source(claims: Sequence[Claim], source: str, cited: Cited) -> list[Claim]:
    """The claims `source` makes: a release's own, or the curated claims citing it (where an
    alternative cites it, the alternative stands in for its claim)."""
    by_release = [c for c in claims if c.release == source and c.alternative_of is None]
    if by_release:
        return by_release
    chosen: dict[int, Claim] = {}
    for claim in claims:
        if source not in cited.of(claim):
            continue
        if claim.alternative_of is None:
            chosen.setdefault(claim.id, claim)
        else:
            chosen[claim.alternative_of] = _as_own(claim)
    return list(chosen.values())


def _as_own(claim: Claim) -> Claim:
    return replace(claim, alternative_of=None)


def by_scope(claims: Iterable[Claim]) -> dict[Hashable, list[Claim]]:
    grouped: dict[Hashable, list[Claim]] = defaultdict(list)
    for claim in claims:
        grouped[claim.scope].append(claim)
    return grouped


def _claimant_sources(claimant: Claimant, claim: Claim | None, cited: Cited) -> list[str]:
    if claimant.release_id != engine.CURATED_RELEASE_ID:
        return [claimant.release]
    chosen = claimant.alternative or claim
    return list(cited.of(chosen)) if chosen is not None else []


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def rows_on_day(
    claims: Sequence[Claim],
    day: date,
    make: Callable[[Claim, Provenance], Row],
    cited: Cited,
    coverage: engine.Coverage = engine.EVERYWHERE,
    *,
    all_claims: bool = False,
    strict: bool = False,
) -> list[Row]:
    """One row per scope the preferred claims say yes to on `day` (every claim with
    `all_claims`); `strict` keeps only what is certain, not what an imprecise date allows."""
    rows: list[Row] = []
    for scope, group in by_scope(claims).items():
        if all_claims:
            rows += _every_claim(scope, group, day, make, cited, coverage, strict)
            continue
        answer = engine.on_day(scope, group, day, coverage)
        if answer is None or (strict and answer.uncertain):
            continue
        agreeing = [
            slug
            for claimant in answer.agreeing
            for slug in _claimant_sources(claimant, claimant.says(day, scope, coverage)[1], cited)
        ]
        disputing = [
            slug
            for claimant in answer.disputing
            for slug in _claimant_sources(claimant, None, cited)
        ]
        rows.append(
            make(
                answer.claim,
                provenance(answer.claim, agreeing, disputing, uncertain=answer.uncertain),
            )
        )
    return rows


def _every_claim(
    scope: Hashable,
    group: list[Claim],
    day: date,
    make: Callable[[Claim, Provenance], Row],
    cited: Cited,
    coverage: engine.Coverage,
    strict: bool,
) -> list[Row]:
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
                    _claimant_sources(claimant, claim, cited),
                    (),
                    uncertain=say == Say.MAYBE,
                    preferred=preferred is not None and preferred.claim.id == shown.id,
                ),
            )
        )
    return rows


def spell_rows(
    claims: Sequence[Claim],
    make: Callable[[Claim, Provenance], Row],
    cited: Cited,
    coverage: engine.Coverage = engine.EVERYWHERE,
    *,
    all_claims: bool = False,
) -> list[Row]:
    """Claims over time: per scope, the preferred release's claims (every claim with
    `all_claims`), each with the sources that agree with it and those that dispute it."""
    rows: list[Row] = []
    for scope, group in by_scope(claims).items():
        claimants = engine.claimants(group, scope, coverage)
        if not claimants:
            continue
        preferred = claimants[0]
        shown = claimants if all_claims else [preferred]
        found = engine.conflicts(scope, group, coverage)
        for claimant in shown:
            own = [claimant.alternative] if claimant.alternative else claimant.claims
            for claim in own:
                shown_as = _spell_provenance(
                    claim, claimant, claimants, found, cited, claimant is preferred
                )
                rows.append(make(claim, shown_as))
    return rows


def _spell_provenance(
    claim: Claim,
    claimant: Claimant,
    claimants: list[Claimant],
    found: list[engine.Conflict],
    cited: Cited,
    preferred: bool = True,
) -> Provenance:
    first = claim.start or date.min
    last = engine.NEVER if claim.end is None else claim.end
    against = {
        id(c.no if c.yes is claimant else c.yes)
        for c in found
        if claimant in (c.yes, c.no) and c.first <= last and c.last >= first
    }
    agreeing = list(cited.of(claim))
    disputing: list[str] = []
    for other in claimants:
        if other is claimant:
            continue
        overlapping = any(_overlap(claim, c) for c in other.claims)
        if id(other) in against:
            disputing += _claimant_sources(other, None, cited)
        elif overlapping and other.alternative is None:
            agreeing += [s for c in other.claims if _overlap(claim, c) for s in cited.of(c)]
    return provenance(claim, agreeing, disputing, preferred=preferred)


def _overlap(a: Claim, b: Claim) -> bool:
    a_first, b_first = a.start or date.min, b.start or date.min
    a_last = engine.NEVER if a.end is None else a.end
    b_last = engine.NEVER if b.end is None else b.end
    return a_first <= b_last and b_first <= a_last


def provenance(
    claim: Claim,
    agreeing: Iterable[str],
    disputing: Iterable[str],
    *,
    uncertain: bool = False,
    preferred: bool = True,
) -> Provenance:
    data = claim.data or {}
    disputed_by = _unique(disputing)
    return Provenance(
        source=claim.release,
        sources=_unique(agreeing),
        disputed=bool(disputed_by),
        disputed_by=disputed_by,
        uncertain=uncertain,
        preferred=preferred,
        confidence=data.get("confidence"),
        note=data.get("note"),
    )


# --- coverage --------------------------------------------------------------------------------


def coverage_of(
    session: Session,
    claims: Iterable[Claim],
    rows: Callable[[Any], Any],
    keys: Callable[[Hashable], tuple[Hashable, ...]],
    gap_key: Callable[[Hashable], Hashable | None] = lambda _scope: None,
    releases: Iterable[int] = (),
) -> CoverageRows:
    """The coverage of the imported releases among `claims` (and `releases`). `rows(statement)`
    narrows the
    coverage rows read to the scopes at hand."""
    releases = sorted({c.release_id for c in claims if not c.curated} | set(releases))
    coverage = CoverageRows(keys=keys, gap_key=gap_key)
    if not releases:
        return coverage
    for release_id, slug, precedence, start, end in session.execute(
        select(
            Release.id,
            Release.slug,
            Release.precedence,
            Release.coverage_start,
            Release.coverage_end,
        ).where(Release.id.in_(releases))
    ):
        coverage.periods[release_id] = (start, end)
        coverage.releases[release_id] = (slug, precedence)
    coverage.with_rows = set(
        session.scalars(
            select(ReleaseCount.release_id).where(
                ReleaseCount.release_id.in_(releases),
                ReleaseCount.kind == "coverage",
                ReleaseCount.rows > 0,
            )
        )
    )
    statement = select(
        Coverage.release_id,
        Coverage.bloc_id,
        Coverage.actor_id,
        Coverage.post_id,
        Coverage.start_date,
        Coverage.end_date,
        Coverage.end_date_precision,
        Coverage.covered,
    ).where(Coverage.release_id.in_(coverage.with_rows))
    for release_id, bloc, actor, post, start, end, end_p, covered in session.execute(
        rows(statement)
    ):
        stop = engine.NEVER if end is None else period_end_exclusive(end, end_p)
        coverage.add(release_id, (bloc, actor, post), start, stop, covered)
    return coverage
