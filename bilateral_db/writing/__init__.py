"""The one bulk-writing layer under every load and import.

- `write_transaction`: the one transaction a write runs in, exclusive between writers (a
  PostgreSQL advisory lock, SQLite's BEGIN IMMEDIATE), on a database migrated to head.
- `WriteError`, `FileError`, `Problem`: nothing was written, and why (file, line, field).
- `BulkWriter`: COPY (PostgreSQL) or executemany (SQLite), one chunk in memory.
- `target(...)`: a table's rows from one input: staged, checked, merged by the key the models
  declare (inserted/updated/unchanged/removed), or replaced where the table has no key.
- `statistics.refresh`: the planner's statistics of what the transaction wrote, renewed before
  the commit.
- `tables`: which tables hold a release's rows, and their keys, read from the models.
"""

from __future__ import annotations

from bilateral_db.writing.bulk import BulkWriter
from bilateral_db.writing.errors import FileError, Problem, WriteError
from bilateral_db.writing.merge import Changes
from bilateral_db.writing.target import DuplicateMessage, Target, target
from bilateral_db.writing.transaction import write_transaction

__all__ = [
    "BulkWriter",
    "Changes",
    "DuplicateMessage",
    "FileError",
    "Problem",
    "Target",
    "WriteError",
    "target",
    "write_transaction",
]
