"""Migrations build the same schema as the models, on both backends, up and down."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from bilateral_db import migrations
from bilateral_db.db import make_engine
from bilateral_db.models import Base


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrations.alembic_config("sqlite://"))


def test_exactly_one_head() -> None:
    assert len(_script().get_heads()) == 1


def test_upgrade_head_builds_every_model_table_without_drift(empty_database_url: str) -> None:
    migrations.upgrade(empty_database_url)
    assert _tables(empty_database_url) == set(Base.metadata.tables)
    assert migrations.current_revisions(empty_database_url) == migrations.head_revisions()
    assert migrations.drift(empty_database_url) is None


def test_downgrade_to_base_then_up_again(empty_database_url: str) -> None:
    migrations.upgrade(empty_database_url)
    migrations.downgrade(empty_database_url, "base")
    assert _tables(empty_database_url) == set()
    assert migrations.current_revisions(empty_database_url) == ()
    migrations.upgrade(empty_database_url)
    assert migrations.drift(empty_database_url) is None


def test_every_revision_steps_up_and_down(empty_database_url: str) -> None:
    revisions = [rev.revision for rev in reversed(list(_script().walk_revisions()))]
    for revision in revisions:
        migrations.upgrade(empty_database_url, revision)
        assert migrations.current_revisions(empty_database_url) == (revision,)
        migrations.downgrade(empty_database_url, "-1")
        migrations.upgrade(empty_database_url, revision)
    assert migrations.current_revisions(empty_database_url) == migrations.head_revisions()


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
