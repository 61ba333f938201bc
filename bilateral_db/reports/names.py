"""Names on the day an answer is about: countries', blocs' and posts' dated names.

A name claim (country_name, bloc_name, post_title) covers [start, end] by the point-in-time
rule of bilateral_db.core.dates (an unknown start: since the beginning; an open end: still in
use). On a day, the name is that of the covering claim that starts last (a new name known to
the month wins its whole month); where none covers the day, the row's own name. Answers on a
day use that day; answers over time (a timeline, a person's terms) use each row's first day.

Reports read the claims of the rows they answer in one query (`read_names`) and rename their
rows with `Names.country`, `Names.bloc` and `Names.title`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Connection, func, literal, select, union_all

from bilateral_db.core.dates import PartialDate, period_end_exclusive
from bilateral_db.reports.claims.kinds.terms import TermRow
from bilateral_db.tables import ACTOR, BLOC, BLOC_NAME, COUNTRY, COUNTRY_NAME, POST, POST_TITLE

# A post as reports name it: its owner's code, its office, the code it is accredited to.
PostKey = tuple[str, str, str | None]


_TO = ACTOR.alias("title_to")
_TO_COUNTRY = COUNTRY.alias("title_to_country")
_TO_BLOC = BLOC.alias("title_to_bloc")
_OWNER = ACTOR.alias("title_owner")
_OWNER_COUNTRY = COUNTRY.alias("title_owner_country")
_OWNER_BLOC = BLOC.alias("title_owner_bloc")


@dataclass(frozen=True)
class _Claim:
    name: str
    start: date | None
    stop: date | None  # the first day after its end; None while in use


@dataclass
class Names:
    """The name claims read for some countries, blocs and posts."""

    _claims: dict[tuple[str, object], list[_Claim]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def _on(self, kind: str, key: object, day: date | None, default: str) -> str:
        if day is None:
            return default
        covering = [
            claim
            for claim in self._claims.get((kind, key), ())
            if (claim.start is None or claim.start <= day)
            and (claim.stop is None or day < claim.stop)
        ]
        if not covering:
            return default
        return max(covering, key=lambda claim: claim.start or date.min).name

    def country(self, code: str, day: date | None, default: str) -> str:
        """The country's name on `day` (`default` where no claim covers it)."""
        return self._on("country", code, day, default)

    def bloc(self, code: str, day: date | None, default: str) -> str:
        """The bloc's name on `day` (`default` where no claim covers it)."""
        return self._on("bloc", code, day, default)

    def actor(self, kind: str, code: str, day: date | None, default: str) -> str:
        """A member's name on `day`: `kind` is country or bloc."""
        return self._on("bloc" if kind == "bloc" else "country", code, day, default)

    def title(self, post: PostKey, day: date | None, default: str) -> str:
        """The post's title on `day` (`default` where no claim covers it)."""
        return self._on("post", post, day, default)


def titled_on(session: Connection, rows: list[TermRow], on: date | None) -> list[TermRow]:
    """Term rows with each post's title as it was on `on` (None: on each row's first day)."""
    if not rows:
        return rows
    names = read_names(session, posts=[(row.country, row.post, row.accredited_to) for row in rows])
    titled = []
    for row in rows:
        day = on if on is not None else first_day(row.start_date)
        title = names.title((row.country, row.post, row.accredited_to), day, row.title)
        titled.append(row if title == row.title else replace(row, title=title))
    return titled


def first_day(value: PartialDate | None) -> date | None:
    """The day a row over time is named on: its start's first day (None: its own name)."""
    return None if value is None else value.value


def read_names(
    session: Connection,
    *,
    countries: Iterable[str] = (),
    blocs: Iterable[str] = (),
    posts: Iterable[PostKey] = (),
) -> Names:
    """The name claims of these countries and blocs (codes) and posts, in one query."""
    country_codes, bloc_codes = sorted(set(countries)), sorted(set(blocs))
    offices = sorted({office for _owner, office, _to in posts})
    wanted_posts = set(posts)
    names = Names()
    parts = []
    if country_codes:
        parts.append(
            select(
                literal("country").label("kind"),
                COUNTRY.c.code.label("code"),
                literal(None).label("office"),
                literal(None).label("accredited_to"),
                COUNTRY_NAME.c.name,
                COUNTRY_NAME.c.start_date,
                COUNTRY_NAME.c.end_date,
                COUNTRY_NAME.c.end_date_precision,
            )
            .join(COUNTRY, COUNTRY.c.id == COUNTRY_NAME.c.country_id)
            .where(COUNTRY.c.code.in_(country_codes))
        )
    if bloc_codes:
        parts.append(
            select(
                literal("bloc"),
                BLOC.c.code,
                literal(None),
                literal(None),
                BLOC_NAME.c.name,
                BLOC_NAME.c.start_date,
                BLOC_NAME.c.end_date,
                BLOC_NAME.c.end_date_precision,
            )
            .join(BLOC, BLOC.c.id == BLOC_NAME.c.bloc_id)
            .where(BLOC.c.code.in_(bloc_codes))
        )
    if offices:
        parts.append(
            select(
                literal("post"),
                func.coalesce(_OWNER_COUNTRY.c.code, _OWNER_BLOC.c.code),
                POST.c.office,
                func.coalesce(_TO_COUNTRY.c.code, _TO_BLOC.c.code),
                POST_TITLE.c.name,
                POST_TITLE.c.start_date,
                POST_TITLE.c.end_date,
                POST_TITLE.c.end_date_precision,
            )
            .select_from(POST_TITLE)
            .join(POST, POST.c.id == POST_TITLE.c.post_id)
            .join(_OWNER, _OWNER.c.id == POST.c.actor_id)
            .outerjoin(_OWNER_COUNTRY, _OWNER_COUNTRY.c.id == _OWNER.c.country_id)
            .outerjoin(_OWNER_BLOC, _OWNER_BLOC.c.id == _OWNER.c.bloc_id)
            .outerjoin(_TO, _TO.c.id == POST.c.accredited_to_actor_id)
            .outerjoin(_TO_COUNTRY, _TO_COUNTRY.c.id == _TO.c.country_id)
            .outerjoin(_TO_BLOC, _TO_BLOC.c.id == _TO.c.bloc_id)
            .where(POST.c.office.in_(offices))
        )
    if not parts:
        return names
    statement = parts[0] if len(parts) == 1 else union_all(*parts)
    for kind, code, office, to, name, start, end, end_precision in session.execute(statement):
        key: object = code if kind != "post" else (code, office, to)
        if kind == "post" and key not in wanted_posts:
            continue
        stop = None if end is None else period_end_exclusive(end, end_precision)
        names._claims[(kind, key)].append(_Claim(name, start, stop))
    return names
