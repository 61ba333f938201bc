"""Names that change: dated names of countries and blocs, dated titles of posts, and blocs
that succeed blocs (GATT -> WTO, the Shanghai Five -> SCO).

A name claim covers the closed interval [start_date, end_date], each end optional (NULL start:
since the owner's beginning or a day the source does not give; NULL end: still so). Answers
use the name of the day they are about: of the claims covering the day, the one that starts
last (bilateral_db.reports.names); where no claim covers it, the owner's own `name` (a post's
`title`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import SuccessionKind
from bilateral_db.models.base import (
    Base,
    date_column,
    dated_checks,
    fact_column,
    id_column,
    interval_checks,
    precision_column,
    vocabulary_reference,
)
from bilateral_db.models.blocs import Bloc
from bilateral_db.models.countries import Country
from bilateral_db.models.officials import Post


def _name_keys(table: str, owner: str) -> tuple[Index | UniqueConstraint, ...]:
    """(owner, name, start) is the natural key; NULLs are distinct in a unique constraint, so
    the names without a start have an index of their own (as a post accredited to no one)."""
    return (
        UniqueConstraint(owner, "name", "start_date"),
        Index(
            f"uq_{table}_{owner}_name",
            owner,
            "name",
            unique=True,
            sqlite_where=text("start_date IS NULL"),
            postgresql_where=text("start_date IS NULL"),
        ),
    )


class CountryName(Base):
    """A name a country bore over an interval, as a source gives it (Burma until 1989-06-17,
    Myanmar from 1989-06-18)."""

    __tablename__ = "country_name"
    __table_args__ = (
        *_name_keys("country_name", "country_id"),
        *interval_checks(),
        CheckConstraint("name <> ''", name="name_present"),
        {"comment": "Dated names of countries: the name an answer about a day uses."},
    )

    id: Mapped[int] = id_column()
    country_id: Mapped[int] = mapped_column(
        ForeignKey("country.id", ondelete="CASCADE"), comment="The country named."
    )
    name: Mapped[str] = mapped_column(String(200), comment="The name, as the source writes it.")
    start_date: Mapped[date | None] = date_column(
        "First day of the name; NULL: since the country's beginning, or not given."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column("Last day of the name; NULL while in use.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    fact_id: Mapped[int] = fact_column()

    country: Mapped[Country] = relationship()


class BlocName(Base):
    """A name a bloc bore over an interval (the European Economic Community until 1993-10-31,
    the European Community from 1993-11-01)."""

    __tablename__ = "bloc_name"
    __table_args__ = (
        *_name_keys("bloc_name", "bloc_id"),
        *interval_checks(),
        CheckConstraint("name <> ''", name="name_present"),
        {"comment": "Dated names of blocs: the name an answer about a day uses."},
    )

    id: Mapped[int] = id_column()
    bloc_id: Mapped[int] = mapped_column(
        ForeignKey("bloc.id", ondelete="CASCADE"), comment="The bloc named."
    )
    name: Mapped[str] = mapped_column(String(200), comment="The name, as the source writes it.")
    start_date: Mapped[date | None] = date_column(
        "First day of the name; NULL: since the bloc's founding, or not given."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column("Last day of the name; NULL while in use.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    fact_id: Mapped[int] = fact_column()

    bloc: Mapped[Bloc] = relationship()


class PostTitle(Base):
    """A title a post bore over an interval (a ministry renamed, an office upgraded)."""

    __tablename__ = "post_title"
    __table_args__ = (
        *_name_keys("post_title", "post_id"),
        *interval_checks(),
        CheckConstraint("name <> ''", name="name_present"),
        {"comment": "Dated titles of posts: the title an answer about a day uses."},
    )

    id: Mapped[int] = id_column()
    post_id: Mapped[int] = mapped_column(
        ForeignKey("post.id", ondelete="CASCADE"), comment="The post titled."
    )
    name: Mapped[str] = mapped_column(String(200), comment="The title, as the source writes it.")
    start_date: Mapped[date | None] = date_column(
        "First day of the title; NULL: since the post's beginning, or not given."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column("Last day of the title; NULL while in use.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    fact_id: Mapped[int] = fact_column()

    post: Mapped[Post] = relationship()


class BlocSuccession(Base):
    """A bloc followed by another on a day: renamed, replaced or merged into it."""

    __tablename__ = "bloc_succession"
    __table_args__ = (
        UniqueConstraint("predecessor_bloc_id", "successor_bloc_id"),
        CheckConstraint("predecessor_bloc_id <> successor_bloc_id", name="distinct_blocs"),
        *dated_checks("succeeded_on"),
        {
            "comment": "Blocs that succeed blocs (GATT -> WTO, the Shanghai Five -> SCO): "
            "reports follow the line when asked."
        },
    )

    id: Mapped[int] = id_column()
    predecessor_bloc_id: Mapped[int] = mapped_column(
        ForeignKey("bloc.id", ondelete="CASCADE"), comment="The bloc succeeded."
    )
    successor_bloc_id: Mapped[int] = mapped_column(
        ForeignKey("bloc.id", ondelete="CASCADE"),
        index=True,
        comment="The bloc that succeeded it.",
    )
    succeeded_on: Mapped[date] = mapped_column(
        comment="First day of the successor's part of the line (first day of its period)."
    )
    succeeded_on_precision: Mapped[str] = mapped_column(
        String(5), comment="Precision of succeeded_on: day, month or year."
    )
    kind: Mapped[str] = vocabulary_reference(SuccessionKind, "renamed, replaced or merged.")
    fact_id: Mapped[int] = fact_column()

    predecessor: Mapped[Bloc] = relationship(foreign_keys=[predecessor_bloc_id])
    successor: Mapped[Bloc] = relationship(foreign_keys=[successor_bloc_id])
