"""Agreements (plans, treaties, declarations), their parties and dated progress statements."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilateral_db.core.vocabulary import AgreementKind, Qualifier
from bilateral_db.models.base import (
    Base,
    date_column,
    dated_checks,
    fact_column,
    id_column,
    interval_checks,
    precision_column,
    vocabulary_check,
    vocabulary_column,
    vocabulary_reference,
)
from bilateral_db.models.blocs import Actor, Bloc
from bilateral_db.models.countries import City
from bilateral_db.models.meetings import Meeting
from bilateral_db.models.officials import SLUG_CHECK, Person


class Agreement(Base):
    """A plan, treaty or declaration, with the period it covers."""

    __tablename__ = "agreement"
    __table_args__ = (
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        *dated_checks("signed_on", "in_force_on"),
        *interval_checks("covers_from", "covers_until"),
        {"comment": "Agreements, plans of action, treaties and declarations."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(120), unique=True, comment="Natural key, e.g. asean-russia-cpa-2016-2020."
    )
    title: Mapped[str] = mapped_column(Text, comment="Full title.")
    kind: Mapped[str] = vocabulary_reference(
        AgreementKind, "treaty, charter, declaration, plan_of_action, …"
    )
    signed_on: Mapped[date | None] = date_column("Date signed or adopted.")
    signed_on_precision: Mapped[str | None] = precision_column("signed_on")
    signed_city_id: Mapped[int | None] = mapped_column(
        ForeignKey("city.id"), index=True, comment="City where it was signed, where known."
    )
    in_force_on: Mapped[date | None] = date_column(
        "Day it entered into force (first day of its period); NULL if not given or never."
    )
    in_force_on_precision: Mapped[str | None] = precision_column("in_force_on")
    covers_from: Mapped[date | None] = date_column(
        "First day of the period it covers (plans), if any."
    )
    covers_from_precision: Mapped[str | None] = precision_column("covers_from")
    covers_until: Mapped[date | None] = date_column(
        "Last day of the period it covers (first day of that period, with precision)."
    )
    covers_until_precision: Mapped[str | None] = precision_column("covers_until")
    adopted_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id"), index=True, comment="Meeting where it was signed or adopted."
    )
    founds_bloc_id: Mapped[int | None] = mapped_column(
        ForeignKey("bloc.id"), unique=True, comment="The bloc this is the founding document of."
    )
    wikidata_id: Mapped[str | None] = mapped_column(
        String(20), unique=True, comment="Wikidata item."
    )
    fact_id: Mapped[int] = fact_column()

    adopted_at: Mapped[Meeting | None] = relationship()
    signed_city: Mapped[City | None] = relationship()
    founds_bloc: Mapped[Bloc | None] = relationship()
    parties: Mapped[list[AgreementParty]] = relationship(back_populates="agreement")
    progress: Mapped[list[ProgressStatement]] = relationship(back_populates="agreement")


class AgreementParty(Base):
    """A country or bloc that is party to an agreement (cited with the agreement), or a bloc's
    members as a group where the source lists no names ("all member states")."""

    __tablename__ = "agreement_party"
    __table_args__ = ({"comment": "Parties to agreements."},)

    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True, comment="The agreement."
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), primary_key=True, index=True, comment="The party."
    )
    as_group: Mapped[bool] = mapped_column(
        Boolean,
        server_default=false(),
        comment='True where the source gives the parties as a group ("the Member States of '
        "ASEAN\"): the bloc's members on the day signed, not the bloc itself.",
    )

    agreement: Mapped[Agreement] = relationship(back_populates="parties")
    actor: Mapped[Actor] = relationship()


class ProgressStatement(Base):
    """A dated claim about how far an agreement has been carried out; claims may conflict."""

    __tablename__ = "progress_statement"
    __table_args__ = (
        vocabulary_check("qualifier", Qualifier),
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        *dated_checks("stated_on"),
        CheckConstraint(
            "share_basis_points IS NOT NULL OR (achieved_count IS NOT NULL AND total_count IS NOT NULL)",
            name="has_measure",
        ),
        CheckConstraint(
            "share_basis_points IS NULL OR share_basis_points BETWEEN 0 AND 10000",
            name="share_in_range",
        ),
        CheckConstraint(
            "total_count IS NULL OR (total_count > 0 AND achieved_count BETWEEN 0 AND total_count)",
            name="counts_in_range",
        ),
        {"comment": "Progress claims about agreements: who said how much was achieved, when."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(160),
        unique=True,
        comment="Natural key: conflicting claims on one day need names of their own.",
    )
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True, comment="The agreement."
    )
    stated_on: Mapped[date] = mapped_column(comment="When the claim was made.")
    stated_on_precision: Mapped[str] = mapped_column(String(5), comment="Precision of stated_on.")
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id"), index=True, comment="Who made the claim, if a person."
    )
    share_basis_points: Mapped[int | None] = mapped_column(
        Integer, comment="Share achieved in hundredths of a percent (6000 = 60%), as stated."
    )
    achieved_count: Mapped[int | None] = mapped_column(
        Integer, comment="Items achieved (79 of 139 action lines), as stated."
    )
    total_count: Mapped[int | None] = mapped_column(Integer, comment="Items in total.")
    pledge_id: Mapped[int | None] = mapped_column(
        ForeignKey("pledge.id"), index=True, comment="The pledge the claim is about, if one."
    )
    unit: Mapped[str | None] = mapped_column(
        String(80), comment="What was counted, e.g. action lines."
    )
    qualifier: Mapped[str] = vocabulary_column(
        "exact, approximately, more_than, … as the source qualifies it."
    )
    statement: Mapped[str | None] = mapped_column(Text, comment="The claim in the source's words.")
    fact_id: Mapped[int] = fact_column()

    agreement: Mapped[Agreement] = relationship(back_populates="progress")
    speaker: Mapped[Person | None] = relationship()
    pledge: Mapped[Pledge | None] = relationship()


class Pledge(Base):
    """A commitment an actor makes (Japan's approx. USD 30 billion for Africa over 2016-2018,
    at TICAD VI): an amount as the source qualifies it, the period it covers, the meeting and
    agreement it was made at or in, and the pledges it is made of."""

    __tablename__ = "pledge"
    __table_args__ = (
        vocabulary_check("qualifier", Qualifier),
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        *dated_checks("made_on"),
        *interval_checks("covers_from", "covers_until"),
        CheckConstraint(
            "amount_minor IS NULL OR currency_code IS NOT NULL", name="amount_has_currency"
        ),
        CheckConstraint("amount_minor IS NULL OR amount_minor >= 0", name="amount_not_negative"),
        CheckConstraint(
            "amount_high_minor IS NULL OR (amount_minor IS NOT NULL "
            "AND amount_high_minor > amount_minor)",
            name="amount_high_above_low",
        ),
        CheckConstraint("part_of_id IS NULL OR part_of_id <> id", name="not_part_of_itself"),
        {"comment": "Pledges and commitments: who promised how much, for what period, where."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        String(160), unique=True, comment="Natural key, e.g. japan-ticad-vi-africa-2016-2018."
    )
    pledger_actor_id: Mapped[int] = mapped_column(
        ForeignKey("actor.id"), index=True, comment="Who made the pledge (country or bloc)."
    )
    made_on: Mapped[date | None] = date_column("Day it was made (first day of its period).")
    made_on_precision: Mapped[str | None] = precision_column("made_on")
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id"), index=True, comment="Meeting where it was made, if any."
    )
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement.id"), index=True, comment="Agreement it was made in, if any."
    )
    part_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("pledge.id"), index=True, comment="The pledge this one is a part of."
    )
    amount_minor: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="Amount in minor units of the currency (cents for USD); the low end of a range.",
    )
    amount_high_minor: Mapped[int | None] = mapped_column(
        BigInteger, comment="Upper end when the source gives a range."
    )
    currency_code: Mapped[str | None] = mapped_column(
        ForeignKey("currency.code"), comment="ISO 4217 currency of amount_minor."
    )
    qualifier: Mapped[str] = vocabulary_column(
        "exact, approximately, at_least, … as the source qualifies the amount."
    )
    covers_from: Mapped[date | None] = date_column("First day of the period it covers, if any.")
    covers_from_precision: Mapped[str | None] = precision_column("covers_from")
    covers_until: Mapped[date | None] = date_column(
        "Last day of the period it covers (first day of that period, with precision)."
    )
    covers_until_precision: Mapped[str | None] = precision_column("covers_until")
    statement: Mapped[str | None] = mapped_column(Text, comment="The pledge in the source's words.")
    fact_id: Mapped[int] = fact_column()

    pledger: Mapped[Actor] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    agreement: Mapped[Agreement | None] = relationship()
    part_of: Mapped[Pledge | None] = relationship(remote_side="Pledge.id")
