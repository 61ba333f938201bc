"""Engines: SQLite gets its pragmas on every connection, and reading never creates a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral_db.cli import app
from bilateral_db.db import DatabaseMissing, make_engine


def test_sqlite_connections_enforce_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    try:
        for _ in range(2):  # every connection of the pool, not only the first
            with engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_missing_sqlite_file_is_an_error_when_it_must_exist(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        make_engine(f"sqlite:///{tmp_path / 'absent.sqlite'}", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["report", "members", "ASEAN"],
        ["load"],
        ["export", "panel", "--unit", "country-year", "--out", "panel.csv"],
    ],
)
def test_commands_that_read_do_not_create_an_empty_database(
    tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "typo.sqlite"
    result = CliRunner().invoke(app, [*command, "--db", f"sqlite:///{target}"])
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert not target.exists()


def test_postgresql_sessions_do_not_compile_queries(backend: str, fresh_migrated_url: str) -> None:
    """JIT compiling cost 5.6 s of a 5.6 s trade report on a million rows: it is off."""
    from sqlalchemy import text

    if backend != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    for read_only in (False, True):
        engine = make_engine(fresh_migrated_url, read_only=read_only)
        try:
            with engine.connect() as connection:
                assert connection.execute(text("SHOW jit")).scalar_one() == "off"
        finally:
            engine.dispose()


@pytest.mark.parametrize("name", ["what?.sqlite", "no#1.sqlite", "100% sure.sqlite", "a b.sqlite"])
def test_every_reader_opens_a_sqlite_file_whatever_its_name(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, name: str
) -> None:
    """Readers open the file as a URI (mode=ro), where ?, # and % mean something: the CLI, the
    exports and the API share one read-only session that quotes the path."""
    import shutil
    import warnings

    from sqlalchemy.engine import URL, make_url

    if backend != "sqlite":
        pytest.skip("a file name is SQLite's")
    loaded = request.getfixturevalue("small_imported_url")  # here: PostgreSQL needs no copy
    path = tmp_path / name
    shutil.copyfile(make_url(loaded).database or "", path)
    url = URL.create("sqlite", database=str(path)).render_as_string()
    report = CliRunner().invoke(
        app, ["report", "members", "ASEAN", "--on", "2019-08-01", "-f", "json", "--db", url]
    )
    assert report.exit_code == 0, report.output
    members = [row["country"] for row in json.loads(report.stdout)]
    assert "THA" in members
    out = tmp_path / "cy.csv"
    export = CliRunner().invoke(
        app, ["export", "panel", "--unit", "country-year", "--out", str(out), "--db", url]
    )
    assert export.exit_code == 0, export.output
    assert out.stat().st_size > 100
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from bilateral_db.api import create_app

    with TestClient(create_app(url)) as client:
        response = client.get("/blocs/ASEAN/members", params={"on": "2019-08-01"})
        assert response.status_code == 200, response.text
        assert [row["country"] for row in response.json()] == members
        etag = response.headers["ETag"]  # the data's version, read from the open file
        again = client.get(
            "/blocs/ASEAN/members", params={"on": "2019-08-01"}, headers={"If-None-Match": etag}
        )
        assert again.status_code == 304
    # Nothing beside the file but the export and the file's own write-ahead log and index
    # (SQLite names them after the file: a misread name would show here).
    log = {f"{name}-wal", f"{name}-shm"}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in log) == sorted(
        [name, "cy.csv"]
    )


def test_the_data_version_moves_with_a_write(backend: str, fresh_migrated_url: str) -> None:
    """The API's ETags rest on it: the same data, the same version; a commit, a new one."""
    from sqlalchemy import text

    from bilateral_db.db import data_version, read_snapshot

    reader = make_engine(fresh_migrated_url, read_only=True)
    writer = make_engine(fresh_migrated_url)

    def read() -> str:
        with read_snapshot(reader) as session:
            return data_version(session)

    try:
        # On PostgreSQL the version is the server's WAL position, which other tests' writes
        # (parallel workers) move too: two reads agree once no one wrote between them.
        first = read()
        for _ in range(50):
            again = read()
            if again == first:
                break
            first = again
        else:
            pytest.fail("the data version never held still between two reads")
        with writer.begin() as connection:
            connection.execute(text("INSERT INTO topic (slug, name) VALUES ('t', 'T')"))
        with read_snapshot(reader) as session:
            assert data_version(session) != first
    finally:
        reader.dispose()
        writer.dispose()
