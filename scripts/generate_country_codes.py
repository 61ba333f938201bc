#!/usr/bin/env python3
"""Write fixtures/country_codes.csv: COW, Gleditsch-Ward and UN M49 codes of our countries.

Re-runnable and deterministic: the same pycountry version and the same files in datasets/ give
the same file, byte for byte (rows sorted by country, scheme, start, code; LF line endings).

    .venv/bin/python scripts/generate_country_codes.py [--output fixtures/country_codes.csv]

Correlates of War and Gleditsch-Ward
- Every `ccode` of datasets/cow/states2016.csv and every `gwcode` of datasets/gw/gw_states.csv
  is mapped, on every day of every spell, to exactly one country (a `cow` and a `cow_abbrev` row
  per COW mapping, a `gw` row per GW mapping). A code missing from the tables below stops the
  script with the list of such codes: a code is never dropped.
- Same state, same country. A code names the state the list means by it, across changes of
  regime and name (the lists' own continuity): 365 is one state from 1816 to today. It maps to
  the ISO entity that is that state on that day; where ISO has two entities for one code's state
  (Russia and the USSR), the code's rows are dated at the change: 365 is RUS to 1922-12-29, SUN
  1922-12-30..1991-12-25 and RUS from 1991-12-26.
- ISO 3166-3 codes (pycountry.historic_countries) stand for dissolved states: SUN, YUG, SCG,
  CSK, DDR, YMD, VDR. ISO 3166-3 codes that only record a change of name of a state that goes on
  (BUR Burma, DHY Dahomey, HVO Upper Volta, RHO Southern Rhodesia, TMP East Timor, ZAR Zaire,
  BYS the Byelorussian SSR) are not used: the state keeps its current ISO code (MMR, BEN, ...).
- A state with no ISO code gets a user-assigned code from ISO's reserved range XAA-XZZ (XKX
  Kosovo and XSV South Vietnam as before, and the X-codes of X_STATES below), each defined as a
  historic state in fixtures/countries.yaml with existence dates cited to the COW or GW list.
  X-codes already in use elsewhere (XKX for Kosovo only; ICAO's XOM, XPO, XXA-XXX, ...) are not
  given to anything else.
- Dates only where a code's country changes, and as the lists give them: GW's date where GW
  dates the change and COW does not (Yugoslavia from 1918-12-01, Serbia from 2006-06-05), COW's
  date of the USSR's successors (1991-12-26), else the birth date of the successor in
  fixtures/countries.yaml (SUN 1922-12-30, SCG 2003-02-04, VNM 1976-07-02), whose source the row
  then cites too. An empty start or end means "whenever the code occurs".
- No shared handover day: a code names one country on every day. The earlier country's row ends
  the day before the next one's starts; the handover day goes to the successor, whose first day
  it is (countries.yaml may still count it as the predecessor's last day: lifetimes may share a
  handover day, code rows do not).
- Where "same state" can be argued, the row's note says which way it was decided and why
  (Prussia and the Reich as Germany, Sardinia as Italy, Austria-Hungary apart from Austria,
  Serbia before 1918, the Yemens, the Vietnams, Germany's 255/260/265 in COW and in GW, ...).

UN M49
- ISO 3166-1 numeric codes are taken from M49, so every current ISO country gets its pycountry
  numeric code as its M49 code (checked against country_converter 1.3.2's UNcode column:
  identical for all 249 countries except Taiwan, which has no M49 code of its own and is left
  out). Codes changed when territories changed; the changes we are sure of are dated below
  (Germany 1990, Yemen 1990); the older codes themselves are not stored. Historic states
  (ISO 3166-3) get the numeric code pycountry records for them (their M49 code at the time).

The U.S. Office of the Historian (scheme hsg)
- The country slugs of its records (POCOM's mission files and contemporary-territory-ids, the
  travels' and visits' country ids: `thailand`, `burma`, `congo-kinshasa`, `joseon-dynasty-1910`)
  are mapped in the reviewed table scripts/data/hsg_countries.csv (slug, country, dates, sources,
  confidence, note), dated where one slug names different states over time (`russia` as COW
  365, `korea` for the Joseon kingdom and the Republic of Korea). A row with no country lists a
  slug as unmapped, its note saying why; it gives no crosswalk row. Several slugs may name one
  country on the same day (POCOM's `congo-democratic-republic` and the travels' `congo-kinshasa`).
- The rows are written only while the project's CodeScheme knows `hsg` (the schema of issue 17
  adds it): until then the bundled fixtures could not load them.

No maintained PyPI package ships COW codes; country_converter ships a GWcode column, but it is
wrong for Vietnam (817, the Republic of Vietnam's code, for VNM), Yemen (680, South Yemen's, for
YEM) and the Czech Republic (315, Czechoslovakia's, for CZE), so it is not used.
"""

from __future__ import annotations

import argparse
import csv
import io
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pycountry

from bilateral_db.core.vocabulary import CodeScheme

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "fixtures" / "country_codes.csv"
COW_LIST = ROOT / "datasets" / "cow" / "states2016.csv"
GW_LIST = ROOT / "datasets" / "gw" / "gw_states.csv"
HSG_TABLE = ROOT / "bilateral_db" / "imports" / "hsg" / "data" / "countries.csv"
HSG_COLUMNS = ["slug", "country", "start", "end", "sources", "confidence", "note"]

COW_SOURCE = "cow-state-list-2016"
GW_SOURCE = "gleditsch-ward-state-list"
M49_SOURCES = "un-m49;iso-3166-1-pycountry"
LIST_SOURCE = {"cow": COW_SOURCE, "gw": GW_SOURCE}

# Code -> country, for codes that name one country in every spell, in whichever list has them
# (a number means the same state in COW and in GW wherever both use it).
# fmt: off
COUNTRY: dict[int, str] = {
    # Americas
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM", 51: "JAM", 52: "TTO",
    53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA", 57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX",
    80: "BLZ", 89: "XUP", 90: "GTM", 91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN",
    99: "XGC", 100: "COL", 101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER",
    140: "BRA", 145: "BOL", 150: "PRY", 155: "CHL", 160: "ARG", 165: "URY",
    # Europe
    200: "GBR", 205: "IRL", 210: "NLD", 211: "BEL", 212: "LUX", 220: "FRA", 221: "MCO",
    223: "LIE", 225: "CHE", 230: "ESP", 232: "AND", 235: "PRT", 240: "XHA", 245: "XBV",
    265: "DDR", 267: "XBD", 269: "XSX", 271: "XWU", 273: "XHK", 275: "XHD", 280: "XMS",
    290: "POL", 300: "XAH", 305: "AUT", 310: "HUN", 315: "CSK", 316: "CZE", 317: "SVK",
    325: "ITA", 327: "XPS", 329: "XTS", 331: "SMR", 332: "XMD", 335: "XPA", 337: "XTU",
    338: "MLT", 339: "ALB", 340: "SRB", 341: "MNE", 343: "MKD", 344: "HRV", 346: "BIH",
    347: "XKX", 349: "SVN", 350: "GRC", 352: "CYP", 355: "BGR", 359: "MDA", 360: "ROU",
    366: "EST", 367: "LVA", 368: "LTU", 369: "UKR", 370: "BLR", 371: "ARM", 372: "GEO",
    373: "AZE", 375: "FIN", 380: "SWE", 385: "NOR", 390: "DNK", 395: "ISL",
    # Africa
    402: "CPV", 403: "STP", 404: "GNB", 411: "GNQ", 420: "GMB", 432: "MLI", 433: "SEN",
    434: "BEN", 435: "MRT", 436: "NER", 437: "CIV", 438: "GIN", 439: "BFA", 450: "LBR",
    451: "SLE", 452: "GHA", 461: "TGO", 471: "CMR", 475: "NGA", 481: "GAB", 482: "CAF",
    483: "TCD", 484: "COG", 490: "COD", 500: "UGA", 501: "KEN", 510: "TZA", 511: "XZN",
    516: "BDI", 517: "RWA", 520: "SOM", 522: "DJI", 530: "ETH", 531: "ERI", 540: "AGO",
    541: "MOZ", 551: "ZMB", 552: "ZWE", 553: "MWI", 560: "ZAF", 563: "XTV", 564: "XOF",
    565: "NAM", 570: "LSO", 571: "BWA", 572: "SWZ", 580: "MDG", 581: "COM", 590: "MUS",
    591: "SYC", 600: "MAR", 615: "DZA", 616: "TUN", 620: "LBY", 625: "SDN", 626: "SSD",
    # Middle East
    630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY", 652: "SYR", 660: "LBN", 663: "JOR",
    666: "ISR", 670: "SAU", 678: "YEM", 680: "YMD", 690: "KWT", 692: "BHR", 694: "QAT", 696: "ARE",
    698: "OMN",
    # Asia
    700: "AFG", 701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ", 710: "CHN",
    711: "XTB", 712: "MNG", 713: "TWN", 730: "XKR", 731: "PRK", 732: "KOR", 740: "JPN",
    750: "IND", 760: "BTN", 770: "PAK", 771: "BGD", 775: "MMR", 780: "LKA", 781: "MDV",
    790: "NPL", 800: "THA", 811: "KHM", 812: "LAO", 815: "XAN", 817: "XSV", 820: "MYS",
    830: "SGP", 835: "BRN", 840: "PHL", 850: "IDN", 860: "TLS",
    # Oceania
    900: "AUS", 910: "PNG", 920: "NZL", 935: "VUT", 940: "SLB", 946: "KIR", 947: "TUV",
    950: "FJI", 955: "TON", 970: "NRU", 983: "MHL", 986: "PLW", 987: "FSM", 990: "WSM",
}
# fmt: on

# The states with no ISO code that the lists hold, with the X-code given to each here. Each is
# a historic state in fixtures/countries.yaml (name and existence dates from the lists).
X_STATES: dict[str, str] = {
    "XUP": "United Provinces of Central America (GW 89)",
    "XGC": "Gran Colombia (GW 99)",
    "XHA": "Hanover (COW and GW 240)",
    "XBV": "Bavaria (245)",
    "XBD": "Baden (267)",
    "XSX": "Saxony (269)",
    "XWU": "Württemberg (271)",
    "XHK": "Hesse-Kassel, the Electorate of Hesse (273)",
    "XHD": "Hesse-Darmstadt, the Grand Duchy of Hesse (275)",
    "XMS": "Mecklenburg-Schwerin (280)",
    "XAH": "Austria-Hungary, the Austrian Empire before 1867 (300)",
    "XPS": "Papal States (327)",
    "XTS": "Two Sicilies (329)",
    "XMD": "Modena (332)",
    "XPA": "Parma (335)",
    "XTU": "Tuscany (337)",
    "XZN": "Zanzibar (511)",
    "XTV": "Transvaal, the South African Republic (GW 563)",
    "XOF": "Orange Free State (GW 564)",
    "XTB": "Tibet (GW 711)",
    "XKR": "Korea before 1910 (730)",
    "XAN": "Annam, Vietnam of the Nguyễn emperors (GW 815)",
}

# Why a code names the country it does, where that can be argued: (scheme, code) -> note.
NOTES: dict[tuple[str, int], str] = {
    ("gw", 89): "GW only; COW do not count the federation as a state",
    ("gw", 99): "GW only; COW do not count Gran Colombia as a state",
    ("cow", 240): "COW count Hanover from the end of its personal union with Britain",
    ("cow", 300): (
        "COW and GW code the Austrian Empire and Austria-Hungary (to 1918) as 300 and the "
        "Republic of Austria apart (305); one of several successor states, so not AUT"
    ),
    ("gw", 300): "As in COW: a state of its own (300), apart from the Republic of Austria (305)",
    ("cow", 325): (
        "COW code the Kingdom of Sardinia and Italy as one state (325), so ITA from 1816"
    ),
    ("gw", 325): "GW's 'Italy/Sardinia': one state from 1816, so ITA",
    ("cow", 327): (
        "The Papal States to 1860 (COW); not VAT: the Vatican City State dates from 1929 and "
        "neither list counts it"
    ),
    ("gw", 327): "The Papal States to the taking of Rome, 1870 (GW); not VAT (see COW 327)",
    ("gw", 340): (
        "GW code the Kingdom of Serbia (1878-1915) and Serbia from 2006 as one state (340), SRB"
    ),
    ("gw", 341): ("GW code Montenegro before 1915 and from 2006 as one state (341), MNE"),
    ("cow", 434): "Dahomey until 1975; ISO 3166-3 DHY was its code, not another state",
    ("gw", 434): "Dahomey until 1975; ISO 3166-3 DHY was its code, not another state",
    ("cow", 439): "Upper Volta until 1984; ISO 3166-3 HVO was its code, not another state",
    ("gw", 439): "Upper Volta until 1984; ISO 3166-3 HVO was its code, not another state",
    ("cow", 490): "Zaire 1971-1997; ISO 3166-3 ZAR was its code, not another state",
    ("gw", 490): "Zaire 1971-1997; ISO 3166-3 ZAR was its code, not another state",
    ("cow", 510): (
        "Tanganyika from 1961; COW continue 510 for Tanzania after the union with Zanzibar "
        "(1964-04-26), so TZA throughout"
    ),
    ("gw", 510): "GW's 'Tanzania/Tanganyika': one state (510), TZA",
    ("cow", 552): (
        "Rhodesia from its declaration of independence (1965-11-11), Zimbabwe from 1980: one "
        "state (552), ZWE; ISO 3166-3 RHO was the colony's code"
    ),
    ("gw", 552): "GW's 'Zimbabwe (Rhodesia)': one state (552), ZWE (see COW 552)",
    ("gw", 563): "GW only (the South African Republic); COW do not count it",
    ("gw", 564): "GW only; COW do not count the Orange Free State",
    ("gw", 580): (
        "GW code the Kingdom of Madagascar (to 1896) and Madagascar from 1960 as one state "
        "(580), MDG"
    ),
    ("gw", 615): (
        "GW code the Regency of Algiers (to 1830) and Algeria from 1962 as one state (615), DZA"
    ),
    ("gw", 620): (
        "GW code Tripoli under the Karamanli dynasty (to 1834) and Libya from 1951 as one "
        "state (620), LBY"
    ),
    ("cow", 640): "The Ottoman Empire and Turkey: one state in COW (640), TUR",
    ("gw", 640): "GW's 'Turkey (Ottoman Empire)': one state (640), TUR",
    ("cow", 680): "South Yemen, a state of its own until unification with North Yemen, YMD",
    ("gw", 680): "South Yemen, a state of its own until unification with North Yemen, YMD",
    ("cow", 710): (
        "Qing China, the Republic of China to 1949 and the People's Republic: one state in COW "
        "(710), CHN; the Republic of China on Taiwan is 713 (TWN)"
    ),
    ("gw", 710): "One state in GW (710), CHN; the Republic of China on Taiwan is 713 (TWN)",
    ("gw", 678): (
        "GW code North Yemen (from 1918) and the Republic of Yemen as one state (678), YEM: ISO "
        "YEM was North Yemen's code and passed to the Republic (COW: 678, then 679)"
    ),
    ("gw", 711): "GW only; COW do not count Tibet as a state",
    ("cow", 730): (
        "Korea before Japanese rule (Joseon, the Korean Empire from 1897): a code of its own, "
        "apart from North (731) and South (732) Korea, so not KOR or PRK"
    ),
    ("gw", 730): "As COW 730: Korea before 1910, apart from 731 and 732",
    ("cow", 775): "Burma until 1989; ISO 3166-3 BUR was its code, not another state",
    ("gw", 775): (
        "GW code the Kingdom of Burma (to 1885) and Myanmar from 1948 as one state (775), MMR; "
        "ISO 3166-3 BUR was Burma's code"
    ),
    ("gw", 815): (
        "GW only: Vietnam of the Nguyễn emperors to 1893 ('Vietnam (Annam/Cochin China/"
        "Tonkin)'), a code of its own apart from 816 and 817, so neither VDR nor VNM"
    ),
    ("cow", 817): (
        "The State of Vietnam (fully independent 1954) and the Republic of Vietnam from "
        "1955-10-26: one state (817), XSV"
    ),
    ("gw", 817): "As COW 817: the State of Vietnam and the Republic of Vietnam, XSV",
    ("cow", 860): "ISO 3166-3 TMP was East Timor's code until 2002, not another state",
    ("gw", 860): "ISO 3166-3 TMP was East Timor's code until 2002, not another state",
    ("gw", 265): (
        "GW date the GDR from 1949-10-05, two days before it was founded (1949-10-07, its "
        "start in countries.yaml); the two days are mapped to DDR all the same"
    ),
}


class Span(NamedTuple):
    """Part of a code's spells that names one country; empty start or end: open."""

    country: str
    start: str
    end: str
    note: str
    sources: tuple[str, ...] = ()


_RUSSIA = "COW code the Russian Empire, the USSR and Russia as one state (365)"
_RUSSIA_GW = "GW's 'Russia (Soviet Union)': one state (365)"
_GERMANY_1945 = (
    "Prussia, from 1871 the German Empire, and the Reich to 1945: one state with reunified "
    "Germany in {list} (255); the Federal Republic (DEU) holds itself the same state as the "
    "Reich, so DEU, not a code of its own"
)
_SERBIA = "COW code Serbia, Yugoslavia and Serbia again as one state (345)"
_VIETNAM = "{list} code North Vietnam and the reunified Socialist Republic as one state (816)"

# Codes whose country changes, per scheme: every spell of the code is covered by exactly one
# span. The handover day is the successor's (its start); the predecessor ends the day before.
CHANGES: dict[str, dict[int, list[Span]]] = {
    "cow": {
        255: [
            Span("DEU", "", "1945-05-08", _GERMANY_1945.format(list="COW")),
            Span("DEU", "1990-10-03", "", "COW's Germany code, resumed at reunification"),
        ],
        260: [
            Span(
                "DEU",
                "1955-05-05",
                "1990-10-02",
                "German Federal Republic (West Germany); COW count it from 1955-05-05",
            )
        ],
        345: [
            Span(
                "SRB",
                "",
                "1918-11-30",
                _SERBIA + "; the Kingdom of Serbia before Yugoslavia is SRB (as GW 340); "
                "Yugoslavia's start is GW's date",
                ("wikipedia-yugoslavia",),
            ),
            Span(
                "YUG",
                "1918-12-01",
                "2003-02-03",
                _SERBIA + "; Yugoslavia (SFRY, then FRY) until Serbia and Montenegro",
                ("wikipedia-yugoslavia", "wikipedia-serbia-and-montenegro"),
            ),
            Span(
                "SCG",
                "2003-02-04",
                "2006-06-04",
                _SERBIA + "; Serbia and Montenegro until Serbia's start in GW (2006-06-05)",
                ("wikipedia-serbia-and-montenegro",),
            ),
            Span(
                "SRB",
                "2006-06-05",
                "",
                "COW continue Yugoslavia's 345 for Serbia (from GW's date for Serbia)",
                ("wikipedia-serbia-and-montenegro",),
            ),
        ],
        365: [
            Span("RUS", "", "1922-12-29", _RUSSIA + "; the Russian Empire and Soviet Russia"),
            Span(
                "SUN",
                "1922-12-30",
                "1991-12-25",
                _RUSSIA + "; the USSR from its founding",
                ("wikipedia-soviet-union",),
            ),
            Span(
                "RUS",
                "1991-12-26",
                "",
                _RUSSIA + "; Russia from the day COW count the USSR's successors",
            ),
        ],
        678: [
            Span(
                "YEM",
                "1926-09-02",
                "1990-05-21",
                "Yemen Arab Republic (North Yemen); ISO YEM was its code and passed to the "
                "Republic of Yemen",
            )
        ],
        679: [
            Span(
                "YEM",
                "1990-05-22",
                "",
                "Republic of Yemen, from unification (COW give it a new code, 679)",
            )
        ],
        816: [
            Span("VDR", "", "1976-07-01", _VIETNAM.format(list="COW") + "; North Vietnam"),
            Span(
                "VNM",
                "1976-07-02",
                "",
                _VIETNAM.format(list="COW") + "; Viet Nam from reunification",
                ("wikipedia-vietnam",),
            ),
        ],
    },
    "gw": {
        255: [Span("DEU", "", "1945-05-07", _GERMANY_1945.format(list="GW"))],
        260: [
            Span(
                "DEU",
                "1949-09-21",
                "",
                "West Germany from 1949-09-21; GW continue 260 after reunification (COW: 255)",
            )
        ],
        345: [
            Span(
                "YUG",
                "",
                "2003-02-03",
                "GW's Yugoslavia (345, 1918-2006): Yugoslavia until Serbia and Montenegro",
                ("wikipedia-serbia-and-montenegro",),
            ),
            Span(
                "SCG",
                "2003-02-04",
                "",
                "GW's Yugoslavia (345): Serbia and Montenegro to 2006-06-04 (Serbia: GW 340)",
                ("wikipedia-serbia-and-montenegro",),
            ),
        ],
        365: [
            Span("RUS", "", "1922-12-29", _RUSSIA_GW + "; the Russian Empire and Soviet Russia"),
            Span(
                "SUN",
                "1922-12-30",
                "1991-12-25",
                _RUSSIA_GW + "; the USSR from its founding",
                ("wikipedia-soviet-union",),
            ),
            Span(
                "RUS",
                "1991-12-26",
                "",
                _RUSSIA_GW + "; Russia from the day COW count the USSR's successors",
                ("wikipedia-soviet-union",),
            ),
        ],
        816: [
            Span("VDR", "", "1976-07-01", _VIETNAM.format(list="GW") + "; North Vietnam"),
            Span(
                "VNM",
                "1976-07-02",
                "",
                _VIETNAM.format(list="GW") + "; Viet Nam from reunification",
                ("wikipedia-vietnam",),
            ),
        ],
    },
}

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


class ListCode(NamedTuple):
    """A code of a state list with its spells (first and last day of each)."""

    code: int
    abbrev: str
    spells: list[tuple[date, date]]


def read_cow(path: Path = COW_LIST) -> dict[int, ListCode]:
    """COW ccodes with their abbreviation and spells, from the state system file."""
    codes: dict[int, ListCode] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = int(row["ccode"])
            first = date(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
            last = date(int(row["endyear"]), int(row["endmonth"]), int(row["endday"]))
            entry = codes.setdefault(code, ListCode(code, row["stateabb"], []))
            if entry.abbrev != row["stateabb"]:
                raise SystemExit(f"{path}: ccode {code} has two abbreviations")
            entry.spells.append((first, last))
    return codes


def read_gw(path: Path = GW_LIST) -> dict[int, ListCode]:
    """GW codes with their spells, from the list of independent states."""
    codes: dict[int, ListCode] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = int(row["gwcode"])
            entry = codes.setdefault(code, ListCode(code, row["stateabb"], []))
            first, last = date.fromisoformat(row["startdate"]), date.fromisoformat(row["enddate"])
            entry.spells.append((first, last))
    return codes


def spans(scheme: str, code: int) -> list[Span]:
    """The countries a code names, with the dates where that changes."""
    if code in CHANGES[scheme]:
        return CHANGES[scheme][code]
    return [Span(COUNTRY[code], "", "", NOTES.get((scheme, code), ""))]


def list_rows() -> list[list[str]]:
    """The cow, cow_abbrev and gw rows: every code of both lists, or SystemExit naming the rest."""
    lists = {"cow": read_cow(), "gw": read_gw()}
    unmapped = [
        f"{scheme} {code}"
        for scheme, codes in lists.items()
        for code in sorted(codes)
        if code not in COUNTRY and code not in CHANGES[scheme]
    ]
    if unmapped:
        raise SystemExit(
            "codes with no country (add to COUNTRY or CHANGES): " + ", ".join(unmapped)
        )
    countries = set(COUNTRY.values()) | {
        span.country for table in CHANGES.values() for spans_ in table.values() for span in spans_
    }
    unknown_x = sorted(
        c for c in countries if c.startswith("X") and c not in {*X_STATES, "XKX", "XSV"}
    )
    if unknown_x:
        raise SystemExit("X-codes not in X_STATES: " + ", ".join(unknown_x))
    out: list[list[str]] = []
    for scheme, codes in lists.items():
        for code, entry in sorted(codes.items()):
            for span in spans(scheme, code):
                sources = ";".join((LIST_SOURCE[scheme], *span.sources))
                dated = [span.country, scheme, str(code), span.start, span.end, sources]
                out.append([*dated, "", span.note])
                if scheme == "cow":
                    out.append(
                        [span.country, "cow_abbrev", entry.abbrev, *dated[3:], "", span.note]
                    )
    return out


def m49_rows() -> list[list[str]]:
    out: list[list[str]] = []
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
    return out


def hsg_rows(path: Path = HSG_TABLE) -> list[list[str]]:
    """The hsg rows: every mapped slug of the Office's records, as the reviewed table dates it."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != HSG_COLUMNS:
            raise SystemExit(f"{path}: expected the columns {', '.join(HSG_COLUMNS)}")
        table = list(reader)
    unexplained = [row["slug"] for row in table if not row["country"] and not row["note"]]
    if unexplained:
        raise SystemExit(f"{path}: unmapped slugs need a note saying why: {unexplained}")
    rest = ("start", "end", "sources", "confidence", "note")
    return [[r["country"], "hsg", r["slug"], *(r[c] for c in rest)] for r in table if r["country"]]


def rows() -> list[list[str]]:
    out = list_rows() + m49_rows()
    if "hsg" in {scheme.value for scheme in CodeScheme}:
        out += hsg_rows()
    out.sort(key=lambda row: (row[0], row[1], row[3], row[2]))
    return out


def render() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    text = render()
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({text.count(chr(10)) - 1} rows)")


if __name__ == "__main__":
    main()
