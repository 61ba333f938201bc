
        SELECT m.id AS membership_id,
               b.code AS bloc_code, b.name AS bloc_name,
               na.code AS member_code, na.name AS member_name, na.kind AS member_kind,
               m.role, 
        m.start_date, m.start_date_precision,
        CASE m.start_date_precision WHEN 'year' THEN strftime('%Y', m.start_date) WHEN 'month' THEN strftime('%Y-%m', m.start_date) ELSE strftime('%Y-%m-%d', m.start_date) END AS start_label,
        m.end_date, m.end_date_precision,
        CASE m.end_date_precision WHEN 'year' THEN strftime('%Y', m.end_date) WHEN 'month' THEN strftime('%Y-%m', m.end_date) ELSE strftime('%Y-%m-%d', m.end_date) END AS end_label,
        m.end_status,
        CASE m.end_date_precision WHEN 'year' THEN date(m.end_date, '+1 year') WHEN 'month' THEN date(m.end_date, '+1 month') ELSE date(m.end_date, '+1 day') END AS end_exclusive
    ,
               r.slug AS source, f.confidence, f.note, m.fact_id
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
        WHERE (m.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM membership o JOIN release ro ON ro.id = o.release_id WHERE o.bloc_id = m.bloc_id AND o.actor_id = m.actor_id AND o.role = m.role AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence))
    