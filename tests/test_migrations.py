"""Migrations, on both backends: what each builds and unbuilds, that they stay frozen, and that
a loaded database upgrades with every row kept.

The catalog walk below runs every migration up, and each one down, on both backends. The
single-head and models-match-migrations checks are pytest-alembic's (test_pytest_alembic.py);
`bilateral-db db check` is tested in tests/cli/test_db_cli.py. Nothing here repeats them.
"""

from __future__ import annotations

import ast
import gzip
import json
import os
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table

from bilateral_db import migrations, panels
from bilateral_db.db import make_engine
from bilateral_db.models import Base
from bilateral_db.resources import alembic_dir


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrations.alembic_config("sqlite://"))


# --- what each migration builds: the catalog, recorded per revision and backend --------------

CATALOG_DIR = Path(__file__).parent / "data" / "migration_catalog"
# 1: write the records that are missing (a new revision's); all: rewrite every record, after a
# server or library upgrade changed what the migrations build (review the diff).
WRITE_CATALOG = os.environ.get("BILATERAL_WRITE_CATALOG", "")
WRITE_COMMAND = "BILATERAL_WRITE_CATALOG=1 .venv/bin/pytest tests/test_migrations.py -k catalog"

Catalog = dict[str, str]


def catalog(connection: Connection) -> Catalog:
    """Every schema object of the database as 'kind name' -> its definition, read from the
    backend's own catalog (sqlite_master, pg_catalog) rather than through reflection, so a
    changed view text, trigger or constraint cannot hide."""
    if connection.dialect.name == "sqlite":
        return _sqlite_catalog(connection)
    return _postgresql_catalog(connection)


def _catalog_at(url: str) -> Catalog:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return catalog(connection)
    finally:
        engine.dispose()


def _sqlite_catalog(connection: Connection) -> Catalog:
    rows = connection.exec_driver_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'alembic_version'"
    )
    return {
        f"{kind} {name}": _constraints_sorted(sql) if sql else f"(automatic, on {table})"
        for kind, name, table, sql in rows
    }


def _constraints_sorted(sql: str) -> str:
    """A CREATE TABLE with its named constraints in sorted order: Alembic's batch mode on
    SQLite writes them in no fixed order when it rebuilds a table. Other text is untouched."""
    lines = sql.split("\n")
    constraints = sorted(
        line.strip().rstrip(",").rstrip() for line in lines if line.strip().startswith("CONSTRAINT")
    )
    if not constraints:
        return sql
    others = [line for line in lines if not line.strip().startswith("CONSTRAINT")]
    return "\n".join([*others[:-1], *(f"\t{line}" for line in constraints), others[-1]])


def _postgresql_catalog(connection: Connection) -> Catalog:
    def rows(query: str) -> list[Any]:
        return list(connection.exec_driver_sql(query))

    in_schema = "n.oid = c.relnamespace AND n.nspname = current_schema()"
    not_alembic = "left(c.relname, 15) <> 'alembic_version'"
    found: Catalog = {}
    kinds = {"r": "table", "p": "table", "v": "view", "S": "sequence"}
    for name, kind, definition, comment in rows(
        "SELECT c.relname, c.relkind, CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid) "
        "WHEN c.relkind = 'p' THEN 'PARTITION BY ' || pg_get_partkeydef(c.oid) "
        "WHEN c.relispartition THEN 'PARTITION OF ' || (SELECT i.inhparent::regclass::text "
        "FROM pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid) "
        "END, obj_description(c.oid, 'pg_class') FROM pg_class c, pg_namespace n "
        f"WHERE {in_schema} AND {not_alembic} AND c.relkind IN ('r', 'p', 'v', 'S')"
    ):
        found[f"{kinds[kind]} {name}"] = (definition or "") + (f"\n-- {comment}" if comment else "")
    for table, number, column, type_, not_null, default, comment in rows(
        "SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), "
        "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum) "
        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        f"WHERE {in_schema} AND {not_alembic} AND c.relkind IN ('r', 'p', 'v') "
        "AND a.attnum > 0 AND NOT a.attisdropped"
    ):
        found[f"column {table}.{number:03d} {column}"] = " ".join(
            [type_]
            + (["NOT NULL"] if not_null else [])
            + ([f"DEFAULT {default}"] if default else [])
            + ([f"-- {comment}"] if comment else [])
        )
    for table, name, definition in rows(
        "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) "
        "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        f"JOIN pg_namespace n ON {in_schema} WHERE {not_alembic}"
    ):
        found[f"constraint {table}.{name}"] = definition
    for name, definition in rows(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename <> 'alembic_version'"
    ):
        found[f"index {name}"] = definition
    for name, definition in rows(
        "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
        f"JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON {in_schema} "
        "WHERE NOT t.tgisinternal"
    ):
        found[f"trigger {name}"] = definition
    for (name,) in rows("SELECT extname FROM pg_extension"):
        found[f"extension {name}"] = ""
    return found


def _delta(before: Catalog, after: Catalog) -> dict[str, Any]:
    """What changed from `before` to `after`; definitions as lists of lines, to read in diffs."""
    return {
        "added_or_changed": {
            key: after[key].split("\n") for key in sorted(after) if before.get(key) != after[key]
        },
        "removed": sorted(set(before) - set(after)),
    }


def _differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    lines = []
    for step in ("upgrade", "downgrade"):
        want, got = expected[step], found[step]
        for key in sorted(set(want["added_or_changed"]) | set(got["added_or_changed"])):
            if want["added_or_changed"].get(key) != got["added_or_changed"].get(key):
                lines.append(f"{step}: {key} differs")
        for key in sorted(set(want["removed"]) ^ set(got["removed"])):
            lines.append(f"{step}: {key} {'not ' if key in want['removed'] else ''}removed")
    return lines


def test_each_migration_builds_and_unbuilds_the_recorded_catalog(
    backend: str, empty_database_url: str
) -> None:
    """Every revision, up from the one before and down again, changes the catalog exactly as
    recorded in tests/data/migration_catalog/ (first recorded from the migrations as they
    stood before views became version files; a new revision's record is written once, by
    WRITE_COMMAND, and reviewed). Each downgrade runs in a transaction that is rolled back, so
    the walk goes on from the upgraded database and a record never depends on later ones."""
    url = empty_database_url
    before: Catalog = {}
    previous = "base"
    problems: dict[str, list[str]] = {}
    engine = make_engine(url)
    try:
        for script in reversed(list(_script().walk_revisions())):
            revision = script.revision
            migrations.upgrade(url, revision)
            after = _catalog_at(url)
            with engine.connect() as connection:
                undone = migrations.read_after_downgrade(connection, url, previous, catalog)
            found = {"upgrade": _delta(before, after), "downgrade": _delta(before, undone)}
            record = CATALOG_DIR / f"{revision}.{backend}.json"
            if WRITE_CATALOG == "all" or (WRITE_CATALOG == "1" and not record.exists()):
                record.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
            elif not record.exists():
                problems[revision] = [f"no record {record.name}: write it with {WRITE_COMMAND}"]
            elif different := _differences(json.loads(record.read_text("utf-8")), found):
                problems[revision] = different
            before, previous = after, revision
    finally:
        engine.dispose()
    assert not problems, problems
    assert migrations.current_revisions(url) == migrations.head_revisions()


# --- migrations are frozen -------------------------------------------------------------------


def test_no_migration_imports_the_application() -> None:
    """A migration that imports bilateral_db changes when today's code does: the migrations,
    and the operations they call (alembic/ops.py), import Alembic, SQLAlchemy and the standard
    library only, and load no other file as a module."""
    files = [*sorted((alembic_dir() / "versions").glob("*.py")), alembic_dir() / "ops.py"]
    assert len(files) > 4
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                allowed = top in {"alembic", "sqlalchemy"} or top in sys.stdlib_module_names
                assert allowed and top != "importlib", (path.name, name)


def test_every_view_version_is_written_for_both_backends() -> None:
    """<version>.sql for both, or <version>.sqlite.sql and <version>.postgresql.sql."""
    versions: dict[tuple[str, str], set[str]] = {}
    for path in (alembic_dir() / "views").glob("*/*.sql"):
        version, _, backend = path.name.removesuffix(".sql").partition(".")
        versions.setdefault((path.parent.name, version), set()).add(backend)
    assert ("v_trade", "0004") in versions
    for (view, version), backends in versions.items():
        assert backends in ({""}, {"sqlite", "postgresql"}), (view, version, backends)


def _operations(connection: Connection) -> Operations:
    """Alembic's op outside a migration, with our operations registered (as env.py does)."""
    migrations.load_operations()
    return Operations(MigrationContext.configure(connection))


def _view_text(connection: Connection, view: str) -> str:
    if connection.dialect.name == "sqlite":
        return connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = ?", (view,)
        ).scalar_one()
    return connection.execute(
        text("SELECT pg_get_viewdef(CAST(:view AS regclass))"), {"view": view}
    ).scalar_one()


def test_replace_view_recreates_the_views_that_read_it(
    backend: str, fresh_migrated_url: str
) -> None:
    """v_trade 0004 back to 0003 under a chain of views that read it: they are dropped first
    and come back as they were (comments too), reading the new version."""
    engine = make_engine(fresh_migrated_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE VIEW v_pairs AS SELECT DISTINCT reporter_code, partner_code FROM v_trade"
            )
            connection.exec_driver_sql(
                "CREATE VIEW v_pair_count AS SELECT COUNT(*) AS pairs FROM v_pairs "
                "JOIN v_membership ON v_membership.member_code = v_pairs.reporter_code"
            )
            if backend == "postgresql":
                connection.exec_driver_sql("COMMENT ON VIEW v_pairs IS 'Pairs that trade.'")
            readers_before = {
                view: _view_text(connection, view) for view in ("v_pairs", "v_pair_count")
            }
            assert "rp.code" in _view_text(connection, "v_trade")  # version 0004's window

            _operations(connection).replace_view("v_trade", new="0003", old="0004")

            assert "PARTITION BY rp.code" not in _view_text(connection, "v_trade")
            assert {view: _view_text(connection, view) for view in readers_before} == readers_before
            assert connection.exec_driver_sql("SELECT pairs FROM v_pair_count").scalar_one() == 0
            if backend == "postgresql":
                comment = connection.exec_driver_sql(
                    "SELECT obj_description('v_pairs'::regclass, 'pg_class')"
                ).scalar_one()
                assert comment == "Pairs that trade."
            with pytest.raises(
                RuntimeError, match="cannot drop view v_trade: v_pair_count, v_pairs read it"
            ):
                _operations(connection).drop_view("v_trade", "0003")
            with pytest.raises(FileNotFoundError, match="v_trade has no version 0099"):
                _operations(connection).create_view("v_trade", "0099")
    finally:
        engine.dispose()


# --- a loaded database upgrades with every row kept ------------------------------------------


# What revisions before 0006 cannot hold: posts of blocs, envoys' posts, bodies, terms in a
# capacity other than full (with their facts, so that no fact is left without its row).
_NOT_BEFORE_0006 = (
    "CREATE TEMPORARY TABLE gone_post AS SELECT p.id FROM post p "
    "WHERE p.accredited_to_actor_id IS NOT NULL OR NOT EXISTS "
    "(SELECT 1 FROM actor a WHERE a.id = p.actor_id AND a.country_id IS NOT NULL)",
    "CREATE TEMPORARY TABLE gone_term AS SELECT id, fact_id FROM term "
    "WHERE post_id IN (SELECT id FROM gone_post) OR capacity <> 'full'",
    "DELETE FROM term WHERE id IN (SELECT id FROM gone_term)",
    "DELETE FROM fact WHERE id IN (SELECT fact_id FROM gone_term)",
    "DELETE FROM post WHERE id IN (SELECT id FROM gone_post)",
    "CREATE TEMPORARY TABLE gone_body AS SELECT fact_id FROM body",
    "DELETE FROM body",
    "DELETE FROM fact WHERE id IN (SELECT fact_id FROM gone_body)",
)


def _keep_what_0005_holds(engine: Engine) -> None:
    """Delete from a database at head what a database before 0006 cannot hold."""
    with engine.begin() as connection:
        before = connection.exec_driver_sql("SELECT COUNT(*) FROM post").scalar()
        for statement in _NOT_BEFORE_0006:
            connection.exec_driver_sql(statement)
        after = connection.exec_driver_sql("SELECT COUNT(*) FROM post").scalar()
        # The envoys' panel was built from the terms deleted: build it again from what is kept.
        panels.refresh(connection)
    assert before and after and after < before, "the bundled fixtures hold a bloc's post"


# What revisions before 0010 cannot hold: dated names and titles, blocs' successions, what
# sources say of their member lists, meeting series (with their facts, so that no fact is left
# without its row).
_NAME_TABLES = (
    "country_name",
    "bloc_name",
    "post_title",
    "bloc_succession",
    "member_list",
    "meeting_in_series",
    "meeting_series",
)
# What the bundled fixtures write into them: the next load of a database upgraded to 0010.
_NAMES_LOADED = {
    "country_name": 4,
    "bloc_name": 2,
    "post_title": 2,
    "bloc_succession": 3,
    "member_list": 1,
    "meeting_in_series": 5,
    "meeting_series": 3,
}


# The bundled agreements with a day in force (the Treaty of Rome, Maastricht, the EAEU's, the
# ASEAN Charter).
_AGREEMENTS_IN_FORCE = 4


# What the bundled fixtures hold that a database before 0011 cannot: Japan's TICAD VI pledge.
_PLEDGES_LOADED = {"pledge": 1}


# What the bundled fixtures hold that a database before 0012 cannot: Panama's relations with
# Beijing and Taipei, the region Africa (its actor and its 60 parts).
_RELATIONS_LOADED = {"diplomatic_relation": 4, "region": 1, "region_part": 60, "actor": 1}


def _keep_what_0011_holds(engine: Engine) -> None:
    """Delete from a database at head what a database before 0012 cannot hold: diplomatic
    relations, regions and their actors (with their facts); parties given as a group become
    plain parties (the ASEAN Charter's)."""
    with engine.begin() as connection:
        grouped = connection.exec_driver_sql(
            "UPDATE agreement_party SET as_group = false WHERE as_group"
        ).rowcount
        assert grouped == 1, "the bundled fixtures give the ASEAN Charter's parties as a group"
        for table in ("diplomatic_relation", "region_part", "region"):  # "actor": the region's
            facts = connection.exec_driver_sql(f"SELECT fact_id FROM {table}").scalars().all()
            assert len(facts) == _RELATIONS_LOADED[table], table
            if table == "region":
                connection.exec_driver_sql("DELETE FROM actor WHERE region_id IS NOT NULL")
            connection.exec_driver_sql(f"DELETE FROM {table}")
            for fact in facts:
                connection.exec_driver_sql(f"DELETE FROM fact WHERE id = {int(fact)}")


def _keep_what_0010_holds(engine: Engine) -> None:
    """Delete from a database at head what a database before 0011 cannot hold: pledges (with
    their facts) and the progress claims' references to them."""
    _keep_what_0011_holds(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE progress_statement SET pledge_id = NULL")
        facts = connection.exec_driver_sql("SELECT fact_id FROM pledge").scalars().all()
        assert len(facts) == _PLEDGES_LOADED["pledge"]
        connection.exec_driver_sql("DELETE FROM pledge")
        for fact in facts:
            connection.exec_driver_sql(f"DELETE FROM fact WHERE id = {int(fact)}")


def _keep_what_0009_holds(engine: Engine) -> None:
    """Delete from a database at head what a database before 0010 cannot hold (and empty the
    agreements' signing cities and days in force: the columns 0010 adds)."""
    _keep_what_0010_holds(engine)
    with engine.begin() as connection:
        given = connection.exec_driver_sql(
            "UPDATE agreement SET signed_city_id = NULL, in_force_on = NULL, "
            "in_force_on_precision = NULL WHERE in_force_on IS NOT NULL"
        ).rowcount
        assert given == _AGREEMENTS_IN_FORCE
        for table in _NAME_TABLES:
            facts = connection.exec_driver_sql(f"SELECT fact_id FROM {table}").scalars().all()
            assert len(facts) == _NAMES_LOADED[table], table
            connection.exec_driver_sql(f"DELETE FROM {table}")
            for fact in facts:
                connection.exec_driver_sql(f"DELETE FROM fact WHERE id = {int(fact)}")


def _keep_reported_series(engine: Engine) -> None:
    """Delete the smoothed series: before 0005 no column tells it from the reported one."""
    with engine.begin() as connection:
        removed = connection.exec_driver_sql(
            "DELETE FROM trade_figure WHERE series <> 'reported'"
        ).rowcount
    assert removed > 700, "COW's smoothed flows are imported as a series of their own"


def _copy_rows(source: Engine, target: Engine) -> None:
    """Every row of `source` into `target`, in the columns `target` has (ids kept). A post
    copied into a revision before 0006 names its country as that revision did."""
    target_tables = set(inspect(target).get_table_names())
    with source.connect() as reading:
        country_of_actor = {
            actor_id: country_id
            for actor_id, country_id in reading.exec_driver_sql("SELECT id, country_id FROM actor")
        }
    with source.connect() as reading, target.begin() as writing:
        if writing.dialect.name == "sqlite":
            writing.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        else:  # rows of self-referencing tables come in any order: check at the end instead
            writing.exec_driver_sql("SET session_replication_role = replica")
        for table in Base.metadata.sorted_tables:
            if table.name not in target_tables:
                continue
            columns = [c["name"] for c in inspect(target).get_columns(table.name)]
            seeded: set[object] = set()  # rows the migrations write themselves
            if writing.execute(text(f"SELECT COUNT(*) FROM {table.name}")).scalar():
                if "id" not in columns:
                    continue  # meeting_kind
                seeded = set(writing.execute(text(f"SELECT id FROM {table.name}")).scalars())
            rows = [dict(row) for row in reading.execute(table.select()).mappings()]
            rows = [row for row in rows if row.get("id") not in seeded] if seeded else rows
            if table.name == "post" and "country_id" in columns:
                for row in rows:
                    row["country_id"] = country_of_actor[row["actor_id"]]
            bare = sa_table(table.name, *(sa_column(c) for c in columns))  # no model defaults
            if rows:
                writing.execute(
                    bare.insert(), [{c: row[c] for c in columns if c in row} for row in rows]
                )
            if writing.dialect.name == "postgresql" and "id" in columns:
                writing.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 1))"
                )


def _upgrade_to_head(url: str) -> None:
    """What `bilateral-db db upgrade` does: migrate, then build the panels the data feed."""
    migrations.upgrade(url)
    engine = make_engine(url)
    try:
        panels.build_missing(engine)
    finally:
        engine.dispose()


def test_a_loaded_database_upgrades_from_the_previous_head_without_losing_a_row(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """The bundled fixtures loaded at head, less what 0002 cannot hold (alternative claims),
    copied into a database at 0002 and upgraded: the same rows as a load at head."""
    from conftest import clone_database

    from bilateral_db.load import load_fixtures

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0002")
    old = make_engine(old_url)
    try:
        with head.begin() as connection:
            facts = (
                connection.exec_driver_sql(
                    "SELECT fact_id FROM membership WHERE alternative_of_id IS NOT NULL"
                )
                .scalars()
                .all()
            )
            assert facts, "the bundled fixtures hold an alternative claim (Brunei's accession)"
            connection.exec_driver_sql("DELETE FROM membership WHERE alternative_of_id IS NOT NULL")
            for fact in facts:
                connection.exec_driver_sql(f"DELETE FROM fact WHERE id = {int(fact)}")
        _keep_what_0009_holds(head)
        _keep_what_0005_holds(head)
        _copy_rows(head, old)
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        # The next load adds only what 0002 could not hold.
        result = load_fixtures(old)
        # ... and what 0005 could not: the ASEAN Secretariat, its Secretary-General's post and
        # term, and the U.S. ambassadors to Thailand's post and two terms.
        inserted = {name: counts.inserted for name, counts in result.entities.items()}
        assert {name: n for name, n in inserted.items() if n} == {
            "membership": 1,
            "body": 1,
            "post": 2,
            "term": 3,
            **_NAMES_LOADED,  # ... and what 0008 could not: dated names and successions
            **_PLEDGES_LOADED,  # ... and what 0010 could not: pledges
            **_RELATIONS_LOADED,  # ... and what 0011 could not: relations and regions
        }
    finally:
        head.dispose()
        old.dispose()


def test_0004_keeps_every_row_and_v_trade_answers_the_same(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0003 holding the bundled fixtures and COW trade figures, upgraded to 0004
    (v_trade partitioned by codes too): the same rows, and v_trade gives the same answers."""
    from conftest import DATASET_SLICES, clone_database

    from bilateral_db.imports import import_dataset

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0003")
    old = make_engine(old_url)
    query = "SELECT * FROM v_trade ORDER BY trade_figure_id"
    try:
        import_dataset(head, "cow-trade", DATASET_SLICES / "cow_trade_slice.csv.gz")
        _keep_what_0009_holds(head)
        _keep_what_0005_holds(head)
        _keep_reported_series(head)
        _copy_rows(head, old)
        with old.connect() as connection:
            result = connection.exec_driver_sql(query)
            columns, before = list(result.keys()), [tuple(row) for row in result]
        assert len(before) > 700
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        with old.connect() as connection:
            same = f"SELECT {', '.join(columns)} FROM v_trade ORDER BY trade_figure_id"
            assert [tuple(row) for row in connection.exec_driver_sql(same)] == before
            one_pair = connection.exec_driver_sql(
                "SELECT year, value_minor, previous_value_minor FROM v_trade "
                "WHERE reporter_code = 'USA' AND partner_code = 'CAN' AND year = 2014"
            ).one()
        assert one_pair == (2014, 346063 * 10**8, 338233 * 10**8)
    finally:
        head.dispose()
        old.dispose()


def test_0005_keeps_every_row_as_a_reported_figure_of_its_whole_period(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0004 holding the bundled fixtures and COW trade figures, upgraded to 0005
    (series, period ends): every row kept, each figure reported and ending on its period's
    last day, and v_trade's changes the same."""
    from conftest import DATASET_SLICES, clone_database

    from bilateral_db.imports import import_dataset

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0004")
    old = make_engine(old_url)
    panel = (
        "SELECT trade_figure_id, reporter_code, partner_code, year, flow, value_minor, "
        "previous_value_minor, change_pct, source FROM v_trade ORDER BY trade_figure_id"
    )
    try:
        import_dataset(head, "cow-trade", DATASET_SLICES / "cow_trade_slice.csv.gz")
        _keep_what_0009_holds(head)
        _keep_what_0005_holds(head)
        _keep_reported_series(head)
        _copy_rows(head, old)
        with old.connect() as connection:
            before = [tuple(row) for row in connection.exec_driver_sql(panel)]
        assert len(before) > 700
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        with old.connect() as connection:
            assert [tuple(row) for row in connection.exec_driver_sql(panel)] == before
            periods = connection.exec_driver_sql(
                "SELECT period_precision, series, MIN(period_end), COUNT(*) FROM trade_figure "
                "WHERE period_start = '2014-01-01' GROUP BY period_precision, series"
            ).all()
        assert [(p, s, str(end)) for p, s, end, _ in periods] == [
            ("year", "reported", "2014-12-31")
        ]
    finally:
        head.dispose()
        old.dispose()


def test_0006_keeps_every_post_and_term_and_the_next_load_adds_the_new_shapes(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0005 holding the bundled fixtures (less what 0005 cannot hold: ASEAN's
    Secretary-General, the ASEAN Secretariat, an envoy's post), upgraded to 0006: every post
    now belongs to its country's actor, every term started on its start, and the next load
    adds only the new shapes."""
    from conftest import clone_database

    from bilateral_db.load import load_fixtures

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0005")
    old = make_engine(old_url)
    try:
        _keep_what_0009_holds(head)
        _keep_what_0005_holds(head)
        _copy_rows(head, old)
        with old.connect() as connection:
            posts = connection.exec_driver_sql(
                "SELECT p.id, c.code, p.office FROM post p JOIN country c ON c.id = p.country_id"
            ).all()
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        with old.connect() as connection:
            upgraded = connection.exec_driver_sql(
                "SELECT p.id, c.code, p.office FROM post p JOIN actor a ON a.id = p.actor_id "
                "JOIN country c ON c.id = a.country_id"
            ).all()
            terms = connection.exec_driver_sql(
                "SELECT COUNT(*), SUM(CASE WHEN started_on = start_date AND "
                "started_on_precision = start_date_precision THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN capacity = 'full' THEN 1 ELSE 0 END) FROM term "
                "WHERE start_date IS NOT NULL"
            ).one()
        assert sorted(upgraded) == sorted(posts) and len(posts) >= 25
        assert terms[0] > 40 and terms[0] == terms[1] == terms[2]
        result = load_fixtures(old)
        assert (result.entities["body"].inserted, result.entities["post"].inserted) == (1, 2)
        assert result.entities["term"].inserted == 3  # Lim Jock Hoi's, two ambassadors'
    finally:
        head.dispose()
        old.dispose()


# --- drift and seeds -------------------------------------------------------------------------


def test_drift_is_reported_when_models_and_database_differ(empty_database_url: str) -> None:
    migrations.upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP INDEX ix_meeting_start_date")
    finally:
        engine.dispose()
    problem = migrations.drift(empty_database_url)
    assert problem is not None and "ix_meeting_start_date" in problem


def test_meeting_kinds_are_seeded_with_event_codes(migrated_engine) -> None:
    with migrated_engine.connect() as connection:
        rows = dict(
            connection.exec_driver_sql("SELECT code, cameo_code FROM meeting_kind").fetchall()
        )
    assert rows["bilateral_talks"] == "046"
    assert rows["signing_ceremony"] == "057"
    assert set(rows) >= {"summit", "ministerial_meeting", "forum"}


def test_0008_keeps_every_trade_figure_and_the_bloc_sums_answer_the_same(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0007 holding the bundled fixtures and COW trade figures, upgraded to 0008
    (figures indexed by partner and reporter, participants by meeting and actor): every row
    kept, the indexes in place of the one-column ones, and Russia's trade with ASEAN's members
    summed as at head."""
    from conftest import DATASET_SLICES, clone_database
    from sqlalchemy.orm import Session

    from bilateral_db import reports
    from bilateral_db.imports import import_dataset

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0007")
    old = make_engine(old_url)

    def sums(engine: Engine) -> list[tuple[object, ...]]:
        with Session(engine) as session:
            rows = reports.trade_between(session, a="RUS", b="ASEAN", year_from=2014, year_to=2014)
        return [
            (r.reporter, r.partner, r.flow, r.value, r.members, r.members_total, r.source)
            for r in rows
            if r.basis == "sum_of_members"
        ]

    try:
        import_dataset(head, "cow-trade", DATASET_SLICES / "cow_trade_slice.csv.gz")
        _keep_what_0009_holds(head)
        _copy_rows(head, old)
        before = sums(head)  # today's report reads today's schema (regions since 0012)
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        indexes = {index["name"] for index in inspect(old).get_indexes("trade_figure")}
        assert "ix_trade_figure_partner_reporter" in indexes
        assert "ix_trade_figure_partner_actor_id" not in indexes
        by_meeting = {index["name"] for index in inspect(old).get_indexes("participant")}
        assert "ix_participant_meeting_id_actor_id" in by_meeting
        assert "ix_participant_meeting_id" not in by_meeting
        # 365,800,2014,2232,3716: Russia's imports from Thailand, then Thailand's from Russia;
        # Thailand is the one of ASEAN's ten members the slice has figures of.
        million = Decimal(10) ** 6
        assert sums(old) == before
        assert before == [
            ("ASEAN", "RUS", "import", 3716 * million, 1, 10, "cow-trade-4.0"),
            ("RUS", "ASEAN", "import", 2232 * million, 1, 10, "cow-trade-4.0"),
        ]
    finally:
        head.dispose()
        old.dispose()


def test_0010_keeps_every_row_and_the_next_load_adds_names_successions_and_lists(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0009 holding the bundled fixtures (less the dated names, successions,
    member lists and meeting series 0009 cannot hold), upgraded to 0010: every row kept, no
    drift, no meeting with a status nor a participant with an invitation day; the next load
    adds only those rows, and the Shanghai Five's members answer for the SCO's line."""
    from conftest import clone_database

    from bilateral_db import reports
    from bilateral_db.load import load_fixtures

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0009")
    old = make_engine(old_url)
    try:
        _keep_what_0009_holds(head)
        _copy_rows(head, old)
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        with old.connect() as connection:
            assert connection.exec_driver_sql(
                "SELECT (SELECT COUNT(*) FROM meeting WHERE status IS NOT NULL), "
                "(SELECT COUNT(*) FROM participant WHERE invited_on IS NOT NULL), "
                "(SELECT COUNT(*) FROM meeting), (SELECT COUNT(*) FROM participant)"
            ).one()[:2] == (0, 0)
        result = load_fixtures(old)
        inserted = {name: counts.inserted for name, counts in result.entities.items()}
        assert {name: n for name, n in inserted.items() if n} == {
            **_NAMES_LOADED,
            **_PLEDGES_LOADED,
            **_RELATIONS_LOADED,
        }
        assert result.entities["agreement"].updated == _AGREEMENTS_IN_FORCE
        with old.connect() as connection:
            rows = reports.members_on(
                connection, bloc="SCO", on=date(2000, 1, 1), role="member", lineage=True
            )
        assert [(r.bloc, r.country, r.listed, r.list_status) for r in rows] == [
            ("SHANGHAI5", code, 5, "incomplete") for code in ("CHN", "KAZ", "KGZ", "RUS", "TJK")
        ]
    finally:
        head.dispose()
        old.dispose()


def test_0011_keeps_every_row_and_the_next_load_adds_the_pledge(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0010 holding the bundled fixtures (less the pledge 0010 cannot hold),
    upgraded to 0011: every row kept, no drift, no progress claim naming a pledge; the next
    load adds only Japan's TICAD VI pledge, which `report meeting` then shows."""
    from conftest import clone_database

    from bilateral_db import reports
    from bilateral_db.load import load_fixtures

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0010")
    old = make_engine(old_url)
    try:
        _keep_what_0010_holds(head)
        _copy_rows(head, old)
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        with old.connect() as connection:
            assert (
                connection.exec_driver_sql(
                    "SELECT COUNT(*) FROM progress_statement WHERE pledge_id IS NOT NULL"
                ).scalar()
                == 0
            )
            assert reports.meeting_detail(connection, slug="ticad-vi").pledges == []
        result = load_fixtures(old)
        inserted = {name: counts.inserted for name, counts in result.entities.items()}
        assert {name: n for name, n in inserted.items() if n} == {
            **_PLEDGES_LOADED,
            **_RELATIONS_LOADED,
        }
        with old.connect() as connection:
            pledges = reports.meeting_detail(connection, slug="ticad-vi").pledges
        assert [(p.pledge, p.pledger, p.amount, p.currency, p.qualifier) for p in pledges] == [
            (
                "japan-ticad-vi-africa-2016-2018",
                "JPN",
                Decimal(30_000_000_000),
                "USD",
                "approximately",
            )
        ]
    finally:
        head.dispose()
        old.dispose()


def test_0012_keeps_every_row_and_the_next_load_adds_relations_and_regions(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0011 holding the bundled fixtures (less the relations and the region
    0011 cannot hold), upgraded to 0012: every row kept, every party a plain party, no drift;
    the next load adds Panama's relations and Africa and marks the ASEAN Charter's parties as
    a group, which the reports then show."""
    from conftest import clone_database

    from bilateral_db import reports
    from bilateral_db.load import load_fixtures

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0011")
    old = make_engine(old_url)
    try:
        _keep_what_0011_holds(head)
        _copy_rows(head, old)
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        with old.connect() as connection:
            charter = reports.agreement_report(connection, slug="asean-charter")
            assert [(p.party, p.as_group) for p in charter.parties] == [("ASEAN", False)]
            assert reports.relations_of(connection, a="PAN") == []
        result = load_fixtures(old)
        inserted = {name: counts.inserted for name, counts in result.entities.items()}
        assert {name: n for name, n in inserted.items() if n} == _RELATIONS_LOADED
        with old.connect() as connection:
            charter = reports.agreement_report(connection, slug="asean-charter")
            assert [(p.party, p.as_group) for p in charter.parties] == [("ASEAN", True)]
            relations = reports.relations_of(connection, a="PAN", on=date(2017, 6, 13))
            assert [(r.kind, r.partner, r.holds) for r in relations] == [
                ("diplomatic_relations", "CHN", "holds"),
                ("recognition", "CHN", "holds"),
            ]
    finally:
        head.dispose()
        old.dispose()


def test_0013_keeps_every_trade_figure_and_finds_a_release_by_its_index(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0012 holding the bundled fixtures and COW trade figures, upgraded to 0013
    (trade figures indexed by release): every row kept, no drift, and the curated figures a
    load reads are the same rows, found through the new index."""
    from conftest import DATASET_SLICES, clone_database

    from bilateral_db.imports import import_dataset
    from bilateral_db.load.tables import curated_rows

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0012")
    old = make_engine(old_url)

    def curated(engine: Engine) -> list[tuple[object, ...]]:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(curated_rows("trade_figure"))]

    try:
        import_dataset(head, "cow-trade", DATASET_SLICES / "cow_trade_slice.csv.gz")
        _copy_rows(head, old)
        before = curated(old)
        assert before, "the bundled fixtures hold trade figures"
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        indexes = {index["name"]: index for index in inspect(old).get_indexes("trade_figure")}
        assert indexes["ix_trade_figure_release_id"]["column_names"] == ["release_id"]
        assert curated(old) == before
        if old.dialect.name == "sqlite":  # it plans without statistics: the index is its choice
            with old.connect() as connection:
                plan = " ".join(
                    str(row[-1])
                    for row in connection.exec_driver_sql(
                        "EXPLAIN QUERY PLAN SELECT id FROM trade_figure WHERE release_id = 1"
                    )
                )
            assert "ix_trade_figure_release_id" in plan
    finally:
        head.dispose()
        old.dispose()


def test_0014_keeps_every_row_and_a_term_added_since_survives_its_downgrade(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0013 holding the bundled fixtures, upgraded to 0014 (vocabulary tables,
    foreign keys instead of CHECKs): every row kept, no drift, the next load changes nothing.
    A term added since (a row of membership_role) and a membership using it keep their rows
    through the downgrade: the restored CHECK lists the term after the seeded ones."""
    from conftest import clone_database

    from bilateral_db.load import load_fixtures

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0013")
    old = make_engine(old_url)
    try:
        _copy_rows(head, old)
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        result = load_fixtures(old)
        assert not any(c.inserted or c.updated for c in result.entities.values())
        with old.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO membership_role (code, description) "
                "VALUES ('aaa_term', 'A term sorted before every seeded one.')"
            )
            changed = connection.exec_driver_sql(
                "UPDATE membership SET role = 'aaa_term' "
                "WHERE id = (SELECT MIN(id) FROM membership)"
            ).rowcount
        assert changed == 1
        rows = snapshot(old)["membership"]
        migrations.downgrade(old_url, "0013")
        assert snapshot(old)["membership"] == rows
        with old.connect() as connection:
            check = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'membership'"
                if connection.dialect.name == "sqlite"
                else "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conname = 'ck_membership_role_vocabulary'"
            ).scalar_one()
        assert check.index("'chair'") < check.index("'aaa_term'")  # the seeded terms first
    finally:
        head.dispose()
        old.dispose()


def test_0015_marks_the_categories_an_import_added_and_a_pruning_load_keeps_them(
    database_factory, curated_template_url: str, snapshot
) -> None:
    """A database at 0014 holding the bundled fixtures and two Comtrade files imported (which
    add HS codes to product_category), upgraded to 0015: the categories the import added are
    marked as its release's, exactly as the importer marks them at head, and the fixtures'
    stay theirs. The next load finds nothing missing, and `load --prune` removes nothing."""
    from conftest import DATASET_SLICES, clone_database

    from bilateral_db.imports import import_dataset
    from bilateral_db.load import load_fixtures

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0014")
    old = make_engine(old_url)
    samples = DATASET_SLICES / "comtrade"
    try:
        import_dataset(
            head, "comtrade", [samples / "legacy_sample.csv", samples / "plus_sample.txt"]
        )
        with head.connect() as connection:
            marked = dict(
                connection.exec_driver_sql(
                    "SELECT r.slug, COUNT(*) FROM product_category c "
                    "JOIN release r ON r.id = c.release_id GROUP BY r.slug"
                ).all()
            )
        assert marked["comtrade"] > 0 and marked["curated"] > 0, marked
        _copy_rows(head, old)
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        for prune in (False, True):
            result = load_fixtures(old, prune=prune)
            assert not result.entities["product_category"].missing
            assert not any(c.inserted or c.updated or c.removed for c in result.entities.values())
        assert snapshot(old) == snapshot(head)
    finally:
        head.dispose()
        old.dispose()


def _figures_by_partition(engine: Engine) -> list[tuple[str, int, int]]:
    """PostgreSQL: (the table holding them, release, figures) for every release's figures."""
    with engine.connect() as connection:
        return [
            (str(table), int(release), int(count))
            for table, release, count in connection.exec_driver_sql(
                "SELECT tableoid::regclass::text, release_id, count(*) FROM trade_figure "
                "GROUP BY 1, 2 ORDER BY 2"
            )
        ]


def test_0016_moves_every_figure_into_its_release_partition_and_back(
    database_factory, curated_template_url: str, snapshot, tmp_path: Path
) -> None:
    """A database at 0015 holding the bundled fixtures, COW trade figures and two Comtrade
    files, upgraded to 0016 (PostgreSQL: trade_figure partitioned by release): every row kept,
    each release's figures in a partition of its own, no drift; downgraded, the database is
    what it was. Upgraded again, a changed file merges into its release's partition and a
    new release's figures come in a partition of their own."""
    from conftest import DATASET_SLICES, clone_database

    from bilateral_db.imports import import_dataset

    head = make_engine(clone_database(database_factory, curated_template_url))
    old_url = database_factory.create()
    migrations.upgrade(old_url, "0015")
    old = make_engine(old_url)
    comtrade = DATASET_SLICES / "comtrade"
    try:
        import_dataset(head, "cow-trade", DATASET_SLICES / "cow_trade_slice.csv.gz")
        import_dataset(
            head, "comtrade", [comtrade / "legacy_sample.csv", comtrade / "plus_sample.txt"]
        )
        _copy_rows(head, old)
        before = snapshot(old)
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        assert migrations.drift(old_url) is None
        postgresql = old.dialect.name == "postgresql"
        if postgresql:
            placed = _figures_by_partition(old)
            assert [release for _, release, _ in placed] == [1, 2, 3], placed
            assert all(table == f"trade_figure_release_{r}" for table, r, _ in placed), placed
            assert placed == _figures_by_partition(head)
        migrations.downgrade(old_url, "0015")
        assert snapshot(old) == before
        _upgrade_to_head(old_url)
        assert snapshot(old) == snapshot(head)
        # The COW slice less its last line: the release's figures merged in place.
        lines = gzip.decompress((DATASET_SLICES / "cow_trade_slice.csv.gz").read_bytes())
        changed = tmp_path / "cow_trade_changed.csv"
        changed.write_bytes(b"\n".join(lines.rstrip(b"\n").split(b"\n")[:-1]) + b"\n")
        merged = import_dataset(old, "cow-trade", changed)
        assert merged.held_before and merged.changes["removed"] > 0
        added = import_dataset(old, "trade", comtrade / "tidy_sample.csv")
        if postgresql:
            placed = _figures_by_partition(old)
            assert [release for _, release, _ in placed] == [1, 2, 3, 4], placed
            assert all(table == f"trade_figure_release_{r}" for table, r, _ in placed), placed
            assert placed[-1][2] == added.counts["trade_figure"]
        assert migrations.drift(old_url) is None
    finally:
        head.dispose()
        old.dispose()
