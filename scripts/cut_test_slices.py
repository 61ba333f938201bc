#!/usr/bin/env python3
"""Cut the small slices of the real data sets that the tests import (tests/data/datasets/).

Deterministic: the same published files give the same slices, byte for byte. Rows and columns
are kept as published (no value is changed), only fewer of them:

- COW IGO v3 state-year (cow_igo_slice.csv.gz): the columns ccode, year, state and the IGOs
  asean, apec, sco, eu, un, cto, icai; the rows of the ASEAN members, Timor-Leste, Papua New
  Guinea, the United States, China, Russia/the USSR (365) and Germany (255, 260, 265).
- COW IGO v3 state-year, states with gaps and SCO observers (cow_igo_gaps_slice.csv.gz): the
  columns ccode, year, state, lon, un, sco; the rows of Cuba (40; no rows 1907-08), Ethiopia
  (530; none 1937-40), Syria (652; none 1959-60, in the United Arab Republic), Iran (630),
  Mongolia (712), India (750) and Pakistan (770) (the SCO's observers, coded 0 by COW).
- Archigos 4.1 (archigos_slice.csv): every spell of the United States (GW 2), Russia/the USSR
  (365), Germany (255, 260, 265), Thailand (800) and Malaysia (820).
- Archigos 4.1, Saudi Arabia (archigos_edge_slice.csv): every spell of GW 670; Salman's ends
  on the data's last day with exit "Natural Death", not "Still in Office".
- COW Trade v4.0 dyadic, the peacesciencer subset (cow_trade_slice.csv.gz), only with
  --trade-from (the file is not shipped): every year of the dyads United States-Canada (2, 20),
  United States-USSR/Russia (2, 365), USSR/Russia-Thailand (365, 800) and United States-Germany
  (2, 255 and 2, 260): -9 and 0 values, 365 before and after 1991, both German codes in 1990.

    .venv/bin/python scripts/cut_test_slices.py [--from DIRECTORY] [--trade-from DIRECTORY]
    # --from: default datasets/; --trade-from: the directory of cow/Dyadic_COW_4.0_subset.csv.gz
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tests" / "data" / "datasets"
IGOS = ("asean", "apec", "sco", "eu", "un", "cto", "icai")
IGO_STATES = {"2", "255", "260", "265", "365", "710", "775", "811", "812", "816", "820", "830"}
IGO_STATES |= {"835", "840", "850", "860", "910", "800"}
GAP_IGOS = ("lon", "un", "sco")
GAP_STATES = {"40", "530", "652", "630", "712", "750", "770"}
ARCHIGOS_STATES = {"2", "255", "260", "265", "365", "800", "820"}
TRADE_DYADS = {("2", "20"), ("2", "365"), ("365", "800"), ("2", "255"), ("2", "260")}
QUIRK_DYADS = {("93", "678"), ("93", "679"), ("630", "678"), ("630", "679")}
QUIRK_DYADS |= {("2", "816"), ("710", "816")}


def cut_igo(source: Path, igos: tuple[str, ...] = IGOS, states: set[str] = IGO_STATES) -> bytes:
    with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        keep = [0, 1, 2] + [header.index(igo) for igo in igos]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([header[i] for i in keep])
        for row in reader:
            if row[0] in states:
                writer.writerow([row[i] for i in keep])
    # mtime=0: the same slice gives the same bytes.
    return gzip.compress(out.getvalue().encode("utf-8"), mtime=0)


def cut_archigos(source: Path, states: set[str] = ARCHIGOS_STATES) -> str:
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        column = header.index("gwcode")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in reader:
            if row[column] in states:
                writer.writerow(row)
    return out.getvalue()


def cut_trade(source: Path, dyads: set[tuple[str, str]] = TRADE_DYADS) -> bytes:
    with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in reader:
            if (row[0], row[1]) in dyads:
                writer.writerow(row)
    return gzip.compress(out.getvalue().encode("utf-8"), mtime=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, default=ROOT / "datasets")
    parser.add_argument("--trade-from", dest="trade", type=Path, default=None)
    args = parser.parse_args()
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "cow_igo_slice.csv.gz").write_bytes(
        cut_igo(args.source / "cow" / "state_year_formatv3.csv.gz")
    )
    (TARGET / "cow_igo_gaps_slice.csv.gz").write_bytes(
        cut_igo(args.source / "cow" / "state_year_formatv3.csv.gz", GAP_IGOS, GAP_STATES)
    )
    (TARGET / "archigos_slice.csv").write_text(
        cut_archigos(args.source / "archigos" / "archigos_4.1_subset.csv"), encoding="utf-8"
    )
    (TARGET / "archigos_edge_slice.csv").write_text(
        cut_archigos(args.source / "archigos" / "archigos_4.1_subset.csv", {"670"}),
        encoding="utf-8",
    )
    if args.trade is not None:
        (TARGET / "cow_trade_slice.csv.gz").write_bytes(
            cut_trade(args.trade / "cow" / "Dyadic_COW_4.0_subset.csv.gz")
        )
        (TARGET / "cow_trade_quirks_slice.csv.gz").write_bytes(
            cut_trade(args.trade / "cow" / "Dyadic_COW_4.0_subset.csv.gz", QUIRK_DYADS)
        )
    print(f"wrote the slices to {TARGET}")


if __name__ == "__main__":
    main()
