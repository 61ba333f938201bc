
        WITH RECURSIVE 
        bounds AS (
            SELECT MIN(CAST(EXTRACT(YEAR FROM start_date) AS INTEGER)) AS first_year,
                   MAX(CAST(EXTRACT(YEAR FROM CASE WHEN end_status = 'censored' OR end_date IS NULL THEN CURRENT_DATE ELSE end_date END) AS INTEGER)) AS last_year
            FROM system_membership WHERE system = 'cow'
        ),
        years(year) AS (
            SELECT first_year FROM bounds WHERE first_year IS NOT NULL
            UNION ALL
            SELECT y.year + 1 FROM years y, bounds WHERE y.year < bounds.last_year
        ),
        state_year AS (
            SELECT sm.code, y.year, sm.name AS list_name,
                   LEAST(make_date(y.year, 12, 31), COALESCE((CASE WHEN sm.end_status = 'censored' THEN NULL ELSE sm.end_date END), make_date(y.year, 12, 31))) AS last_day,
                   CASE WHEN sm.end_status = 'censored' AND sm.end_date < make_date(y.year, 1, 1)
                        THEN 0 ELSE 1 END AS listed
            FROM system_membership sm
            JOIN years y ON sm.start_date <= make_date(y.year, 12, 31)
                        AND ((CASE WHEN sm.end_status = 'censored' THEN NULL ELSE sm.end_date END) IS NULL OR (CASE WHEN sm.end_status = 'censored' THEN NULL ELSE sm.end_date END) >= make_date(y.year, 1, 1))
            WHERE sm.system = 'cow'
        ),
        mapped AS (
            SELECT sy.code, sy.year, sy.list_name, sy.last_day, sy.listed,
                   (SELECT MIN(cc.country_id) FROM country_code cc
                    JOIN release r ON r.id = cc.release_id
                    WHERE cc.scheme = 'cow' AND cc.code = CAST(sy.code AS VARCHAR(8))
                      AND (cc.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM country_code o JOIN release ro ON ro.id = o.release_id WHERE o.country_id = cc.country_id AND o.scheme = cc.scheme AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence))
                      AND ((cc.start_date IS NULL OR cc.start_date <= sy.last_day) AND (cc.end_date IS NULL OR sy.last_day < CAST(cc.end_date + CASE cc.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))) AS country_id
            FROM state_year sy
        ),
        state AS (
            SELECT mp.code, mp.year, mp.last_day, mp.listed, c.code AS iso,
                   COALESCE(c.common_name, c.name, mp.list_name) AS name, a.id AS actor_id
            FROM mapped mp
            LEFT JOIN country c ON c.id = mp.country_id
            LEFT JOIN actor a ON a.country_id = c.id
        )
    , 
        meeting_country AS (
            SELECT p.meeting_id, p.actor_id
            FROM participant p JOIN actor a ON a.id = p.actor_id
            WHERE a.country_id IS NOT NULL
            UNION
            SELECT p.meeting_id, a.id
            FROM participant p
            JOIN meeting mt ON mt.id = p.meeting_id
            JOIN term t ON t.person_id = p.person_id
            JOIN release r ON r.id = t.release_id
            JOIN post ps ON ps.id = t.post_id
            JOIN actor a ON a.id = ps.actor_id
            WHERE p.actor_id IS NULL AND (t.start_date IS NOT NULL AND t.start_date <= mt.start_date AND (t.end_date IS NULL OR mt.start_date < CAST(t.end_date + CASE t.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)))
              AND (t.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM term o JOIN release ro ON ro.id = o.release_id WHERE o.post_id = t.post_id AND o.person_id = t.person_id AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence))
            UNION
            SELECT mt.id, a.id
            FROM meeting mt JOIN actor a ON a.country_id = mt.host_country_id
        )
    
        SELECT s.code AS ccode1, o.code AS ccode2, s.year, s.iso AS iso1, o.iso AS iso2,
               s.listed * o.listed AS listed,
               (SELECT COUNT(*) FROM membership m1
                JOIN release rm1 ON rm1.id = m1.release_id
                JOIN membership m2 ON m2.bloc_id = m1.bloc_id
                JOIN release rm2 ON rm2.id = m2.release_id
                WHERE m1.actor_id = s.actor_id AND m2.actor_id = o.actor_id
                  AND m1.role = 'member' AND (m1.start_date IS NOT NULL AND m1.start_date <= LEAST(s.last_day, COALESCE(o.last_day, s.last_day)) AND (m1.end_date IS NULL OR LEAST(s.last_day, COALESCE(o.last_day, s.last_day)) < CAST(m1.end_date + CASE m1.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE))) AND (m1.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM membership o JOIN release ro ON ro.id = o.release_id WHERE o.bloc_id = m1.bloc_id AND o.actor_id = m1.actor_id AND o.role = m1.role AND o.alternative_of_id IS NULL AND ro.precedence < rm1.precedence))
                  AND m2.role = 'member' AND (m2.start_date IS NOT NULL AND m2.start_date <= LEAST(s.last_day, COALESCE(o.last_day, s.last_day)) AND (m2.end_date IS NULL OR LEAST(s.last_day, COALESCE(o.last_day, s.last_day)) < CAST(m2.end_date + CASE m2.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE))) AND (m2.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM membership o JOIN release ro ON ro.id = o.release_id WHERE o.bloc_id = m2.bloc_id AND o.actor_id = m2.actor_id AND o.role = m2.role AND o.alternative_of_id IS NULL AND ro.precedence < rm2.precedence))) AS shared_memberships,
               (SELECT COUNT(*) FROM meeting_country c1
                JOIN meeting_country c2 ON c2.meeting_id = c1.meeting_id
                JOIN meeting mt ON mt.id = c1.meeting_id
                WHERE c1.actor_id = s.actor_id AND c2.actor_id = o.actor_id
                  AND CAST(EXTRACT(YEAR FROM mt.start_date) AS INTEGER) = s.year) AS meetings,
               (SELECT CAST(SUM(tf.value_minor) AS BIGINT) FROM trade_figure tf JOIN release r ON r.id = tf.release_id JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = s.actor_id AND tf.partner_actor_id = o.actor_id AND tf.flow = 'export' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.series = 'reported' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND (tf.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM trade_figure o JOIN release ro ON ro.id = o.release_id WHERE o.reporter_actor_id = tf.reporter_actor_id AND o.partner_actor_id = tf.partner_actor_id AND o.period_start = tf.period_start AND o.period_precision = tf.period_precision AND o.period_end = tf.period_end AND o.flow = tf.flow AND o.series = tf.series AND o.category_id = tf.category_id AND o.valuation = tf.valuation AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) AND tf.period_start = make_date(s.year, 1, 1)) AS exports_usd_minor,
               (SELECT CAST(SUM(tf.value_minor) AS BIGINT) FROM trade_figure tf JOIN release r ON r.id = tf.release_id JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = s.actor_id AND tf.partner_actor_id = o.actor_id AND tf.flow = 'import' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.series = 'reported' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND (tf.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM trade_figure o JOIN release ro ON ro.id = o.release_id WHERE o.reporter_actor_id = tf.reporter_actor_id AND o.partner_actor_id = tf.partner_actor_id AND o.period_start = tf.period_start AND o.period_precision = tf.period_precision AND o.period_end = tf.period_end AND o.flow = tf.flow AND o.series = tf.series AND o.category_id = tf.category_id AND o.valuation = tf.valuation AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) AND tf.period_start = make_date(s.year, 1, 1)) AS imports_usd_minor,
               (SELECT CAST(SUM(tf.value_minor) AS BIGINT) FROM trade_figure tf JOIN release r ON r.id = tf.release_id JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = s.actor_id AND tf.partner_actor_id = o.actor_id AND tf.flow = 'total' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.series = 'reported' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND (tf.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM trade_figure o JOIN release ro ON ro.id = o.release_id WHERE o.reporter_actor_id = tf.reporter_actor_id AND o.partner_actor_id = tf.partner_actor_id AND o.period_start = tf.period_start AND o.period_precision = tf.period_precision AND o.period_end = tf.period_end AND o.flow = tf.flow AND o.series = tf.series AND o.category_id = tf.category_id AND o.valuation = tf.valuation AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) AND tf.period_start = make_date(s.year, 1, 1)) AS total_usd_minor
        FROM state s
        JOIN state o ON o.year = s.year AND o.code <> s.code
    