"""`bilateral-db serve` as a user starts it: a real server process on a loopback port."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral_db.cli import app

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_over_http(world_url: str) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [
            *(str(BIN / "bilateral-db"), "serve", "--port", str(port), "--workers", "2"),
            "--db",
            world_url,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/people/sergey-lavrov/terms")
                response = connection.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert response.status == 200
        assert json.loads(response.read())[0]["post"] == "foreign-minister"
        assert response.getheader("ETag")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'none.sqlite'}"])
    assert result.exit_code == 1
    assert "no database at" in result.output and "quickstart" in result.output


def test_serve_without_the_api_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "fastapi" else real(name)
    )
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 1
    assert "pip install 'bilateral_db[api]'" in result.output
