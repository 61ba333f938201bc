"""The panels built: tables every load and import refreshes, read by the panel views.

The country-year and dyad-year views recomputed every cell on each read (a year of the dyad
panel took 20 s on PostgreSQL once COW Trade was imported; the full one did not finish on
SQLite), and mapped a COW code to a country on the state's last day of the year where the
importers use 1 July. Now the values are built by the writers into tables (bilateral_db/panels):
panel_country_year (a row per state-year, read on the crosswalk's day, a part-year code marked
and left without values), and, per pair of countries, panel_dyad_trade (imports as reported,
exports as reported or mirrored), panel_shared_membership (intervals of days with the number of
blocs both were members of), panel_dyad_meeting (with visits) and panel_dyad_envoy (a chief of
mission present on 1 July). The views read them, with each group of cells' sources. The tables are created empty; `bilateral-db db upgrade` builds them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

# Frozen: import nothing of bilateral_db. Views change by version files and
# op.replace_view(name, new=, old=) (alembic/ops.py, docs/migrations.md).

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = ("v_country_year", "v_country_year_gw", "v_dyad_year", "v_dyad_year_gw")


def upgrade() -> None:
    op.create_table(
        "panel_country_year",
        sa.Column(
            "system", sa.String(length=8), nullable=False, comment="The state list: cow or gw."
        ),
        sa.Column(
            "code",
            sa.Integer(),
            nullable=False,
            comment="The state's code in the list (COW ccode, GW gwcode).",
        ),
        sa.Column("year", sa.Integer(), nullable=False, comment="Calendar year."),
        sa.Column(
            "day",
            sa.Date(),
            nullable=False,
            comment="The day the code's country, memberships and envoys are read on: 1 July, or 31 December, then 1 January, for a state in the list for part of the year.",
        ),
        sa.Column(
            "country_id",
            sa.Integer(),
            nullable=True,
            comment="The code's country on `day` (the crosswalk); NULL: none.",
        ),
        sa.Column("actor_id", sa.Integer(), nullable=True, comment="That country's actor."),
        sa.Column("iso", sa.String(length=3), nullable=True, comment="That country's ISO code."),
        sa.Column(
            "name",
            sa.String(length=200),
            nullable=False,
            comment="That country's name, else the list's name of the state.",
        ),
        sa.Column(
            "listed",
            sa.Boolean(),
            nullable=False,
            comment="False past the list's coverage (a censored spell's later years).",
        ),
        sa.Column(
            "part_year",
            sa.Boolean(),
            nullable=False,
            comment="The code is the country's for part of the year only and another code is the country's on 1 July: that code's row carries the country's values, this one none.",
        ),
        sa.Column(
            "list_source",
            sa.String(length=120),
            nullable=False,
            comment="The state list's release.",
        ),
        sa.Column(
            "bloc_memberships",
            sa.Integer(),
            nullable=True,
            comment="Blocs the country was a member of on `day` (preferred claims); NULL on days no imported membership data set covers the country (COW IGO: its rows of the state).",
        ),
        sa.Column(
            "memberships_source",
            sa.Text(),
            nullable=True,
            comment="Releases the values were read from (slugs, '; ' between), NULL without values.",
        ),
        sa.Column(
            "meetings",
            sa.Integer(),
            nullable=True,
            comment="Meetings in the year the country took part in or hosted.",
        ),
        sa.Column(
            "meetings_source",
            sa.Text(),
            nullable=True,
            comment="Releases the values were read from (slugs, '; ' between), NULL without values.",
        ),
        sa.Column(
            "exports_usd_minor",
            sa.BigInteger(),
            nullable=True,
            comment="Exports to countries, summed. In US cents; NULL: no figure.",
        ),
        sa.Column(
            "exports_basis",
            sa.String(length=40),
            nullable=True,
            comment="How exports were read: reported (by the country), mirror (the partners' reported imports from it), or mixed.",
        ),
        sa.Column(
            "imports_usd_minor",
            sa.BigInteger(),
            nullable=True,
            comment="Imports from countries, as reported, summed. In US cents; NULL: no figure.",
        ),
        sa.Column(
            "trade_source",
            sa.Text(),
            nullable=True,
            comment="Releases the values were read from (slugs, '; ' between), NULL without values.",
        ),
        sa.PrimaryKeyConstraint("system", "code", "year", name=op.f("pk_panel_country_year")),
        comment="Country-year panel, built by every load and import (v_country_year reads it).",
    )
    with op.batch_alter_table("panel_country_year", schema=None) as batch_op:
        batch_op.create_index(
            "ix_panel_country_year_actor_id_year", ["actor_id", "year"], unique=False
        )
        batch_op.create_index("ix_panel_country_year_system_year", ["system", "year"], unique=False)

    op.create_table(
        "panel_dyad_meeting",
        sa.Column("actor1_id", sa.Integer(), nullable=False, comment="One country (actor)."),
        sa.Column("actor2_id", sa.Integer(), nullable=False, comment="The other (actor)."),
        sa.Column("year", sa.Integer(), nullable=False, comment="Calendar year."),
        sa.Column(
            "meetings",
            sa.Integer(),
            nullable=False,
            comment="Meetings both took part in or hosted.",
        ),
        sa.Column(
            "visits",
            sa.Integer(),
            nullable=False,
            comment="Visits of actor1's officials to actor2 (meetings of a visit kind actor2 hosted).",
        ),
        sa.Column(
            "meetings_source",
            sa.Text(),
            nullable=False,
            comment="Releases the values were read from (slugs, '; ' between), NULL without values.",
        ),
        sa.PrimaryKeyConstraint(
            "actor1_id", "actor2_id", "year", name=op.f("pk_panel_dyad_meeting")
        ),
        comment="Meetings of two countries per year, built for the panels.",
    )
    op.create_table(
        "panel_dyad_envoy",
        sa.Column(
            "actor1_id", sa.Integer(), nullable=False, comment="The sending country (actor)."
        ),
        sa.Column(
            "actor2_id",
            sa.Integer(),
            nullable=False,
            comment="The country the envoy is accredited to (actor).",
        ),
        sa.Column("year", sa.Integer(), nullable=False, comment="Calendar year."),
        sa.Column(
            "present",
            sa.Boolean(),
            nullable=False,
            comment="A term (full, acting or ad interim) of a post of actor1's accredited to actor2 held on 1 July; false: the posts known were vacant that day.",
        ),
        sa.Column(
            "envoy_source",
            sa.Text(),
            nullable=False,
            comment="Releases the values were read from (slugs, '; ' between), NULL without values.",
        ),
        sa.PrimaryKeyConstraint("actor1_id", "actor2_id", "year", name=op.f("pk_panel_dyad_envoy")),
        comment="A country's envoy to another on 1 July of each year its data know of such a post, built for the panels.",
    )
    op.create_table(
        "panel_dyad_trade",
        sa.Column(
            "actor1_id",
            sa.Integer(),
            nullable=False,
            comment="The country whose trade this is (its actor).",
        ),
        sa.Column("year", sa.Integer(), nullable=False, comment="Calendar year."),
        sa.Column("actor2_id", sa.Integer(), nullable=False, comment="Its partner (actor)."),
        sa.Column(
            "exports_usd_minor",
            sa.BigInteger(),
            nullable=True,
            comment="Exports of actor1 to actor2. In US cents; NULL: no figure.",
        ),
        sa.Column(
            "exports_basis",
            sa.String(length=40),
            nullable=True,
            comment="reported (actor1's figure) or mirror (actor2's reported imports from actor1).",
        ),
        sa.Column(
            "imports_usd_minor",
            sa.BigInteger(),
            nullable=True,
            comment="Imports of actor1 from actor2, as reported. In US cents; NULL: no figure.",
        ),
        sa.Column(
            "total_usd_minor",
            sa.BigInteger(),
            nullable=True,
            comment="Trade of the two both ways. In US cents; NULL: no figure.",
        ),
        sa.Column(
            "total_basis",
            sa.String(length=40),
            nullable=True,
            comment="reported (a figure of the total, by either side) or sum (exports + imports).",
        ),
        sa.Column(
            "qualifier",
            sa.String(length=40),
            nullable=True,
            comment="A figure's qualifier other than exact (approximately, at_least, …); NULL: exact.",
        ),
        sa.Column(
            "imports_source",
            sa.String(length=120),
            nullable=True,
            comment="The release of the imports figure.",
        ),
        sa.Column(
            "exports_source",
            sa.String(length=120),
            nullable=True,
            comment="The release of the exports figure (or of the mirror's).",
        ),
        sa.Column(
            "total_source",
            sa.String(length=120),
            nullable=True,
            comment="The release of the total's figure, when a source states it.",
        ),
        sa.PrimaryKeyConstraint("actor1_id", "year", "actor2_id", name=op.f("pk_panel_dyad_trade")),
        comment="Annual trade of a pair of countries in US dollars, built for the panels.",
    )
    op.create_table(
        "panel_shared_membership",
        sa.Column(
            "actor1_id",
            sa.Integer(),
            nullable=False,
            comment="One country (actor), the lower id of the two.",
        ),
        sa.Column(
            "actor2_id", sa.Integer(), nullable=False, comment="The other (actor), the higher id."
        ),
        sa.Column("starts_on", sa.Date(), nullable=False, comment="First day."),
        sa.Column(
            "ends_before",
            sa.Date(),
            nullable=True,
            comment="First day after the interval; NULL: open (no end known).",
        ),
        sa.Column("blocs", sa.Integer(), nullable=False, comment="Blocs both were members of."),
        sa.Column(
            "memberships_source",
            sa.Text(),
            nullable=False,
            comment="The releases of the memberships counted ('; ' between, in order).",
        ),
        sa.PrimaryKeyConstraint(
            "actor1_id",
            "actor2_id",
            "starts_on",
            name=op.f("pk_panel_shared_membership"),
        ),
        comment="Blocs two countries were both members of, as intervals of days, built for the panels.",
    )
    for view in VIEWS:
        op.replace_view(view, new="0009", old="0006")


def downgrade() -> None:
    for view in VIEWS:
        op.replace_view(view, new="0006", old="0009")
    op.drop_table("panel_shared_membership")
    op.drop_table("panel_dyad_trade")
    op.drop_table("panel_dyad_meeting")
    op.drop_table("panel_dyad_envoy")
    op.drop_table("panel_country_year")
