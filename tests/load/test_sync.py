"""Syncing: first load inserts, second changes nothing, edits update just their rows, pruning."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from bilateral_db.db import make_engine
from bilateral_db.fixtures import read_fixture_set
from bilateral_db.load import LoadError, load_fixtures
from bilateral_db.models.sources import FACT_ENTITIES


def _changed_tables(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> set[str]:
    return {table for table in before if before[table] != after[table]}


def _scalar(engine: Engine, sql: str) -> Any:
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


def test_first_load_inserts_and_second_load_changes_nothing(
    fresh_migrated_url: str, small_fixtures: Any, snapshot: Any
) -> None:
    engine = make_engine(fresh_migrated_url)
    try:
        fixture_set = read_fixture_set([small_fixtures.path])
        first = load_fixtures(engine, [small_fixtures.path])
        assert {e: c.inserted for e, c in first.entities.items()} == fixture_set.counts()
        assert first.changed
        after_first = snapshot(engine)

        second = load_fixtures(engine, [small_fixtures.path])

        assert not second.changed
        assert second.totals().unchanged == len(fixture_set)
        assert second.summary().startswith("no changes")
        assert snapshot(engine) == after_first
    finally:
        engine.dispose()


def test_every_country_and_bloc_is_an_actor_and_every_fact_is_cited(
    small_loaded_engine: Engine,
) -> None:
    actors = _scalar(small_loaded_engine, "SELECT count(*) FROM actor")
    countries = _scalar(small_loaded_engine, "SELECT count(*) FROM country")
    blocs = _scalar(small_loaded_engine, "SELECT count(*) FROM bloc")
    assert actors == countries + blocs
    fact_rows = sum(
        _scalar(small_loaded_engine, f"SELECT count(*) FROM {table}") for table in FACT_ENTITIES
    )
    assert _scalar(small_loaded_engine, "SELECT count(*) FROM fact") == fact_rows
    uncited = "SELECT count(*) FROM fact WHERE id NOT IN (SELECT fact_id FROM citation)"
    assert _scalar(small_loaded_engine, uncited) == 0


def test_term_single_seat_is_copied_from_its_post(small_loaded_engine: Engine) -> None:
    rows = """SELECT count(*) FROM term JOIN post ON post.id = term.post_id
              WHERE term.single_seat <> post.single_seat"""
    assert _scalar(small_loaded_engine, rows) == 0
    assert _scalar(small_loaded_engine, "SELECT count(*) FROM term WHERE single_seat") == 3


def test_a_posts_single_seat_change_reaches_its_terms(
    small_loaded_engine: Engine, small_fixtures: Any
) -> None:
    thai = "{country: THA, office: foreign-minister, title: Minister of Foreign Affairs, "
    small_fixtures.replace("posts.yaml", thai + "single_seat: true}", thai + "single_seat: false}")
    result = load_fixtures(small_loaded_engine, [small_fixtures.path])
    assert result.entities["post"].updated_keys == ["THA/foreign-minister"]
    assert not result.entities["term"].changed  # the database carries the copy along
    assert _scalar(small_loaded_engine, "SELECT count(*) FROM term WHERE single_seat") == 2
    assert not load_fixtures(small_loaded_engine, [small_fixtures.path]).changed


def test_one_field_in_one_file_updates_that_row_only(
    small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    small_fixtures.replace("people.yaml", "name: Igor Ivanov", "name: Igor S. Ivanov")
    before = snapshot(small_loaded_engine)

    result = load_fixtures(small_loaded_engine, [small_fixtures.path])

    assert result.entities["person"].updated == 1
    assert result.entities["person"].updated_keys == ["igor-ivanov"]
    assert [e for e, c in result.entities.items() if c.changed] == ["person"]
    after = snapshot(small_loaded_engine)
    assert _changed_tables(before, after) == {"person"}
    assert len(set(before["person"]) ^ set(after["person"])) == 2  # one row, old and new


def test_a_changed_locator_or_note_is_an_update_of_the_fact(
    small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    small_fixtures.replace(
        "people.yaml", "locator: Russian Foreign Minister Sergey Lavrov", "locator: paragraph 2"
    )
    small_fixtures.replace(
        "people.yaml", "note: Start from the predecessor's end.", "note: Start inferred."
    )
    before = snapshot(small_loaded_engine)

    result = load_fixtures(small_loaded_engine, [small_fixtures.path])

    assert result.entities["person"].updated_keys == ["sergey-lavrov"]
    assert sorted(result.entities["term"].updated_keys) == [
        "don-pramudwinai/THA/foreign-minister/2015-08-19",  # its note
        "sergey-lavrov/RUS/foreign-minister/2004-03-09",  # inherits the person's locator
    ]
    assert _changed_tables(before, snapshot(small_loaded_engine)) == {"citation", "fact"}
    locator = "SELECT DISTINCT locator FROM citation WHERE locator IS NOT NULL"
    assert _scalar(small_loaded_engine, locator) == "paragraph 2"
    assert not load_fixtures(small_loaded_engine, [small_fixtures.path]).changed


def test_rows_only_in_the_database_are_reported_and_kept_without_prune(
    small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    small_fixtures.replace("relations.yaml", "[energy, cybersecurity]", "[energy]")
    before = snapshot(small_loaded_engine)

    result = load_fixtures(small_loaded_engine, [small_fixtures.path])

    assert result.missing == {"relation_topic": ["RUS/THA/cybersecurity"]}
    assert not result.changed
    assert "load with --prune" in result.summary()
    assert snapshot(small_loaded_engine) == before


def test_prune_removes_rows_with_their_facts_and_citations(
    small_loaded_engine: Engine, small_fixtures: Any
) -> None:
    text_ = small_fixtures.file("people.yaml").read_text(encoding="utf-8")
    small_fixtures.file("people.yaml").write_text(
        text_[: text_.index("- slug: igor-ivanov")], encoding="utf-8"
    )

    result = load_fixtures(small_loaded_engine, [small_fixtures.path], prune=True)

    assert result.missing == {
        "person": ["igor-ivanov"],
        "term": ["igor-ivanov/RUS/foreign-minister/1998-09-11"],
    }
    assert result.entities["person"].removed == 1
    assert result.entities["term"].removed == 1
    assert _scalar(small_loaded_engine, "SELECT count(*) FROM person") == 2
    fact_rows = sum(
        _scalar(small_loaded_engine, f"SELECT count(*) FROM {table}") for table in FACT_ENTITIES
    )
    assert _scalar(small_loaded_engine, "SELECT count(*) FROM fact") == fact_rows
    orphans = "SELECT count(*) FROM citation WHERE fact_id NOT IN (SELECT id FROM fact)"
    assert _scalar(small_loaded_engine, orphans) == 0
    assert not load_fixtures(small_loaded_engine, [small_fixtures.path], prune=True).changed


def test_prune_removes_a_row_that_kept_rows_referred_to(
    small_loaded_engine: Engine, small_fixtures: Any
) -> None:
    """The meeting moves to a new city and the old city goes: update first, then delete."""
    small_fixtures.replace(
        "cities.yaml",
        "- {slug: bangkok, name: Bangkok, country: THA, geonames_id: 1609350}",
        "- {slug: krung-thep, name: Krung Thep, country: THA, geonames_id: 1609350}",
    )
    small_fixtures.replace("meetings.yaml", "city: bangkok", "city: krung-thep")

    result = load_fixtures(small_loaded_engine, [small_fixtures.path], prune=True)

    assert result.missing == {"city": ["bangkok"]}
    assert result.entities["city"].inserted == 1
    assert result.entities["meeting"].updated_keys == ["amm-52"]
    query = "SELECT city.slug FROM meeting JOIN city ON city.id = meeting.city_id"
    assert _scalar(small_loaded_engine, query) == "krung-thep"


def test_prune_removes_a_parent_meeting_and_its_child_in_one_load(
    small_loaded_engine: Engine, small_fixtures: Any
) -> None:
    """The child refers to the parent: it must go first, on both backends, in any row order."""
    small_fixtures.file("meetings.yaml").write_text("[]\n", encoding="utf-8")

    result = load_fixtures(small_loaded_engine, [small_fixtures.path], prune=True)

    assert result.missing["meeting"] == ["amm-52", "lavrov-don-talks-2019-07-30"]
    assert result.entities["meeting"].removed == 2
    assert _scalar(small_loaded_engine, "SELECT count(*) FROM meeting") == 0
    assert _scalar(small_loaded_engine, "SELECT count(*) FROM participant") == 0
    assert not load_fixtures(small_loaded_engine, [small_fixtures.path], prune=True).changed


def test_a_changed_key_conflicting_with_an_old_row_is_refused_until_pruned(
    small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    """A new start date is a new term; the old one still overlaps it in the database."""
    small_fixtures.replace("people.yaml", "start: 1998-09-11", "start: 1998-09-12")
    before = snapshot(small_loaded_engine)

    with pytest.raises(LoadError) as raised:
        load_fixtures(small_loaded_engine, [small_fixtures.path])

    message = str(raised.value)
    line = small_fixtures.line_of("people.yaml", "start: 1998-09-12")
    assert f"people.yaml:{line}: igor-ivanov/RUS/foreign-minister/1998-09-12" in message
    assert "--prune" in message
    assert snapshot(small_loaded_engine) == before

    result = load_fixtures(small_loaded_engine, [small_fixtures.path], prune=True)
    assert result.entities["term"].removed == 1
    assert result.entities["term"].inserted == 1


def test_dry_run_reports_and_writes_nothing(
    small_loaded_engine: Engine, small_fixtures: Any, snapshot: Any
) -> None:
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    small_fixtures.append("topics.yaml", "- {slug: tourism, name: Tourism}\n")
    before = snapshot(small_loaded_engine)

    result = load_fixtures(small_loaded_engine, [small_fixtures.path], dry_run=True)

    assert result.dry_run
    assert result.entities["topic"].updated_keys == ["energy"]
    assert result.entities["topic"].inserted == 1
    assert result.summary().startswith("dry run")
    assert snapshot(small_loaded_engine) == before


def test_money_is_exact_on_both_backends(fresh_migrated_url: str, small_fixtures: Any) -> None:
    """A thousand and more ten-cent values sum to the cent; floats would drift."""
    rows = [
        f"THA,RUS,{year}-{month:02d},export,agriculture,fob,observed,0.10,USD,exact,asean-members,,"
        for year in range(1901, 2001)
        for month in range(1, 13)
    ]
    small_fixtures.append("trade_figures.csv", "\n".join(rows) + "\n")
    engine = make_engine(fresh_migrated_url)
    try:
        load_fixtures(engine, [small_fixtures.path])
        small = "SELECT sum(value_minor) FROM trade_figure WHERE reporter_actor_id <> {}"
        thai = (
            "(SELECT id FROM actor WHERE country_id = (SELECT id FROM country WHERE code = 'THA'))"
        )
        total = _scalar(engine, small.format(thai))
        many = _scalar(engine, "SELECT sum(value_minor) FROM trade_figure") - total
    finally:
        engine.dispose()
    expected = Decimal("2600000000.10") + Decimal("19800000000.20") + Decimal("0.01")
    assert Decimal(total) / 100 == expected
    assert many == 1200 * 10
    assert sum([0.10] * 1200) != 120.0  # what storing floats would have given


def test_progress_reports_every_table_up_to_the_total(
    small_loaded_engine: Engine, small_fixtures: Any
) -> None:
    calls: list[tuple[str, int, int]] = []
    load_fixtures(
        small_loaded_engine,
        [small_fixtures.path],
        progress=lambda entity, done, total: calls.append((entity, done, total)),
    )
    done = [call[1] for call in calls]
    assert done == sorted(done)
    assert calls[-1][1] == calls[-1][2] == len(read_fixture_set([small_fixtures.path]))
    assert {call[0] for call in calls} >= {"country", "trade_figure"}


def test_bundled_default_is_used_without_paths(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """paths=None reads bilateral_db.resources.fixtures_dir()."""
    import bilateral_db.load as load_module

    seen: list[list[Path]] = []

    def fake_read(paths: list[Path]) -> Any:
        seen.append(paths)
        raise LoadError("stop")

    monkeypatch.setattr(load_module, "fixtures_dir", lambda: tmp_path)
    monkeypatch.setattr(load_module, "read_fixture_set", fake_read)
    with pytest.raises(LoadError):
        load_fixtures(None)  # type: ignore[arg-type]
    assert seen == [[tmp_path]]
