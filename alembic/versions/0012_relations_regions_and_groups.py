"""Diplomatic relations and recognition, regions as actors, agreement parties as a group.

Panama switched recognition from Taipei to Beijing on 2017-06-13: `diplomatic_relation` holds
such dated relations between two actors, diplomatic relations (symmetric) or recognition (the
first recognises the second), each cited, with an optional start (a source may give only the
end). `region` and `region_part` hold partners that are parts of the world rather than
organisations ("trade with Africa"; Comtrade's World and areas not elsewhere specified) with
the composition a source states; an actor is now a country, a bloc or a region. An agreement's
party may be a bloc's members as a group (`agreement_party.as_group`: "the Member States of
ASEAN"), not the bloc itself.

Every row kept is unchanged: actors keep their country or bloc, parties are not groups, and the
list of tables a fact may belong to (fact.entity's CHECK) grows by the three new tables. SQLite
rebuilds `fact`, `actor` and `agreement_party`, which it refuses while a view names them, so
every view is dropped first and created again; v_trade at 0012 names regions as reporters and
partners.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every view at 0011, readers last: dropped, then created at these versions.
VIEWS_BEFORE = {
    "v_membership": "0003",
    "v_meeting_participant": "0003",
    "v_trade": "0005",
    "v_claim": "0006",
    "v_term": "0006",
    "v_country_year": "0009",
    "v_country_year_gw": "0009",
    "v_dyad_year": "0009",
    "v_dyad_year_gw": "0009",
}
VIEWS_AFTER = {**VIEWS_BEFORE, "v_trade": "0012"}
FACT_ENTITIES_BEFORE = (
    "country",
    "country_code",
    "bloc",
    "body",
    "membership",
    "dialogue_coordination",
    "person",
    "term",
    "meeting",
    "participant",
    "meeting_topic",
    "relation_topic",
    "agreement",
    "agreement_topic",
    "progress_statement",
    "trade_figure",
    "trade_reported_change",
    "country_name",
    "bloc_name",
    "post_title",
    "bloc_succession",
    "member_list",
    "meeting_series",
    "meeting_in_series",
    "pledge",
)
NEW_TABLES = ("region", "region_part", "diplomatic_relation")
FACT_ENTITIES_AFTER = (*FACT_ENTITIES_BEFORE, *NEW_TABLES)
AS_GROUP = (
    'True where the source gives the parties as a group ("the Member States of ASEAN"): '
    "the bloc's members on the day signed, not the bloc itself."
)
ACTOR_BEFORE = (
    "Exactly one country or one bloc; lets memberships, trade and agreements name either."
)
ACTOR_AFTER = (
    "Exactly one country, bloc or region; lets memberships, trade and agreements name any of them."
)
ONE_OF_TWO = "(country_id IS NULL) <> (bloc_id IS NULL)"
ONE_OF_THREE = (
    "(CASE WHEN country_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN bloc_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN region_id IS NULL THEN 0 ELSE 1 END) = 1"
)


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _fact_entities(values: Sequence[str]) -> None:
    with op.batch_alter_table("fact") as batch_op:
        batch_op.drop_constraint(op.f("ck_fact_entity_vocabulary"), type_="check")
        batch_op.create_check_constraint(op.f("ck_fact_entity_vocabulary"), _in("entity", values))


def _create_tables() -> None:
    op.create_table(
        "region",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "code",
            sa.String(length=40),
            nullable=False,
            comment="Our stable code, upper case, e.g. AFRICA.",
        ),
        sa.Column("name", sa.String(length=200), nullable=False, comment="English name."),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="geographic, world, area_nes, special, territory, combination (see vocabulary).",
        ),
        sa.Column(
            "m49_code",
            sa.String(length=3),
            nullable=True,
            comment="UN M49 area code where the region is one (Africa 002).",
        ),
        sa.Column(
            "description",
            sa.Text(),
            nullable=True,
            comment="What the region covers as its source draws it.",
        ),
        sa.Column(
            "release_id",
            sa.Integer(),
            server_default=sa.text("1"),
            nullable=False,
            comment="Who defined the region: 1 the curated fixtures, else the data-set release that created it.",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=True,
            comment="The fact this row states, with its sources in citation; NULL for rows of an imported release, whose source is the release.",
        ),
        sa.CheckConstraint(
            "kind IN ('geographic', 'world', 'area_nes', 'special', 'territory', 'combination')",
            name=op.f("ck_region_kind_vocabulary"),
        ),
        sa.CheckConstraint("code = upper(code)", name=op.f("ck_region_code_upper")),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_region_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_region_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region")),
        sa.UniqueConstraint("code", name=op.f("uq_region_code")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_region_fact_id")),
        comment="Regions: partners that are parts of the world, not organisations.",
    )
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_region_release_id"), ["release_id"], unique=False)
    op.create_table(
        "region_part",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("region_id", sa.Integer(), nullable=False, comment="The region."),
        sa.Column(
            "country_id", sa.Integer(), nullable=False, comment="A country the region includes."
        ),
        sa.Column(
            "start_date",
            sa.Date(),
            nullable=True,
            comment="First day it is counted in the region; NULL: as far back as the source goes.",
        ),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of start_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "end_date", sa.Date(), nullable=True, comment="Last day it is counted; NULL: still so."
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of end_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "end_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_region_part_end_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "start_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_region_part_start_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_date IS NULL AND end_date_precision IS NULL) OR (end_date IS NOT NULL AND end_date_precision IS NOT NULL)",
            name=op.f("ck_region_part_end_date_precision_present"),
        ),
        sa.CheckConstraint(
            "(start_date IS NULL AND start_date_precision IS NULL) OR (start_date IS NOT NULL AND start_date_precision IS NOT NULL)",
            name=op.f("ck_region_part_start_date_precision_present"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_region_part_end_date_not_before_start_date"),
        ),
        sa.ForeignKeyConstraint(
            ["country_id"], ["country.id"], name=op.f("fk_region_part_country_id_country")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_region_part_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["region.id"],
            name=op.f("fk_region_part_region_id_region"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region_part")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_region_part_fact_id")),
        sa.UniqueConstraint(
            "region_id",
            "country_id",
            "start_date",
            name=op.f("uq_region_part_region_id_country_id_start_date"),
        ),
        comment="Which countries a region is made of, as a source states it, over time.",
    )
    with op.batch_alter_table("region_part", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_region_part_country_id"), ["country_id"], unique=False)
        batch_op.create_index(
            "uq_region_part_region_id_country_id",
            ["region_id", "country_id"],
            unique=True,
            sqlite_where=sa.text("start_date IS NULL"),
            postgresql_where=sa.text("start_date IS NULL"),
        )
    op.create_table(
        "diplomatic_relation",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="diplomatic_relations or recognition.",
        ),
        sa.Column(
            "actor_id",
            sa.Integer(),
            nullable=False,
            comment="One side; for recognition, the actor that recognises.",
        ),
        sa.Column(
            "partner_actor_id",
            sa.Integer(),
            nullable=False,
            comment="The other side; for recognition, the actor recognised.",
        ),
        sa.Column(
            "start_date",
            sa.Date(),
            nullable=True,
            comment="First day of the relation (first day of its period); NULL where no source gives one.",
        ),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of start_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "end_date",
            sa.Date(),
            nullable=True,
            comment="Last day of the relation (see end_status); NULL while it lasts or when unknown.",
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of end_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "end_status",
            sa.String(length=10),
            nullable=False,
            comment="ended, ongoing, censored (end_date is where the source stopped looking: unknown after it) or unknown (ended on a day the source does not give).",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "(end_status IN ('ended', 'censored')) = (end_date IS NOT NULL)",
            name=op.f("ck_diplomatic_relation_end_status_matches_end"),
        ),
        sa.CheckConstraint(
            "end_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_diplomatic_relation_end_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "end_status IN ('ended', 'ongoing', 'censored', 'unknown')",
            name=op.f("ck_diplomatic_relation_end_status_vocabulary"),
        ),
        sa.CheckConstraint(
            "kind IN ('diplomatic_relations', 'recognition')",
            name=op.f("ck_diplomatic_relation_kind_vocabulary"),
        ),
        sa.CheckConstraint(
            "start_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_diplomatic_relation_start_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_date IS NULL AND end_date_precision IS NULL) OR (end_date IS NOT NULL AND end_date_precision IS NOT NULL)",
            name=op.f("ck_diplomatic_relation_end_date_precision_present"),
        ),
        sa.CheckConstraint(
            "(start_date IS NULL AND start_date_precision IS NULL) OR (start_date IS NOT NULL AND start_date_precision IS NOT NULL)",
            name=op.f("ck_diplomatic_relation_start_date_precision_present"),
        ),
        sa.CheckConstraint(
            "actor_id <> partner_actor_id", name=op.f("ck_diplomatic_relation_two_actors")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_diplomatic_relation_end_date_not_before_start_date"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_diplomatic_relation_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_diplomatic_relation_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_actor_id"],
            ["actor.id"],
            name=op.f("fk_diplomatic_relation_partner_actor_id_actor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diplomatic_relation")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_diplomatic_relation_fact_id")),
        sa.UniqueConstraint(
            "kind",
            "actor_id",
            "partner_actor_id",
            "start_date",
            name=op.f("uq_diplomatic_relation_kind_pair_start_date"),
        ),
        comment="Diplomatic relations and recognition between two actors, dated: established, severed, switched.",
    )
    with op.batch_alter_table("diplomatic_relation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_diplomatic_relation_partner_actor_id"),
            ["partner_actor_id"],
            unique=False,
        )
        batch_op.create_index(
            "uq_diplomatic_relation_kind_actor_id_partner_actor_id",
            ["kind", "actor_id", "partner_actor_id"],
            unique=True,
            sqlite_where=sa.text("start_date IS NULL"),
            postgresql_where=sa.text("start_date IS NULL"),
        )


def upgrade() -> None:
    for name, version in reversed(VIEWS_BEFORE.items()):
        op.drop_view(name, version)
    _fact_entities(FACT_ENTITIES_AFTER)
    _create_tables()
    with op.batch_alter_table("actor") as batch_op:
        batch_op.add_column(
            sa.Column(
                "region_id",
                sa.Integer(),
                nullable=True,
                comment="The region, if this actor is one.",
            )
        )
        batch_op.drop_constraint(op.f("ck_actor_exactly_one_of_country_or_bloc"), type_="check")
        batch_op.create_check_constraint(op.f("ck_actor_exactly_one_kind"), ONE_OF_THREE)
        batch_op.create_table_comment(ACTOR_AFTER, existing_comment=ACTOR_BEFORE)
        batch_op.create_unique_constraint(op.f("uq_actor_region_id"), ["region_id"])
        batch_op.create_foreign_key(
            op.f("fk_actor_region_id_region"), "region", ["region_id"], ["id"], ondelete="CASCADE"
        )
    with op.batch_alter_table("agreement_party") as batch_op:
        batch_op.add_column(
            sa.Column(
                "as_group",
                sa.Boolean(),
                server_default=sa.false(),
                nullable=False,
                comment=AS_GROUP,
            )
        )
    for name, version in VIEWS_AFTER.items():
        op.create_view(name, version)


def downgrade() -> None:
    for name, version in reversed(VIEWS_AFTER.items()):
        op.drop_view(name, version)
    bind = op.get_bind()
    # A region's actor goes with every row that names it (its trade figures, pledges, …): the
    # schema before 0012 has no place for them. The tables are found, not listed.
    regions = "SELECT id FROM actor WHERE region_id IS NOT NULL"
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        for key in inspector.get_foreign_keys(table):
            if key["referred_table"] == "actor" and table != "actor":
                for column in key["constrained_columns"]:
                    op.execute(f"DELETE FROM {table} WHERE {column} IN ({regions})")
    op.execute("DELETE FROM actor WHERE region_id IS NOT NULL")
    with op.batch_alter_table("agreement_party") as batch_op:
        batch_op.drop_column("as_group")
    with op.batch_alter_table("actor") as batch_op:
        batch_op.drop_constraint(op.f("fk_actor_region_id_region"), type_="foreignkey")
        batch_op.drop_constraint(op.f("uq_actor_region_id"), type_="unique")
        batch_op.drop_constraint(op.f("ck_actor_exactly_one_kind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_actor_exactly_one_of_country_or_bloc"), ONE_OF_TWO
        )
        batch_op.drop_column("region_id")
        batch_op.create_table_comment(ACTOR_BEFORE, existing_comment=ACTOR_AFTER)
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
    # The facts the dropped rows stated go with them: no fact is left without its row.
    op.execute(f"DELETE FROM fact WHERE {_in('entity', NEW_TABLES)}")
    _fact_entities(FACT_ENTITIES_BEFORE)
    for name, version in VIEWS_BEFORE.items():
        op.create_view(name, version)
