"""UN Comtrade bulk files of both layouts, read cell by cell into exact typed rows."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import DATASET_SLICES

from bilateral_db.core.vocabulary import TradeFlow, Valuation
from bilateral_db.imports import ImportFileError
from bilateral_db.imports.trade_files import ComtradeReader, ComtradeRow

Generate = Callable[..., tuple[list[Path], list[Any]]]
Matches = Callable[[ComtradeRow, Any, str], None]
SAMPLES = DATASET_SLICES / "comtrade"
LEGACY = SAMPLES / "legacy_sample.csv"
PLUS = SAMPLES / "plus_sample.txt"


def _rows(*paths: Path) -> tuple[ComtradeReader, list[ComtradeRow]]:
    reader = ComtradeReader(list(paths))
    return reader, list(reader.rows())


def test_legacy_rows_are_exact_and_typed() -> None:
    reader, rows = _rows(LEGACY)
    assert [row.line for row in rows] == [2, 3, 4, 5, 6, 7]
    france, horses, fuels, oils, ussr, pearls = rows
    # France (251, its customs area) imports from the World, all goods, 2016
    assert france.reporter_area is not None and france.reporter_area.actor == "FRA"
    assert france.partner_area is not None
    assert (france.partner_area.kind, france.partner_area.actor) == ("world", "WORLD")
    assert (france.period.start, france.period.end, france.period.precision) == (
        date(2016, 1, 1),
        date(2016, 12, 31),
        "year",
    )
    assert france.flow.trade_flow is TradeFlow.IMPORT and france.category == "all-goods"
    assert france.value_minor == 572_000_000_000 * 100 and france.currency == "USD"
    assert france.valuation is Valuation.NOT_STATED  # the legacy layout does not say
    assert france.quantity_milli is None and france.net_weight_g is None
    # a month, Other Asia nes (Taiwan), quantity in items, weight to the gram, flag 2
    assert str(horses.period) == "2016-05" and horses.period.end == date(2016, 5, 31)
    assert horses.partner_area is not None and horses.partner_area.actor == "TWN"
    assert horses.partner_area.confidence == "inferred"
    assert (horses.commodity, horses.level, horses.is_leaf) == ("010121", 6, True)
    assert horses.category == "hs2012:010121"
    assert (horses.quantity_milli, horses.quantity_unit) == (12_000, "item")
    assert (horses.net_weight_g, horses.value_minor) == (5_400_500, 123_456_700)
    assert (horses.quantity_estimated, horses.net_weight_estimated) == (True, False)
    # a re-export to Areas nes of an observed zero; a re-import of unknown value (empty)
    assert (fuels.flow.name, fuels.flow.trade_flow) == ("re_export", TradeFlow.EXPORT)
    assert fuels.partner_area is not None and fuels.partner_area.kind == "area_nes"
    assert fuels.value_minor == 0
    assert (oils.flow.name, oils.value_minor, oils.quantity_milli) == ("re_import", None, None)
    assert oils.partner_area is not None and oils.partner_area.actor == "BUNKERS"
    assert (oils.quantity_estimated, oils.net_weight_estimated) == (False, True)
    # 842 is the USA from 1981: in 1975 it stands for nothing, listed, never dropped
    assert ussr.reporter_area is None
    assert ussr.partner_area is not None and ussr.partner_area.actor == "SUN"
    assert ussr.category == "all-goods" and ussr.classification == "S2"
    assert reader.unplaced[842].rows == 1 and reader.unplaced[842].line == f"{LEGACY}:6"
    # the EU as one reporter (a bloc); a quantity in carats; Special Categories
    assert pearls.reporter_area is not None
    assert (pearls.reporter_area.table, pearls.reporter_area.actor) == ("bloc", "EU")
    assert (pearls.quantity_milli, pearls.quantity_unit) == (1_500_000, "carat")
    assert pearls.partner_area is not None and pearls.partner_area.kind == "special"
    assert [(t.layout, t.rows) for t in reader.tables] == [("legacy", 6)]


def test_plus_rows_round_fractions_of_a_cent_and_tell_valuation() -> None:
    reader, rows = _rows(PLUS)
    india, eu, usa, france = rows
    # 7312345678.505 dollars: half a cent, to the even cent
    assert india.value_minor == 731_234_567_850 and india.valuation is Valuation.CIF
    assert reader.rounded_values == 1
    assert india.is_reported is True and india.quantity_milli is None
    # a monthly re-export in cubic metres, FOB, estimated by UNSD
    assert str(eu.period) == "2019-03" and eu.flow.name == "re_export"
    assert (eu.quantity_milli, eu.quantity_unit, eu.quantity_estimated) == (
        1_500_250,
        "cubic_metre",
        True,
    )
    assert (eu.net_weight_g, eu.value_minor, eu.valuation) == (
        1_200_000_000,
        9_876_540,
        Valuation.FOB,
    )
    assert eu.is_reported is False and eu.category == "hs2017:270900"
    # a row by customs procedure is kept and counted, not mixed up with the total
    assert usa.customs == "C01" and usa.is_breakdown and reader.breakdown_rows == 1
    assert france.value_minor == 0 and not france.is_breakdown
    assert france.partner_area is not None and france.partner_area.actor == "TWN"


@pytest.mark.parametrize("layout", ["legacy", "plus"])
@pytest.mark.parametrize("compress", ["none", "gz", "zip"])
def test_generated_files_read_back_as_written(
    tmp_path: Path, generate: Generate, matches: Matches, layout: str, compress: str
) -> None:
    paths, records = generate(tmp_path, 3_000, layout=layout, compress=compress, files=2)
    reader, rows = _rows(*paths)
    assert len(rows) == len(records) == 3_000
    for row, record in zip(rows, records, strict=True):
        matches(row, record, layout)
    assert sum(table.rows for table in reader.tables) == 3_000
    assert len(reader.tables) == 2


def test_several_paths_are_one_reading_and_lines_name_their_file(tmp_path: Path) -> None:
    archive = tmp_path / "both.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(LEGACY, "legacy_sample.csv")
        handle.writestr("readme.pdf", b"%PDF")
        handle.write(PLUS, "plus_sample.txt")
    gzipped = tmp_path / "plus_sample.txt.gz"
    gzipped.write_bytes(gzip.compress(PLUS.read_bytes()))
    reader, rows = _rows(archive, gzipped)
    assert [(row.source, row.line) for row in rows][6:9] == [
        (f"{archive}:plus_sample.txt", 2),
        (f"{archive}:plus_sample.txt", 3),
        (f"{archive}:plus_sample.txt", 4),
    ]
    assert rows[-1].source == str(gzipped) and len(rows) == 14
    assert reader.skipped_members == [f"{archive}:readme.pdf"]
    assert (
        reader.bytes_read == reader.bytes_total == archive.stat().st_size + (gzipped.stat().st_size)
    )


def test_a_file_of_another_layout_is_refused_by_name(tmp_path: Path) -> None:
    other = tmp_path / "baci.csv"
    other.write_text("t,i,j,k,v,q\n2019,4,8,010121,1.5,2\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        list(ComtradeReader([other]).rows())
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(other), 1, None)
    assert "is not a UN Comtrade bulk file" in problem.message
    assert "t, i, j, k, v, q" in problem.message


def test_a_missing_required_column_is_named_in_the_layouts_words(tmp_path: Path) -> None:
    lines = LEGACY.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at = header.index("Partner Code")
    cut = tmp_path / "cut.csv"
    rows = [",".join(cells[:at] + cells[at + 1 :]) for cells in (header,)]
    cut.write_text("\n".join([*rows, "x"]) + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        list(ComtradeReader([cut]).rows())
    assert [(p.line, p.field) for p in caught.value.problems] == [(1, "Partner Code / partnerCode")]


def test_services_and_inconsistent_periods_are_refused(tmp_path: Path) -> None:
    text = PLUS.read_text(encoding="utf-8").splitlines()
    services = text[1].replace("C\tA", "S\tA", 1)
    wrong_month = text[2].replace("\t3\t201903\t", "\t4\t201903\t")
    path = tmp_path / "plus.txt"
    path.write_text("\n".join([text[0], services, wrong_month]) + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        list(ComtradeReader([path]).rows())
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (2, "typeCode"),
        (3, "refMonth"),
    ]
    assert "services (S) are not read" in caught.value.problems[0].message


def test_an_unknown_area_code_names_the_mapping(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    shutil.copy(LEGACY, path)
    text = path.read_text(encoding="utf-8").replace(",899,", ",898,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        list(ComtradeReader([path]).rows())
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (4, "Partner Code")
    assert problem.message.startswith("898 is not a UN Comtrade area code of m49_codes.csv")
