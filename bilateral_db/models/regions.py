"""Regions: parts of the world sources name as partners ("trade with Africa") that are not
organisations, each with the composition a source states for it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import RegionKind
from bilateral_db.models.base import (
    Base,
    claim_fact_column,
    date_column,
    fact_column,
    id_column,
    interval_checks,
    precision_column,
    release_column,
    vocabulary_reference,
)
from bilateral_db.models.countries import Country


class Region(Base):
    """Africa, Latin America, Comtrade's World or "Areas, nes": a partner with no members of
    its own, only a composition a source states (or none, for an area not specified)."""

    __tablename__ = "region"
    __table_args__ = (
        CheckConstraint("code = upper(code)", name="code_upper"),
        {"comment": "Regions: partners that are parts of the world, not organisations."},
    )

    id: Mapped[int] = id_column()
    code: Mapped[str] = mapped_column(
        String(40), unique=True, comment="Our stable code, upper case, e.g. AFRICA."
    )
    name: Mapped[str] = mapped_column(String(200), comment="English name.")
    kind: Mapped[str] = vocabulary_reference(
        RegionKind, "geographic, world, area_nes, special, territory, combination (see vocabulary)."
    )
    m49_code: Mapped[str | None] = mapped_column(
        String(3), comment="UN M49 area code where the region is one (Africa 002)."
    )
    description: Mapped[str | None] = mapped_column(
        Text, comment="What the region covers as its source draws it."
    )
    release_id: Mapped[int] = release_column(
        "Who defined the region: 1 the curated fixtures, else the data-set release that created it."
    )
    fact_id: Mapped[int | None] = claim_fact_column()


class RegionPart(Base):
    """A country a source counts in a region over an interval (NULL ends: as the source
    gives it, undated). A region's composition is what its parts say, no more."""

    __tablename__ = "region_part"
    __table_args__ = (
        UniqueConstraint("region_id", "country_id", "start_date"),
        Index(
            "uq_region_part_region_id_country_id",
            "region_id",
            "country_id",
            unique=True,
            sqlite_where=text("start_date IS NULL"),
            postgresql_where=text("start_date IS NULL"),
        ),
        *interval_checks(),
        {"comment": "Which countries a region is made of, as a source states it, over time."},
    )

    id: Mapped[int] = id_column()
    region_id: Mapped[int] = mapped_column(
        ForeignKey("region.id", ondelete="CASCADE"), comment="The region."
    )
    country_id: Mapped[int] = mapped_column(
        ForeignKey("country.id"), index=True, comment="A country the region includes."
    )
    start_date: Mapped[date | None] = date_column(
        "First day it is counted in the region; NULL: as far back as the source goes."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column("Last day it is counted; NULL: still so.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    fact_id: Mapped[int] = fact_column()

    region: Mapped[Region] = relationship()
    country: Mapped[Country] = relationship()
