
        SELECT s.trade_figure_id, s.reporter_code, s.reporter_kind, s.partner_code,
               s.partner_kind, s.year, s.month, s.period_start, s.period_end, s.period_precision, s.flow, s.series,
               s.category_code, s.valuation, s.value_status, s.value_minor, s.value_high_minor, s.rounding_minor, s.currency_code,
               s.minor_unit, s.qualifier, s.quantity_milli, s.quantity_unit,
               CASE WHEN s.previous_index = s.period_index - 1 THEN s.lag_value_minor END
                   AS previous_value_minor,
               CASE WHEN s.previous_index = s.period_index - 1 AND s.lag_value_minor > 0
                    THEN ROUND((s.value_minor - s.lag_value_minor) * 100.0 / s.lag_value_minor, 2) END
                   AS change_pct,
               s.source, s.confidence, s.note, s.fact_id
        FROM (
            SELECT tf.id AS trade_figure_id,
                   rp.code AS reporter_code, rp.kind AS reporter_kind,
                   pt.code AS partner_code, pt.kind AS partner_kind,
                   CAST(strftime('%Y', tf.period_start) AS INTEGER) AS year,
                   CASE tf.period_precision WHEN 'month'
                        THEN CAST(strftime('%m', tf.period_start) AS INTEGER) END AS month,
                   tf.period_start, tf.period_end, tf.period_precision,
                   tf.flow, tf.series, pc.code AS category_code, tf.valuation, tf.value_status,
                   tf.value_minor, tf.value_high_minor, tf.rounding_minor, tf.currency_code, cu.minor_unit,
                   tf.qualifier, tf.quantity_milli, tf.quantity_unit,
                   CASE tf.period_precision WHEN 'year' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER) WHEN 'fiscal_year' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER) WHEN 'month' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER) * 12 + CAST(strftime('%m', tf.period_start) AS INTEGER) WHEN 'quarter' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER) * 4 + (CAST(strftime('%m', tf.period_start) AS INTEGER) - 1) / 3 END AS period_index,
                   LAG(CASE tf.period_precision WHEN 'year' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER) WHEN 'fiscal_year' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER) WHEN 'month' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER) * 12 + CAST(strftime('%m', tf.period_start) AS INTEGER) WHEN 'quarter' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER) * 4 + (CAST(strftime('%m', tf.period_start) AS INTEGER) - 1) / 3 END) OVER series AS previous_index,
                   LAG(tf.value_minor) OVER series AS lag_value_minor,
                   r.slug AS source, f.confidence, f.note, tf.fact_id
            FROM trade_figure tf
            JOIN release r ON r.id = tf.release_id
            JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
        UNION ALL
        SELECT a.id, g.code, g.name, 'region', NULL
        FROM actor a JOIN region g ON g.id = a.region_id
    ) rp ON rp.actor_id = tf.reporter_actor_id
            JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
        UNION ALL
        SELECT a.id, g.code, g.name, 'region', NULL
        FROM actor a JOIN region g ON g.id = a.region_id
    ) pt ON pt.actor_id = tf.partner_actor_id
            JOIN product_category pc ON pc.id = tf.category_id
            LEFT JOIN currency cu ON cu.code = tf.currency_code
            LEFT JOIN fact f ON f.id = tf.fact_id
            WHERE (tf.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM trade_figure o JOIN release ro ON ro.id = o.release_id WHERE o.reporter_actor_id = tf.reporter_actor_id AND o.partner_actor_id = tf.partner_actor_id AND o.period_start = tf.period_start AND o.period_precision = tf.period_precision AND o.period_end = tf.period_end AND o.flow = tf.flow AND o.series = tf.series AND o.category_id = tf.category_id AND o.valuation = tf.valuation AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence))
            WINDOW series AS (
                PARTITION BY rp.code, rp.kind, pt.code, pt.kind, tf.reporter_actor_id, tf.partner_actor_id, tf.flow, tf.series,
                             tf.category_id, tf.valuation, tf.period_precision,
                             tf.currency_code
                ORDER BY tf.period_start
            )
        ) s
    