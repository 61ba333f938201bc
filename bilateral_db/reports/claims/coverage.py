"""Where an imported release speaks: its period, and the coverage rows it wrote.

A data set does not speak about everything: COW IGO covers a bloc from its founding and a
state while it is in the state list; Archigos covers a country's leader post until 2015. Outside
its coverage a release says nothing (Say.NONE), which is neither yes nor no. Curated fixtures
cover every day of a scope they have claims on, so they need no rows here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, select

from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.reports.claims.engine import NEVER, ONE_DAY, AnyClaim, Coverage, S
from bilateral_db.tables import COVERAGE, RELEASE, RELEASE_COUNT


class CoverageKey(NamedTuple):
    """What a coverage row is about: a bloc, an actor, a post, or a pair of them (a gap)."""

    bloc_id: int | None = None
    actor_id: int | None = None
    post_id: int | None = None


@dataclass
class CoverageRows(Coverage[S]):
    """Coverage rows of the releases a report reads. `keys(scope)` gives, for a scope, the
    keys whose covered rows must all hold a day (a bloc's, a member's, a post's); a gap row of
    `gap(scope)` excludes the day. A release with no rows at all covers its period."""

    keys: Callable[[S], tuple[CoverageKey, ...]]
    gap: Callable[[S], CoverageKey | None] = lambda _scope: None
    periods: dict[int, tuple[date | None, date | None]] = field(default_factory=dict)
    with_rows: set[int] = field(default_factory=set)
    # Releases that say "no" about a scope they cover without a claim of it: whether one
    # speaks of a scope (speaks(release, scope)), and each one's slug and precedence.
    speaks: Callable[[int, S], bool] = lambda _release, _scope: False
    releases: dict[int, tuple[str, int]] = field(default_factory=dict)
    rows: dict[tuple[int, CoverageKey], list[tuple[date, date, bool]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, release_id: int, key: CoverageKey, start: date, stop: date, on: bool) -> None:
        self.rows[(release_id, key)].append((start, stop, on))

    def covers(self, release_id: int, scope: S, day: date) -> bool:
        start, end = self.periods.get(release_id, (None, None))
        if (start is not None and day < start) or (end is not None and day > end):
            return False
        if release_id not in self.with_rows:
            return True
        for key in self.keys(scope):
            if not any(a <= day < b for a, b, on in self.rows.get((release_id, key), ()) if on):
                return False
        gap = self.gap(scope)
        gaps = self.rows.get((release_id, gap), ()) if gap is not None else ()
        return not any(a <= day < b for a, b, _on in gaps)

    def edge(self, release_id: int) -> date | None:
        return self.periods.get(release_id, (None, None))[1]

    def silent(self, scope: S) -> list[tuple[int, str, int]]:
        return [
            (release_id, slug, precedence)
            for release_id, (slug, precedence) in self.releases.items()
            if self.speaks(release_id, scope)
        ]

    def boundaries(self, release_id: int, scope: S) -> list[date]:
        start, end = self.periods.get(release_id, (None, None))
        days = [d for d in (start, end and end + ONE_DAY) if d is not None]
        gap = self.gap(scope)
        for key in (*self.keys(scope), *([gap] if gap is not None else [])):
            for first, stop, _on in self.rows.get((release_id, key), ()):
                days += [first, stop]
        return days


def read_coverage(
    session: Connection,
    claims: Iterable[AnyClaim],
    coverage: CoverageRows[Any],
    about: Iterable[ColumnElement[bool]] | None,
    releases: Iterable[int] = (),
) -> CoverageRows[Any]:
    """Fill `coverage` with the periods and rows of the imported releases among `claims` (and
    `releases`); `about` narrows the coverage rows read to the scopes at hand (None: a kind
    whose releases speak within their periods, which needs no rows)."""
    wanted = sorted({c.release_id for c in claims if not c.curated} | set(releases))
    if not wanted:
        return coverage
    for release_id, slug, precedence, start, end in session.execute(
        select(
            RELEASE.c.id,
            RELEASE.c.slug,
            RELEASE.c.precedence,
            RELEASE.c.coverage_start,
            RELEASE.c.coverage_end,
        ).where(RELEASE.c.id.in_(wanted))
    ):
        coverage.periods[release_id] = (start, end)
        coverage.releases[release_id] = (slug, precedence)
    if about is None:
        return coverage
    coverage.with_rows = set(
        session.scalars(
            select(RELEASE_COUNT.c.release_id).where(
                RELEASE_COUNT.c.release_id.in_(wanted),
                RELEASE_COUNT.c.kind == "coverage",
                RELEASE_COUNT.c.rows > 0,
            )
        )
    )
    if not coverage.with_rows:
        return coverage
    statement = select(
        COVERAGE.c.release_id,
        COVERAGE.c.bloc_id,
        COVERAGE.c.actor_id,
        COVERAGE.c.post_id,
        COVERAGE.c.start_date,
        COVERAGE.c.end_date,
        COVERAGE.c.end_date_precision,
        COVERAGE.c.covered,
    ).where(COVERAGE.c.release_id.in_(coverage.with_rows), *about)
    for release_id, bloc, actor, post, start, end, end_p, covered in session.execute(statement):
        stop = NEVER if end is None else period_end_exclusive(end, end_p)
        coverage.add(release_id, CoverageKey(bloc, actor, post), start, stop, covered)
    return coverage
