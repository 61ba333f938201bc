"""State-system lists (Correlates of War, Gleditsch–Ward): who counted as a state, when."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bilateral_db.core.vocabulary import StateSystem
from bilateral_db.models.base import (
    Base,
    date_column,
    end_status_checks,
    end_status_column,
    id_column,
    interval_checks,
    precision_column,
    vocabulary_check,
    vocabulary_column,
)


class SystemMembership(Base):
    """One spell of a state in a state-system list, as the list gives it (codes, not ISO).

    The list's codes map to countries through the dated crosswalk (country_code), so a spell
    is kept whole even where its code stands for different countries over time (COW 365 is
    Russia, then the USSR, then Russia) or for none the crosswalk knows.
    """

    __tablename__ = "system_membership"
    __table_args__ = (
        vocabulary_check("system", StateSystem),
        UniqueConstraint("release_id", "system", "code", "start_date"),
        *interval_checks(),
        *end_status_checks(),
        {
            "comment": "Spells of states in the COW and Gleditsch-Ward state lists, by their own codes, as each release gives them."
        },
    )

    id: Mapped[int] = id_column()
    release_id: Mapped[int] = mapped_column(
        ForeignKey("release.id", ondelete="CASCADE"), comment="The release of the list."
    )
    system: Mapped[str] = vocabulary_column("cow or gw.")
    code: Mapped[int] = mapped_column(
        Integer, comment="The state's code in that list (COW ccode, GW gwcode)."
    )
    abbreviation: Mapped[str | None] = mapped_column(
        String(8), comment="The list's abbreviation, e.g. RUS, GMY."
    )
    name: Mapped[str] = mapped_column(String(200), comment="The state's name in the list.")
    start_date: Mapped[date] = mapped_column(comment="First day in the list.")
    start_date_precision: Mapped[str] = mapped_column(
        String(5), comment="Precision of start_date: day, month or year."
    )
    end_date: Mapped[date | None] = date_column(
        "Last day in the list; with end_status censored, the list's edge (still a member then)."
    )
    end_date_precision: Mapped[str | None] = precision_column("end_date")
    end_status: Mapped[str] = end_status_column()
