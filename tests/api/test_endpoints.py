"""Every endpoint answers with real rows from the bundled data, as the CLI does."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from bilateral_db.answers import QUESTIONS, Question
from bilateral_db.cli import app as cli

runner = CliRunner()


def test_asean_members_on_1990_01_01(client) -> None:
    response = client.get("/blocs/ASEAN/members", params={"on": "1990-01-01"})
    assert response.status_code == 200
    assert [row["country"] for row in response.json()] == ["BRN", "IDN", "MYS", "PHL", "SGP", "THA"]
    assert response.headers["X-Total-Count"] == "6"


def test_thailands_foreign_minister_on_2019_08_01(client) -> None:
    response = client.get(
        "/countries/THA/officials", params={"on": "2019-08-01", "post": "foreign-minister"}
    )
    assert [(r["person"], r["start_date"]) for r in response.json()] == [
        ("don-pramudwinai", "2015-08-19")
    ]


def test_rus_tha_trade_2018(client) -> None:
    response = client.get("/trade/RUS/THA", params={"from": 2018, "to": 2018, "cite": "true"})
    rows = json.loads(response.text, parse_float=Decimal)
    total = next(r for r in rows if (r["reporter"], r["category"]) == ("RUS", "all-goods"))
    assert (total["value"], total["reported_change_pct"]) == (
        Decimal("2600000000.00"),
        Decimal("17.00"),
    )
    assert '"value":2600000000.00' in response.text  # exact, not through float
    assert "sputnik-2019-07-31-asean-russia" in {c["source"] for c in total["citations"]}


@pytest.mark.parametrize(
    ("path", "params", "check"),
    [
        ("/countries", {"limit": 1000}, lambda d: "THA" in {r["country"] for r in d}),
        ("/blocs", {}, lambda d: "ASEAN" in {r["bloc"] for r in d}),
        ("/agreements", {}, lambda d: "asean-russia-cpa-2016-2020" in {r["slug"] for r in d}),
        ("/countries/THA", {"on": "2019-08-01"}, lambda d: d["country"][0]["name"] == "Thailand"),
        (
            "/timelines/RUS",
            {"limit": 1000},
            lambda d: ("ASEAN", "dialogue_partner") in {(r["bloc"], r["role"]) for r in d},
        ),
        ("/people/sergey-lavrov/terms", {}, lambda d: d[0]["post"] == "foreign-minister"),
        (
            "/meetings",
            {"country": "RUS", "from": "2019-07"},
            lambda d: "amm-52" in {r["slug"] for r in d},
        ),
        ("/meetings/amm-52", {}, lambda d: d["meeting"][0]["ordinal"] == 52),
        (
            "/dyads/RUS/ASEAN",
            {},
            lambda d: {m["role"] for m in d["partner_memberships"]} >= {"dialogue_partner"},
        ),
        ("/agreements/asean-russia-cpa-2016-2020", {}, lambda d: len(d["progress"]) >= 2),
    ],
)
def test_every_kind_of_question(client, path: str, params: dict, check) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert check(response.json())


def test_every_question_has_an_endpoint(api_app) -> None:
    paths = {route.path for route in api_app.routes}
    assert {question.path for question in QUESTIONS} <= paths


def _example(question: Question) -> tuple[list[str], str, dict[str, str]]:
    """The same question as CLI arguments and as an API path and query (cited)."""
    args, path, query = [], question.path, {"cite": "true"}
    for param in question.params:
        if param.example is None:
            continue
        if param.positional:
            args.append(param.example)
            path = path.replace("{" + param.name + "}", param.example)
        else:
            args += [f"--{param.wire}", param.example]
            query[param.wire] = param.example
    return [*args, "--cite"], path, query


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_cli_and_api_give_identical_json(client, loaded_url: str, question: Question) -> None:
    args, path, query = _example(question)
    query["limit"] = "1000"  # every row of a list, as the CLI gives it
    result = runner.invoke(cli, ["report", question.name, *args, "-f", "json", "--db", loaded_url])
    assert result.exit_code == 0, result.output
    response = client.get(path, params=query)
    assert response.status_code == 200, response.text
    from_cli = json.loads(result.stdout, parse_float=Decimal)
    from_api = json.loads(response.text, parse_float=Decimal)
    assert from_api == from_cli
    assert from_api, f"{question.name}'s example answers nothing"


def test_pages(client) -> None:
    everything = client.get("/countries", params={"limit": 1000}).json()
    page = client.get("/countries", params={"limit": 10, "offset": 10})
    assert page.json() == everything[10:20]
    assert page.headers["X-Total-Count"] == str(len(everything))
    assert 'offset=20&limit=10>; rel="next"' in page.headers["Link"]
    assert 'offset=0&limit=10>; rel="prev"' in page.headers["Link"]
    for params in ({"limit": 1001}, {"limit": 0}, {"offset": -1}):
        response = client.get("/countries", params=params)
        assert response.status_code == 422
        assert response.json()["error"]["parameter"] in ("limit", "offset")


def test_errors_name_the_parameter_or_suggest(client) -> None:
    missing = client.get("/blocs/ASEN/members")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "status": 404,
        "message": "ASEN: no such bloc; did you mean ASEAN or WASSEN or ASECNA?",
        "suggestions": ["ASEAN", "WASSEN", "ASECNA"],
    }
    bad = client.get("/blocs/ASEAN/members", params={"on": "1990-13-01"})
    assert (bad.status_code, bad.json()["error"]["parameter"]) == (422, "on")
    role = client.get("/blocs/ASEAN/members", params={"role": "membr"})
    assert role.status_code == 422
    assert "did you mean member?" in role.json()["error"]["message"]
    reversed_range = client.get("/trade/RUS/THA", params={"from": 2020, "to": 2010})
    assert (reversed_range.status_code, reversed_range.json()["error"]["parameter"]) == (
        422,
        "from",
    )
    assert client.get("/nothing-here").json()["error"]["status"] == 404


def test_a_query_parameter_given_twice_is_refused(client) -> None:
    """Starlette would keep one value silently; the CLI refuses the same mistake."""
    for path, query in [
        ("/meetings", "country=IND&country=RUS"),
        ("/trade/RUS/THA", "from=2017&to=2018&from=2016"),
        ("/countries", "limit=5&limit=10"),
    ]:
        response = client.get(f"{path}?{query}")
        name = query.split("&")[-1].split("=")[0]
        assert response.status_code == 422
        assert response.json()["error"] == {
            "status": 422,
            "message": f"{name}: given twice; give it once",
            "parameter": name,
        }
    assert client.get("/meetings?country=RUS&bloc=ASEAN").status_code == 200


def test_dyad_within_years(client) -> None:
    """The API reads the same --from/--to the CLI does (one Param spec)."""
    body = client.get("/dyads/RUS/ASEAN", params={"from": 2017, "to": 2018}).json()
    assert [m["slug"] for m in body["meetings"]] == ["asean-russia-summit-2018"]
    assert {row["year"] for row in body["trade"]} == {2017, 2018}
    reversed_range = client.get("/dyads/RUS/ASEAN", params={"from": 2019, "to": 2018})
    assert (reversed_range.status_code, reversed_range.json()["error"]["parameter"]) == (
        422,
        "from",
    )


def test_codes_and_vocabulary_in_any_case(client) -> None:
    upper = client.get(
        "/blocs/ASEAN/members", params={"on": "2019-08-01", "role": "dialogue_partner"}
    )
    lower = client.get(
        "/blocs/asean/members", params={"on": "2019-08-01", "role": "Dialogue-Partner"}
    )
    assert upper.json() == lower.json() and len(upper.json()) == 10


# Alone: other tests' writes move the PostgreSQL version (the server's WAL position).
@pytest.mark.serial
def test_etag_and_revalidation(client) -> None:
    first = client.get("/blocs/ASEAN/members", params={"on": "1990-01-01"})
    assert first.headers["Cache-Control"] == "public, no-cache"
    # On PostgreSQL the version is the server's WAL position, which other databases on the same
    # server move too: a changed ETag between the two requests is allowed, a wrong 200 is not.
    for _ in range(5):
        etag = client.get("/blocs/ASEAN/members", params={"on": "1990-01-01"}).headers["ETag"]
        again = client.get(
            "/blocs/ASEAN/members", params={"on": "1990-01-01"}, headers={"If-None-Match": etag}
        )
        if again.status_code == 304:
            break
        assert again.headers["ETag"] != etag  # only a moved version may answer in full
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == etag
    other = client.get("/blocs/ASEAN/members", params={"on": "1991-01-01"})
    assert other.headers["ETag"] != etag  # another question, another tag


def test_openapi_documents_every_endpoint(client) -> None:
    schema = client.get("/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) == len(QUESTIONS)
    for operation in operations:
        assert operation["description"].count("Example: `GET /") == 1
        assert "200" in operation["responses"] and "404" in operation["responses"]
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (operation["operationId"], parameter["name"])
    assert client.get("/docs").status_code == 200
