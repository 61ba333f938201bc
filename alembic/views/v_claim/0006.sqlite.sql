
        SELECT 'membership' AS kind, m.id AS claim_id,
               b.code || '/' || na.code || '/' || m.role AS subject,
               b.code AS bloc_code, na.code AS member_code, m.role,
               CAST(NULL AS VARCHAR(3)) AS country_code, CAST(NULL AS VARCHAR(80)) AS office,
               CAST(NULL AS VARCHAR(120)) AS person_slug,
               CAST(NULL AS VARCHAR(40)) AS scheme, CAST(NULL AS VARCHAR(8)) AS code,
               m.start_date, m.start_date_precision, CASE m.start_date_precision WHEN 'year' THEN strftime('%Y', m.start_date) WHEN 'month' THEN strftime('%Y-%m', m.start_date) ELSE strftime('%Y-%m-%d', m.start_date) END AS start_label, m.end_date, m.end_date_precision, CASE m.end_date_precision WHEN 'year' THEN strftime('%Y', m.end_date) WHEN 'month' THEN strftime('%Y-%m', m.end_date) ELSE strftime('%Y-%m-%d', m.end_date) END AS end_label, m.end_status, CASE m.end_date_precision WHEN 'year' THEN date(m.end_date, '+1 year') WHEN 'month' THEN date(m.end_date, '+1 month') ELSE date(m.end_date, '+1 day') END AS end_exclusive, r.slug AS source, r.precedence, CASE WHEN (m.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM membership o JOIN release ro ON ro.id = o.release_id WHERE o.bloc_id = m.bloc_id AND o.actor_id = m.actor_id AND o.role = m.role AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) THEN 1 ELSE 0 END AS preferred,
               m.alternative, m.alternative_of_id, f.confidence, f.note, m.fact_id
        FROM membership m
        JOIN release r ON r.id = m.release_id
        JOIN bloc b ON b.id = m.bloc_id
        JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    ) na ON na.actor_id = m.actor_id
        LEFT JOIN fact f ON f.id = m.fact_id
        UNION ALL
        SELECT 'coordination', dc.id, b.code || '/' || na.code || '/coordinator',
               b.code, na.code, 'coordinator', c.code, NULL, NULL, NULL, NULL,
               dc.start_date, dc.start_date_precision, CASE dc.start_date_precision WHEN 'year' THEN strftime('%Y', dc.start_date) WHEN 'month' THEN strftime('%Y-%m', dc.start_date) ELSE strftime('%Y-%m-%d', dc.start_date) END AS start_label, dc.end_date, dc.end_date_precision, CASE dc.end_date_precision WHEN 'year' THEN strftime('%Y', dc.end_date) WHEN 'month' THEN strftime('%Y-%m', dc.end_date) ELSE strftime('%Y-%m-%d', dc.end_date) END AS end_label, dc.end_status, CASE dc.end_date_precision WHEN 'year' THEN date(dc.end_date, '+1 year') WHEN 'month' THEN date(dc.end_date, '+1 month') ELSE date(dc.end_date, '+1 day') END AS end_exclusive, r.slug AS source, r.precedence, CASE WHEN (dc.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM dialogue_coordination o JOIN release ro ON ro.id = o.release_id WHERE o.bloc_id = dc.bloc_id AND o.partner_actor_id = dc.partner_actor_id AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) THEN 1 ELSE 0 END,
               dc.alternative, dc.alternative_of_id, f.confidence, f.note, dc.fact_id
        FROM dialogue_coordination dc
        JOIN release r ON r.id = dc.release_id
        JOIN bloc b ON b.id = dc.bloc_id
        JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    ) na ON na.actor_id = dc.partner_actor_id
        JOIN country c ON c.id = dc.coordinator_country_id
        LEFT JOIN fact f ON f.id = dc.fact_id
        UNION ALL
        SELECT 'term', t.id, ow.code || '/' || ps.office || COALESCE('/' || acc.code, '') || '/' || p.slug,
               NULL, NULL, NULL, ow.code, ps.office, p.slug, NULL, NULL,
               t.start_date, t.start_date_precision, CASE t.start_date_precision WHEN 'year' THEN strftime('%Y', t.start_date) WHEN 'month' THEN strftime('%Y-%m', t.start_date) ELSE strftime('%Y-%m-%d', t.start_date) END AS start_label, t.end_date, t.end_date_precision, CASE t.end_date_precision WHEN 'year' THEN strftime('%Y', t.end_date) WHEN 'month' THEN strftime('%Y-%m', t.end_date) ELSE strftime('%Y-%m-%d', t.end_date) END AS end_label, t.end_status, CASE t.end_date_precision WHEN 'year' THEN date(t.end_date, '+1 year') WHEN 'month' THEN date(t.end_date, '+1 month') ELSE date(t.end_date, '+1 day') END AS end_exclusive, r.slug AS source, r.precedence, CASE WHEN (t.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM term o JOIN release ro ON ro.id = o.release_id WHERE o.post_id = t.post_id AND o.person_id = t.person_id AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) THEN 1 ELSE 0 END,
               t.alternative, t.alternative_of_id, f.confidence, f.note, t.fact_id
        FROM term t
        JOIN release r ON r.id = t.release_id
        JOIN person p ON p.id = t.person_id
        JOIN post ps ON ps.id = t.post_id
        JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc'
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    ) ow ON ow.actor_id = ps.actor_id
        LEFT JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc'
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    ) acc ON acc.actor_id = ps.accredited_to_actor_id
        LEFT JOIN fact f ON f.id = t.fact_id
        UNION ALL
        SELECT 'country_code', cc.id, c.code || '/' || cc.scheme,
               NULL, NULL, NULL, c.code, NULL, NULL, cc.scheme, cc.code,
               cc.start_date, cc.start_date_precision, CASE cc.start_date_precision WHEN 'year' THEN strftime('%Y', cc.start_date) WHEN 'month' THEN strftime('%Y-%m', cc.start_date) ELSE strftime('%Y-%m-%d', cc.start_date) END AS start_label, cc.end_date, cc.end_date_precision, CASE cc.end_date_precision WHEN 'year' THEN strftime('%Y', cc.end_date) WHEN 'month' THEN strftime('%Y-%m', cc.end_date) ELSE strftime('%Y-%m-%d', cc.end_date) END AS end_label, cc.end_status, CASE cc.end_date_precision WHEN 'year' THEN date(cc.end_date, '+1 year') WHEN 'month' THEN date(cc.end_date, '+1 month') ELSE date(cc.end_date, '+1 day') END AS end_exclusive, r.slug AS source, r.precedence, CASE WHEN (cc.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM country_code o JOIN release ro ON ro.id = o.release_id WHERE o.country_id = cc.country_id AND o.scheme = cc.scheme AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) THEN 1 ELSE 0 END,
               cc.alternative, cc.alternative_of_id, f.confidence, f.note, cc.fact_id
        FROM country_code cc
        JOIN release r ON r.id = cc.release_id
        JOIN country c ON c.id = cc.country_id
        LEFT JOIN fact f ON f.id = cc.fact_id
        UNION ALL
        SELECT 'state', sm.id, sm.system || '/' || CAST(sm.code AS VARCHAR(8)),
               NULL, NULL, NULL, NULL, NULL, NULL, sm.system, CAST(sm.code AS VARCHAR(8)),
               sm.start_date, sm.start_date_precision, CASE sm.start_date_precision WHEN 'year' THEN strftime('%Y', sm.start_date) WHEN 'month' THEN strftime('%Y-%m', sm.start_date) ELSE strftime('%Y-%m-%d', sm.start_date) END AS start_label, sm.end_date, sm.end_date_precision, CASE sm.end_date_precision WHEN 'year' THEN strftime('%Y', sm.end_date) WHEN 'month' THEN strftime('%Y-%m', sm.end_date) ELSE strftime('%Y-%m-%d', sm.end_date) END AS end_label, sm.end_status, CASE sm.end_date_precision WHEN 'year' THEN date(sm.end_date, '+1 year') WHEN 'month' THEN date(sm.end_date, '+1 month') ELSE date(sm.end_date, '+1 day') END AS end_exclusive, r.slug AS source, r.precedence, 1, 0, NULL, NULL, NULL, NULL
        FROM system_membership sm
        JOIN release r ON r.id = sm.release_id
    