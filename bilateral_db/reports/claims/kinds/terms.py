"""Terms of office as claims: a person holding a post of a country or bloc over an interval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, Connection, Select, func

from bilateral_db import tables
from bilateral_db.core.dates import PartialDate
from bilateral_db.reports.claims.coverage import COVERAGE, CoverageKey, CoverageRows, read_coverage
from bilateral_db.reports.claims.description import DatedKind, Where
from bilateral_db.reports.claims.engine import Claim
from bilateral_db.reports.claims.provenance import Provenance
from bilateral_db.reports.lookup import actor_id_named
from bilateral_db.tables import ACTOR, BLOC, COUNTRY, PERSON, POST

TERM_TABLE = tables.TERM
OWNER = ACTOR.alias("owner")
OWNER_COUNTRY = COUNTRY.alias("owner_country")
OWNER_BLOC = BLOC.alias("owner_bloc")
TO = ACTOR.alias("accredited_to")
TO_COUNTRY = COUNTRY.alias("to_country")
TO_BLOC = BLOC.alias("to_bloc")
OWNER_CODE: ColumnElement[str] = func.coalesce(OWNER_COUNTRY.c.code, OWNER_BLOC.c.code)
TO_CODE: ColumnElement[str] = func.coalesce(TO_COUNTRY.c.code, TO_BLOC.c.code)


class TermScope(NamedTuple):
    post_id: int
    person_id: int


class TermData(NamedTuple):
    person: str | None
    name: str | None
    country: str
    post: str
    title: str
    accredited_to: str | None
    capacity: str
    # The events a source gives (each with its precision), and why the term ended.
    appointed_on: date | None
    appointed_on_precision: str | None
    arrived_on: date | None
    arrived_on_precision: str | None
    started_on: date | None
    started_on_precision: str | None
    end_reason: str | None
    end_note: str | None


@dataclass(frozen=True)
class TermRow(Provenance):
    """A term of office: `person` is the slug, `post` the office slug shared across actors,
    `country` the country or bloc whose post it is, `accredited_to` the country or bloc an
    envoy's post is accredited to, `capacity` full, acting or ad_interim.

    With `covered` false the row names no person: its source does not cover the post that day.
    """

    person: str | None
    name: str | None
    country: str
    post: str
    title: str
    accredited_to: str | None
    capacity: str
    start_date: PartialDate | None
    end_date: PartialDate | None
    end_status: str | None
    fact_id: int | None
    # What the term is made of, as its source gives it (start_date is derived from these by
    # core.terms.term_start): appointed, arrived at post, started (credentials presented or
    # took charge); the end's reason and note ("Left post", "Died at post").
    appointed_on: PartialDate | None = None
    arrived_on: PartialDate | None = None
    started_on: PartialDate | None = None
    end_reason: str | None = None
    end_note: str | None = None


def _details(statement: Select[tuple[object, ...]]) -> Select[tuple[object, ...]]:
    return (
        statement.add_columns(
            PERSON.c.slug,
            PERSON.c.name,
            OWNER_CODE,
            POST.c.office,
            POST.c.title,
            TO_CODE,
            TERM_TABLE.c.capacity,
            TERM_TABLE.c.appointed_on,
            TERM_TABLE.c.appointed_on_precision,
            TERM_TABLE.c.arrived_on,
            TERM_TABLE.c.arrived_on_precision,
            TERM_TABLE.c.started_on,
            TERM_TABLE.c.started_on_precision,
            TERM_TABLE.c.end_reason,
            TERM_TABLE.c.end_note,
        )
        .join(PERSON, TERM_TABLE.c.person_id == PERSON.c.id)
        .join(POST, TERM_TABLE.c.post_id == POST.c.id)
        .join(OWNER, POST.c.actor_id == OWNER.c.id)
        .outerjoin(OWNER_COUNTRY, OWNER.c.country_id == OWNER_COUNTRY.c.id)
        .outerjoin(OWNER_BLOC, OWNER.c.bloc_id == OWNER_BLOC.c.id)
        .outerjoin(TO, POST.c.accredited_to_actor_id == TO.c.id)
        .outerjoin(TO_COUNTRY, TO.c.country_id == TO_COUNTRY.c.id)
        .outerjoin(TO_BLOC, TO.c.bloc_id == TO_BLOC.c.id)
    )


def of_country(code: str) -> Where:
    """Terms in the posts of the country or bloc `code`."""
    return POST.c.actor_id == actor_id_named(code)


def accredited_to(code: str) -> Where:
    """Envoys' terms in posts accredited to the country or bloc `code`."""
    return POST.c.accredited_to_actor_id == actor_id_named(code)


def in_post(office: str) -> Where:
    """Terms in the office `office` (foreign-minister) of whichever country."""
    return POST.c.office == office


def of_person(slug: str) -> Where:
    return PERSON.c.slug == slug


def _coverage(
    session: Connection, claims: Sequence[Claim[TermScope, TermData]]
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
    subject=lambda data: "/".join(
        part for part in (data.country, data.post, data.accredited_to, data.person) if part
    ),
    of_country=of_country,
)
