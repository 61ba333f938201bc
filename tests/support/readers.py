"""Every reading command, with arguments that name real rows of tests/data/small_fixtures
and the data sets shipped with the package (the small_imported_url database).

The access, snapshot, replica and hostile-string tests run all of them; a new report or
export is added here by one line.
"""

from __future__ import annotations

from pathlib import Path

REPORTS: list[list[str]] = [
    ["report", "members", "ASEAN", "--on", "2019-08-01", "--cite"],
    ["report", "timeline", "ASEAN", "--cite"],
    ["report", "officials", "THA", "--on", "2019-08-01", "--cite"],
    ["report", "terms", "sergey-lavrov", "--cite"],
    ["report", "meetings", "--country", "RUS", "--bloc", "ASEAN", "--cite"],
    ["report", "meeting", "amm-52", "--cite"],
    ["report", "trade", "RUS", "ASEAN", "--cite"],
    ["report", "dyad", "RUS", "ASEAN", "--cite"],
    ["report", "country", "THA", "--on", "2019-08-01", "--cite"],
    ["report", "agreement", "asean-russia-cpa-2016-2020", "--cite"],
    ["report", "sources"],
    ["report", "findings", "cow-igo"],
    ["report", "disagreements", "--bloc", "ASEAN"],
    ["report", "members", "ASEAN", "--on", "1999-08-01", "--all-claims", "--cite"],
]


def exports(directory: Path) -> list[list[str]]:
    return [
        ["export", "panel", "--unit", "country-year", "--out", str(directory / "cy.csv")],
        # One year: the whole dyad-year panel of the COW list takes over a minute.
        [
            "export",
            "panel",
            "--unit",
            "dyad-year",
            "--from",
            "2019",
            "--to",
            "2019",
            "--out",
            str(directory / "dy.parquet"),
        ],
        ["export", "panel", "--system", "gw", "--from", "2000", "--out", str(directory / "gw.csv")],
    ]


def reading_commands(directory: Path) -> list[list[str]]:
    """Reports as JSON (so answers compare as data) and both exports."""
    return [[*args, "--format", "json"] for args in REPORTS] + exports(directory)
