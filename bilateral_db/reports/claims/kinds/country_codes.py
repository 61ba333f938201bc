"""A country's codes in other schemes (COW, GW, M49) as claims: one code per scheme at a time."""

from __future__ import annotations

from typing import NamedTuple

from bilateral_db import tables
from bilateral_db.reports.claims.description import ClaimKind


class CodeScope(NamedTuple):
    country_id: int
    scheme: str


COUNTRY_CODE = ClaimKind[CodeScope](name="country code", table=tables.COUNTRY_CODE, scope=CodeScope)
