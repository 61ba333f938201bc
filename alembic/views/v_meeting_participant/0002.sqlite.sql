
            SELECT mt.slug AS meeting_slug, mt.name AS meeting_name, mt.kind AS meeting_kind,
                   mt.ordinal,
                   mt.start_date, mt.start_date_precision,
                   CASE mt.start_date_precision WHEN 'year' THEN strftime('%Y', mt.start_date) WHEN 'month' THEN strftime('%Y-%m', mt.start_date) ELSE strftime('%Y-%m-%d', mt.start_date) END AS start_label,
                   mt.end_date, mt.end_date_precision,
                   CAST(strftime('%Y', mt.start_date) AS INTEGER) AS year,
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
            LEFT JOIN (
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    ) na ON na.actor_id = pa.actor_id
        