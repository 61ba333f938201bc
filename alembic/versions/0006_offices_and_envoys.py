"""Offices of any actor, envoys, bodies, and terms made of the events sources give.

A post belongs to an actor (a country or a bloc: ASEAN's Secretary-General), may belong to one
of its bodies (a ministry, a secretariat: the new `body` table) and may be accredited to
another actor (an envoy: the U.S. Ambassador to Thailand). Its natural key becomes (actor,
office, accredited_to); existing posts belong to their country's actor.

A term carries its dated events (appointed, arrived, started; each with a precision and a
note), an end reason and note, and a capacity (full, acting, ad_interim). `start_date` stays
the interval point-in-time answers use, derived by one rule (started, else arrived; unknown
if neither): existing terms' start becomes their `started_on`. Only full terms of a
single-seat post may not overlap, and only over the days each certainly covers, so a
handover known to the month is no overlap.

The views reading posts get new versions (v_term shows the owner, the accredited actor, the
body, the capacity and the events). The downgrade deletes what 0005 cannot hold: posts of
blocs and envoys' posts with their terms, and terms in a capacity other than full.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every view, readers last: version before -> version after. Those reading post change; the
# others are dropped and created again because SQLite rebuilds `fact` (which they read) to
# change its CHECK.
VIEWS = {
    "v_membership": ("0003", "0003"),
    "v_meeting_participant": ("0003", "0003"),
    "v_trade": ("0005", "0005"),
    "v_claim": ("0003", "0006"),
    "v_term": ("0003", "0006"),
    "v_country_year": ("0005", "0006"),
    "v_country_year_gw": ("0005", "0006"),
    "v_dyad_year": ("0005", "0006"),
    "v_dyad_year_gw": ("0005", "0006"),
}
FACT_ENTITIES_BEFORE = (
    "country",
    "country_code",
    "bloc",
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
FACT_ENTITIES_AFTER = (*FACT_ENTITIES_BEFORE[:3], "body", *FACT_ENTITIES_BEFORE[3:])
BODY_KINDS = ("ministry", "agency", "secretariat", "council", "mission", "other")
CAPACITIES = ("full", "acting", "ad_interim")
END_REASONS = (
    "left_post",
    "superseded",
    "term_ended",
    "resigned",
    "removed",
    "died",
    "post_closed",
    "other",
)
EVENTS = ("appointed_on", "arrived_on", "started_on")
PRECISION_COMMENT = "Precision of {}: day, month or year (the date is the period's first day)."
OWN_CLAIM = ("{row}alternative_of_id IS NULL", "{row}end_status <> 'unknown'")
TERM_GUARD_BEFORE = (("release_id", "post_id"), ("{row}single_seat", *OWN_CLAIM))
TERM_GUARD_AFTER = (
    ("release_id", "post_id"),
    ("{row}single_seat", "{row}capacity = 'full'", *OWN_CLAIM),
)

POST_COMMENT_BEFORE = "Offices such as Thailand's foreign minister or Malaysia's prime minister."
POST_COMMENT_AFTER = (
    "Offices such as Thailand's foreign minister, ASEAN's secretary-general or the U.S. "
    "ambassador to Thailand."
)
TERM_COMMENT_BEFORE = "Terms of office: who held which post, when."
TERM_COMMENT_AFTER = "Terms of office: who held which post, when, in what capacity."
OFFICE_COMMENT_BEFORE = (
    "Office slug, the same across countries: foreign-minister, prime-minister, president, …"
)
OFFICE_COMMENT_AFTER = (
    "Office slug, the same across actors: foreign-minister, prime-minister, secretary-general, "
    "ambassador, …"
)
SINGLE_SEAT_BEFORE = "True if only one person holds it at a time; their terms may not overlap."
SINGLE_SEAT_AFTER = (
    "True if only one person holds it in full at a time; their full terms may not overlap."
)
START_COMMENT_BEFORE = "First day in office; NULL if unknown."
START_COMMENT_AFTER = "First day in office, derived: started_on, else arrived_on; NULL if unknown."
START_FROM_EVENTS = (
    "(started_on IS NOT NULL AND start_date = started_on "
    "AND start_date_precision = started_on_precision) "
    "OR (started_on IS NULL AND arrived_on IS NOT NULL AND start_date = arrived_on "
    "AND start_date_precision = arrived_on_precision) "
    "OR (started_on IS NULL AND arrived_on IS NULL AND start_date IS NULL)"
)
TERM_COLUMNS = (
    (
        "capacity",
        sa.String(length=40),
        "full, acting or ad_interim (a chargé d'affaires ad interim heads a mission).",
    ),
    (
        "appointed_on",
        sa.Date(),
        "Day appointed (commissioned, nominated, elected); NULL if not given.",
    ),
    ("appointed_on_precision", sa.String(length=5), PRECISION_COMMENT.format("appointed_on")),
    (
        "appointment_note",
        sa.Text(),
        "The source's note on the appointment (e.g. a recess appointment).",
    ),
    ("arrived_on", sa.Date(), "Day the person arrived at post."),
    ("arrived_on_precision", sa.String(length=5), PRECISION_COMMENT.format("arrived_on")),
    ("arrival_note", sa.Text(), "The source's note on arrival."),
    (
        "started_on",
        sa.Date(),
        "Day the person took office: presented credentials, was sworn in, took charge.",
    ),
    ("started_on_precision", sa.String(length=5), PRECISION_COMMENT.format("started_on")),
    ("start_note", sa.Text(), "The source's note on the start (how the person took charge)."),
    (
        "end_reason",
        sa.String(length=40),
        "Why the term ended: left_post, superseded, term_ended, resigned, removed, died, "
        "post_closed, other.",
    ),
    ("end_note", sa.Text(), "The source's note on the end, as written (e.g. Left post)."),
)


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _date_checks(table: str, name: str) -> list[tuple[str, str]]:
    precision = f"{name}_precision"
    return [
        (
            f"ck_{table}_{precision}_present",
            f"({name} IS NULL AND {precision} IS NULL) "
            f"OR ({name} IS NOT NULL AND {precision} IS NOT NULL)",
        ),
        (f"ck_{table}_{precision}_vocabulary", f"{precision} IN ('day', 'month', 'year')"),
    ]


def _term_checks() -> list[tuple[str, str]]:
    checks = [check for name in EVENTS for check in _date_checks("term", name)]
    checks += [
        ("ck_term_capacity_vocabulary", _in("capacity", CAPACITIES)),
        ("ck_term_end_reason_vocabulary", _in("end_reason", END_REASONS)),
        ("ck_term_start_from_events", START_FROM_EVENTS),
        (
            "ck_term_end_reason_ended",
            "end_reason IS NULL OR end_status IN ('ended', 'unknown')",
        ),
    ]
    return checks


def _table_comment(table: str, comment: str, existing: str) -> None:
    """Table comments live on PostgreSQL only (SQLite has none)."""
    if op.get_bind().dialect.name == "postgresql":
        op.create_table_comment(table, comment, existing_comment=existing)


def _create_body() -> None:
    op.create_table(
        "body",
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
            comment="Natural key, e.g. tha-mfa, asean-secretariat.",
        ),
        sa.Column(
            "name",
            sa.String(length=300),
            nullable=False,
            comment="English name as the body uses it.",
        ),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="ministry, agency, secretariat, council, mission, other.",
        ),
        sa.Column(
            "actor_id",
            sa.Integer(),
            nullable=False,
            comment="The country or bloc the body is part of.",
        ),
        sa.Column(
            "parent_id",
            sa.Integer(),
            nullable=True,
            comment="The body it is part of (a department of a ministry).",
        ),
        sa.Column("founded_on", sa.Date(), nullable=True, comment="First day; NULL if unknown."),
        sa.Column(
            "founded_on_precision",
            sa.String(length=5),
            nullable=True,
            comment=PRECISION_COMMENT.format("founded_on"),
        ),
        sa.Column(
            "dissolved_on", sa.Date(), nullable=True, comment="Last day; NULL while it exists."
        ),
        sa.Column(
            "dissolved_on_precision",
            sa.String(length=5),
            nullable=True,
            comment=PRECISION_COMMENT.format("dissolved_on"),
        ),
        sa.Column("wikidata_id", sa.String(length=20), nullable=True, comment="Wikidata item."),
        sa.Column(
            "release_id",
            sa.Integer(),
            server_default=sa.text("1"),
            nullable=False,
            comment="Who defined the body: 1 the curated fixtures, else the data-set release that created it.",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=True,
            comment="The fact this row states, with its sources in citation; NULL for rows of an imported release, whose source is the release.",
        ),
        *(
            sa.CheckConstraint(sql, name=op.f(name))
            for name, sql in _date_checks("body", "founded_on")
        ),
        *(
            sa.CheckConstraint(sql, name=op.f(name))
            for name, sql in _date_checks("body", "dissolved_on")
        ),
        sa.CheckConstraint(
            "dissolved_on IS NULL OR founded_on IS NULL OR dissolved_on >= founded_on",
            name=op.f("ck_body_dissolved_on_not_before_founded_on"),
        ),
        sa.CheckConstraint(_in("kind", BODY_KINDS), name=op.f("ck_body_kind_vocabulary")),
        sa.CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'",
            name=op.f("ck_body_slug_format"),
        ),
        sa.ForeignKeyConstraint(["actor_id"], ["actor.id"], name=op.f("fk_body_actor_id_actor")),
        sa.ForeignKeyConstraint(["parent_id"], ["body.id"], name=op.f("fk_body_parent_id_body")),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_body_release_id_release")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_body_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_body_fact_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_body_slug")),
        sa.UniqueConstraint("wikidata_id", name=op.f("uq_body_wikidata_id")),
        comment="Ministries, agencies, secretariats and missions of a country or bloc.",
    )
    op.create_index(op.f("ix_body_actor_id"), "body", ["actor_id"])
    op.create_index(op.f("ix_body_release_id"), "body", ["release_id"])


def _fact_entities(values: Sequence[str]) -> None:
    with op.batch_alter_table("fact") as batch_op:
        batch_op.drop_constraint(op.f("ck_fact_entity_vocabulary"), type_="check")
        batch_op.create_check_constraint(op.f("ck_fact_entity_vocabulary"), _in("entity", values))


def _old_unique_name() -> str:
    """The unique constraint on (country_id, office), named as the database named it."""
    for constraint in sa.inspect(op.get_bind()).get_unique_constraints("post"):
        if set(constraint["column_names"]) == {"country_id", "office"}:
            return str(constraint["name"])
    raise RuntimeError("no unique constraint on post (country_id, office)")


def _upgrade_post() -> None:
    # Every country a post belongs to gets its actor, then the post belongs to that actor.
    op.execute(
        "INSERT INTO actor (country_id) SELECT DISTINCT country_id FROM post "
        "WHERE NOT EXISTS (SELECT 1 FROM actor a WHERE a.country_id = post.country_id)"
    )
    old_unique = _old_unique_name()
    with op.batch_alter_table("post") as batch_op:
        batch_op.add_column(
            sa.Column(
                "actor_id",
                sa.Integer(),
                nullable=True,
                comment="The country or bloc whose office this is.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "accredited_to_actor_id",
                sa.Integer(),
                nullable=True,
                comment="For an envoy: the country or bloc the post is accredited to; NULL otherwise.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "body_id",
                sa.Integer(),
                nullable=True,
                comment="The ministry or other body of the actor the post belongs to, where known.",
            )
        )
    op.execute(
        "UPDATE post SET actor_id = (SELECT a.id FROM actor a WHERE a.country_id = post.country_id)"
    )
    with op.batch_alter_table("post") as batch_op:
        batch_op.alter_column("actor_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint(old_unique, type_="unique")
        batch_op.drop_constraint(op.f("fk_post_country_id_country"), type_="foreignkey")
        batch_op.drop_column("country_id")
        batch_op.create_foreign_key(op.f("fk_post_actor_id_actor"), "actor", ["actor_id"], ["id"])
        batch_op.create_foreign_key(
            op.f("fk_post_accredited_to_actor_id_actor"),
            "actor",
            ["accredited_to_actor_id"],
            ["id"],
        )
        batch_op.create_foreign_key(op.f("fk_post_body_id_body"), "body", ["body_id"], ["id"])
        batch_op.create_unique_constraint(
            op.f("uq_post_actor_id_office_accredited_to_actor_id"),
            ["actor_id", "office", "accredited_to_actor_id"],
        )
        batch_op.create_check_constraint(
            op.f("ck_post_accredited_elsewhere"),
            "accredited_to_actor_id IS NULL OR accredited_to_actor_id <> actor_id",
        )
        batch_op.alter_column(
            "office",
            existing_type=sa.String(length=80),
            existing_nullable=False,
            comment=OFFICE_COMMENT_AFTER,
            existing_comment=OFFICE_COMMENT_BEFORE,
        )
        batch_op.alter_column(
            "single_seat",
            existing_type=sa.Boolean(),
            existing_nullable=False,
            comment=SINGLE_SEAT_AFTER,
            existing_comment=SINGLE_SEAT_BEFORE,
        )
    op.create_index(
        "uq_post_actor_id_office",
        "post",
        ["actor_id", "office"],
        unique=True,
        sqlite_where=sa.text("accredited_to_actor_id IS NULL"),
        postgresql_where=sa.text("accredited_to_actor_id IS NULL"),
    )
    op.create_index(op.f("ix_post_accredited_to_actor_id"), "post", ["accredited_to_actor_id"])
    op.create_index(op.f("ix_post_body_id"), "post", ["body_id"])
    _table_comment("post", POST_COMMENT_AFTER, POST_COMMENT_BEFORE)


def _downgrade_post() -> None:
    # What 0005 cannot hold: posts of blocs and envoys' posts, with their terms.
    lost = (
        "SELECT p.id FROM post p WHERE p.accredited_to_actor_id IS NOT NULL "
        "OR NOT EXISTS (SELECT 1 FROM actor a WHERE a.id = p.actor_id AND a.country_id IS NOT NULL)"
    )
    op.execute(
        f"DELETE FROM term WHERE alternative_of_id IN (SELECT id FROM term WHERE post_id IN ({lost}))"
    )
    op.execute(f"DELETE FROM term WHERE post_id IN ({lost})")
    op.execute(f"DELETE FROM post WHERE id IN ({lost})")
    _table_comment("post", POST_COMMENT_BEFORE, POST_COMMENT_AFTER)
    op.drop_index(op.f("ix_post_body_id"), table_name="post")
    op.drop_index(op.f("ix_post_accredited_to_actor_id"), table_name="post")
    op.drop_index("uq_post_actor_id_office", table_name="post")
    with op.batch_alter_table("post") as batch_op:
        batch_op.add_column(
            sa.Column(
                "country_id",
                sa.Integer(),
                nullable=True,
                comment="The country whose office this is.",
            )
        )
    op.execute(
        "UPDATE post SET country_id = (SELECT a.country_id FROM actor a WHERE a.id = post.actor_id)"
    )
    with op.batch_alter_table("post") as batch_op:
        batch_op.alter_column("country_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint(op.f("ck_post_accredited_elsewhere"), type_="check")
        batch_op.drop_constraint(
            op.f("uq_post_actor_id_office_accredited_to_actor_id"), type_="unique"
        )
        batch_op.drop_constraint(op.f("fk_post_body_id_body"), type_="foreignkey")
        batch_op.drop_constraint(op.f("fk_post_accredited_to_actor_id_actor"), type_="foreignkey")
        batch_op.drop_constraint(op.f("fk_post_actor_id_actor"), type_="foreignkey")
        batch_op.drop_column("body_id")
        batch_op.drop_column("accredited_to_actor_id")
        batch_op.drop_column("actor_id")
        batch_op.create_foreign_key(
            op.f("fk_post_country_id_country"), "country", ["country_id"], ["id"]
        )
        batch_op.create_unique_constraint(
            op.f("uq_post_country_id_office"), ["country_id", "office"]
        )
        batch_op.alter_column(
            "office",
            existing_type=sa.String(length=80),
            existing_nullable=False,
            comment=OFFICE_COMMENT_BEFORE,
            existing_comment=OFFICE_COMMENT_AFTER,
        )
        batch_op.alter_column(
            "single_seat",
            existing_type=sa.Boolean(),
            existing_nullable=False,
            comment=SINGLE_SEAT_BEFORE,
            existing_comment=SINGLE_SEAT_AFTER,
        )


def _upgrade_term() -> None:
    with op.batch_alter_table("term") as batch_op:
        for name, type_, comment in TERM_COLUMNS:
            default = "full" if name == "capacity" else None
            batch_op.add_column(
                sa.Column(
                    name,
                    type_,
                    nullable=name != "capacity",
                    server_default=default,
                    comment=comment,
                )
            )
    op.execute(
        "UPDATE term SET started_on = start_date, started_on_precision = start_date_precision"
    )
    with op.batch_alter_table("term") as batch_op:
        for name, sql in _term_checks():
            batch_op.create_check_constraint(op.f(name), sql)
        batch_op.alter_column(
            "start_date",
            existing_type=sa.Date(),
            existing_nullable=True,
            comment=START_COMMENT_AFTER,
            existing_comment=START_COMMENT_BEFORE,
        )
    _table_comment("term", TERM_COMMENT_AFTER, TERM_COMMENT_BEFORE)


def _downgrade_term() -> None:
    lost = "capacity <> 'full'"
    op.execute(f"DELETE FROM term WHERE alternative_of_id IN (SELECT id FROM term WHERE {lost})")
    op.execute(f"DELETE FROM term WHERE {lost}")
    _table_comment("term", TERM_COMMENT_BEFORE, TERM_COMMENT_AFTER)
    with op.batch_alter_table("term") as batch_op:
        for name, _ in reversed(_term_checks()):
            batch_op.drop_constraint(op.f(name), type_="check")
        for name, _, _ in reversed(TERM_COLUMNS):
            batch_op.drop_column(name)
        batch_op.alter_column(
            "start_date",
            existing_type=sa.Date(),
            existing_nullable=True,
            comment=START_COMMENT_BEFORE,
            existing_comment=START_COMMENT_AFTER,
        )


def upgrade() -> None:
    for name, (before, _) in reversed(VIEWS.items()):
        op.drop_view(name, before)
    op.drop_overlap_guard("term")
    _fact_entities(FACT_ENTITIES_AFTER)
    _create_body()
    _upgrade_post()
    _upgrade_term()
    op.create_overlap_guard("term", *TERM_GUARD_AFTER, span="certain")
    for name, (_, after) in VIEWS.items():
        op.create_view(name, after)


def downgrade() -> None:
    for name, (_, after) in reversed(VIEWS.items()):
        op.drop_view(name, after)
    op.drop_overlap_guard("term")
    _downgrade_term()
    _downgrade_post()
    op.execute("DELETE FROM fact WHERE entity = 'body'")
    op.drop_index(op.f("ix_body_release_id"), table_name="body")
    op.drop_index(op.f("ix_body_actor_id"), table_name="body")
    op.drop_table("body")
    _fact_entities(FACT_ENTITIES_BEFORE)
    op.create_overlap_guard("term", *TERM_GUARD_BEFORE)
    for name, (before, _) in VIEWS.items():
        op.create_view(name, before)
