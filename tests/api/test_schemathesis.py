"""schemathesis against the served OpenAPI schema.

1. Its coverage phase, as a user runs it (`st run --phases examples,coverage --checks
   not_a_server_error` against `bilateral-db serve`): every operation with the boundary values
   and the invalid values the schema implies (from=1, to=9998, dates outside the pattern, codes
   too long, missing and repeated parameters, …) — no 5xx. It runs on the small world, whose
   answers are quick, so its thousand-odd requests take seconds per backend.
2. Generated cases per operation on the bundled data: every response (status, headers, body)
   matches the schema. Kept modest for CI: EXAMPLES cases per operation and backend; raise it
   locally with SCHEMATHESIS_EXAMPLES. (schemathesis' own pytest plugin does not run under
   this pytest, so each operation's cases are drawn from its Hypothesis strategy here.)
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from bilateral_db.answers import QUESTIONS

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "15"))
BIN = Path(sys.executable).parent


@contextmanager
def _served(url: str) -> Iterator[str]:
    """`bilateral-db serve` on a free loopback port; yields the API's base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = subprocess.Popen(
        [str(BIN / "bilateral-db"), "serve", "--port", str(port), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/openapi.json")
                assert connection.getresponse().status == 200
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_the_coverage_phase_finds_no_server_error(world_url: str, tmp_path: Path) -> None:
    with _served(world_url) as base:
        run = subprocess.run(
            [
                *(str(BIN / "st"), "run", f"{base}/openapi.json"),
                *("--phases", "examples,coverage", "--checks", "not_a_server_error"),
                *("--workers", "1", "--seed", "1", "--no-color"),
            ],
            cwd=tmp_path,  # schemathesis may leave its files where it runs
            capture_output=True,
            text=True,
            timeout=600,
        )
    summary = run.stdout[-6000:]
    print(summary)  # the phases' times, shown with -s
    assert run.returncode == 0, summary
    lines = run.stdout.splitlines()
    tested = next(line for line in lines if "Tested:" in line)
    assert tested.split()[-1] == str(len(QUESTIONS)), summary  # every operation ran
    cases = lines[lines.index("Test cases:") + 1].split()  # "1402 generated, 1402 passed"
    assert cases[1:] == ["generated,", cases[0], "passed"], summary


@pytest.fixture(scope="session")
def api_schema(api_app):
    return schemathesis.openapi.from_asgi("/openapi.json", api_app)


@pytest.mark.parametrize("path", [question.path for question in QUESTIONS])
def test_api_conforms_to_its_schema(api_schema, path: str) -> None:
    operation = api_schema[path]["GET"]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,  # the same cases every run: a CI failure reproduces
        database=None,
    )
    @given(case=operation.as_strategy())
    def conforms(case) -> None:
        # Every check but "schema-valid data is accepted": a schema cannot say that --from must
        # not come after --to, or that 2019-02-30 is no day, so those rightly get a 422.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    conforms()
