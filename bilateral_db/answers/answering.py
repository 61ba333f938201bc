"""Answering a question: parameters read once, the report called, one page of rows if asked.

`parse_arguments` turns the text of every parameter into typed, normalised values (the rules
are bilateral_db.core.params), so reports receive `ASEAN` for `asean` and only check that it
names something. `answer_arguments` calls the report and builds the Answer; with a `Page` it
asks the report for those rows only when the report pages in SQL (keyword-only `limit` and
`offset` in its signature), and otherwise slices the whole answer.
"""

from __future__ import annotations

import functools
import inspect
import sys
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bilateral_db.answers.questions import Arguments, Question
from bilateral_db.answers.tables import Answer, build_answer
from bilateral_db.core.params import BadParameter

# Keyword the report function takes for each parameter that is not passed under its own name.
_TO_REPORT: Mapping[str, Callable[[Any], Any]] = {"role": lambda v: None if v == "any" else v}
_NOT_FOR_THE_REPORT = {"cite"}


@dataclass(frozen=True)
class Page:
    """Rows `offset` to `offset + limit - 1` of a list answer."""

    limit: int
    offset: int = 0


def parse_arguments(question: Question, raw: Mapping[str, Any]) -> Arguments:
    """Read every parameter's text (None: not given), or raise BadParameter."""
    arguments = {param.name: param.parse(raw.get(param.name)) for param in question.all_params}
    if question.ordered:
        first, last = question.ordered
        low, high = arguments[first], arguments[last]
        if low is not None and high is not None and low > high:
            by_name = {param.name: param for param in question.params}
            raise BadParameter(
                by_name[first],
                f"{raw.get(first)} comes after the end of the period ({raw.get(last)}); swap them",
            )
    return arguments


def report_keywords(question: Question, session: Any, arguments: Arguments) -> Arguments:
    """The report function's keyword arguments for these parameters."""
    if question.keywords is not None:
        return question.keywords(session, arguments)
    keywords = {}
    for name, value in arguments.items():
        if name in _NOT_FOR_THE_REPORT:
            continue
        value = _TO_REPORT.get(name, lambda v: v)(value)
        if value is not None:
            keywords[name] = value
    return keywords


@functools.cache
def pages_in_sql(function: Callable[..., Any]) -> bool:
    """Whether the report takes keyword-only `limit` and `offset` (and applies them in SQL)."""
    parameters = inspect.signature(function).parameters
    return all(
        name in parameters and parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
        for name in ("limit", "offset")
    )


def companion(function: Callable[..., Any], name: str, suffix: str) -> Callable[..., Any] | None:
    """`<report>_<suffix>` where the report's module or the reports package defines it."""
    wanted = f"{name}_{suffix}"
    for module_name in (function.__module__, "bilateral_db.reports"):
        module = sys.modules.get(module_name)
        found = getattr(module, wanted, None) if module is not None else None
        if callable(found):
            return found
    return None


def total_function(function: Callable[..., Any], name: str) -> Callable[..., int] | None:
    """`<report>_total(session, **same_arguments)`: how many rows the whole answer holds."""
    return companion(function, name, "total")


def _paged(
    question: Question, session: Any, keywords: Arguments, page: Page
) -> tuple[list[Any], int | None, bool]:
    """The page's rows, the whole answer's row count (None: not known), and whether rows
    follow the page."""
    function = question.report_function()
    if not pages_in_sql(function):
        everything = function(session, **keywords)
        rows = everything[page.offset : page.offset + page.limit]
        return rows, len(everything), page.offset + page.limit < len(everything)
    # One row more than asked says whether another page follows, whatever the total costs.
    # A report whose `<report>_page` gives the page with the whole answer's count is asked
    # once: counting apart would compute its answer twice.
    counted = companion(function, question.report, "page")
    total = None
    if counted is not None:
        rows, total = counted(session, **keywords, limit=page.limit + 1, offset=page.offset)
    else:
        rows = function(session, **keywords, limit=page.limit + 1, offset=page.offset)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    if total is not None:
        return rows, total, more
    counter = total_function(function, question.report)
    if counter is not None:
        return rows, counter(session, **keywords), more
    if more or (not rows and page.offset > 0):
        return rows, None, more  # past the end, or more to come: the count is not known
    return rows, page.offset + len(rows), more


def answer(question: Question, session: Any, raw: Mapping[str, Any]) -> Answer:
    """Answer `question` with `raw` parameters (text as typed, None where not given)."""
    return answer_arguments(question, session, parse_arguments(question, raw))


def answer_arguments(
    question: Question, session: Any, arguments: Arguments, page: Page | None = None
) -> Answer:
    """Answer `question` with arguments already read by `parse_arguments`.

    With `page` (list answers only), the Answer holds those rows, `total` the whole answer's
    row count where known, and `more` whether rows follow.
    """
    keywords = report_keywords(question, session, arguments)
    total, more = None, False
    if page is None or not is_list(question):
        result = question.report_function()(session, **keywords)
    else:
        result, total, more = _paged(question, session, keywords, page)
    citations = releases = None
    if arguments.get("cite"):
        from bilateral_db.answers.tables import all_fact_ids, all_sources
        from bilateral_db.reports import releases_for, sources_for

        citations = sources_for(session, fact_ids=all_fact_ids(result))
        releases = releases_for(session, slugs=all_sources(result))
    built = build_answer(
        result, row_types=row_types(question), citations=citations, releases=releases
    )
    built.total, built.more = total, more
    if question.group_by:
        for table in built.tables:
            table.group_by = question.group_by
    return built


def returned_type(question: Question) -> Any:
    """The report function's return annotation: a list of rows, or a composite dataclass."""
    return typing.get_type_hints(question.report_function())["return"]


def is_list(question: Question) -> bool:
    return typing.get_origin(returned_type(question)) is list


@functools.cache
def row_types(question: Question) -> dict[str, type | None]:
    """The row type of each list in the answer (key "" for a list answer), from the report
    function's return annotation: empty answers still know their columns."""
    returned = returned_type(question)
    if typing.get_origin(returned) is list:
        return {"": _element(returned)}
    hints = typing.get_type_hints(returned)
    return {name: _element(hint) for name, hint in hints.items()}


def _element(annotation: Any) -> type | None:
    arguments = typing.get_args(annotation)
    return arguments[0] if typing.get_origin(annotation) is list and arguments else None
