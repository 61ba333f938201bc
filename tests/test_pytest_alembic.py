"""pytest-alembic's standard checks, as a peer review of our migrations, on both backends.

single head, upgrade to head, every step down and up again, and models matching the DDL. The
plugin hands env.py an Engine (our own code hands it a Connection): both must work.
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


def test_upgrade(alembic_runner: object) -> None:
    standard.test_upgrade(alembic_runner)


def test_model_definitions_match_ddl(alembic_runner: object) -> None:
    standard.test_model_definitions_match_ddl(alembic_runner)


def test_up_down_consistency(alembic_runner: object) -> None:
    standard.test_up_down_consistency(alembic_runner)
