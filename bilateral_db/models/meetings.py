"""Meetings, from summits to talks on their sidelines, and who took part."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import MeetingStatus, ParticipantRole, ParticipantStatus
from bilateral_db.models.base import (
    CURATED_RELEASE_ID,
    Base,
    claim_fact_column,
    date_column,
    dated_checks,
    fact_column,
    id_column,
    interval_checks,
    precision_column,
    vocabulary_reference,
)
from bilateral_db.models.blocs import Actor, Bloc
from bilateral_db.models.countries import City, Country
from bilateral_db.models.officials import SLUG_CHECK, Person

# A curated row cites its sources through its fact; an imported one is cited by its release.
CITED = f"fact_id IS NOT NULL OR release_id <> {CURATED_RELEASE_ID}"


def owned_release_column(comment: str) -> Mapped[int]:
    """The release a row belongs to and is deleted with (the curated fixtures by default)."""
    return mapped_column(
        ForeignKey("release.id", ondelete="CASCADE"),
        index=True,
        server_default=text(str(CURATED_RELEASE_ID)),
        comment=comment,
    )


class MeetingKind(Base):
    """Our meeting vocabulary, mapped to CAMEO and PLOVER so results join with event data."""

    __tablename__ = "meeting_kind"
    __table_args__ = (
        {
            "comment": "Kinds of meeting with their CAMEO and PLOVER event codes (seeded by migration)."
        },
    )

    code: Mapped[str] = mapped_column(
        String(40), primary_key=True, comment="Our code, e.g. summit."
    )
    description: Mapped[str] = mapped_column(Text, comment="What counts as this kind.")
    cameo_code: Mapped[str] = mapped_column(
        String(4), comment="CAMEO event code, e.g. 040 (consult), 046 (negotiate)."
    )
    plover_code: Mapped[str] = mapped_column(
        String(20), comment="PLOVER event type, e.g. CONSULT, AGREE."
    )


class Meeting(Base):
    """A summit, ministerial meeting, forum or talks; talks on a summit's sidelines are children."""

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        CheckConstraint("ordinal IS NULL OR ordinal > 0", name="ordinal_positive"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        CheckConstraint(CITED, name="curated_cited"),
        # How the writing layer names a release's meetings; slug alone stays the natural key.
        UniqueConstraint("slug", "release_id"),
        *interval_checks(),
        Index("ix_meeting_start_date", "start_date"),
        {"comment": "Meetings between officials of countries and blocs."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(String(120), unique=True, comment="Natural key, e.g. amm-52.")
    name: Mapped[str] = mapped_column(String(300), comment="Name as used in the sources.")
    kind: Mapped[str] = mapped_column(
        ForeignKey("meeting_kind.code"), comment="Kind of meeting (see meeting_kind)."
    )
    ordinal: Mapped[int | None] = mapped_column(
        Integer,
        comment="Number in its series: 52 for the 52nd AMM (a meeting in several series has "
        "its ordinals in meeting_in_series).",
    )
    status: Mapped[str | None] = vocabulary_reference(
        MeetingStatus,
        nullable=True,
        comment="held, postponed or cancelled, as a source says it; NULL where none says (a "
        "meeting on record is held unless a source says otherwise).",
    )
    start_date: Mapped[date | None] = date_column("First day; NULL if unknown.")
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column(
        "Last day; NULL if unknown or the same as start_date."
    )
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    city_id: Mapped[int | None] = mapped_column(
        ForeignKey("city.id"), index=True, comment="Where it was held."
    )
    venue: Mapped[str | None] = mapped_column(
        String(300), comment="Building or site, where the sources name one."
    )
    host_country_id: Mapped[int | None] = mapped_column(
        ForeignKey("country.id"), index=True, comment="The hosting country."
    )
    bloc_id: Mapped[int | None] = mapped_column(
        ForeignKey("bloc.id"), index=True, comment="The organising bloc, if any."
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id"),
        index=True,
        comment="The meeting this was held on the sidelines of, or part of.",
    )
    wikidata_id: Mapped[str | None] = mapped_column(
        String(20), unique=True, comment="Wikidata item."
    )
    description: Mapped[str | None] = mapped_column(
        Text,
        comment="What was done there, as the source says it (a travel record's remarks, a "
        "visit's description); searchable.",
    )
    release_id: Mapped[int] = owned_release_column(
        "The release that states the meeting: 1 the curated fixtures, else an imported "
        "record (a travel or visit of the Office of the Historian); it goes with its release."
    )
    fact_id: Mapped[int | None] = claim_fact_column()

    kind_entry: Mapped[MeetingKind] = relationship()
    city: Mapped[City | None] = relationship()
    host_country: Mapped[Country | None] = relationship()
    bloc: Mapped[Bloc | None] = relationship()
    parent: Mapped[Meeting | None] = relationship(
        remote_side="Meeting.id", back_populates="children"
    )
    children: Mapped[list[Meeting]] = relationship(back_populates="parent")
    participants: Mapped[list[Participant]] = relationship(back_populates="meeting")


class Participant(Base):
    """A person and/or the country or bloc they stood for, at a meeting, in a role, with a status."""

    __tablename__ = "participant"
    __table_args__ = (
        CheckConstraint("person_id IS NOT NULL OR actor_id IS NOT NULL", name="person_or_actor"),
        CheckConstraint(CITED, name="curated_cited"),
        # How the writing layer names a release's participants (NULLs compared as values).
        UniqueConstraint("meeting_id", "person_id", "actor_id", "role", "status", "release_id"),
        # NULLs are distinct in unique constraints, so each shape of row gets its own index.
        Index(
            "uq_participant_meeting_id_person_id_role_status",
            "meeting_id",
            "person_id",
            "role",
            "status",
            unique=True,
            sqlite_where=text("person_id IS NOT NULL"),
            postgresql_where=text("person_id IS NOT NULL"),
        ),
        Index(
            "uq_participant_meeting_id_actor_id_role_status",
            "meeting_id",
            "actor_id",
            "role",
            "status",
            unique=True,
            sqlite_where=text("person_id IS NULL"),
            postgresql_where=text("person_id IS NULL"),
        ),
        # Whether an actor took part in a meeting, by both: with the meeting's own index and
        # the actor's looking alike, SQLite (no statistics) could take the actor's and read
        # every participation of a country (thousands) for each of its meetings.
        Index("ix_participant_meeting_id_actor_id", "meeting_id", "actor_id"),
        *dated_checks("invited_on"),
        {"comment": "Who took part in (or was invited to) which meeting, in what role."},
    )

    id: Mapped[int] = id_column()
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), comment="The meeting."
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id"), index=True, comment="Who, if a person is named."
    )
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actor.id"), index=True, comment="The country or bloc represented."
    )
    role: Mapped[str] = vocabulary_reference(
        ParticipantRole, "host, chair, co_chair, delegation_head, guest, …"
    )
    status: Mapped[str] = vocabulary_reference(
        ParticipantStatus, "attended, invited, declined or absent."
    )
    invited_on: Mapped[date | None] = date_column(
        "Day the invitation was extended, where a source gives it (first day of its period)."
    )
    invited_on_precision: Mapped[str | None] = precision_column("invited_on")
    release_id: Mapped[int] = owned_release_column(
        "The release that states the participation: 1 the curated fixtures, else the "
        "imported record of its meeting."
    )
    fact_id: Mapped[int | None] = claim_fact_column()

    meeting: Mapped[Meeting] = relationship(back_populates="participants")
    person: Mapped[Person | None] = relationship()
    actor: Mapped[Actor | None] = relationship()


class MeetingSeries(Base):
    """A series of meetings (the ASEAN-Russia Summits), which meetings belong to with an
    ordinal each; a meeting may be in several (a ministerial conference that was also the
    first summit)."""

    __tablename__ = "meeting_series"
    __table_args__ = (
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        {"comment": "Series of meetings, each meeting numbered in it (meeting_in_series)."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(120), unique=True, comment="Natural key, e.g. asean-russia-summit."
    )
    name: Mapped[str] = mapped_column(String(300), comment="Name as used in the sources.")
    bloc_id: Mapped[int | None] = mapped_column(
        ForeignKey("bloc.id"), index=True, comment="The bloc that organises it, if any."
    )
    fact_id: Mapped[int] = fact_column()

    bloc: Mapped[Bloc | None] = relationship()


class MeetingInSeries(Base):
    """A meeting's place in a series: the 52nd ASEAN Foreign Ministers' Meeting."""

    __tablename__ = "meeting_in_series"
    __table_args__ = (
        UniqueConstraint("meeting_id", "series_id"),
        CheckConstraint("ordinal IS NULL OR ordinal > 0", name="ordinal_positive"),
        {"comment": "Which meetings belong to which series, with their ordinal there."},
    )

    id: Mapped[int] = id_column()
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), comment="The meeting."
    )
    series_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_series.id"), index=True, comment="The series."
    )
    ordinal: Mapped[int | None] = mapped_column(
        Integer, comment="Its number in the series (52 for the 52nd); NULL if not numbered."
    )
    fact_id: Mapped[int] = fact_column()

    meeting: Mapped[Meeting] = relationship()
    series: Mapped[MeetingSeries] = relationship()
