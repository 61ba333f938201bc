
        SELECT code AS ccode, year, iso, name, listed, bloc_memberships, meetings,
               exports_usd_minor, imports_usd_minor, part_year, day, exports_basis,
               list_source, memberships_source, meetings_source, trade_source
        FROM panel_country_year
        WHERE system = 'cow'
    