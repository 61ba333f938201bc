"""Sources and citations: every fact row points at a `fact`, and facts cite sources."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import Confidence, SourceKind
from bilateral_db.models.base import (
    Base,
    date_column,
    dated_checks,
    id_column,
    precision_column,
    vocabulary_check,
    vocabulary_column,
)

# Tables whose rows are facts (carry a fact_id). Kept here so the CHECK on fact.entity and the
# models agree; a test asserts it.
FACT_ENTITIES = (
    "country",
    "country_code",
    "bloc",
    "body",
    "membership",
    "dialogue_coordination",
    "person",
    "term",
    "meeting",
    "participant",
    "meeting_topic",
    "relation_topic",
    "agreement",
    "agreement_topic",
    "progress_statement",
    "trade_figure",
    "trade_reported_change",
    "country_name",
    "bloc_name",
    "post_title",
    "bloc_succession",
    "member_list",
    "meeting_series",
    "meeting_in_series",
    "pledge",
    "region",
    "region_part",
    "diplomatic_relation",
)


class Source(Base):
    """A document facts are taken from: an article, an official page, a data set."""

    __tablename__ = "source"
    __table_args__ = (
        vocabulary_check("kind", SourceKind),
        *dated_checks("published_on"),
        {"comment": "Documents that facts are taken from."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(120), unique=True, comment="Natural key, e.g. sputnik-2019-07-31-asean-russia."
    )
    title: Mapped[str] = mapped_column(Text, comment="Title as published.")
    publisher: Mapped[str | None] = mapped_column(
        String(200), comment="Who published it (outlet, ministry, agency)."
    )
    url: Mapped[str | None] = mapped_column(Text, comment="Where it was read.")
    kind: Mapped[str] = vocabulary_column(
        "news, official, dataset, standard, reference or academic."
    )
    language: Mapped[str | None] = mapped_column(
        String(8), comment="ISO 639-1 code of the text's language."
    )
    published_on: Mapped[date | None] = date_column("Publication date (first day of its period).")
    published_on_precision: Mapped[str | None] = precision_column("published_on")


class Fact(Base):
    """One stated fact, whatever table holds it; the unit that sources are cited for."""

    __tablename__ = "fact"
    __table_args__ = (
        vocabulary_check("confidence", Confidence),
        vocabulary_check("entity", FACT_ENTITIES),
        {
            "comment": "Every fact row (membership, term, trade figure, …) has one; citations attach here."
        },
    )

    id: Mapped[int] = id_column()
    entity: Mapped[str] = mapped_column(
        String(40), comment="Table of the row that states this fact."
    )
    confidence: Mapped[str] = vocabulary_column(
        "stated: read in the sources; inferred: derived from them (see note)."
    )
    note: Mapped[str | None] = mapped_column(
        Text, comment="Editorial note: how a value was inferred, known conflicts."
    )

    citations: Mapped[list[Citation]] = relationship(
        back_populates="fact", cascade="all, delete-orphan", passive_deletes=True
    )


class Citation(Base):
    """A source given for a fact, optionally with where in it."""

    __tablename__ = "citation"
    __table_args__ = (
        UniqueConstraint("fact_id", "source_id"),
        {"comment": "Which sources support which facts."},
    )

    id: Mapped[int] = id_column()
    fact_id: Mapped[int] = mapped_column(
        ForeignKey("fact.id", ondelete="CASCADE"), index=True, comment="The fact cited."
    )
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="RESTRICT"),
        index=True,
        comment="The source that states it.",
    )
    locator: Mapped[str | None] = mapped_column(
        Text, comment="Where in the source: a quote, page or paragraph."
    )

    fact: Mapped[Fact] = relationship(back_populates="citations")
    source: Mapped[Source] = relationship()
