"""Reviewed mappings of the Office's terms to the project's: data files in `data/`, read once.

- `org_missions.csv`: an organisation mission (`representative-to-asean`) to the bloc it is
  accredited to, dated where that changes (the European Communities, then the Union);
- `chief_countries.csv`: the few chiefs accredited to another country than the one their
  `contemporary-territory-id` names (the ambassadors to China resident at Taipei, 1950-1979);
- `role_capacities.csv`: every role title to the capacity its terms are held in;
- `end_reasons.csv`: an `ended` note ("Left post on", "Presented recall on") to an end reason;
- `visit_kinds.csv`: a visit's description ("Working visit.") to a kind of meeting;
- `countries.csv`: the Office's country slugs (`thailand`, `burma`, `congo-brazzaville`) to
  countries, dated where one slug names different states over time (`russia`: the USSR, then
  Russia); a slug with no country is listed as unmapped, its note saying why.

The last two are ordered rules, Python regular expressions searched case-insensitively in the
text, the first that matches deciding; a rule with no value says "none of the vocabulary fits"
(the note is kept verbatim either way), and a text no rule matches is the importer's finding.

The country table is also what scripts/generate_country_codes.py writes as crosswalk rows
(scheme `hsg`) once the schema's CodeScheme holds it; until then the importers read it here.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path

from bilateral_db.core.dates import PartialDate
from bilateral_db.core.vocabulary import Confidence
from bilateral_db.writing.errors import FileError as ImportFileError
from bilateral_db.writing.errors import Problem as ImportProblem

DATA = Path(__file__).resolve().parent / "data"

# The built-in values of issue 17's vocabularies (TermCapacity, EndReason, the travel-record
# meeting kinds); read them from bilateral_db.core.vocabulary once that schema is merged.
CAPACITIES = frozenset({"full", "acting", "ad_interim", "caretaker"})
END_REASONS = frozenset(
    {
        "left_post",
        "presented_recall",
        "relinquished_charge",
        "superseded",
        "promoted",
        "resigned",
        "removed",
        "term_expired",
        "died",
        "appointment_terminated",
        "relations_interrupted",
    }
)
VISIT_KINDS = frozenset(
    {
        "state_visit",
        "official_visit",
        "official_working_visit",
        "working_visit",
        "private_visit",
        "visit",
    }
)
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
BLOC_CODE = re.compile(r"^[A-Z][A-Z0-9-]{0,19}$")


@dataclass(frozen=True, slots=True)
class BlocMapping:
    """An organisation mission's bloc over [start, end] (open where empty); None: unmapped."""

    mission: str
    bloc: str | None
    start: date | None
    end: date | None
    confidence: str
    note: str

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class CountrySpan:
    """A slug's country over [start, end] (open where empty); `country` None: unmapped."""

    slug: str
    country: str | None
    start: date | None
    end: date | None
    note: str

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ChiefCountry:
    chief: str
    country: str
    confidence: str
    note: str


@dataclass(frozen=True, slots=True)
class RoleCapacity:
    role_title_id: str
    capacity: str
    title: str
    note: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One ordered rule: where its text matches, `value` (None: no value of the vocabulary)."""

    pattern: re.Pattern[str]
    value: str | None
    note: str
    line: int


@dataclass(frozen=True)
class Mappings:
    org_missions: dict[str, tuple[BlocMapping, ...]]
    chief_countries: dict[str, ChiefCountry]
    role_capacities: dict[str, RoleCapacity]
    end_reasons: tuple[Rule, ...]
    visit_kinds: tuple[Rule, ...]
    countries: dict[str, tuple[CountrySpan, ...]]

    @classmethod
    def load(cls, directory: Path = DATA) -> Mappings:
        """Read and check every mapping file; problems name the file, line and column."""
        reader = _Reader(directory)
        mappings = cls(
            org_missions=reader.org_missions(),
            chief_countries=reader.chief_countries(),
            role_capacities=reader.role_capacities(),
            end_reasons=reader.rules("end_reasons.csv", "reason", END_REASONS),
            visit_kinds=reader.rules("visit_kinds.csv", "kind", VISIT_KINDS),
            countries=reader.countries(),
        )
        if reader.problems:
            raise ImportFileError(reader.problems)
        return mappings

    def bloc_of(self, mission: str, day: date | None) -> BlocMapping | None:
        """The mapping of a mission on a day (its only one where no day is known)."""
        spans = self.org_missions.get(mission, ())
        if day is None:
            return spans[0] if len(spans) == 1 else None
        return next((span for span in spans if span.covers(day)), None)

    def country_of(self, slug: str, day: date) -> CountrySpan | None:
        """The row of a country slug on a day (its `country` None where listed as unmapped);
        None where the table has no row for the slug on that day."""
        return next((span for span in self.countries.get(slug, ()) if span.covers(day)), None)

    def capacity_of(self, role_title_id: str) -> str | None:
        mapping = self.role_capacities.get(role_title_id)
        return mapping.capacity if mapping else None

    def country_of_chief(self, chief_id: str) -> ChiefCountry | None:
        """Where a chief was accredited, if not the country their territory slug names."""
        return self.chief_countries.get(chief_id)

    def end_reason_rule(self, note: str | None) -> Rule | None:
        """The rule an ended note matches (its value may be None), or None if no rule does."""
        return _first(self.end_reasons, note)

    def visit_kind(self, description: str | None) -> str:
        """The kind of meeting a visit's description names; `visit` where it names none."""
        rule = _first(self.visit_kinds, description or "")
        return rule.value if rule is not None and rule.value else "visit"


def _first(rules: tuple[Rule, ...], text: str | None) -> Rule | None:
    if text is None:
        return None
    return next((rule for rule in rules if rule.pattern.search(text)), None)


@cache
def mappings() -> Mappings:
    """The mappings shipped with the package, read on first use."""
    return Mappings.load()


class _Reader:
    """Reads the mapping files, collecting every problem before anything is used."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[ImportProblem] = []

    def _rows(self, name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
        path = self.directory / name
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                self._problem(name, 1, None, f"expected the columns {', '.join(columns)}")
                return []
            return [(reader.line_num, dict(row)) for row in reader]

    def _problem(self, name: str, line: int, column: str | None, message: str) -> None:
        self.problems.append(ImportProblem(str(self.directory / name), line, column, message))

    def _confidence(self, name: str, line: int, value: str) -> str:
        if value and value not in set(Confidence):
            self._problem(name, line, "confidence", f"{value!r} is neither stated nor inferred")
        return value or Confidence.STATED

    def _day(self, name: str, line: int, column: str, value: str) -> date | None:
        if not value:
            return None
        try:
            day = PartialDate.parse(value)
        except ValueError as error:
            self._problem(name, line, column, str(error))
            return None
        if str(day) != day.value.isoformat():
            self._problem(name, line, column, f"{value} is not a day (YYYY-MM-DD)")
        return day.value

    def org_missions(self) -> dict[str, tuple[BlocMapping, ...]]:
        name = "org_missions.csv"
        spans: dict[str, list[BlocMapping]] = defaultdict(list)
        columns = ("mission", "bloc", "start", "end", "confidence", "note")
        for line, row in self._rows(name, columns):
            bloc = row["bloc"] or None
            if bloc is not None and not BLOC_CODE.match(bloc):
                self._problem(name, line, "bloc", f"{bloc!r} is not a bloc code")
            if bloc is None and not row["note"]:
                self._problem(name, line, "note", "an unmapped mission needs a note saying why")
            start = self._day(name, line, "start", row["start"])
            end = self._day(name, line, "end", row["end"])
            if start and end and end < start:
                self._problem(name, line, "end", f"{end} is before the start {start}")
            confidence = self._confidence(name, line, row["confidence"])
            spans[row["mission"]].append(
                BlocMapping(row["mission"], bloc, start, end, confidence, row["note"])
            )
        for mission, items in spans.items():
            for earlier, later in pairwise(items):
                if earlier.end is None or later.start is None or later.start <= earlier.end:
                    self._problem(name, 0, "start", f"{mission}: its rows overlap or are unordered")
        return {mission: tuple(items) for mission, items in spans.items()}

    def chief_countries(self) -> dict[str, ChiefCountry]:
        name = "chief_countries.csv"
        out: dict[str, ChiefCountry] = {}
        for line, row in self._rows(name, ("chief", "country", "confidence", "note")):
            if not COUNTRY_CODE.match(row["country"]):
                self._problem(name, line, "country", f"{row['country']!r} is not a country code")
            if row["chief"] in out:
                self._problem(name, line, "chief", f"{row['chief']} is given twice")
            if not row["note"]:
                self._problem(name, line, "note", "say why the chief's country is another")
            confidence = self._confidence(name, line, row["confidence"])
            out[row["chief"]] = ChiefCountry(row["chief"], row["country"], confidence, row["note"])
        return out

    def countries(self) -> dict[str, tuple[CountrySpan, ...]]:
        name = "countries.csv"
        spans: dict[str, list[CountrySpan]] = defaultdict(list)
        columns = ("slug", "country", "start", "end", "sources", "confidence", "note")
        for line, row in self._rows(name, columns):
            country = row["country"] or None
            if country is not None and not COUNTRY_CODE.match(country):
                self._problem(name, line, "country", f"{country!r} is not a country code")
            if country is None and not row["note"]:
                self._problem(name, line, "note", "an unmapped slug needs a note saying why")
            start = self._day(name, line, "start", row["start"])
            end = self._day(name, line, "end", row["end"])
            self._confidence(name, line, row["confidence"])
            spans[row["slug"]].append(CountrySpan(row["slug"], country, start, end, row["note"]))
        for slug, items in spans.items():
            items.sort(key=lambda span: span.start or date.min)
            for earlier, later in pairwise(items):
                if earlier.end is None or later.start is None or later.start <= earlier.end:
                    self._problem(name, 0, "start", f"{slug}: its rows overlap")
        return {slug: tuple(items) for slug, items in spans.items()}

    def role_capacities(self) -> dict[str, RoleCapacity]:
        name = "role_capacities.csv"
        out: dict[str, RoleCapacity] = {}
        for line, row in self._rows(name, ("role_title_id", "capacity", "title", "note")):
            role = row["role_title_id"]
            if row["capacity"] not in CAPACITIES:
                self._problem(name, line, "capacity", f"{row['capacity']!r} is not a capacity")
            if role in out:
                self._problem(name, line, "role_title_id", f"{role} is given twice")
            out[role] = RoleCapacity(role, row["capacity"], row["title"], row["note"])
        return out

    def rules(self, name: str, column: str, values: frozenset[str]) -> tuple[Rule, ...]:
        out: list[Rule] = []
        for line, row in self._rows(name, ("pattern", column, "note")):
            value = row[column] or None
            if value is not None and value not in values:
                self._problem(name, line, column, f"{value!r} is not one of {sorted(values)}")
            try:
                pattern = re.compile(row["pattern"], re.IGNORECASE)
            except re.error as error:
                self._problem(name, line, "pattern", f"is not a regular expression: {error}")
                continue
            out.append(Rule(pattern, value, row["note"], line))
        return tuple(out)
