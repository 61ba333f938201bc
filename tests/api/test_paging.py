"""Lists come in pages: a request without `limit` gets the first page and the way to the next,
and a report that takes `limit` and `offset` is asked for one page only, never the whole."""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from typing import Any

import pytest

from bilateral_db import reports
from bilateral_db.api.routes import DEFAULT_LIMIT


def _next(response: Any) -> str | None:
    found = re.search(r'<([^>]+)>; rel="next"', response.headers.get("Link", ""))
    return found.group(1) if found else None


def test_an_unpaged_request_gets_the_first_page_and_the_next(client) -> None:
    everything = client.get("/countries", params={"limit": 1000}).json()
    assert len(everything) > 2 * DEFAULT_LIMIT  # the bundled data: every ISO country and more
    first = client.get("/countries")
    assert first.json() == everything[:DEFAULT_LIMIT]
    assert first.headers["X-Total-Count"] == str(len(everything))
    pages, url = [first.json()], _next(first)
    while url is not None:
        response = client.get(url)
        pages.append(response.json())
        url = _next(response)
    assert [row for page in pages for row in page] == everything
    assert len(pages) == -(-len(everything) // DEFAULT_LIMIT)


def test_past_the_end_is_an_empty_page(client) -> None:
    response = client.get("/countries", params={"offset": 100000})
    assert response.status_code == 200 and response.json() == []
    assert 'rel="prev"' in response.headers["Link"] and 'rel="next"' not in response.headers["Link"]


def _paging(real: Callable[..., list[Any]], calls: list[tuple[Any, ...]]) -> Callable[..., Any]:
    """`real` as the reports branch makes list reports: keyword-only limit and offset."""

    def paged(session: Any, *, limit: int | None = None, offset: int = 0) -> list[Any]:
        calls.append((limit, offset))
        rows = real(session)
        return rows[offset:] if limit is None else rows[offset : offset + limit]

    paged.__annotations__["return"] = typing.get_type_hints(real)["return"]  # the row type
    return paged


@pytest.mark.parametrize("counted", [True, False], ids=["with-total", "without-total"])
def test_a_report_that_pages_is_asked_for_one_page(
    client, monkeypatch: pytest.MonkeyPatch, counted: bool
) -> None:
    everything = client.get("/countries", params={"limit": 1000}).json()
    real = reports.list_countries
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(reports, "list_countries", _paging(real, calls))
    if counted:
        monkeypatch.setattr(
            reports, "list_countries_total", lambda session: len(real(session)), raising=False
        )
    else:  # the reports package has one: take it away
        monkeypatch.setattr(reports, "list_countries_total", None, raising=False)
    page = client.get("/countries", params={"limit": 10, "offset": 20})
    assert calls == [(11, 20)]  # one row more than the page says whether another follows
    assert page.json() == everything[20:30]
    assert _next(page) is not None and "offset=30" in (_next(page) or "")
    if counted:
        assert page.headers["X-Total-Count"] == str(len(everything))
    else:  # not known before the last page
        assert "X-Total-Count" not in page.headers
    last = client.get("/countries", params={"limit": 10, "offset": len(everything) - 4})
    assert last.json() == everything[-4:]
    assert last.headers["X-Total-Count"] == str(len(everything))
    assert _next(last) is None


def test_the_cli_gets_the_whole_answer_from_a_report_that_pages(
    loaded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from bilateral_db.cli import app

    def count(output: str) -> int:
        return len([line for line in output.splitlines() if line.startswith('    "country"')])

    before = CliRunner().invoke(app, ["report", "countries", "-f", "json", "--db", loaded_url])
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(reports, "list_countries", _paging(reports.list_countries, calls))
    after = CliRunner().invoke(app, ["report", "countries", "-f", "json", "--db", loaded_url])
    assert calls == [(None, 0)]  # no page asked: the whole answer
    assert after.stdout == before.stdout and count(after.stdout) > DEFAULT_LIMIT
