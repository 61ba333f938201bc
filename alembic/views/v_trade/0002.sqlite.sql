
            SELECT s.trade_figure_id, s.reporter_code, s.reporter_kind, s.partner_code,
                   s.partner_kind, s.year, s.month, s.period_start, s.period_precision, s.flow,
                   s.category_code, s.valuation, s.value_status, s.value_minor, s.currency_code,
                   s.minor_unit, s.qualifier,
                   CASE WHEN s.previous_index = s.period_index - 1 THEN s.lag_value_minor END
                       AS previous_value_minor,
                   CASE WHEN s.previous_index = s.period_index - 1 AND s.lag_value_minor > 0
                        THEN ROUND((s.value_minor - s.lag_value_minor) * 100.0 / s.lag_value_minor, 2) END
                       AS change_pct,
                   s.fact_id
            FROM (
                SELECT tf.id AS trade_figure_id,
                       r.code AS reporter_code, r.kind AS reporter_kind,
                       p.code AS partner_code, p.kind AS partner_kind,
                       CAST(strftime('%Y', tf.period_start) AS INTEGER) AS year,
                       CASE tf.period_precision WHEN 'month'
                            THEN CAST(strftime('%m', tf.period_start) AS INTEGER) END AS month,
                       tf.period_start, tf.period_precision,
                       tf.flow, pc.code AS category_code, tf.valuation, tf.value_status,
                       tf.value_minor, tf.currency_code, cu.minor_unit, tf.qualifier,
                       CASE tf.period_precision WHEN 'year' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER)
                            ELSE CAST(strftime('%Y', tf.period_start) AS INTEGER) * 12 + CAST(strftime('%m', tf.period_start) AS INTEGER)
                       END AS period_index,
                       LAG(CASE tf.period_precision WHEN 'year' THEN CAST(strftime('%Y', tf.period_start) AS INTEGER)
                            ELSE CAST(strftime('%Y', tf.period_start) AS INTEGER) * 12 + CAST(strftime('%m', tf.period_start) AS INTEGER)
                           END) OVER series AS previous_index,
                       LAG(tf.value_minor) OVER series AS lag_value_minor,
                       tf.fact_id
                FROM trade_figure tf
                JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    ) r ON r.actor_id = tf.reporter_actor_id
                JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    ) p ON p.actor_id = tf.partner_actor_id
                JOIN product_category pc ON pc.id = tf.category_id
                LEFT JOIN currency cu ON cu.code = tf.currency_code
                WINDOW series AS (
                    PARTITION BY tf.reporter_actor_id, tf.partner_actor_id, tf.flow,
                                 tf.category_id, tf.valuation, tf.period_precision,
                                 tf.currency_code
                    ORDER BY tf.period_start
                )
            ) s
        