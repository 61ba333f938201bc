"""Answers for researchers, the CLI and other applications: one function per question.

Every function takes a Session, keyword arguments only, and returns frozen dataclasses whose
dates are PartialDate (printing at their precision) and money Decimal. Each runs one query, or a
fixed handful for composite reports, never one per row.
"""

from bilateral_db.reports.agreements import AgreementReport, agreement_report
from bilateral_db.reports.catalogue import (
    BlocRow,
    CountryListRow,
    list_agreements,
    list_blocs,
    list_countries,
)
from bilateral_db.reports.citations import SourceRow, sources_for
from bilateral_db.reports.country import CountryProfile, country_profile
from bilateral_db.reports.disagreements import DisagreementRow, disagreements
from bilateral_db.reports.dyad import DyadReport, dyad_report
from bilateral_db.reports.lookup import UnknownCode
from bilateral_db.reports.meetings import MeetingDetail, MeetingRow, find_meetings, meeting_detail
from bilateral_db.reports.members import (
    MembershipRow,
    members_on,
    membership_pairs,
    membership_timeline,
    memberships_on,
)
from bilateral_db.reports.officials import TermRow, officials_on, terms_of
from bilateral_db.reports.sources import FindingRow, SourceListRow, list_sources, release_findings
from bilateral_db.reports.trade import TradeRow, trade_between

__all__ = [
    "AgreementReport",
    "BlocRow",
    "CountryListRow",
    "CountryProfile",
    "DisagreementRow",
    "DyadReport",
    "FindingRow",
    "MeetingDetail",
    "MeetingRow",
    "MembershipRow",
    "SourceListRow",
    "SourceRow",
    "TermRow",
    "TradeRow",
    "UnknownCode",
    "agreement_report",
    "country_profile",
    "disagreements",
    "dyad_report",
    "find_meetings",
    "list_agreements",
    "list_blocs",
    "list_countries",
    "list_sources",
    "meeting_detail",
    "members_on",
    "membership_pairs",
    "membership_timeline",
    "memberships_on",
    "officials_on",
    "release_findings",
    "sources_for",
    "terms_of",
    "trade_between",
]
