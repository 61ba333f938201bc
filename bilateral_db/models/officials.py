"""People, the posts they hold, and their terms of office."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import conv

from bilateral_db.models.base import (
    Base,
    Claim,
    claim_checks,
    claim_fact_column,
    date_column,
    end_status_checks,
    end_status_column,
    id_column,
    interval_checks,
    precision_column,
    release_column,
)
from bilateral_db.models.countries import Country

SLUG_CHECK = "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'"


class Person(Base):
    """A person named in the sources: officials, leaders, spokespeople."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        {"comment": "People: officials, leaders and others who speak or meet."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(120), unique=True, comment="Natural key, e.g. sergey-lavrov."
    )
    name: Mapped[str] = mapped_column(String(200), comment="Name in English as commonly written.")
    native_name: Mapped[str | None] = mapped_column(
        String(200), comment="Name in the person's own language and script."
    )
    wikidata_id: Mapped[str | None] = mapped_column(
        String(20), unique=True, comment="Wikidata item, e.g. Q167976."
    )
    archigos_id: Mapped[str | None] = mapped_column(
        String(40), unique=True, comment="Archigos leader id (leadid), for national leaders."
    )
    release_id: Mapped[int] = release_column(
        "Who defined the person: 1 the curated fixtures, else the data-set release that created them."
    )
    fact_id: Mapped[int | None] = claim_fact_column()


class Post(Base):
    """An office of a country, apart from whoever holds it (Popolo's Post)."""

    __tablename__ = "post"
    __table_args__ = (
        UniqueConstraint("country_id", "office"),
        # Target of term's composite key, which copies single_seat where a constraint can see it.
        UniqueConstraint("id", "single_seat"),
        CheckConstraint(
            "office <> '' AND office = lower(office) AND office NOT LIKE '% %'",
            name="office_format",
        ),
        {"comment": "Offices such as Thailand's foreign minister or Malaysia's prime minister."},
    )

    id: Mapped[int] = id_column()
    country_id: Mapped[int] = mapped_column(
        ForeignKey("country.id"), comment="The country whose office this is."
    )
    office: Mapped[str] = mapped_column(
        String(80),
        comment="Office slug, the same across countries: foreign-minister, prime-minister, president, …",
    )
    title: Mapped[str] = mapped_column(
        String(200), comment="The office's own title, e.g. Minister of Foreign Affairs."
    )
    single_seat: Mapped[bool] = mapped_column(
        Boolean, comment="True if only one person holds it at a time; their terms may not overlap."
    )
    release_id: Mapped[int] = release_column(
        "Who defined the post: 1 the curated fixtures, else the data-set release that created it."
    )

    country: Mapped[Country] = relationship()


class Term(Claim, Base):
    """A person holding a post over a closed interval of dates."""

    __tablename__ = "term"
    __table_args__ = (
        *claim_checks("term", "person_id", "post_id", "start_date"),
        # single_seat is the post's, kept equal by this key, so that PostgreSQL's exclusion
        # constraint (which can only see this table) knows which terms must not overlap.
        ForeignKeyConstraint(
            ["post_id", "single_seat"],
            ["post.id", "post.single_seat"],
            name=conv("fk_term_post_id_single_seat_post"),
            onupdate="CASCADE",
        ),
        *interval_checks(),
        *end_status_checks(),
        {"comment": "Terms of office: who held which post, when."},
    )

    id: Mapped[int] = id_column()
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id"), index=True, comment="Who held the post."
    )
    post_id: Mapped[int] = mapped_column(
        ForeignKey("post.id"), index=True, comment="The post held."
    )
    single_seat: Mapped[bool] = mapped_column(
        Boolean, comment="Copy of post.single_seat, kept equal by a foreign key."
    )
    start_date: Mapped[date | None] = date_column("First day in office; NULL if unknown.")
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column(
        "Last day in office; NULL while in office. A successor may start on this day."
    )
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    end_status: Mapped[str] = end_status_column()
    fact_id: Mapped[int | None] = claim_fact_column()

    person: Mapped[Person] = relationship()
    post: Mapped[Post] = relationship(foreign_keys=[post_id])
