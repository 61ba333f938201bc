"""Meetings from imported records: travels abroad and leaders' visits beside the curated ones.

The Office of the Historian's travel and visit records become meetings and participants of a
release, like the terms of Archigos:
- meeting and participant name their release (`release_id`, 1 the curated fixtures; ON
  DELETE CASCADE: an imported meeting goes with its release) and, within it, their key
  (`slug`; the participation's meeting, person, actor, role and status);
- their fact is NULL for an imported row, which the release cites (a CHECK keeps curated rows
  cited);
- a meeting has a `description`: what was done there, as the source says it (a trip's remarks);
- the kinds of meeting travel records use (state, official working, working, private visit, a
  visit of no stated kind, and a trip of several stops) are seeded with their CAMEO and PLOVER
  codes.

SQLite rebuilds the two tables (batch mode), which it refuses while a view names them: every
view is dropped first and created again, at the same version, afterwards. The downgrade deletes
the imported meetings (0006 cannot hold them) and the seeded kinds.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CURATED_RELEASE_ID = 1
CITED = f"fact_id IS NOT NULL OR release_id <> {CURATED_RELEASE_ID}"
# Every view at 0006, readers last: dropped in reverse, created in this order.
VIEWS = (
    ("v_membership", "0003"),
    ("v_meeting_participant", "0003"),
    ("v_trade", "0005"),
    ("v_claim", "0006"),
    ("v_term", "0006"),
    ("v_country_year", "0006"),
    ("v_country_year_gw", "0006"),
    ("v_dyad_year", "0006"),
    ("v_dyad_year_gw", "0006"),
)
MEETING_KINDS = [
    ("state_visit", "A state visit: a head of state's visit at the host's invitation.", "042"),
    ("official_working_visit", "An official working visit.", "042"),
    ("working_visit", "A working visit: talks without the ceremony of an official visit.", "042"),
    ("private_visit", "A private, informal or unofficial visit, without official status.", "042"),
    ("visit", "A visit whose record names no kind.", "042"),
    ("trip", "A trip abroad of several stops; each stop is a meeting of its own.", "042"),
]
FACT_COMMENT = "The fact this row states, with its sources in citation; NULL for rows of an imported release, whose source is the release."
MEETING_RELEASE_COMMENT = "The release that states the meeting: 1 the curated fixtures, else an imported record (a travel or visit of the Office of the Historian); it goes with its release."
PARTICIPANT_RELEASE_COMMENT = "The release that states the participation: 1 the curated fixtures, else the imported record of its meeting."
DESCRIPTION_COMMENT = "What was done there, as the source says it (a travel record's remarks, a visit's description); searchable."


def _release_column(comment: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "release_id",
        sa.Integer(),
        server_default=sa.text(str(CURATED_RELEASE_ID)),
        nullable=False,
        comment=comment,
    )


def upgrade() -> None:
    for name, version in reversed(VIEWS):
        op.drop_view(name, version)
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), comment=DESCRIPTION_COMMENT))
        batch_op.add_column(_release_column(MEETING_RELEASE_COMMENT))
        batch_op.alter_column(
            "fact_id", existing_type=sa.Integer(), nullable=True, comment=FACT_COMMENT
        )
        batch_op.create_index(op.f("ix_meeting_release_id"), ["release_id"], unique=False)
        batch_op.create_foreign_key(
            op.f("fk_meeting_release_id_release"),
            "release",
            ["release_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_unique_constraint(
            op.f("uq_meeting_slug_release_id"), ["slug", "release_id"]
        )
        batch_op.create_check_constraint(op.f("ck_meeting_curated_cited"), CITED)
    with op.batch_alter_table("participant") as batch_op:
        batch_op.add_column(_release_column(PARTICIPANT_RELEASE_COMMENT))
        batch_op.alter_column(
            "fact_id", existing_type=sa.Integer(), nullable=True, comment=FACT_COMMENT
        )
        batch_op.create_index(op.f("ix_participant_release_id"), ["release_id"], unique=False)
        batch_op.create_foreign_key(
            op.f("fk_participant_release_id_release"),
            "release",
            ["release_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_unique_constraint(
            op.f("uq_participant_meeting_id_person_id_actor_id_role_status_release_id"),
            ["meeting_id", "person_id", "actor_id", "role", "status", "release_id"],
        )
        batch_op.create_check_constraint(op.f("ck_participant_curated_cited"), CITED)
    kinds = sa.table(
        "meeting_kind",
        sa.column("code", sa.String),
        sa.column("description", sa.Text),
        sa.column("cameo_code", sa.String),
        sa.column("plover_code", sa.String),
    )
    op.bulk_insert(
        kinds,
        [
            {"code": code, "description": text, "cameo_code": cameo, "plover_code": "CONSULT"}
            for code, text, cameo in MEETING_KINDS
        ],
    )
    for name, version in VIEWS:
        op.create_view(name, version)


def downgrade() -> None:
    for name, version in reversed(VIEWS):
        op.drop_view(name, version)
    op.execute(f"DELETE FROM meeting WHERE release_id <> {CURATED_RELEASE_ID}")
    codes = ", ".join(f"'{code}'" for code, _, _ in MEETING_KINDS)
    op.execute(f"DELETE FROM meeting_kind WHERE code IN ({codes})")
    with op.batch_alter_table("participant") as batch_op:
        batch_op.drop_constraint(op.f("ck_participant_curated_cited"), type_="check")
        batch_op.drop_constraint(
            op.f("uq_participant_meeting_id_person_id_actor_id_role_status_release_id"),
            type_="unique",
        )
        batch_op.drop_constraint(op.f("fk_participant_release_id_release"), type_="foreignkey")
        batch_op.drop_index(op.f("ix_participant_release_id"))
        batch_op.alter_column(
            "fact_id",
            existing_type=sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        )
        batch_op.drop_column("release_id")
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.drop_constraint(op.f("ck_meeting_curated_cited"), type_="check")
        batch_op.drop_constraint(op.f("uq_meeting_slug_release_id"), type_="unique")
        batch_op.drop_constraint(op.f("fk_meeting_release_id_release"), type_="foreignkey")
        batch_op.drop_index(op.f("ix_meeting_release_id"))
        batch_op.alter_column(
            "fact_id",
            existing_type=sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        )
        batch_op.drop_column("release_id")
        batch_op.drop_column("description")
    for name, version in VIEWS:
        op.create_view(name, version)
