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
