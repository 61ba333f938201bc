"""The panels' built tables: what every load and import refreshes, so no read recomputes a cell.

A country-year row per state of a state list (COW or GW) and year; the dyad-year panel joins two
such rows with the parts kept per pair of countries (trade, shared memberships, meetings), so a
dyad of two countries costs the same whichever list it is read in. Nothing here is a claim:
each row is derived from the preferred claims of the day and names the releases it was read
from. The tables have no foreign keys on purpose: they are rebuilt inside the transaction that
changes what they are built from, after the change (panels.refresh).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bilateral_db.models.base import VOCABULARY_LENGTH, Base

_SOURCES = "Releases the values were read from (slugs, '; ' between), NULL without values."


def _actor(comment: str) -> Mapped[int]:
    return mapped_column(Integer, primary_key=True, comment=comment)


def _money(comment: str) -> Mapped[int | None]:
    return mapped_column(BigInteger, comment=f"{comment} In US cents; NULL: no figure.")


class PanelCountryYear(Base):
    """One row per state of a state list and year it was in the list."""

    __tablename__ = "panel_country_year"
    __table_args__ = (
        Index("ix_panel_country_year_actor_id_year", "actor_id", "year"),
        Index("ix_panel_country_year_system_year", "system", "year"),  # a year's pairs
        {
            "comment": "Country-year panel, built by every load and import (v_country_year reads it)."
        },
    )

    system: Mapped[str] = mapped_column(
        String(8), primary_key=True, comment="The state list: cow or gw."
    )
    code: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="The state's code in the list (COW ccode, GW gwcode)."
    )
    year: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Calendar year.")
    day: Mapped[date] = mapped_column(
        Date,
        comment="The day the code's country, memberships and envoys are read on: 1 July, or "
        "31 December, then 1 January, for a state in the list for part of the year.",
    )
    country_id: Mapped[int | None] = mapped_column(
        Integer, comment="The code's country on `day` (the crosswalk); NULL: none."
    )
    actor_id: Mapped[int | None] = mapped_column(Integer, comment="That country's actor.")
    iso: Mapped[str | None] = mapped_column(String(3), comment="That country's ISO code.")
    name: Mapped[str] = mapped_column(
        String(200), comment="That country's name, else the list's name of the state."
    )
    listed: Mapped[bool] = mapped_column(
        Boolean, comment="False past the list's coverage (a censored spell's later years)."
    )
    part_year: Mapped[bool] = mapped_column(
        Boolean,
        comment="The code is the country's for part of the year only and another code is the "
        "country's on 1 July: that code's row carries the country's values, this one none.",
    )
    list_source: Mapped[str] = mapped_column(String(120), comment="The state list's release.")
    bloc_memberships: Mapped[int | None] = mapped_column(
        Integer,
        comment="Blocs the country was a member of on `day` (preferred claims); NULL on days "
        "no imported membership data set covers the country (COW IGO: its rows of the state).",
    )
    memberships_source: Mapped[str | None] = mapped_column(Text, comment=_SOURCES)
    meetings: Mapped[int | None] = mapped_column(
        Integer, comment="Meetings in the year the country took part in or hosted."
    )
    meetings_source: Mapped[str | None] = mapped_column(Text, comment=_SOURCES)
    exports_usd_minor: Mapped[int | None] = _money("Exports to countries, summed.")
    exports_basis: Mapped[str | None] = mapped_column(
        String(VOCABULARY_LENGTH),
        comment="How exports were read: reported (by the country), mirror (the partners' "
        "reported imports from it), or mixed.",
    )
    imports_usd_minor: Mapped[int | None] = _money("Imports from countries, as reported, summed.")
    trade_source: Mapped[str | None] = mapped_column(Text, comment=_SOURCES)


class PanelDyadTrade(Base):
    """A country's annual goods trade with another, both ways, from the preferred figures."""

    __tablename__ = "panel_dyad_trade"
    __table_args__ = (
        {"comment": "Annual trade of a pair of countries in US dollars, built for the panels."},
    )

    # Keyed (actor1, year, actor2): a country's year is one range of the key, a pair's one row.
    actor1_id: Mapped[int] = _actor("The country whose trade this is (its actor).")
    year: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Calendar year.")
    actor2_id: Mapped[int] = _actor("Its partner (actor).")
    exports_usd_minor: Mapped[int | None] = _money("Exports of actor1 to actor2.")
    exports_basis: Mapped[str | None] = mapped_column(
        String(VOCABULARY_LENGTH),
        comment="reported (actor1's figure) or mirror (actor2's reported imports from actor1).",
    )
    imports_usd_minor: Mapped[int | None] = _money("Imports of actor1 from actor2, as reported.")
    total_usd_minor: Mapped[int | None] = _money("Trade of the two both ways.")
    total_basis: Mapped[str | None] = mapped_column(
        String(VOCABULARY_LENGTH),
        comment="reported (a figure of the total, by either side) or sum (exports + imports).",
    )
    qualifier: Mapped[str | None] = mapped_column(
        String(VOCABULARY_LENGTH),
        comment="A figure's qualifier other than exact (approximately, at_least, …); NULL: exact.",
    )
    imports_source: Mapped[str | None] = mapped_column(
        String(120), comment="The release of the imports figure."
    )
    exports_source: Mapped[str | None] = mapped_column(
        String(120), comment="The release of the exports figure (or of the mirror's)."
    )
    total_source: Mapped[str | None] = mapped_column(
        String(120), comment="The release of the total's figure, when a source states it."
    )


class PanelSharedMembership(Base):
    """Days over which two countries shared the same blocs' count, read from the same releases."""

    __tablename__ = "panel_shared_membership"
    __table_args__ = (
        {
            "comment": "Blocs two countries were both members of, as intervals of days, built "
            "for the panels."
        },
    )

    actor1_id: Mapped[int] = _actor("One country (actor), the lower id of the two.")
    actor2_id: Mapped[int] = _actor("The other (actor), the higher id.")
    starts_on: Mapped[date] = mapped_column(Date, primary_key=True, comment="First day.")
    ends_before: Mapped[date | None] = mapped_column(
        Date, comment="First day after the interval; NULL: open (no end known)."
    )
    blocs: Mapped[int] = mapped_column(Integer, comment="Blocs both were members of.")
    memberships_source: Mapped[str] = mapped_column(
        Text, comment="The releases of the memberships counted ('; ' between, in order)."
    )


class PanelDyadMeeting(Base):
    """Meetings of a year that two countries both took part in or hosted."""

    __tablename__ = "panel_dyad_meeting"
    __table_args__ = ({"comment": "Meetings of two countries per year, built for the panels."},)

    actor1_id: Mapped[int] = _actor("One country (actor).")
    actor2_id: Mapped[int] = _actor("The other (actor).")
    year: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Calendar year.")
    meetings: Mapped[int] = mapped_column(Integer, comment="Meetings both took part in or hosted.")
    visits: Mapped[int] = mapped_column(
        Integer,
        comment="Visits of actor1's officials to actor2 (meetings of a visit kind actor2 hosted).",
    )
    meetings_source: Mapped[str] = mapped_column(Text, comment=_SOURCES)


class PanelDyadEnvoy(Base):
    """Whether a country had a chief of mission accredited to another on 1 July of a year."""

    __tablename__ = "panel_dyad_envoy"
    __table_args__ = (
        {
            "comment": "A country's envoy to another on 1 July of each year its data know of such "
            "a post, built for the panels."
        },
    )

    actor1_id: Mapped[int] = _actor("The sending country (actor).")
    actor2_id: Mapped[int] = _actor("The country the envoy is accredited to (actor).")
    year: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Calendar year.")
    present: Mapped[bool] = mapped_column(
        Boolean,
        comment="A term (full, acting or ad interim) of a post of actor1's accredited to actor2 "
        "held on 1 July; false: the posts known were vacant that day.",
    )
    envoy_source: Mapped[str] = mapped_column(Text, comment=_SOURCES)
