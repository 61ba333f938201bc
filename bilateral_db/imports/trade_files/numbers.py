"""Exact numbers from text: decimals become scaled integers without ever passing through a float.

Money is stored in minor units (cents) and quantities in thousandths, so "2.6 bn" USD is
260,000,000,000 cents on every backend. Two readings:

- `machine_units`: a number as a program writes it (Comtrade): plain digits and an optional
  fraction. Digits past the scale are rounded half to even (Comtrade+ values carry fractions of
  a cent from currency conversion), and the caller is told it happened.
- `written_amount`: a number as a person writes it (the tidy CSV): thousands separators
  (`1,234.5`), a scale word (`2.6 bn`, `19.8 billion`, `500 million`), never more decimals than
  the unit holds. The last written digit gives the rounding: "2.6 bn" is rounded to 0.1 bn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DIGITS = 24  # beyond any trade value in cents (10^24 is a million times world GDP)
BIGINT_MAX = 2**63 - 1  # what the schema's BigInteger columns hold

_MACHINE = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
_WRITTEN = re.compile(
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
    r"\s*(?P<scale>[A-Za-z]+)?"
)
# Scale words as sources write them; the value is multiplied by 10 ** exponent.
SCALE_WORDS: dict[str, int] = {
    "thousand": 3,
    "k": 3,
    "million": 6,
    "mn": 6,
    "mln": 6,
    "m": 6,
    "billion": 9,
    "bn": 9,
    "bln": 9,
    "b": 9,
    "trillion": 12,
    "tn": 12,
    "trn": 12,
}


def machine_units(text: str, places: int) -> tuple[int, bool] | None:
    """`text` in units of 10^-places, and whether digits past them were rounded (half to
    even); None if it is not a plain non-negative decimal (no sign, exponent or separator)."""
    match = _MACHINE.fullmatch(text)
    if match is None or len(text) > MAX_DIGITS + 1:
        return None
    whole, fraction = match.group(1), match.group(2) or ""
    if len(fraction) <= places:
        value = int(whole + fraction.ljust(places, "0"))
        return (value, False) if value <= BIGINT_MAX else None
    kept, dropped = fraction[:places], fraction[places:]
    value = int(whole + kept)
    half = "5" + "0" * (len(dropped) - 1)
    if dropped > half or (dropped == half and value % 2 == 1):
        value += 1
    return (value, dropped.strip("0") != "") if value <= BIGINT_MAX else None


@dataclass(frozen=True, slots=True)
class Amount:
    """A written number in units of 10^-places, and the rounding its last digit implies (in
    the same units; None when it is written to the unit itself)."""

    units: int
    rounding: int | None


class AmountError(ValueError):
    """Why a written number cannot be read; the message is for the person who wrote it."""


def written_amount(text: str, places: int, unit: str) -> Amount:
    """A number as a person writes it, in units of 10^-places of `unit` (named in messages)."""
    shown = text.strip()
    match = _WRITTEN.fullmatch(shown)
    if match is None or len(shown) > MAX_DIGITS + 12:
        raise AmountError(
            f"{_quote(shown)} is not a number: write digits with an optional decimal point "
            "and scale word (2600000000, 2,600,000,000, 2.6 bn, 19.8 billion, 500 million)"
        )
    scale_word = match.group("scale")
    exponent = 0
    if scale_word is not None:
        if scale_word.lower() not in SCALE_WORDS:
            known = ", ".join(sorted(SCALE_WORDS, key=lambda w: (SCALE_WORDS[w], w)))
            raise AmountError(f"{_quote(scale_word)} is not a scale word (one of {known})")
        exponent = SCALE_WORDS[scale_word.lower()]
    whole = match.group("int").replace(",", "")
    fraction = match.group("frac") or ""
    digits = (whole + fraction).lstrip("0") or "0"
    if len(digits) > MAX_DIGITS:
        raise AmountError(f"{_quote(shown)} has more digits than any trade figure")
    shift = exponent + places - len(fraction)  # the last written digit is 10^shift units
    if shift >= 0:
        units = int(digits) * 10**shift
    else:
        units, rest = divmod(int(digits), 10**-shift)
        if rest:
            raise AmountError(
                f"{_quote(shown)} has more decimals than {unit} has (it counts to "
                f"{_unit_step(places)}): round it, or give it in a smaller unit"
            )
    if units > BIGINT_MAX:
        raise AmountError(f"{_quote(shown)} is too large to store")
    return Amount(units, 10**shift if shift > 0 else None)


def _unit_step(places: int) -> str:
    return "whole units" if places == 0 else f"{places} decimal place{'s' if places > 1 else ''}"


def _quote(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    return repr(text if len(text) <= 40 else text[:37] + "...")
