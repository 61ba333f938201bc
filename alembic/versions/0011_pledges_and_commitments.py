"""Pledges: who promised how much, over which period, at which meeting or in which agreement.

Japan pledged approx. USD 30 billion for Africa over 2016-2018 at TICAD VI (Nairobi,
2016-08-27). `pledge` holds such a commitment as its source gives it: the pledger (an actor),
the day it was made, the meeting and/or agreement, an amount in minor units of its currency
with a qualifier and an optional upper end (as trade figures hold theirs), the period it
covers, and the pledge it is a part of. A progress statement may name the pledge it is about
(`progress_statement.pledge_id`).

Nothing existing changes but the list of tables a fact may belong to (fact.entity's CHECK)
and progress_statement's new column, empty in every row kept. SQLite rebuilds `fact` and
`progress_statement`, which it refuses while a view names them, so every view is dropped
first and created again at the version it had.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every view at 0010, readers last: dropped and created again at the same version.
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
    "country_name",
    "bloc_name",
    "post_title",
    "bloc_succession",
    "member_list",
    "meeting_series",
    "meeting_in_series",
)
FACT_ENTITIES_AFTER = (*FACT_ENTITIES_BEFORE, "pledge")
PRECISIONS = ("day", "month", "year")
QUALIFIERS = ("exact", "approximately", "more_than", "at_least", "less_than", "at_most")
PLEDGE_INDEXES = ("agreement_id", "meeting_id", "part_of_id", "pledger_actor_id")


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _fact_entities(values: Sequence[str]) -> None:
    with op.batch_alter_table("fact") as batch_op:
        batch_op.drop_constraint(op.f("ck_fact_entity_vocabulary"), type_="check")
        batch_op.create_check_constraint(op.f("ck_fact_entity_vocabulary"), _in("entity", values))


def _create_pledge() -> None:
    op.create_table(
        "pledge",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "slug",
            sa.String(length=160),
            nullable=False,
            comment="Natural key, e.g. japan-ticad-vi-africa-2016-2018.",
        ),
        sa.Column(
            "pledger_actor_id",
            sa.Integer(),
            nullable=False,
            comment="Who made the pledge (country or bloc).",
        ),
        sa.Column(
            "made_on",
            sa.Date(),
            nullable=True,
            comment="Day it was made (first day of its period).",
        ),
        sa.Column(
            "made_on_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of made_on: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "meeting_id", sa.Integer(), nullable=True, comment="Meeting where it was made, if any."
        ),
        sa.Column(
            "agreement_id", sa.Integer(), nullable=True, comment="Agreement it was made in, if any."
        ),
        sa.Column(
            "part_of_id", sa.Integer(), nullable=True, comment="The pledge this one is a part of."
        ),
        sa.Column(
            "amount_minor",
            sa.BigInteger(),
            nullable=True,
            comment="Amount in minor units of the currency (cents for USD); the low end of a range.",
        ),
        sa.Column(
            "amount_high_minor",
            sa.BigInteger(),
            nullable=True,
            comment="Upper end when the source gives a range.",
        ),
        sa.Column(
            "currency_code",
            sa.String(length=3),
            nullable=True,
            comment="ISO 4217 currency of amount_minor.",
        ),
        sa.Column(
            "qualifier",
            sa.String(length=40),
            nullable=False,
            comment="exact, approximately, at_least, … as the source qualifies the amount.",
        ),
        sa.Column(
            "covers_from",
            sa.Date(),
            nullable=True,
            comment="First day of the period it covers, if any.",
        ),
        sa.Column(
            "covers_from_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of covers_from: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "covers_until",
            sa.Date(),
            nullable=True,
            comment="Last day of the period it covers (first day of that period, with precision).",
        ),
        sa.Column(
            "covers_until_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of covers_until: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "statement", sa.Text(), nullable=True, comment="The pledge in the source's words."
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            _in("covers_from_precision", PRECISIONS),
            name=op.f("ck_pledge_covers_from_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            _in("covers_until_precision", PRECISIONS),
            name=op.f("ck_pledge_covers_until_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            _in("made_on_precision", PRECISIONS),
            name=op.f("ck_pledge_made_on_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            _in("qualifier", QUALIFIERS), name=op.f("ck_pledge_qualifier_vocabulary")
        ),
        sa.CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'",
            name=op.f("ck_pledge_slug_format"),
        ),
        sa.CheckConstraint(
            "(covers_from IS NULL AND covers_from_precision IS NULL) OR (covers_from IS NOT NULL AND covers_from_precision IS NOT NULL)",
            name=op.f("ck_pledge_covers_from_precision_present"),
        ),
        sa.CheckConstraint(
            "(covers_until IS NULL AND covers_until_precision IS NULL) OR (covers_until IS NOT NULL AND covers_until_precision IS NOT NULL)",
            name=op.f("ck_pledge_covers_until_precision_present"),
        ),
        sa.CheckConstraint(
            "(made_on IS NULL AND made_on_precision IS NULL) OR (made_on IS NOT NULL AND made_on_precision IS NOT NULL)",
            name=op.f("ck_pledge_made_on_precision_present"),
        ),
        sa.CheckConstraint(
            "amount_high_minor IS NULL OR (amount_minor IS NOT NULL AND amount_high_minor > amount_minor)",
            name=op.f("ck_pledge_amount_high_above_low"),
        ),
        sa.CheckConstraint(
            "amount_minor IS NULL OR amount_minor >= 0", name=op.f("ck_pledge_amount_not_negative")
        ),
        sa.CheckConstraint(
            "amount_minor IS NULL OR currency_code IS NOT NULL",
            name=op.f("ck_pledge_amount_has_currency"),
        ),
        sa.CheckConstraint(
            "covers_until IS NULL OR covers_from IS NULL OR covers_until >= covers_from",
            name=op.f("ck_pledge_covers_until_not_before_covers_from"),
        ),
        sa.CheckConstraint(
            "part_of_id IS NULL OR part_of_id <> id", name=op.f("ck_pledge_not_part_of_itself")
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_pledge_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(
            ["currency_code"], ["currency.code"], name=op.f("fk_pledge_currency_code_currency")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_pledge_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_pledge_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["part_of_id"], ["pledge.id"], name=op.f("fk_pledge_part_of_id_pledge")
        ),
        sa.ForeignKeyConstraint(
            ["pledger_actor_id"], ["actor.id"], name=op.f("fk_pledge_pledger_actor_id_actor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledge")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_pledge_fact_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_pledge_slug")),
        comment="Pledges and commitments: who promised how much, for what period, where.",
    )
    for column in PLEDGE_INDEXES:
        op.create_index(op.f(f"ix_pledge_{column}"), "pledge", [column], unique=False)


def upgrade() -> None:
    for name, version in reversed(VIEWS.items()):
        op.drop_view(name, version)
    _fact_entities(FACT_ENTITIES_AFTER)
    _create_pledge()
    with op.batch_alter_table("progress_statement") as batch_op:
        batch_op.add_column(
            sa.Column(
                "pledge_id",
                sa.Integer(),
                nullable=True,
                comment="The pledge the claim is about, if one.",
            )
        )
        batch_op.create_index(op.f("ix_progress_statement_pledge_id"), ["pledge_id"], unique=False)
        batch_op.create_foreign_key(
            op.f("fk_progress_statement_pledge_id_pledge"), "pledge", ["pledge_id"], ["id"]
        )
    for name, version in VIEWS.items():
        op.create_view(name, version)


def downgrade() -> None:
    for name, version in reversed(VIEWS.items()):
        op.drop_view(name, version)
    with op.batch_alter_table("progress_statement") as batch_op:
        batch_op.drop_constraint(op.f("fk_progress_statement_pledge_id_pledge"), type_="foreignkey")
        batch_op.drop_index(op.f("ix_progress_statement_pledge_id"))
        batch_op.drop_column("pledge_id")
    for column in PLEDGE_INDEXES:
        op.drop_index(op.f(f"ix_pledge_{column}"), table_name="pledge")
    op.drop_table("pledge")
    # The facts the dropped rows stated go with them: no fact is left without its row.
    op.execute("DELETE FROM fact WHERE entity = 'pledge'")
    _fact_entities(FACT_ENTITIES_BEFORE)
    for name, version in VIEWS.items():
        op.create_view(name, version)
