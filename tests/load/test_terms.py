"""A source's new term is a row: loaded before the records using it, pruned when unused."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from bilateral_db.db import make_engine
from bilateral_db.load import LoadError, load_fixtures

POCOM = Path(__file__).parent.parent / "data" / "pocom_promoted"


def _rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


@pytest.fixture
def engine(fresh_migrated_url: str) -> Any:
    engine = make_engine(fresh_migrated_url)
    yield engine
    engine.dispose()


def test_a_term_is_written_before_the_records_using_it_and_updated_in_place(
    engine: Engine, small_fixtures: Any, tmp_path: Path
) -> None:
    first = load_fixtures(engine, [small_fixtures.path, POCOM])
    assert first.entities["end_reason"].inserted == 1
    assert _rows(
        engine,
        "SELECT r.code, s.slug FROM end_reason r JOIN source s ON s.id = r.source_id",
    ) == [("promoted", "hsg-chiefs-of-mission-thailand")]
    assert _rows(engine, "SELECT end_reason FROM term WHERE end_reason IS NOT NULL") == [
        ("promoted",)
    ]
    assert not load_fixtures(engine, [small_fixtures.path, POCOM]).changed

    edited = tmp_path / "pocom"
    shutil.copytree(POCOM, edited)
    path = edited / "vocabularies.yaml"
    path.write_text(path.read_text("utf-8").replace("The holder", "The chief"), "utf-8")
    again = load_fixtures(engine, [small_fixtures.path, edited])
    assert (again.entities["end_reason"].updated, again.entities["end_reason"].inserted) == (1, 0)
    [(description,)] = _rows(engine, "SELECT description FROM end_reason WHERE code = 'promoted'")
    assert description.startswith("The chief was promoted")
    # The seeded terms are left as the migration wrote them.
    assert _rows(engine, "SELECT count(*) FROM end_reason WHERE source_id IS NULL") == [(8,)]


def test_prune_removes_a_term_no_file_adds_with_the_records_that_used_it(
    engine: Engine, small_fixtures: Any
) -> None:
    load_fixtures(engine, [small_fixtures.path, POCOM])
    kept = load_fixtures(engine, [small_fixtures.path])
    assert kept.entities["end_reason"].missing == ["promoted"]
    assert "in the database only" in kept.summary()
    pruned = load_fixtures(engine, [small_fixtures.path], prune=True)
    assert pruned.entities["end_reason"].removed == 1
    assert pruned.entities["term"].removed == 1
    assert _rows(engine, "SELECT count(*) FROM end_reason WHERE source_id IS NOT NULL") == [(0,)]


def test_prune_refuses_to_remove_a_term_rows_of_a_data_set_still_use(
    engine: Engine, small_fixtures: Any, tmp_path: Path
) -> None:
    """Rows no fixture states (an imported release's) are never pruned: their term stays."""
    load_fixtures(engine, [small_fixtures.path, POCOM])
    without = tmp_path / "pocom"
    shutil.copytree(POCOM, without)
    (without / "vocabularies.yaml").unlink()
    people = without / "people.yaml"
    people.write_text(people.read_text("utf-8").split("  terms:")[0], "utf-8")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO release (id, slug, dataset, title, precedence) "
                "VALUES (90, 'test-release', 'test', 'A release for the test', 90)"
            )
        )
        connection.execute(text("UPDATE term SET release_id = 90 WHERE end_reason = 'promoted'"))
    before = _rows(engine, "SELECT code FROM end_reason ORDER BY code")
    with pytest.raises(LoadError, match=r"rows of term still use them \('promoted' by 1\)"):
        load_fixtures(engine, [small_fixtures.path, without], prune=True)
    assert _rows(engine, "SELECT code FROM end_reason ORDER BY code") == before
