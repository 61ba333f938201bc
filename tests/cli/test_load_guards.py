"""`load --prune` asks before emptying a table or removing most of it; `load --wait` sets how
long a load waits for another one."""

from __future__ import annotations

from typing import Any

from support.locks import another_loader
from typer.testing import CliRunner

from bilateral_db.cli import app
from bilateral_db.db import make_engine
from bilateral_db.load import LoadError, LoadResult, load_fixture_set
from bilateral_db.load.guard import large_prunes, removals_at_most

runner = CliRunner()
TRADE_HEADER = (
    "reporter,partner,period,flow,category,valuation,status,value,currency,qualifier,"
    "sources,confidence,note\n"
)


def test_a_prune_that_empties_a_table_asks_first(
    small_loaded_url: str, small_fixtures: Any, snapshot: Any
) -> None:
    small_fixtures.file("trade_figures.csv").write_text(TRADE_HEADER, encoding="utf-8")
    engine = make_engine(small_loaded_url)
    try:
        before = snapshot(engine)
        args = ["load", str(small_fixtures.path), "--prune", "--db", small_loaded_url]
        refused = runner.invoke(app, args)
        assert refused.exit_code == 1, refused.output
        assert "--prune would remove trade_figure: all 4 rows" in refused.output
        assert "nothing was changed; run again with --yes" in refused.output
        assert snapshot(engine) == before

        agreed = runner.invoke(app, [*args, "--yes"])
        assert agreed.exit_code == 0, agreed.output
        assert "4 removed" in agreed.output
    finally:
        engine.dispose()


def test_a_small_prune_does_not_ask(small_loaded_url: str, small_fixtures: Any) -> None:
    small_fixtures.replace("topics.yaml", "- {slug: cybersecurity, name: Cybersecurity}\n", "")
    small_fixtures.replace("relations.yaml", "[energy, cybersecurity]", "[energy]")
    small_fixtures.replace("meetings.yaml", "cybersecurity", "energy")
    result = runner.invoke(
        app, ["load", str(small_fixtures.path), "--prune", "--db", small_loaded_url]
    )
    assert result.exit_code == 0, result.output
    assert "topic removed:" in result.output


def test_a_load_refuses_to_remove_more_than_was_agreed(
    small_loaded_url: str, small_fixtures: Any, snapshot: Any
) -> None:
    from bilateral_db.fixtures import read_fixture_set

    small_fixtures.file("trade_figures.csv").write_text(TRADE_HEADER, encoding="utf-8")
    fixture_set = read_fixture_set([small_fixtures.path])
    engine = make_engine(small_loaded_url)
    try:
        trial = load_fixture_set(engine, fixture_set, dry_run=True, prune=True)
        assert [str(item) for item in large_prunes(trial)] == ["trade_figure: all 4 rows"]
        before = snapshot(engine)
        agreed = {"trade_figure": 3}  # one fewer than the load would now remove
        try:
            load_fixture_set(engine, fixture_set, prune=True, check=removals_at_most(agreed))
        except LoadError as error:
            assert "trade_figure (4 rows, agreed to 3)" in str(error)
        else:
            raise AssertionError("the load removed more than agreed")
        assert snapshot(engine) == before
        done = load_fixture_set(
            engine, fixture_set, prune=True, check=removals_at_most({"trade_figure": 4})
        )
        assert isinstance(done, LoadResult)
        assert done.entities["trade_figure"].removed == 4
    finally:
        engine.dispose()


def test_wait_sets_how_long_a_load_waits_for_another(
    small_loaded_url: str, small_fixtures: Any
) -> None:
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    with another_loader(small_loaded_url):
        result = runner.invoke(
            app, ["load", str(small_fixtures.path), "--wait", "0.5", "--db", small_loaded_url]
        )
    assert result.exit_code == 1
    assert "another load is running" in result.output
    assert "gave up after waiting 0.5 s" in result.output
    negative = runner.invoke(app, ["load", "--wait", "-1", "--db", small_loaded_url])
    assert negative.exit_code == 2
