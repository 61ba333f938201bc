
        SELECT s.code AS gwcode1, o.code AS gwcode2, s.year, s.iso AS iso1, o.iso AS iso2,
               s.listed * o.listed AS listed,
               CASE WHEN s.bloc_memberships IS NOT NULL AND o.bloc_memberships IS NOT NULL
                    THEN COALESCE((SELECT CASE WHEN m.ends_before IS NULL OR CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN MAX(s.day, o.day) LIKE '%-12-31' THEN MAX(s.day, o.day) ELSE MIN(s.day, o.day) END END < m.ends_before
                                THEN m.blocs ELSE 0 END
                          FROM panel_shared_membership m
                          WHERE m.actor1_id = MIN(s.actor_id, o.actor_id) AND m.actor2_id = MAX(s.actor_id, o.actor_id) AND m.starts_on <= CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN MAX(s.day, o.day) LIKE '%-12-31' THEN MAX(s.day, o.day) ELSE MIN(s.day, o.day) END END
                          ORDER BY m.starts_on DESC LIMIT 1), 0) END AS shared_memberships,
               CASE WHEN s.meetings IS NOT NULL AND o.meetings IS NOT NULL
                    THEN COALESCE(dm.meetings, 0) END AS meetings,
               CASE WHEN s.meetings IS NOT NULL AND o.meetings IS NOT NULL
                    THEN COALESCE(dm.visits, 0) END AS visits_to,
               CASE WHEN s.meetings IS NOT NULL AND o.meetings IS NOT NULL
                    THEN COALESCE(dr.visits, 0) END AS visits_from,
               e.present AS envoy_present,
               t.exports_usd_minor, t.imports_usd_minor,
               t.total_usd_minor,
               MAX(s.part_year, o.part_year) AS part_year, t.exports_basis, t.total_basis, t.qualifier,
               s.list_source,
               CASE WHEN s.bloc_memberships IS NOT NULL AND o.bloc_memberships IS NOT NULL
                    THEN (SELECT CASE WHEN m.ends_before IS NULL OR CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN MAX(s.day, o.day) LIKE '%-12-31' THEN MAX(s.day, o.day) ELSE MIN(s.day, o.day) END END < m.ends_before
                                THEN m.memberships_source ELSE NULL END
                          FROM panel_shared_membership m
                          WHERE m.actor1_id = MIN(s.actor_id, o.actor_id) AND m.actor2_id = MAX(s.actor_id, o.actor_id) AND m.starts_on <= CASE WHEN s.day = o.day THEN s.day ELSE CASE WHEN MAX(s.day, o.day) LIKE '%-12-31' THEN MAX(s.day, o.day) ELSE MIN(s.day, o.day) END END
                          ORDER BY m.starts_on DESC LIMIT 1) END AS memberships_source,
               dm.meetings_source,
               e.envoy_source,
               CASE WHEN COALESCE(t.imports_source, t.exports_source, t.total_source) IS NULL THEN NULL
                    WHEN COALESCE(t.exports_source, t.imports_source, t.total_source) = COALESCE(t.imports_source, t.exports_source, t.total_source)
                     AND COALESCE(t.total_source, t.imports_source, t.exports_source) = COALESCE(t.imports_source, t.exports_source, t.total_source)
                    THEN COALESCE(t.imports_source, t.exports_source, t.total_source)
                    ELSE (SELECT group_concat(x, '; ') FROM (SELECT t.imports_source AS x
                   UNION SELECT t.exports_source UNION SELECT t.total_source)) END AS trade_source
        FROM panel_country_year s
        JOIN panel_country_year o
          ON o.system = s.system AND o.year = s.year AND o.code <> s.code
         AND (o.country_id IS NULL OR s.country_id IS NULL OR o.country_id <> s.country_id)
        LEFT JOIN panel_dyad_trade t
          ON NOT s.part_year AND NOT o.part_year AND t.actor1_id = s.actor_id AND t.year = s.year AND t.actor2_id = o.actor_id
        LEFT JOIN panel_dyad_meeting dm
          ON NOT s.part_year AND NOT o.part_year AND dm.actor1_id = s.actor_id AND dm.actor2_id = o.actor_id AND dm.year = s.year
        LEFT JOIN panel_dyad_meeting dr
          ON NOT s.part_year AND NOT o.part_year AND dr.actor1_id = o.actor_id AND dr.actor2_id = s.actor_id AND dr.year = s.year
        LEFT JOIN panel_dyad_envoy e
          ON NOT s.part_year AND NOT o.part_year AND e.actor1_id = s.actor_id AND e.actor2_id = o.actor_id AND e.year = s.year
        WHERE s.system = 'gw'
    