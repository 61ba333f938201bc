"""Answers for researchers, the CLI and other applications: one function per question.

Every function takes a read snapshot (a Core Connection from `db.read_snapshot`; an ORM Session
works too), keyword arguments only, and returns frozen dataclasses whose dates are PartialDate
(printing at their precision) and money Decimal. Each runs one query, or a
fixed handful for composite reports, never one per row. Arguments are values already read:
country and bloc codes upper-case, slugs and vocabulary lower-case, days as datetime.date; a
code that names nothing raises UnknownCode with the closest matches.

List reports take `limit` and `offset` (a page, in the order their docstrings give) and have a
`<report>_total` function counting the whole answer; a report whose answer is costly to compute
twice also has `<report>_page`, the page and that count from one query.

Names are imported on first use, so a caller loads the report it asks for (and the models it
reads), not every report.
"""

# ruff: noqa: F401  (the imports for type checkers name the lazily imported exports)
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilateral_db.reports.agreements import (
        AgreementReport,
        agreement_report,
        list_agreements,
        list_agreements_total,
    )
    from bilateral_db.reports.catalogue import (
        BlocRow,
        CountryListRow,
        list_blocs,
        list_blocs_total,
        list_countries,
        list_countries_total,
    )
    from bilateral_db.reports.citations import (
        ReleaseRow,
        SourceRow,
        releases_for,
        sources_for,
    )
    from bilateral_db.reports.claims.kinds.memberships import (
        MembershipRow,
    )
    from bilateral_db.reports.claims.kinds.terms import (
        TermRow,
    )
    from bilateral_db.reports.country import (
        CountryProfile,
        country_profile,
    )
    from bilateral_db.reports.diplomacy import (
        RelationRow,
        relations_of,
        relations_of_total,
    )
    from bilateral_db.reports.dyad import (
        DyadReport,
        dyad_report,
    )
    from bilateral_db.reports.envoys import envoys_between, envoys_between_total
    from bilateral_db.reports.lookup import (
        UnknownCode,
    )
    from bilateral_db.reports.meetings import (
        MeetingDetail,
        MeetingRow,
        find_meetings,
        find_meetings_total,
        meeting_detail,
    )
    from bilateral_db.reports.members import (
        MemberRow,
        members_on,
        membership_pairs,
        membership_timeline,
        membership_timeline_total,
        memberships_on,
    )
    from bilateral_db.reports.officials import (
        officials_on,
        terms_of,
        terms_of_total,
    )
    from bilateral_db.reports.regions import (
        RegionPartRow,
        region_parts,
        region_parts_total,
    )
    from bilateral_db.reports.source_disagreements import (
        DisagreementRow,
        disagreements,
        disagreements_total,
    )
    from bilateral_db.reports.sources import (
        FindingRow,
        SourceListRow,
        list_sources,
        list_sources_total,
        release_findings,
        release_findings_total,
    )
    from bilateral_db.reports.trade import (
        TradeRow,
        trade_between,
        trade_between_page,
        trade_between_total,
    )

# Where each public name lives (tests/reports check this against the imports above).
MODULES: dict[str, tuple[str, ...]] = {
    "agreements": (
        "AgreementReport",
        "agreement_report",
        "list_agreements",
        "list_agreements_total",
    ),
    "catalogue": (
        "BlocRow",
        "CountryListRow",
        "list_blocs",
        "list_blocs_total",
        "list_countries",
        "list_countries_total",
    ),
    "citations": ("ReleaseRow", "SourceRow", "releases_for", "sources_for"),
    "claims.kinds.memberships": ("MembershipRow",),
    "claims.kinds.terms": ("TermRow",),
    "country": ("CountryProfile", "country_profile"),
    "source_disagreements": ("DisagreementRow", "disagreements", "disagreements_total"),
    "diplomacy": ("RelationRow", "relations_of", "relations_of_total"),
    "dyad": ("DyadReport", "dyad_report"),
    "envoys": ("envoys_between", "envoys_between_total"),
    "lookup": ("UnknownCode",),
    "meetings": (
        "MeetingDetail",
        "MeetingRow",
        "find_meetings",
        "find_meetings_total",
        "meeting_detail",
    ),
    "members": (
        "MemberRow",
        "members_on",
        "membership_pairs",
        "membership_timeline",
        "membership_timeline_total",
        "memberships_on",
    ),
    "officials": ("officials_on", "terms_of", "terms_of_total"),
    "sources": (
        "FindingRow",
        "SourceListRow",
        "list_sources",
        "list_sources_total",
        "release_findings",
        "release_findings_total",
    ),
    "regions": ("RegionPartRow", "region_parts", "region_parts_total"),
    "trade": ("TradeRow", "trade_between", "trade_between_page", "trade_between_total"),
}
_HOME = {name: module for module, names in MODULES.items() for name in names}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next lookup is a plain module attribute
    return value


def __dir__() -> list[str]:
    return __all__
