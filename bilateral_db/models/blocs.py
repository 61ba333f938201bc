"""Blocs, the actors that can join them, and memberships over time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import BlocKind, ListStatus, MembershipRole
from bilateral_db.models.base import (
    Base,
    Claim,
    claim_checks,
    claim_fact_column,
    date_column,
    end_status_checks,
    end_status_column,
    fact_column,
    id_column,
    interval_checks,
    precision_column,
    release_column,
    vocabulary_check,
    vocabulary_column,
    vocabulary_reference,
)
from bilateral_db.models.countries import Country
from bilateral_db.models.regions import Region


class Bloc(Base):
    """An organisation or forum of states: ASEAN, the EU, BRICS, …"""

    __tablename__ = "bloc"
    __table_args__ = (
        CheckConstraint("code = upper(code)", name="code_upper"),
        *interval_checks("founded_on", "dissolved_on"),
        {"comment": "Blocs: regional organisations, forums, customs unions, alliances."},
    )

    id: Mapped[int] = id_column()
    code: Mapped[str] = mapped_column(
        String(20), unique=True, comment="Our stable code, upper case, e.g. ASEAN."
    )
    name: Mapped[str] = mapped_column(String(200), comment="English name.")
    kind: Mapped[str] = vocabulary_reference(
        BlocKind, "regional_organisation, forum, customs_union, … (see vocabulary)."
    )
    wikidata_id: Mapped[str | None] = mapped_column(
        String(20), unique=True, comment="Wikidata item."
    )
    cow_igo_code: Mapped[str | None] = mapped_column(
        String(20), unique=True, comment="Correlates of War IGO abbreviation, where one exists."
    )
    founded_on: Mapped[date | None] = date_column("Founding date (first day of its period).")
    founded_on_precision: Mapped[str | None] = precision_column("founded_on")
    dissolved_on: Mapped[date | None] = date_column("Dissolution date; NULL while it exists.")
    dissolved_on_precision: Mapped[str | None] = precision_column("dissolved_on")
    release_id: Mapped[int] = release_column(
        "Who defined the bloc: 1 the curated fixtures, else the data-set release that created it."
    )
    fact_id: Mapped[int | None] = claim_fact_column()


class Actor(Base):
    """A country, a bloc or a region in the role of a party: a member, a trade reporter or
    partner, a signatory, a pledger."""

    __tablename__ = "actor"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN country_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN bloc_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN region_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="exactly_one_kind",
        ),
        {
            "comment": "Exactly one country, bloc or region; lets memberships, trade and "
            "agreements name any of them."
        },
    )

    id: Mapped[int] = id_column()
    country_id: Mapped[int | None] = mapped_column(
        ForeignKey("country.id", ondelete="CASCADE"),
        unique=True,
        comment="The country, if this actor is one.",
    )
    bloc_id: Mapped[int | None] = mapped_column(
        ForeignKey("bloc.id", ondelete="CASCADE"),
        unique=True,
        comment="The bloc, if this actor is one.",
    )
    region_id: Mapped[int | None] = mapped_column(
        ForeignKey("region.id", ondelete="CASCADE"),
        unique=True,
        comment="The region, if this actor is one.",
    )

    country: Mapped[Country | None] = relationship()
    bloc: Mapped[Bloc | None] = relationship()
    region: Mapped[Region | None] = relationship()


class Membership(Claim, Base):
    """An actor holding a role in a bloc over a closed interval of dates."""

    __tablename__ = "membership"
    __table_args__ = (
        *claim_checks("membership", "bloc_id", "actor_id", "role", "start_date"),
        *interval_checks(),
        *end_status_checks(),
        Index("ix_membership_bloc_id_role", "bloc_id", "role"),
        {
            "comment": "Who held which role (member, observer, dialogue partner, chair, …) in which bloc, when."
        },
    )

    id: Mapped[int] = id_column()
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"),
        index=True,
        comment="The member: a country, or a bloc (the EU in the G20).",
    )
    bloc_id: Mapped[int] = mapped_column(ForeignKey("bloc.id"), comment="The bloc.")
    role: Mapped[str] = vocabulary_reference(
        MembershipRole, "member, observer, candidate, dialogue_partner, strategic_partner, chair, …"
    )
    start_date: Mapped[date] = mapped_column(
        comment="First day in the role (first day of its period)."
    )
    start_date_precision: Mapped[str] = mapped_column(
        String(5), comment="Precision of start_date: day, month or year."
    )
    end_date: Mapped[date | None] = date_column(
        "Last day in the role (see end_status); NULL while ongoing or when the end is unknown."
    )
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    end_status: Mapped[str] = end_status_column()
    fact_id: Mapped[int | None] = claim_fact_column()

    actor: Mapped[Actor] = relationship()
    bloc: Mapped[Bloc] = relationship()


class DialogueCoordination(Claim, Base):
    """A member coordinating its bloc's relations with one partner (Indonesia for ASEAN–Russia)."""

    __tablename__ = "dialogue_coordination"
    __table_args__ = (
        *claim_checks("dialogue_coordination", "bloc_id", "partner_actor_id", "start_date"),
        *interval_checks(),
        *end_status_checks(),
        {
            "comment": "Country coordinators of a bloc's dialogue relations with a partner, over time."
        },
    )

    id: Mapped[int] = id_column()
    bloc_id: Mapped[int] = mapped_column(
        ForeignKey("bloc.id"), comment="The bloc whose relations are coordinated."
    )
    partner_actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), index=True, comment="The dialogue partner."
    )
    coordinator_country_id: Mapped[int] = mapped_column(
        ForeignKey("country.id"), index=True, comment="The member country coordinating."
    )
    start_date: Mapped[date] = mapped_column(
        comment="First day as coordinator (first day of its period)."
    )
    start_date_precision: Mapped[str] = mapped_column(
        String(5), comment="Precision of start_date: day, month or year."
    )
    end_date: Mapped[date | None] = date_column("Last day as coordinator; NULL while ongoing.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    end_status: Mapped[str] = end_status_column()
    fact_id: Mapped[int | None] = claim_fact_column()

    bloc: Mapped[Bloc] = relationship()
    partner: Mapped[Actor] = relationship()
    coordinator: Mapped[Country] = relationship()


class MemberList(Base):
    """What a source says of its list of a bloc's members in one role over a period: complete
    (every member is listed) or incomplete (listed as far as the source names them).

    `report members` says "9 listed, list incomplete" where a claim covering the day says so,
    or where none says the list is complete for a forum (a bloc without accession acts).
    """

    __tablename__ = "member_list"
    __table_args__ = (
        vocabulary_check("status", ListStatus),
        *interval_checks(),
        # NULLs are distinct in a unique constraint: the claims without a start have their own.
        UniqueConstraint("bloc_id", "role", "status", "start_date"),
        Index(
            "uq_member_list_bloc_id_role_status",
            "bloc_id",
            "role",
            "status",
            unique=True,
            sqlite_where=text("start_date IS NULL"),
            postgresql_where=text("start_date IS NULL"),
        ),
        {
            "comment": "Whether a source's list of a bloc's members (in a role) is complete "
            "over a period."
        },
    )

    id: Mapped[int] = id_column()
    bloc_id: Mapped[int] = mapped_column(
        ForeignKey("bloc.id", ondelete="CASCADE"), comment="The bloc whose list it is."
    )
    role: Mapped[str] = vocabulary_reference(
        MembershipRole, "The role listed: member, observer, … (see vocabulary)."
    )
    status: Mapped[str] = vocabulary_column("complete or incomplete.")
    start_date: Mapped[date | None] = date_column(
        "First day the statement covers; NULL: since the bloc's founding."
    )
    start_date_precision: Mapped[str | None] = precision_column("start_date")
    end_date: Mapped[date | None] = date_column("Last day it covers; NULL: still so.")
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    fact_id: Mapped[int] = fact_column()

    bloc: Mapped[Bloc] = relationship()
