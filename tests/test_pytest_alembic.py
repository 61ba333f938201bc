"""pytest-alembic's standard checks, as a peer review of our migrations, on both backends.

One head, and models matching the DDL that the migrations build (the plugin hands env.py an
Engine where our own code hands it a Connection: both must work). Every migration up and
down, and what each builds, is tests/test_migrations.py's catalog walk: the plugin's upgrade
and up-down checks would run the same migrations again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_alembic import tests as standard
from pytest_alembic.config import Config
from sqlalchemy import Engine

from bilateral_db import migrations
from bilateral_db.db import make_engine


@pytest.fixture
def alembic_config(empty_database_url: str) -> Config:
    return Config(alembic_config=migrations.alembic_config(empty_database_url))


@pytest.fixture
def alembic_engine(empty_database_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_database_url)
    yield engine
    engine.dispose()


def test_single_head_revision(alembic_runner: object) -> None:
    standard.test_single_head_revision(alembic_runner)


def test_model_definitions_match_ddl(alembic_runner: object) -> None:
    standard.test_model_definitions_match_ddl(alembic_runner)
