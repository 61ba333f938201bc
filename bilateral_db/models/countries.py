"""Countries, historic states included, and their codes in other data sets."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import CodeScheme
from bilateral_db.models.base import (
    Base,
    Claim,
    claim_checks,
    claim_fact_column,
    date_column,
    end_status_checks,
    end_status_column,
    fact_column,
    id_column,
    interval_checks,
    precision_column,
    vocabulary_check,
    vocabulary_column,
)


class Country(Base):
    """A state, current (ISO 3166-1) or dissolved (ISO 3166-3), with its lifetime."""

    __tablename__ = "country"
    __table_args__ = (
        CheckConstraint("length(code) = 3 AND code = upper(code)", name="code_alpha3"),
        *interval_checks("start_date", "end_date"),
        {"comment": "States by ISO 3166-1 alpha-3 (dissolved ones by their ISO 3166-3 code)."},
    )

    id: Mapped[int] = id_column()
    code: Mapped[str] = mapped_column(
        String(3),
        unique=True,
        comment="ISO 3166-1 alpha-3 (ISO 3166-3 for dissolved states; XKX for Kosovo).",
    )
    alpha2: Mapped[str | None] = mapped_column(
        String(2), comment="ISO 3166-1 alpha-2, where one is assigned."
    )
    numeric: Mapped[str | None] = mapped_column(
        String(3), comment="ISO 3166-1 numeric, zero-padded, where one is assigned."
    )
    name: Mapped[str] = mapped_column(String(200), comment="Short English name, e.g. Viet Nam.")
    official_name: Mapped[str | None] = mapped_column(
        String(300), comment="Official English name, e.g. Socialist Republic of Viet Nam."
    )
    common_name: Mapped[str | None] = mapped_column(
        String(200), comment="Name in everyday use where it differs, e.g. Vietnam."
    )
    wikidata_id: Mapped[str | None] = mapped_column(
        String(20), unique=True, comment="Wikidata item, e.g. Q881."
    )
    start_date: Mapped[date | None] = date_column(
        "First day the state existed; NULL if unknown or long-standing."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column("Last day the state existed; NULL while it exists.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    fact_id: Mapped[int] = fact_column()

    codes: Mapped[list[CountryCode]] = relationship(back_populates="country")


class CountryCode(Claim, Base):
    """A country's code in an external list (COW, Gleditsch–Ward, UN M49) over the dates it applies."""

    __tablename__ = "country_code"
    __table_args__ = (
        vocabulary_check("scheme", CodeScheme),
        *claim_checks("country_code", "country_id", "scheme", "start_date"),
        Index("ix_country_code_scheme_code", "scheme", "code"),
        *interval_checks("start_date", "end_date"),
        *end_status_checks(),
        {
            "comment": "Crosswalk from ISO codes to COW, Gleditsch-Ward and UN M49, with validity dates."
        },
    )

    id: Mapped[int] = id_column()
    country_id: Mapped[int] = mapped_column(
        ForeignKey("country.id", ondelete="CASCADE"), index=True, comment="The country coded."
    )
    scheme: Mapped[str] = vocabulary_column("cow, cow_abbrev, gw or m49.")
    code: Mapped[str] = mapped_column(
        String(8), comment="The code in that scheme, as text (COW 800 is '800')."
    )
    start_date: Mapped[date | None] = date_column(
        "First day the code applies to this country; NULL if since its start."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column("Last day the code applies; NULL if still in use.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    end_status: Mapped[str] = end_status_column()
    fact_id: Mapped[int | None] = claim_fact_column()

    country: Mapped[Country] = relationship(back_populates="codes")


class City(Base):
    """A place where meetings are held."""

    __tablename__ = "city"
    __table_args__ = ({"comment": "Cities where meetings take place."},)

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(String(80), unique=True, comment="Natural key, e.g. bangkok.")
    name: Mapped[str] = mapped_column(String(200), comment="English name.")
    country_id: Mapped[int] = mapped_column(
        ForeignKey("country.id"), index=True, comment="Country the city is in."
    )
    geonames_id: Mapped[int | None] = mapped_column(
        Integer, unique=True, comment="GeoNames id, where known."
    )

    country: Mapped[Country] = relationship()
