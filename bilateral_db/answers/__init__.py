"""The answer layer between the interfaces and the reports: questions, parameters, JSON.

The CLI and the HTTP API both answer through `answer_arguments()`, so for the same question
they accept the same parameters (read once, by bilateral_db.core.params) and print the same
JSON. Importing this package loads no database layer.
"""

from bilateral_db.answers.answering import Page, answer, answer_arguments, parse_arguments
from bilateral_db.answers.questions import BY_NAME, COMMON, QUESTIONS, Question
from bilateral_db.answers.tables import CITATIONS, Answer, Table, to_json
from bilateral_db.core.params import BadParameter, Kind, Param

__all__ = [
    "BY_NAME",
    "CITATIONS",
    "COMMON",
    "QUESTIONS",
    "Answer",
    "BadParameter",
    "Kind",
    "Page",
    "Param",
    "Question",
    "Table",
    "answer",
    "answer_arguments",
    "parse_arguments",
    "to_json",
]
