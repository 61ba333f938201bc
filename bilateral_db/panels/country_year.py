"""panel_country_year: one row per state of a state list and year, with the country's values.

The state-years come from the lists (system_membership); the country a code stands for in a
year is the crosswalk's answer by its one rule (Crosswalk.in_year: 1 July, else 31 December,
then 1 January), the rule every importer follows, so a figure filed under a country in a year
is found by that year's row. A code that is its country's for part of the year only, while
another code is the country's on 1 July, gets a row marked part_year and no values: the other
code's row carries them, so a transition year neither loses a country nor counts it twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from bilateral_db.core.curated import CURATED_RELEASE_ID
from bilateral_db.core.vocabulary import EndStatus
from bilateral_db.crosswalk import YEAR_DAY, Crosswalk
from bilateral_db.panels.dialect import Dialect
from bilateral_db.tables import ACTOR, COUNTRY, PANEL_COUNTRY_YEAR, RELEASE, SYSTEM_MEMBERSHIP
from bilateral_db.writing.bulk import BulkWriter

SYSTEMS = ("cow", "gw")


@dataclass
class _Values:
    """What the parts say of one country in one year, with the releases they read."""

    count: int = 0
    exports: int | None = None
    imports: int | None = None
    bases: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


def build(dialect: Dialect, today: date, *, trade_changed: bool) -> int:
    """Rebuild panel_country_year; the rows written. panel_spell, panel_meeting_actor and
    panel_dyad_trade must be current. Memberships are counted on days an imported membership
    data set covers the country (its member years: COW IGO's rows of the state); on other
    days the count is NULL, not covered, rather than the curated blocs' alone (with no such
    data set imported, the curated blocs are all there is). Unless `trade_changed`, a
    country's trade is kept from the rows built before (summing a million pair-years again
    would cost more than the rest)."""
    connection = dialect.connection
    trade = _trade(dialect) if trade_changed else _kept_trade(dialect)
    rows = _state_years(dialect, today)
    days = {(r["actor_id"], r["day"]) for r in rows if r["actor_id"]}
    memberships, covered = _memberships(dialect, days)
    meetings = _meetings(dialect)
    for row in rows:
        if row["actor_id"] is None or row["part_year"]:
            continue
        key = (row["actor_id"], row["day"])
        if covered is None or key in covered:
            found = memberships.get(key, _Values())
            row["bloc_memberships"] = found.count
            row["memberships_source"] = _joined(found.sources)
        met = meetings.get((row["actor_id"], row["year"]), _Values())
        row["meetings"] = met.count
        row["meetings_source"] = _joined(met.sources)
        traded = trade.get((row["actor_id"], row["year"]))
        if traded is not None:
            row["exports_usd_minor"] = traded.exports
            row["imports_usd_minor"] = traded.imports
            if traded.bases:
                row["exports_basis"] = traded.bases.pop() if len(traded.bases) == 1 else "mixed"
            row["trade_source"] = _joined(traded.sources)
    connection.execute(PANEL_COUNTRY_YEAR.delete())
    columns = [column.name for column in PANEL_COUNTRY_YEAR.c]
    writer = BulkWriter(connection, PANEL_COUNTRY_YEAR.name, columns)
    for row in rows:
        writer.add(tuple(_stored(row[name], dialect) for name in columns))
    return writer.close()


def _stored(value: Any, dialect: Dialect) -> Any:
    """A value as the bulk writer takes it: SQLite stores dates and booleans as text and 0/1."""
    if dialect.sqlite and isinstance(value, date):
        return value.isoformat()
    return value


def _joined(sources: set[str]) -> str | None:
    return "; ".join(sorted(sources)) or None


def _state_years(dialect: Dialect, today: date) -> list[dict[str, Any]]:
    """The lists' state-years, each with its code's country (no values yet). A censored spell
    goes on to `today`'s year, unlisted past the list's last day, as the list does not say
    that the state ended."""
    connection = dialect.connection
    countries = {
        country_id: (iso, common or name, actor_id)
        for country_id, iso, common, name, actor_id in connection.execute(
            select(
                COUNTRY.c.id, COUNTRY.c.code, COUNTRY.c.common_name, COUNTRY.c.name, ACTOR.c.id
            ).join(ACTOR, ACTOR.c.country_id == COUNTRY.c.id)
        )
    }
    walks = {system: Crosswalk.read(connection, system) for system in SYSTEMS}
    spells = connection.execute(
        select(
            SYSTEM_MEMBERSHIP.c.system,
            SYSTEM_MEMBERSHIP.c.code,
            SYSTEM_MEMBERSHIP.c.name,
            SYSTEM_MEMBERSHIP.c.start_date,
            SYSTEM_MEMBERSHIP.c.end_date,
            SYSTEM_MEMBERSHIP.c.end_status,
            RELEASE.c.slug,
        ).join(RELEASE, RELEASE.c.id == SYSTEM_MEMBERSHIP.c.release_id)
    )
    rows: dict[tuple[str, int, int], dict[str, Any]] = {}
    for system, code, list_name, start, end, status, slug in spells:
        censored = status == EndStatus.CENSORED or end is None
        last = today.year if censored else end.year
        for year in range(start.year, last + 1):
            listed = not (censored and end is not None and end < date(year, 1, 1))
            key = (system, code, year)
            if key in rows:  # two spells of one state in a year: one row
                rows[key]["listed"] = rows[key]["listed"] or listed
                continue
            row = _row(system, code, year, list_name, listed, slug)
            found = walks[system].in_year(code, year) if system in walks else None
            if found is not None and found.mapping.country_id in countries:
                iso, name, actor_id = countries[found.mapping.country_id]
                row.update(
                    country_id=found.mapping.country_id,
                    actor_id=actor_id,
                    iso=iso,
                    name=name,
                    part_year=found.part_year,
                    day=_day_of(walks[system], code, year, found.mapping.country_id),
                )
            rows[key] = row
    return list(rows.values())


def _row(
    system: str, code: int, year: int, list_name: str, listed: bool, slug: str
) -> dict[str, Any]:
    row: dict[str, Any] = {column.name: None for column in PANEL_COUNTRY_YEAR.c}
    row.update(
        system=system,
        code=code,
        year=year,
        day=date(year, *YEAR_DAY),
        name=list_name,
        listed=listed,
        part_year=False,
        list_source=slug,
    )
    return row


def _day_of(walk: Crosswalk, code: int, year: int, country_id: int) -> date:
    """The day the crosswalk read the code's country on (in_year's order of days)."""
    for day in (date(year, *YEAR_DAY), date(year, 12, 31), date(year, 1, 1)):
        found = walk.country(code, day)
        if found is not None and found.country_id == country_id:
            return day
    return date(year, *YEAR_DAY)


def _memberships(
    dialect: Dialect, days: set[tuple[int, date]]
) -> tuple[dict[tuple[int, date], _Values], set[tuple[int, date]] | None]:
    """(actor, day) -> the blocs the country was a member of that day, for the days asked;
    and the days asked that an imported membership data set covers (None: none imported)."""
    connection = dialect.connection
    dialect.temp_table("panel_day", "SELECT actor_id, starts AS day FROM panel_spell WHERE 0 = 1")
    if days:
        connection.exec_driver_sql(
            "INSERT INTO panel_day (actor_id, day) VALUES (%s, %s)"
            if not dialect.sqlite
            else "INSERT INTO panel_day (actor_id, day) VALUES (?, ?)",
            [(actor, day.isoformat() if dialect.sqlite else day) for actor, day in days],
        )
    found: dict[tuple[int, date], _Values] = defaultdict(_Values)
    rows = connection.exec_driver_sql(
        """
        SELECT p.actor_id, p.day, s.slug, COUNT(*)
        FROM panel_day p
        JOIN panel_spell s ON s.actor_id = p.actor_id AND s.starts <= p.day
                          AND (s.stops IS NULL OR p.day < s.stops)
        GROUP BY p.actor_id, p.day, s.slug
        """
    )
    for actor_id, day, slug, count in rows:
        values = found[(actor_id, _date(day))]
        values.count += count
        values.sources.add(slug)
    covered = _covered(dialect)
    dialect.drop_temp("panel_day")
    return found, covered


def _covered(dialect: Dialect) -> set[tuple[int, date]] | None:
    """The panel_day rows inside a membership data set's member years (coverage rows of no
    bloc: the years a state has rows in the file); None when no such data set is imported."""
    connection = dialect.connection
    datasets = (
        f"SELECT DISTINCT release_id FROM membership WHERE release_id <> {int(CURATED_RELEASE_ID)}"
    )
    if connection.exec_driver_sql(f"{datasets} LIMIT 1").first() is None:
        return None
    stop = dialect.stop("c.end_date", "c.end_date_precision")
    rows = connection.exec_driver_sql(
        f"""
        SELECT DISTINCT p.actor_id, p.day
        FROM panel_day p
        JOIN coverage c ON c.actor_id = p.actor_id AND c.bloc_id IS NULL AND c.post_id IS NULL
                       AND c.covered AND c.start_date <= p.day
                       AND (c.end_date IS NULL OR p.day < {stop})
        WHERE c.release_id IN ({datasets})
        """
    )
    return {(actor_id, _date(day)) for actor_id, day in rows}


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _meetings(dialect: Dialect) -> dict[tuple[int, int], _Values]:
    found: dict[tuple[int, int], _Values] = defaultdict(_Values)
    rows = dialect.connection.exec_driver_sql(
        """
        SELECT actor_id, year, slug, COUNT(DISTINCT meeting_id)
        FROM panel_meeting_actor GROUP BY actor_id, year, slug
        """
    )
    for actor_id, year, slug, count in rows:
        values = found[(actor_id, year)]
        values.count += count
        values.sources.add(slug)
    return found


def _kept_trade(dialect: Dialect) -> dict[tuple[int, int], _Values]:
    found: dict[tuple[int, int], _Values] = {}
    rows = dialect.connection.exec_driver_sql(
        """
        SELECT DISTINCT actor_id, year, exports_usd_minor, exports_basis, imports_usd_minor,
               trade_source
        FROM panel_country_year
        WHERE actor_id IS NOT NULL AND trade_source IS NOT NULL
        """
    )
    for actor_id, year, exports, basis, imports, sources in rows:
        found[(actor_id, year)] = _Values(
            exports=exports,
            imports=imports,
            bases={basis} if basis else set(),
            sources=set(sources.split("; ")),
        )
    return found


def _trade(dialect: Dialect) -> dict[tuple[int, int], _Values]:
    """(actor, year) -> its trade with every country summed, and how exports were read."""
    found: dict[tuple[int, int], _Values] = {}
    rows = dialect.connection.exec_driver_sql(
        """
        SELECT actor1_id, year, exports_basis, imports_source, exports_source,
               SUM(exports_usd_minor), SUM(imports_usd_minor)
        FROM panel_dyad_trade
        GROUP BY actor1_id, year, exports_basis, imports_source, exports_source
        """
    )
    for actor_id, year, basis, imports_source, exports_source, exports, imports in rows:
        values = found.setdefault((actor_id, year), _Values())
        if exports is not None:
            values.exports = (values.exports or 0) + int(exports)
            values.bases.add(basis)
        if imports is not None:
            values.imports = (values.imports or 0) + int(imports)
        values.sources.update(s for s in (imports_source, exports_source) if s)
    return found
