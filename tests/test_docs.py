"""The generated schema docs are current, and every cookbook query gives its stated answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bilateral_db.docs_cookbook import cookbook_path, normalise, read_recipes
from bilateral_db.docs_schema import render_schema

DOCS = Path(__file__).resolve().parent.parent / "docs"
RECIPES = read_recipes(cookbook_path().read_text(encoding="utf-8"))


def test_schema_doc_is_up_to_date() -> None:
    committed = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert committed == render_schema(), "docs/schema.md is stale: run `bilateral-db docs schema`"


def test_schema_doc_covers_every_table_column_and_view() -> None:
    from bilateral_db.models import Base

    doc = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert "```mermaid\nerDiagram" in doc
    for table in Base.metadata.tables.values():
        assert f"### {table.name}\n" in doc
        for column in table.columns:
            assert column.comment, f"{table.name}.{column.name} has no comment"
            assert f"| `{column.name}` |" in doc
    for view in ("v_membership", "v_term", "v_meeting_participant", "v_trade", "v_dyad_year"):
        assert f"### {view}\n" in doc


def test_cookbook_has_at_least_twelve_answered_recipes() -> None:
    assert len(RECIPES) >= 12
    assert all(recipe.expected for recipe in RECIPES)


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda recipe: recipe.title.split(".")[0])
def test_cookbook_recipe_answers(loaded_engine: Engine, recipe) -> None:
    with loaded_engine.connect() as connection:
        rows = [[normalise(v) for v in row] for row in connection.execute(text(recipe.sql))]
    assert rows == recipe.expected, recipe.title


def test_docs_schema_check_command() -> None:
    from typer.testing import CliRunner

    from bilateral_db.cli import app

    result = CliRunner().invoke(app, ["docs", "schema", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
