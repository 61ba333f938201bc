"""The parameters questions take, and how text from a command line or a URL becomes a value.

The CLI and the API read every parameter through `Param.parse`, so both accept the same spellings
and refuse the same mistakes with the same message. Nothing here imports the database layers:
the CLI builds its help from these specs before anything heavy is loaded.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from bilateral_db.core.quoting import quoted

MAX_CODE_LENGTH = 100  # longer than any code or slug we hold; anything longer names nothing
FIRST_YEAR, LAST_YEAR = 1, 9998  # dates stay inside what every backend and datetime can hold


class Kind(StrEnum):
    """What a parameter holds, which decides how it is read and documented."""

    CODE = "code"  # a country or bloc code, or a slug: looked up by the report
    DAY = "day"  # YYYY-MM-DD, YYYY-MM or YYYY: the period's first day
    DAY_END = "day_end"  # the same, read as the period's last day (an upper bound)
    YEAR = "year"
    CHOICE = "choice"  # one of a closed list, case-insensitive
    FLAG = "flag"  # true or false


class BadParameter(ValueError):
    """A value that cannot be read; the message names the parameter as the user wrote it."""

    def __init__(self, param: Param, message: str) -> None:
        self.param = param
        super().__init__(f"{param.wire}: {message}")


@dataclass(frozen=True)
class Param:
    """One parameter of a question, as the CLI (option or argument) and the API (query or path
    parameter) both show it."""

    name: str  # keyword the answer function receives
    kind: Kind
    help: str
    example: str | None = None
    wire: str = ""  # what users type: --WIRE on the command line, ?WIRE= in a URL
    positional: bool = False  # a CLI argument and an API path segment
    default: str | None = None  # as text, read like user input; None: not given
    today_by_default: bool = False  # a DAY that means today when not given
    choices: Callable[[], list[str]] | None = None  # for CHOICE; called only when needed
    choices_help: str = ""  # the choices as help text, without importing anything

    def __post_init__(self) -> None:
        if not self.wire:
            object.__setattr__(self, "wire", self.name.replace("_", "-"))

    @property
    def required(self) -> bool:
        return self.positional

    def parse(self, text: str | bool | None) -> Any:
        """The value for `text` (None: not given; a CLI flag arrives as a bool), or BadParameter."""
        if isinstance(text, bool):
            return text
        if text is None:
            text = self.default
        if text is None:
            return date.today() if self.today_by_default else None
        if self.kind is Kind.FLAG:
            return _flag(self, text)
        text = _clean(self, text)
        if self.kind is Kind.CODE:
            return text
        if self.kind in (Kind.DAY, Kind.DAY_END):
            return _day(self, text, last=self.kind is Kind.DAY_END)
        if self.kind is Kind.YEAR:
            return _year(self, text)
        return _choice(self, text)


def _clean(param: Param, text: str) -> str:
    value = text.strip()
    if not value:
        raise BadParameter(param, "is empty")
    if len(value) > MAX_CODE_LENGTH:
        raise BadParameter(param, f"is {len(value)} characters long; at most {MAX_CODE_LENGTH}")
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise BadParameter(param, "contains control characters")
    return value


def _flag(param: Param, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise BadParameter(param, f"{quoted(text)} is neither true nor false")


def _day(param: Param, text: str, *, last: bool) -> date:
    from bilateral_db.core.dates import PartialDate  # the dates module loads the models' vocabulary

    try:
        value = PartialDate.parse(text)
    except ValueError as error:
        raise BadParameter(param, str(error)) from None  # PartialDate also keeps years in range
    return value.last_day if last else value.value


def _year(param: Param, text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise BadParameter(param, f"{text!r} is not a year; write four digits, e.g. 2018")
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadParameter(param, f"{year} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return year


def _choice(param: Param, text: str) -> str:
    allowed = param.choices() if param.choices else []
    wanted = text.lower().replace("-", "_").replace(" ", "_")
    if wanted in allowed:
        return wanted
    close = difflib.get_close_matches(wanted, allowed, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; one of {', '.join(allowed)}"
    raise BadParameter(param, f"{text!r} is not allowed{hint}")
