"""PostgreSQL holds the views' descriptions as comments, the same text as docs/schema.md."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bilateral_db import migrations
from bilateral_db.db import make_engine
from bilateral_db.view_docs import VIEW_COLUMNS, VIEW_DESCRIPTIONS


def test_views_and_their_columns_carry_their_descriptions(
    backend: str, fresh_migrated_url: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite keeps no comments")
    engine = make_engine(fresh_migrated_url)
    try:
        with engine.connect() as connection:
            view = connection.execute(
                text("SELECT obj_description('v_membership'::regclass, 'pg_class')")
            ).scalar_one()
            column = connection.execute(
                text(
                    "SELECT col_description('v_membership'::regclass, a.attnum) "
                    "FROM pg_attribute a WHERE a.attrelid = 'v_membership'::regclass "
                    "AND a.attname = 'member_code'"
                )
            ).scalar_one()
            described = connection.execute(
                text(
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relkind = 'v' AND n.nspname = current_schema() "
                    "AND obj_description(c.oid, 'pg_class') IS NOT NULL"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    assert view == VIEW_DESCRIPTIONS["v_membership"]
    assert column == VIEW_COLUMNS["v_membership"]["member_code"]
    assert described == len(VIEW_DESCRIPTIONS)


def test_a_downgrade_and_upgrade_leave_the_comments_in_place(
    backend: str, fresh_migrated_url: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite keeps no comments")
    migrations.downgrade(fresh_migrated_url, "0002")
    migrations.upgrade(fresh_migrated_url)
    engine = make_engine(fresh_migrated_url)
    try:
        with engine.connect() as connection:
            view = connection.execute(
                text("SELECT obj_description('v_claim'::regclass, 'pg_class')")
            ).scalar_one()
    finally:
        engine.dispose()
    assert view == VIEW_DESCRIPTIONS["v_claim"]
