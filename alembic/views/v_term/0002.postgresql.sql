
            SELECT t.id AS term_id,
                   p.slug AS person_slug, p.name AS person_name,
                   c.code AS country_code, COALESCE(c.common_name, c.name) AS country_name,
                   ps.office, ps.title AS post_title, ps.single_seat,
                   t.start_date, t.start_date_precision,
                   CASE t.start_date_precision WHEN 'year' THEN to_char(t.start_date, 'YYYY') WHEN 'month' THEN to_char(t.start_date, 'YYYY-MM') ELSE to_char(t.start_date, 'YYYY-MM-DD') END AS start_label,
                   t.end_date, t.end_date_precision,
                   CASE t.end_date_precision WHEN 'year' THEN to_char(t.end_date, 'YYYY') WHEN 'month' THEN to_char(t.end_date, 'YYYY-MM') ELSE to_char(t.end_date, 'YYYY-MM-DD') END AS end_label,
                   CAST(t.end_date + CASE t.end_date_precision WHEN 'year' THEN INTERVAL '1 year' WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE) AS end_exclusive,
                   t.fact_id
            FROM term t
            JOIN person p ON p.id = t.person_id
            JOIN post ps ON ps.id = t.post_id
            JOIN country c ON c.id = ps.country_id
        