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
def empty_database_url(database_factory: DatabaseFactory) -> str:
    """A brand-new database with no tables, for tests that migrate it themselves."""
    return database_factory.create()


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
