"""Trade figures and reported changes, with money stored exactly as integer minor units."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import (
    CategoryScheme,
    PeriodPrecision,
    Qualifier,
    TradeFlow,
    TradeSeries,
    Valuation,
    ValueStatus,
)
from bilateral_db.models.base import (
    POSTGRESQL_PARTITIONS,
    VOCABULARY_LENGTH,
    Base,
    Claim,
    PartitionedByRelease,
    claim_checks,
    claim_fact_column,
    id_column,
    release_column,
    vocabulary_check,
    vocabulary_column,
)
from bilateral_db.models.blocs import Actor

SERIES_COLUMNS = (
    "reporter_actor_id",
    "partner_actor_id",
    "period_start",
    "period_end",
    "period_precision",
    "flow",
    "category_id",
    "series",
)


def _period_checks() -> list[CheckConstraint]:
    return [
        vocabulary_check("period_precision", PeriodPrecision),
        vocabulary_check("flow", TradeFlow),
        vocabulary_check("series", TradeSeries),
        CheckConstraint("reporter_actor_id <> partner_actor_id", name="two_actors"),
        CheckConstraint("period_end >= period_start", name="period_in_order"),
    ]


def period_end_column() -> Mapped[date]:
    return mapped_column(
        comment="Last day of the period: 2018-12-31 for the year 2018, 2023-03-31 for the "
        "fiscal year April 2022 to March 2023."
    )


def series_column() -> Mapped[str]:
    return mapped_column(
        String(VOCABULARY_LENGTH),
        server_default="reported",
        comment="reported (the reporter's own statistics), mirror (derived from the partner's) "
        "or smoothed (a source's smoothed series): part of the figure's key.",
    )


class Currency(Base):
    """An ISO 4217 currency and its minor unit, which scales stored amounts."""

    __tablename__ = "currency"
    __table_args__ = (
        CheckConstraint("length(code) = 3 AND code = upper(code)", name="code_alpha3"),
        CheckConstraint("minor_unit BETWEEN 0 AND 4", name="minor_unit_range"),
        {"comment": "ISO 4217 currencies."},
    )

    code: Mapped[str] = mapped_column(
        String(3), primary_key=True, comment="ISO 4217 alphabetic code, e.g. USD."
    )
    name: Mapped[str] = mapped_column(String(100), comment="English name.")
    minor_unit: Mapped[int] = mapped_column(
        Integer, comment="Decimal places of the minor unit: 2 for USD (cents), 0 for JPY."
    )


class ProductCategory(Base):
    """A product group: our broad groups, or an HS or SITC code with its revision."""

    __tablename__ = "product_category"
    __table_args__ = (
        vocabulary_check("scheme", CategoryScheme),
        {"comment": "Product categories of trade figures: broad groups, HS or SITC codes."},
    )

    id: Mapped[int] = id_column()
    code: Mapped[str] = mapped_column(
        String(40), unique=True, comment="Natural key: all-goods, agriculture, hs2017:27, …"
    )
    name: Mapped[str] = mapped_column(String(200), comment="English name.")
    scheme: Mapped[str] = vocabulary_column("broad, hs or sitc.")
    revision: Mapped[str | None] = mapped_column(
        String(20), comment="Revision of the HS or SITC nomenclature, e.g. HS2017."
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("product_category.id"), index=True, comment="The broader category."
    )
    release_id: Mapped[int] = release_column(
        "Who added the category: the fixtures (release 1), or the import that first met this "
        "nomenclature code (its figures refer to it; load leaves it alone)."
    )


# PostgreSQL: a partition per release (migration 0016, bilateral_db.writing.partitions).
PARTITIONED_BY_RELEASE = PartitionedByRelease(
    widened=(
        "uq_trade_figure_alternative",
        "uq_trade_figure_fact_id",
        "fk_trade_figure_alternative_of_id_trade_figure",
    )
)


class TradeFigure(Claim, Base):
    """A value of one trade series: reporter × partner × period × flow × category."""

    __tablename__ = "trade_figure"
    __table_args__ = (
        *_period_checks(),
        vocabulary_check("valuation", Valuation),
        vocabulary_check("value_status", ValueStatus),
        vocabulary_check("qualifier", Qualifier),
        *claim_checks("trade_figure", *SERIES_COLUMNS, "valuation"),
        # A pair's figures from the partner's end (the claim's unique index leads with the
        # reporter): each member's trade with one country, read member by member.
        Index(
            "ix_trade_figure_partner_reporter",
            "partner_actor_id",
            "reporter_actor_id",
            "period_start",
        ),
        # A release's figures: what a load reads of the curated release, what a merge and a
        # release's deletion look for (the claim's unique index names the release last).
        Index("ix_trade_figure_release_id", "release_id"),
        CheckConstraint(
            "(value_status = 'observed') = (value_minor IS NOT NULL)", name="value_iff_observed"
        ),
        CheckConstraint(
            "value_minor IS NULL OR currency_code IS NOT NULL", name="value_has_currency"
        ),
        CheckConstraint("value_minor IS NULL OR value_minor >= 0", name="value_not_negative"),
        CheckConstraint(
            "value_high_minor IS NULL OR (value_minor IS NOT NULL AND value_high_minor > value_minor)",
            name="range_in_order",
        ),
        CheckConstraint("rounding_minor IS NULL OR rounding_minor > 0", name="rounding_positive"),
        CheckConstraint(
            "(quantity_milli IS NULL) = (quantity_unit IS NULL)", name="quantity_has_unit"
        ),
        CheckConstraint(
            "quantity_milli IS NULL OR quantity_milli >= 0", name="quantity_not_negative"
        ),
        {
            "comment": "Trade values. Both sides' figures are kept: the reporter's and its partner's mirror figure.",
            "info": {POSTGRESQL_PARTITIONS: PARTITIONED_BY_RELEASE},
        },
    )

    id: Mapped[int] = id_column()
    reporter_actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"),
        comment="Whose statistics these are (a country, or a bloc for bloc-level figures).",
    )
    partner_actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), comment="The trading partner."
    )
    period_start: Mapped[date] = mapped_column(
        comment="First day of the period: 2018-01-01 for the year 2018."
    )
    period_end: Mapped[date] = period_end_column()
    period_precision: Mapped[str] = mapped_column(
        String(11), comment="year, quarter, month, fiscal_year or span: what the period is."
    )
    flow: Mapped[str] = vocabulary_column(
        "export, import, total (turnover), re_export, re_import, domestic_export or "
        "foreign_import, seen from the reporter."
    )
    series: Mapped[str] = series_column()
    category_id: Mapped[int] = mapped_column(
        ForeignKey("product_category.id"), index=True, comment="Product category."
    )
    valuation: Mapped[str] = vocabulary_column("fob, cif or not_stated.")
    value_status: Mapped[str] = vocabulary_column(
        "observed (a value, zero included), unknown, or not_covered by the source."
    )
    value_minor: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="Amount in minor units of the currency (cents for USD): exact on every backend.",
    )
    value_high_minor: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="Upper end when the source gives a range (USD 2.6-2.8 bn): value_minor is its "
        "lower end.",
    )
    rounding_minor: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="What the source rounded to, in minor units (10^8 cents: whole millions of "
        "USD); NULL if not known.",
    )
    quantity_milli: Mapped[int | None] = mapped_column(
        BigInteger, comment="Quantity in thousandths of quantity_unit (net weight, items, ...)."
    )
    quantity_unit: Mapped[str | None] = mapped_column(
        String(VOCABULARY_LENGTH), comment="Unit of quantity_milli: tonne, kg, litre, item, ..."
    )
    currency_code: Mapped[str | None] = mapped_column(
        ForeignKey("currency.code"), comment="ISO 4217 currency of value_minor."
    )
    qualifier: Mapped[str] = vocabulary_column(
        "exact, approximately, more_than (exceeded USD 2.6 bn), …"
    )
    fact_id: Mapped[int | None] = claim_fact_column()

    reporter: Mapped[Actor] = relationship(foreign_keys=[reporter_actor_id])
    partner: Mapped[Actor] = relationship(foreign_keys=[partner_actor_id])
    category: Mapped[ProductCategory] = relationship()
    currency: Mapped[Currency | None] = relationship()


class TradeReportedChange(Claim, Base):
    """A change a source reports for a series ("+17%") where the values themselves are missing."""

    __tablename__ = "trade_reported_change"
    __table_args__ = (
        *_period_checks(),
        vocabulary_check("qualifier", Qualifier),
        *claim_checks("trade_reported_change", *SERIES_COLUMNS),
        CheckConstraint("base_period_start < period_start", name="base_period_before_period"),
        {
            "comment": "Reported growth of a trade series, as a source states it. Growth from stored values is computed, never stored."
        },
    )

    id: Mapped[int] = id_column()
    reporter_actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), comment="Whose statistics the change is from."
    )
    partner_actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), index=True, comment="The trading partner."
    )
    period_start: Mapped[date] = mapped_column(comment="First day of the period the change is for.")
    period_end: Mapped[date] = period_end_column()
    period_precision: Mapped[str] = mapped_column(
        String(11), comment="year, quarter, month, fiscal_year or span."
    )
    base_period_start: Mapped[date] = mapped_column(
        comment="First day of the period compared with (the year before, usually)."
    )
    flow: Mapped[str] = vocabulary_column(
        "export, import, total, re_export, ... (as trade_figure)."
    )
    series: Mapped[str] = series_column()
    category_id: Mapped[int] = mapped_column(
        ForeignKey("product_category.id"), index=True, comment="Product category."
    )
    change_basis_points: Mapped[int] = mapped_column(
        Integer, comment="Change in hundredths of a percent: 1700 = +17%."
    )
    qualifier: Mapped[str] = vocabulary_column(
        "exact, approximately, more_than, … as the source qualifies it."
    )
    fact_id: Mapped[int | None] = claim_fact_column()

    reporter: Mapped[Actor] = relationship(foreign_keys=[reporter_actor_id])
    partner: Mapped[Actor] = relationship(foreign_keys=[partner_actor_id])
    category: Mapped[ProductCategory] = relationship()
