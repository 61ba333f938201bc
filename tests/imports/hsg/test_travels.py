"""Travels abroad and presidents' terms, read from the travels slice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bilateral_db.core.dates import PartialDate
from bilateral_db.imports import ImportFileError
from bilateral_db.imports.hsg import travels


def test_a_stop_has_its_traveller_days_place_and_remarks(slices: Path) -> None:
    with travels.open_travels(slices / "travels") as source:
        trips = list(travels.read_trips(source))
    assert [t.role for t in trips].count("secretary") == 53
    assert [t.role for t in trips].count("president") == 34
    bangkok = next(t for t in trips if t.country_id == "thailand")
    assert (bangkok.id, bangkok.role, bangkok.who, bangkok.name) == (
        3865,
        "secretary",
        "pompeo-michael-r",
        "Michael R. Pompeo",
    )
    assert (bangkok.start, bangkok.end) == (
        PartialDate.parse("2019-08-01"),
        PartialDate.parse("2019-08-02"),
    )
    assert (bangkok.country_name, bangkok.locale) == ("Thailand", "Bangkok")
    assert bangkok.remarks == (
        "Co-chaired the U.S.-Association of Southeast Asian Nations (ASEAN) Ministerial and held "
        "a bilateral meeting with Foreign Minister Don Pramudwinai."
    )
    assert bangkok.origin.file == "secretary-travels/pompeo-michael-r.xml"
    # Stops of one trip are separate records, in the file's order.
    riyadh, jerusalem = (t for t in trips if t.id in (3730, 3731))
    assert (riyadh.country_id, jerusalem.country_id) == ("saudi-arabia", "israel")
    assert riyadh.end == jerusalem.start == PartialDate.parse("2017-05-22")


def test_presidents_terms_with_the_one_still_in_office(slices: Path) -> None:
    with travels.open_travels(slices / "travels") as source:
        presidents = list(travels.read_presidents(source))
    assert [p.number for p in presidents] == list(range(1, 48))
    trump = [p for p in presidents if p.id == "trump-donald-j"]
    assert [(p.number, str(p.took_office), p.left_office, p.still_in_office) for p in trump] == [
        (45, "2017-01-20", PartialDate.parse("2021-01-20"), False),
        (47, "2025-01-20", None, True),
    ]
    washington = presidents[0]
    assert (washington.name, str(washington.birth), str(washington.death)) == (
        "George Washington",
        "1732",
        "1799",
    )
    assert washington.took_office.value == date(1789, 4, 30)


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "<end-date>2019-08-02</end-date>",
            "<end-date>2019-07-02</end-date>",
            "end-date",
            "trip 3865: 2019-07-02 is before the start-date 2019-08-01",
        ),
        ("<id>3865</id>", "<id>38x5</id>", "id", "trip 38x5: '38x5' is not a whole number"),
        (
            "<role>secretary</role>\n        <name>Michael R. Pompeo</name>\n        "
            "<start-date>2019-08-01</start-date>",
            "<role>admiral</role>\n        <name>Michael R. Pompeo</name>\n        "
            "<start-date>2019-08-01</start-date>",
            "role",
            "trip 3865: 'admiral' is neither president nor secretary",
        ),
        ('<country id="thailand">', "<country>", "country/@id", "trip 3865: is missing or empty"),
    ],
)
def test_a_bad_trip_is_named_by_file_line_id_and_field(
    slice_copy: Callable[[str], Path], old: str, new: str, field: str, message: str
) -> None:
    copy = slice_copy("travels")
    pompeo = copy / "secretary-travels" / "pompeo-michael-r.xml"
    _break(pompeo, old, new)
    with travels.open_travels(copy) as source, pytest.raises(ImportFileError) as failed:
        list(travels.read_trips(source))
    problems = [p for p in failed.value.problems if p.field == field]
    assert [(p.file, p.message) for p in problems] == [(str(pompeo), message)]
    assert problems[0].line > 400
