#!/usr/bin/env python3
"""Cut the slices of the Office of the Historian's records that the tests read (README.md here).

Deterministic, and byte-preserving: a file is copied whole, or cut by removing whole record
elements (`<chief>`, `<principal>`, `<trip>`, `<visit>`) with their indentation, every other
byte kept. People files are copied for every person the sliced records name.

    .venv/bin/python tests/data/datasets/hsg/cut_slices.py DIRECTORY_OF_POCOM_TRAVELS_VISITS
"""

from __future__ import annotations

import argparse
import re
import shutil
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Whole files, by record set.
WHOLE = {
    "pocom": [
        "LICENSE.md",
        "missions-countries/thailand.xml",
        "missions-orgs/representative-to-asean.xml",
        "missions-orgs/representative-to-eu.xml",
        "concurrent-appointments/1781-adam-01.xml",
        "concurrent-appointments/1950-heat-01.xml",
        "roles-country-chiefs/*.xml",
        "code-tables/*.xml",
    ],
    "travels": [
        "LICENSE.md",
        "president-travels/trump-donald-j.xml",
        "presidents/presidents.xml",
        "code-tables/travel-role-codes.xml",
    ],
    "visits": ["LICENSE.md", "data/1870.xml"],
}


def _year_in(low: int, high: int) -> Callable[[str], bool]:
    """Keep a record whose first date (any `<date>`, `<start-date>`) falls in [low, high]."""

    def keep(block: str) -> bool:
        years = [int(y) for y in re.findall(r"<(?:date|start-date)>(\d{4})", block)]
        return bool(years) and low <= years[0] <= high

    return keep


# Cut files: (record set, path, record tag, which records to keep).
CUT: list[tuple[str, str, str, Callable[[str], bool]]] = [
    # China 1941-1981: Taipei (1950-1979), the Liaison Office in Beijing, a month-precision date.
    ("pocom", "missions-countries/china.xml", "chief", _year_in(1941, 1981)),
    # Korea: the Joseon kingdom's first chiefs and the Republic of Korea's.
    (
        "pocom",
        "missions-countries/korea.xml",
        "chief",
        lambda b: _year_in(1882, 1890)(b) or _year_in(1948, 1957)(b),
    ),
    # The Netherlands 1937-1947: the chief whose territory slug is 'belgium' (London, 1940).
    ("pocom", "missions-countries/netherlands.xml", "chief", _year_in(1937, 1947)),
    # Laos, Cambodia and South Vietnam 1950-1955: one chief accredited to all three (1950-heat-01).
    ("pocom", "missions-countries/laos.xml", "chief", _year_in(1950, 1955)),
    ("pocom", "missions-countries/cambodia.xml", "chief", _year_in(1950, 1955)),
    ("pocom", "missions-countries/vietnam-south.xml", "chief", _year_in(1950, 1955)),
    # Secretaries of State: the first, and those since 2009 (Pompeo among them).
    (
        "pocom",
        "positions-principals/secretary.xml",
        "principal",
        lambda b: "secr-1789-jeff" in b or _year_in(2009, 2030)(b),
    ),
    ("pocom", "positions-principals/secretary-ad-interim.xml", "principal", _year_in(2009, 2030)),
    # Pompeo's stops of 2019 (Bangkok, 2019-07-31 to 2019-08-02).
    ("travels", "secretary-travels/pompeo-michael-r.xml", "trip", _year_in(2019, 2019)),
    # Visits of 2010 (Prime Minister George Papandreou, 2010-03-08).
    ("visits", "data/2010.xml", "visit", _year_in(2010, 2010)),
]


def cut(text: str, tag: str, keep: Callable[[str], bool]) -> str:
    """The text without the `tag` elements `keep` refuses, each taken with its indentation."""
    block = re.compile(rf"\n[ \t]*<{tag}[\s>].*?</{tag}>", re.DOTALL)
    return block.sub(lambda m: m.group(0) if keep(m.group(0)) else "", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("source", type=Path, help="the directory holding pocom/, travels/, visits/")
    args = parser.parse_args()
    for part in WHOLE:
        shutil.rmtree(HERE / part, ignore_errors=True)
    people: set[str] = set()
    for part, patterns in WHOLE.items():
        for pattern in patterns:
            for path in sorted((args.source / part).glob(pattern)):
                relative = path.relative_to(args.source)
                (HERE / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, HERE / relative)
                people |= set(re.findall(r"<person-id>([^<]+)</person-id>", path.read_text()))
    for part, name, tag, keep in CUT:
        text = (args.source / part / name).read_text(encoding="utf-8")
        sliced = cut(text, tag, keep)
        (HERE / part / name).parent.mkdir(parents=True, exist_ok=True)
        (HERE / part / name).write_text(sliced, encoding="utf-8", newline="")
        people |= set(re.findall(r"<person-id>([^<]+)</person-id>", sliced))
    people |= {"pompeo-michael-r"}  # the traveller of the travels slice
    for person in sorted(people):
        found = sorted((args.source / "pocom" / "people").glob(f"*/{person}.xml"))
        for path in found:
            relative = path.relative_to(args.source)
            (HERE / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, HERE / relative)
    print(f"wrote the slices under {HERE} ({len(people)} people named)")


if __name__ == "__main__":
    main()
