
        SELECT code AS ccode, year, iso, name, CAST(listed AS INTEGER) AS listed, bloc_memberships, meetings,
               exports_usd_minor, imports_usd_minor, CAST(part_year AS INTEGER) AS part_year, day, exports_basis,
               list_source, memberships_source, meetings_source, trade_source
        FROM panel_country_year
        WHERE system = 'cow'
    