"""Releases: the curated fixtures and each imported data-set release, with what they cover."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.models.base import Base, date_column, id_column, interval_checks, precision_column


class Release(Base):
    """A body of claims written and replaced together: the fixtures, or one data-set release."""

    __tablename__ = "release"
    __table_args__ = (
        CheckConstraint("precedence >= 0", name="precedence_not_negative"),
        *interval_checks("coverage_start", "coverage_end"),
        {
            "comment": "Where claims come from: release 1 is the reviewed fixtures (slug curated); the others are imported data-set releases. Lower precedence wins when sources disagree."
        },
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(120), unique=True, comment="Natural key: curated, cow-igo-3.0, archigos-4.1, …"
    )
    dataset: Mapped[str] = mapped_column(
        String(40),
        unique=True,
        comment="The data set (curated, cow-states, gw-states, cow-igo, archigos, …): one release of each is held at a time.",
    )
    version: Mapped[str | None] = mapped_column(String(40), comment="The data set's version.")
    title: Mapped[str] = mapped_column(Text, comment="Title of the data set as published.")
    publisher: Mapped[str | None] = mapped_column(String(200), comment="Who publishes it.")
    citation: Mapped[str | None] = mapped_column(Text, comment="How its authors ask to be cited.")
    url: Mapped[str | None] = mapped_column(Text, comment="Where it is published.")
    precedence: Mapped[int] = mapped_column(
        Integer,
        unique=True,
        comment="Order of preference when sources disagree: 0 (curated) first, then data sets (docs/data-sets.md).",
    )
    coverage_start: Mapped[date | None] = date_column(
        "First day the release speaks about; NULL if not bounded."
    )
    coverage_start_precision: Mapped[str | None] = precision_column("coverage_start")
    coverage_end: Mapped[date | None] = date_column(
        "Last day the release speaks about (its edge: after it the release says nothing)."
    )
    coverage_end_precision: Mapped[str | None] = precision_column("coverage_end")
    file_name: Mapped[str | None] = mapped_column(
        String(300), comment="Name of the file imported (without its directory)."
    )
    file_sha256: Mapped[str | None] = mapped_column(
        String(64), comment="SHA-256 of the file imported, hex: the same hash means the same data."
    )
    imported_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the release was imported (UTC)."
    )

    counts: Mapped[list[ReleaseCount]] = relationship(
        back_populates="release", cascade="all, delete-orphan", passive_deletes=True
    )


class ReleaseCount(Base):
    """How many rows of one kind a release wrote, as the import counted them."""

    __tablename__ = "release_count"
    __table_args__ = ({"comment": "Row counts per release and kind of row."},)

    release_id: Mapped[int] = mapped_column(
        ForeignKey("release.id", ondelete="CASCADE"), primary_key=True, comment="The release."
    )
    kind: Mapped[str] = mapped_column(
        String(40),
        primary_key=True,
        comment="What was counted: a table name (membership, term, …) or an import's own kind (source_rows, unknown_values, …).",
    )
    rows: Mapped[int] = mapped_column(BigInteger, comment="How many.")

    release: Mapped[Release] = relationship(back_populates="counts")


class ReleaseFinding(Base):
    """Something an import could not settle and lists for review instead of guessing."""

    __tablename__ = "release_finding"
    __table_args__ = (
        {
            "comment": "Findings of an import for a person to review: codes it could not map, leaders it could not match with certainty. Nothing listed here was dropped silently."
        },
    )

    id: Mapped[int] = id_column()
    release_id: Mapped[int] = mapped_column(
        ForeignKey("release.id", ondelete="CASCADE"), index=True, comment="The release."
    )
    kind: Mapped[str] = mapped_column(
        String(40), comment="unmapped_code, uncertain_match, … (docs/data-sets.md)."
    )
    line: Mapped[int | None] = mapped_column(Integer, comment="Line of the file, where one.")
    record: Mapped[str] = mapped_column(Text, comment="The record, as the file names it.")
    message: Mapped[str] = mapped_column(Text, comment="What could not be settled, and why.")


class Coverage(Base):
    """Where a release looks: inside, an absent claim means "no"; outside, it says nothing.

    A release covers a membership scope (bloc, member) on a day when a covered row of the bloc
    and one of the member hold that day and no gap row of the pair does; a post's holders when
    a covered row of the post holds. A release without coverage rows covers its period.
    """

    __tablename__ = "coverage"
    __table_args__ = (
        *interval_checks(),
        CheckConstraint(
            "bloc_id IS NOT NULL OR actor_id IS NOT NULL OR post_id IS NOT NULL",
            name="has_scope",
        ),
        Index("ix_coverage_bloc_id_actor_id", "bloc_id", "actor_id"),
        {
            "comment": "What an imported release covers over time: a bloc's years, a member's years, a post's years (covered rows), and a member's gaps in one bloc (COW IGO's -9 cells: covered false). Inside its coverage an absent claim means no; outside it the release says nothing. A release with no coverage rows covers its coverage period."
        },
    )

    id: Mapped[int] = id_column()
    release_id: Mapped[int] = mapped_column(
        ForeignKey("release.id", ondelete="CASCADE"), index=True, comment="The release."
    )
    bloc_id: Mapped[int | None] = mapped_column(
        ForeignKey("bloc.id"), comment="The bloc whose memberships are covered."
    )
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actor.id"), comment="The member covered (in bloc_id, or in all)."
    )
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("post.id"), index=True, comment="The post whose holders are covered."
    )
    covered: Mapped[bool] = mapped_column(
        Boolean,
        comment="True: the release covers the scope then; false: a gap (no data for the member in the bloc then).",
    )
    start_date: Mapped[date] = mapped_column(comment="First day covered.")
    start_date_precision: Mapped[str] = mapped_column(
        String(5), comment="Precision of start_date: day, month or year."
    )
    end_date: Mapped[date | None] = date_column("Last day covered; NULL if still covered.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
