
        WITH RECURSIVE 
        bounds AS (
            SELECT MIN(CAST(strftime('%Y', start_date) AS INTEGER)) AS first_year,
                   MAX(CAST(strftime('%Y', CASE WHEN end_status = 'censored' OR end_date IS NULL THEN CURRENT_DATE ELSE end_date END) AS INTEGER)) AS last_year
            FROM system_membership WHERE system = 'cow'
        ),
        years(year) AS (
            SELECT first_year FROM bounds WHERE first_year IS NOT NULL
            UNION ALL
            SELECT y.year + 1 FROM years y, bounds WHERE y.year < bounds.last_year
        ),
        state_year AS (
            SELECT sm.code, y.year, sm.name AS list_name,
                   MIN(printf('%04d-12-31', y.year), COALESCE((CASE WHEN sm.end_status = 'censored' THEN NULL ELSE sm.end_date END), printf('%04d-12-31', y.year))) AS last_day,
                   CASE WHEN sm.end_status = 'censored' AND sm.end_date < printf('%04d-01-01', y.year)
                        THEN 0 ELSE 1 END AS listed
            FROM system_membership sm
            JOIN years y ON sm.start_date <= printf('%04d-12-31', y.year)
                        AND ((CASE WHEN sm.end_status = 'censored' THEN NULL ELSE sm.end_date END) IS NULL OR (CASE WHEN sm.end_status = 'censored' THEN NULL ELSE sm.end_date END) >= printf('%04d-01-01', y.year))
            WHERE sm.system = 'cow'
        ),
        mapped AS (
            SELECT sy.code, sy.year, sy.list_name, sy.last_day, sy.listed,
                   (SELECT MIN(cc.country_id) FROM country_code cc
                    JOIN release r ON r.id = cc.release_id
                    WHERE cc.scheme = 'cow' AND cc.code = CAST(sy.code AS VARCHAR(8))
                      AND (cc.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM country_code o JOIN release ro ON ro.id = o.release_id WHERE o.country_id = cc.country_id AND o.scheme = cc.scheme AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence))
                      AND ((cc.start_date IS NULL OR cc.start_date <= sy.last_day) AND (cc.end_date IS NULL OR sy.last_day < CASE cc.end_date_precision WHEN 'year' THEN date(cc.end_date, '+1 year') WHEN 'month' THEN date(cc.end_date, '+1 month') ELSE date(cc.end_date, '+1 day') END))) AS country_id
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
            WHERE p.actor_id IS NULL AND (t.start_date IS NOT NULL AND t.start_date <= mt.start_date AND (t.end_date IS NULL OR mt.start_date < CASE t.end_date_precision WHEN 'year' THEN date(t.end_date, '+1 year') WHEN 'month' THEN date(t.end_date, '+1 month') ELSE date(t.end_date, '+1 day') END))
              AND (t.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM term o JOIN release ro ON ro.id = o.release_id WHERE o.post_id = t.post_id AND o.person_id = t.person_id AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence))
            UNION
            SELECT mt.id, a.id
            FROM meeting mt JOIN actor a ON a.country_id = mt.host_country_id
        )
    
        SELECT s.code AS ccode, s.year, s.iso, s.name, s.listed,
               (SELECT COUNT(*) FROM membership m JOIN release rm ON rm.id = m.release_id
                WHERE m.actor_id = s.actor_id AND m.role = 'member' AND (m.start_date IS NOT NULL AND m.start_date <= s.last_day AND (m.end_date IS NULL OR s.last_day < CASE m.end_date_precision WHEN 'year' THEN date(m.end_date, '+1 year') WHEN 'month' THEN date(m.end_date, '+1 month') ELSE date(m.end_date, '+1 day') END)) AND (m.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM membership o JOIN release ro ON ro.id = o.release_id WHERE o.bloc_id = m.bloc_id AND o.actor_id = m.actor_id AND o.role = m.role AND o.alternative_of_id IS NULL AND ro.precedence < rm.precedence)))
                   AS bloc_memberships,
               (SELECT COUNT(*) FROM meeting_country mc JOIN meeting mt ON mt.id = mc.meeting_id
                WHERE mc.actor_id = s.actor_id
                  AND CAST(strftime('%Y', mt.start_date) AS INTEGER) = s.year) AS meetings,
               (SELECT CAST(SUM(tf.value_minor) AS BIGINT) FROM trade_figure tf JOIN release r ON r.id = tf.release_id JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = s.actor_id AND tf.flow = 'export' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.series = 'reported' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND (tf.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM trade_figure o JOIN release ro ON ro.id = o.release_id WHERE o.reporter_actor_id = tf.reporter_actor_id AND o.partner_actor_id = tf.partner_actor_id AND o.period_start = tf.period_start AND o.period_precision = tf.period_precision AND o.period_end = tf.period_end AND o.flow = tf.flow AND o.series = tf.series AND o.category_id = tf.category_id AND o.valuation = tf.valuation AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) AND pa.country_id IS NOT NULL AND tf.period_start = printf('%04d-01-01', s.year)) AS exports_usd_minor,
               (SELECT CAST(SUM(tf.value_minor) AS BIGINT) FROM trade_figure tf JOIN release r ON r.id = tf.release_id JOIN product_category pc ON pc.id = tf.category_id JOIN actor pa ON pa.id = tf.partner_actor_id WHERE tf.reporter_actor_id = s.actor_id AND tf.flow = 'import' AND pc.code = 'all-goods' AND tf.period_precision = 'year' AND tf.series = 'reported' AND tf.currency_code = 'USD' AND tf.value_status = 'observed' AND (tf.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM trade_figure o JOIN release ro ON ro.id = o.release_id WHERE o.reporter_actor_id = tf.reporter_actor_id AND o.partner_actor_id = tf.partner_actor_id AND o.period_start = tf.period_start AND o.period_precision = tf.period_precision AND o.period_end = tf.period_end AND o.flow = tf.flow AND o.series = tf.series AND o.category_id = tf.category_id AND o.valuation = tf.valuation AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) AND pa.country_id IS NOT NULL AND tf.period_start = printf('%04d-01-01', s.year)) AS imports_usd_minor
        FROM state s
    