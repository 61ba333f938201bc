"""Operations our migrations call through Alembic's `op`: view versions, overlap guards and
vocabulary tables.

FROZEN. Migrations that have run on users' databases call these operations, so the SQL an
existing call emits must never change: add an operation, or a keyword argument whose default
keeps the old output, rather than edit one. tests/test_migrations.py holds what every revision
builds, on both backends, against tests/data/migration_catalog/.

Migrations never import `bilateral_db` (today's code must not change what an old migration
does), so they cannot import this module either: alembic/env.py loads it, which registers these
operations on `op` before any migration runs. It imports only Alembic, SQLAlchemy and the
standard library.

Views are versioned files: alembic/views/<view>/<version>.<backend>.sql (backend: sqlite or
postgresql), or <version>.sql where both backends read the same text. A file holds the query
that follows `CREATE VIEW <view> AS `, byte for byte (SQLite keeps the text as written). A
version is named after the migration that first creates it and is frozen once that migration is
merged; changing a view means a new version and a migration that replaces the old one:

    op.create_view("v_claim", "0003")                    # its downgrade: op.drop_view(…, "0003")
    op.replace_view("v_trade", new="0004", old="0003")   # its downgrade: new="0003", old="0004"
    op.drop_view("v_trade", "0003")                      # names the version the downgrade restores

replace_view first drops the views that read the view (and the views that read those), then
recreates them as the database held them. drop_view refuses while another view reads the view.
"""

from __future__ import annotations

import graphlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic.operations import MigrateOperation, Operations
from sqlalchemy import Connection, text

VIEWS_DIR = Path(__file__).resolve().with_name("views")


def view_sql(name: str, version: str, backend: str) -> str:
    """The query of one version of a view on one backend, exactly as its file holds it."""
    folder = VIEWS_DIR / name
    for path in (folder / f"{version}.{backend}.sql", folder / f"{version}.sql"):
        if path.is_file():
            return path.read_bytes().decode("utf-8")
    raise FileNotFoundError(
        f"view {name} has no version {version} for {backend}: expected "
        f"{folder / f'{version}.{backend}.sql'} or {folder / f'{version}.sql'}"
    )


# --- views -----------------------------------------------------------------------------------


@Operations.register_operation("create_view")
class CreateViewOp(MigrateOperation):
    """CREATE VIEW from one version's file."""

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version

    @classmethod
    def create_view(cls, operations: Operations, name: str, version: str) -> None:
        operations.invoke(cls(name, version))


@Operations.register_operation("drop_view")
class DropViewOp(MigrateOperation):
    """DROP VIEW; `version` is the one dropped, which the migration's downgrade creates again."""

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version

    @classmethod
    def drop_view(cls, operations: Operations, name: str, version: str) -> None:
        operations.invoke(cls(name, version))


@Operations.register_operation("replace_view")
class ReplaceViewOp(MigrateOperation):
    """Version `old` of a view becomes version `new`; the views reading it are kept."""

    def __init__(self, name: str, new: str, old: str) -> None:
        self.name = name
        self.new = new
        self.old = old

    @classmethod
    def replace_view(cls, operations: Operations, name: str, new: str, old: str) -> None:
        operations.invoke(cls(name, new, old))


def _execute(operations: Operations, sql: str) -> None:
    # A view's text is SQL, not a template: a colon never starts a bind parameter.
    operations.execute(text(sql.replace(":", "\\:")))


def _create(operations: Operations, name: str, version: str) -> None:
    backend = operations.get_bind().dialect.name
    _execute(operations, f"CREATE VIEW {name} AS {view_sql(name, version, backend)}")


@Operations.implementation_for(CreateViewOp)
def _create_view(operations: Operations, operation: CreateViewOp) -> None:
    _create(operations, operation.name, operation.version)


@Operations.implementation_for(DropViewOp)
def _drop_view(operations: Operations, operation: DropViewOp) -> None:
    readers = sorted(_readers(_views_read(operations.get_bind()), operation.name))
    if readers:
        raise RuntimeError(
            f"cannot drop view {operation.name}: {', '.join(readers)} read it. Drop those "
            "first, or use op.replace_view, which recreates them."
        )
    _execute(operations, f"DROP VIEW {operation.name}")


@Operations.implementation_for(ReplaceViewOp)
def _replace_view(operations: Operations, operation: ReplaceViewOp) -> None:
    connection = operations.get_bind()
    reads = _views_read(connection)
    readers = _readers(reads, operation.name)
    # Dependencies first: a view is recreated after every view it reads.
    order = list(
        graphlib.TopologicalSorter({view: reads[view] & readers for view in readers}).static_order()
    )
    saved = {view: _definition(connection, view) for view in order}
    for view in reversed(order):
        _execute(operations, f"DROP VIEW {view}")
    _execute(operations, f"DROP VIEW {operation.name}")
    _create(operations, operation.name, operation.new)
    for view in order:
        for statement in saved[view]:
            _execute(operations, statement)


def _readers(reads: dict[str, set[str]], name: str) -> set[str]:
    """The views that read `name`, directly or through other views."""
    found: set[str] = set()
    pending = [name]
    while pending:
        target = pending.pop()
        for view, sources in reads.items():
            if target in sources and view not in found and view != name:
                found.add(view)
                pending.append(view)
    return found


def _views_read(connection: Connection) -> dict[str, set[str]]:
    """Each view of the database -> the other views it selects from."""
    if connection.dialect.name == "postgresql":
        views: dict[str, set[str]] = {
            name: set()
            for (name,) in connection.exec_driver_sql(
                "SELECT relname FROM pg_class WHERE relkind = 'v' "
                "AND relnamespace = current_schema()::regnamespace"
            )
        }
        for view, source in connection.exec_driver_sql(
            "SELECT DISTINCT v.relname, s.relname FROM pg_depend d "
            "JOIN pg_rewrite w ON w.oid = d.objid "
            "JOIN pg_class v ON v.oid = w.ev_class "
            "JOIN pg_class s ON s.oid = d.refobjid "
            "WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass "
            "AND v.relkind = 'v' AND s.relkind = 'v' AND v.oid <> s.oid "
            "AND v.relnamespace = current_schema()::regnamespace "
            "AND s.relnamespace = v.relnamespace"
        ):
            views[view].add(source)
        return views
    # SQLite records no dependencies: a view reads another when its text names it.
    texts: dict[str, str] = {
        name: sql
        for name, sql in connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'view'"
        )
    }
    return {
        view: {
            other
            for other in texts
            if other != view and re.search(rf"(?<![\w$]){re.escape(other)}(?![\w$])", sql, re.I)
        }
        for view, sql in texts.items()
    }


def _definition(connection: Connection, view: str) -> list[str]:
    """Statements that create the view again as the database holds it, with its comments."""
    if connection.dialect.name != "postgresql":
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", (view,)
        ).scalar_one()
        return [sql]
    quote = connection.dialect.identifier_preparer.quote
    query, comment = connection.execute(
        text(
            "SELECT pg_get_viewdef(CAST(:view AS regclass)), "
            "obj_description(CAST(:view AS regclass), 'pg_class')"
        ),
        {"view": quote(view)},
    ).one()
    statements = [f"CREATE VIEW {quote(view)} AS {query}"]
    if comment:
        statements.append(f"COMMENT ON VIEW {quote(view)} IS {_literal(comment)}")
    for column, described in connection.execute(
        text(
            "SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
            "WHERE a.attrelid = CAST(:view AS regclass) AND a.attnum > 0 "
            "AND col_description(a.attrelid, a.attnum) IS NOT NULL"
        ),
        {"view": quote(view)},
    ):
        statements.append(
            f"COMMENT ON COLUMN {quote(view)}.{quote(column)} IS {_literal(described)}"
        )
    return statements


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# --- overlap guards --------------------------------------------------------------------------
# "No two rows of a table overlap in time where these columns are equal": an exclusion
# constraint on PostgreSQL, a pair of triggers on SQLite. Overlap is judged on half-open ranges
# [start, end_exclusive): an end at day precision is exclusive (a successor may start on the day
# a predecessor leaves), an end at month or year precision covers its whole month or year.


@Operations.register_operation("create_overlap_guard")
class CreateOverlapGuardOp(MigrateOperation):
    """ex_<table>_overlap: no two rows with equal `columns` overlap in time.

    `where` limits the rows guarded, as SQL templates with {row} for the row's prefix
    ("{row}single_seat"). PostgreSQL's partial constraint applies it to both rows compared;
    SQLite's triggers test it on the new row, and on the other row too unless `on_other_row`
    is False (as the first migration wrote them).

    `span` says which days of an imprecise interval count: "possible" (the default, as the
    first migrations wrote them) every day it may cover, from the first day of its start's
    period to the last of its end's; "certain" only the days it covers whatever the exact dates
    are, from the last day of its start's period to the first of its end's, so two intervals
    known to the month may share that month (a handover) without overlapping.
    """

    def __init__(
        self,
        table: str,
        columns: Sequence[str],
        where: Sequence[str],
        on_other_row: bool,
        span: str = "possible",
    ) -> None:
        if span not in ("possible", "certain"):
            raise ValueError(f"span is 'possible' or 'certain', not {span!r}")
        self.table = table
        self.columns = tuple(columns)
        self.where = tuple(where)
        self.on_other_row = on_other_row
        self.span = span

    @classmethod
    def create_overlap_guard(
        cls,
        operations: Operations,
        table: str,
        columns: Sequence[str],
        where: Sequence[str] = (),
        on_other_row: bool = True,
        span: str = "possible",
    ) -> None:
        operations.invoke(cls(table, columns, where, on_other_row, span))


@Operations.register_operation("drop_overlap_guard")
class DropOverlapGuardOp(MigrateOperation):
    """Drop ex_<table>_overlap (the constraint, or both triggers)."""

    def __init__(self, table: str) -> None:
        self.table = table

    @classmethod
    def drop_overlap_guard(cls, operations: Operations, table: str) -> None:
        operations.invoke(cls(table))


@Operations.implementation_for(CreateOverlapGuardOp)
def _create_overlap_guard(operations: Operations, operation: CreateOverlapGuardOp) -> None:
    table = operation.table
    if operations.get_bind().dialect.name == "postgresql":
        elements = ", ".join(f"{column} WITH =" for column in operation.columns)
        where = " AND ".join(condition.format(row="") for condition in operation.where)
        range_ = _pg_range() if operation.span == "possible" else _pg_certain_range()
        operations.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT ex_{table}_overlap "
            f"EXCLUDE USING gist ({elements}, {range_} WITH &&)"
            + (f" WHERE ({where})" if where else "")
        )
        return
    same = " AND ".join(f"other.{column} = NEW.{column}" for column in operation.columns)
    guard = "".join(f"{condition.format(row='NEW.')} AND " for condition in operation.where)
    other = (
        "".join(f" AND {condition.format(row='other.')}" for condition in operation.where)
        if operation.on_other_row
        else ""
    )
    overlap = (
        _sqlite_overlap("other", "NEW")
        if operation.span == "possible"
        else _sqlite_certain_overlap("other", "NEW")
    )
    for event in ("INSERT", "UPDATE"):
        operations.execute(
            f"CREATE TRIGGER ex_{table}_overlap_{event.lower()} BEFORE {event} ON {table} "
            f"WHEN {guard}EXISTS (SELECT 1 FROM {table} AS other WHERE {same} "
            f"AND other.id IS NOT NEW.id{other} AND {overlap}) "
            f"BEGIN SELECT RAISE(ABORT, 'ex_{table}_overlap: overlapping {table} intervals'); END"
        )


@Operations.implementation_for(DropOverlapGuardOp)
def _drop_overlap_guard(operations: Operations, operation: DropOverlapGuardOp) -> None:
    table = operation.table
    if operations.get_bind().dialect.name == "postgresql":
        operations.execute(f"ALTER TABLE {table} DROP CONSTRAINT ex_{table}_overlap")
        return
    for event in ("insert", "update"):
        operations.execute(f"DROP TRIGGER ex_{table}_overlap_{event}")


def _pg_range() -> str:
    return (
        "daterange(start_date, CASE end_date_precision "
        "WHEN 'year' THEN (end_date + interval '1 year')::date "
        "WHEN 'month' THEN (end_date + interval '1 month')::date "
        "ELSE end_date END, '[)')"
    )


def _sqlite_end_exclusive(alias: str) -> str:
    return (
        f"CASE {alias}.end_date_precision "
        f"WHEN 'year' THEN date({alias}.end_date, '+1 year') "
        f"WHEN 'month' THEN date({alias}.end_date, '+1 month') "
        f"ELSE {alias}.end_date END"
    )


def _sqlite_overlap(a: str, b: str) -> str:
    """The same test as PostgreSQL's && on the ranges above; NULL bounds are unbounded."""
    a_end, b_end = _sqlite_end_exclusive(a), _sqlite_end_exclusive(b)

    def non_empty(alias: str, end: str) -> str:
        return f"({alias}.start_date IS NULL OR ({end}) IS NULL OR {alias}.start_date < ({end}))"

    return (
        f"{non_empty(a, a_end)} AND {non_empty(b, b_end)} "
        f"AND ({a}.start_date IS NULL OR ({b_end}) IS NULL OR {a}.start_date < ({b_end})) "
        f"AND ({b}.start_date IS NULL OR ({a_end}) IS NULL OR {b}.start_date < ({a_end}))"
    )


def _pg_certain_range() -> str:
    """The days an interval covers whatever its exact dates: from the last day of its start's
    period to the first day of its end's (exclusive), empty when those cross."""
    start = (
        "CASE start_date_precision "
        "WHEN 'year' THEN (start_date + interval '1 year' - interval '1 day')::date "
        "WHEN 'month' THEN (start_date + interval '1 month' - interval '1 day')::date "
        "ELSE start_date END"
    )
    return (
        f"(CASE WHEN end_date IS NULL OR start_date IS NULL OR ({start}) < end_date "
        f"THEN daterange({start}, end_date, '[)') ELSE 'empty'::daterange END)"
    )


def _sqlite_certain_start(alias: str) -> str:
    return (
        f"CASE {alias}.start_date_precision "
        f"WHEN 'year' THEN date({alias}.start_date, '+1 year', '-1 day') "
        f"WHEN 'month' THEN date({alias}.start_date, '+1 month', '-1 day') "
        f"ELSE {alias}.start_date END"
    )


def _sqlite_certain_overlap(a: str, b: str) -> str:
    """PostgreSQL's && on the certain ranges above; NULL bounds are unbounded."""
    a_start, b_start = _sqlite_certain_start(a), _sqlite_certain_start(b)

    def non_empty(alias: str, start: str) -> str:
        end = f"{alias}.end_date"
        return f"({alias}.start_date IS NULL OR {end} IS NULL OR ({start}) < {end})"

    return (
        f"{non_empty(a, a_start)} AND {non_empty(b, b_start)} "
        f"AND ({a}.start_date IS NULL OR {b}.end_date IS NULL OR ({a_start}) < {b}.end_date) "
        f"AND ({b}.start_date IS NULL OR {a}.end_date IS NULL OR ({b_start}) < {a}.end_date)"
    )


# --- vocabulary tables -----------------------------------------------------------------------
# An open vocabulary (one a source may extend) is a table of terms: code (the stored value),
# description, the source that brought a term (NULL for the seeded ones), and any columns of its
# own. The columns using it hold a foreign key to it instead of a CHECK listing its values.
# Both operations change the using tables: on SQLite batch mode rebuilds them, which SQLite
# refuses while a view names them, so a migration drops the views around these calls.


@Operations.register_operation("create_vocabulary")
class CreateVocabularyOp(MigrateOperation):
    """Create and seed the table `name`; each (table, column) of `uses` trades its CHECK
    ck_<table>_<column>_vocabulary for a foreign key fk_<table>_<column>_<name>.

    `terms` are (code, description, *values of `columns`), in the order the CHECK listed them.
    """

    def __init__(
        self,
        name: str,
        comment: str,
        terms: Sequence[Sequence[object]],
        uses: Sequence[tuple[str, str]],
        columns: Sequence[sa.Column[object]] = (),
    ) -> None:
        self.name = name
        self.comment = comment
        self.terms = tuple(tuple(term) for term in terms)
        self.uses = tuple(uses)
        self.columns = tuple(columns)

    @classmethod
    def create_vocabulary(
        cls,
        operations: Operations,
        name: str,
        comment: str,
        terms: Sequence[Sequence[object]],
        uses: Sequence[tuple[str, str]],
        columns: Sequence[sa.Column[object]] = (),
    ) -> None:
        operations.invoke(cls(name, comment, terms, uses, columns))


@Operations.register_operation("drop_vocabulary")
class DropVocabularyOp(MigrateOperation):
    """Undo create_vocabulary: each use gets its CHECK back, listing `seeded` (in order) and
    then any term added since that is still in the table, so that no row is lost; the table
    is dropped."""

    def __init__(self, name: str, uses: Sequence[tuple[str, str]], seeded: Sequence[str]) -> None:
        self.name = name
        self.uses = tuple(uses)
        self.seeded = tuple(seeded)

    @classmethod
    def drop_vocabulary(
        cls,
        operations: Operations,
        name: str,
        uses: Sequence[tuple[str, str]],
        seeded: Sequence[str],
    ) -> None:
        operations.invoke(cls(name, uses, seeded))


@Operations.implementation_for(CreateVocabularyOp)
def _create_vocabulary(operations: Operations, operation: CreateVocabularyOp) -> None:
    name = operation.name
    table = operations.create_table(
        name,
        sa.Column(
            "code", sa.String(length=40), nullable=False, comment="The term, as rows store it."
        ),
        sa.Column("description", sa.Text(), nullable=False, comment="What counts as this term."),
        sa.Column(
            "source_id",
            sa.Integer(),
            nullable=True,
            comment="The first source a fixture set cites for a term it adds; NULL for the "
            "terms the migrations seed.",
        ),
        *operation.columns,
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=operations.f(f"fk_{name}_source_id_source")
        ),
        sa.PrimaryKeyConstraint("code", name=operations.f(f"pk_{name}")),
        comment=operation.comment,
    )
    assert table is not None
    names = ["code", "description", *(column.name for column in operation.columns)]
    operations.bulk_insert(table, [dict(zip(names, term, strict=True)) for term in operation.terms])
    for using, column in operation.uses:
        with _rebuilt(operations, using) as batch_op:
            batch_op.drop_constraint(operations.f(f"ck_{using}_{column}_vocabulary"), type_="check")
            batch_op.create_foreign_key(
                operations.f(f"fk_{using}_{column}_{name}"), name, [column], ["code"]
            )


@Operations.implementation_for(DropVocabularyOp)
def _drop_vocabulary(operations: Operations, operation: DropVocabularyOp) -> None:
    name = operation.name
    connection = operations.get_bind()
    added = [
        code
        for (code,) in connection.execute(text(f"SELECT code FROM {name} ORDER BY code"))
        if code not in operation.seeded
    ]
    values = ", ".join(_literal(code) for code in (*operation.seeded, *added))
    for using, column in reversed(operation.uses):
        with _rebuilt(operations, using) as batch_op:
            batch_op.drop_constraint(
                operations.f(f"fk_{using}_{column}_{name}"), type_="foreignkey"
            )
            batch_op.create_check_constraint(
                operations.f(f"ck_{using}_{column}_vocabulary"), f"{column} IN ({values})"
            )
    operations.drop_table(name)


@contextmanager
def _rebuilt(operations: Operations, table: str) -> Iterator[object]:
    """batch_alter_table, keeping the table's triggers and indexes as SQLite holds them: its
    rebuild drops the triggers and writes the indexes its own way (partial ones unqualified)."""
    connection = operations.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    kept: list[tuple[str, str, str]] = []
    if sqlite:
        kept = [
            (kind, item, sql)
            for kind, item, sql in connection.exec_driver_sql(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? "
                "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
                (table,),
            )
        ]
    with operations.batch_alter_table(table) as batch_op:
        yield batch_op
    for kind, item, sql in kept:
        operations.execute(f"DROP {kind.upper()} IF EXISTS {item}")
        _execute(operations, sql)
