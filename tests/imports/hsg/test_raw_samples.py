"""Held-out checks of the Office of the Historian's travels and visits: each day's draw of trips
(where was the President or the Secretary of State on a day) and of visits (who came from a
country in a year), read from the shipped zip files with lxml, against the database quickstart
builds and against the dyad-year panel's visit counts.

A slug's country comes from the reviewed mapping file (bilateral_db/imports/hsg/data/
countries.csv, read here as data: the slug's row whose dates hold on the trip's first day).
A failure names the file, the record's id and the field; `BILATERAL_DRAW_DAY=YYYY-MM-DD pytest
NODE` runs that day's draw again."""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree
from sqlalchemy import Engine, text
from support.raw_samples import Failures, as_date, rng

import bilateral_db

PACKAGE = Path(bilateral_db.__file__).parent
SHIPPED = PACKAGE.parent / "datasets" / "hsg"
MAPPING = PACKAGE / "imports" / "hsg" / "data" / "countries.csv"
DRAWS = 40
# Always drawn: Pompeo's Bangkok stop (the week of the article's ASEAN meetings) and
# Papandreou's visit (a Prime Minister of Greece on 2010-03-08).
HARD = {"travel": ("3865",), "visit": ("2078",)}


@dataclass(frozen=True)
class Record:
    kind: str  # travel or visit
    id: str
    file: str
    start: date
    end: date
    slug: str

    def where(self, field: str) -> str:
        return f"{self.file} <{self.kind} id {self.id}>, field {field}"


def _records(archive: str, kind: str) -> list[Record]:
    found = []
    with zipfile.ZipFile(SHIPPED / archive) as files:
        for name in files.namelist():
            if not name.endswith(".xml") or "/code-tables/" in name or "presidents.xml" in name:
                continue
            root = etree.fromstring(files.read(name))
            element = "trip" if kind == "travel" else "visit"
            place = "country" if kind == "travel" else "from"
            for record in root.iter(element):
                slug = record.find(place)
                start, end = record.findtext("start-date"), record.findtext("end-date")
                if slug is None or not start or not end:
                    continue
                found.append(
                    Record(
                        kind,
                        record.findtext("id") or "",
                        name,
                        date.fromisoformat(start),
                        date.fromisoformat(end),
                        slug.get("id") or "",
                    )
                )
    return found


def _mapped(slug: str, day: date) -> str | None:
    with MAPPING.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["slug"] != slug or not row["country"]:
                continue
            if (not row["start"] or date.fromisoformat(row["start"]) <= day) and (
                not row["end"] or day <= date.fromisoformat(row["end"])
            ):
                return row["country"]
    return None


def _drawn(kind: str, archive: str, salt: int) -> list[tuple[Record, str]]:
    records = _records(archive, kind)
    mapped = [(r, iso) for r in records if (iso := _mapped(r.slug, r.start))]
    hard = [pair for pair in mapped if pair[0].id in HARD[kind]]
    assert len(hard) == len(HARD[kind]), HARD[kind]
    return hard + rng(salt).sample(mapped, DRAWS)


MEETING = """
    SELECT mt.start_date, mt.end_date, host.code, mt.kind
    FROM meeting mt LEFT JOIN country host ON host.id = mt.host_country_id
    WHERE mt.slug = :slug
"""
PARTICIPANTS = """
    SELECT c.code FROM participant p JOIN actor a ON a.id = p.actor_id
    JOIN country c ON c.id = a.country_id JOIN meeting mt ON mt.id = p.meeting_id
    WHERE mt.slug = :slug
"""
VISITS = """
    SELECT visits_to FROM v_dyad_year d
    JOIN panel_country_year s ON s.system = 'cow' AND s.code = d.ccode1 AND s.year = d.year
    JOIN panel_country_year o ON o.system = 'cow' AND o.code = d.ccode2 AND o.year = d.year
    WHERE d.iso1 = :visitor AND d.iso2 = :host AND d.year = :year
      AND NOT s.part_year AND NOT o.part_year
"""


def _check(engine: Engine, record: Record, visitor: str, host: str, failures: Failures) -> bool:
    """The record's meeting and its count in the panel; whether the panel has the dyad."""
    slug = f"hsg-{record.kind}-{record.id}"
    with engine.connect() as connection:
        found = connection.execute(text(MEETING), {"slug": slug}).first()
        if found is None:
            failures.check(record.where("id"), f"meeting {slug}", None, "a meeting")
            return False
        start, end, stored_host, _ = found
        failures.check(record.where("start-date"), "first day", as_date(start), record.start)
        failures.check(record.where("end-date"), "last day", as_date(end), record.end)
        failures.check(record.where("country"), "host", stored_host, host)
        taking_part = set(connection.execute(text(PARTICIPANTS), {"slug": slug}).scalars())
        failures.check(record.where("visitor"), "a participant of", visitor in taking_part, True)
        counted = connection.execute(
            text(VISITS), {"visitor": visitor, "host": host, "year": record.start.year}
        ).scalar()
    if counted is None:
        return False  # a state outside the COW list that year: no dyad
    failures.check(
        record.where("start-date"), f"v_dyad_year visits_to {visitor}-{host}", counted >= 1, True
    )
    return True


def test_trips_of_the_president_and_the_secretary(loaded_engine: Engine, request) -> None:
    failures = Failures(request.node.nodeid)
    in_panel = 0
    for record, iso in _drawn("travel", "travels.zip", 21):
        in_panel += _check(loaded_engine, record, "USA", iso, failures)
    failures.assert_none()
    assert in_panel >= DRAWS // 2


def test_visits_of_foreign_leaders_to_the_united_states(loaded_engine: Engine, request) -> None:
    failures = Failures(request.node.nodeid)
    in_panel = 0
    for record, iso in _drawn("visit", "visits.zip", 22):
        in_panel += _check(loaded_engine, record, iso, "USA", failures)
    failures.assert_none()
    assert in_panel >= DRAWS // 2
