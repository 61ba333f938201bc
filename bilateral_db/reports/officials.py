"""Who held which office: a country's or bloc's office holders on a day, and a person's terms.

Answers use the preferred claims of every source (reports/claims/). A post that a source
covers at other times but not on the day asked (Archigos ends in 2015) gets a row of its own
with `covered` false: the source says nothing then, neither someone nor nobody. A post a
release covers that day with no holder gets a row with capacity `vacant` and no person: the
source says nobody (the U.S. embassy in Bangkok between two ambassadors).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from bilateral_db.reports.claims import engine
from bilateral_db.reports.claims.kinds.terms import (
    PERSON,
    POST,
    TERM,
    TermData,
    TermRow,
    TermScope,
    accredited_to,
    in_post,
    of_country,
    of_person,
)
from bilateral_db.reports.claims.provenance import ClaimSet, rows_on_day, spell_rows
from bilateral_db.reports.lookup import checked, existing
from bilateral_db.reports.names import titled_on
from bilateral_db.reports.paging import page_rows

__all__ = ["VACANT", "TermRow", "officials_on", "terms_of", "terms_of_total"]

VACANT = "vacant"  # the capacity of a row saying a covered post had no holder that day


@checked(country="actor", on="day", post=existing("post", POST.c.office), to="actor")
def officials_on(
    session: Connection,
    *,
    country: str,
    on: date,
    post: str | None = None,
    to: str | None = None,
    source: str | None = None,
    all_claims: bool = False,
    strict: bool = False,
) -> list[TermRow]:
    """Holders of the posts of `country` (a country or bloc; or of one post, or of its envoys'
    posts accredited to `to`) on day `on`; on a handover day, both.

    Posts a source covers at other times but not on `on` are listed as not covered.
    """
    where = [of_country(country)]
    where += [] if post is None else [in_post(post)]
    where += [] if to is None else [accredited_to(to)]
    found = TERM.read(session, *where, source=source)
    rows = rows_on_day(found, on, TERM.row_of, all_claims=all_claims, strict=strict)
    rows += unheld_posts(found, on, {(row.post, row.accredited_to) for row in rows})
    return sorted(titled_on(session, rows, on), key=_post_order)


def _post_order(row: TermRow) -> tuple[Any, ...]:
    start = row.start_date.value if row.start_date else date.min
    return (
        row.post,
        row.accredited_to or "",
        not row.covered,
        start,
        row.person or "",
        not row.preferred,
        row.source,
    )


def unheld_posts(
    found: ClaimSet[TermScope, TermData], on: date, answered: set[tuple[str, str | None]]
) -> list[TermRow]:
    """A row per post nobody holds on `on` by the sources: vacant (`capacity` vacant, no
    person) where a release covers the post that day, not covered where its source is silent
    then and its terms leave the day open (the last ran to the source's edge, or one follows).
    A vacancy is an answer (the embassy had no chief of mission), silence is not."""
    silent: dict[tuple[str, str | None], TermRow] = {}
    for scope, group in engine.by_scope(found.claims).items():
        for claimant in engine.claimants(group, scope, found.coverage):
            if claimant.alternative is not None or claimant.release_id == engine.CURATED_RELEASE_ID:
                continue
            sample = claimant.claims[0].data
            post = (sample.post, sample.accredited_to)
            if post in answered or post in silent or not engine.silent_on(group, on):
                continue
            covered = found.coverage.covers(claimant.release_id, scope, on)
            if not covered and not engine.left_open(
                claimant.claims, on, found.coverage.edge(claimant.release_id)
            ):
                continue
            silent[post] = TermRow(
                source=claimant.release,
                sources=(claimant.release,),
                covered=covered,
                note=f"vacant: {claimant.release} covers the post on {on} and names no holder"
                if covered
                else None,
                person=None,
                name=None,
                country=sample.country,
                post=sample.post,
                title=sample.title,
                accredited_to=sample.accredited_to,
                capacity=VACANT if covered else sample.capacity,
                start_date=None,
                end_date=None,
                end_status=None,
                fact_id=None,
            )
    return list(silent.values())


def _terms(session: Connection, person: str, source: str | None, all_claims: bool) -> list[TermRow]:
    found = TERM.read(session, of_person(person), source=source)
    rows = titled_on(session, spell_rows(found, TERM.row_of, all_claims=all_claims), None)
    return sorted(
        rows,
        key=lambda r: (
            r.start_date is None,
            r.start_date.value if r.start_date else date.min,
            r.post,
            not r.preferred,
        ),
    )


_terms_checked = checked(person=existing("person", PERSON.c.slug))


@_terms_checked
def terms_of(
    session: Connection,
    *,
    person: str,
    source: str | None = None,
    all_claims: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[TermRow]:
    """Every term of the person with slug `person`, oldest first (unknown starts last), then
    by post, preferred first; a page (`limit`, `offset`) is cut after claims are combined."""
    return page_rows(_terms(session, person, source, all_claims), limit, offset)


@_terms_checked
def terms_of_total(
    session: Connection,
    *,
    person: str,
    source: str | None = None,
    all_claims: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> int:
    """How many rows terms_of has (a page's limit and offset change nothing)."""
    return len(_terms(session, person, source, all_claims))
