"""What the trade-file importers (comtrade, trade) share: the figure's columns, the actors codes
name, and product categories by code.

A figure names its reporter and partner by a country's ISO code, a bloc's code or a region's
code (WORLD, AFRICA); all are actors. A Comtrade file names HS and SITC codes that the curated
categories do not hold: they are added to `product_category` as the nomenclature's entries
(code `hs2012:0101`, scheme, revision, parent the code one level up, the chapter's parent
`all-goods`), shared by every release like the curated ones, since a category is a term of a
nomenclature, not a claim.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, text

from bilateral_db.core.vocabulary import CategoryScheme
from bilateral_db.models import Actor, Bloc, Country, ProductCategory, Region
from bilateral_db.writing.bulk import BulkWriter
from bilateral_db.writing.jobs import settle

# A staged figure: its line, then these values (the series and currency are the input's).
FIGURE_COLUMNS = (
    "reporter_actor_id",
    "partner_actor_id",
    "period_start",
    "period_end",
    "period_precision",
    "flow",
    "category_id",
    "valuation",
    "value_status",
    "value_minor",
    "quantity_milli",
    "quantity_unit",
    "qualifier",
)
ALL_GOODS = "all-goods"
RESERVE = 1000  # category ids taken from the sequence at a time
# A nomenclature's prefix in our category codes -> its scheme and the digits a level adds
# (HS: chapter 27, heading 2710, subheading 271012; SITC: 3, 33, 334, 3341, 33411). BEC has
# no scheme of ours.
SCHEMES = {"hs": (CategoryScheme.HS, 2), "sitc": (CategoryScheme.SITC, 1)}


def actor_ids(connection: Connection) -> dict[tuple[str, str], int]:
    """(table, code) -> actor id, for every country ("country", "USA"), bloc ("bloc", "EU")
    and region ("region", "WORLD"), in that order (a code two tables share: see by_code)."""
    found: dict[tuple[str, str], int] = {}
    for table, model, column in (
        ("country", Country, Actor.country_id),
        ("bloc", Bloc, Actor.bloc_id),
        ("region", Region, Actor.region_id),
    ):
        for code, actor in connection.execute(
            select(model.code, Actor.id).join(Actor, column == model.id)
        ):
            found[(table, code)] = actor
    return found


def by_code(actors: dict[tuple[str, str], int]) -> dict[str, int]:
    """Code -> actor id, as reports resolve a code: a country's before a bloc's before a
    region's (reports/lookup.py), so a file naming a shared code means what a report shows."""
    found: dict[str, int] = {}
    for (_, code), actor in actors.items():
        found.setdefault(code, actor)
    return found


class Categories:
    """Product categories by code: those the database holds, and nomenclature codes added as
    they are first met (where `added_by`, the importing release, is given), with their
    parents. New ones take their ids at once (from the table's sequence on PostgreSQL, after
    the highest on SQLite, whose writer holds the file's lock) and are written together by
    `flush`, before the figures that refer to them. They belong to the release that added
    them, so `load` does not take them for fixture rows that were removed."""

    def __init__(self, connection: Connection, *, added_by: int | None) -> None:
        self.connection = connection
        self.added_by = added_by
        self.ids: dict[str, int] = {
            code: id_
            for code, id_ in connection.execute(select(ProductCategory.code, ProductCategory.id))
        }
        self.pending: list[dict[str, Any]] = []
        self.reserved: list[int] = []
        self.next_id = max(self.ids.values(), default=0) + 1
        self.added = 0

    def id(self, code: str) -> int | None:
        """The category's id; None where it is not held and cannot be added (a BEC code)."""
        found = self.ids.get(code)
        if found is not None or self.added_by is None:
            return found
        prefix, _, digits = code.partition(":")
        nomenclature = SCHEMES.get(prefix.rstrip("0123456789"))
        if nomenclature is None or not digits.isdigit():
            return None
        scheme, step = nomenclature
        top = len(digits) <= step
        parent = self.ids[ALL_GOODS] if top else self.id(f"{prefix}:{digits[:-step]}")
        revision = prefix.upper() if prefix != scheme.value else None
        new = self._new_id()
        self.pending.append(
            {
                "id": new,
                "code": code,
                "name": f"{(revision or scheme.value.upper())} {digits}",
                "scheme": scheme.value,
                "revision": revision,
                "parent_id": parent,
                "release_id": self.added_by,
            }
        )
        self.ids[code] = new
        self.added += 1
        return new

    def flush(self) -> None:
        """Write the categories added so far (parents before their children)."""
        if self.pending:
            settle(self.connection)  # a batch of figures may be being written
            columns = tuple(self.pending[0])
            writer = BulkWriter(self.connection, ProductCategory.__tablename__, columns)
            for category in self.pending:
                writer.add(tuple(category.values()))
            writer.close()
            self.pending.clear()

    def _new_id(self) -> int:
        if self.connection.dialect.name != "postgresql":
            self.next_id += 1
            return self.next_id - 1
        if not self.reserved:
            settle(self.connection)  # a batch of figures may be being inserted
            self.reserved = list(
                self.connection.execute(
                    text(
                        "SELECT nextval(pg_get_serial_sequence('product_category', 'id')) "
                        "FROM generate_series(1, :n)"
                    ),
                    {"n": RESERVE},
                ).scalars()
            )[::-1]
        return self.reserved.pop()
