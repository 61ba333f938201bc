"""What the claim engine needs to know about a kind of claim, said once per kind.

Every kind (memberships, terms, trade figures, …) is a table of claim rows (models.base.Claim:
a release, maybe an alternative of another row) about a scope, the columns that say what a
claim is about. A `ClaimKind` names the table and its scope, which is all the SQL rule for
"the preferred claim" needs. A `DatedKind` holds over an interval and is answered day by day
(claims/engine.py): it adds how its claims are selected, what a report shows of one (`data`)
and the row it becomes, and where an imported release speaks of it (its coverage). Adding a
kind is adding one description in claims/kinds/.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Connection, FromClause, Select, select

from bilateral_db.preference import preferred
from bilateral_db.reports.claims.engine import Claim, Coverage
from bilateral_db.reports.claims.provenance import (
    Cited,
    ClaimSet,
    Provenance,
    from_source,
    require_source,
)
from bilateral_db.reports.pointintime import partial
from bilateral_db.tables import FACT, RELEASE

S = TypeVar("S", bound=NamedTuple)  # what a claim is about: fields named as columns
D = TypeVar("D", bound=NamedTuple)  # what a report shows of a claim
R = TypeVar("R")

Where = ColumnElement[bool]
CLAIM_COLUMNS = 13  # id, release, its slug and precedence, …, the fact's confidence and note


@dataclass(frozen=True, kw_only=True)
class ClaimKind(Generic[S]):
    """A table of claims and the columns that say what each is about."""

    name: str  # membership, term, trade figure: as answers and messages name the kind
    table: FromClause  # the model's Core table: reading it configures no mapper
    scope: type[S]  # a NamedTuple whose fields are columns of `table`

    def preferred(self, claim: FromClause | None = None) -> Where:
        """SQL: `claim` (the table, or an alias of it) is a preferred claim (preference.py)."""
        return preferred(self.table, self.scope._fields, claim)


@dataclass(frozen=True, kw_only=True)
class DatedKind(ClaimKind[S], Generic[S, D, R]):
    """Claims that hold over an interval [start_date, end_date] with an end status.

    `details(statement)` adds to the claim columns the columns of `data`, in its order, and the
    joins they need; `row` is the report row: the fields of `data` (a day and its `_precision`
    as one partial date), the interval (start_date, end_date, end_status, fact_id) and the
    Provenance fields. `coverage` says where each
    imported release speaks of the claims read. `subject` names a scope in disagreements;
    `of_country` (and `of_bloc`, where a kind is about blocs) narrow the claims read to one.
    A kind whose claims are not rows of one table (states through the crosswalk) reads them
    with `reader` instead; its scope then names what the claims are about, not columns.
    """

    data: type[D]
    details: Callable[[Select[Any]], Select[Any]]
    row: Callable[..., R]
    coverage: Callable[[Connection, Sequence[Claim[S, D]]], Coverage[S]]
    subject: Callable[[D], str]
    of_country: Callable[[str], Where]
    of_bloc: Callable[[str], Where] | None = None
    reader: Callable[[Connection, Sequence[Where]], list[Claim[S, D]]] | None = None

    def statement(self) -> Select[Any]:
        """The claims with their release, their fact's confidence and note (the first
        CLAIM_COLUMNS columns), then their scope and their data."""
        table = self.table
        base = (
            select(
                table.c.id,
                table.c.release_id,
                RELEASE.c.slug,
                RELEASE.c.precedence,
                table.c.alternative_of_id,
                table.c.start_date,
                table.c.start_date_precision,
                table.c.end_date,
                table.c.end_date_precision,
                table.c.end_status,
                table.c.fact_id,
                FACT.c.confidence,
                FACT.c.note,
                *(table.c[name] for name in self.scope._fields),
            )
            .select_from(table)
            .join(RELEASE, RELEASE.c.id == table.c.release_id)
            .outerjoin(FACT, FACT.c.id == table.c.fact_id)
            .order_by(table.c.id)  # claims met in the same order on every call
        )
        return self.details(base)

    def claims(self, session: Connection, *where: Where) -> list[Claim[S, D]]:
        """Every claim (alternatives included) matching `where`, in one query."""
        if self.reader is not None:
            return self.reader(session, where)
        data_from = CLAIM_COLUMNS + len(self.scope._fields)
        claims = []
        for row in session.execute(self.statement().where(*where)):
            claims.append(
                Claim(
                    id=row[0],
                    scope=self.scope(*row[CLAIM_COLUMNS:data_from]),
                    release_id=row[1],
                    release=row[2],
                    precedence=row[3],
                    alternative_of=row[4],
                    start=row[5],
                    start_precision=row[6],
                    end=row[7],
                    end_precision=row[8],
                    end_status=row[9],
                    fact_id=row[10],
                    data=self.data(*row[data_from:]),
                    confidence=row[11],
                    note=row[12],
                )
            )
        return claims

    def read(self, session: Connection, *where: Where, source: str | None = None) -> ClaimSet[S, D]:
        """The claims matching `where` (those `source` makes, when given), the sources the
        curated ones cite, and the coverage of the releases among them."""
        claims = self.claims(session, *where)
        cited = Cited.read(session, claims)
        if source is not None:
            claims = from_source(claims, require_source(session, source), cited)
        return ClaimSet(claims, cited, self.coverage(session, claims))

    def row_of(self, claim: Claim[S, D], provenance: Provenance) -> R:
        """The report row for `claim`, shown with `provenance`."""
        data = claim.data._asdict()
        for name in [name for name in data if name.endswith("_precision")]:
            day = name.removesuffix("_precision")  # a day and its precision: one partial date
            if day in data:
                data[day] = partial(data[day], data.pop(name))
        return self.row(
            **data,
            start_date=partial(claim.start, claim.start_precision),
            end_date=partial(claim.end, claim.end_precision),
            end_status=claim.end_status,
            fact_id=claim.fact_id,
            **asdict(provenance),
        )
