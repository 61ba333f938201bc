"""Every parameter of every endpoint, at the edges of its range: an answer or a 4xx in words.

The parameters are read from the question specs, so a new endpoint or parameter is covered
without touching this file. Days run from 0001-01-01 to 9998-12-31 and years from 1 to 9998
(a trade answer's first year from 2: each year's change is computed from the year before).
"""

from __future__ import annotations

import re

import pytest

from bilateral_db.answers import QUESTIONS, Kind, Param, Question
from bilateral_db.api.routes import route_params

INSIDE = {
    Kind.TEXT: ["%", "Pramudwinai", "x" * 100],
    Kind.DAY: ["0001-01-01", "9998-12-31", "9998"],
    Kind.DAY_END: ["0001", "9998-12-31"],
    Kind.YEAR: ["1", "2", "9998"],
    Kind.COUNT: ["0", "1", "1000", "1000000000"],
}
OUTSIDE = {
    Kind.DAY: ["0000-12-31", "9999", "2019/08/01", "2019-02-30"],
    Kind.DAY_END: ["0000", "2019-13"],
    Kind.YEAR: ["0", "9999", "1e3", "２０１９", "99999999999999999999"],
    Kind.COUNT: ["-1", "1001", "1000000001", "ten"],
    Kind.CODE: ["", "x" * 101, "A\x00B"],
    Kind.SLUG: ["", "a\x1fb"],
    Kind.TEXT: ["", " ", "x" * 101, "a\x00b"],
    Kind.CHOICE: ["no-such-thing"],
    Kind.FLAG: ["maybe"],
}
REGEX = re.compile(r"\^|\$|\\d|\[0-9\]|\{4\}")  # what a raw regular expression looks like


def _base(question: Question) -> tuple[str, dict[str, str]]:
    """The question's example as a path and query."""
    path, query = question.path, {}
    for param in question.params:
        if param.example is None:
            continue
        if param.positional:
            path = path.replace("{" + param.name + "}", param.example)
        else:
            query[param.wire] = param.example
    return path, query


CASES = [
    (question, param, value, inside)
    for question in QUESTIONS
    for param in route_params(question)
    if not param.positional
    for inside, values in ((True, INSIDE.get(param.kind, [])), (False, OUTSIDE[param.kind]))
    for value in values
]


def _accepted(param: Param, value: str, inside: bool) -> bool:
    """Whether the value should be answered: numbers by this parameter's own bounds (a page
    holds 1 to 1000 rows, skips at most 10⁹; a trade answer's first year is 2 or later)."""
    if param.kind in (Kind.YEAR, Kind.COUNT) and value.isascii() and value.isdigit():
        return (param.minimum or 0) <= int(value) <= (param.maximum or int(value))
    return inside


@pytest.mark.parametrize(
    ("question", "param", "value", "inside"),
    CASES,
    ids=[f"{q.name}-{p.wire}={v[:12]!r}" for q, p, v, _ in CASES],
)
def test_edges_answer_or_refuse_in_words(
    client, question: Question, param: Param, value: str, inside: bool
) -> None:
    path, query = _base(question)
    # The other end of an ordered pair would make a valid edge value a reversed range.
    if question.ordered and param.name in question.ordered:
        for other in question.ordered:
            query.pop(next(p.wire for p in question.params if p.name == other), None)
    query[param.wire] = value
    response = client.get(path, params=query)
    if _accepted(param, value, inside):
        assert response.status_code == 200, (path, query, response.text)
        return
    assert response.status_code == 422, (path, query, response.text)
    error = response.json()["error"]
    assert error["parameter"] == param.wire
    assert error["message"].startswith(f"{param.wire}: ")
    assert "write" in error["message"] or "did you mean" in error["message"], error
    assert not REGEX.search(error["message"].replace(value, "")), error


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.ordered], ids=lambda q: q.name)
def test_the_first_year_of_trade_is_refused_in_words(client, question: Question) -> None:
    """from=1 once failed inside the report ("year 0 is out of range", a plain-text 500)."""
    path, _ = _base(question)
    first = next(p for p in question.params if p.name == question.ordered[0])
    response = client.get(path, params={first.wire: "1"})
    if first.kind is Kind.YEAR:
        assert response.status_code == 422, response.text
        assert response.json()["error"]["message"] == (
            "from: 1 is out of range; write a year from 2 to 9998 (each year's change is "
            "computed from the year before)"
        )
        assert client.get(path, params={first.wire: "2"}).status_code == 200
    else:  # a day: the year is written with four digits
        assert response.status_code == 422, response.text
        assert client.get(path, params={first.wire: "0001"}).status_code == 200


def test_a_day_written_with_slashes_says_how_to_write_it(client) -> None:
    response = client.get("/blocs/ASEAN/members", params={"on": "2019/08/01"})
    assert response.status_code == 422
    assert response.json()["error"] == {
        "status": 422,
        "message": "on: '2019/08/01' is not a date; write a date as YYYY-MM-DD, YYYY-MM or "
        "YYYY, e.g. 2019-08-01",
        "parameter": "on",
    }


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_path_segments_answer_or_refuse_in_words(client, question: Question) -> None:
    positional = [p for p in question.params if p.positional]
    for param in positional:
        path, _ = _base(question)
        for value, status in (("%20", 422), ("x" * 101, 422), ("zz-nothing", 404)):
            response = client.get(path.replace(param.example or "", value, 1))
            assert response.status_code == status, (path, value, response.text)
            if status == 422:
                assert response.json()["error"]["parameter"] == param.wire
                assert "write a " in response.json()["error"]["message"]


def test_codes_reach_the_reports_normalised(client) -> None:
    """Codes upper-case, slugs lower-case, vocabulary canonical: whatever the case written."""
    mixed = client.get(
        "/countries/tHa/officials", params={"on": "2019-08-01", "post": "Foreign-Minister"}
    )
    assert mixed.status_code == 200
    assert [row["person"] for row in mixed.json()] == ["don-pramudwinai"]
    person = client.get("/people/Sergey-LAVROV/terms")
    assert person.status_code == 200 and person.json()[0]["person"] == "sergey-lavrov"
    missing = client.get("/blocs/asen/members")
    assert missing.json()["error"]["message"].startswith("ASEN: no such bloc; did you mean ASEAN")
