
        SELECT s.code AS ccode1, o.code AS ccode2, s.year, s.iso AS iso1, o.iso AS iso2,
               s.listed AND o.listed AS listed,
               CASE WHEN s.bloc_memberships IS NOT NULL AND o.bloc_memberships IS NOT NULL
                    THEN COALESCE((SELECT CASE WHEN m.ends_before IS NULL OR CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN EXTRACT(MONTH FROM GREATEST(s.day, o.day)) = 12 THEN GREATEST(s.day, o.day) ELSE LEAST(s.day, o.day) END END < m.ends_before
                                THEN m.blocs ELSE 0 END
                          FROM panel_shared_membership m
                          WHERE m.actor1_id = LEAST(s.actor_id, o.actor_id) AND m.actor2_id = GREATEST(s.actor_id, o.actor_id) AND m.starts_on <= CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN EXTRACT(MONTH FROM GREATEST(s.day, o.day)) = 12 THEN GREATEST(s.day, o.day) ELSE LEAST(s.day, o.day) END END
                          ORDER BY m.starts_on DESC LIMIT 1), 0) END AS shared_memberships,
               CASE WHEN s.meetings IS NOT NULL AND o.meetings IS NOT NULL
                    THEN COALESCE(dm.meetings, 0) END AS meetings,
               t.exports_usd_minor, t.imports_usd_minor,
               t.total_usd_minor,
               s.part_year OR o.part_year AS part_year, t.exports_basis, t.total_basis, t.qualifier,
               s.list_source,
               CASE WHEN s.bloc_memberships IS NOT NULL AND o.bloc_memberships IS NOT NULL
                    THEN (SELECT CASE WHEN m.ends_before IS NULL OR CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN EXTRACT(MONTH FROM GREATEST(s.day, o.day)) = 12 THEN GREATEST(s.day, o.day) ELSE LEAST(s.day, o.day) END END < m.ends_before
                                THEN m.memberships_source ELSE NULL END
                          FROM panel_shared_membership m
                          WHERE m.actor1_id = LEAST(s.actor_id, o.actor_id) AND m.actor2_id = GREATEST(s.actor_id, o.actor_id) AND m.starts_on <= CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN EXTRACT(MONTH FROM GREATEST(s.day, o.day)) = 12 THEN GREATEST(s.day, o.day) ELSE LEAST(s.day, o.day) END END
                          ORDER BY m.starts_on DESC LIMIT 1) END AS memberships_source,
               dm.meetings_source,
               CASE WHEN COALESCE(t.imports_source, t.exports_source, t.total_source) IS NULL THEN NULL
                    WHEN COALESCE(t.exports_source, t.imports_source, t.total_source) = COALESCE(t.imports_source, t.exports_source, t.total_source)
                     AND COALESCE(t.total_source, t.imports_source, t.exports_source) = COALESCE(t.imports_source, t.exports_source, t.total_source)
                    THEN COALESCE(t.imports_source, t.exports_source, t.total_source)
                    ELSE (SELECT string_agg(DISTINCT x, '; ' ORDER BY x)
                FROM (VALUES (t.imports_source), (t.exports_source), (t.total_source)) AS u (x)) END AS trade_source
        FROM panel_country_year s
        JOIN panel_country_year o
          ON o.system = s.system AND o.year = s.year AND o.code <> s.code
         AND (o.country_id IS NULL OR s.country_id IS NULL OR o.country_id <> s.country_id)
        LEFT JOIN panel_dyad_trade t
          ON NOT s.part_year AND NOT o.part_year AND t.actor1_id = s.actor_id AND t.year = s.year AND t.actor2_id = o.actor_id
        LEFT JOIN panel_dyad_meeting dm
          ON NOT s.part_year AND NOT o.part_year AND dm.actor1_id = s.actor_id AND dm.actor2_id = o.actor_id AND dm.year = s.year
        WHERE s.system = 'cow'
    