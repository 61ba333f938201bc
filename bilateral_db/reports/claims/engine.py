"""Claims of several sources about one thing, day by day: what each says on a day, which is
preferred, where they disagree beyond their precision.

A claim is a row of one release (the curated fixtures, or a data-set release) about a scope:
a membership's (bloc, member, role), a term's (post, person), a state's country. On a day a
claimant (a release, or a curated alternative standing in for the claim it replaces) answers:
- YES: one of its claims certainly covers the day;
- MAYBE: a claim covers it only by an imprecise date (in 1997, a day of 1997 is uncertain);
- NO: it covers the day and no claim of it does (the curated fixtures cover every day of a scope
  they have claims on; a release covers what its coverage rows, or its period, say);
- NONE: it says nothing (outside its coverage, after a censored end).
The preferred answer is that of the claimant of lowest precedence that says anything (curated
first, then data sets in release.precedence order); a YES is disputed when another claimant
says NO, and claimants agree when they say YES or MAYBE. Two claimants disagree where one says
YES and the other NO: imprecision alone (MAYBE) is never a disagreement.

Plain Python over claims already read: nothing here touches the database.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from bilateral_db.core.curated import CURATED_RELEASE_ID
from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.core.vocabulary import EndStatus

ONE_DAY = timedelta(days=1)
NEVER = date.max

S = TypeVar("S", bound=Hashable)  # what a claim is about: a kind's scope (a NamedTuple)
D = TypeVar("D")  # what a report shows of a claim: a kind's data (a NamedTuple)


class Say(enum.IntEnum):
    """What a claimant says about a scope on a day, weakest first (for combining)."""

    NO = 0
    NONE = 1
    MAYBE = 2
    YES = 3


@dataclass(frozen=True)
class Claim(Generic[S, D]):
    """One claim row, as the engine needs it; `data` carries what the report shows."""

    id: int
    scope: S
    release_id: int
    release: str  # the release's slug (curated for the fixtures)
    precedence: int
    alternative_of: int | None
    start: date | None
    start_precision: str | None
    end: date | None
    end_precision: str | None
    end_status: str
    fact_id: int | None
    data: D
    confidence: str | None = None  # of the curated fact, if any
    note: str | None = None

    @property
    def curated(self) -> bool:
        return self.release_id == CURATED_RELEASE_ID

    def says(self, day: date) -> Say:
        """What this claim alone says about `day` (NO: not covered by it)."""
        if self.start is None:
            return Say.NONE  # an unknown start covers no day
        if day < self.start:
            return Say.NO
        certain_from = period_end_exclusive(self.start, self.start_precision) - ONE_DAY
        status = self.end_status
        if status == EndStatus.UNKNOWN:
            return Say.YES if day == certain_from else Say.MAYBE
        if status == EndStatus.ONGOING or self.end is None:
            return Say.YES if day >= certain_from else Say.MAYBE
        stop = period_end_exclusive(self.end, self.end_precision)
        if day >= stop:
            return Say.NONE if status == EndStatus.CENSORED else Say.NO
        return Say.YES if certain_from <= day <= self.end else Say.MAYBE

    def boundaries(self) -> list[date]:
        """Days on which what the claim says may change."""
        if self.start is None:
            return []
        days = [self.start, period_end_exclusive(self.start, self.start_precision) - ONE_DAY]
        days.append(days[-1] + ONE_DAY)
        if self.end is not None:
            days += [
                self.end,
                self.end + ONE_DAY,
                period_end_exclusive(self.end, self.end_precision),
            ]
        return days

    @property
    def first(self) -> date:
        """The first day the claim may cover (date.min when its start is unknown)."""
        return self.start or date.min

    @property
    def last(self) -> date:
        """The last day the claim may cover (NEVER when it has no end)."""
        return NEVER if self.end is None else self.end

    def overlaps(self, other: Claim[Any, Any]) -> bool:
        return self.first <= other.last and other.first <= self.last


AnyClaim = Claim[Any, Any]


class Coverage(Generic[S]):
    """Where each release speaks: everywhere in its period, unless a kind knows better."""

    def covers(self, release_id: int, scope: S, day: date) -> bool:
        return True

    def boundaries(self, release_id: int, scope: S) -> list[date]:
        """Days on which what `covers` answers may change."""
        return []

    def edge(self, release_id: int) -> date | None:
        """The last day the release looked at, if it says (its data's edge)."""
        return None

    def silent(self, scope: S) -> list[tuple[int, str, int]]:
        """Releases (id, slug, precedence) that speak about `scope` without a claim of it."""
        return []


EVERYWHERE: Coverage[Any] = Coverage()


@dataclass
class Claimant(Generic[S, D]):
    """A release's claims of its own about one scope, or a curated alternative's world (the
    release's claims with one of them replaced by the alternative)."""

    release_id: int
    release: str
    precedence: int
    claims: list[Claim[S, D]]
    alternative: Claim[S, D] | None = None  # the alternative this claimant stands for

    @property
    def rank(self) -> tuple[int, int]:
        return (self.precedence, 0 if self.alternative is None else 1)

    @property
    def shown(self) -> list[Claim[S, D]]:
        """The claims this claimant stands for: its alternative, or its own claims."""
        return [self.alternative] if self.alternative is not None else self.claims

    def says(self, day: date, scope: S, coverage: Coverage[S]) -> tuple[Say, Claim[S, D] | None]:
        best, claim = Say.NO, None
        for candidate in self.claims:
            said = candidate.says(day)
            if said > best:
                best, claim = said, candidate
        outside = best == Say.NO and self.release_id != CURATED_RELEASE_ID
        if outside and not coverage.covers(self.release_id, scope, day):
            return Say.NONE, None
        return best, claim

    def boundaries(self) -> list[date]:
        return [day for claim in self.claims for day in claim.boundaries()]


def by_scope(claims: Iterable[Claim[S, D]]) -> dict[S, list[Claim[S, D]]]:
    """Claims grouped by what they are about, in the order first met."""
    grouped: dict[S, list[Claim[S, D]]] = defaultdict(list)
    for claim in claims:
        grouped[claim.scope].append(claim)
    return grouped


def claimants(
    claims: Iterable[Claim[S, D]], scope: S, coverage: Coverage[S] = EVERYWHERE
) -> list[Claimant[S, D]]:
    """The claimants of one scope: one per release, one per curated alternative, and each
    release that has no claim about the scope but covers it (it says no where it covers)."""
    own: dict[int, list[Claim[S, D]]] = defaultdict(list)
    alternatives: list[Claim[S, D]] = []
    for claim in claims:
        (own[claim.release_id] if claim.alternative_of is None else alternatives).append(claim)
    result = [
        Claimant(group[0].release_id, group[0].release, group[0].precedence, list(group))
        for group in own.values()
    ]
    for alternative in alternatives:
        base = own.get(alternative.release_id, [])
        world = [c for c in base if c.id != alternative.alternative_of] + [alternative]
        result.append(
            Claimant(
                alternative.release_id,
                alternative.release,
                alternative.precedence,
                world,
                alternative,
            )
        )
    for release_id, slug, precedence in coverage.silent(scope):
        if release_id not in own:
            result.append(Claimant(release_id, slug, precedence, []))
    result.sort(key=lambda claimant: claimant.rank)
    return result


@dataclass
class DayAnswer(Generic[S, D]):
    """A scope on one day: the preferred claim and what every claimant says."""

    claim: Claim[S, D]
    say: Say
    agreeing: list[tuple[Claimant[S, D], Claim[S, D] | None]] = field(default_factory=list)
    disputing: list[Claimant[S, D]] = field(default_factory=list)

    @property
    def uncertain(self) -> bool:
        return self.say == Say.MAYBE


def on_day(
    scope: S, claims: Sequence[Claim[S, D]], day: date, coverage: Coverage[S] = EVERYWHERE
) -> DayAnswer[S, D] | None:
    """The preferred answer for `scope` on `day` when it is YES or MAYBE, else None.

    `agreeing` pairs each claimant saying YES or MAYBE with the claim it says it by.
    """
    said = [(c, *c.says(day, scope, coverage)) for c in claimants(claims, scope, coverage)]
    preferred = next(
        ((c, s, claim) for c, s, claim in said if c.alternative is None and s != Say.NONE), None
    )
    if preferred is None or preferred[1] < Say.MAYBE or preferred[2] is None:
        return None
    answer = DayAnswer(preferred[2], preferred[1])
    for claimant, say, claim in said:
        if say >= Say.MAYBE:
            answer.agreeing.append((claimant, claim))
        elif say == Say.NO and preferred[1] == Say.YES:
            answer.disputing.append(claimant)
    return answer


def all_on_day(
    scope: S, claims: Sequence[Claim[S, D]], day: date, coverage: Coverage[S] = EVERYWHERE
) -> list[tuple[Claimant[S, D], Claim[S, D], Say]]:
    """Every claimant saying YES or MAYBE on `day`, preferred first."""
    found = []
    for claimant in claimants(claims, scope, coverage):
        say, claim = claimant.says(day, scope, coverage)
        if say >= Say.MAYBE and claim is not None:
            found.append((claimant, claim, say))
    return found


def silent_on(claims: Sequence[Claim[S, D]], day: date) -> bool:
    """No claim covers `day`, even imprecisely."""
    return all(claim.says(day) < Say.MAYBE for claim in claims)


def left_open(claims: Sequence[Claim[S, D]], day: date, edge: date | None = None) -> bool:
    """The claims leave `day` open rather than closed: the last one begun before it ran to
    the source's edge (censored there: `edge`, the last day the release looked at, when it
    says), or another begins after it (a gap the source does not fill). A spell the source saw
    end, or that stopped with its bloc or its state long before the edge, has closed the
    question: the source's silence later is worth no row (Thailand in ASPAC until 1973, South
    Yemen in the UN until 1990, are not "not covered" in 2019)."""
    begun = [claim for claim in claims if claim.start is not None and claim.start <= day]
    if not begun:
        return False
    if any(claim.start is not None and claim.start > day for claim in claims):
        return True
    last = max(begun, key=lambda claim: claim.last)
    if last.end_status != EndStatus.CENSORED:
        return False
    if edge is None or last.end is None:
        return True
    return period_end_exclusive(last.end, last.end_precision) > edge


# --- over time -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict(Generic[S, D]):
    """Days on which one claimant says YES and the other NO."""

    scope: S
    first: date
    last: date  # NEVER: still so
    yes: Claimant[S, D]
    no: Claimant[S, D]


def conflicts(
    scope: S, claims: Sequence[Claim[S, D]], coverage: Coverage[S] = EVERYWHERE
) -> list[Conflict[S, D]]:
    """Every stretch of days on which two claimants of `scope` disagree beyond precision.

    Alternatives are compared with their own release's claims only.
    """
    return conflicts_among(scope, claimants(claims, scope, coverage), coverage)


def conflicts_among(
    scope: S, everyone: list[Claimant[S, D]], coverage: Coverage[S] = EVERYWHERE
) -> list[Conflict[S, D]]:
    """`conflicts` for claimants already gathered."""
    found: list[Conflict[S, D]] = []
    for index, a in enumerate(everyone):
        for b in everyone[index + 1 :]:
            if a.alternative is not None and b.alternative is not None:
                continue
            if (a.alternative or b.alternative) and a.release_id != b.release_id:
                continue
            found.extend(_pair_conflicts(scope, a, b, coverage))
    return found


def _pair_conflicts(
    scope: S, a: Claimant[S, D], b: Claimant[S, D], coverage: Coverage[S]
) -> list[Conflict[S, D]]:
    days = sorted(
        {
            *a.boundaries(),
            *b.boundaries(),
            *coverage.boundaries(a.release_id, scope),
            *coverage.boundaries(b.release_id, scope),
        }
    )
    found: list[Conflict[S, D]] = []
    current: tuple[Claimant[S, D], Claimant[S, D], date] | None = None
    for index, day in enumerate(days):
        stop = days[index + 1] if index + 1 < len(days) else None
        say_a = a.says(day, scope, coverage)[0]
        say_b = b.says(day, scope, coverage)[0]
        pair = None
        if say_a == Say.YES and say_b == Say.NO:
            pair = (a, b)
        elif say_a == Say.NO and say_b == Say.YES:
            pair = (b, a)
        if current is not None and (pair is None or pair != current[:2]):
            found.append(Conflict(scope, current[2], day - ONE_DAY, current[0], current[1]))
            current = None
        if pair is not None and current is None:
            current = (*pair, day)
        if stop is None and current is not None:
            # Open-ended: both go on saying what they say; the stretch runs to the end of time.
            found.append(Conflict(scope, current[2], NEVER, current[0], current[1]))
    return found
