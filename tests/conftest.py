"""Shared fixtures: every database test runs on SQLite and on the real PostgreSQL server.

PostgreSQL comes from $BILATERAL_TEST_PG_ADMIN_URL (default: user postgres on 127.0.0.1:5432).
Each run creates databases with random names and drops them at the end. When the server cannot
be reached, tests skip with the reason, except under CI=true, where they fail.

Tests run in parallel xdist workers (`-n 0` runs them in one process). A database a test gets
is a clone of a template built once per run (support.databases): migrated, loaded with a
fixture set, with the shipped data sets imported, or holding the small world. Only tests whose
subject is migrating itself start from an empty database (`empty_database_url`). Tests marked
`serial` run alone (support.alone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from support.alone import Alone
from support.databases import (
    BACKENDS,
    IN_CI,
    PG_ADMIN_URL,
    DatabaseFactory,
    Templates,
    drop_templates,
    require_postgresql,
    run_directory,
)
from support.world import World, build_world

from bilateral_db.db import make_engine

__all__ = ["IN_CI", "PG_ADMIN_URL", "clone_database"]

SMALL_FIXTURES = Path(__file__).parent / "data" / "small_fixtures"
DATASET_SLICES = Path(__file__).parent / "data" / "datasets"


# --- running in parallel: serial tests alone, templates dropped once at the end ---


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(Alone(), "alone")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The controller (or the only process) drops the templates every worker cloned."""
    if not hasattr(session.config, "workerinput"):
        drop_templates(run_directory(session.config._tmp_path_factory))  # type: ignore[attr-defined]


# --- databases ---


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        require_postgresql()
    return str(request.param)


@pytest.fixture(scope="session")
def database_factory(
    backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(backend, tmp_path_factory.mktemp(f"db-{backend}"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session")
def templates(
    database_factory: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Templates:
    """This backend's templates, shared by every worker of the run."""
    return Templates(database_factory, run_directory(tmp_path_factory))


def clone_database(factory: DatabaseFactory, template_url: str) -> str:
    """A copy of a database nobody is connected to: cheaper than migrating again."""
    return factory.clone(template_url)


def own_clone(factory: DatabaseFactory, template_url: str) -> Iterator[str]:
    """A clone for one test, dropped when the test ends."""
    url = factory.clone(template_url)
    yield url
    factory.drop(url)


def _with_engine(work: Callable[[Engine], object]) -> Callable[[str], None]:
    """A template builder that runs `work` on an engine of the template."""

    def build(url: str) -> None:
        engine = make_engine(url)
        try:
            work(engine)
        finally:
            engine.dispose()

    return build


@pytest.fixture
def empty_database_url(database_factory: DatabaseFactory) -> Iterator[str]:
    """A brand-new database with no tables, for tests whose subject is migrating."""
    url = database_factory.create()
    yield url
    database_factory.drop(url)


@pytest.fixture(scope="session")
def migrated_template_url(templates: Templates) -> str:
    """Migrated to head once per backend and run, and never connected to again: clone it."""
    from bilateral_db import migrations

    return templates.url("migrated", migrations.upgrade)


@pytest.fixture(scope="session")
def migrated_url(database_factory: DatabaseFactory, migrated_template_url: str) -> str:
    """A migrated database per backend, shared by a worker's tests: they must not commit."""
    return database_factory.clone(migrated_template_url)


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


@pytest.fixture
def fresh_migrated_url(
    database_factory: DatabaseFactory, migrated_template_url: str
) -> Iterator[str]:
    """A database of its own, migrated to head, that the test may commit to."""
    yield from own_clone(database_factory, migrated_template_url)


def table_snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: equal snapshots mean an unchanged database."""
    from sqlalchemy import inspect, text

    from bilateral_db.db import table_names

    snapshot: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        inspector = inspect(connection)
        for table in sorted(table_names(connection)):
            # Sorted by the database on every column (a total order on equal contents, and a
            # third of the time of sorting the rows' repr here).
            columns = ", ".join(str(n) for n in range(1, len(inspector.get_columns(table)) + 1))
            rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY {columns}'))
            snapshot[table] = [tuple(row) for row in rows]
    return snapshot


@pytest.fixture
def snapshot() -> Callable[[Engine], dict[str, list[tuple[object, ...]]]]:
    return table_snapshot


# --- fixture sets and loaded databases (the loader's tests, and report tests on real data) ---


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


def _load_small(engine: Engine) -> None:
    from bilateral_db.load import load_fixtures

    load_fixtures(engine, [SMALL_FIXTURES])


def _load_bundled(engine: Engine) -> None:
    from bilateral_db.load import load_fixtures

    load_fixtures(engine)


def _import_shipped(engine: Engine) -> None:
    from bilateral_db.imports import BUNDLED, NotLoaded, bundled_path, import_dataset

    for name in BUNDLED:
        try:
            import_dataset(engine, name, bundled_path(name))
        except NotLoaded:
            continue  # the small fixture set has no GW codes: Archigos would match nothing


@pytest.fixture(scope="session")
def small_loaded_template_url(templates: Templates, migrated_template_url: str) -> str:
    """Loaded with tests/data/small_fixtures once per backend and run; only ever cloned."""
    return templates.url("small-loaded", _with_engine(_load_small), base=migrated_template_url)


@pytest.fixture
def small_loaded_url(
    database_factory: DatabaseFactory, small_loaded_template_url: str
) -> Iterator[str]:
    """A database of its own holding the small fixture set; the test may commit to it."""
    yield from own_clone(database_factory, small_loaded_template_url)


@pytest.fixture(scope="session")
def small_imported_template_url(templates: Templates, small_loaded_template_url: str) -> str:
    """The small fixture set and the data sets shipped with the package; only ever cloned."""
    return templates.url(
        "small-imported", _with_engine(_import_shipped), base=small_loaded_template_url
    )


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
    """The small fixture set, shared by a worker's tests: they must not commit to it."""
    engine = make_engine(database_factory.clone(small_loaded_template_url))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def curated_template_url(templates: Templates, migrated_template_url: str) -> str:
    """Migrated and loaded with the bundled fixtures (no data set imported); only cloned."""
    return templates.url("curated", _with_engine(_load_bundled), base=migrated_template_url)


@pytest.fixture
def curated_engine(
    database_factory: DatabaseFactory, curated_template_url: str
) -> Iterator[Engine]:
    """A database of its own with the bundled fixtures, for imports; the test may commit."""
    url = database_factory.clone(curated_template_url)
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
    """The bundled fixtures, shared by a worker's tests: they must not commit to it."""
    url = database_factory.clone(curated_template_url)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    database_factory.drop(url)


@pytest.fixture(scope="session")
def loaded_template_url(templates: Templates, curated_template_url: str) -> str:
    """The bundled fixtures and the data sets shipped with the package (what quickstart
    builds), once per backend and run; only ever cloned."""
    return templates.url("loaded", _with_engine(_import_shipped), base=curated_template_url)


@pytest.fixture(scope="session")
def loaded_url(database_factory: DatabaseFactory, loaded_template_url: str) -> str:
    """What quickstart builds, shared by a worker's tests: they must not commit to it."""
    return database_factory.clone(loaded_template_url)


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


def _commit_world(engine: Engine) -> None:
    with Session(engine) as db_session:
        build_world(db_session)
        db_session.commit()


@pytest.fixture(scope="session")
def world_template_url(templates: Templates, migrated_template_url: str) -> str:
    """A migrated database with the small world committed, once per backend and run."""
    return templates.url("world", _with_engine(_commit_world), base=migrated_template_url)


@pytest.fixture(scope="session")
def world_url(database_factory: DatabaseFactory, world_template_url: str) -> str:
    """The small world committed, shared by a worker's tests: they only read it."""
    return database_factory.clone(world_template_url)
