"""v_trade filtered to one pair reads that pair's figures only, not the whole trade table.

v_trade computes each figure's previous value with a window over its series. A filter on the
view's reporter_code or partner_code could not pass the window (it partitioned by actor ids,
and the filter names codes), so both backends read and sorted every trade figure before
filtering: 25 s for one pair among the 1.35M COW Trade figures on SQLite. The window now also
partitions by the reporter's and partner's code and kind, which the actor ids determine (the
partitions are the same), so both backends push such a filter into the view and find the
pair by the trade table's index: milliseconds. The view's rows and columns are unchanged
(alembic/views/v_trade/0004.*.sql differs from 0003 in the PARTITION BY line only).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.replace_view("v_trade", new="0004", old="0003")


def downgrade() -> None:
    op.replace_view("v_trade", new="0003", old="0004")
