"""Dated names of countries, blocs and posts; blocs that succeed blocs; member lists' completeness;
meeting series, status and invitations; agreements' entry into force and place of signing.

Names change: Burma became Myanmar (1989-06-18), Macedonia North Macedonia (2019-02-12), the
European Economic Community the European Community (1993-11-01); a post's title changes with
its ministry. `country_name`, `bloc_name` and `post_title` hold what a source says a name was
over a closed interval (either end may be unknown), cited like every fact; answers use the
name of the day they are about and fall back to the row's own name.

Blocs succeed blocs: the WTO replaced GATT on 1995-01-01, the SCO the Shanghai Five on
2001-06-15, the EU absorbed the EC on 2009-12-01. `bloc_succession` holds the dated relation
(predecessor, successor, day, kind: renamed, replaced, merged), which reports follow when
asked (`report members SCO --lineage`).

A source may say that its list of a bloc's members (in a role) is complete over a period, or
not: `member_list` holds those statements (complete, incomplete), cited, so that `report
members` says "9 listed, list incomplete" instead of presenting a partial list as whole.

Meetings belong to series (`meeting_series`; `meeting_in_series` numbers a meeting in each of
its series, so a ministerial conference that was also a first summit is both); `meeting.ordinal`
stays for the files that write it. A meeting has a status as a source says it (held,
postponed, cancelled; NULL where none says), and a participant the day it was invited.

An agreement carries the day it entered into force (the ASEAN Charter: signed 2007-11-20, in
force 2008-12-15) and the city where it was signed.

Nothing existing changes but the list of tables a fact may belong to (fact.entity's CHECK) and
the new columns of meeting, participant and agreement, empty in every row kept.
SQLite rebuilds `fact` to change a CHECK, which it refuses while a view names the table, so
every view is dropped first and created again at the version it had.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every view at 0008, readers last: dropped and created again at the same version.
VIEWS = {
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
)
NEW_FACT_ENTITIES = (
    "country_name",
    "bloc_name",
    "post_title",
    "bloc_succession",
    "member_list",
    "meeting_series",
    "meeting_in_series",
)
FACT_ENTITIES_AFTER = (*FACT_ENTITIES_BEFORE, *NEW_FACT_ENTITIES)
SUCCESSION_KINDS = ("renamed", "replaced", "merged")
LIST_STATUSES = ("complete", "incomplete")
MEETING_STATUSES = ("held", "postponed", "cancelled")
ORDINAL_BEFORE = "Number in its series: 52 for the 52nd AMM."
ORDINAL_AFTER = (
    "Number in its series: 52 for the 52nd AMM (a meeting in several series has its ordinals "
    "in meeting_in_series)."
)
# The membership roles of 0008 (ck_membership_role_vocabulary), which a list is of.
ROLES = (
    "member",
    "associate_member",
    "observer",
    "candidate",
    "applicant",
    "suspended",
    "dialogue_partner",
    "sectoral_dialogue_partner",
    "development_partner",
    "strategic_partner",
    "comprehensive_strategic_partner",
    "chair",
)
PRECISIONS = ("day", "month", "year")
PRECISION_COMMENT = "Precision of {}: day, month or year (the date is the period's first day)."
FACT_COMMENT = "The fact this row states; its sources are in citation."
# table -> (owner column, owner table, what is named, owner comment, table comment, beginning)
NAMES = {
    "country_name": (
        "country_id",
        "country",
        "name",
        "The country named.",
        "Dated names of countries: the name an answer about a day uses.",
        "since the country's beginning",
    ),
    "bloc_name": (
        "bloc_id",
        "bloc",
        "name",
        "The bloc named.",
        "Dated names of blocs: the name an answer about a day uses.",
        "since the bloc's founding",
    ),
    "post_title": (
        "post_id",
        "post",
        "title",
        "The post titled.",
        "Dated titles of posts: the title an answer about a day uses.",
        "since the post's beginning",
    ),
}


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _dated(table: str, name: str) -> list[sa.CheckConstraint]:
    precision = f"{name}_precision"
    return [
        sa.CheckConstraint(
            _in(precision, PRECISIONS), name=op.f(f"ck_{table}_{precision}_vocabulary")
        ),
        sa.CheckConstraint(
            f"({name} IS NULL AND {precision} IS NULL) "
            f"OR ({name} IS NOT NULL AND {precision} IS NOT NULL)",
            name=op.f(f"ck_{table}_{precision}_present"),
        ),
    ]


def _create_name_table(table: str) -> None:
    owner, owner_table, what, owner_comment, comment, beginning = NAMES[table]
    op.create_table(
        table,
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(owner, sa.Integer(), nullable=False, comment=owner_comment),
        sa.Column(
            "name",
            sa.String(length=200),
            nullable=False,
            comment=f"The {what}, as the source writes it.",
        ),
        sa.Column(
            "start_date",
            sa.Date(),
            nullable=True,
            comment=f"First day of the {what}; NULL: {beginning}, or not given.",
        ),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=True,
            comment=PRECISION_COMMENT.format("start_date"),
        ),
        sa.Column(
            "end_date",
            sa.Date(),
            nullable=True,
            comment=f"Last day of the {what}; NULL while in use.",
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment=PRECISION_COMMENT.format("end_date"),
        ),
        sa.Column("fact_id", sa.Integer(), nullable=False, comment=FACT_COMMENT),
        *_dated(table, "end_date"),
        sa.CheckConstraint("name <> ''", name=op.f(f"ck_{table}_name_present")),
        *_dated(table, "start_date"),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f(f"ck_{table}_end_date_not_before_start_date"),
        ),
        sa.ForeignKeyConstraint(
            [owner],
            [f"{owner_table}.id"],
            name=op.f(f"fk_{table}_{owner}_{owner_table}"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f(f"fk_{table}_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint(
            owner, "name", "start_date", name=op.f(f"uq_{table}_{owner}_name_start_date")
        ),
        sa.UniqueConstraint("fact_id", name=op.f(f"uq_{table}_fact_id")),
        comment=comment,
    )
    # NULLs are distinct in a unique constraint: the names without a start have their own.
    op.create_index(
        f"uq_{table}_{owner}_name",
        table,
        [owner, "name"],
        unique=True,
        sqlite_where=sa.text("start_date IS NULL"),
        postgresql_where=sa.text("start_date IS NULL"),
    )


def _create_succession() -> None:
    op.create_table(
        "bloc_succession",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "predecessor_bloc_id", sa.Integer(), nullable=False, comment="The bloc succeeded."
        ),
        sa.Column(
            "successor_bloc_id",
            sa.Integer(),
            nullable=False,
            comment="The bloc that succeeded it.",
        ),
        sa.Column(
            "succeeded_on",
            sa.Date(),
            nullable=False,
            comment="First day of the successor's part of the line (first day of its period).",
        ),
        sa.Column(
            "succeeded_on_precision",
            sa.String(length=5),
            nullable=False,
            comment="Precision of succeeded_on: day, month or year.",
        ),
        sa.Column(
            "kind", sa.String(length=40), nullable=False, comment="renamed, replaced or merged."
        ),
        sa.Column("fact_id", sa.Integer(), nullable=False, comment=FACT_COMMENT),
        sa.CheckConstraint(
            _in("kind", SUCCESSION_KINDS), name=op.f("ck_bloc_succession_kind_vocabulary")
        ),
        *_dated("bloc_succession", "succeeded_on"),
        sa.CheckConstraint(
            "predecessor_bloc_id <> successor_bloc_id",
            name=op.f("ck_bloc_succession_distinct_blocs"),
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_bloc_succession_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["predecessor_bloc_id"],
            ["bloc.id"],
            name=op.f("fk_bloc_succession_predecessor_bloc_id_bloc"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["successor_bloc_id"],
            ["bloc.id"],
            name=op.f("fk_bloc_succession_successor_bloc_id_bloc"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bloc_succession")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_bloc_succession_fact_id")),
        sa.UniqueConstraint(
            "predecessor_bloc_id",
            "successor_bloc_id",
            name=op.f("uq_bloc_succession_predecessor_bloc_id_successor_bloc_id"),
        ),
        comment="Blocs that succeed blocs (GATT -> WTO, the Shanghai Five -> SCO): reports "
        "follow the line when asked.",
    )
    op.create_index(
        op.f("ix_bloc_succession_successor_bloc_id"),
        "bloc_succession",
        ["successor_bloc_id"],
        unique=False,
    )


def _create_member_list() -> None:
    op.create_table(
        "member_list",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("bloc_id", sa.Integer(), nullable=False, comment="The bloc whose list it is."),
        sa.Column(
            "role",
            sa.String(length=40),
            nullable=False,
            comment="The role listed: member, observer, … (see vocabulary).",
        ),
        sa.Column(
            "status", sa.String(length=40), nullable=False, comment="complete or incomplete."
        ),
        sa.Column(
            "start_date",
            sa.Date(),
            nullable=True,
            comment="First day the statement covers; NULL: since the bloc's founding.",
        ),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=True,
            comment=PRECISION_COMMENT.format("start_date"),
        ),
        sa.Column(
            "end_date", sa.Date(), nullable=True, comment="Last day it covers; NULL: still so."
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment=PRECISION_COMMENT.format("end_date"),
        ),
        sa.Column("fact_id", sa.Integer(), nullable=False, comment=FACT_COMMENT),
        *_dated("member_list", "end_date"),
        sa.CheckConstraint(_in("role", ROLES), name=op.f("ck_member_list_role_vocabulary")),
        *_dated("member_list", "start_date"),
        sa.CheckConstraint(
            _in("status", LIST_STATUSES), name=op.f("ck_member_list_status_vocabulary")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_member_list_end_date_not_before_start_date"),
        ),
        sa.ForeignKeyConstraint(
            ["bloc_id"], ["bloc.id"], name=op.f("fk_member_list_bloc_id_bloc"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_member_list_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_list")),
        sa.UniqueConstraint(
            "bloc_id",
            "role",
            "status",
            "start_date",
            name=op.f("uq_member_list_bloc_id_role_status_start_date"),
        ),
        sa.UniqueConstraint("fact_id", name=op.f("uq_member_list_fact_id")),
        comment="Whether a source's list of a bloc's members (in a role) is complete over a "
        "period.",
    )
    # NULLs are distinct in a unique constraint: the claims without a start have their own.
    op.create_index(
        "uq_member_list_bloc_id_role_status",
        "member_list",
        ["bloc_id", "role", "status"],
        unique=True,
        sqlite_where=sa.text("start_date IS NULL"),
        postgresql_where=sa.text("start_date IS NULL"),
    )


def _create_series() -> None:
    op.create_table(
        "meeting_series",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "slug",
            sa.String(length=120),
            nullable=False,
            comment="Natural key, e.g. asean-russia-summit.",
        ),
        sa.Column(
            "name", sa.String(length=300), nullable=False, comment="Name as used in the sources."
        ),
        sa.Column(
            "bloc_id", sa.Integer(), nullable=True, comment="The bloc that organises it, if any."
        ),
        sa.Column("fact_id", sa.Integer(), nullable=False, comment=FACT_COMMENT),
        sa.CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'",
            name=op.f("ck_meeting_series_slug_format"),
        ),
        sa.ForeignKeyConstraint(
            ["bloc_id"], ["bloc.id"], name=op.f("fk_meeting_series_bloc_id_bloc")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_meeting_series_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_series")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_series_fact_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_meeting_series_slug")),
        comment="Series of meetings, each meeting numbered in it (meeting_in_series).",
    )
    op.create_index(op.f("ix_meeting_series_bloc_id"), "meeting_series", ["bloc_id"], unique=False)
    op.create_table(
        "meeting_in_series",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("meeting_id", sa.Integer(), nullable=False, comment="The meeting."),
        sa.Column("series_id", sa.Integer(), nullable=False, comment="The series."),
        sa.Column(
            "ordinal",
            sa.Integer(),
            nullable=True,
            comment="Its number in the series (52 for the 52nd); NULL if not numbered.",
        ),
        sa.Column("fact_id", sa.Integer(), nullable=False, comment=FACT_COMMENT),
        sa.CheckConstraint(
            "ordinal IS NULL OR ordinal > 0", name=op.f("ck_meeting_in_series_ordinal_positive")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_meeting_in_series_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_in_series_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["meeting_series.id"],
            name=op.f("fk_meeting_in_series_series_id_meeting_series"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_in_series")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_in_series_fact_id")),
        sa.UniqueConstraint(
            "meeting_id", "series_id", name=op.f("uq_meeting_in_series_meeting_id_series_id")
        ),
        comment="Which meetings belong to which series, with their ordinal there.",
    )
    op.create_index(
        op.f("ix_meeting_in_series_series_id"), "meeting_in_series", ["series_id"], unique=False
    )


def _upgrade_meeting_and_participant() -> None:
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sa.String(length=40),
                nullable=True,
                comment="held, postponed or cancelled, as a source says it; NULL where none "
                "says (a meeting on record is held unless a source says otherwise).",
            )
        )
        batch_op.create_check_constraint(
            op.f("ck_meeting_status_vocabulary"), _in("status", MEETING_STATUSES)
        )
        batch_op.alter_column(
            "ordinal",
            existing_type=sa.Integer(),
            existing_nullable=True,
            comment=ORDINAL_AFTER,
            existing_comment=ORDINAL_BEFORE,
        )
    with op.batch_alter_table("participant") as batch_op:
        batch_op.add_column(
            sa.Column(
                "invited_on",
                sa.Date(),
                nullable=True,
                comment="Day the invitation was extended, where a source gives it (first day "
                "of its period).",
            )
        )
        batch_op.add_column(
            sa.Column(
                "invited_on_precision",
                sa.String(length=5),
                nullable=True,
                comment=PRECISION_COMMENT.format("invited_on"),
            )
        )
        for check in _dated("participant", "invited_on"):
            batch_op.create_check_constraint(check.name, str(check.sqltext))


def _downgrade_meeting_and_participant() -> None:
    with op.batch_alter_table("participant") as batch_op:
        batch_op.drop_constraint(op.f("ck_participant_invited_on_precision_present"), type_="check")
        batch_op.drop_constraint(
            op.f("ck_participant_invited_on_precision_vocabulary"), type_="check"
        )
        batch_op.drop_column("invited_on_precision")
        batch_op.drop_column("invited_on")
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.drop_constraint(op.f("ck_meeting_status_vocabulary"), type_="check")
        batch_op.drop_column("status")
        batch_op.alter_column(
            "ordinal",
            existing_type=sa.Integer(),
            existing_nullable=True,
            comment=ORDINAL_BEFORE,
            existing_comment=ORDINAL_AFTER,
        )


def _upgrade_agreement() -> None:
    with op.batch_alter_table("agreement") as batch_op:
        batch_op.add_column(
            sa.Column(
                "signed_city_id",
                sa.Integer(),
                nullable=True,
                comment="City where it was signed, where known.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "in_force_on",
                sa.Date(),
                nullable=True,
                comment="Day it entered into force (first day of its period); NULL if not given "
                "or never.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "in_force_on_precision",
                sa.String(length=5),
                nullable=True,
                comment=PRECISION_COMMENT.format("in_force_on"),
            )
        )
        for check in _dated("agreement", "in_force_on"):
            batch_op.create_check_constraint(check.name, str(check.sqltext))
        batch_op.create_foreign_key(
            op.f("fk_agreement_signed_city_id_city"), "city", ["signed_city_id"], ["id"]
        )
        batch_op.create_index(op.f("ix_agreement_signed_city_id"), ["signed_city_id"], unique=False)


def _downgrade_agreement() -> None:
    with op.batch_alter_table("agreement") as batch_op:
        batch_op.drop_index(op.f("ix_agreement_signed_city_id"))
        batch_op.drop_constraint(op.f("fk_agreement_signed_city_id_city"), type_="foreignkey")
        batch_op.drop_constraint(op.f("ck_agreement_in_force_on_precision_present"), type_="check")
        batch_op.drop_constraint(
            op.f("ck_agreement_in_force_on_precision_vocabulary"), type_="check"
        )
        batch_op.drop_column("in_force_on_precision")
        batch_op.drop_column("in_force_on")
        batch_op.drop_column("signed_city_id")


def _fact_entities(values: Sequence[str]) -> None:
    with op.batch_alter_table("fact") as batch_op:
        batch_op.drop_constraint(op.f("ck_fact_entity_vocabulary"), type_="check")
        batch_op.create_check_constraint(op.f("ck_fact_entity_vocabulary"), _in("entity", values))


def upgrade() -> None:
    for name, version in reversed(VIEWS.items()):
        op.drop_view(name, version)
    _fact_entities(FACT_ENTITIES_AFTER)
    for table in NAMES:
        _create_name_table(table)
    _create_succession()
    _create_member_list()
    _create_series()
    _upgrade_meeting_and_participant()
    _upgrade_agreement()
    for name, version in VIEWS.items():
        op.create_view(name, version)


def downgrade() -> None:
    for name, version in reversed(VIEWS.items()):
        op.drop_view(name, version)
    _downgrade_agreement()
    _downgrade_meeting_and_participant()
    op.drop_index(op.f("ix_meeting_in_series_series_id"), table_name="meeting_in_series")
    op.drop_table("meeting_in_series")
    op.drop_index(op.f("ix_meeting_series_bloc_id"), table_name="meeting_series")
    op.drop_table("meeting_series")
    op.drop_index("uq_member_list_bloc_id_role_status", table_name="member_list")
    op.drop_table("member_list")
    op.drop_index(op.f("ix_bloc_succession_successor_bloc_id"), table_name="bloc_succession")
    op.drop_table("bloc_succession")
    for table, (owner, *_) in reversed(NAMES.items()):
        op.drop_index(f"uq_{table}_{owner}_name", table_name=table)
        op.drop_table(table)
    # The facts the dropped rows stated go with them: no fact is left without its row.
    op.execute(f"DELETE FROM fact WHERE {_in('entity', NEW_FACT_ENTITIES)}")
    _fact_entities(FACT_ENTITIES_BEFORE)
    for name, version in VIEWS.items():
        op.create_view(name, version)
