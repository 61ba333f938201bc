"""Everything a reader does works on a PostgreSQL hot standby, and a write there is refused.

One standby of the whole test server (scripts/replica-demo) serves every check: the reading
commands of support.readers and a few API endpoints answer on the replica exactly as on the
primary, after the replica has replayed a load made on the primary while it was running.
Under CI=true a standby that cannot be started (pg_basebackup missing included) is a failure.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from support.readers import reading_commands
from support.replica import Replica, ReplicaUnavailable, running_replica, wait_for_replay
from typer.testing import CliRunner

from bilateral_db.cli import app

pytestmark = [pytest.mark.slow, pytest.mark.serial]
runner = CliRunner()

API_PATHS: list[tuple[str, dict[str, Any]]] = [
    ("/blocs/ASEAN/members", {"on": "2019-08-01", "cite": "true"}),
    ("/countries/THA/officials", {"on": "2019-08-01"}),
    ("/trade/RUS/THA", {"from": 2018, "to": 2018, "cite": "true"}),
    ("/meetings/amm-52", {}),
    ("/sources", {}),
    ("/disagreements", {"bloc": "ASEAN"}),
    ("/countries", {"limit": 1000}),
]


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _narrowed(command: list[str]) -> list[str]:
    """The dyad-year panel for 2019 only: the whole panel takes over a minute on the primary
    alone (twice that here); the same code reads the same tables for one year."""
    if "dyad-year" in command and "--from" not in command:
        return [*command, "--from", "2019", "--to", "2019"]
    return command


@pytest.fixture(scope="module")
def replica(backend: str) -> Iterator[Replica]:
    """One standby for the module: it replicates the whole server, databases made later too."""
    if backend != "postgresql":
        pytest.skip("hot standbys are PostgreSQL's")
    from conftest import IN_CI, PG_ADMIN_URL

    try:
        with running_replica(PG_ADMIN_URL) as standby:
            yield standby
    except ReplicaUnavailable as error:
        if IN_CI:
            pytest.fail(f"CI=true and no hot standby could be started: {error}", pytrace=False)
        pytest.skip(f"no hot standby: {error}")


def test_every_reader_answers_on_the_replica_as_on_the_primary(
    replica: Replica, small_imported_url: str, small_fixtures: Any, tmp_path: Path
) -> None:
    primary_url = small_imported_url
    replica_url = replica.database_url(make_url(primary_url).database or "")

    # A load on the primary while the standby runs: the replica must show it once replayed.
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    loaded = runner.invoke(app, ["load", str(small_fixtures.path), "--db", primary_url])
    assert loaded.exit_code == 0, loaded.output
    lag = wait_for_replay(_libpq(primary_url), replica.url)
    print(f"standby ready in {replica.timings}; replayed the load {lag:.3f} s after it")

    (tmp_path / "primary").mkdir()
    (tmp_path / "replica").mkdir()
    checked = 0
    for on_primary, on_replica in zip(
        reading_commands(tmp_path / "primary"), reading_commands(tmp_path / "replica"), strict=True
    ):
        expected = runner.invoke(app, [*_narrowed(on_primary), "--db", primary_url])
        actual = runner.invoke(app, [*_narrowed(on_replica), "--db", replica_url])
        assert expected.exit_code == 0, (on_primary, expected.output)
        assert actual.exit_code == 0, (on_replica, actual.output)
        assert actual.stdout.replace("/replica/", "/primary/") == expected.stdout, on_replica
        checked += 1
    for name in ("cy.csv", "dy.parquet", "gw.csv"):
        written = (tmp_path / "replica" / name).read_bytes()
        assert written == (tmp_path / "primary" / name).read_bytes(), name
        assert len(written) > 100
    assert checked == len(reading_commands(tmp_path))
    print(f"{checked} reading commands equal on the replica")


def test_the_api_answers_on_the_replica_as_on_the_primary(
    replica: Replica, small_imported_url: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from bilateral_db.api import create_app

    replica_url = replica.database_url(make_url(small_imported_url).database or "")
    wait_for_replay(_libpq(small_imported_url), replica.url)
    primary_app, replica_app = create_app(small_imported_url), create_app(replica_url)
    try:
        with TestClient(primary_app) as primary, TestClient(replica_app) as standby:
            for path, params in API_PATHS:
                expected = primary.get(path, params=params)
                actual = standby.get(path, params=params)
                assert expected.status_code == 200, (path, expected.text)
                assert actual.status_code == 200, (path, actual.text)
                assert actual.content == expected.content, path
                assert actual.headers["ETag"]  # the version token works in recovery too
            assert len(primary.get("/trade/RUS/THA", params={"from": 2018}).json()) > 0
    finally:
        primary_app.state.engine.dispose()
        replica_app.state.engine.dispose()


def test_a_write_on_the_replica_is_refused_clearly(
    replica: Replica, small_imported_url: str, small_fixtures: Any
) -> None:
    replica_url = replica.database_url(make_url(small_imported_url).database or "")
    wait_for_replay(_libpq(small_imported_url), replica.url)
    small_fixtures.replace("topics.yaml", "name: Energy", "name: Energy policy")
    result = runner.invoke(app, ["load", str(small_fixtures.path), "--db", replica_url])
    assert result.exit_code == 1, result.output
    assert "read-only" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
