
        SELECT t.id AS term_id,
               p.slug AS person_slug, p.name AS person_name,
               CASE ow.kind WHEN 'country' THEN ow.code END AS country_code,
               CASE ow.kind WHEN 'country' THEN ow.name END AS country_name,
               ow.code AS actor_code, ow.kind AS actor_kind, ow.name AS actor_name,
               ps.office, ps.title AS post_title, ps.single_seat,
               acc.code AS accredited_to_code, acc.kind AS accredited_to_kind,
               bd.slug AS body_slug, t.capacity,
               t.appointed_on, t.appointed_on_precision, t.arrived_on, t.arrived_on_precision,
               t.started_on, t.started_on_precision, 
        t.start_date, t.start_date_precision,
        CASE t.start_date_precision WHEN 'year' THEN to_char(t.start_date, 'YYYY') WHEN 'month' THEN to_char(t.start_date, 'YYYY-MM') ELSE to_char(t.start_date, 'YYYY-MM-DD') END AS start_label,
        t.end_date, t.end_date_precision,
        CASE t.end_date_precision WHEN 'year' THEN to_char(t.end_date, 'YYYY') WHEN 'month' THEN to_char(t.end_date, 'YYYY-MM') ELSE to_char(t.end_date, 'YYYY-MM-DD') END AS end_label,
        t.end_status, t.end_reason, t.end_note,
        CAST(t.end_date + CASE t.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE) AS end_exclusive
    ,
               r.slug AS source, f.confidence, f.note, t.fact_id
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
        LEFT JOIN body bd ON bd.id = ps.body_id
        LEFT JOIN fact f ON f.id = t.fact_id
        WHERE (t.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM term o JOIN release ro ON ro.id = o.release_id WHERE o.post_id = t.post_id AND o.person_id = t.person_id AND o.alternative_of_id IS NULL AND ro.precedence < r.precedence))
    