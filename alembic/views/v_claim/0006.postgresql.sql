
        SELECT 'membership' AS kind, m.id AS claim_id,
               b.code || '/' || na.code || '/' || m.role AS subject,
               b.code AS bloc_code, na.code AS member_code, m.role,
               CAST(NULL AS VARCHAR(3)) AS country_code, CAST(NULL AS VARCHAR(80)) AS office,
               CAST(NULL AS VARCHAR(120)) AS person_slug,
               CAST(NULL AS VARCHAR(40)) AS scheme, CAST(NULL AS VARCHAR(8)) AS code,
               m.start_date, m.start_date_precision, CASE m.start_date_precision WHEN 'year' THEN to_char(m.start_date, 'YYYY') WHEN 'month' THEN to_char(m.start_date, 'YYYY-MM') ELSE to_char(m.start_date, 'YYYY-MM-DD') END AS start_label, m.end_date, m.end_date_precision, CASE m.end_date_precision WHEN 'year' THEN to_char(m.end_date, 'YYYY') WHEN 'month' THEN to_char(m.end_date, 'YYYY-MM') ELSE to_char(m.end_date, 'YYYY-MM-DD') END AS end_label, m.end_status, CAST(m.end_date + CASE m.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE) AS end_exclusive, r.slug AS source, r.precedence, CASE WHEN (m.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM membership o JOIN release ro ON ro.id = o.release_id WHERE o.bloc_id = m.bloc_id AND o.actor_id = m.actor_id AND o.role = m.role AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) THEN 1 ELSE 0 END AS preferred,
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
               dc.start_date, dc.start_date_precision, CASE dc.start_date_precision WHEN 'year' THEN to_char(dc.start_date, 'YYYY') WHEN 'month' THEN to_char(dc.start_date, 'YYYY-MM') ELSE to_char(dc.start_date, 'YYYY-MM-DD') END AS start_label, dc.end_date, dc.end_date_precision, CASE dc.end_date_precision WHEN 'year' THEN to_char(dc.end_date, 'YYYY') WHEN 'month' THEN to_char(dc.end_date, 'YYYY-MM') ELSE to_char(dc.end_date, 'YYYY-MM-DD') END AS end_label, dc.end_status, CAST(dc.end_date + CASE dc.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE) AS end_exclusive, r.slug AS source, r.precedence, CASE WHEN (dc.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM dialogue_coordination o JOIN release ro ON ro.id = o.release_id WHERE o.bloc_id = dc.bloc_id AND o.partner_actor_id = dc.partner_actor_id AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) THEN 1 ELSE 0 END,
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
               t.start_date, t.start_date_precision, CASE t.start_date_precision WHEN 'year' THEN to_char(t.start_date, 'YYYY') WHEN 'month' THEN to_char(t.start_date, 'YYYY-MM') ELSE to_char(t.start_date, 'YYYY-MM-DD') END AS start_label, t.end_date, t.end_date_precision, CASE t.end_date_precision WHEN 'year' THEN to_char(t.end_date, 'YYYY') WHEN 'month' THEN to_char(t.end_date, 'YYYY-MM') ELSE to_char(t.end_date, 'YYYY-MM-DD') END AS end_label, t.end_status, CAST(t.end_date + CASE t.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE) AS end_exclusive, r.slug AS source, r.precedence, CASE WHEN (t.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM term o JOIN release ro ON ro.id = o.release_id WHERE o.post_id = t.post_id AND o.person_id = t.person_id AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) THEN 1 ELSE 0 END,
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
               cc.start_date, cc.start_date_precision, CASE cc.start_date_precision WHEN 'year' THEN to_char(cc.start_date, 'YYYY') WHEN 'month' THEN to_char(cc.start_date, 'YYYY-MM') ELSE to_char(cc.start_date, 'YYYY-MM-DD') END AS start_label, cc.end_date, cc.end_date_precision, CASE cc.end_date_precision WHEN 'year' THEN to_char(cc.end_date, 'YYYY') WHEN 'month' THEN to_char(cc.end_date, 'YYYY-MM') ELSE to_char(cc.end_date, 'YYYY-MM-DD') END AS end_label, cc.end_status, CAST(cc.end_date + CASE cc.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE) AS end_exclusive, r.slug AS source, r.precedence, CASE WHEN (cc.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM country_code o JOIN release ro ON ro.id = o.release_id WHERE o.country_id = cc.country_id AND o.scheme = cc.scheme AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence)) THEN 1 ELSE 0 END,
               cc.alternative, cc.alternative_of_id, f.confidence, f.note, cc.fact_id
        FROM country_code cc
        JOIN release r ON r.id = cc.release_id
        JOIN country c ON c.id = cc.country_id
        LEFT JOIN fact f ON f.id = cc.fact_id
        UNION ALL
        SELECT 'state', sm.id, sm.system || '/' || CAST(sm.code AS VARCHAR(8)),
               NULL, NULL, NULL, NULL, NULL, NULL, sm.system, CAST(sm.code AS VARCHAR(8)),
               sm.start_date, sm.start_date_precision, CASE sm.start_date_precision WHEN 'year' THEN to_char(sm.start_date, 'YYYY') WHEN 'month' THEN to_char(sm.start_date, 'YYYY-MM') ELSE to_char(sm.start_date, 'YYYY-MM-DD') END AS start_label, sm.end_date, sm.end_date_precision, CASE sm.end_date_precision WHEN 'year' THEN to_char(sm.end_date, 'YYYY') WHEN 'month' THEN to_char(sm.end_date, 'YYYY-MM') ELSE to_char(sm.end_date, 'YYYY-MM-DD') END AS end_label, sm.end_status, CAST(sm.end_date + CASE sm.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE) AS end_exclusive, r.slug AS source, r.precedence, 1, 0, NULL, NULL, NULL, NULL
        FROM system_membership sm
        JOIN release r ON r.id = sm.release_id
    