"""Topics and what they are attached to: meetings, agreements and bilateral relations."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.models.base import Base, fact_column, id_column
from bilateral_db.models.blocs import Actor
from bilateral_db.models.officials import SLUG_CHECK


class Topic(Base):
    """A subject of cooperation: counter-terrorism, energy, agriculture, …"""

    __tablename__ = "topic"
    __table_args__ = (
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        {"comment": "Subjects of meetings, agreements and relations."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(80), unique=True, comment="Natural key, e.g. counter-terrorism."
    )
    name: Mapped[str] = mapped_column(String(200), comment="English name.")
    description: Mapped[str | None] = mapped_column(Text, comment="What the topic covers.")


class MeetingTopic(Base):
    """A topic discussed at a meeting."""

    __tablename__ = "meeting_topic"
    __table_args__ = (
        UniqueConstraint("meeting_id", "topic_id"),
        {"comment": "Topics of meetings."},
    )

    id: Mapped[int] = id_column()
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), comment="The meeting."
    )
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True, comment="The topic.")
    fact_id: Mapped[int] = fact_column()

    topic: Mapped[Topic] = relationship()


class AgreementTopic(Base):
    """A topic an agreement covers."""

    __tablename__ = "agreement_topic"
    __table_args__ = (
        UniqueConstraint("agreement_id", "topic_id"),
        {"comment": "Topics of agreements."},
    )

    id: Mapped[int] = id_column()
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), comment="The agreement."
    )
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True, comment="The topic.")
    fact_id: Mapped[int] = fact_column()

    topic: Mapped[Topic] = relationship()


class RelationTopic(Base):
    """An area of mutual interest between two actors ("energy" for Russia and Thailand)."""

    __tablename__ = "relation_topic"
    __table_args__ = (
        UniqueConstraint("actor_id", "partner_actor_id", "topic_id"),
        CheckConstraint("actor_id <> partner_actor_id", name="two_actors"),
        {
            "comment": "Areas of mutual interest in a relation, as a source names them; actor_id is the side that states the priority or the first named."
        },
    )

    id: Mapped[int] = id_column()
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), comment="One side of the relation."
    )
    partner_actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), index=True, comment="The other side."
    )
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True, comment="The topic.")
    fact_id: Mapped[int] = fact_column()

    actor: Mapped[Actor] = relationship(foreign_keys=[actor_id])
    partner: Mapped[Actor] = relationship(foreign_keys=[partner_actor_id])
    topic: Mapped[Topic] = relationship()
