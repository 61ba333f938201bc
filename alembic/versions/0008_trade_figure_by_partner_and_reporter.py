"""Trade figures found from the partner's end by pair; participants by meeting and actor.

`report trade USA UPU` sums the figures between one country and each member of a bloc. The
claim's unique index (uq_trade_figure_claim) leads with the reporter, so figures whose member is
the reporter are found by pair; those whose member is the partner were found through the
one-column partner index, reading every figure of the member (~7k a spell) to keep the few with
that country. The one-column index is replaced by (partner, reporter, period_start), which
answers every lookup it did and finds a pair from the partner's end.

`report dyad USA UPU` asks, meeting by meeting, whether the USA took part. With one index on
participant.meeting_id and one on participant.actor_id, SQLite (which plans without statistics)
chose by the order the indexes were created in, and a database built in the other order read
every participation of the USA (thousands) for each meeting: 20 s instead of milliseconds. The
meeting's index is replaced by (meeting_id, actor_id), which answers both columns at once.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_trade_figure_partner_reporter",
        "trade_figure",
        ["partner_actor_id", "reporter_actor_id", "period_start"],
        unique=False,
    )
    op.drop_index("ix_trade_figure_partner_actor_id", table_name="trade_figure")
    op.create_index(
        "ix_participant_meeting_id_actor_id",
        "participant",
        ["meeting_id", "actor_id"],
        unique=False,
    )
    op.drop_index("ix_participant_meeting_id", table_name="participant")


def downgrade() -> None:
    op.create_index("ix_participant_meeting_id", "participant", ["meeting_id"], unique=False)
    op.drop_index("ix_participant_meeting_id_actor_id", table_name="participant")
    op.create_index(
        "ix_trade_figure_partner_actor_id", "trade_figure", ["partner_actor_id"], unique=False
    )
    op.drop_index("ix_trade_figure_partner_reporter", table_name="trade_figure")
