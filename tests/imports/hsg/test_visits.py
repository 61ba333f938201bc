"""Visits of foreign leaders, read from the visits slice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bilateral_db.core.dates import PartialDate
from bilateral_db.imports import ImportFileError
from bilateral_db.imports.hsg import visits


def test_a_visit_has_the_visitor_as_written_the_country_days_and_description(
    slices: Path,
) -> None:
    with visits.open_visits(slices / "visits") as source:
        read = list(visits.read_visits(source))
    assert len(read) == 65
    papandreou = next(v for v in read if v.id == 2078)
    assert (papandreou.visitor, papandreou.country_id, papandreou.country_name) == (
        "Prime Minister George Papandreou",
        "greece",
        "Greece",
    )
    assert (papandreou.start, papandreou.end) == (
        PartialDate.parse("2010-03-08"),
        PartialDate.parse("2010-03-09"),
    )
    assert papandreou.description == "Working visit."
    assert papandreou.origin.file == "data/2010.xml"
    kalakaua = read[0]
    assert (kalakaua.id, kalakaua.visitor, kalakaua.country_id) == (2138, "King Kalakaua", "hawaii")
    assert kalakaua.description is not None
    assert kalakaua.description.startswith("In U.S. November 29, 1874–February 2, 1875.")


def test_a_visit_with_a_bad_field_is_named(slice_copy: Callable[[str], Path]) -> None:
    copy = slice_copy("visits")
    data = copy / "data" / "2010.xml"
    text = data.read_text(encoding="utf-8")
    text = text.replace('<from id="greece">', "<from>", 1)
    text = text.replace("<start-date>2010-03-09</start-date>", "<start-date>2010-3-9</start-date>")
    data.write_text(text, encoding="utf-8")
    with visits.open_visits(copy) as source, pytest.raises(ImportFileError) as failed:
        list(visits.read_visits(source))
    shown = sorted((p.field, p.message) for p in failed.value.problems)
    assert shown == [
        ("from/@id", "visit 2078: is missing or empty"),
        (
            "start-date",
            "visit 2079: '2010-3-9' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY",
        ),
    ]
    assert all(p.file == str(data) and p.line > 0 for p in failed.value.problems)
