"""Diplomatic relations and recognition: dated relations between two actors, as sources
state them (Panama and the People's Republic of China from 2017-06-13)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import RelationKind
from bilateral_db.models.base import (
    Base,
    date_column,
    end_status_checks,
    end_status_column,
    fact_column,
    id_column,
    interval_checks,
    precision_column,
    vocabulary_reference,
)
from bilateral_db.models.blocs import Actor


class DiplomaticRelation(Base):
    """Diplomatic relations between two actors (symmetric: either may be first), or the first's
    recognition of the second (directed), over [start_date, end_date]. A start may be unknown:
    a source may say only that relations were severed."""

    __tablename__ = "diplomatic_relation"
    __table_args__ = (
        CheckConstraint("actor_id <> partner_actor_id", name="two_actors"),
        UniqueConstraint(
            "kind",
            "actor_id",
            "partner_actor_id",
            "start_date",
            name="uq_diplomatic_relation_kind_pair_start_date",
        ),
        Index(
            "uq_diplomatic_relation_kind_actor_id_partner_actor_id",
            "kind",
            "actor_id",
            "partner_actor_id",
            unique=True,
            sqlite_where=text("start_date IS NULL"),
            postgresql_where=text("start_date IS NULL"),
        ),
        *interval_checks(),
        *end_status_checks(),
        {
            "comment": "Diplomatic relations and recognition between two actors, dated: "
            "established, severed, switched."
        },
    )

    id: Mapped[int] = id_column()
    kind: Mapped[str] = vocabulary_reference(RelationKind, "diplomatic_relations or recognition.")
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"),
        comment="One side; for recognition, the actor that recognises.",
    )
    partner_actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"),
        index=True,
        comment="The other side; for recognition, the actor recognised.",
    )
    start_date: Mapped[date | None] = date_column(
        "First day of the relation (first day of its period); NULL where no source gives one."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column(
        "Last day of the relation (see end_status); NULL while it lasts or when unknown."
    )
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    end_status: Mapped[str] = end_status_column()
    fact_id: Mapped[int] = fact_column()

    actor: Mapped[Actor] = relationship(foreign_keys=[actor_id])
    partner: Mapped[Actor] = relationship(foreign_keys=[partner_actor_id])
