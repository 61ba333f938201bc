"""The schema: SQLAlchemy 2 typed declarative models, one module per concept."""

from bilateral_db.models.agreements import Agreement, AgreementParty, ProgressStatement
from bilateral_db.models.base import (
    CURATED_RELEASE_ID,
    CURATED_RELEASE_SLUG,
    NAMING_CONVENTION,
    Base,
)
from bilateral_db.models.blocs import Actor, Bloc, DialogueCoordination, Membership
from bilateral_db.models.countries import City, Country, CountryCode
from bilateral_db.models.meetings import Meeting, MeetingKind, Participant
from bilateral_db.models.officials import Person, Post, Term
from bilateral_db.models.releases import Coverage, Release, ReleaseCount, ReleaseFinding
from bilateral_db.models.sources import FACT_ENTITIES, Citation, Fact, Source
from bilateral_db.models.states import SystemMembership
from bilateral_db.models.topics import AgreementTopic, MeetingTopic, RelationTopic, Topic
from bilateral_db.models.trade import Currency, ProductCategory, TradeFigure, TradeReportedChange

__all__ = [
    "CURATED_RELEASE_ID",
    "CURATED_RELEASE_SLUG",
    "FACT_ENTITIES",
    "NAMING_CONVENTION",
    "Actor",
    "Agreement",
    "AgreementParty",
    "AgreementTopic",
    "Base",
    "Bloc",
    "Citation",
    "City",
    "Country",
    "CountryCode",
    "Coverage",
    "Currency",
    "DialogueCoordination",
    "Fact",
    "Meeting",
    "MeetingKind",
    "MeetingTopic",
    "Membership",
    "Participant",
    "Person",
    "Post",
    "ProductCategory",
    "ProgressStatement",
    "RelationTopic",
    "Release",
    "ReleaseCount",
    "ReleaseFinding",
    "Source",
    "SystemMembership",
    "Term",
    "Topic",
    "TradeFigure",
    "TradeReportedChange",
]
