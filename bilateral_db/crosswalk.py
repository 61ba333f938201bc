"""The dated crosswalk from a code scheme (COW, GW) to countries: which country a code stood for.

The mapping is reviewed data (fixtures/country_codes.csv, loaded as curated claims), never code:
importers ask it which country a code stood for on a day, and list what it cannot answer.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, select

from bilateral_db.core.dates import period_end_exclusive
from bilateral_db.models import Country, CountryCode, Release

FOREVER = date.max


@dataclass(frozen=True)
class Mapping:
    start: date  # first day the code stands for the country
    stop: date  # first day it no longer does
    country_id: int
    iso: str


class Crosswalk:
    """code -> the countries it stood for, in date order (one scheme)."""

    def __init__(self, scheme: str, mappings: dict[str, list[Mapping]]) -> None:
        self.scheme = scheme
        self.mappings = mappings
        self._starts = {code: [m.start for m in ms] for code, ms in mappings.items()}

    @classmethod
    def read(cls, connection: Connection, scheme: str) -> Crosswalk:
        rows = connection.execute(
            select(
                CountryCode.code,
                CountryCode.country_id,
                Country.code,
                CountryCode.start_date,
                CountryCode.end_date,
                CountryCode.end_date_precision,
                Release.precedence,
            )
            .join(Country, Country.id == CountryCode.country_id)
            .join(Release, Release.id == CountryCode.release_id)
            .where(CountryCode.scheme == scheme, CountryCode.alternative_of_id.is_(None))
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
