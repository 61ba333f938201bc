"""Held-out checks of the panels' bloc memberships against the raw COW IGO file, drawn at random
(another draw each day), on the database quickstart builds (COW IGO v3 and the curated blocs).

A country-year's `bloc_memberships` is counted here from the file's row(s) of the country that
year (read with csv and gzip, the code's country by the documented rule: support/raw_samples.py)
and a dyad-year's `shared_memberships` from the two countries' rows: the IGOs coded 1 (full
member). The curated blocs take precedence over COW IGO for every (bloc, country) the fixtures
give a member claim of (the preferred claim's rule): for those the curated claims on the
panel's day count instead of the file's cell, and they are the only ones counted for curated
blocs COW does not code (BRICS, G20, ...). Each count says the releases it read
(`memberships_source`). Part-year rows (a code its country's for part of the year, while
another code is the country's on 1 July) hold nothing: the other code's row counts the
country's memberships, from the row the file gives under either code.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cache

from sqlalchemy import Connection, Engine, text
from support.raw_samples import Codes, Failures, RawFile, as_date, rng

from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.imports import bundled_path

COW_IGO, CURATED = "cow-igo-3.0", "curated"
FULL_MEMBER = "1"
EDGE = 2014  # COW IGO v3's last year: past it the panels say NULL (not covered)
DRAWS = 40
HARD_YEARS = (  # (ccode, year): codes that change country or leave the system
    (260, 1990),  # Germany on 1 July 1990: the file gives Germany's row under 255
    (255, 1990),  # part of 1990 only (from 3 October): empty
    (260, 1989),
    (265, 1989),  # the GDR's last row
    (265, 1990),  # the GDR in the list to 2 October 1990, without a row: not covered
    (365, 1991),  # the USSR
    (365, 1992),  # Russia
    (345, 1992),
    (678, 1990),  # North Yemen to 21 May 1990: part of the year
    (679, 1990),
    (816, 1976),  # Viet Nam from 2 July 1976: its row is read on 31 December
    (2, 2014),  # the edge
)
HARD_DYADS = (
    (2, 260, 1990),
    (255, 2, 1990),  # part-year: empty
    (260, 265, 1990),
    (260, 265, 1989),
    (365, 2, 1991),
    (2, 365, 1992),
    (345, 339, 1992),
    (679, 2, 1990),
)


@cache
def _igo() -> RawFile:
    return RawFile(bundled_path("cow-igo"))


class _Memberships:
    """Which blocs a country was a full member of on a day, by the preferred claims, counted
    from the raw file's cells and the curated claims."""

    def __init__(self, connection: Connection) -> None:
        releases = set(
            connection.execute(
                text(
                    "SELECT DISTINCT r.slug FROM membership m JOIN release r ON r.id = m.release_id"
                )
            ).scalars()
        )
        # The count accounts for these two sources only; another would need its own rule.
        assert releases == {COW_IGO, CURATED}, releases
        self.raw = _igo()
        self.codes = Codes(connection, "cow")
        self.blocs = {
            igo.lower(): bloc_id
            for igo, bloc_id in connection.execute(
                text("SELECT cow_igo_code, id FROM bloc WHERE cow_igo_code IS NOT NULL")
            )
        }
        self.curated: dict[str, list[tuple[int, date, date]]] = defaultdict(list)
        for bloc_id, iso, start, end, precision in connection.execute(
            text(
                "SELECT m.bloc_id, c.code, m.start_date, m.end_date, m.end_date_precision "
                "FROM membership m JOIN release r ON r.id = m.release_id "
                "JOIN actor a ON a.id = m.actor_id JOIN country c ON c.id = a.country_id "
                "WHERE r.slug = :curated AND m.role = 'member' AND m.alternative_of_id IS NULL"
            ),
            {"curated": CURATED},
        ):
            stop = date.max if end is None else period_end_exclusive(as_date(end), precision)
            self.curated[iso].append((bloc_id, as_date(start), stop))
        self.lines: dict[int, dict[str, list[int]]] = {}  # year -> country -> its rows' lines
        self.keys = self.raw.keys(2)

    def rows(self, iso: str, year: int) -> list[int]:
        """The lines of the file's rows of `iso` in `year`: each code's country by the rule."""
        if year not in self.lines:
            found: dict[str, list[int]] = defaultdict(list)
            for (ccode, row_year), line in self.keys.items():
                if row_year == str(year) and (mapped := self.codes.in_year(ccode, year)):
                    found[mapped[0]].append(line)
            self.lines[year] = found
        return self.lines[year].get(iso, [])

    def on(self, iso: str, day: date) -> dict[int, str]:
        """bloc -> the release of the membership counted, for `iso` on `day`."""
        curated = {bloc_id for bloc_id, _, _ in self.curated[iso]}
        held = {
            bloc_id: CURATED for bloc_id, start, stop in self.curated[iso] if start <= day < stop
        }
        for line in self.rows(iso, day.year):
            cells = self.raw.cells(line)
            for column, index in self.raw.index.items():
                bloc_id = self.blocs.get(column)
                if cells[index] == FULL_MEMBER and bloc_id is not None and bloc_id not in curated:
                    held[bloc_id] = COW_IGO
        return held

    def where(self, iso: str, year: int) -> str:
        lines = self.rows(iso, year)
        if not lines:
            return f"{self.raw.path.name}: no row of {iso} in {year}"
        return f"{self.raw.path.name}:{','.join(map(str, lines))}, the cells coded 1"


def _sources(releases: object) -> str | None:
    return "; ".join(sorted(set(releases))) or None  # type: ignore[call-overload]


def _state_years(connection: Connection) -> dict[tuple[int, int], tuple[object, ...]]:
    """(code, year) -> (iso, day, part_year, bloc_memberships, memberships_source)."""
    rows = connection.execute(
        text(
            "SELECT code, year, iso, day, part_year, bloc_memberships, memberships_source "
            "FROM panel_country_year WHERE system = 'cow' AND actor_id IS NOT NULL "
            "AND year <= :edge"
        ),
        {"edge": EDGE},
    )
    return {
        (code, year): (iso, as_date(day), bool(part), *rest)
        for code, year, iso, day, part, *rest in rows
    }


def test_country_years_count_the_memberships_of_the_raw_rows(
    loaded_engine: Engine, request
) -> None:
    failures = Failures(request.node.nodeid)
    draw = rng(11)
    with loaded_engine.connect() as connection:
        members = _Memberships(connection)
        state_years = _state_years(connection)
        assert all(key in state_years for key in HARD_YEARS)
        keys = list(HARD_YEARS) + draw.sample(sorted(set(state_years) - set(HARD_YEARS)), DRAWS)
        counted = 0
        for code, year in keys:
            iso, day, part, count, sources = state_years[(code, year)]
            where = f"panel_country_year (cow {code}, {year}) {iso} on {day}: "
            where += members.where(iso, year)
            if part:
                failures.check(where, "part-year row", (count, sources), (None, None))
                continue
            if not members.rows(iso, year):  # COW IGO is silent on the state that year
                failures.check(where, "not covered", (count, sources), (None, None))
                continue
            held = members.on(iso, day)
            failures.check(where, "bloc_memberships", count, len(held))
            failures.check(where, "memberships_source", sources, _sources(held.values()))
            counted += bool(held)
    failures.assert_none()
    assert counted >= DRAWS // 2


def _dyads(state_years: dict[tuple[int, int], tuple[object, ...]]) -> list[tuple[int, int, int]]:
    """The hard dyads and pairs of state-years of one year drawn at random."""
    draw = rng(12)
    by_year: dict[int, list[int]] = defaultdict(list)
    for code, year in sorted(state_years):
        by_year[year].append(code)
    dyads = list(HARD_DYADS)
    years = sorted(by_year)
    while len(dyads) < len(HARD_DYADS) + DRAWS:
        year = draw.choice(years)
        if len(by_year[year]) < 2:
            continue
        first, second = draw.sample(by_year[year], 2)
        if state_years[(first, year)][0] != state_years[(second, year)][0]:
            dyads.append((first, second, year))
    return dyads


def test_dyad_years_count_the_blocs_both_raw_rows_hold(loaded_engine: Engine, request) -> None:
    failures = Failures(request.node.nodeid)
    with loaded_engine.connect() as connection:
        members = _Memberships(connection)
        state_years = _state_years(connection)
        shared_somewhere = 0
        for code1, code2, year in _dyads(state_years):
            (iso1, day1, part1, *_), (iso2, day2, part2, *_) = (
                state_years[(code1, year)],
                state_years[(code2, year)],
            )
            found = connection.execute(
                text(
                    "SELECT shared_memberships, memberships_source FROM v_dyad_year "
                    "WHERE ccode1 = :c1 AND ccode2 = :c2 AND year = :year"
                ),
                {"c1": code1, "c2": code2, "year": year},
            ).one()
            where = (
                f"v_dyad_year (cow {code1}, {code2}, {year}) {iso1}-{iso2}: "
                f"{members.where(iso1, year)} and {members.where(iso2, year)}"
            )
            if part1 or part2:
                failures.check(where, "part-year dyad", tuple(found), (None, None))
                continue
            if not (members.rows(iso1, year) and members.rows(iso2, year)):
                failures.check(where, "not covered", tuple(found), (None, None))
                continue
            # The dyad's day: the later of the two if it is a 31 December, else the earlier.
            days = sorted({day1, day2})
            day = days[-1] if days[-1].month == 12 else days[0]
            mine, theirs = members.on(iso1, day), members.on(iso2, day)
            both = mine.keys() & theirs.keys()
            releases = [mine[b] for b in both] + [theirs[b] for b in both]
            failures.check(where, f"shared_memberships on {day}", found[0], len(both))
            failures.check(where, "memberships_source", found[1], _sources(releases))
            shared_somewhere += bool(both)
    failures.assert_none()
    assert shared_somewhere >= DRAWS // 4
