"""People, the posts they hold, and their terms of office."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import conv

from bilateral_db.core.vocabulary import Capacity, EndReason
from bilateral_db.models.base import (
    Base,
    Claim,
    claim_checks,
    claim_fact_column,
    date_column,
    dated_checks,
    end_status_checks,
    end_status_column,
    id_column,
    interval_checks,
    precision_column,
    release_column,
    vocabulary_reference,
)
from bilateral_db.models.blocs import Actor
from bilateral_db.models.bodies import Body

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
    """An office of an actor, apart from whoever holds it (Popolo's Post): a country's foreign
    minister, a bloc's secretary-general, and envoys: a post of one actor accredited to another
    (the U.S. Ambassador to Thailand, the U.S. Representative to ASEAN)."""

    __tablename__ = "post"
    __table_args__ = (
        # The natural key is (actor, office, accredited_to); NULLs are distinct in a unique
        # constraint, so the posts accredited to no one have an index of their own.
        Index(
            "uq_post_actor_id_office",
            "actor_id",
            "office",
            unique=True,
            sqlite_where=text("accredited_to_actor_id IS NULL"),
            postgresql_where=text("accredited_to_actor_id IS NULL"),
        ),
        UniqueConstraint("actor_id", "office", "accredited_to_actor_id"),
        # Target of term's composite key, which copies single_seat where a constraint can see it.
        UniqueConstraint("id", "single_seat"),
        CheckConstraint(
            "office <> '' AND office = lower(office) AND office NOT LIKE '% %'",
            name="office_format",
        ),
        CheckConstraint(
            "accredited_to_actor_id IS NULL OR accredited_to_actor_id <> actor_id",
            name="accredited_elsewhere",
        ),
        {
            "comment": "Offices such as Thailand's foreign minister, ASEAN's secretary-general or "
            "the U.S. ambassador to Thailand."
        },
    )

    id: Mapped[int] = id_column()
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), comment="The country or bloc whose office this is."
    )
    office: Mapped[str] = mapped_column(
        String(80),
        comment="Office slug, the same across actors: foreign-minister, prime-minister, "
        "secretary-general, ambassador, …",
    )
    accredited_to_actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actor.id"),
        index=True,
        comment="For an envoy: the country or bloc the post is accredited to; NULL otherwise.",
    )
    body_id: Mapped[int | None] = mapped_column(
        ForeignKey("body.id"),
        index=True,
        comment="The ministry or other body of the actor the post belongs to, where known.",
    )
    title: Mapped[str] = mapped_column(
        String(200), comment="The office's own title, e.g. Minister of Foreign Affairs."
    )
    single_seat: Mapped[bool] = mapped_column(
        Boolean,
        comment="True if only one person holds it in full at a time; their full terms may not "
        "overlap.",
    )
    release_id: Mapped[int] = release_column(
        "Who defined the post: 1 the curated fixtures, else the data-set release that created it."
    )

    actor: Mapped[Actor] = relationship(foreign_keys=[actor_id])
    accredited_to: Mapped[Actor | None] = relationship(foreign_keys=[accredited_to_actor_id])
    body: Mapped[Body | None] = relationship()


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
        *dated_checks("appointed_on", "arrived_on", "started_on"),
        # The interval point-in-time answers use (bilateral_db.core.terms): from the day the
        # person took up the post (started, else arrived); unknown if the source gives neither.
        CheckConstraint(
            "(started_on IS NOT NULL AND start_date = started_on "
            "AND start_date_precision = started_on_precision) "
            "OR (started_on IS NULL AND arrived_on IS NOT NULL AND start_date = arrived_on "
            "AND start_date_precision = arrived_on_precision) "
            "OR (started_on IS NULL AND arrived_on IS NULL AND start_date IS NULL)",
            name="start_from_events",
        ),
        CheckConstraint(
            "end_reason IS NULL OR end_status IN ('ended', 'unknown')", name="end_reason_ended"
        ),
        {"comment": "Terms of office: who held which post, when, in what capacity."},
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
    capacity: Mapped[str] = vocabulary_reference(
        Capacity,
        server_default="full",
        comment="full, acting or ad_interim (a chargé d'affaires ad interim heads a mission).",
    )
    appointed_on: Mapped[date | None] = date_column(
        "Day appointed (commissioned, nominated, elected); NULL if not given."
    )
    appointed_on_precision: Mapped[str | None] = precision_column("appointed_on")
    appointment_note: Mapped[str | None] = mapped_column(
        Text, comment="The source's note on the appointment (e.g. a recess appointment)."
    )
    arrived_on: Mapped[date | None] = date_column("Day the person arrived at post.")
    arrived_on_precision: Mapped[str | None] = precision_column("arrived_on")
    arrival_note: Mapped[str | None] = mapped_column(Text, comment="The source's note on arrival.")
    started_on: Mapped[date | None] = date_column(
        "Day the person took office: presented credentials, was sworn in, took charge."
    )
    started_on_precision: Mapped[str | None] = precision_column("started_on")
    start_note: Mapped[str | None] = mapped_column(
        Text, comment="The source's note on the start (how the person took charge)."
    )
    start_date: Mapped[date | None] = date_column(
        "First day in office, derived: started_on, else arrived_on; NULL if unknown."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column(
        "Last day in office; NULL while in office. A successor may start on this day."
    )
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    end_status: Mapped[str] = end_status_column()
    end_reason: Mapped[str | None] = vocabulary_reference(
        EndReason,
        nullable=True,
        comment="Why the term ended: left_post, superseded, term_ended, resigned, removed, died, "
        "post_closed, other.",
    )
    end_note: Mapped[str | None] = mapped_column(
        Text, comment="The source's note on the end, as written (e.g. Left post)."
    )
    fact_id: Mapped[int | None] = claim_fact_column()

    person: Mapped[Person] = relationship()
    post: Mapped[Post] = relationship(foreign_keys=[post_id])
