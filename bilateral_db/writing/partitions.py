"""PostgreSQL: a release's first rows of a table partitioned by release, built as a table of
their own and attached at once (models.base.PartitionedByRelease; trade_figure, migration 0016).

Writing a million rows into a live, indexed table maintains every index and checks every
foreign key row by row; building the same rows as a bare table, then its keys and indexes in
one pass each and its foreign keys validated by one join each, is what COPY-then-index costs.
So the targets of a release that has no partition yet fill the release's *build*, a bare table
shaped like the parent, which gets the parent's keys and indexes, read from the catalog, once
its rows are in. The first target copies its rows straight into the build, each with its line
in a column of the build's own, so that a row refused by a key or at the attach is still named
by line; the column is dropped at the attach (no rewrite: PostgreSQL no longer reads it).
When the release is complete (`put_in_place`, from the release's close) the build gets a
CHECK proving its bound (so that the attach need not scan it) and is attached as the
release's partition; the attach clones the parent's foreign keys and validates each by one
join. `ATTACH PARTITION` takes SHARE UPDATE EXCLUSIVE on the parent and SHARE ROW EXCLUSIVE on
the referenced tables: readers go on reading the last committed state, and see the release at
the commit. (Foreign keys the build brought itself would have their triggers on the referenced
tables replaced, under ACCESS EXCLUSIVE; one from the table to itself would lock the whole
table: models.base.PartitionedByRelease.)

A release that has its partition (a changed file) is merged into it in place (writing.merge):
only the rows that differ are written (compared in one join). Building it again and swapping
it in would take ACCESS EXCLUSIVE on the parent from the DETACH to the commit, through the
panels' rebuild, and readers would wait that long; the merge costs less than the build would
(measured in docs/performance.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, text
from sqlalchemy.exc import IntegrityError

from bilateral_db.models.base import POSTGRESQL_PARTITIONS, PartitionedByRelease
from bilateral_db.writing.errors import WriteError

if TYPE_CHECKING:  # the commit asks for builds on every write: it loads no staging for that
    from bilateral_db.writing.merge import Changes, SetBasedMerge
    from bilateral_db.writing.stage import Stage, TableStage

# connection.info: (the transaction, its builds not attached yet). Builds of a transaction that
# rolled back are forgotten with it: the pooled connection keeps its info.
_BUILDS = "bilateral_db.writing.partitions"
_INDEX = re.compile(r"^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ ")


def partitioning(connection: Connection, table: Table) -> PartitionedByRelease | None:
    """How `table` is partitioned on this connection's database: None on SQLite and for a
    table the models do not partition."""
    if connection.dialect.name != "postgresql":
        return None
    partitioned = table.info.get(POSTGRESQL_PARTITIONS)
    return partitioned if isinstance(partitioned, PartitionedByRelease) else None


def partition_name(table: str, release: int) -> str:
    return f"{table}_release_{int(release)}"


@dataclass
class ReleaseBuild:
    """The release's rows of one partitioned table, built beside it until attached."""

    connection: Connection
    table: Table
    release: int
    keyed: bool = False  # the build has its keys and indexes
    lined: bool = False  # the build has a line column: one target's stage is the build itself
    # Each target's stage and how it names a refused row by line: kept until the attach,
    # which validates the foreign keys.
    written: list[tuple[Stage, Callable[[], None]]] = field(default_factory=list)

    @property
    def partition(self) -> str:
        return partition_name(self.table.name, self.release)

    @property
    def build(self) -> str:
        return f"{self.partition}_build"

    def stage(self, columns: Sequence[str], fixed: Mapping[str, Any]) -> TableStage | None:
        """The build as the stage of the first target that writes it: its rows are copied
        into the build once, with their lines in a column of the build's own (dropped at the
        attach); None for another target, which stages its rows apart and inserts them."""
        from bilateral_db.writing.stage import LINE, TableStage

        if self.lined or self.keyed:
            return None
        self.connection.exec_driver_sql(f"ALTER TABLE {self.build} ADD COLUMN {LINE} integer")
        self.lined = True
        return TableStage(self.connection, self.build, columns, fixed)

    def insert(self, merge: SetBasedMerge, stage: Stage) -> int:
        """A stage's rows into the build: a bare table, until `key`."""
        plan = merge.plan
        columns = (*plan.staged, *plan.fixed)
        sql = (
            f"INSERT INTO {self.build} ({', '.join(columns)}) "
            f"SELECT {', '.join(merge.value(c) for c in columns)} FROM {stage.name} s"
        )
        return int(self.connection.execute(text(sql), plan.params()).rowcount)

    def key(self, stage: Stage, explain: Callable[[], None]) -> None:
        """The build's keys and indexes made (once), its rows' references to each other
        checked: a key given twice is refused here, by line (`explain`), while the input can
        still say where its lines are. The stage is kept until the attach."""
        self.written.append((stage, explain))
        if not self.keyed:
            try:
                with self.connection.begin_nested():
                    for statement in self._keys():
                        self.connection.exec_driver_sql(statement)
            except IntegrityError:
                explain()
                raise
            self.keyed = True
        self._check_self_references()

    def write(self, merge: SetBasedMerge, stage: Stage, explain: Callable[[], None]) -> Changes:
        """A stage's rows into the build, which is then keyed; what that changed."""
        from bilateral_db.writing.merge import Changes

        try:
            with self.connection.begin_nested():
                inserted = self.insert(merge, stage)
        except IntegrityError:  # into a build another target keyed
            explain()
            raise
        self.key(stage, explain)
        return Changes(rows=stage.rows, inserted=inserted)

    def finish(self) -> None:
        """The build's bound proven, the build attached as the release's partition (which
        clones and validates the parent's foreign keys) and analysed (the panels' rebuild
        reads it before the commit would)."""
        from bilateral_db.writing.stage import LINE

        self.connection.exec_driver_sql(
            f"ALTER TABLE {self.build} ADD CONSTRAINT {self.partition}_bound "
            f"CHECK (release_id = {int(self.release)})"
        )
        # Owned as the parent is, whichever member of its owner's role wrote it.
        owner = self.connection.execute(
            text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = CAST(:t AS regclass)"),
            {"t": self.table.name},
        ).scalar_one()
        quote = self.connection.dialect.identifier_preparer.quote
        try:
            # One savepoint: a refused attach leaves the build as it was (lines included) for
            # naming the row refused.
            with self.connection.begin_nested():
                if self.lined:  # dropping rewrites nothing: the lines' bytes stay unread
                    self.connection.exec_driver_sql(f"ALTER TABLE {self.build} DROP COLUMN {LINE}")
                self.connection.exec_driver_sql(
                    f"ALTER TABLE {self.build} RENAME TO {self.partition}"
                )
                self.connection.exec_driver_sql(
                    f"ALTER TABLE {self.partition} OWNER TO {quote(owner)}"
                )
                self.connection.exec_driver_sql(
                    f"ALTER TABLE {self.table.name} ATTACH PARTITION {self.partition} "
                    f"FOR VALUES IN ({int(self.release)})"
                )
        except IntegrityError:  # a reference to nothing: named by its line
            for _, explain in self.written:
                explain()
            raise
        for stage, _ in self.written:
            stage.drop()
        from bilateral_db.writing.statistics import analyse

        analyse(self.connection, self.table.name)  # not again at the commit

    def _check_self_references(self) -> None:
        """A row naming another row of the table (an alternative its claim) names one of the
        release's own: on PostgreSQL triggers keep that rule, not a foreign key (a foreign key
        to itself would make the attach lock the whole table), and the build has none yet."""
        for key in self.table.foreign_key_constraints:
            if key.referred_table is not self.table:
                continue
            pairs = [
                (c.name, e.column.name) for c, e in zip(key.columns, key.elements, strict=True)
            ]
            missing = self.connection.exec_driver_sql(
                f"SELECT {', '.join(f'b.{own}' for own, _ in pairs)} FROM {self.build} b "
                f"WHERE {' AND '.join(f'b.{own} IS NOT NULL' for own, _ in pairs)} "
                f"AND NOT EXISTS (SELECT 1 FROM {self.build} c WHERE "
                f"{' AND '.join(f'c.{other} = b.{own}' for own, other in pairs)}) LIMIT 1"
            ).first()
            if missing is not None:
                named = ", ".join(f"{own} {v}" for (own, _), v in zip(pairs, missing, strict=True))
                raise WriteError(
                    f"the database refused {self.table.name} rows: a row refers to another by "
                    f"{named}, which release {self.release} does not hold"
                )

    def _constraints(self, kinds: str) -> list[str]:
        """The parent's own constraints of `kinds` (pg_constraint.contype), as defined."""
        return list(
            self.connection.execute(
                text(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = CAST(:parent AS regclass) AND conparentid = 0 "
                    "AND strpos(:kinds, contype::text) > 0 ORDER BY contype DESC, conname"
                ),
                {"parent": self.table.name, "kinds": kinds},
            ).scalars()
        )

    def _keys(self) -> Iterator[str]:
        """The parent's keys and indexes on the build, each built in one pass, read from the
        catalog so that the attach finds each one made. Not its foreign keys: the attach
        clones them, validating each by one join; a partition that brought its own would
        have their triggers on the referenced tables replaced, which takes ACCESS EXCLUSIVE
        on those tables (release, actor, ...) until the commit."""
        for definition in self._constraints("pu"):
            yield f"ALTER TABLE {self.build} ADD {definition}"
        indexes = self.connection.execute(
            text(
                "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = CAST(:parent AS regclass) AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid "
                "AND c.conrelid = i.indrelid) ORDER BY 1"
            ),
            {"parent": self.table.name},
        ).scalars()
        for definition in indexes:
            yield _INDEX.sub(f"CREATE \\1INDEX ON {self.build} ", definition)


def build_for(
    connection: Connection, table: Table, fixed: Mapping[str, Any], release_column: str
) -> ReleaseBuild | None:
    """The build of the release's rows of `table` (one per release and table), or None where
    they are written in place: on SQLite, into a table the models do not partition, or into
    the partition the release has."""
    if partitioning(connection, table) is None:
        return None
    release = int(fixed[release_column])
    builds = _builds(connection)
    build = builds.get((table.name, release))
    if build is not None:
        return build
    name = partition_name(table.name, release)
    held = connection.execute(text("SELECT to_regclass(:name)"), {"name": name}).scalar()
    if held is not None:
        return None
    owner, may = connection.execute(
        text(
            "SELECT pg_get_userbyid(relowner), pg_has_role(relowner, 'USAGE') "
            "AND has_schema_privilege(relnamespace, 'CREATE') "
            "FROM pg_class WHERE oid = CAST(:table AS regclass)"
        ),
        {"table": table.name},
    ).one()
    if not may:
        raise WriteError(
            f"release {release}'s {table.name} rows go to a partition of their own, which only "
            f"the rights of {table.name}'s owner can attach: write as {owner}, or have {owner} "
            f"granted to {connection.execute(text('SELECT current_user')).scalar_one()}"
        )
    build = ReleaseBuild(connection, table, release)
    connection.exec_driver_sql(
        f"CREATE TABLE {build.build} (LIKE {table.name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
    )
    builds[(table.name, release)] = build
    return build


def put_in_place(connection: Connection) -> None:
    """Every build on the connection attached: its release's rows are all written. (The
    release's close calls it, so that the panels' rebuild reads the rows; the commit calls it
    for any write that did not.)"""
    builds = _builds(connection)
    while builds:
        builds.pop(next(iter(builds))).finish()


def forget_build(connection: Connection, table: str, release: int) -> None:
    """The build of `table`'s rows of `release` is gone (rolled back with a savepoint)."""
    _builds(connection).pop((table, int(release)), None)


def _builds(connection: Connection) -> dict[tuple[str, int], ReleaseBuild]:
    """The builds of the connection's transaction, by table and release."""
    transaction = connection.get_transaction()
    held = connection.info.get(_BUILDS)
    if held is None or held[0] is not transaction:
        held = connection.info[_BUILDS] = (transaction, {})
    builds: dict[tuple[str, int], ReleaseBuild] = held[1]
    return builds


def ensure_partition(connection: Connection, table: Table, release: int) -> None:
    """The release's partition of `table`, created empty if it has none (PostgreSQL), for a
    writer that inserts rows one by one (the imports build theirs). Creating a partition
    takes ACCESS EXCLUSIVE on `table` until the commit: readers wait for it."""
    if partitioning(connection, table) is None:
        return
    name = partition_name(table.name, release)
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {table.name} "
        f"FOR VALUES IN ({int(release)})"
    )
