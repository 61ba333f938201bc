"""Terms of office as claims: a person holding a country's post over an interval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Select
from sqlalchemy.orm import Session

from bilateral_db.core.dates import PartialDate
from bilateral_db.models.countries import Country
from bilateral_db.models.officials import Person, Post, Term
from bilateral_db.reports.claims.coverage import COVERAGE, CoverageKey, CoverageRows, read_coverage
from bilateral_db.reports.claims.description import DatedKind, Where
from bilateral_db.reports.claims.engine import Claim
from bilateral_db.reports.claims.provenance import Provenance

TERM_TABLE = Term.__table__
PERSON = Person.__table__
POST = Post.__table__
POST_COUNTRY = Country.__table__.alias("post_country")


class TermScope(NamedTuple):
    post_id: int
    person_id: int


class TermData(NamedTuple):
    person: str | None
    name: str | None
    country: str
    post: str
    title: str


@dataclass(frozen=True)
class TermRow(Provenance):
    """A term of office: `person` is the slug, `post` the office slug shared across countries.

    With `covered` false the row names no person: its source does not cover the post that day.
    """

    person: str | None
    name: str | None
    country: str
    post: str
    title: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    end_status: str | None
    fact_id: int | None


def _details(statement: Select[tuple[object, ...]]) -> Select[tuple[object, ...]]:
    return (
        statement.add_columns(
            PERSON.c.slug, PERSON.c.name, POST_COUNTRY.c.code, POST.c.office, POST.c.title
        )
        .join(PERSON, TERM_TABLE.c.person_id == PERSON.c.id)
        .join(POST, TERM_TABLE.c.post_id == POST.c.id)
        .join(POST_COUNTRY, POST.c.country_id == POST_COUNTRY.c.id)
    )


def of_country(code: str) -> Where:
    """Terms in the posts of the country `code`."""
    return POST_COUNTRY.c.code == code


def in_post(office: str) -> Where:
    """Terms in the office `office` (foreign-minister) of whichever country."""
    return POST.c.office == office


def of_person(slug: str) -> Where:
    return PERSON.c.slug == slug


def _coverage(
    session: Session, claims: Sequence[Claim[TermScope, TermData]]
) -> CoverageRows[TermScope]:
    """A release covers a post where its coverage rows of the post say so."""
    posts = sorted({c.scope.post_id for c in claims})
    coverage = CoverageRows[TermScope](keys=lambda scope: (CoverageKey(post_id=scope.post_id),))
    return read_coverage(session, claims, coverage, [COVERAGE.c.post_id.in_(posts)])


TERM = DatedKind[TermScope, TermData, TermRow](
    name="term",
    table=TERM_TABLE,
    scope=TermScope,
    data=TermData,
    details=_details,
    row=TermRow,
    coverage=_coverage,
    subject=lambda data: f"{data.country}/{data.post}/{data.person}",
    of_country=of_country,
)
