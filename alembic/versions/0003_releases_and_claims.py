"""Releases and claims: the standard data sets beside the curated facts, every claim kept.

A fact is a claim by a source. Until now a second claim about the same membership, term or
figure was refused as a duplicate key; from here every claim row names the release that claims
it (release 1 is the reviewed fixtures, slug `curated`; the others are imported data-set
releases), and:
- natural keys and "no overlap" rules hold within one release, not across releases;
- a curated row may be an alternative of another (`alternative_of_id`, numbered by
  `alternative`): another source's version of the same claim, stored beside it and compared
  with it instead of being checked against the release's other rows;
- an interval's end has a status: ended, ongoing, censored (the end is where the source stopped
  looking: unknown after it) or unknown (it ended on a day the source does not give);
- rows of an imported release cite the release, not a fact (fact_id NULL), so a million
  imported rows cost no million facts and citations;
- new tables: release (with row counts and findings), coverage (where an import looks: inside
  it an absent claim means "no", outside it the release says nothing) and system_membership
  (the COW and Gleditsch-Ward state lists, by their own codes).

The views are rebuilt: the research views use each scope's preferred claims (the release of
lowest precedence that claims anything about it; alternatives never) and say which release
(`source`), with the curated fact's confidence and note; v_claim holds every claim; the panels
follow a state list (v_country_year/v_dyad_year: COW; *_gw: Gleditsch-Ward), one row per state
and year it was in the list at any time.

Existing rows become curated claims (release 1); an end_status is derived from end_date. The
downgrade keeps curated main claims and drops what 0002 cannot hold (imported releases and
alternatives).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CURATED_RELEASE_ID = 1
SERIES = (
    "reporter_actor_id",
    "partner_actor_id",
    "period_start",
    "period_precision",
    "flow",
    "category_id",
)
# claim table -> (its key within a release, whether it is an interval with an end)
CLAIM_TABLES: dict[str, tuple[tuple[str, ...], bool]] = {
    "country_code": (("country_id", "scheme", "start_date"), True),
    "membership": (("bloc_id", "actor_id", "role", "start_date"), True),
    "dialogue_coordination": (("bloc_id", "partner_actor_id", "start_date"), True),
    "term": (("person_id", "post_id", "start_date"), True),
    "trade_figure": ((*SERIES, "valuation"), False),
    "trade_reported_change": (SERIES, False),
}
# Tables an import may create rows of: who defined each row.
OWNED_TABLES = {
    "bloc": "Who defined the bloc: 1 the curated fixtures, else the data-set release that created it.",
    "person": "Who defined the person: 1 the curated fixtures, else the data-set release that created them.",
    "post": "Who defined the post: 1 the curated fixtures, else the data-set release that created it.",
}
# "No overlap" rules, now within one release and among claims of their own (0001 held them
# across all rows): table -> columns that must be equal, and conditions on the rows ({row} is
# the row's alias). An end the source does not give cannot be checked: such rows are left out.
OWN_CLAIM = ("{row}alternative_of_id IS NULL", "{row}end_status <> 'unknown'")
OVERLAP_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "term": (("release_id", "post_id"), ("{row}single_seat", *OWN_CLAIM)),
    "membership": (("release_id", "actor_id", "bloc_id", "role"), OWN_CLAIM),
    "dialogue_coordination": (("release_id", "bloc_id", "partner_actor_id"), OWN_CLAIM),
    "system_membership": (("release_id", "system", "code"), ()),
}
# 0001's rules, which the downgrade restores (0001's triggers test a condition on the new row
# only: on_other_row=False).
OLD_OVERLAP_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "term": (("post_id",), ("{row}single_seat",)),
    "membership": (("actor_id", "bloc_id", "role"), ()),
    "dialogue_coordination": (("bloc_id", "partner_actor_id"), ()),
}

END_STATUS_COMMENT = (
    "ended, ongoing, censored (end_date is where the source stopped looking: unknown after it) "
    "or unknown (ended on a day the source does not give)."
)
RELEASE_COMMENT = (
    "The release that claims this row: 1 is the curated fixtures, others are imported data "
    "sets (release.slug)."
)
FACT_COMMENT = (
    "The fact this row states, with its sources in citation; NULL for rows of an imported "
    "release, whose source is the release."
)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


# --- tables ----------------------------------------------------------------------------------


def _interval_checks(table: str, start: str, end: str) -> list[sa.CheckConstraint]:
    checks = []
    for name in (start, end):
        precision = f"{name}_precision"
        checks.append(
            sa.CheckConstraint(
                f"({name} IS NULL AND {precision} IS NULL) "
                f"OR ({name} IS NOT NULL AND {precision} IS NOT NULL)",
                name=op.f(f"ck_{table}_{precision}_present"),
            )
        )
        checks.append(
            sa.CheckConstraint(
                f"{precision} IN ('day', 'month', 'year')",
                name=op.f(f"ck_{table}_{precision}_vocabulary"),
            )
        )
    checks.append(
        sa.CheckConstraint(
            f"{end} IS NULL OR {start} IS NULL OR {end} >= {start}",
            name=op.f(f"ck_{table}_{end}_not_before_{start}"),
        )
    )
    return checks


def _end_status_checks(table: str) -> list[sa.CheckConstraint]:
    return [
        sa.CheckConstraint(
            "end_status IN ('ended', 'ongoing', 'censored', 'unknown')",
            name=op.f(f"ck_{table}_end_status_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_status IN ('ended', 'censored')) = (end_date IS NOT NULL)",
            name=op.f(f"ck_{table}_end_status_matches_end"),
        ),
    ]


def _id() -> sa.Column:
    return sa.Column(
        "id",
        sa.Integer(),
        nullable=False,
        comment="Surrogate key; stable only within one database.",
    )


def _precision(name: str) -> sa.Column:
    return sa.Column(
        f"{name}_precision",
        sa.String(length=5),
        nullable=True,
        comment=f"Precision of {name}: day, month or year (the date is the period's first day).",
    )


def _create_release_tables() -> None:
    op.create_table(
        "release",
        _id(),
        sa.Column(
            "slug",
            sa.String(length=120),
            nullable=False,
            comment="Natural key: curated, cow-igo-3.0, archigos-4.1, …",
        ),
        sa.Column(
            "dataset",
            sa.String(length=40),
            nullable=False,
            comment="The data set (curated, cow-states, gw-states, cow-igo, archigos, …): one release of each is held at a time.",
        ),
        sa.Column(
            "version", sa.String(length=40), nullable=True, comment="The data set's version."
        ),
        sa.Column(
            "title", sa.Text(), nullable=False, comment="Title of the data set as published."
        ),
        sa.Column("publisher", sa.String(length=200), nullable=True, comment="Who publishes it."),
        sa.Column("citation", sa.Text(), nullable=True, comment="How its authors ask to be cited."),
        sa.Column("url", sa.Text(), nullable=True, comment="Where it is published."),
        sa.Column(
            "precedence",
            sa.Integer(),
            nullable=False,
            comment="Order of preference when sources disagree: 0 (curated) first, then data sets (docs/data-sets.md).",
        ),
        sa.Column(
            "coverage_start",
            sa.Date(),
            nullable=True,
            comment="First day the release speaks about; NULL if not bounded.",
        ),
        _precision("coverage_start"),
        sa.Column(
            "coverage_end",
            sa.Date(),
            nullable=True,
            comment="Last day the release speaks about (its edge: after it the release says nothing).",
        ),
        _precision("coverage_end"),
        sa.Column(
            "file_name",
            sa.String(length=300),
            nullable=True,
            comment="Name of the file imported (without its directory).",
        ),
        sa.Column(
            "file_sha256",
            sa.String(length=64),
            nullable=True,
            comment="SHA-256 of the file imported, hex: the same hash means the same data.",
        ),
        sa.Column(
            "imported_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the release was imported (UTC).",
        ),
        *_interval_checks("release", "coverage_start", "coverage_end"),
        sa.CheckConstraint("precedence >= 0", name=op.f("ck_release_precedence_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release")),
        sa.UniqueConstraint("dataset", name=op.f("uq_release_dataset")),
        sa.UniqueConstraint("precedence", name=op.f("uq_release_precedence")),
        sa.UniqueConstraint("slug", name=op.f("uq_release_slug")),
        comment="Where claims come from: release 1 is the reviewed fixtures (slug curated); the others are imported data-set releases. Lower precedence wins when sources disagree.",
    )
    op.execute(
        "INSERT INTO release (id, slug, dataset, title, precedence) VALUES "
        f"({CURATED_RELEASE_ID}, 'curated', 'curated', "
        "'The reviewed fixtures (bilateral-db load), each fact citing its own sources', 0)"
    )
    if _postgresql():
        op.execute("SELECT setval(pg_get_serial_sequence('release', 'id'), 1)")
    op.create_table(
        "release_count",
        sa.Column("release_id", sa.Integer(), nullable=False, comment="The release."),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="What was counted: a table name (membership, term, …) or an import's own kind (source_rows, unknown_values, …).",
        ),
        sa.Column("rows", sa.BigInteger(), nullable=False, comment="How many."),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["release.id"],
            name=op.f("fk_release_count_release_id_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("release_id", "kind", name=op.f("pk_release_count")),
        comment="Row counts per release and kind of row.",
    )
    op.create_table(
        "release_finding",
        _id(),
        sa.Column("release_id", sa.Integer(), nullable=False, comment="The release."),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="unmapped_code, uncertain_match, … (docs/data-sets.md).",
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment="Line of the file, where one."),
        sa.Column("record", sa.Text(), nullable=False, comment="The record, as the file names it."),
        sa.Column(
            "message", sa.Text(), nullable=False, comment="What could not be settled, and why."
        ),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["release.id"],
            name=op.f("fk_release_finding_release_id_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_finding")),
        comment="Findings of an import for a person to review: codes it could not map, leaders it could not match with certainty. Nothing listed here was dropped silently.",
    )
    op.create_index(
        op.f("ix_release_finding_release_id"), "release_finding", ["release_id"], unique=False
    )


def _create_system_membership() -> None:
    op.create_table(
        "system_membership",
        _id(),
        sa.Column("release_id", sa.Integer(), nullable=False, comment="The release of the list."),
        sa.Column("system", sa.String(length=40), nullable=False, comment="cow or gw."),
        sa.Column(
            "code",
            sa.Integer(),
            nullable=False,
            comment="The state's code in that list (COW ccode, GW gwcode).",
        ),
        sa.Column(
            "abbreviation",
            sa.String(length=8),
            nullable=True,
            comment="The list's abbreviation, e.g. RUS, GMY.",
        ),
        sa.Column(
            "name", sa.String(length=200), nullable=False, comment="The state's name in the list."
        ),
        sa.Column("start_date", sa.Date(), nullable=False, comment="First day in the list."),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=False,
            comment="Precision of start_date: day, month or year.",
        ),
        sa.Column(
            "end_date",
            sa.Date(),
            nullable=True,
            comment="Last day in the list; with end_status censored, the list's edge (still a member then).",
        ),
        _precision("end_date"),
        sa.Column("end_status", sa.String(length=10), nullable=False, comment=END_STATUS_COMMENT),
        *_interval_checks("system_membership", "start_date", "end_date"),
        *_end_status_checks("system_membership"),
        sa.CheckConstraint(
            "system IN ('cow', 'gw')", name=op.f("ck_system_membership_system_vocabulary")
        ),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["release.id"],
            name=op.f("fk_system_membership_release_id_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_system_membership")),
        sa.UniqueConstraint(
            "release_id",
            "system",
            "code",
            "start_date",
            name=op.f("uq_system_membership_release_id_system_code_start_date"),
        ),
        comment="Spells of states in the COW and Gleditsch-Ward state lists, by their own codes, as each release gives them.",
    )


def _create_coverage() -> None:
    op.create_table(
        "coverage",
        _id(),
        sa.Column("release_id", sa.Integer(), nullable=False, comment="The release."),
        sa.Column(
            "bloc_id",
            sa.Integer(),
            nullable=True,
            comment="The bloc whose memberships are covered.",
        ),
        sa.Column(
            "actor_id",
            sa.Integer(),
            nullable=True,
            comment="The member covered (in bloc_id, or in all).",
        ),
        sa.Column(
            "post_id", sa.Integer(), nullable=True, comment="The post whose holders are covered."
        ),
        sa.Column(
            "covered",
            sa.Boolean(),
            nullable=False,
            comment="True: the release covers the scope then; false: a gap (no data for the member in the bloc then).",
        ),
        sa.Column("start_date", sa.Date(), nullable=False, comment="First day covered."),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=False,
            comment="Precision of start_date: day, month or year.",
        ),
        sa.Column(
            "end_date", sa.Date(), nullable=True, comment="Last day covered; NULL if still covered."
        ),
        _precision("end_date"),
        *_interval_checks("coverage", "start_date", "end_date"),
        sa.CheckConstraint(
            "bloc_id IS NOT NULL OR actor_id IS NOT NULL OR post_id IS NOT NULL",
            name=op.f("ck_coverage_has_scope"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_coverage_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(["bloc_id"], ["bloc.id"], name=op.f("fk_coverage_bloc_id_bloc")),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"], name=op.f("fk_coverage_post_id_post")),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["release.id"],
            name=op.f("fk_coverage_release_id_release"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coverage")),
        comment="What an imported release covers over time: a bloc's years, a member's years, a post's years (covered rows), and a member's gaps in one bloc (COW IGO's -9 cells: covered false). Inside its coverage an absent claim means no; outside it the release says nothing. A release with no coverage rows covers its coverage period.",
    )
    op.create_index("ix_coverage_bloc_id_actor_id", "coverage", ["bloc_id", "actor_id"])
    for column in ("post_id", "release_id"):
        op.create_index(op.f(f"ix_coverage_{column}"), "coverage", [column], unique=False)


# --- claims on existing tables ---------------------------------------------------------------


def _old_unique_name(table: str, key: tuple[str, ...]) -> str:
    """The 0001 unique constraint on the key (its name is shortened on PostgreSQL)."""
    old_key = set(key)
    for constraint in sa.inspect(op.get_bind()).get_unique_constraints(table):
        if set(constraint["column_names"]) == old_key:
            return str(constraint["name"])
    raise RuntimeError(f"no unique constraint on {sorted(old_key)} in {table}")


def _add_claim_columns(table: str, key: tuple[str, ...], interval: bool) -> None:
    old_unique = _old_unique_name(table, key)
    with op.batch_alter_table(table) as batch_op:
        if interval:
            # A server default fills existing rows; it is dropped below, once each is derived.
            batch_op.add_column(
                sa.Column(
                    "end_status",
                    sa.String(length=10),
                    server_default="ongoing",
                    nullable=False,
                    comment=END_STATUS_COMMENT,
                )
            )
        batch_op.add_column(
            sa.Column(
                "release_id",
                sa.Integer(),
                server_default=sa.text(str(CURATED_RELEASE_ID)),
                nullable=False,
                comment=RELEASE_COMMENT,
            )
        )
        batch_op.add_column(
            sa.Column(
                "alternative_of_id",
                sa.Integer(),
                nullable=True,
                comment="The claim this row is an alternative to (another source's version of it); NULL for a claim of its own.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "alternative",
                sa.SmallInteger(),
                server_default=sa.text("0"),
                nullable=False,
                comment="0 for a claim of its own; 1, 2, … numbers the alternatives of one claim.",
            )
        )
        batch_op.alter_column(
            "fact_id", existing_type=sa.Integer(), nullable=True, comment=FACT_COMMENT
        )
        if table == "membership":
            batch_op.alter_column(
                "end_date",
                existing_type=sa.Date(),
                existing_nullable=True,
                comment="Last day in the role (see end_status); NULL while ongoing or when the "
                "end is unknown.",
            )
        batch_op.drop_constraint(old_unique, type_="unique")
        batch_op.create_unique_constraint(
            op.f(f"uq_{table}_claim"), [*key, "release_id", "alternative"]
        )
        batch_op.create_foreign_key(
            op.f(f"fk_{table}_release_id_release"),
            "release",
            ["release_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            op.f(f"fk_{table}_alternative_of_id_{table}"),
            table,
            ["alternative_of_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_check_constraint(
            op.f(f"ck_{table}_alternative_numbered"),
            "(alternative_of_id IS NULL) = (alternative = 0)",
        )
    if interval:
        op.execute(f"UPDATE {table} SET end_status = 'ended' WHERE end_date IS NOT NULL")
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column(
                "end_status", existing_type=sa.String(length=10), server_default=None
            )
            for check in _end_status_checks(table):
                batch_op.create_check_constraint(check.name, str(check.sqltext))
    if table == "country_code":
        # The crosswalk is read by code (which country is COW 365 on a day).
        op.create_index("ix_country_code_scheme_code", table, ["scheme", "code"], unique=False)
    op.create_index(
        f"uq_{table}_alternative",
        table,
        ["alternative_of_id", "alternative"],
        unique=True,
        sqlite_where=sa.text("alternative_of_id IS NOT NULL"),
        postgresql_where=sa.text("alternative_of_id IS NOT NULL"),
    )


def _add_owner_columns() -> None:
    for table, comment in OWNED_TABLES.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "release_id",
                    sa.Integer(),
                    server_default=sa.text(str(CURATED_RELEASE_ID)),
                    nullable=False,
                    comment=comment,
                )
            )
            batch_op.create_index(op.f(f"ix_{table}_release_id"), ["release_id"], unique=False)
            batch_op.create_foreign_key(
                op.f(f"fk_{table}_release_id_release"), "release", ["release_id"], ["id"]
            )
            if table != "post":
                batch_op.alter_column(
                    "fact_id", existing_type=sa.Integer(), nullable=True, comment=FACT_COMMENT
                )
            if table == "person":
                # Archigos leader ids (leadid) are UUIDs: 36 characters.
                batch_op.alter_column(
                    "archigos_id",
                    existing_type=sa.String(length=20),
                    type_=sa.String(length=40),
                    existing_nullable=True,
                    comment="Archigos leader id (leadid), for national leaders.",
                )


# --- views -----------------------------------------------------------------------------------
# Version 0003 of each view is in alembic/views/<view>/0003.<backend>.sql. The research views
# keep their names and columns and gain source, confidence and note; each scope's preferred
# claims are those of its release of lowest precedence, alternatives never. A claim's scope is
# what it is about: membership (bloc, actor, role), dialogue coordination (bloc, partner), term
# (post, person), country code (country, scheme), trade figure (its series and valuation).

OLD_VIEW_NAMES = (
    "v_membership",
    "v_term",
    "v_meeting_participant",
    "v_trade",
    "v_country_year",
    "v_dyad_year",
)
VIEW_NAMES = (
    "v_membership",
    "v_term",
    "v_meeting_participant",
    "v_trade",
    "v_claim",
    "v_country_year",
    "v_country_year_gw",
    "v_dyad_year",
    "v_dyad_year_gw",
)

# --- upgrade and downgrade -------------------------------------------------------------------


def upgrade() -> None:
    for name in reversed(OLD_VIEW_NAMES):
        op.drop_view(name, "0002")
    for table in OLD_OVERLAP_RULES:
        op.drop_overlap_guard(table)
    _create_release_tables()
    _add_owner_columns()
    for table, (key, interval) in CLAIM_TABLES.items():
        _add_claim_columns(table, key, interval)
    _create_system_membership()
    _create_coverage()
    for table, (columns, where) in OVERLAP_RULES.items():
        op.create_overlap_guard(table, columns, where)
    for name in VIEW_NAMES:
        op.create_view(name, "0003")


def downgrade() -> None:
    for name in reversed(VIEW_NAMES):
        op.drop_view(name, "0003")
    for table in OVERLAP_RULES:
        op.drop_overlap_guard(table)
    op.drop_table("coverage")
    op.drop_table("system_membership")
    # 0002 holds one claim per key and no imported rows: keep the curated claims of their own.
    for table in CLAIM_TABLES:
        op.execute(f"DELETE FROM {table} WHERE alternative_of_id IS NOT NULL")
        op.execute(f"DELETE FROM {table} WHERE release_id <> {CURATED_RELEASE_ID}")
    for table in ("post", "person", "bloc"):
        op.execute(f"DELETE FROM {table} WHERE release_id <> {CURATED_RELEASE_ID}")
    for table, (key, interval) in CLAIM_TABLES.items():
        old_key = ["actor_id", "bloc_id", "role", "start_date"] if table == "membership" else key
        op.drop_index(f"uq_{table}_alternative", table_name=table)
        if table == "country_code":
            op.drop_index("ix_country_code_scheme_code", table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_alternative_numbered"), type_="check")
            if interval:
                batch_op.drop_constraint(op.f(f"ck_{table}_end_status_vocabulary"), type_="check")
                batch_op.drop_constraint(op.f(f"ck_{table}_end_status_matches_end"), type_="check")
            batch_op.drop_constraint(
                op.f(f"fk_{table}_alternative_of_id_{table}"), type_="foreignkey"
            )
            batch_op.drop_constraint(op.f(f"fk_{table}_release_id_release"), type_="foreignkey")
            batch_op.drop_constraint(op.f(f"uq_{table}_claim"), type_="unique")
            batch_op.create_unique_constraint(
                op.f(f"uq_{table}_{'_'.join(old_key)}"), list(old_key)
            )
            batch_op.alter_column("fact_id", existing_type=sa.Integer(), nullable=False)
            batch_op.drop_column("alternative")
            batch_op.drop_column("alternative_of_id")
            batch_op.drop_column("release_id")
            if interval:
                batch_op.drop_column("end_status")
    for table in OWNED_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"fk_{table}_release_id_release"), type_="foreignkey")
            batch_op.drop_index(op.f(f"ix_{table}_release_id"))
            batch_op.drop_column("release_id")
            if table != "post":
                batch_op.alter_column("fact_id", existing_type=sa.Integer(), nullable=False)
            if table == "person":
                batch_op.alter_column(
                    "archigos_id",
                    existing_type=sa.String(length=40),
                    type_=sa.String(length=20),
                    existing_nullable=True,
                )
    op.drop_index(op.f("ix_release_finding_release_id"), table_name="release_finding")
    op.drop_table("release_finding")
    op.drop_table("release_count")
    op.drop_table("release")
    for table, (columns, where) in OLD_OVERLAP_RULES.items():
        op.create_overlap_guard(table, columns, where, on_other_row=False)
    for name in OLD_VIEW_NAMES:
        op.create_view(name, "0002")
