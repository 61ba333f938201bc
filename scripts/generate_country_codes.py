#!/usr/bin/env python3
"""Write fixtures/country_codes.csv: ISO alpha-3 -> COW, Gleditsch-Ward and UN M49 codes.

Re-runnable and deterministic: the same pycountry version gives the same file, byte for byte
(rows sorted by country, scheme, start; LF line endings).

    .venv/bin/python scripts/generate_country_codes.py [--output fixtures/country_codes.csv]

Where the codes come from
- UN M49: ISO 3166-1 numeric codes are taken from M49, so every current ISO country gets its
  pycountry numeric code as its M49 code (checked against country_converter 1.3.2's UNcode
  column: identical for all 249 countries except Taiwan, which has no M49 code of its own and is
  left out). Codes changed when territories changed; the changes we are sure of are dated below
  (Germany 1990, Yemen 1990); the older codes themselves are not stored. Historic states
  (ISO 3166-3) get the numeric code pycountry records for them (their M49 code at the time).
- Correlates of War (ccode and abbreviation) and Gleditsch-Ward: typed below for the states this
  data set uses, checked against the COW State System Membership list v2016 and the
  Gleditsch-Ward list of independent states. No maintained PyPI package ships COW codes;
  country_converter ships a GWcode column, but it is wrong for Vietnam (817, the Republic of
  Vietnam's code, for VNM), Yemen (680, South Yemen's, for YEM) and the Czech Republic (315,
  Czechoslovakia's, for CZE), so it is not used.
- Dates: `start`/`end` say when a code applies to the ISO entity. Empty means "for the whole
  life of the entity in this data set". They are given only where a code changes within one ISO
  entity (Germany 260 -> 255 in COW, Yemen 678 -> 679 in COW, Russia after the USSR, Serbia
  after Serbia and Montenegro) and take COW's or GW's own dates there.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "fixtures" / "country_codes.csv"

COW_SOURCE = "cow-state-list-2016"
GW_SOURCE = "gleditsch-ward-state-list"
M49_SOURCES = "un-m49;iso-3166-1-pycountry"

# iso3: (cow ccode, cow abbreviation, gw code). Same code in every period of the entity; the
# entities whose codes change are in DATED below instead.
UNDATED: dict[str, tuple[int, str, int]] = {
    # ASEAN, Timor-Leste, Papua New Guinea
    "BRN": (835, "BRU", 835),
    "IDN": (850, "INS", 850),
    "KHM": (811, "CAM", 811),
    "LAO": (812, "LAO", 812),
    "MMR": (775, "MYA", 775),
    "MYS": (820, "MAL", 820),
    "PHL": (840, "PHI", 840),
    "SGP": (830, "SIN", 830),
    "THA": (800, "THI", 800),
    "VNM": (816, "DRV", 816),
    "TLS": (860, "ETM", 860),
    "PNG": (910, "PNG", 910),
    # ASEAN dialogue partners, APEC and G20 members
    "AUS": (900, "AUL", 900),
    "NZL": (920, "NEW", 920),
    "JPN": (740, "JPN", 740),
    "USA": (2, "USA", 2),
    "CAN": (20, "CAN", 20),
    "KOR": (732, "ROK", 732),
    "CHN": (710, "CHN", 710),
    "IND": (750, "IND", 750),
    "TWN": (713, "TAW", 713),
    "MEX": (70, "MEX", 70),
    "CHL": (155, "CHL", 155),
    "PER": (135, "PER", 135),
    "ARG": (160, "ARG", 160),
    "TUR": (640, "TUR", 640),
    "SAU": (670, "SAU", 670),
    "BRA": (140, "BRA", 140),
    "ZAF": (560, "SAF", 560),
    # BRICS 2024 members
    "EGY": (651, "EGY", 651),
    "ETH": (530, "ETH", 530),
    "IRN": (630, "IRN", 630),
    "ARE": (696, "UAE", 696),
    # EU members and the United Kingdom
    "AUT": (305, "AUS", 305),
    "BEL": (211, "BEL", 211),
    "BGR": (355, "BUL", 355),
    "HRV": (344, "CRO", 344),
    "CYP": (352, "CYP", 352),
    "CZE": (316, "CZR", 316),
    "DNK": (390, "DEN", 390),
    "EST": (366, "EST", 366),
    "FIN": (375, "FIN", 375),
    "FRA": (220, "FRN", 220),
    "GRC": (350, "GRC", 350),
    "HUN": (310, "HUN", 310),
    "IRL": (205, "IRE", 205),
    "ITA": (325, "ITA", 325),
    "LVA": (367, "LAT", 367),
    "LTU": (368, "LIT", 368),
    "LUX": (212, "LUX", 212),
    "MLT": (338, "MLT", 338),
    "NLD": (210, "NTH", 210),
    "POL": (290, "POL", 290),
    "PRT": (235, "POR", 235),
    "ROU": (360, "ROM", 360),
    "SVK": (317, "SLO", 317),
    "SVN": (349, "SLV", 349),
    "ESP": (230, "SPN", 230),
    "SWE": (380, "SWD", 380),
    "GBR": (200, "UKG", 200),
    # Post-Soviet states (CIS, EAEU, SCO) and other SCO/EAEU states
    "ARM": (371, "ARM", 371),
    "AZE": (373, "AZE", 373),
    "BLR": (370, "BLR", 370),
    "GEO": (372, "GRG", 372),
    "KAZ": (705, "KZK", 705),
    "KGZ": (703, "KYR", 703),
    "MDA": (359, "MLD", 359),
    "TJK": (702, "TAJ", 702),
    "TKM": (701, "TKM", 701),
    "UKR": (369, "UKR", 369),
    "UZB": (704, "UZB", 704),
    "PAK": (770, "PAK", 770),
    "MNG": (712, "MON", 712),
    "CUB": (40, "CUB", 40),
    # Former Yugoslavia
    "MNE": (341, "MNG", 341),
    "XKX": (347, "KOS", 347),
    # Historic states (ISO 3166-3) and South Vietnam (user-assigned XSV)
    "SUN": (365, "RUS", 365),
    "CSK": (315, "CZE", 315),
    "DDR": (265, "GDR", 265),
    "YUG": (345, "YUG", 345),
    "SCG": (345, "YUG", 345),
    "VDR": (816, "DRV", 816),
    "XSV": (817, "RVN", 817),
    "YMD": (680, "YPR", 680),
}

# (iso3, scheme, code, start, end, note): codes that change within one ISO entity.
DATED: list[tuple[str, str, str, str, str, str]] = [
    ("DEU", "cow", "260", "1955-05-05", "1990-10-02", "German Federal Republic (West Germany)"),
    (
        "DEU",
        "cow_abbrev",
        "GFR",
        "1955-05-05",
        "1990-10-02",
        "German Federal Republic (West Germany)",
    ),
    ("DEU", "cow", "255", "1990-10-03", "", "COW's Germany code, resumed at reunification"),
    ("DEU", "cow_abbrev", "GMY", "1990-10-03", "", "COW's Germany code, resumed at reunification"),
    (
        "DEU",
        "gw",
        "260",
        "",
        "",
        "GW continue the German Federal Republic's 260 after reunification",
    ),
    ("YEM", "cow", "678", "1926-09-02", "1990-05-21", "Yemen Arab Republic (North Yemen)"),
    ("YEM", "cow_abbrev", "YAR", "1926-09-02", "1990-05-21", "Yemen Arab Republic (North Yemen)"),
    ("YEM", "cow", "679", "1990-05-22", "", "Republic of Yemen, from unification"),
    ("YEM", "cow_abbrev", "YEM", "1990-05-22", "", "Republic of Yemen, from unification"),
    ("YEM", "gw", "678", "", "", "GW continue North Yemen's 678 after unification"),
    (
        "RUS",
        "cow",
        "365",
        "1991-12-26",
        "",
        "COW code Russia and the USSR as one state (365); for 1922-12-30..1991-12-26 see SUN",
    ),
    ("RUS", "cow_abbrev", "RUS", "1991-12-26", "", "Same abbreviation as for the USSR (SUN)"),
    (
        "RUS",
        "gw",
        "365",
        "1991-12-26",
        "",
        "GW code Russia and the USSR as one state (365); for the USSR see SUN",
    ),
    ("SRB", "cow", "345", "2006-06-05", "", "COW continue Yugoslavia's 345 for Serbia"),
    (
        "SRB",
        "cow_abbrev",
        "YUG",
        "2006-06-05",
        "",
        "COW continue Yugoslavia's abbreviation for Serbia",
    ),
    (
        "SRB",
        "gw",
        "340",
        "2006-06-05",
        "",
        "GW: Serbia from 5 June 2006 (345 Yugoslavia until 4 June 2006)",
    ),
]

# M49 codes whose validity we date (the code changed with the territory).
M49_DATED: dict[str, tuple[str, str, str]] = {
    "DEU": ("1990-10-03", "", "Code of unified Germany; West Germany's earlier code is not stored"),
    "YEM": (
        "1990-05-22",
        "",
        "Code of the Republic of Yemen; North Yemen's earlier code is not stored",
    ),
}
M49_SKIP = {"TWN": "Taiwan has no M49 code of its own (UN statistics include it with China)"}
# Historic states: pycountry's ISO 3166-3 numeric code, which was the M49 code of the time.
M49_HISTORIC = ("SUN", "CSK", "DDR", "SCG", "YMD")

HEADER = ["country", "scheme", "code", "start", "end", "sources", "confidence", "note"]


def rows() -> list[list[str]]:
    out: list[list[str]] = []
    for iso3, (cow, abbrev, gw) in UNDATED.items():
        out.append([iso3, "cow", str(cow), "", "", COW_SOURCE, "", ""])
        out.append([iso3, "cow_abbrev", abbrev, "", "", COW_SOURCE, "", ""])
        out.append([iso3, "gw", str(gw), "", "", GW_SOURCE, "", ""])
    for iso3, scheme, code, start, end, note in DATED:
        source = GW_SOURCE if scheme == "gw" else COW_SOURCE
        out.append([iso3, scheme, code, start, end, source, "", note])

    for country in pycountry.countries:
        iso3 = country.alpha_3
        if iso3 in M49_SKIP:
            continue
        start, end, note = M49_DATED.get(iso3, ("", "", ""))
        out.append([iso3, "m49", country.numeric, start, end, M49_SOURCES, "", note])
    for iso3 in M49_HISTORIC:
        historic = pycountry.historic_countries.get(alpha_3=iso3)
        out.append(
            [
                iso3,
                "m49",
                historic.numeric,
                "",
                "",
                M49_SOURCES,
                "inferred",
                "ISO 3166-3 numeric code, taken to be the M49 code of the time",
            ]
        )
    # Yugoslavia's numeric code changed when the SFRY broke up (pycountry's ISO 3166-3 comment).
    out.append(
        [
            "YUG",
            "m49",
            "890",
            "",
            "1992-04-27",
            M49_SOURCES,
            "inferred",
            "Socialist Federal Republic of Yugoslavia, until 27 April 1992",
        ]
    )
    out.append(
        [
            "YUG",
            "m49",
            "891",
            "1992-04-27",
            "",
            M49_SOURCES,
            "inferred",
            "Federal Republic of Yugoslavia from 27 April 1992 (later Serbia and Montenegro)",
        ]
    )

    out.sort(key=lambda row: (row[0], row[1], row[3], row[2]))
    return out


def render() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    args.output.write_text(render(), encoding="utf-8")
    print(f"wrote {args.output} ({len(rows())} rows)")


if __name__ == "__main__":
    main()
