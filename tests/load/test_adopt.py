"""A bloc an import created becomes the curated bloc that names it in `cow_igo`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from bilateral_db.db import make_engine
from bilateral_db.load import load_fixtures


def _rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


MEMBERSHIPS = """
    SELECT b.code, c.code, m.role, m.start_date, r.slug FROM membership m
    JOIN bloc b ON b.id = m.bloc_id JOIN actor a ON a.id = m.actor_id
    JOIN country c ON c.id = a.country_id JOIN release r ON r.id = m.release_id
    WHERE b.code LIKE 'ASEAN%' ORDER BY 1, 2, 3, 4, 5
"""
COVERAGE = """
    SELECT b.code, count(*) FROM coverage v JOIN bloc b ON b.id = v.bloc_id
    WHERE b.code LIKE 'ASEAN%' GROUP BY b.code
"""


def test_an_imported_bloc_merges_into_the_curated_one_naming_it(
    small_imported_url: str, small_fixtures: Any
) -> None:
    engine = make_engine(small_imported_url)
    try:
        # The small ASEAN names no COW code, so COW IGO's ASEAN was imported as ASEAN-IGO.
        before = _rows(engine, MEMBERSHIPS)
        imported = [row for row in before if row[0] == "ASEAN-IGO"]
        assert imported and {row[4] for row in imported} == {"cow-igo-3.0"}
        coverage = dict(_rows(engine, COVERAGE))
        assert coverage.get("ASEAN-IGO")

        small_fixtures.replace(
            "blocs.yaml", "  wikidata: Q7768\n", "  wikidata: Q7768\n  cow_igo: ASEAN\n"
        )
        result = load_fixtures(engine, [small_fixtures.path])

        assert result.entities["bloc"].updated_keys == ["ASEAN"]
        after = _rows(engine, MEMBERSHIPS)
        assert after == sorted(("ASEAN", *row[1:]) for row in before)  # every claim kept
        assert dict(_rows(engine, COVERAGE)) == {
            "ASEAN": coverage.get("ASEAN", 0) + coverage["ASEAN-IGO"]
        }
        assert _rows(engine, "SELECT count(*) FROM bloc WHERE code = 'ASEAN-IGO'") == [(0,)]
        assert not load_fixtures(engine, [small_fixtures.path]).changed
    finally:
        engine.dispose()
