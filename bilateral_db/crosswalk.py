"""The dated crosswalk from a code scheme (COW, GW) to countries: which country a code stood for.

The mapping is reviewed data (fixtures/country_codes.csv, loaded as curated claims), never code:
importers ask it which country a code stood for on a day (or in a year, by one rule: `in_year`),
and list what it cannot answer.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, select

from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.tables import COUNTRY, COUNTRY_CODE, RELEASE

FOREVER = date.max
# The day of a year on which a code's country is read for the whole year (month, day): the
# one day every importer that maps codes by year uses (Crosswalk.in_year).
YEAR_DAY = (7, 1)
YEAR_DAY_NAME = f"{YEAR_DAY[1]} {calendar.month_name[YEAR_DAY[0]]}"  # "1 July", for messages


@dataclass(frozen=True)
class Mapping:
    start: date  # first day the code stands for the country
    stop: date  # first day it no longer does
    country_id: int
    iso: str


@dataclass(frozen=True)
class YearMapping:
    """A code's country for a year, and whether the code is that country's for part of it."""

    mapping: Mapping
    # The code stands for the country on some days of the year only, and another code is the
    # country's on the year's day: two codes give the country's figures for that year.
    part_year: bool


class Crosswalk:
    """code -> the countries it stood for, in date order (one scheme)."""

    def __init__(self, scheme: str, mappings: dict[str, list[Mapping]]) -> None:
        self.scheme = scheme
        self.mappings = mappings
        self._starts = {code: [m.start for m in ms] for code, ms in mappings.items()}
        self._codes: dict[int, list[str]] = defaultdict(list)  # country -> codes it ever had
        for code, items in mappings.items():
            for country_id in dict.fromkeys(m.country_id for m in items):
                self._codes[country_id].append(code)

    @classmethod
    def read(cls, connection: Connection, scheme: str) -> Crosswalk:
        rows = connection.execute(
            select(
                COUNTRY_CODE.c.code,
                COUNTRY_CODE.c.country_id,
                COUNTRY.c.code,
                COUNTRY_CODE.c.start_date,
                COUNTRY_CODE.c.end_date,
                COUNTRY_CODE.c.end_date_precision,
                RELEASE.c.precedence,
            )
            .join(COUNTRY, COUNTRY.c.id == COUNTRY_CODE.c.country_id)
            .join(RELEASE, RELEASE.c.id == COUNTRY_CODE.c.release_id)
            .where(COUNTRY_CODE.c.scheme == scheme, COUNTRY_CODE.c.alternative_of_id.is_(None))
        ).all()
        # The preferred claims of each country: those of the release of lowest precedence.
        best: dict[int, int] = {}
        for row in rows:
            best[row[1]] = min(best.get(row[1], row[6]), row[6])
        mappings: dict[str, list[Mapping]] = defaultdict(list)
        for code, country_id, iso, start, end, precision, precedence in rows:
            if precedence != best[country_id]:
                continue
            stop = FOREVER if end is None else period_end_exclusive(end, precision)
            mappings[code].append(Mapping(start or date.min, stop, country_id, iso))
        for items in mappings.values():
            items.sort(key=lambda m: m.start)
        return cls(scheme, dict(mappings))

    def country(self, code: int | str, day: date) -> Mapping | None:
        """The country `code` stood for on `day`, if the crosswalk knows one."""
        key = str(code)
        starts = self._starts.get(key)
        if not starts:
            return None
        index = bisect_right(starts, day) - 1
        if index < 0:
            return None
        mapping = self.mappings[key][index]
        return mapping if day < mapping.stop else None

    def in_year(
        self, code: int | str, year: int, countries: Container[int] | None = None
    ) -> YearMapping | None:
        """The country `code` stands for in `year`, by one rule for every importer.

        The code's country on the year's day (YEAR_DAY, 1 July); a code that stands for no
        country that day (a state of part of the year) is read on 31 December, then on 1
        January. Such a code is marked `part_year` when another code is its country's on the
        year's day, so that the caller can prefer that code's figures. With `countries`, a
        country outside it counts as none (the next day is tried).
        """
        month, day_of_month = YEAR_DAY
        year_day = date(year, month, day_of_month)
        for day in (year_day, date(year, 12, 31), date(year, 1, 1)):
            mapping = self.country(code, day)
            if mapping is None or (countries is not None and mapping.country_id not in countries):
                continue
            part = day != year_day and self._other_code_on(mapping.country_id, str(code), year_day)
            return YearMapping(mapping, part)
        return None

    def _other_code_on(self, country_id: int, code: str, day: date) -> bool:
        """Whether a code other than `code` stands for the country on `day`."""
        return any(
            other != code
            and (found := self.country(other, day)) is not None
            and found.country_id == country_id
            for other in self._codes.get(country_id, ())
        )

    def pieces(
        self, code: int | str, start: date, last: date
    ) -> tuple[list[tuple[date, date, Mapping]], list[tuple[date, date]]]:
        """[start, last] cut where the code changes country: the mapped pieces (first and last
        day, mapping) and the days no country covers."""
        mapped: list[tuple[date, date, Mapping]] = []
        unmapped: list[tuple[date, date]] = []
        day = start
        for mapping in self.mappings.get(str(code), []):
            if mapping.stop <= day or mapping.start > last:
                continue
            if mapping.start > day:
                unmapped.append((day, mapping.start - timedelta(days=1)))
                day = mapping.start
            piece_last = min(last, mapping.stop - timedelta(days=1))
            mapped.append((day, piece_last, mapping))
            if piece_last >= last:
                return mapped, unmapped
            day = piece_last + timedelta(days=1)
        if day <= last:
            unmapped.append((day, last))
        return mapped, unmapped
