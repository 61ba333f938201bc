"""The reviewed M49 mapping: every code is some actor of ours, on dated rows, cited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pycountry
import pytest
import yaml

from bilateral_db.imports import ImportFileError
from bilateral_db.imports.trade_files import M49Codes
from bilateral_db.imports.trade_files.m49 import default_path
from bilateral_db.resources import fixtures_dir

CODES = M49Codes.read()
# Where Comtrade's number is not the ISO numeric code of the same country.
NOT_ISO = {158: "Taiwan has no M49 code", 492: "Comtrade's Europe EU, nes, not Monaco"}


def _fixture_codes(name: str) -> set[str]:
    data = yaml.safe_load((fixtures_dir() / name).read_text(encoding="utf-8"))
    return {
        str(entry["code"]) for entry in (data["countries"] if name == "countries.yaml" else data)
    }


def test_every_country_row_is_a_country_of_ours() -> None:
    ours = {c.alpha_3 for c in pycountry.countries} | _fixture_codes("countries.yaml")
    missing = {area.code: area.actor for area in CODES if area.kind == "country"}
    assert {code: actor for code, actor in missing.items() if actor not in ours} == {}
    blocs = _fixture_codes("blocs.yaml")
    assert [area.actor for area in CODES if area.kind == "bloc"] == ["EU"]
    assert {area.actor for area in CODES if area.kind == "bloc"} <= blocs


def test_iso_countries_keep_their_numeric_code() -> None:
    for country in pycountry.countries:
        code = int(country.numeric)
        if code in NOT_ISO:
            continue
        area = CODES.on(code, date(2019, 7, 1))
        assert area is not None and (area.kind, area.actor) == ("country", country.alpha_3)


@pytest.mark.parametrize(
    ("code", "day", "kind", "actor"),
    [
        (251, date(2019, 7, 1), "country", "FRA"),
        (381, date(2019, 7, 1), "country", "ITA"),
        (579, date(2019, 7, 1), "country", "NOR"),
        (699, date(2019, 7, 1), "country", "IND"),
        (757, date(2019, 7, 1), "country", "CHE"),
        (842, date(2019, 7, 1), "country", "USA"),
        (841, date(1975, 7, 1), "country", "USA"),
        (490, date(2019, 7, 1), "country", "TWN"),
        (810, date(1985, 7, 1), "country", "SUN"),
        (890, date(1985, 7, 1), "country", "YUG"),
        (891, date(1995, 7, 1), "country", "YUG"),
        (891, date(2004, 7, 1), "country", "SCG"),
        (200, date(1985, 7, 1), "country", "CSK"),
        (280, date(1985, 7, 1), "country", "DEU"),
        (278, date(1985, 7, 1), "country", "DDR"),
        (868, date(1970, 7, 1), "country", "XSV"),
        (0, date(2019, 7, 1), "world", "WORLD"),
        (899, date(2019, 7, 1), "area_nes", "AREAS-NES"),
        (492, date(2019, 7, 1), "area_nes", "EUROPE-EU-NES"),
        (837, date(2019, 7, 1), "special", "BUNKERS"),
        (838, date(2019, 7, 1), "special", "FREE-ZONES"),
        (839, date(2019, 7, 1), "special", "SPECIAL-CATEGORIES"),
        (97, date(2019, 7, 1), "bloc", "EU"),
        (58, date(1990, 7, 1), "combination", "BELGIUM-LUXEMBOURG"),
        (530, date(2000, 7, 1), "territory", "NETH-ANTILLES"),
    ],
)
def test_comtrade_codes(code: int, day: date, kind: str, actor: str) -> None:
    area = CODES.on(code, day)
    assert area is not None and (area.kind, area.actor) == (kind, actor)


def test_dated_codes_change_on_their_day_and_are_nothing_outside() -> None:
    assert CODES.on(891, date(2003, 2, 3)).actor == "YUG"  # type: ignore[union-attr]
    assert CODES.on(891, date(2003, 2, 4)).actor == "SCG"  # type: ignore[union-attr]
    assert CODES.on(842, date(1980, 12, 31)) is None
    assert CODES.on(841, date(1981, 1, 1)) is None
    assert CODES.known(841) and not CODES.known(898)


def test_regions_have_one_code_each_and_every_row_is_cited() -> None:
    regions = [area for area in CODES if area.table == "region"]
    assert len({area.actor for area in regions}) == len(regions)
    assert all(area.actor == area.actor.upper() for area in regions)
    for area in CODES:
        assert area.sources and all(key in CODES.sources for key in area.sources)
    unsd = [url for key, url in CODES.sources.items() if key.startswith("unsd-")]
    assert len(unsd) == 4
    assert all("un.org" in url for url in unsd)


def test_a_region_gives_the_m49_standards_code_only_where_a_cited_source_does() -> None:
    """World is 001 in the M49 standard (000 is Comtrade's number for it); the areas n.e.s.
    and the special partners are Comtrade's own numbers, with no code in the standard."""
    given = {area.actor: area.m49 for area in CODES if area.m49 is not None}
    assert given == {"WORLD": "001"}
    assert all("un-m49" in area.sources for area in CODES if area.m49 is not None)
    assert all(area.table == "region" for area in CODES if area.m49 is not None)


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = default_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "m49_codes.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "column", "fragment"),
    [
        (",world,WORLD,", ",planet,WORLD,", "kind", "is not a kind"),
        (",country,FRA,,,", ",country,France,,,", "actor", "is not a country code"),
        (",SCG,,2003-02-04,", ",SCG,,2003-02-03,", "start", "must not overlap"),
        (",USA,,,1980-12-31,", ",USA,,,1980-13-31,", "end", "is not a date"),
        ("unsd-comtrade-customs-areas,,", "unsd-customs,,", "sources", "is not a source"),
        ("000,World", "0,World", "code", "three-digit"),
        (",inferred,", ",likely,", "confidence", "stated or inferred"),
        (",WORLD,001,", ",WORLD,1,", "m49", "three-digit"),
        (",country,AFG,,", ",country,AFG,004,", "m49", "a region's M49 code"),
    ],
)
def test_a_bad_mapping_row_is_named(
    tmp_path: Path, old: str, new: str, column: str, fragment: str
) -> None:
    path = _edited(tmp_path, old, new)
    with pytest.raises(ImportFileError) as caught:
        M49Codes.read(path)
    problem = caught.value.problems[0]
    line = next(
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if new in text
    )
    assert (problem.file, problem.line, problem.field) == (str(path), line, column)
    assert fragment in problem.message
