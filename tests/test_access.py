"""`db grant`: a read-only role reads everything and writes nothing, a loader loads but cannot
change the schema, and both cover the tables of future migrations. Tested by logging in."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url
from support.readers import reading_commands
from typer.testing import CliRunner

from bilateral_db.cli import app
from bilateral_db.db import make_engine
from bilateral_db.resources import datasets_dir

runner = CliRunner()


def _plain(url: str, **changes: Any) -> str:
    return make_url(url).set(drivername="postgresql", **changes).render_as_string(False)


@pytest.fixture
def role(backend: str, small_imported_url: str) -> Iterator[str]:
    """A LOGIN role of its own (roles belong to the whole server), dropped afterwards."""
    if backend != "postgresql":
        pytest.skip("roles are PostgreSQL's")
    name = f"bilateral_role_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_plain(small_imported_url), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(_plain(small_imported_url), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def _as(url: str, role: str) -> str:
    return make_url(url).set(username=role, password=None).render_as_string(False)


def test_a_readonly_role_runs_every_reader_and_cannot_write(
    small_imported_url: str, small_fixtures: Any, role: str, tmp_path: Path, snapshot: Any
) -> None:
    granted = runner.invoke(app, ["db", "grant", "--readonly", role, "--db", small_imported_url])
    assert granted.exit_code == 0, granted.output
    assert f"{role}: readonly access" in granted.output
    as_role = _as(small_imported_url, role)
    for command in reading_commands(tmp_path):
        result = runner.invoke(app, [*command, "--db", as_role])
        assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "cy.csv").stat().st_size > 100
    _api_answers_as(as_role)

    engine = make_engine(small_imported_url)
    try:
        before = snapshot(engine)
        small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
        load = runner.invoke(app, ["load", str(small_fixtures.path), "--db", as_role])
        assert load.exit_code == 1
        assert "permission denied" in load.output
        assert "Traceback" not in load.output
        with (
            psycopg.connect(_plain(as_role)) as connection,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            connection.execute("CREATE TABLE intruder (a int)")
        assert snapshot(engine) == before
    finally:
        engine.dispose()


def _api_answers_as(url: str) -> None:
    """The API reads through the same read-only session as the CLI: a read-only role serves."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from bilateral_db.api import create_app

    with TestClient(create_app(url)) as client:
        response = client.get("/blocs/ASEAN/members", params={"on": "2019-08-01"})
        assert response.status_code == 200, response.text
        assert "THA" in {row["country"] for row in response.json()}
        assert response.headers["ETag"]  # the data's version, readable by a read-only role


def test_a_loader_loads_but_cannot_change_the_schema(
    small_imported_url: str, small_fixtures: Any, role: str, tmp_path: Path
) -> None:
    granted = runner.invoke(app, ["db", "grant", "--loader", role, "--db", small_imported_url])
    assert granted.exit_code == 0, granted.output
    as_role = _as(small_imported_url, role)
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    small_fixtures.append("topics.yaml", "- {slug: tourism, name: Tourism}\n")
    load = runner.invoke(app, ["load", str(small_fixtures.path), "--db", as_role])
    assert load.exit_code == 0, load.output
    assert "1 inserted, 1 updated" in load.output
    # A data set's release replaced by a later file (one state's spell left out), then back.
    shipped = datasets_dir() / "cow" / "states2016.csv"
    shorter = tmp_path / "states2016.csv"
    shorter.write_text("".join(shipped.read_text(encoding="utf-8").splitlines(True)[:-1]))
    for path, change in ((shorter, "1 removed"), (shipped, "1 inserted")):
        imported = runner.invoke(app, ["import", "cow-states", str(path), "--db", as_role])
        assert imported.exit_code == 0, imported.output
        assert "cow-states" in imported.output and change in imported.output
    with psycopg.connect(_plain(as_role)) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("CREATE TABLE intruder (a int)")
        connection.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("DROP TABLE topic")


def test_default_privileges_cover_the_tables_of_future_migrations(
    small_imported_url: str, role: str
) -> None:
    assert runner.invoke(app, ["db", "grant", "--readonly", role, "--db", small_imported_url])
    with psycopg.connect(_plain(small_imported_url), autocommit=True) as owner:
        # What a later migration run by the owner does.
        owner.execute("CREATE TABLE later_table (a int)")
        owner.execute("INSERT INTO later_table VALUES (7)")
        owner.execute("CREATE VIEW v_later AS SELECT a FROM later_table")
    with psycopg.connect(_plain(_as(small_imported_url, role))) as reader:
        assert reader.execute("SELECT a FROM later_table").fetchone() == (7,)
        assert reader.execute("SELECT a FROM v_later").fetchone() == (7,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("INSERT INTO later_table VALUES (8)")


def test_unknown_role_and_no_role_are_clear_errors(backend: str, small_imported_url: str) -> None:
    result = runner.invoke(
        app, ["db", "grant", "--readonly", "nobody_[/x]'; DROP", "--db", small_imported_url]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    if backend == "postgresql":
        assert 'there is no PostgreSQL role "nobody_[/x]\'; DROP"' in result.output
    else:
        assert "SQLite has no roles" in result.output
    result = runner.invoke(app, ["db", "grant", "--db", small_imported_url])
    assert result.exit_code == 2
    assert "name a role" in result.output
