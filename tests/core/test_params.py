"""Parameters are read once, into typed, normalised values, and their schema is the same rule."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral_db.answers import BY_NAME, QUESTIONS
from bilateral_db.core.params import BadParameter, Kind, Param

CODE = Param("bloc", Kind.CODE, "Bloc code.", "ASEAN", positional=True)
SLUG = Param("person", Kind.SLUG, "Person slug.", "sergey-lavrov")
DAY = Param("on", Kind.DAY, "Day.", "2019-08-01")
DAY_END = Param("date_to", Kind.DAY_END, "Up to.", wire="to")
YEAR = Param("year_to", Kind.YEAR, "Last year.", "2018", wire="to")


def _param(question: str, name: str) -> Param:
    return next(param for param in BY_NAME[question].all_params if param.name == name)


FIRST_YEAR = _param("trade", "year_from")
ROLE = _param("members", "role")


def test_codes_slugs_and_vocabulary_come_out_normalised() -> None:
    assert CODE.parse("  asean ") == "ASEAN"
    assert SLUG.parse("Sergey-LAVROV") == "sergey-lavrov"
    assert ROLE.parse("Dialogue-Partner") == "dialogue_partner"
    assert ROLE.parse(None) == "member"  # its default, read like user input
    assert DAY.parse("2019-09") == date(2019, 9, 1)
    assert DAY_END.parse("2019-02") == date(2019, 2, 28)
    assert DAY_END.parse("9998") == date(9998, 12, 31)
    assert YEAR.parse("0001") == 1


@pytest.mark.parametrize(
    ("param", "text", "message"),
    [
        (CODE, "", "bloc: is empty; write a code, e.g. ASEAN"),
        (CODE, "x" * 101, "bloc: is 101 characters long, more than 100; write a code, e.g. ASEAN"),
        (SLUG, "a\x00b", "person: contains control characters; write a slug, e.g. sergey-lavrov"),
        (
            DAY,
            "2019/08/01",
            "on: '2019/08/01' is not a date; write a date as YYYY-MM-DD, YYYY-MM or YYYY, "
            "e.g. 2019-08-01",
        ),
        (DAY, "0000-12-31", "on: '0000-12-31' is not a real date"),
        (DAY_END, "9999", "to: '9999' is out of range: years run from 1 to 9998; write a date"),
        (YEAR, "0", "to: 0 is out of range; write a year from 1 to 9998"),
        (YEAR, "1e3", "to: '1e3' is not a year; write a year from 1 to 9998"),
        (
            FIRST_YEAR,
            "1",
            "from: 1 is out of range; write a year from 2 to 9998 (each year's change is "
            "computed from the year before)",
        ),
        (ROLE, "membr", "role: 'membr' is not allowed; did you mean member?"),
        (ROLE, "zzz", "role: 'zzz' is not allowed; write one of member, associate_member"),
        (_param("members", "cite"), "maybe", "cite: 'maybe' is neither true nor false"),
    ],
)
def test_refusals_name_the_parameter_and_say_what_to_write(
    param: Param, text: str, message: str
) -> None:
    with pytest.raises(BadParameter) as refused:
        param.parse(text)
    assert str(refused.value).startswith(message)
    assert "^" not in str(refused.value) and "[0-9]" not in str(refused.value)


def test_every_parameter_has_a_schema_with_its_example() -> None:
    for question in QUESTIONS:
        for param in question.all_params:
            schema = param.schema()
            assert schema["type"] in ("string", "integer", "boolean"), param
            if param.example is not None:
                (example,) = schema["examples"]
                assert param.parse(str(example).lower()) is not None, param


SCHEMA_TYPES = {"string": str, "integer": int, "boolean": bool}


@settings(max_examples=300, deadline=None)
@given(
    param=st.sampled_from([CODE, SLUG, DAY, DAY_END, YEAR, FIRST_YEAR, ROLE]),
    text=st.one_of(
        st.text(max_size=12),
        st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z"),
        st.integers(-5, 10_005).map(str),
        st.sampled_from(["member", "Observer", "any", "x" * 100, "x" * 101]),
    ),
)
def test_whatever_is_read_fits_the_schema(param: Param, text: str) -> None:
    """The API's schema is the parsing rule: nothing is accepted that it would not allow."""
    try:
        param.parse(text)
    except BadParameter:
        return
    schema, value = param.schema(), text.strip()
    if schema["type"] == "integer":
        assert schema["minimum"] <= int(value) <= schema["maximum"]
        return
    if "pattern" in schema:
        assert re.search(schema["pattern"], value), (param.name, value, schema)
    if "maxLength" in schema:
        assert schema["minLength"] <= len(value) <= schema["maxLength"]
    if "enum" in schema:
        assert value.lower().replace("-", "_") in schema["enum"]
