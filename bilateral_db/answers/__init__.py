"""The answer layer between the interfaces and the reports: questions, parameters, JSON.

The CLI and the HTTP API both answer through `answer()`, so for the same question they accept
the same parameters and print the same JSON. Importing this package loads no database layer.
"""

from bilateral_db.answers.params import BadParameter, Kind, Param
from bilateral_db.answers.questions import BY_NAME, COMMON, QUESTIONS, Question, answer
from bilateral_db.answers.tables import CITATIONS, Answer, Table, to_json

__all__ = [
    "BY_NAME",
    "CITATIONS",
    "COMMON",
    "QUESTIONS",
    "Answer",
    "BadParameter",
    "Kind",
    "Param",
    "Question",
    "Table",
    "answer",
    "to_json",
]
