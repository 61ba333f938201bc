"""The scopes the panels' builder reads claims by are the claim kinds' own."""

from __future__ import annotations

from bilateral_db.preference import SCOPES
from bilateral_db.reports.claims.kinds.memberships import MembershipScope
from bilateral_db.reports.claims.kinds.terms import TermScope
from bilateral_db.reports.claims.kinds.trade import FigureScope


def test_each_scope_is_its_claim_kinds() -> None:
    kinds = {
        "membership": MembershipScope._fields,
        "term": TermScope._fields,
        "trade_figure": FigureScope._fields,
    }
    assert kinds == SCOPES
