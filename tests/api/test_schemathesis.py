"""schemathesis against the served OpenAPI schema: no 5xx, and every response (status, headers,
body) matches the schema.

Kept modest for CI: EXAMPLES generated cases per operation and backend (13 operations × 2
backends × 15 = at most 390 cases, about ten seconds); raise it locally with
SCHEMATHESIS_EXAMPLES. (schemathesis' own pytest plugin does not run under this pytest, so
each operation's cases are drawn from its Hypothesis strategy here.)
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from bilateral_db.answers import QUESTIONS

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "15"))


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
