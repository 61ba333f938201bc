"""Research views: the common questions without the join graph.

Views (all prefixed v_, which alembic/env.py leaves out of drift checks), each version 0002 in
alembic/views/<view>/:
- v_membership: memberships with bloc and member names, dates at their precision, and
  end_exclusive, the first day a membership no longer covers (point-in-time rule of dates.py:
  start_date <= D AND (end_exclusive IS NULL OR D < end_exclusive)).
- v_term: terms of office with person, post and country, and end_exclusive.
- v_meeting_participant: one row per participant, with the meeting's names and codes.
- v_trade: trade figures by codes, with the previous period's value (LAG) and the change.
- v_country_year: one row per country and year it existed on 31 December (1946 to this year;
  an unknown start counts as existing since 1946), with its COW code on that day, bloc
  memberships on that day, meetings and trade.
- v_dyad_year: directed dyad-years (ccode1, ccode2, year) of countries that share a membership,
  met, or traded at some time; shared memberships on 31 December, meetings, trade of ccode1.

Only date arithmetic and formatting differ by backend; everything else is the same SQL text.
A country "takes part" in a meeting when named as a participant, represented by one of its
officials (a person holding one of its posts on the meeting's first day), or hosting it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEW_NAMES = (
    "v_membership",
    "v_term",
    "v_meeting_participant",
    "v_trade",
    "v_country_year",
    "v_dyad_year",
)


def upgrade() -> None:
    for name in VIEW_NAMES:
        op.create_view(name, "0002")


def downgrade() -> None:
    for name in reversed(VIEW_NAMES):
        op.drop_view(name, "0002")
