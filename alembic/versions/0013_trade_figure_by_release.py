"""Trade figures found by release.

An unchanged `bilateral-db load` reads the curated release's trade figures (`WHERE release_id
= 1`). No index on trade_figure led with release_id (the claim's unique index names it last),
so that statement read every figure: 0.65 s of a 1 s load with 9M imported figures, growing
with every import. An index on release_id finds the release's figures alone; a merge into a
release and a release's deletion (its figures go with it, ON DELETE CASCADE) find them by it
too.

Nothing but the index changes: no table is rebuilt, on either backend.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_trade_figure_release_id", "trade_figure", ["release_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_trade_figure_release_id", table_name="trade_figure")
