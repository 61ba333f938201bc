"""Shared fixtures: every database test runs on SQLite and on the real PostgreSQL server.

PostgreSQL comes from $BILATERAL_TEST_PG_ADMIN_URL (default: user postgres on 127.0.0.1:5432).
Each run creates databases with random names and drops them at the end. When the server cannot
be reached, tests skip with the reason, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from support.world import World, build_world

from bilateral_db import migrations
from bilateral_db.db import make_engine

PG_ADMIN_URL = os.environ.get(
    "BILATERAL_TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ("sqlite", "postgresql")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _pg_admin() -> psycopg.Connection:
    return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)


def _require_postgresql() -> None:
    try:
        with _pg_admin():
            pass
    except psycopg.OperationalError as error:
        reason = (
            f"PostgreSQL at {make_url(PG_ADMIN_URL).render_as_string()} is unreachable: {error}"
        )
        if IN_CI:
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(f"!!! SKIPPING POSTGRESQL TESTS: {reason}")


class DatabaseFactory:
    """Creates empty databases for one backend and removes them all at the end."""

    def __init__(self, backend: str, tmp_dir: Path) -> None:
        self.backend = backend
        self.tmp_dir = tmp_dir
        self.created: list[str] = []

    def create(self) -> str:
        name = f"bilateral_test_{uuid.uuid4().hex[:12]}"
        if self.backend == "sqlite":
            return f"sqlite:///{self.tmp_dir / f'{name}.sqlite'}"
        _require_postgresql()
        with _pg_admin() as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.created.append(name)
        return (
            make_url(PG_ADMIN_URL)
            .set(drivername="postgresql+psycopg", database=name)
            .render_as_string(hide_password=False)
        )

    def drop(self, url: str) -> None:
        """Drop one database as soon as its test ends: a server holding every clone of a run
        until the end grows by gigabytes (and a hot standby of it copies them all)."""
        name = make_url(url).database or ""
        if self.backend == "sqlite":
            Path(name).unlink(missing_ok=True)
            return
        with _pg_admin() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if name in self.created:
            self.created.remove(name)

    def drop_all(self) -> None:
        if not self.created:
            return
        with _pg_admin() as admin:
            for name in self.created:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        _require_postgresql()
    return request.param


@pytest.fixture(scope="session")
def database_factory(
    backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(backend, tmp_path_factory.mktemp(f"db-{backend}"))
    yield factory
    factory.drop_all()


@pytest.fixture
def empty_database_url(database_factory: DatabaseFactory) -> Iterator[str]:
    """A brand-new database with no tables, for tests that migrate it themselves."""
    url = database_factory.create()
    yield url
    database_factory.drop(url)


@pytest.fixture(scope="session")
def migrated_url(database_factory: DatabaseFactory) -> str:
    """One database per backend per run, migrated to head once. Tests must not commit to it."""
    url = database_factory.create()
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session")
def migrated_engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(migrated_engine: Engine) -> Iterator[Session]:
    """A session whose work, commits included, is rolled back after the test."""
    connection = migrated_engine.connect()
    transaction = connection.begin()
    db_session = Session(bind=connection, join_transaction_mode="create_savepoint")
    yield db_session
    db_session.close()
    transaction.rollback()
    connection.close()


# --- fixture sets and loaded databases (the loader's tests, and report tests on real data) ---

SMALL_FIXTURES = Path(__file__).parent / "data" / "small_fixtures"


def clone_database(factory: DatabaseFactory, template_url: str) -> str:
    """A copy of a database nobody is connected to: cheaper than migrating again."""
    if factory.backend == "sqlite":
        import shutil

        url = factory.create()
        shutil.copyfile(make_url(template_url).database or "", make_url(url).database or "")
        return url
    name = f"bilateral_test_{uuid.uuid4().hex[:12]}"
    template = make_url(template_url).database or ""
    with _pg_admin() as admin:
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    factory.created.append(name)
    return make_url(template_url).set(database=name).render_as_string(hide_password=False)


def own_clone(factory: DatabaseFactory, template_url: str) -> Iterator[str]:
    """A clone for one test, dropped when the test ends."""
    url = clone_database(factory, template_url)
    yield url
    factory.drop(url)


@pytest.fixture(scope="session")
def migrated_template_url(database_factory: DatabaseFactory) -> str:
    """Migrated to head once per backend and never connected to again: clone it."""
    url = database_factory.create()
    migrations.upgrade(url)
    return url


@pytest.fixture
def fresh_migrated_url(
    database_factory: DatabaseFactory, migrated_template_url: str
) -> Iterator[str]:
    """A database of its own, migrated to head, that the test may commit to."""
    yield from own_clone(database_factory, migrated_template_url)


def table_snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: equal snapshots mean an unchanged database."""
    from sqlalchemy import inspect, text

    snapshot: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).fetchall()
            snapshot[table] = sorted((tuple(row) for row in rows), key=repr)
    return snapshot


@pytest.fixture
def snapshot() -> object:
    return table_snapshot


class FixtureCopy:
    """A fixture set copied into a temporary directory, to be broken one edit at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def file(self, name: str) -> Path:
        return self.path / name

    def replace(self, name: str, old: str, new: str) -> FixtureCopy:
        text = self.file(name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        self.file(name).write_text(text.replace(old, new, 1), encoding="utf-8")
        return self

    def append(self, name: str, text: str) -> FixtureCopy:
        with self.file(name).open("a", encoding="utf-8") as handle:
            handle.write(text)
        return self

    def line_of(self, name: str, fragment: str) -> int:
        lines = self.file(name).read_text(encoding="utf-8").splitlines()
        return next(number for number, line in enumerate(lines, 1) if fragment in line)


@pytest.fixture
def small_fixtures(tmp_path: Path) -> FixtureCopy:
    """A private copy of tests/data/small_fixtures, a small valid fixture set."""
    import shutil

    target = tmp_path / "fixtures"
    shutil.copytree(SMALL_FIXTURES, target)
    return FixtureCopy(target)


@pytest.fixture(scope="session")
def small_loaded_template_url(database_factory: DatabaseFactory, migrated_template_url: str) -> str:
    """Loaded with tests/data/small_fixtures once per backend; only ever cloned."""
    from bilateral_db.load import load_fixtures

    url = clone_database(database_factory, migrated_template_url)
    engine = make_engine(url)
    try:
        load_fixtures(engine, [SMALL_FIXTURES])
    finally:
        engine.dispose()
    return url


@pytest.fixture
def small_loaded_url(
    database_factory: DatabaseFactory, small_loaded_template_url: str
) -> Iterator[str]:
    """A database of its own holding the small fixture set; the test may commit to it."""
    yield from own_clone(database_factory, small_loaded_template_url)


@pytest.fixture(scope="session")
def small_imported_template_url(
    database_factory: DatabaseFactory, small_loaded_template_url: str
) -> str:
    """The small fixture set and the data sets shipped with the package; only ever cloned."""
    from bilateral_db.imports import BUNDLED, bundled_path, import_dataset

    url = clone_database(database_factory, small_loaded_template_url)
    engine = make_engine(url)
    try:
        for name in BUNDLED:
            import_dataset(engine, name, bundled_path(name))
    finally:
        engine.dispose()
    return url


@pytest.fixture
def small_imported_url(
    database_factory: DatabaseFactory, small_imported_template_url: str
) -> Iterator[str]:
    """A database of its own with the small fixture set and the shipped data sets imported."""
    yield from own_clone(database_factory, small_imported_template_url)


@pytest.fixture
def small_loaded_engine(small_loaded_url: str) -> Iterator[Engine]:
    engine = make_engine(small_loaded_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def small_shared_engine(
    database_factory: DatabaseFactory, small_loaded_template_url: str
) -> Iterator[Engine]:
    """The small fixture set, shared by every test of a run: tests must not commit to it."""
    engine = make_engine(clone_database(database_factory, small_loaded_template_url))
    yield engine
    engine.dispose()


DATASET_SLICES = Path(__file__).parent / "data" / "datasets"


@pytest.fixture(scope="session")
def curated_template_url(database_factory: DatabaseFactory, migrated_template_url: str) -> str:
    """Migrated and loaded with the bundled fixtures (no data set imported); only cloned."""
    from bilateral_db.load import load_fixtures

    url = clone_database(database_factory, migrated_template_url)
    engine = make_engine(url)
    try:
        load_fixtures(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def curated_engine(
    database_factory: DatabaseFactory, curated_template_url: str
) -> Iterator[Engine]:
    """A database of its own with the bundled fixtures, for imports; the test may commit."""
    url = clone_database(database_factory, curated_template_url)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    database_factory.drop(url)


@pytest.fixture
def curated_url(database_factory: DatabaseFactory, curated_template_url: str) -> Iterator[str]:
    """A database of its own with the bundled fixtures, for imports; the test may commit."""
    yield from own_clone(database_factory, curated_template_url)


@pytest.fixture(scope="session")
def curated_shared_engine(
    database_factory: DatabaseFactory, curated_template_url: str
) -> Iterator[Engine]:
    """The bundled fixtures, shared by every test of a run: tests must not commit to it."""
    url = clone_database(database_factory, curated_template_url)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    database_factory.drop(url)


@pytest.fixture(scope="session")
def loaded_url(database_factory: DatabaseFactory, migrated_template_url: str) -> str:
    """One database per backend with the BUNDLED fixtures and the data sets shipped with the
    package (what quickstart builds). Do not commit."""
    from bilateral_db.imports import BUNDLED, bundled_path, import_dataset
    from bilateral_db.load import load_fixtures

    url = clone_database(database_factory, migrated_template_url)
    engine = make_engine(url)
    try:
        load_fixtures(engine)
        for name in BUNDLED:
            import_dataset(engine, name, bundled_path(name))
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def loaded_engine(loaded_url: str) -> Iterator[Engine]:
    engine = make_engine(loaded_url)
    yield engine
    engine.dispose()


# --- a small world built with the ORM (report and report-CLI tests) ---


@pytest.fixture
def world(session: Session) -> World:
    """The small world inside the test's rolled-back session."""
    return build_world(session)


@pytest.fixture(scope="session")
def world_url(database_factory: DatabaseFactory) -> str:
    """A migrated database per backend with the small world committed, for read-only tests."""
    url = database_factory.create()
    migrations.upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as db_session:
            build_world(db_session)
            db_session.commit()
    finally:
        engine.dispose()
    return url
