"""The one bulk-writing layer under every load and import.

- `write_transaction`: the one transaction a write runs in, exclusive between writers (a
  PostgreSQL advisory lock, SQLite's BEGIN IMMEDIATE), on a database migrated to head.
- `WriteError`, `FileError`, `Problem`: nothing was written, and why (file, line, field).
- `BulkWriter`: COPY (PostgreSQL) or executemany (SQLite), one chunk in memory.
- `target(...)`: a table's rows from one input: staged, checked, merged by the key the models
  declare (inserted/updated/unchanged/removed), or replaced where the table has no key.
- `statistics.refresh`: the planner's statistics of what the transaction wrote, renewed before
  the commit.
- `put_in_place`: the rows a new release wrote to a table partitioned by release
  (PostgreSQL), built beside it, attached as the release's partition once it is complete.
- `tables`: which tables hold a release's rows, and their keys, read from the models.

Each name is imported from its module on first use: a write that turns out to have nothing to
write (an unchanged `load`) takes the transaction and never loads the staging, merging and
COPY machinery, nor psycopg on SQLite.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilateral_db.writing.bulk import BulkWriter
    from bilateral_db.writing.errors import FileError, Problem, WriteError
    from bilateral_db.writing.merge import Changes
    from bilateral_db.writing.partitions import forget_build, put_in_place
    from bilateral_db.writing.targets import DuplicateMessage, Target, target
    from bilateral_db.writing.transaction import write_transaction

# Where each name lives (tests/writing/test_package.py checks this against the modules).
MODULES: dict[str, tuple[str, ...]] = {
    "bulk": ("BulkWriter",),
    "errors": ("FileError", "Problem", "WriteError"),
    "merge": ("Changes",),
    "partitions": ("forget_build", "put_in_place"),
    "targets": ("DuplicateMessage", "Target", "target"),
    "transaction": ("write_transaction",),
}
_MODULE_OF = {name: module for module, names in MODULES.items() for name in names}

__all__ = [
    "BulkWriter",
    "Changes",
    "DuplicateMessage",
    "FileError",
    "Problem",
    "Target",
    "WriteError",
    "forget_build",
    "put_in_place",
    "target",
    "write_transaction",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
