"""The dyad-year panel's diplomacy variables from the Office of the Historian's records, on the
database quickstart builds: visits (travels of the President and the Secretary of State, visits
of foreign leaders to the U.S.) and whether a U.S. chief of mission held the post on 1 July."""

from __future__ import annotations

from sqlalchemy import Engine, text

DYAD = """
    SELECT year, meetings, visits_to, visits_from, envoy_present, envoy_source, meetings_source
    FROM v_dyad_year WHERE iso1 = :a AND iso2 = :b AND year IN (2010, 2012, 2016) ORDER BY year
"""


def _rows(engine: Engine, a: str, b: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(text(DYAD), {"a": a, "b": b}).all()
    return [
        (r[0], r[1], r[2], r[3], None if r[4] is None else bool(r[4]), r[5], r[6]) for r in rows
    ]


def test_us_visits_and_envoys_to_thailand(loaded_engine: Engine) -> None:
    """Travels: President Obama and Secretary Clinton in Bangkok on 2012-11-18 (two stops).
    Visits: Prime Minister Prayut Chan-o-cha to the U.S. on 2016-02-16 and 2016-03-31.
    Chiefs of mission: Eric G. John to 2010-03-02, Kristie Ann Kenney from 2011-01-19, Glyn T.
    Davies from 2015-09-22 (so none on 1 July 2010)."""
    travels, visits = "hsg-travels-2025-02-19", "hsg-visits-2024-11-12"
    assert _rows(loaded_engine, "USA", "THA") == [
        (2010, 0, 0, 0, False, "curated; pocom-2025-03-25", None),
        (2012, 2, 2, 0, True, "pocom-2025-03-25", travels),
        (2016, 2, 0, 2, True, "curated", visits),  # the curated term is preferred
    ]
    # No record of Thailand's envoys: not covered, not "none".
    assert _rows(loaded_engine, "THA", "USA") == [
        (2010, 0, 0, 0, None, None, None),
        (2012, 2, 0, 2, None, None, travels),
        (2016, 2, 2, 0, None, None, visits),
    ]
