"""Correlates of War, Intergovernmental Organizations v3, state-year: `import cow-igo PATH`.

One row per state and year, one column per IGO. A cell is the state's status that year: 1 full
member, 2 associate member, 3 observer, 0 no membership, -9 missing, -1 no row (the IGO or the
state not there). Every IGO becomes a bloc (its COW abbreviation upper-cased, unless a bloc
names it in `cow_igo`, like ASEAN; an abbreviation that is already another bloc's or a
country's code gets `-IGO` appended, and is listed). Consecutive years of one status are one
spell known to the year; a spell ends (`ended`) where the file shows another status, and is
censored where it shows none (-9, -1 or the file's last year). The release covers an IGO from
the first to the last year any state is coded in it (0, 1, 2 or 3), and a state over the years
it has rows, except the state's -9 years in that IGO (gaps): inside, an absent spell means "not
a member"; outside, the release says nothing.

The file is annual from its first year: COW's codebook speaks of five-yearly collection before
1965, but the file has a row for every year a state is in the system, and its cells change in
every year of the cycle. So a year without a state's row is a year out of the system (Syria in
the United Arab Republic, 1959-60; Ethiopia, 1937-40): its spells and coverage end at the last
row and start again at the next, never bridged. States map to countries by the crosswalk's rule
for a year (Crosswalk.in_year: the country on 1 July), so an annual code splits where a COW
code changes country (365 is the USSR's until 1991 and Russia's from 1992).

Memberships are merged into the release's by their claim key (bloc, member, role, start), so a
newer file writes only the spells that differ; coverage is written anew.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from bilateral_db.core.vocabulary import MembershipRole
from bilateral_db.crosswalk import Crosswalk
from bilateral_db.imports.base import Importer, Progress
from bilateral_db.imports.reading import DataFile, Row
from bilateral_db.imports.release import Dataset, ReleaseWriter
from bilateral_db.models import Actor, Bloc, Country

DATASET = Dataset(
    dataset="cow-igo",
    title="Correlates of War, Intergovernmental Organizations, state-year format",
    publisher="Correlates of War Project",
    citation=(
        "Pevehouse, Jon C.W., Timothy Nordstrom, Roseanne W. McManus & Anne Spencer Jamison. "
        '2020. "Tracking Organizations in the World: The Correlates of War IGO Version 3.0 '
        'Datasets." Journal of Peace Research 57(3): 492-503.'
    ),
    url="https://correlatesofwar.org/data-sets/igos/",
    precedence=30,
)
ROLES = {
    "1": MembershipRole.MEMBER,
    "2": MembershipRole.ASSOCIATE_MEMBER,
    "3": MembershipRole.OBSERVER,
}
CODED = frozenset({"0", "1", "2", "3"})
MISSING = "-9"
FIXED_COLUMNS = ("ccode", "year", "state")
MEMBERSHIP_COLUMNS = (
    "actor_id",
    "bloc_id",
    "role",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
    "end_status",
)
COVERAGE_COLUMNS = (
    "bloc_id",
    "actor_id",
    "covered",
    "start_date",
    "start_date_precision",
    "end_date",
    "end_date_precision",
)


STATUSES = frozenset({*CODED, "-1", "-9"})


@dataclass
class _State:
    """One state's last row and its open runs: per IGO column, its role and coverage."""

    actor_id: int | None
    year: int
    values: list[str]
    since: int = 0  # first year of this run of rows
    # column -> (role, first year, its line)
    roles: dict[int, tuple[str, int, int]] = field(default_factory=dict)
    coded: dict[int, int] = field(default_factory=dict)  # column -> first year coded
    missing: dict[int, int] = field(default_factory=dict)  # column -> first year of -9

    def follows(self, actor_id: int | None, year: int) -> bool:
        """Whether a row of `year` continues this state's runs: the next year, same country."""
        return actor_id == self.actor_id and year == self.year + 1


class CowIgoImporter(Importer):
    dataset = DATASET
    required = FIXED_COLUMNS
    default_version = "3.0"
    scheme = "cow"

    def write(
        self, connection: Connection, release: ReleaseWriter, data: DataFile, progress: Progress
    ) -> tuple[date | None, date | None]:
        assert release.release_id is not None
        state = _Reading(connection, release, data, progress)
        state.read()
        if state.first_year is None or state.last_year is None:
            return None, None
        return date(state.first_year, 1, 1), date(state.last_year, 12, 31)


class _Reading:
    """One pass over the file; per state it compares a row with the one before, so only the
    cells that change cost work, and it keeps one open run per state and IGO, no more."""

    def __init__(
        self, connection: Connection, release: ReleaseWriter, data: DataFile, progress: Progress
    ) -> None:
        self.connection = connection
        self.release = release
        self.release_id = release.release_id
        self.data = data
        self.progress = progress
        self.crosswalk = Crosswalk.read(connection, "cow")
        self.actors = _country_actors(connection)
        self.members = release.target("membership", MEMBERSHIP_COLUMNS)
        self.coverage = release.target("coverage", COVERAGE_COLUMNS)
        self.blocs: dict[int, int] = {}  # column index -> bloc id
        self.bloc_index = _BlocIndex(self)
        self.igo_years: dict[int, list[int]] = {}  # column index -> first and last year coded
        self.states: dict[int, _State] = {}
        self.igo: list[int] = []  # indices of the IGO columns
        self.cells: Callable[[list[str]], tuple[str, ...]] = _getter([])
        self.resolved: dict[int, int] = {}  # IGO column index -> its bloc
        self.first_year: int | None = None
        self.last_year: int | None = None

    def read(self) -> None:
        rows = 0
        for row in self.data.rows():
            if not self.igo:
                self.igo = [i for i, c in enumerate(self.data.columns) if c not in FIXED_COLUMNS]
                self.cells = _getter(self.igo)
                columns = {i: self.data.columns[i] for i in self.igo}
                self.resolved = self.bloc_index.resolve(columns)
            self._row(row)
            rows += 1
            if rows % 500 == 0:
                self.progress("rows", self.data.bytes_read(), self.data.bytes_total)
        self.data.check()
        for state in self.states.values():
            self._close_state(state)
        for column, (first, last) in sorted(self.igo_years.items()):
            self._write_coverage(self._bloc(column), None, first, last, covered=True)
        self.bloc_index.date_blocs(self.igo_years, self.blocs, self.last_year)
        self.release.count("bloc", len(self.blocs))
        memberships, coverage = self.members.finish(), self.coverage.finish()
        self.bloc_index.drop_unused(set(self.blocs.values()))  # once no row refers to them
        self.release.count("membership", memberships.rows)
        self.release.count("coverage", coverage.rows)
        self.release.count("source_rows", rows)
        self.progress("rows", self.data.bytes_total, self.data.bytes_total)

    # --- one row ---------------------------------------------------------------------------

    def _row(self, row: Row) -> None:
        ccode = self.data.integer(row, "ccode")
        year = self.data.year(row, "year")
        if ccode is None or year is None:
            return
        values = row.values
        state = self.states.get(ccode)
        if state is not None and year <= state.year:
            self.data.problem(
                row.line,
                "year",
                f"{year} comes after {state.year} for state {ccode}: "
                "rows of a state must be in year order",
            )
            return
        self.first_year = year if self.first_year is None else min(self.first_year, year)
        self.last_year = year if self.last_year is None else max(self.last_year, year)
        actor_id = self._actor(ccode, year, row)
        if state is not None and state.follows(actor_id, year):
            previous = state.values
            cells, before = self.cells(values), self.cells(previous)
            if cells == before:  # most years change nothing: one tuple comparison in C
                state.year, state.values = year, values
                return
            changed = [i for i, a, b in zip(self.igo, cells, before, strict=True) if a != b]
            self._check(row, changed, values)
            for column in changed:
                old, new = previous[column].strip(), values[column].strip()
                self._change(state, column, old, new, year, row.line)
        else:
            if state is not None:
                self._close_state(state)
            state = _State(actor_id, year, values, since=year)
            self.states[ccode] = state
            self._check(row, self.igo, values)
            for column in self.igo:
                self._change(state, column, "-1", values[column].strip(), year, row.line)
        state.year = year
        state.values = values

    def _check(self, row: Row, columns: list[int], values: list[str]) -> None:
        for column in columns:
            if values[column].strip() not in STATUSES:
                self.data.problem(
                    row.line,
                    self.data.columns[column],
                    f"{values[column].strip()[:20]!r} is not a status (0, 1, 2, 3, -9 or -1)",
                )

    def _change(self, state: _State, column: int, old: str, new: str, year: int, line: int) -> None:
        """The cell went from `old` (last row's) to `new` in `year`, on `line`."""
        if state.actor_id is None or old == new:
            return
        if old == MISSING:
            first = state.missing.pop(column)
            self._write_coverage(
                self._bloc(column), state.actor_id, first, state.year, covered=False
            )
        elif new == MISSING:
            state.missing[column] = year
        was, now = old in CODED, new in CODED
        if was and not now:
            self._close(state, [column])
            return
        if now and not was:
            state.coded[column] = year
        elif column in state.roles:  # coded both years: another status seen the next year
            role, first, since = state.roles.pop(column)
            self._write_role(column, role, state.actor_id, first, state.year, since, ended=True)
        if new in ROLES:
            state.roles[column] = (ROLES[new], year, line)

    def _close(self, state: _State, columns: list[int]) -> None:
        """End the state's runs in `columns` at its last row; spells not seen to end censor."""
        if state.actor_id is None:
            return
        for column in columns:
            if column in state.roles:
                role, first, since = state.roles.pop(column)
                self._write_role(
                    column, role, state.actor_id, first, state.year, since, ended=False
                )
            if column in state.coded:
                first = state.coded.pop(column)
                years = self.igo_years.setdefault(column, [first, state.year])
                years[0], years[1] = min(years[0], first), max(years[1], state.year)

    def _close_state(self, state: _State) -> None:
        """The state's rows stop (or jump): its runs end, and so does its coverage."""
        if state.actor_id is None:
            return
        self._close(state, list(state.coded))
        for column, first in state.missing.items():
            self._write_coverage(
                self._bloc(column), state.actor_id, first, state.year, covered=False
            )
        state.missing.clear()
        self._write_coverage(None, state.actor_id, state.since, state.year, covered=True)

    def _actor(self, ccode: int, year: int, row: Row) -> int | None:
        found = self.crosswalk.in_year(ccode, year, self.actors)
        if found is not None:
            return self.actors[found.mapping.country_id]
        self.release.finding(
            "unmapped_code",
            row.line,
            f"cow {ccode} {row.get('state').strip()} {year}",
            "no country in the crosswalk for this state-year; its IGO cells are not "
            "imported (add it to fixtures/country_codes.csv)",
        )
        return None

    # --- writing ---------------------------------------------------------------------------

    def _bloc(self, index: int) -> int:
        """The column's bloc, recorded as used (blocs no row uses are dropped at the end)."""
        if index not in self.blocs:
            self.blocs[index] = self.resolved[index]
        return self.blocs[index]

    def _write_role(
        self,
        column: int,
        role: str,
        actor_id: int,
        first: int,
        last: int,
        line: int,
        *,
        ended: bool,
    ) -> None:
        """A spell of a role, from the line it was first seen on."""
        self.members.add(
            (
                line,
                actor_id,
                self._bloc(column),
                role,
                _year(first),
                "year",
                _year(last),
                "year",
                "ended" if ended else "censored",
            )
        )

    def _write_coverage(
        self, bloc_id: int | None, actor_id: int | None, first: int, last: int, *, covered: bool
    ) -> None:
        self.coverage.add(
            (
                0,  # coverage is summed over many lines
                bloc_id,
                actor_id,
                covered,
                _year(first),
                "year",
                _year(last),
                "year",
            )
        )


class _BlocIndex:
    """The blocs an IGO column may be: found by cow_igo or code, created when there is none."""

    def __init__(self, reading: _Reading) -> None:
        self.reading = reading
        connection = reading.connection
        rows = connection.execute(select(Bloc.id, Bloc.code, Bloc.cow_igo_code, Bloc.release_id))
        self.by_igo: dict[str, int] = {}
        self.codes: dict[str, tuple[int, int]] = {}
        for bloc_id, code, cow_igo, release_id in rows:
            self.codes[code] = (bloc_id, release_id)
            if cow_igo:
                self.by_igo[cow_igo.lower()] = bloc_id
        self.country_codes = set(connection.scalars(select(Country.code)))
        self.igo_names: list[dict[str, Any]] = []  # blocs of this release named again
        self.own: set[int] = {
            bloc_id
            for bloc_id, release_id in self.codes.values()
            if release_id == reading.release_id
        }

    def resolve(self, columns: dict[int, str]) -> dict[int, int]:
        """The bloc of each IGO column (by index), new blocs created in two statements."""
        found: dict[int, int] = {}
        wanted: dict[int, tuple[str, str]] = {}
        self.igo_names.clear()
        for index, column in columns.items():
            bloc = self._existing(column)
            if isinstance(bloc, int):
                found[index] = bloc
            else:
                wanted[index] = bloc
        if self.igo_names:
            self.reading.connection.execute(
                update(Bloc).where(Bloc.id == bindparam("_id")), self.igo_names
            )
        found.update(self._create(wanted))
        return found

    def _existing(self, column: str) -> int | tuple[str, str]:
        """The bloc the column names, or the (code, name) of the bloc to create for it."""
        name = column.strip().lower()
        if name in self.by_igo:
            return self.by_igo[name]
        code = name.upper()
        taken = self.codes.get(code)
        if taken is not None and taken[1] == self.reading.release_id:
            return self._set_igo(taken[0], name)
        if taken is not None or code in self.country_codes:
            what = "a country's code" if code in self.country_codes else "another bloc's code"
            code = f"{code}-IGO"
            self.reading.release.finding(
                "renamed_code",
                1,
                f"cow-igo {name}",
                f"{name.upper()} is {what}; the IGO is the bloc {code} (name the IGO in that "
                "bloc's cow_igo field if they are the same)",
            )
            taken = self.codes.get(code)
            if taken is not None and taken[1] == self.reading.release_id:
                return self._set_igo(taken[0], name)
        return code, name

    def _set_igo(self, bloc_id: int, name: str) -> int:
        self.igo_names.append({"_id": bloc_id, "cow_igo_code": name.upper()})
        self.by_igo[name] = bloc_id
        return bloc_id

    def _create(self, wanted: dict[int, tuple[str, str]]) -> dict[int, int]:
        if not wanted:
            return {}
        connection = self.reading.connection
        rows = [
            {
                "code": code,
                "name": f"{name.upper()} (as the Correlates of War IGO data abbreviate it)",
                "kind": "international_organisation",
                "cow_igo_code": name.upper(),
                "release_id": self.reading.release_id,
            }
            for code, name in wanted.values()
        ]
        statement = insert(Bloc).returning(Bloc.id, sort_by_parameter_order=True)
        ids = list(connection.execute(statement, rows).scalars())
        connection.execute(insert(Actor), [{"bloc_id": bloc_id} for bloc_id in ids])
        for (code, name), bloc_id in zip(wanted.values(), ids, strict=True):
            self.codes[code] = (bloc_id, self.reading.release_id or 0)
            self.by_igo[name] = bloc_id
            self.own.add(bloc_id)
        return dict(zip(wanted, ids, strict=True))

    def date_blocs(
        self, years: dict[int, list[int]], blocs: dict[int, int], last_year: int | None
    ) -> None:
        """A bloc of this release lives from the first to the last year COW codes it."""
        rows = []
        for column, (first, last) in years.items():
            bloc_id = blocs[column]
            if bloc_id not in self.own:
                continue  # a curated bloc: its own dates stand
            dissolved = None if last == last_year else date(last, 1, 1)
            rows.append(
                {
                    "_id": bloc_id,
                    "founded_on": date(first, 1, 1),
                    "founded_on_precision": "year",
                    "dissolved_on": dissolved,
                    "dissolved_on_precision": "year" if dissolved else None,
                }
            )
        if rows:
            self.reading.connection.execute(update(Bloc).where(Bloc.id == bindparam("_id")), rows)

    def drop_unused(self, used: set[int]) -> None:
        """Blocs an earlier release of this data set defined that the new file no longer has."""
        stale = self.own - used
        if stale:
            connection = self.reading.connection
            connection.execute(delete(Actor).where(Actor.bloc_id.in_(stale)))
            connection.execute(delete(Bloc).where(Bloc.id.in_(stale)))


def _country_actors(connection: Connection) -> dict[int, int]:
    rows = connection.execute(
        select(Actor.country_id, Actor.id).where(Actor.country_id.is_not(None))
    ).all()
    return {country_id: actor_id for country_id, actor_id in rows if country_id is not None}


def _year(year: int) -> str:
    """The first day of a year, as the bulk writer takes dates."""
    return f"{year:04d}-01-01"


def _getter(indices: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells at `indices` as a tuple, whatever their number (itemgetter of one is not)."""
    if len(indices) > 1:
        return itemgetter(*indices)
    return lambda values: tuple(values[i] for i in indices)
