"""Values quoted in messages, cut to a length a person reads (a 50 MB key is not repeated)."""

from __future__ import annotations

from typing import Any

QUOTE_LIMIT = 60  # characters of a quoted value in a message


def quoted(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """repr(value), cut after `limit` characters with the full length said."""
    if isinstance(value, str | bytes):
        if len(value) <= limit:
            return repr(value)
        unit = "characters" if isinstance(value, str) else "bytes"
        return f"{value[:limit]!r}… ({len(value)} {unit})"
    if isinstance(value, int) and value.bit_length() > 4 * limit:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    try:
        text = repr(value)
    except ValueError:  # Python refuses to print integers of more than 4,300 digits
        return f"a {type(value).__name__} too long to print"
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


def described(value: Any) -> str:
    """A value as it was written in a fixture file, in the file's words, never a Python repr:
    `a list`, `true`, `2019-09-04`, `'Ministry of …'`."""
    from datetime import date, datetime

    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S} (a date and a time)"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, int | float):
        return quoted(value)
    return f"a {type(value).__name__}"
