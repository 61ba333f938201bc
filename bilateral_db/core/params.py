"""The parameters questions take: how text from a command line or a URL becomes a typed value,
and how that same rule reads as a JSON Schema.

Input is parsed here once, for the CLI and the HTTP API alike: country and bloc codes come out
upper-case, slugs lower-case, vocabulary values in their canonical spelling, days and years
inside the range every backend holds *and* every date a report derives from them (a trade
report also reads the year before its first). Reports receive these values and only check that
they name something. The API's OpenAPI parameters are `Param.schema()`, so no rule is restated
as a regular expression elsewhere, and every refusal says in words what to write.

Plain Python: the CLI builds its help and reads its arguments before anything heavy is loaded.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from bilateral_db.core.dates import DATE_PATTERN, MAX_YEAR, MIN_YEAR, PartialDate
from bilateral_db.core.quoting import quoted

MAX_CODE_LENGTH = 100  # longer than any code or slug we hold; anything longer names nothing
# Unicode's control characters (category Cc): never part of a code, a slug or a date.
CONTROL_CHARACTERS = r"\x00-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
TEXT_PATTERN = f"^[^{CONTROL_CHARACTERS}]+$"  # the schema's form of the same rule
DAY_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"


class Kind(StrEnum):
    """What a parameter holds, which decides how it is read, normalised and documented."""

    CODE = "code"  # a country or bloc code, read in any case: upper-case
    SLUG = "slug"  # a person, meeting, post, category, release or source slug: lower-case
    TEXT = "text"  # words to look for, as written (a search matches them in any case)
    DAY = "day"  # YYYY-MM-DD, YYYY-MM or YYYY: the period's first day
    DAY_END = "day_end"  # the same, read as the period's last day (an upper bound)
    YEAR = "year"
    COUNT = "count"  # a whole number: rows per page, rows to skip
    CHOICE = "choice"  # one of a closed list, in any case, hyphens or spaces for underscores
    FLAG = "flag"  # true or false


class BadParameter(ValueError):
    """A value that cannot be read; the message names the parameter as the user wrote it and
    says what to write instead."""

    def __init__(self, param: Param, message: str) -> None:
        self.param = param
        self.reason = message
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
    minimum: int | None = None  # YEAR and COUNT: smallest value (YEAR: default MIN_YEAR)
    maximum: int | None = None  # YEAR and COUNT: largest value (YEAR: default MAX_YEAR)
    bound: str = ""  # why the range is narrower than usual, in words

    def __post_init__(self) -> None:
        if not self.wire:
            object.__setattr__(self, "wire", self.name.replace("_", "-"))
        if self.kind is Kind.YEAR:
            object.__setattr__(self, "minimum", max(self.minimum or MIN_YEAR, MIN_YEAR))
            object.__setattr__(self, "maximum", min(self.maximum or MAX_YEAR, MAX_YEAR))

    def parse(self, text: str | bool | None) -> Any:
        """The value for `text` (None: not given; a CLI flag arrives as a bool), or BadParameter."""
        if isinstance(text, bool) and self.kind is Kind.FLAG:
            return text
        if text is None:
            text = self.default
        if text is None:
            return date.today() if self.today_by_default else None
        text = self._clean(str(text))
        if self.kind is Kind.CODE:
            return text.upper()
        if self.kind is Kind.SLUG:
            return text.lower()
        if self.kind is Kind.TEXT:
            return text
        if self.kind is Kind.FLAG:
            return self._flag(text)
        if self.kind in (Kind.DAY, Kind.DAY_END):
            return self._day(text, last=self.kind is Kind.DAY_END)
        if self.kind in (Kind.YEAR, Kind.COUNT):
            return self._number(text)
        return self._choice(text)

    def expected(self) -> str:
        """What to write, in words: the second half of every refusal."""
        example = f", e.g. {self.example}" if self.example else ""
        if self.kind is Kind.CODE:
            return f"a code{example}"
        if self.kind is Kind.SLUG:
            return f"a slug{example}"
        if self.kind is Kind.TEXT:
            return f"words to look for{example}"
        if self.kind in (Kind.DAY, Kind.DAY_END):
            return f"a date as {DAY_FORMS}{example or ', e.g. 2019-08-01'}"
        if self.kind in (Kind.YEAR, Kind.COUNT):
            noun = "a year" if self.kind is Kind.YEAR else "a whole number"
            low = self.minimum or 0
            span = f"from {low} to {self.maximum}" if self.maximum else f"of at least {low}"
            return f"{noun} {span}{f' ({self.bound})' if self.bound else ''}"
        if self.kind is Kind.FLAG:
            return "true or false"
        return f"one of {', '.join(self.allowed())}"

    def allowed(self) -> list[str]:
        return self.choices() if self.choices else []

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the values this parameter accepts (the API's OpenAPI document)."""
        schema: dict[str, Any]
        if self.kind in (Kind.CODE, Kind.SLUG, Kind.TEXT):
            schema = {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_CODE_LENGTH,
                "pattern": TEXT_PATTERN,
            }
        elif self.kind in (Kind.DAY, Kind.DAY_END):
            schema = {"type": "string", "pattern": DATE_PATTERN}
        elif self.kind in (Kind.YEAR, Kind.COUNT):
            schema = {"type": "integer", "minimum": self.minimum or 0}
            if self.maximum is not None:
                schema["maximum"] = self.maximum
        elif self.kind is Kind.FLAG:
            schema = {"type": "boolean"}
        else:
            schema = {"type": "string", "enum": self.allowed()}
        if self.default is not None:
            schema["default"] = self._typed(self.default)
        if self.example is not None:
            schema["examples"] = [self._typed(self.example)]
        return schema

    def _typed(self, text: str) -> Any:
        """An example or a default as the schema's type says (a year is a number there)."""
        if self.kind in (Kind.YEAR, Kind.COUNT):
            return int(text)
        if self.kind is Kind.FLAG:
            return self._flag(text)
        return text

    def _refuse(self, problem: str) -> BadParameter:
        return BadParameter(self, f"{problem}; write {self.expected()}")

    def _clean(self, text: str) -> str:
        value = text.strip()
        if not value:
            raise self._refuse("is empty")
        if len(value) > MAX_CODE_LENGTH:
            raise self._refuse(f"is {len(value)} characters long, more than {MAX_CODE_LENGTH}")
        if _CONTROL.search(value):
            raise self._refuse("contains control characters")
        return value

    def _flag(self, text: str) -> bool:
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off"):
            return False
        raise self._refuse(f"{quoted(text)} is neither true nor false")

    def _day(self, text: str, *, last: bool) -> date:
        try:
            value = PartialDate.parse(text)  # keeps years from MIN_YEAR to MAX_YEAR
        except ValueError as error:
            raise self._refuse(str(error).split("; write")[0]) from None
        return value.last_day if last else value.value

    def _number(self, text: str) -> int:
        noun = "a year" if self.kind is Kind.YEAR else "a whole number"
        if not text.isascii() or not text.isdigit():
            raise self._refuse(f"{quoted(text)} is not {noun}")
        number = int(text)
        low, high = self.minimum or 0, self.maximum
        if number < low or (high is not None and number > high):
            raise self._refuse(f"{number} is out of range")
        return number

    def _choice(self, text: str) -> str:
        allowed = self.allowed()
        wanted = text.lower().replace("-", "_").replace(" ", "_")
        if wanted in allowed:
            return wanted
        close = difflib.get_close_matches(wanted, allowed, n=3, cutoff=0.6)
        if close:
            raise BadParameter(
                self, f"{quoted(text)} is not allowed; did you mean {' or '.join(close)}?"
            )
        raise self._refuse(f"{quoted(text)} is not allowed")
