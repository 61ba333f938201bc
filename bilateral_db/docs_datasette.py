"""Datasette metadata from the data dictionary: every table, view and column described.

`bilateral-db docs datasette` writes it; `datasette bilateral.sqlite --metadata FILE` then shows
the models' column comments and the views' descriptions (bilateral_db.view_docs) beside the
data, as psql's \\d+ does.
"""

from __future__ import annotations

from typing import Any

from bilateral_db import __version__
from bilateral_db.docs_schema import view_columns
from bilateral_db.models import Base
from bilateral_db.view_docs import VIEW_DESCRIPTIONS, column_description

DESCRIPTION = (
    "A dated, cited database of international relations: countries, blocs and memberships, "
    "officials and terms, meetings, agreements and trade. Dates are stored as the first day of "
    "their period with a *_precision column; money as integer minor units. Start with the v_ "
    "views."
)


def datasette_metadata(database: str) -> dict[str, Any]:
    """The metadata document for the SQLite file Datasette serves as `database`."""
    tables: dict[str, Any] = {}
    for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
        tables[table.name] = {
            "description": table.comment or "",
            "columns": {column.name: column.comment or "" for column in table.columns},
        }
    for view, columns in view_columns().items():
        tables[view] = {
            "description": VIEW_DESCRIPTIONS.get(view, ""),
            "columns": {name: column_description(view, name) or "" for name, _ in columns},
        }
    return {
        "title": "bilateral_db",
        "description": DESCRIPTION,
        "source": f"bilateral_db {__version__}",
        "databases": {database: {"tables": tables}},
    }
