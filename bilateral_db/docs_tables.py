"""Write `bilateral_db/tables.py`: every table of the models as a Core `Table`, for readers.

A report, an export and the API read through Core tables and need neither the ORM nor the
declarative models (importing them costs more than SQLAlchemy itself: issue 15's start-up
target). The module is generated from the models' metadata, never written by hand, and
`tests/test_tables.py` holds it equal to the metadata: columns, types, nullability, primary
and foreign keys — what a query needs to compile and to read its results. Constraints,
indexes, defaults and comments stay with the models and the migrations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Column, ForeignKeyConstraint, Table

HEADER = '''"""Every table of the schema as a SQLAlchemy Core `Table`: what readers select from.

Generated from the models by `bilateral-db docs tables`; do not edit. Reports, exports and the
API import this module instead of `bilateral_db.models`, so a read loads neither the ORM nor
the declarative models. Columns carry their types, nullability and keys; constraints, indexes,
defaults and comments live in the models and the migrations. A table is built on first use,
with the tables its foreign keys name (so joins find them): a report builds the few it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock
from typing import TYPE_CHECKING

from sqlalchemy import (
{imports}
)

METADATA = MetaData()
_BUILDING = Lock()

if TYPE_CHECKING:
{declarations}'''

FOOTER = """

# Each table's builder and the tables its foreign keys name.
BUILDERS: dict[str, tuple[Callable[[], Table], str]] = {{
{builders}
}}


def __getattr__(name: str) -> Table:
    if name not in BUILDERS:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    with _BUILDING:  # the API's threads may ask for a table at once
        pending = [name]
        while pending:
            wanted = pending.pop()
            if wanted not in globals():
                build, references = BUILDERS[wanted]
                globals()[wanted] = build()
                pending.extend(references.split())
    table: Table = globals()[name]
    return table
"""


def default_path() -> Path:
    return Path(__file__).with_name("tables.py")


def constant(table_name: str) -> str:
    """The module-level name of a table: `trade_figure` is TRADE_FIGURE."""
    return table_name.upper()


def _quoted(name: str) -> str:
    return json.dumps(name)


def _column(column: Column[Any]) -> str:
    parts = [_quoted(column.name), repr(column.type)]
    parts += [
        f"ForeignKey({_quoted(key.target_fullname)})"
        for key in column.foreign_keys
        if len(key.constraint.elements) == 1  # type: ignore[union-attr]
    ]
    if column.primary_key:
        parts.append("primary_key=True")
    elif not column.nullable:
        parts.append("nullable=False")
    return f"    Column({', '.join(parts)}),"


def _composite(constraint: ForeignKeyConstraint) -> str:
    columns = ", ".join(_quoted(name) for name in constraint.column_keys)
    targets = ", ".join(_quoted(key.target_fullname) for key in constraint.elements)
    return f"    ForeignKeyConstraint([{columns}], [{targets}]),"


def _table(table: Table) -> list[str]:
    composite = sorted(
        (key for key in table.foreign_key_constraints if len(key.elements) > 1),
        key=lambda key: list(key.column_keys),
    )
    return [
        "",
        "",
        f"def _{table.name}() -> Table:",
        "    return Table(",
        f"        {_quoted(table.name)},",
        "        METADATA,",
        *(f"    {_column(column)}" for column in table.columns),
        *(f"    {_composite(key)}" for key in composite),
        "    )",
    ]


LINE_LENGTH = 100  # the project's (pyproject.toml, tool.ruff)


def _builder(table: Table) -> str:
    references = sorted(
        {constant(key.column.table.name) for key in table.foreign_keys} - {constant(table.name)}
    )
    name, build, needs = (
        _quoted(constant(table.name)),
        f"_{table.name}",
        _quoted(" ".join(references)),
    )
    line = f"    {name}: ({build}, {needs}),"
    if len(line) <= LINE_LENGTH:
        return line
    return f"    {name}: (\n        {build},\n        {needs},\n    ),"  # as ruff formats it


def render_tables() -> str:
    from bilateral_db.models import import_all

    tables = sorted(import_all().metadata.tables.values(), key=lambda table: table.name)
    types = {type(column.type).__name__ for table in tables for column in table.columns}
    names = sorted({"Column", "ForeignKey", "ForeignKeyConstraint", "MetaData", "Table", *types})
    declarations = "\n".join(f"    {constant(table.name)}: Table" for table in tables)
    lines = [
        HEADER.format(
            imports="\n".join(f"    {name}," for name in names), declarations=declarations
        )
    ]
    for table in tables:
        lines += _table(table)
    lines.append(FOOTER.format(builders="\n".join(_builder(table) for table in tables)))
    return "\n".join(lines)
