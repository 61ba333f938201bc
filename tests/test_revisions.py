"""The revision check every write makes, read without Alembic, answers as Alembic does."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext

from bilateral_db import migrations, revisions
from bilateral_db.db import make_engine
from bilateral_db.writing import WriteError, write_transaction

HEADER = '"""A migration."""\nfrom __future__ import annotations\n\n'


def _migration(directory: Path, name: str, body: str) -> None:
    (directory / name).write_text(HEADER + body, encoding="utf-8")


def test_the_bundled_heads_are_alembics() -> None:
    assert revisions.bundled_heads() == tuple(sorted(migrations.head_revisions()))


def test_heads_of_a_branched_and_merged_history(tmp_path: Path) -> None:
    _migration(tmp_path, "0001_a.py", 'revision: str = "0001"\ndown_revision: str | None = None\n')
    _migration(tmp_path, "0002_b.py", 'revision = "0002"\ndown_revision = "0001"\n')
    _migration(tmp_path, "0003_c.py", "revision = '0003'\ndown_revision = '0001'\n")
    assert revisions.heads_in(tmp_path) == ("0002", "0003")
    _migration(tmp_path, "0004_merge.py", 'revision = "0004"\ndown_revision = ("0002", "0003")\n')
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")  # Alembic skips it too
    (tmp_path / "README").write_text('revision = "0009"\n', encoding="utf-8")
    assert revisions.heads_in(tmp_path) == ("0004",)


@pytest.mark.parametrize(
    "body",
    [
        'revision = "0002"\n',  # no down_revision
        'revision = make_id()\ndown_revision = "0001"\n',  # not a literal
        'revision = "0002"\ndown_revision = (\n    "0001",\n)\n',  # over several lines
        'revision = "0002"\nrevision = "0003"\ndown_revision = "0001"\n',  # twice
        "down_revision = None\n",  # no revision
    ],
)
def test_a_migration_it_cannot_follow_sends_the_caller_to_alembic(
    tmp_path: Path, body: str
) -> None:
    _migration(tmp_path, "0001_a.py", 'revision = "0001"\ndown_revision = None\n')
    _migration(tmp_path, "0002_b.py", body)
    assert revisions.heads_in(tmp_path) is None


def test_the_database_heads_are_alembics(small_loaded_url: str, empty_database_url: str) -> None:
    for url, expected in ((small_loaded_url, revisions.bundled_heads()), (empty_database_url, ())):
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                alembic = tuple(sorted(MigrationContext.configure(connection).get_current_heads()))
                assert revisions.database_heads(connection) == alembic == expected
        finally:
            engine.dispose()


def test_a_write_refuses_a_database_behind_the_migrations(empty_database_url: str) -> None:
    migrations.upgrade(empty_database_url, "+1")  # the first revision only
    first = migrations.current_revisions(empty_database_url)
    engine = make_engine(empty_database_url, create=False)
    try:
        with pytest.raises(WriteError) as refused, write_transaction(engine, 5):
            pytest.fail("the write went ahead")
    finally:
        engine.dispose()
    newest = ", ".join(migrations.head_revisions())
    assert f"is at revision {first[0]}, not the newest ({newest})" in str(refused.value)
    assert "run `bilateral-db db upgrade` first" in str(refused.value)
