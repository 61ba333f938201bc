"""Regions a data set names that the database does not hold yet, created by its release.

UN Comtrade's World, areas n.e.s., special partners, territories and combinations are regions
(docs/trade-files.md): actors with no members of their own. A region the database holds,
curated or written by a release, is used as it is. One it lacks is created when the import
first meets it: its region and actor ids are taken at once (the figures naming it may be
inserted while the files are still read) and the new rows are written together, one statement
a table, before any figure refers to them (`flush`). They are the release's rows (`release_id`,
like the blocs COW IGO creates): `load` neither lists nor prunes them, and adopts a region when
the fixtures come to define its code (load/adopt.py). A region the release created that its
new file no longer names goes, unless some other row still names it (`drop_unused`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from bilateral_db.models import Actor, Region
from bilateral_db.writing.jobs import settle

TABLE = "region"  # the key of a region's actor in actor_ids: (TABLE, code)


class Regions:
    """Region actors by code: those held, and those this import creates as it meets them."""

    def __init__(
        self, connection: Connection, release_id: int, actors: dict[tuple[str, str], int]
    ) -> None:
        self.connection = connection
        self.release_id = release_id
        self.actors = actors  # actor_ids(connection): new regions are added to it
        self.met: set[str] = set()
        self.created: list[str] = []
        self.pending: list[dict[str, Any]] = []
        self.postgresql = connection.dialect.name == "postgresql"
        if not self.postgresql:  # the writer holds SQLite's lock: ids after the highest
            self.next_region = (connection.scalar(select(func.max(Region.id))) or 0) + 1
            self.next_actor = (connection.scalar(select(func.max(Actor.id))) or 0) + 1

    def held(self, code: str) -> int | None:
        """The actor of the region `code` if the database holds it (then it is met)."""
        found = self.actors.get((TABLE, code))
        if found is not None:
            self.met.add(code)
        return found

    def actor(
        self, code: str, name: str, kind: str, m49: str | None, description: str | None
    ) -> int:
        """The actor of the region `code`, created (written at the next flush) if not held."""
        found = self.held(code)
        if found is not None:
            return found
        self.met.add(code)
        region_id, actor_id = self._new_ids()
        self.pending.append(
            {
                "id": region_id,
                "code": code,
                "name": name,
                "kind": kind,
                "m49_code": m49,
                "description": description,
                "release_id": self.release_id,
                "actor_id": actor_id,
            }
        )
        self.actors[(TABLE, code)] = actor_id
        self.created.append(code)
        return actor_id

    def shared_codes(self) -> dict[str, str]:
        """Codes of regions met that are also a country's or a bloc's: code -> that table
        (a report given the code answers for the country or bloc)."""
        return {
            code: table
            for code in sorted(self.met)
            for table in ("country", "bloc")
            if (table, code) in self.actors
        }

    def flush(self) -> None:
        """Write the regions created so far, and their actors."""
        if not self.pending:
            return
        settle(self.connection)  # a batch of figures may be being written
        rows, self.pending = self.pending, []
        self.connection.execute(
            insert(Region), [{k: v for k, v in row.items() if k != "actor_id"} for row in rows]
        )
        self.connection.execute(
            insert(Actor), [{"id": row["actor_id"], "region_id": row["id"]} for row in rows]
        )

    def drop_unused(self) -> list[str]:
        """Remove the regions this release created earlier that this import did not meet,
        but those another row still names (kept, so nothing loses its reference); the codes
        removed. Called once the release's figures are merged."""
        held = self.connection.execute(
            select(Region.id, Region.code).where(Region.release_id == self.release_id)
        ).all()
        dropped = []
        for region_id, code in held:
            if code in self.met:
                continue
            try:
                with self.connection.begin_nested():
                    self.connection.execute(delete(Actor).where(Actor.region_id == region_id))
                    self.connection.execute(delete(Region).where(Region.id == region_id))
            except IntegrityError:  # another release's row names it
                continue
            self.actors.pop((TABLE, code), None)
            dropped.append(code)
        return dropped

    def _new_ids(self) -> tuple[int, int]:
        if not self.postgresql:
            ids = (self.next_region, self.next_actor)
            self.next_region += 1
            self.next_actor += 1
            return ids
        settle(self.connection)  # a batch of figures may be being inserted
        row = self.connection.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence('region', 'id')), "
                "nextval(pg_get_serial_sequence('actor', 'id'))"
            )
        ).one()
        return int(row[0]), int(row[1])
