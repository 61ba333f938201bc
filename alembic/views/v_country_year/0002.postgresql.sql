
            WITH RECURSIVE 
        years(year) AS (
            SELECT 1946
            UNION ALL
            SELECT year + 1 FROM years WHERE year < CAST(EXTRACT(YEAR FROM CURRENT_DATE) AS INTEGER)
        )
    ,
            country_actor AS (
        SELECT a.id AS actor_id, c.id AS country_id, c.code, COALESCE(c.common_name, c.name) AS name,
               c.start_date, c.end_date, c.end_date_precision
        FROM actor a JOIN country c ON c.id = a.country_id
    ),
            meeting_country AS (
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
        WHERE p.actor_id IS NULL AND (t.start_date IS NOT NULL AND t.start_date <= mt.start_date AND (t.end_date IS NULL OR mt.start_date < CAST(t.end_date + CASE t.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))
        UNION
        SELECT mt.id, a.id
        FROM meeting mt JOIN actor a ON a.country_id = mt.host_country_id
    )
            SELECT ca.code AS iso, ca.name, (SELECT MIN(cc.code) FROM country_code cc WHERE cc.country_id = ca.country_id AND cc.scheme = 'cow' AND ((cc.start_date IS NULL OR cc.start_date <= make_date(y.year, 12, 31)) AND (cc.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(cc.end_date + CASE cc.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))) AS ccode, y.year,
                   (SELECT COUNT(*) FROM membership m
                    WHERE m.actor_id = ca.actor_id AND m.role = 'member'
                      AND (m.start_date IS NOT NULL AND m.start_date <= make_date(y.year, 12, 31) AND (m.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(m.end_date + CASE m.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))) AS bloc_memberships,
                   (SELECT COUNT(*) FROM meeting_country mc JOIN meeting mt ON mt.id = mc.meeting_id
                    WHERE mc.actor_id = ca.actor_id
                      AND CAST(EXTRACT(YEAR FROM mt.start_date) AS INTEGER) = y.year) AS meetings,
                   (SELECT SUM(tf.value_minor) FROM trade_figure tf JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = ca.actor_id AND tf.flow = 'export' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND pa.country_id IS NOT NULL AND CAST(EXTRACT(YEAR FROM tf.period_start) AS INTEGER) = y.year) AS exports_usd_minor,
                   (SELECT SUM(tf.value_minor) FROM trade_figure tf JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = ca.actor_id AND tf.flow = 'import' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND pa.country_id IS NOT NULL AND CAST(EXTRACT(YEAR FROM tf.period_start) AS INTEGER) = y.year) AS imports_usd_minor
            FROM country_actor ca
            JOIN years y ON ((ca.start_date IS NULL OR ca.start_date <= make_date(y.year, 12, 31)) AND (ca.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(ca.end_date + CASE ca.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))
        