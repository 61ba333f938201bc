
        SELECT s.code AS ccode1, o.code AS ccode2, s.year, s.iso AS iso1, o.iso AS iso2,
               CAST(s.listed AND o.listed AS INTEGER) AS listed,
               CASE WHEN s.bloc_memberships IS NOT NULL AND o.bloc_memberships IS NOT NULL
                    THEN COALESCE(m.blocs, 0) END AS shared_memberships,
               CASE WHEN s.meetings IS NOT NULL AND o.meetings IS NOT NULL
                    THEN COALESCE(dm.meetings, 0) END AS meetings,
               CASE WHEN s.meetings IS NOT NULL AND o.meetings IS NOT NULL
                    THEN COALESCE(dm.visits, 0) END AS visits_to,
               CASE WHEN s.meetings IS NOT NULL AND o.meetings IS NOT NULL
                    THEN COALESCE(dr.visits, 0) END AS visits_from,
               CAST(e.present AS INTEGER) AS envoy_present,
               t.exports_usd_minor, t.imports_usd_minor,
               t.total_usd_minor,
               CAST(s.part_year OR o.part_year AS INTEGER) AS part_year, t.exports_basis, t.total_basis, t.qualifier,
               s.list_source,
               CASE WHEN s.bloc_memberships IS NOT NULL AND o.bloc_memberships IS NOT NULL
                    THEN m.memberships_source END AS memberships_source,
               dm.meetings_source,
               e.envoy_source,
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
        LEFT JOIN LATERAL (
            SELECT CASE WHEN i.ends_before IS NULL OR d.day < i.ends_before
                        THEN i.blocs ELSE 0 END AS blocs,
                   CASE WHEN i.ends_before IS NULL OR d.day < i.ends_before
                        THEN i.memberships_source END AS memberships_source
            FROM (SELECT CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN EXTRACT(MONTH FROM GREATEST(s.day, o.day)) = 12 THEN GREATEST(s.day, o.day) ELSE LEAST(s.day, o.day) END END AS day) AS d, panel_shared_membership i
            WHERE s.bloc_memberships IS NOT NULL AND o.bloc_memberships IS NOT NULL
              AND i.actor1_id = LEAST(s.actor_id, o.actor_id)
              AND i.actor2_id = GREATEST(s.actor_id, o.actor_id)
              AND i.starts_on <= d.day
            ORDER BY i.starts_on DESC LIMIT 1
        ) AS m ON TRUE
        LEFT JOIN panel_dyad_trade t
          ON NOT s.part_year AND NOT o.part_year AND t.actor1_id = s.actor_id AND t.year = s.year AND t.actor2_id = o.actor_id
        LEFT JOIN panel_dyad_meeting dm
          ON NOT s.part_year AND NOT o.part_year AND dm.actor1_id = s.actor_id AND dm.actor2_id = o.actor_id AND dm.year = s.year
        LEFT JOIN panel_dyad_meeting dr
          ON NOT s.part_year AND NOT o.part_year AND dr.actor1_id = o.actor_id AND dr.actor2_id = s.actor_id AND dr.year = s.year
        LEFT JOIN panel_dyad_envoy e
          ON NOT s.part_year AND NOT o.part_year AND e.actor1_id = s.actor_id AND e.actor2_id = o.actor_id AND e.year = s.year
        WHERE s.system = 'cow'
    