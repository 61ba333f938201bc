"""Held-out checks: cells of the real files drawn at random (another draw each day), read here
with csv and gzip apart from the importers, and compared with what the database says.

- COW IGO v3 (the shipped file): a cell's status (1 full member, 2 associate, 3 observer, 0
  none, -9 missing, -1 no such state or IGO) against release cow-igo-3.0's membership claims
  in that year, and `covered: false` for -9; years a state has no row (it left the system)
  against the absence of any claim.
- Archigos 4.1 (the shipped subset): a spell's days, cut where its GW code changes country,
  against the release's terms of that country's `leader` post: start, end and end status.
- COW Trade v4.0 (the test slices; the whole file is not shipped): a dyad-year's four flows
  against the release's figures, and against the dyad-year panel (imports as reported, exports
  mirrored from the partner's imports, part-year rows empty).

Every draw adds the hard cases: codes that change country (COW 365 in 1991/1992, 255/260 in
1990, 678/679 in 1990, 816 filed as 817), states that leave the system (the GDR after 1989,
Yugoslavia, gap years) and missing values (-9). A failure names the file, line and cell, and
how to run that day's draw again (support/raw_samples.py).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import DATASET_SLICES
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session
from support.raw_samples import Cell, Codes, Failures, RawFile, as_date, country_actors, rng

from bilateral_db import reports
from bilateral_db.imports import bundled_path, import_dataset

# --- COW IGO v3 ---------------------------------------------------------------------------------

COW_IGO = "cow-igo-3.0"
ROLES = {"1": "member", "2": "associate_member", "3": "observer"}
FIXED = ("ccode", "year", "state")
# Rows around a change of country or an exit from the system: (ccode, year).
HARD_ROWS = (
    (365, 1991),  # the USSR's code in 1991 (to 25 December)
    (365, 1992),  # Russia's from 1992
    (255, 1990),  # Germany from 3 October: Germany's row of 1990 (260 has none)
    (260, 1989),  # West Germany's last row
    (265, 1989),  # the GDR's last row: it leaves the system in 1990
    (345, 1991),  # Yugoslavia
    (345, 1992),  # the Federal Republic of Yugoslavia, same code
    (678, 1989),  # North Yemen's last row
    (679, 1990),  # Yemen from 22 May 1990
    (816, 1976),  # Viet Nam from 2 July 1976 (North Vietnam's code)
)
MISSING_CELLS = ((800, 1970, "cto"),)  # Thailand in the CTO: -9 in 1968-1975
# Years a state has no row: the GDR after it left, Syria in the UAR, Ethiopia under Italy.
ABSENT = ((265, 1990), (652, 1959), (652, 1960), (530, 1938))
QUOTA = {"1": 14, "2": 6, "3": 6, "0": 12, "-9": 8, "-1": 6}  # random cells per status
RANDOM_ROWS = 300  # rows the random cells are drawn from
RANDOM_GAPS = 4


@cache
def _igo() -> RawFile:
    return RawFile(bundled_path("cow-igo"))


def _igo_cells() -> list[Cell]:
    """The day's cells: each hard row's UN cell and a role, a 0 and a -9 of it; fixed -9
    cells; then cells of random rows, so many of each status."""
    raw, draw = _igo(), rng(1)
    keys = raw.keys(2)
    igo = [name for name in raw.header if name not in FIXED]
    cells: list[Cell] = []
    for ccode, year in HARD_ROWS:
        line = keys[(str(ccode), str(year))]
        row = raw.cells(line)
        cells.append(raw.cell(line, "un"))
        for wanted in (set(ROLES), {"0"}, {"-9"}):
            found = [name for name in igo if row[raw.index[name]] in wanted]
            if found:
                cells.append(raw.cell(line, draw.choice(found)))
    for ccode, year, column in MISSING_CELLS:
        cells.append(raw.cell(keys[(str(ccode), str(year))], column))
    by_status: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for line in draw.sample(list(raw.numbers()), RANDOM_ROWS):
        row = raw.cells(line)
        for name in igo:
            by_status[row[raw.index[name]]].append((line, name))
    for status, count in QUOTA.items():
        found = by_status[status]
        for line, name in draw.sample(found, min(count, len(found))):
            cells.append(Cell(raw.path, line, name, status))
    return cells


def _gaps() -> list[tuple[int, int, str]]:
    """(ccode, year, where) for the fixed absent state-years and a few random gap years (a
    year without a row between two rows of a state)."""
    raw, draw = _igo(), rng(2)
    years: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (ccode, year), line in raw.keys(2).items():
        if ccode.isdigit():
            years[int(ccode)].append((int(year), line))
    gaps: list[tuple[int, int, str]] = []
    for ccode, rows in years.items():
        rows.sort()
        for (year, line), (after, next_line) in pairwise(rows):
            gaps += [
                (ccode, gap, f"lines {line} and {next_line}") for gap in range(year + 1, after)
            ]
    fixed = []
    for ccode, year in ABSENT:
        before = [line for y, line in years[ccode] if y < year]
        fixed.append((ccode, year, f"after line {max(before)}"))
    return fixed + draw.sample(gaps, min(RANDOM_GAPS, len(gaps)))


def _blocs(connection: Connection) -> dict[str, tuple[int, str]]:
    """COW IGO column (lower case) -> (bloc id, bloc code)."""
    rows = connection.execute(
        text("SELECT cow_igo_code, id, code FROM bloc WHERE cow_igo_code IS NOT NULL")
    )
    return {igo.lower(): (bloc_id, code) for igo, bloc_id, code in rows}


def _cow_spells(connection: Connection, actor_id: int) -> list[tuple[int, str, int, int | None]]:
    """The actor's membership claims of COW IGO: (bloc id, role, first year, last year)."""
    rows = connection.execute(
        text(
            "SELECT m.bloc_id, m.role, m.start_date, m.end_date FROM membership m "
            "JOIN release r ON r.id = m.release_id WHERE r.slug = :release AND m.actor_id = :a"
        ),
        {"release": COW_IGO, "a": actor_id},
    )
    return [
        (bloc, role, as_date(start).year, None if end is None else as_date(end).year)
        for bloc, role, start, end in rows
    ]


def _holding(spells: list[tuple[int, str, int, int | None]], year: int) -> list[tuple[int, str]]:
    return [
        (bloc, role)
        for bloc, role, first, last in spells
        if first <= year and (last is None or year <= last)
    ]


def test_cow_igo_cells_against_the_release(loaded_engine: Engine, request) -> None:
    failures = Failures(request.node.nodeid)
    raw = _igo()
    cells = _igo_cells()
    assert len(cells) >= 50
    seen_statuses = {cell.value for cell in cells}
    assert {"1", "0", "-9", "-1"} <= seen_statuses
    with loaded_engine.connect() as connection, Session(loaded_engine) as session:
        codes, blocs = Codes(connection, "cow"), _blocs(connection)
        actors = country_actors(connection)
        answers: dict[tuple[str, date], list] = {}
        for cell in cells:
            row = raw.cells(cell.line)
            ccode, year = int(row[0]), int(row[1])
            where = Cell(cell.path, cell.line, f"{cell.column} (ccode {ccode}, {year})", cell.value)
            mapped = codes.in_year(ccode, year)
            if mapped is None:
                failures.check(where, "a country for the state-year", None, "one")
                continue
            iso, day, _ = mapped
            bloc = blocs.get(cell.column)
            if bloc is None:  # an IGO no state is ever coded in: its bloc is not kept
                failures.check(where, f"no bloc for IGO {cell.column}", cell.value, "-1")
                continue
            bloc_id, bloc_code = bloc
            held = {
                role
                for b, role in _holding(_cow_spells(connection, actors[iso]), year)
                if b == bloc_id
            }
            want = {ROLES[cell.value]} if cell.value in ROLES else set()
            failures.check(where, f"{iso}'s roles in {bloc_code} in {year}", held, want)
            key = (bloc_code, day)
            if key not in answers:
                answers[key] = reports.members_on(session, bloc=bloc_code, on=day, source=COW_IGO)
            said = sorted((r.role, r.covered) for r in answers[key] if r.country == iso)
            if cell.value in ROLES:
                failures.check(
                    where, f"members of {bloc_code} on {day}", said, [(want.pop(), True)]
                )
            elif cell.value == "-9":  # missing: the release says it does not cover the day
                failures.check(
                    where, f"members of {bloc_code} on {day}", [c for _, c in said], [False]
                )
            elif cell.value == "0":  # coded, in no role: no row at all
                failures.check(where, f"members of {bloc_code} on {day}", said, [])
            else:  # -1: nothing the release claims
                failures.check(
                    where, f"covered members of {bloc_code} on {day}", [r for r in said if r[1]], []
                )
    failures.assert_none()
    assert failures.checked >= 2 * len(cells) - 5


def test_a_year_without_a_row_is_claimed_by_no_membership(loaded_engine: Engine, request) -> None:
    """A state-year the file has no row for (a state out of the system, or gone) is one the
    release claims nothing about, whatever the rows around it say."""
    failures = Failures(request.node.nodeid)
    raw = _igo()
    rows_by_year: dict[int, list[str]] = defaultdict(list)
    for ccode, year in raw.keys(2):
        if year.isdigit():
            rows_by_year[int(year)].append(ccode)
    checked = 0
    with loaded_engine.connect() as connection:
        codes = Codes(connection, "cow")
        actors = country_actors(connection)
        for ccode, year, where in _gaps():
            mapped = codes.in_year(ccode, year)
            if mapped is None:
                continue  # no country that year: nothing could be claimed of it
            iso = mapped[0]
            others = [
                c for c in rows_by_year[year] if (m := codes.in_year(c, year)) and m[0] == iso
            ]
            if others:
                continue  # another code is the country's row that year
            held = _holding(_cow_spells(connection, actors[iso]), year)
            failures.check(
                f"{raw.path.name}: no row for ccode {ccode} in {year} ({where})",
                f"{iso}'s COW IGO memberships in {year}",
                held,
                [],
            )
            checked += 1
    failures.assert_none()
    assert checked >= len(ABSENT)


# --- Archigos 4.1 -------------------------------------------------------------------------------

ARCHIGOS = "archigos-4.1"
STILL_IN_OFFICE = "Still in Office"
HARD_SPELLS = (
    "RUS-1985",  # Gorbachev: the USSR's leader
    "RUS-1991",  # Yeltsin: the USSR's to 1991-12-25, Russia's from 1991-12-26
    "RUS-2000",  # Putin: still in office at the data's end; linked to the curated person
    "GMY-1945",  # Doenitz: GW 255 is Germany's to 1945-05-07 only
    "GFR-1949",  # Adenauer: GW 260 is Germany's from 1949-09-21
    "GFR-2005",  # Merkel: still in office
    "SAU-2015",  # Salman: ends on the data's last day, "Natural Death" (an edge finding)
    "DRV-1969",  # Le Duan: North Vietnam's, then Viet Nam's from 1976-07-02
    "YUG-2003",  # Marovic: Serbia and Montenegro under Yugoslavia's code
)
RANDOM_SPELLS = 36


def _archigos_terms(connection: Connection, iso: str) -> list[tuple[object, ...]]:
    return connection.execute(
        text(
            "SELECT t.start_date, t.end_date, t.end_status, t.start_date_precision, "
            "p.archigos_id, p.name, pr.slug FROM term t "
            "JOIN post ps ON ps.id = t.post_id JOIN actor a ON a.id = ps.actor_id "
            "JOIN country c ON c.id = a.country_id JOIN release r ON r.id = t.release_id "
            "JOIN person p ON p.id = t.person_id JOIN release pr ON pr.id = p.release_id "
            "WHERE r.slug = :release AND ps.office = 'leader' "
            "AND ps.accredited_to_actor_id IS NULL AND c.code = :iso"
        ),
        {"release": ARCHIGOS, "iso": iso},
    ).all()


def _is_leader(person: tuple[object, ...], row: dict[str, str]) -> bool:
    """Whether a term's person (archigos id, name, release) is the spell's leader: Archigos'
    own person of that id and name, or the curated person it was linked to (no other id, and
    the leader's surname in the name)."""
    archigos_id, name, release = person
    if release == ARCHIGOS:
        return archigos_id == row["leadid"] and name == row["leader"]
    surname = row["leader"].lower().split()[-1]
    return archigos_id in (None, row["leadid"]) and surname in str(name).lower()


def test_archigos_spells_against_the_release(loaded_engine: Engine, request) -> None:
    failures = Failures(request.node.nodeid)
    raw = RawFile(bundled_path("archigos"))
    lines = {raw.cells(line)[raw.index["obsid"]]: line for line in raw.numbers()}
    draw = rng(3)
    chosen = [lines[obsid] for obsid in HARD_SPELLS]
    chosen += draw.sample(sorted(set(raw.numbers()) - set(chosen)), RANDOM_SPELLS)
    pieces_seen = 0
    with loaded_engine.connect() as connection:
        codes = Codes(connection, "gw")
        terms: dict[str, list[tuple[object, ...]]] = {}
        for line in chosen:
            row = dict(zip(raw.header, raw.cells(line), strict=True))
            start, end = date.fromisoformat(row["startdate"]), date.fromisoformat(row["enddate"])
            still = row["exit"] == STILL_IN_OFFICE
            where = Cell(raw.path, line, "startdate", f"{row['obsid']} from {start}")
            pieces = codes.pieces(row["gwcode"], start, end)
            failures.check(where, "days of the spell some country stands for", bool(pieces), True)
            for iso, first, last in pieces:
                if iso not in terms:
                    terms[iso] = _archigos_terms(connection, iso)
                # One term a day may start on its first and end with the next's (a handover).
                found = [t for t in terms[iso] if as_date(t[0]) == first and _is_leader(t[4:], row)]
                what = f"{row['leader']}'s term of {iso}'s leader post from {first}"
                failures.check(where, f"{what}: terms", len(found), 1)
                if len(found) != 1:
                    continue
                t_end, status, precision = found[0][1:4]
                status_want = "censored" if still and last == end else "ended"
                failures.check(raw.cell(line, "enddate"), f"{what}: end", as_date(t_end), last)
                failures.check(raw.cell(line, "exit"), f"{what}: end status", status, status_want)
                failures.check(where, f"{what}: precision", precision, "day")
                pieces_seen += 1
    failures.assert_none()
    assert pieces_seen >= len(chosen)


# --- COW Trade v4.0 -----------------------------------------------------------------------------

COW_TRADE = "cow-trade-4.0"
TRADE_SLICES = tuple(
    DATASET_SLICES / name
    for name in (
        "cow_trade_slice.csv.gz",
        "cow_trade_transitions_slice.csv.gz",
        "cow_trade_quirks_slice.csv.gz",
    )
)
FLOWS = {"reported": ("flow1", "flow2"), "smoothed": ("smoothflow1", "smoothflow2")}
# COW files the Republic of Vietnam's trade under 816 in 1960-1975, read as 817 (docs/data-sets.md,
# "COW Trade and Vietnam": the evidence is in the file).
REFILED = {("816", year): "817" for year in range(1960, 1976)}
HARD_DYADS = (
    ("2", "255", "1990"),  # Germany's 1990 figures under 255: the panel's (2, 260, 1990)
    ("255", "365", "1990"),
    ("255", "365", "1991"),  # the USSR's last year
    ("2", "365", "1992"),  # Russia's first
    ("2", "365", "1922"),  # Russia to 29 December 1922 ...
    ("2", "365", "1923"),  # ... the USSR from its founding
    ("2", "265", "1989"),  # the GDR's last year
    ("630", "678", "1990"),  # North Yemen's part of 1990: superseded by 679's figures
    ("630", "679", "1990"),
    ("93", "678", "1950"),  # -9: unknown
    ("2", "816", "1974"),  # South Vietnam's trade under 816: read as 817
    ("2", "816", "1976"),  # Viet Nam
)
RANDOM_DYADS = 40


class _Trade:
    """The three slices' rows, one per dyad-year (a row two slices share is the same row)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], tuple[RawFile, int, dict[str, str]]] = {}
        for path in TRADE_SLICES:
            raw = RawFile(path)
            for line in raw.numbers():
                row = dict(zip(raw.header, raw.cells(line), strict=True))
                key = (row["ccode1"], row["ccode2"], row["year"])
                if key in self.rows:
                    assert self.rows[key][2] == row, (path.name, line)
                    continue
                self.rows[key] = (raw, line, row)

    def write(self, path: Path) -> Path:
        columns = ["ccode1", "ccode2", "year", *FLOWS["reported"], *FLOWS["smoothed"]]
        lines = [",".join(columns)]
        lines += [",".join(row[c] for c in columns) for _, _, row in self.rows.values()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def figures(self, codes: Codes) -> dict[tuple[str, str, int, str], tuple[Cell, bool]]:
        """(reporter, partner, year, series) -> the cell COW gives it in, and whether a row of
        a part-year code gave it (kept only where the 1 July codes give no row of the pair)."""
        out: dict[tuple[str, str, int, str], tuple[Cell, bool]] = {}
        for raw, line, row in self.rows.values():
            year = int(row["year"])
            first, second = (
                codes.in_year(REFILED.get((row[c], year), row[c]), year)
                for c in ("ccode1", "ccode2")
            )
            if first is None or second is None or first[0] == second[0]:
                continue
            part = first[2] or second[2]
            for series, (flow1, flow2) in FLOWS.items():
                for reporter, partner, column in (
                    (first[0], second[0], flow1),
                    (second[0], first[0], flow2),
                ):
                    key = (reporter, partner, year, series)
                    cell = Cell(raw.path, line, column, row[column])
                    if key in out and not out[key][1]:
                        assert part, f"{cell}: a second row of {key}"
                        continue
                    out[key] = (cell, part)
        return out


def _figure(cell: Cell | None) -> tuple[str, int | None] | None:
    """(status, cents) a COW cell becomes; None where the file has no row."""
    if cell is None:
        return None
    if Decimal(cell.value) == -9:
        return ("unknown", None)
    return ("observed", int(Decimal(cell.value).scaleb(8)))


@pytest.fixture
def trade(curated_engine: Engine, tmp_path: Path) -> tuple[Engine, _Trade]:
    rows = _Trade()
    import_dataset(curated_engine, "cow-states", bundled_path("cow-states"))
    import_dataset(curated_engine, "gw-states", bundled_path("gw-states"))
    import_dataset(curated_engine, "cow-trade", rows.write(tmp_path / "cow_trade_slices.csv"))
    return curated_engine, rows


def _panel_want(
    figures: dict[tuple[str, str, int, str], tuple[Cell, bool]], iso1: str, iso2: str, year: int
) -> tuple[object, ...]:
    """A dyad-year panel cell's trade as the rule reads the file: imports as reported, exports
    the partner's reported imports (a mirror), total their sum when both are known."""

    def observed(reporter: str, partner: str) -> int | None:
        found = _figure(figures.get((reporter, partner, year, "reported"), (None,))[0])
        return found[1] if found else None

    imports, exports = observed(iso1, iso2), observed(iso2, iso1)
    both = imports is not None and exports is not None
    return (
        imports,
        exports,
        "mirror" if exports is not None else None,
        imports + exports if both else None,  # type: ignore[operator]
        "sum" if both else None,
        COW_TRADE if imports is not None or exports is not None else None,
    )


PANEL_TRADE = (
    "SELECT ccode1, ccode2, iso1, iso2, part_year, imports_usd_minor, exports_usd_minor, "
    "exports_basis, total_usd_minor, total_basis, trade_source FROM v_dyad_year "
)


def test_cow_trade_dyad_years_against_the_figures_and_the_panel(trade, request) -> None:
    engine, rows = trade
    failures = Failures(request.node.nodeid)
    draw = rng(4)
    keys = list(HARD_DYADS)
    assert all(key in rows.rows for key in keys)
    keys += draw.sample(sorted(set(rows.rows) - set(keys)), RANDOM_DYADS)
    with engine.connect() as connection:
        codes = Codes(connection, "cow")
        figures = rows.figures(codes)
        stored = {
            (reporter, partner, as_date(start).year, series): (status, value)
            for reporter, partner, start, series, status, value in connection.execute(
                text(
                    "SELECT rc.code, pc.code, tf.period_start, tf.series, tf.value_status, "
                    "tf.value_minor FROM trade_figure tf JOIN release r ON r.id = tf.release_id "
                    "JOIN actor ra ON ra.id = tf.reporter_actor_id "
                    "JOIN country rc ON rc.id = ra.country_id "
                    "JOIN actor pa ON pa.id = tf.partner_actor_id "
                    "JOIN country pc ON pc.id = pa.country_id "
                    "WHERE r.slug = :release AND tf.flow = 'import'"
                ),
                {"release": COW_TRADE},
            )
        }
        panel_checked = 0
        for key in keys:
            raw, line, row = rows.rows[key]
            year = int(row["year"])
            mapped = [
                codes.in_year(REFILED.get((row[c], year), row[c]), year)
                for c in ("ccode1", "ccode2")
            ]
            failures.check(
                Cell(raw.path, line, "ccode1, ccode2", f"{key[0]}, {key[1]}"),
                f"countries of the codes in {year}",
                all(m is not None for m in mapped),
                True,
            )
            if None in mapped:
                continue
            (iso1, _, part1), (iso2, _, part2) = mapped  # type: ignore[misc]
            for series, (flow1, flow2) in FLOWS.items():
                for reporter, partner, column in ((iso1, iso2, flow1), (iso2, iso1, flow2)):
                    kept, _ = figures[(reporter, partner, year, series)]
                    cell = Cell(raw.path, line, column, row[column])
                    what = f"{reporter}'s imports from {partner} in {year} ({series})"
                    if (part1 or part2) and kept != cell:
                        what += f", the 1 July code's figure ({kept}) kept"
                    failures.check(
                        cell, what, stored.get((reporter, partner, year, series)), _figure(kept)
                    )
            # The panel: the cells of the raw codes, and the cells that carry the figures.
            cells = connection.execute(
                text(
                    PANEL_TRADE + "WHERE year = :year AND ((ccode1 = :c1 AND ccode2 = :c2) "
                    "OR (ccode1 = :c2 AND ccode2 = :c1) OR (iso1 = :i1 AND iso2 = :i2) "
                    "OR (iso1 = :i2 AND iso2 = :i1))"
                ),
                {"year": year, "c1": int(key[0]), "c2": int(key[1]), "i1": iso1, "i2": iso2},
            ).all()
            carrying = [c for c in cells if not c.part_year and {c.iso1, c.iso2} == {iso1, iso2}]
            where = Cell(raw.path, line, "flow1, flow2", f"{row['flow1']}, {row['flow2']}")
            failures.check(where, f"panel cells of {iso1}-{iso2} in {year}", len(carrying), 2)
            for cell in cells:
                got = tuple(cell[5:])
                what = f"v_dyad_year ({cell.ccode1}, {cell.ccode2}, {year}) {cell.iso1}-{cell.iso2}"
                if cell.part_year:
                    failures.check(where, f"{what}, part_year", got, (None,) * 6)
                else:
                    want = _panel_want(figures, cell.iso1, cell.iso2, year)
                    failures.check(where, what, got, want)
                panel_checked += 1
    failures.assert_none()
    assert panel_checked >= 2 * len(keys)
