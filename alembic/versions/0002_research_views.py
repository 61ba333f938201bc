"""Research views: the common questions without the join graph.

Views (all prefixed v_, which alembic/env.py leaves out of drift checks):
- v_membership: memberships with bloc and member names, dates at their precision, and
  end_exclusive, the first day a membership no longer covers (point-in-time rule of dates.py:
  start_date <= D AND (end_exclusive IS NULL OR D < end_exclusive)).
- v_term: terms of office with person, post and country, and end_exclusive.
- v_meeting_participant: one row per participant, with the meeting's names and codes.
- v_trade: trade figures by codes, with the previous period's value (LAG) and the change.
- v_country_year: one row per country and year it existed on 31 December (1946 to this year;
  an unknown start counts as existing since 1946), with its COW code on that day, bloc
  memberships on that day, meetings and trade.
- v_dyad_year: directed dyad-years (ccode1, ccode2, year) of countries that share a membership,
  met, or traded at some time; shared memberships on 31 December, meetings, trade of ccode1.

Only date arithmetic and formatting differ by backend; everything else is the same SQL text.
A country "takes part" in a meeting when named as a participant, represented by one of its
officials (a person holding one of its posts on the meeting's first day), or hosting it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op
from bilateral_db.models.dialect import Dialect

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIRST_PANEL_YEAR = 1946


def _views(d: Dialect) -> dict[str, str]:
    named_actor = """
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    """
    # Every country taking part in a meeting: named, through an official, or as host.
    meeting_country = f"""
        SELECT p.meeting_id, p.actor_id
        FROM participant p JOIN actor a ON a.id = p.actor_id
        WHERE a.country_id IS NOT NULL
        UNION
        SELECT p.meeting_id, a.id
        FROM participant p
        JOIN meeting mt ON mt.id = p.meeting_id
        JOIN term t ON t.person_id = p.person_id
        JOIN post ps ON ps.id = t.post_id
        JOIN actor a ON a.country_id = ps.country_id
        WHERE p.actor_id IS NULL AND {d.covers("t", "mt.start_date")}
        UNION
        SELECT mt.id, a.id
        FROM meeting mt JOIN actor a ON a.country_id = mt.host_country_id
    """
    years = f"""
        years(year) AS (
            SELECT {FIRST_PANEL_YEAR}
            UNION ALL
            SELECT year + 1 FROM years WHERE year < {d.this_year()}
        )
    """
    country_actor = """
        SELECT a.id AS actor_id, c.id AS country_id, c.code, COALESCE(c.common_name, c.name) AS name,
               c.start_date, c.end_date, c.end_date_precision
        FROM actor a JOIN country c ON c.id = a.country_id
    """

    def existed(alias: str) -> str:
        # On 31 December, like memberships and COW codes: a state dissolved during the year
        # (the USSR on 1991-12-26) leaves that year to its successor, so no code appears twice.
        return d.code_covers(alias, d.december_31("y.year"))

    def cow(alias: str) -> str:
        return (
            f"(SELECT MIN(cc.code) FROM country_code cc WHERE cc.country_id = {alias}.country_id "
            f"AND cc.scheme = 'cow' AND {d.code_covers('cc', d.december_31('y.year'))})"
        )

    def trade_of(reporter: str, partner: str | None, flow: str) -> str:
        partner_test = f"AND tf.partner_actor_id = {partner} " if partner else ""
        return (
            "(SELECT SUM(tf.value_minor) FROM trade_figure tf "
            "JOIN product_category pc ON pc.id = tf.category_id "
            f"JOIN actor pa ON pa.id = tf.partner_actor_id "
            f"WHERE tf.reporter_actor_id = {reporter} {partner_test}"
            f"AND tf.flow = '{flow}' AND pc.code = 'all-goods' AND tf.period_precision = 'year' "
            "AND tf.currency_code = 'USD' AND tf.value_status = 'observed' "
            + ("" if partner else "AND pa.country_id IS NOT NULL ")
            + f"AND {d.year('tf.period_start')} = y.year)"
        )

    return {
        "v_membership": f"""
            SELECT m.id AS membership_id,
                   b.code AS bloc_code, b.name AS bloc_name,
                   na.code AS member_code, na.name AS member_name, na.kind AS member_kind,
                   m.role,
                   m.start_date, m.start_date_precision,
                   {d.label("m.start_date", "m.start_date_precision")} AS start_label,
                   m.end_date, m.end_date_precision,
                   {d.label("m.end_date", "m.end_date_precision")} AS end_label,
                   {d.end_exclusive("m.end_date", "m.end_date_precision")} AS end_exclusive,
                   m.fact_id
            FROM membership m
            JOIN bloc b ON b.id = m.bloc_id
            JOIN ({named_actor}) na ON na.actor_id = m.actor_id
        """,
        "v_term": f"""
            SELECT t.id AS term_id,
                   p.slug AS person_slug, p.name AS person_name,
                   c.code AS country_code, COALESCE(c.common_name, c.name) AS country_name,
                   ps.office, ps.title AS post_title, ps.single_seat,
                   t.start_date, t.start_date_precision,
                   {d.label("t.start_date", "t.start_date_precision")} AS start_label,
                   t.end_date, t.end_date_precision,
                   {d.label("t.end_date", "t.end_date_precision")} AS end_label,
                   {d.end_exclusive("t.end_date", "t.end_date_precision")} AS end_exclusive,
                   t.fact_id
            FROM term t
            JOIN person p ON p.id = t.person_id
            JOIN post ps ON ps.id = t.post_id
            JOIN country c ON c.id = ps.country_id
        """,
        "v_meeting_participant": f"""
            SELECT mt.slug AS meeting_slug, mt.name AS meeting_name, mt.kind AS meeting_kind,
                   mt.ordinal,
                   mt.start_date, mt.start_date_precision,
                   {d.label("mt.start_date", "mt.start_date_precision")} AS start_label,
                   mt.end_date, mt.end_date_precision,
                   {d.year("mt.start_date")} AS year,
                   ci.name AS city, hc.code AS host_code, b.code AS bloc_code,
                   parent.slug AS parent_slug,
                   pe.slug AS person_slug, pe.name AS person_name,
                   na.code AS actor_code, na.name AS actor_name, na.kind AS actor_kind,
                   pa.role, pa.status, pa.fact_id
            FROM participant pa
            JOIN meeting mt ON mt.id = pa.meeting_id
            LEFT JOIN city ci ON ci.id = mt.city_id
            LEFT JOIN country hc ON hc.id = mt.host_country_id
            LEFT JOIN bloc b ON b.id = mt.bloc_id
            LEFT JOIN meeting parent ON parent.id = mt.parent_id
            LEFT JOIN person pe ON pe.id = pa.person_id
            LEFT JOIN ({named_actor}) na ON na.actor_id = pa.actor_id
        """,
        "v_trade": f"""
            SELECT s.trade_figure_id, s.reporter_code, s.reporter_kind, s.partner_code,
                   s.partner_kind, s.year, s.month, s.period_start, s.period_precision, s.flow,
                   s.category_code, s.valuation, s.value_status, s.value_minor, s.currency_code,
                   s.minor_unit, s.qualifier,
                   CASE WHEN s.previous_index = s.period_index - 1 THEN s.lag_value_minor END
                       AS previous_value_minor,
                   CASE WHEN s.previous_index = s.period_index - 1 AND s.lag_value_minor > 0
                        THEN {d.percent_change("s.value_minor", "s.lag_value_minor")} END
                       AS change_pct,
                   s.fact_id
            FROM (
                SELECT tf.id AS trade_figure_id,
                       r.code AS reporter_code, r.kind AS reporter_kind,
                       p.code AS partner_code, p.kind AS partner_kind,
                       {d.year("tf.period_start")} AS year,
                       CASE tf.period_precision WHEN 'month'
                            THEN {d.month("tf.period_start")} END AS month,
                       tf.period_start, tf.period_precision,
                       tf.flow, pc.code AS category_code, tf.valuation, tf.value_status,
                       tf.value_minor, tf.currency_code, cu.minor_unit, tf.qualifier,
                       CASE tf.period_precision WHEN 'year' THEN {d.year("tf.period_start")}
                            ELSE {d.year("tf.period_start")} * 12 + {d.month("tf.period_start")}
                       END AS period_index,
                       LAG(CASE tf.period_precision WHEN 'year' THEN {d.year("tf.period_start")}
                            ELSE {d.year("tf.period_start")} * 12 + {d.month("tf.period_start")}
                           END) OVER series AS previous_index,
                       LAG(tf.value_minor) OVER series AS lag_value_minor,
                       tf.fact_id
                FROM trade_figure tf
                JOIN ({named_actor}) r ON r.actor_id = tf.reporter_actor_id
                JOIN ({named_actor}) p ON p.actor_id = tf.partner_actor_id
                JOIN product_category pc ON pc.id = tf.category_id
                LEFT JOIN currency cu ON cu.code = tf.currency_code
                WINDOW series AS (
                    PARTITION BY tf.reporter_actor_id, tf.partner_actor_id, tf.flow,
                                 tf.category_id, tf.valuation, tf.period_precision,
                                 tf.currency_code
                    ORDER BY tf.period_start
                )
            ) s
        """,
        "v_country_year": f"""
            WITH RECURSIVE {years},
            country_actor AS ({country_actor}),
            meeting_country AS ({meeting_country})
            SELECT ca.code AS iso, ca.name, {cow("ca")} AS ccode, y.year,
                   (SELECT COUNT(*) FROM membership m
                    WHERE m.actor_id = ca.actor_id AND m.role = 'member'
                      AND {d.covers("m", d.december_31("y.year"))}) AS bloc_memberships,
                   (SELECT COUNT(*) FROM meeting_country mc JOIN meeting mt ON mt.id = mc.meeting_id
                    WHERE mc.actor_id = ca.actor_id
                      AND {d.year("mt.start_date")} = y.year) AS meetings,
                   {trade_of("ca.actor_id", None, "export")} AS exports_usd_minor,
                   {trade_of("ca.actor_id", None, "import")} AS imports_usd_minor
            FROM country_actor ca
            JOIN years y ON {existed("ca")}
        """,
        "v_dyad_year": f"""
            WITH RECURSIVE {years},
            country_actor AS ({country_actor}),
            meeting_country AS ({meeting_country}),
            pairs AS (
                SELECT m1.actor_id AS actor1, m2.actor_id AS actor2
                FROM membership m1
                JOIN membership m2 ON m2.bloc_id = m1.bloc_id AND m2.actor_id <> m1.actor_id
                WHERE m1.role = 'member' AND m2.role = 'member'
                UNION
                SELECT c1.actor_id, c2.actor_id
                FROM meeting_country c1
                JOIN meeting_country c2
                  ON c2.meeting_id = c1.meeting_id AND c2.actor_id <> c1.actor_id
                UNION
                SELECT reporter_actor_id, partner_actor_id FROM trade_figure
                UNION
                SELECT partner_actor_id, reporter_actor_id FROM trade_figure
            )
            SELECT a1.code AS iso1, a2.code AS iso2,
                   {cow("a1")} AS ccode1, {cow("a2")} AS ccode2, y.year,
                   (SELECT COUNT(*) FROM membership m1
                    JOIN membership m2 ON m2.bloc_id = m1.bloc_id
                    WHERE m1.actor_id = a1.actor_id AND m2.actor_id = a2.actor_id
                      AND m1.role = 'member' AND m2.role = 'member'
                      AND {d.covers("m1", d.december_31("y.year"))}
                      AND {d.covers("m2", d.december_31("y.year"))}) AS shared_memberships,
                   (SELECT COUNT(*) FROM meeting_country c1
                    JOIN meeting_country c2 ON c2.meeting_id = c1.meeting_id
                    JOIN meeting mt ON mt.id = c1.meeting_id
                    WHERE c1.actor_id = a1.actor_id AND c2.actor_id = a2.actor_id
                      AND {d.year("mt.start_date")} = y.year) AS meetings,
                   {trade_of("a1.actor_id", "a2.actor_id", "export")} AS exports_usd_minor,
                   {trade_of("a1.actor_id", "a2.actor_id", "import")} AS imports_usd_minor,
                   {trade_of("a1.actor_id", "a2.actor_id", "total")} AS total_usd_minor
            FROM pairs
            JOIN country_actor a1 ON a1.actor_id = pairs.actor1
            JOIN country_actor a2 ON a2.actor_id = pairs.actor2
            JOIN years y ON {existed("a1")} AND {existed("a2")}
        """,
    }


VIEW_NAMES = (
    "v_membership",
    "v_term",
    "v_meeting_participant",
    "v_trade",
    "v_country_year",
    "v_dyad_year",
)


def upgrade() -> None:
    views = _views(Dialect(op.get_bind().dialect.name))
    for name in VIEW_NAMES:
        op.execute(f"CREATE VIEW {name} AS {views[name]}")


def downgrade() -> None:
    for name in reversed(VIEW_NAMES):
        op.execute(f"DROP VIEW IF EXISTS {name}")
