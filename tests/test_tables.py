"""The readers' Core tables (`bilateral_db/tables.py`) are the models' tables: generated from
them, current, and equal column by column, key by key."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from sqlalchemy import Table

import bilateral_db.tables as tables
from bilateral_db.docs_tables import constant, default_path, render_tables
from bilateral_db.models import import_all

MODELS = import_all().metadata.tables


def test_the_module_is_current() -> None:
    committed = default_path().read_text(encoding="utf-8")
    assert committed == render_tables(), (
        "bilateral_db/tables.py is stale: run `bilateral-db docs tables`"
    )


def _columns(table: Table) -> list[tuple[Any, ...]]:
    return [
        (column.name, repr(column.type), column.nullable, column.primary_key)
        for column in table.columns
    ]


def _foreign_keys(table: Table) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    return {
        (
            tuple(key.column_keys),
            tuple(f"{element.column.table.name}.{element.column.name}" for element in key.elements),
        )
        for key in table.foreign_key_constraints
    }


@pytest.mark.parametrize("name", sorted(MODELS))
def test_each_table_is_the_models_table(name: str) -> None:
    table = getattr(tables, constant(name))
    model = MODELS[name]
    assert table.name == model.name
    assert _columns(table) == _columns(model)
    # Every foreign key resolves among the tables built with it, and names what the model's does.
    assert _foreign_keys(table) == _foreign_keys(model)


def test_no_table_is_left_out_and_no_name_is_unknown() -> None:
    assert set(tables.BUILDERS) == {constant(name) for name in MODELS}
    with pytest.raises(AttributeError, match="no attribute 'COUNTRIES'"):
        tables.COUNTRIES  # noqa: B018


def test_a_table_is_built_with_what_its_foreign_keys_name_and_nothing_else() -> None:
    script = (
        "import bilateral_db.tables as t\nt.MEMBERSHIP\nprint(' '.join(sorted(t.METADATA.tables)))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert output == [
        "actor",
        "bloc",
        "bloc_kind",
        "country",
        "fact",
        "membership",
        "membership_role",
        "region",
        "region_kind",
        "release",
        "source",
    ]


def test_docs_tables_check_command() -> None:
    from typer.testing import CliRunner

    from bilateral_db.cli import app

    result = CliRunner().invoke(app, ["docs", "tables", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
