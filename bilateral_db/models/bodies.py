"""Bodies within a country or a bloc: ministries, agencies, secretariats, missions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import BodyKind
from bilateral_db.models.base import (
    Base,
    claim_fact_column,
    date_column,
    id_column,
    interval_checks,
    precision_column,
    release_column,
    vocabulary_reference,
)
from bilateral_db.models.blocs import Actor


class Body(Base):
    """A ministry, agency or other body of a country or bloc, which posts may belong to (a
    post's `body`): Thailand's Ministry of Foreign Affairs, the ASEAN Secretariat."""

    __tablename__ = "body"
    __table_args__ = (
        CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'", name="slug_format"
        ),
        *interval_checks("founded_on", "dissolved_on"),
        {"comment": "Ministries, agencies, secretariats and missions of a country or bloc."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(120), unique=True, comment="Natural key, e.g. tha-mfa, asean-secretariat."
    )
    name: Mapped[str] = mapped_column(String(300), comment="English name as the body uses it.")
    kind: Mapped[str] = vocabulary_reference(
        BodyKind, "ministry, agency, secretariat, council, mission, other."
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), index=True, comment="The country or bloc the body is part of."
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("body.id"), comment="The body it is part of (a department of a ministry)."
    )
    founded_on: Mapped[date | None] = date_column("First day; NULL if unknown.")
    founded_on_precision: Mapped[str | None] = precision_column("founded_on")
    dissolved_on: Mapped[date | None] = date_column("Last day; NULL while it exists.")
    dissolved_on_precision: Mapped[str | None] = precision_column("dissolved_on")
    wikidata_id: Mapped[str | None] = mapped_column(
        String(20), unique=True, comment="Wikidata item."
    )
    release_id: Mapped[int] = release_column(
        "Who defined the body: 1 the curated fixtures, else the data-set release that created it."
    )
    fact_id: Mapped[int | None] = claim_fact_column()

    actor: Mapped[Actor] = relationship()
    parent: Mapped[Body | None] = relationship(remote_side="Body.id")
