"""The parts of the panels kept per pair of countries, built set-based from preferred claims.

Each part is a table keyed by actors (countries), so the COW and the GW panels read the same
rows. Only a country's own actor counts: blocs as members or partners are not dyads.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import text

from bilateral_db import tables
from bilateral_db.panels.dialect import Dialect
from bilateral_db.writing.bulk import BulkWriter

# The figures a panel sums: annual goods trade in US dollars, as reported, observed.
PANEL_FIGURES = """
    tf.flow IN ('import', 'export', 'total') AND tf.period_precision = 'year'
    AND tf.series = 'reported' AND tf.currency_code = 'USD' AND tf.value_status = 'observed'
    AND tf.category_id = (SELECT pc.id FROM product_category pc WHERE pc.code = 'all-goods')
"""


def spells(dialect: Dialect) -> None:
    """panel_spell: each country's preferred member spells, from their first day to the first
    day after (NULL: open), with their release."""
    rule = dialect.preferred(tables.MEMBERSHIP, "membership")
    stop = dialect.stop("membership.end_date", "membership.end_date_precision")
    dialect.temp_table(
        "panel_spell",
        f"""
        SELECT membership.actor_id, membership.bloc_id, membership.start_date AS starts,
               CASE WHEN membership.end_date IS NULL THEN NULL ELSE {stop} END AS stops,
               r.slug
        FROM membership
        JOIN release r ON r.id = membership.release_id
        JOIN actor a ON a.id = membership.actor_id AND a.country_id IS NOT NULL
        WHERE membership.role = 'member' AND {rule}
        """,
    )
    dialect.connection.exec_driver_sql(
        "CREATE INDEX ix_panel_spell ON panel_spell (actor_id, starts)"
    )


def shared_memberships(dialect: Dialect) -> None:
    """panel_shared_membership from panel_spell, for each pair of countries once (actor1 <
    actor2, the order a reader looks a pair up in): every two spells in one bloc that overlap
    give +1 from the later start and -1 from the earlier stop (set-based); a sweep along each
    pair's days sums those steps into intervals, each with the blocs both were members of and
    the releases of the memberships counted. An interval per change, so a reader finds a day's
    count with one probe. (Counting per year instead would join every pair of members of
    every bloc in every year: 20 million rows for COW IGO against 1.6 million steps.)"""
    far = dialect.far
    lo = dialect.greatest("a.starts", "b.starts")
    hi = dialect.least(f"COALESCE(a.stops, {far})", f"COALESCE(b.stops, {far})")
    connection = dialect.connection
    connection.execute(tables.PANEL_SHARED_MEMBERSHIP.delete())
    query = text(
        f"""
        WITH pair AS (
            SELECT a.actor_id AS a1, b.actor_id AS a2, a.slug AS s1, b.slug AS s2,
                   {lo} AS lo, {hi} AS hi
            FROM panel_spell a
            JOIN panel_spell b ON b.bloc_id = a.bloc_id AND b.actor_id > a.actor_id
            WHERE a.starts < COALESCE(b.stops, {far}) AND b.starts < COALESCE(a.stops, {far})
        )
        SELECT a1, a2, day, s1, s2, SUM(d)
        FROM (SELECT a1, a2, s1, s2, lo AS day, 1 AS d FROM pair
              UNION ALL
              SELECT a1, a2, s1, s2, hi, -1 FROM pair WHERE hi < {far}) steps
        GROUP BY a1, a2, day, s1, s2
        ORDER BY a1, a2, day
        """
    )
    # Streamed: an option of the statement, not of the connection (which would stream every
    # later statement of the transaction too).
    steps = connection.execute(query.execution_options(yield_per=20_000))
    writer = BulkWriter(connection, "panel_shared_membership", INTERVAL_COLUMNS)
    for interval in _intervals(steps):
        writer.add(interval)
    writer.close()


INTERVAL_COLUMNS = (
    "actor1_id",
    "actor2_id",
    "starts_on",
    "ends_before",
    "blocs",
    "memberships_source",
)


def _intervals(steps: Iterable[Sequence[Any]]) -> Iterator[tuple[Any, ...]]:
    """Steps (pair, day, the two releases, change) in pair and day order -> the intervals of
    each pair over which the count and the releases counted stay the same (INTERVAL_COLUMNS)."""
    for (actor1, actor2), rows in groupby(steps, key=itemgetter(0, 1)):
        counts: Counter[tuple[str, str]] = Counter()
        current: tuple[Any, int, str] | None = None  # first day, blocs, releases
        for day, changes in groupby(rows, key=itemgetter(2)):
            for *_, release1, release2, change in changes:
                counts[(release1, release2)] += int(change)
            blocs = sum(counts.values())
            sources = "; ".join(sorted({s for key, n in counts.items() if n > 0 for s in key}))
            if current is not None and current[1:] == (blocs, sources):
                continue
            if current is not None:
                yield (actor1, actor2, current[0], day, *current[1:])
            current = (day, blocs, sources) if blocs > 0 else None
        if current is not None:
            yield (actor1, actor2, current[0], None, *current[1:])


def trade(dialect: Dialect) -> None:
    """panel_dyad_trade: per country, partner and year, the preferred figure of its imports and
    of its exports, or, without a reported export, the partner's reported imports from it
    (a mirror figure, labelled so); their total as a source states it (either side's, its
    own first), else their sum."""
    rule = dialect.preferred(tables.TRADE_FIGURE, "tf")
    year = dialect.year("tf.period_start")
    connection = dialect.connection
    connection.exec_driver_sql("DELETE FROM panel_dyad_trade")
    connection.exec_driver_sql(
        f"""
        INSERT INTO panel_dyad_trade
            (actor1_id, year, actor2_id, exports_usd_minor, exports_basis, imports_usd_minor,
             total_usd_minor, total_basis, qualifier, imports_source, exports_source,
             total_source)
        WITH figure AS (
            SELECT tf.reporter_actor_id AS r, tf.partner_actor_id AS p, {year} AS year,
                   tf.flow, tf.value_minor AS v,
                   CASE WHEN tf.qualifier = 'exact' THEN NULL ELSE tf.qualifier END AS q,
                   rl.slug
            FROM trade_figure tf
            JOIN release rl ON rl.id = tf.release_id
            JOIN actor ra ON ra.id = tf.reporter_actor_id AND ra.country_id IS NOT NULL
            JOIN actor pa ON pa.id = tf.partner_actor_id AND pa.country_id IS NOT NULL
            WHERE {PANEL_FIGURES} AND {rule}
        ),
        side AS (
            SELECT r AS a1, p AS a2, year,
                   CASE flow WHEN 'import' THEN 'i' WHEN 'export' THEN 'e' ELSE 't' END AS kind,
                   v, q, slug
            FROM figure
            UNION ALL
            SELECT p, r, year, CASE flow WHEN 'import' THEN 'm' ELSE 'u' END, v, q, slug
            FROM figure WHERE flow IN ('import', 'total')
        ),
        pair AS (
            SELECT a1, a2, year,
                   MAX(CASE kind WHEN 'i' THEN v END) AS imports,
                   MAX(CASE kind WHEN 'i' THEN q END) AS imports_q,
                   MAX(CASE kind WHEN 'i' THEN slug END) AS imports_source,
                   MAX(CASE kind WHEN 'e' THEN v END) AS exports,
                   MAX(CASE kind WHEN 'e' THEN q END) AS exports_q,
                   MAX(CASE kind WHEN 'e' THEN slug END) AS exports_source,
                   MAX(CASE kind WHEN 'm' THEN v END) AS mirror,
                   MAX(CASE kind WHEN 'm' THEN q END) AS mirror_q,
                   MAX(CASE kind WHEN 'm' THEN slug END) AS mirror_source,
                   MAX(CASE kind WHEN 't' THEN v END) AS total,
                   MAX(CASE kind WHEN 't' THEN q END) AS total_q,
                   MAX(CASE kind WHEN 't' THEN slug END) AS total_source,
                   MAX(CASE kind WHEN 'u' THEN v END) AS their_total,
                   MAX(CASE kind WHEN 'u' THEN q END) AS their_total_q,
                   MAX(CASE kind WHEN 'u' THEN slug END) AS their_total_source
            FROM side
            GROUP BY a1, a2, year
        ),
        read AS (
            SELECT a1, a2, year, imports, imports_q, imports_source,
                   COALESCE(exports, mirror) AS exports,
                   CASE WHEN exports IS NOT NULL THEN 'reported'
                        WHEN mirror IS NOT NULL THEN 'mirror' END AS exports_basis,
                   CASE WHEN exports IS NOT NULL THEN exports_q ELSE mirror_q END AS exports_q,
                   CASE WHEN exports IS NOT NULL THEN exports_source
                        ELSE mirror_source END AS exports_source,
                   COALESCE(total, their_total) AS total,
                   CASE WHEN total IS NOT NULL THEN total_q ELSE their_total_q END AS total_q,
                   CASE WHEN total IS NOT NULL THEN total_source
                        ELSE their_total_source END AS total_source
            FROM pair
        )
        SELECT a1, year, a2, exports, exports_basis, imports,
               COALESCE(total, exports + imports),
               CASE WHEN total IS NOT NULL THEN 'reported'
                    WHEN exports IS NOT NULL AND imports IS NOT NULL THEN 'sum' END,
               COALESCE(imports_q, exports_q, total_q),
               imports_source, exports_source, total_source
        FROM read
        """
    )


def meeting_actors(dialect: Dialect) -> None:
    """panel_meeting_actor: the countries of each dated meeting — those taking part (as
    themselves, or through a person holding a post of theirs on the first day, by the
    preferred term) and the host — with the meeting's year and release."""
    rule = dialect.preferred(tables.TERM, "term")
    year = dialect.year("mt.start_date")
    stop = dialect.stop("term.end_date", "term.end_date_precision")
    dialect.temp_table(
        "panel_meeting_actor",
        f"""
        SELECT DISTINCT m.meeting_id, m.actor_id, {year} AS year, rl.slug
        FROM (
            SELECT p.meeting_id, p.actor_id
            FROM participant p JOIN actor a ON a.id = p.actor_id
            WHERE a.country_id IS NOT NULL
            UNION
            SELECT p.meeting_id, a.id
            FROM participant p
            JOIN meeting mt ON mt.id = p.meeting_id
            JOIN term ON term.person_id = p.person_id
            JOIN post ps ON ps.id = term.post_id
            JOIN actor a ON a.id = ps.actor_id AND a.country_id IS NOT NULL
            WHERE p.actor_id IS NULL AND term.start_date IS NOT NULL
              AND term.start_date <= mt.start_date
              AND (term.end_date IS NULL OR mt.start_date < {stop})
              AND {rule}
            UNION
            SELECT mt.id, a.id FROM meeting mt JOIN actor a ON a.country_id = mt.host_country_id
        ) m
        JOIN meeting mt ON mt.id = m.meeting_id
        JOIN release rl ON rl.id = mt.release_id
        WHERE mt.start_date IS NOT NULL
        """,
    )


# Meeting kinds that are one country's officials visiting another, its host.
VISIT_KINDS = (
    "visit",
    "state_visit",
    "official_visit",
    "official_working_visit",
    "working_visit",
    "private_visit",
)


def dyad_meetings(dialect: Dialect) -> None:
    """panel_dyad_meeting from panel_meeting_actor: meetings two countries shared, per year, and
    the visits of the first's officials to the second (a meeting of a visit kind the second
    hosted, the first taking part)."""
    connection = dialect.connection
    connection.execute(tables.PANEL_DYAD_MEETING.delete())
    kinds = ", ".join(f"'{kind}'" for kind in VISIT_KINDS)
    rows = connection.exec_driver_sql(
        f"""
        SELECT a.actor_id, b.actor_id, a.year, a.slug, COUNT(*),
               SUM(CASE WHEN mt.kind IN ({kinds}) AND h.id = b.actor_id THEN 1 ELSE 0 END)
        FROM panel_meeting_actor a
        JOIN panel_meeting_actor b ON b.meeting_id = a.meeting_id AND b.actor_id <> a.actor_id
        JOIN meeting mt ON mt.id = a.meeting_id
        LEFT JOIN actor h ON h.country_id = mt.host_country_id
        GROUP BY a.actor_id, b.actor_id, a.year, a.slug
        """
    )
    counted: dict[tuple[int, int, int], list[int]] = {}
    sources: dict[tuple[int, int, int], set[str]] = defaultdict(set)
    for actor1, actor2, year, slug, meetings, visits in rows:
        key = (actor1, actor2, year)
        found = counted.setdefault(key, [0, 0])
        found[0] += meetings
        found[1] += int(visits)
        sources[key].add(slug)
    writer = BulkWriter(
        connection,
        "panel_dyad_meeting",
        ("actor1_id", "actor2_id", "year", "meetings", "visits", "meetings_source"),
    )
    for (actor1, actor2, year), (meetings, visits) in counted.items():
        joined = "; ".join(sorted(sources[(actor1, actor2, year)]))
        writer.add((actor1, actor2, year, meetings, visits, joined))
    writer.close()


def envoys(dialect: Dialect, last_year: int) -> None:
    """panel_dyad_envoy: for each country with a post accredited to another (a chief of
    mission), each year from its first known term to `last_year`, whether a term of such a
    post (full, acting or ad interim; the preferred claim) held on 1 July."""
    rule = dialect.preferred(tables.TERM, "term")
    stop = dialect.stop("term.end_date", "term.end_date_precision")
    year = dialect.year("term.start_date")
    connection = dialect.connection
    connection.execute(tables.PANEL_DYAD_ENVOY.delete())
    dialect.temp_table(
        "panel_envoy_term",
        f"""
        SELECT ps.actor_id AS a1, ps.accredited_to_actor_id AS a2, term.start_date AS starts,
               CASE WHEN term.end_date IS NULL THEN NULL ELSE {stop} END AS stops,
               {year} AS first_year, r.slug
        FROM term
        JOIN post ps ON ps.id = term.post_id
        JOIN actor sender ON sender.id = ps.actor_id AND sender.country_id IS NOT NULL
        JOIN actor host ON host.id = ps.accredited_to_actor_id AND host.country_id IS NOT NULL
        JOIN release r ON r.id = term.release_id
        WHERE term.start_date IS NOT NULL AND {rule}
        """,
    )
    spans = connection.exec_driver_sql(
        "SELECT a1, a2, MIN(first_year) FROM panel_envoy_term GROUP BY a1, a2"
    ).all()
    terms: dict[tuple[int, int], list[tuple[Any, Any, str]]] = defaultdict(list)
    for a1, a2, starts, stops, slug in connection.exec_driver_sql(
        "SELECT a1, a2, starts, stops, slug FROM panel_envoy_term"
    ):
        terms[(a1, a2)].append((_iso(starts), None if stops is None else _iso(stops), slug))
    dialect.drop_temp("panel_envoy_term")
    writer = BulkWriter(
        connection,
        "panel_dyad_envoy",
        ("actor1_id", "actor2_id", "year", "present", "envoy_source"),
    )
    for a1, a2, first in spans:
        held = terms[(a1, a2)]
        known = "; ".join(sorted({slug for *_, slug in held}))
        for year_ in range(int(first), last_year + 1):
            day = f"{year_:04d}-07-01"
            present = [
                s for start, stop, s in held if start <= day and (stop is None or day < stop)
            ]
            writer.add((a1, a2, year_, bool(present), "; ".join(sorted(set(present))) or known))
    writer.close()


def _iso(value: Any) -> str:
    """A day as ISO text whichever backend gave it (text on SQLite, a date on PostgreSQL)."""
    return value if isinstance(value, str) else value.isoformat()
