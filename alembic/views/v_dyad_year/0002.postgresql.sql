
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
    ),
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
                   (SELECT MIN(cc.code) FROM country_code cc WHERE cc.country_id = a1.country_id AND cc.scheme = 'cow' AND ((cc.start_date IS NULL OR cc.start_date <= make_date(y.year, 12, 31)) AND (cc.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(cc.end_date + CASE cc.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))) AS ccode1, (SELECT MIN(cc.code) FROM country_code cc WHERE cc.country_id = a2.country_id AND cc.scheme = 'cow' AND ((cc.start_date IS NULL OR cc.start_date <= make_date(y.year, 12, 31)) AND (cc.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(cc.end_date + CASE cc.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))) AS ccode2, y.year,
                   (SELECT COUNT(*) FROM membership m1
                    JOIN membership m2 ON m2.bloc_id = m1.bloc_id
                    WHERE m1.actor_id = a1.actor_id AND m2.actor_id = a2.actor_id
                      AND m1.role = 'member' AND m2.role = 'member'
                      AND (m1.start_date IS NOT NULL AND m1.start_date <= make_date(y.year, 12, 31) AND (m1.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(m1.end_date + CASE m1.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))
                      AND (m2.start_date IS NOT NULL AND m2.start_date <= make_date(y.year, 12, 31) AND (m2.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(m2.end_date + CASE m2.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))) AS shared_memberships,
                   (SELECT COUNT(*) FROM meeting_country c1
                    JOIN meeting_country c2 ON c2.meeting_id = c1.meeting_id
                    JOIN meeting mt ON mt.id = c1.meeting_id
                    WHERE c1.actor_id = a1.actor_id AND c2.actor_id = a2.actor_id
                      AND CAST(EXTRACT(YEAR FROM mt.start_date) AS INTEGER) = y.year) AS meetings,
                   (SELECT SUM(tf.value_minor) FROM trade_figure tf JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = a1.actor_id AND tf.partner_actor_id = a2.actor_id AND tf.flow = 'export' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND CAST(EXTRACT(YEAR FROM tf.period_start) AS INTEGER) = y.year) AS exports_usd_minor,
                   (SELECT SUM(tf.value_minor) FROM trade_figure tf JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = a1.actor_id AND tf.partner_actor_id = a2.actor_id AND tf.flow = 'import' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND CAST(EXTRACT(YEAR FROM tf.period_start) AS INTEGER) = y.year) AS imports_usd_minor,
                   (SELECT SUM(tf.value_minor) FROM trade_figure tf JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = a1.actor_id AND tf.partner_actor_id = a2.actor_id AND tf.flow = 'total' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND CAST(EXTRACT(YEAR FROM tf.period_start) AS INTEGER) = y.year) AS total_usd_minor
            FROM pairs
            JOIN country_actor a1 ON a1.actor_id = pairs.actor1
            JOIN country_actor a2 ON a2.actor_id = pairs.actor2
            JOIN years y ON ((a1.start_date IS NULL OR a1.start_date <= make_date(y.year, 12, 31)) AND (a1.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(a1.end_date + CASE a1.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE))) AND ((a2.start_date IS NULL OR a2.start_date <= make_date(y.year, 12, 31)) AND (a2.end_date IS NULL OR make_date(y.year, 12, 31) < CAST(a2.end_date + CASE a2.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))
        