"""The API cannot write: only reading methods are routed, its connection refuses writes, and
hostile parameters get a 4xx and change nothing."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bilateral_db.db import make_engine, read_snapshot

HOSTILE = [
    "'",
    '"',
    "'; DROP TABLE country; --",
    "ASEAN'); DELETE FROM membership; --",
    "%",
    "%25",
    "_",
    "\\",
    "x" * 5000,
    "\u0000",
    "\u202eNAESA",
    "ＡＳＥＡＮ",
    "🇹🇭",
    "Ω≈ç√∫",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "[/x]",
]
PATHS = [
    "/blocs/{}/members",
    "/countries/{}",
    "/countries/{}/officials",
    "/people/{}/terms",
    "/meetings/{}",
    "/trade/RUS/{}",
    "/dyads/{}/ASEAN",
    "/agreements/{}",
    "/timelines/{}",
]
QUERIES = [
    ("/meetings", "country"),
    ("/meetings", "topic"),
    ("/meetings", "from"),
    ("/blocs/ASEAN/members", "on"),
    ("/blocs/ASEAN/members", "role"),
    ("/countries/THA/officials", "post"),
    ("/trade/RUS/THA", "category"),
    ("/trade/RUS/THA", "to"),
    ("/countries", "limit"),
]


def test_only_reading_methods_are_routed(api_app, client) -> None:
    for route in api_app.routes:
        assert set(getattr(route, "methods", None) or {"GET"}) <= {"GET", "HEAD"}, route
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        response = client.request(method, "/blocs/ASEAN/members")
        assert response.status_code == 405
        assert response.headers["Allow"] == "GET"
    head = client.head("/blocs/ASEAN/members")
    assert (head.status_code, head.content) == (200, b"")
    options = client.options("/blocs/ASEAN/members")
    assert (options.status_code, options.headers["Allow"]) == (204, "GET, HEAD, OPTIONS")


def test_the_connection_refuses_writes(api_app) -> None:
    for statement in (
        "DELETE FROM country",
        "UPDATE bloc SET name = 'x'",
        "CREATE TABLE intruder (id INTEGER)",
    ):
        with read_snapshot(api_app.state.engine) as session:
            with pytest.raises(DBAPIError) as refused:
                session.execute(text(statement))
            message = str(refused.value.orig).lower()
            assert "readonly" in message or "read-only" in message, message


def test_hostile_parameters_get_4xx_and_change_nothing(client, loaded_url, snapshot) -> None:
    engine = make_engine(loaded_url)
    try:
        before = snapshot(engine)
        statuses = set()
        for value in HOSTILE:
            for path in PATHS:
                response = client.get(path.format(quote(value, safe="")))
                assert 400 <= response.status_code < 500, (path, value, response.text)
                assert response.json()["error"]["status"] == response.status_code
                statuses.add(response.status_code)
            for path, name in QUERIES:
                response = client.get(path, params={name: value})
                assert 400 <= response.status_code < 500, (path, name, value, response.text)
        assert statuses == {404, 422}
        assert snapshot(engine) == before
    finally:
        engine.dispose()
