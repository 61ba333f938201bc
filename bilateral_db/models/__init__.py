"""The schema: SQLAlchemy 2 typed declarative models, one module per concept.

Model modules are imported on first use: `from bilateral_db.models import Membership` imports
the modules Membership needs and no other, so a report that reads three tables does not pay
for declaring all of them. Whatever needs the whole schema gets it: `Base` (and so
`Base.metadata`) is handed out only with every model declared, and the ORM's mapper
configuration declares every model first, so relationships always find their targets.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import event

from bilateral_db.core.curated import CURATED_RELEASE_ID, CURATED_RELEASE_SLUG
from bilateral_db.models.base import NAMING_CONVENTION
from bilateral_db.models.base import Base as _Base

if TYPE_CHECKING:
    from bilateral_db.models.agreements import (
        Agreement,
        AgreementParty,
        Pledge,
        ProgressStatement,
    )
    from bilateral_db.models.base import Base
    from bilateral_db.models.blocs import (
        Actor,
        Bloc,
        DialogueCoordination,
        MemberList,
        Membership,
    )
    from bilateral_db.models.bodies import Body
    from bilateral_db.models.countries import City, Country, CountryCode
    from bilateral_db.models.diplomacy import DiplomaticRelation
    from bilateral_db.models.meetings import (
        Meeting,
        MeetingInSeries,
        MeetingKind,
        MeetingSeries,
        Participant,
    )
    from bilateral_db.models.names import BlocName, BlocSuccession, CountryName, PostTitle
    from bilateral_db.models.officials import Person, Post, Term
    from bilateral_db.models.panels import (
        PanelCountryYear,
        PanelDyadEnvoy,
        PanelDyadMeeting,
        PanelDyadTrade,
        PanelSharedMembership,
    )
    from bilateral_db.models.regions import Region, RegionPart
    from bilateral_db.models.releases import Coverage, Release, ReleaseCount, ReleaseFinding
    from bilateral_db.models.sources import FACT_ENTITIES, Citation, Fact, Source
    from bilateral_db.models.states import SystemMembership
    from bilateral_db.models.topics import AgreementTopic, MeetingTopic, RelationTopic, Topic
    from bilateral_db.models.trade import (
        Currency,
        ProductCategory,
        TradeFigure,
        TradeReportedChange,
    )
    from bilateral_db.models.vocabularies import TERM_MODELS

# Where each name lives (tests/models check this against the modules and the imports above).
MODULES: dict[str, tuple[str, ...]] = {
    "agreements": ("Agreement", "AgreementParty", "Pledge", "ProgressStatement"),
    "blocs": ("Actor", "Bloc", "DialogueCoordination", "MemberList", "Membership"),
    "bodies": ("Body",),
    "countries": ("City", "Country", "CountryCode"),
    "diplomacy": ("DiplomaticRelation",),
    "meetings": ("Meeting", "MeetingInSeries", "MeetingKind", "MeetingSeries", "Participant"),
    "names": ("BlocName", "BlocSuccession", "CountryName", "PostTitle"),
    "officials": ("Person", "Post", "Term"),
    "panels": (
        "PanelCountryYear",
        "PanelDyadEnvoy",
        "PanelDyadMeeting",
        "PanelDyadTrade",
        "PanelSharedMembership",
    ),
    "regions": ("Region", "RegionPart"),
    "releases": ("Coverage", "Release", "ReleaseCount", "ReleaseFinding"),
    "sources": ("FACT_ENTITIES", "Citation", "Fact", "Source"),
    "states": ("SystemMembership",),
    "topics": ("AgreementTopic", "MeetingTopic", "RelationTopic", "Topic"),
    "trade": ("Currency", "ProductCategory", "TradeFigure", "TradeReportedChange"),
    "vocabularies": ("TERM_MODELS",),  # one model per open vocabulary, built from its enum
}
_HOME = {name: module for module, names in MODULES.items() for name in names}


def import_all() -> type[_Base]:
    """Declare every model (idempotent); returns Base, whose metadata is then complete."""
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return _Base


@event.listens_for(_Base.registry, "before_configured")
def _declare_every_model(_registry: Any) -> None:
    """Mapper configuration resolves relationships by class name: declare them all first."""
    import_all()


def __getattr__(name: str) -> Any:
    if name == "Base":
        globals()["Base"] = import_all()
        return _Base
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next lookup is a plain module attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CURATED_RELEASE_ID",
    "CURATED_RELEASE_SLUG",
    "FACT_ENTITIES",
    "NAMING_CONVENTION",
    "TERM_MODELS",
    "Actor",
    "Agreement",
    "AgreementParty",
    "AgreementTopic",
    "Base",
    "Bloc",
    "BlocName",
    "BlocSuccession",
    "Body",
    "Citation",
    "City",
    "Country",
    "CountryCode",
    "CountryName",
    "Coverage",
    "Currency",
    "DialogueCoordination",
    "DiplomaticRelation",
    "Fact",
    "Meeting",
    "MeetingInSeries",
    "MeetingKind",
    "MeetingSeries",
    "MeetingTopic",
    "MemberList",
    "Membership",
    "PanelCountryYear",
    "PanelDyadEnvoy",
    "PanelDyadMeeting",
    "PanelDyadTrade",
    "PanelSharedMembership",
    "Participant",
    "Person",
    "Pledge",
    "Post",
    "PostTitle",
    "ProductCategory",
    "ProgressStatement",
    "Region",
    "RegionPart",
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
