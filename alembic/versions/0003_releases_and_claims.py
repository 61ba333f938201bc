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

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from alembic import op
from bilateral_db.models.dialect import Dialect

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
OLD_OVERLAP_TABLES = ("term", "membership", "dialogue_coordination")

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


# --- overlap guards --------------------------------------------------------------------------


def _pg_range(alias: str = "") -> str:
    p = f"{alias}." if alias else ""
    return (
        f"daterange({p}start_date, CASE {p}end_date_precision "
        f"WHEN 'year' THEN ({p}end_date + interval '1 year')::date "
        f"WHEN 'month' THEN ({p}end_date + interval '1 month')::date "
        f"ELSE {p}end_date END, '[)')"
    )


def _sqlite_end_exclusive(alias: str) -> str:
    return (
        f"CASE {alias}.end_date_precision "
        f"WHEN 'year' THEN date({alias}.end_date, '+1 year') "
        f"WHEN 'month' THEN date({alias}.end_date, '+1 month') "
        f"ELSE {alias}.end_date END"
    )


def _sqlite_overlap(a: str, b: str) -> str:
    """The same test as PostgreSQL's && on the ranges above; NULL bounds are unbounded."""
    a_end, b_end = _sqlite_end_exclusive(a), _sqlite_end_exclusive(b)

    def non_empty(alias: str, end: str) -> str:
        return f"({alias}.start_date IS NULL OR ({end}) IS NULL OR {alias}.start_date < ({end}))"

    return (
        f"{non_empty(a, a_end)} AND {non_empty(b, b_end)} "
        f"AND ({a}.start_date IS NULL OR ({b_end}) IS NULL OR {a}.start_date < ({b_end})) "
        f"AND ({b}.start_date IS NULL OR ({a_end}) IS NULL OR {b}.start_date < ({a_end}))"
    )


def _add_overlap_guards() -> None:
    if _postgresql():
        for table, (columns, conditions) in OVERLAP_RULES.items():
            elements = ", ".join(f"{column} WITH =" for column in columns)
            where = " AND ".join(condition.format(row="") for condition in conditions)
            op.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT ex_{table}_overlap "
                f"EXCLUDE USING gist ({elements}, {_pg_range()} WITH &&)"
                + (f" WHERE ({where})" if where else "")
            )
        return
    for table, (columns, conditions) in OVERLAP_RULES.items():
        same = " AND ".join(f"other.{column} = NEW.{column}" for column in columns)
        guard = "".join(f"{condition.format(row='NEW.')} AND " for condition in conditions)
        other = "".join(f" AND {condition.format(row='other.')}" for condition in conditions)
        for event in ("INSERT", "UPDATE"):
            op.execute(
                f"CREATE TRIGGER ex_{table}_overlap_{event.lower()} BEFORE {event} ON {table} "
                f"WHEN {guard}EXISTS (SELECT 1 FROM {table} AS other WHERE {same} "
                f"AND other.id IS NOT NEW.id{other} AND {_sqlite_overlap('other', 'NEW')}) "
                f"BEGIN SELECT RAISE(ABORT, 'ex_{table}_overlap: overlapping {table} intervals'); END"
            )


def _drop_overlap_guards(tables: Sequence[str]) -> None:
    for table in tables:
        if _postgresql():
            op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS ex_{table}_overlap")
        else:
            for event in ("insert", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS ex_{table}_overlap_{event}")


# --- views -----------------------------------------------------------------------------------

# Each claim table's scope: the columns a claim is "about". Within a scope, the claims of the
# release of lowest precedence are the preferred ones.
SCOPES = {
    "membership": ("bloc_id", "actor_id", "role"),
    "dialogue_coordination": ("bloc_id", "partner_actor_id"),
    "term": ("post_id", "person_id"),
    "country_code": ("country_id", "scheme"),
    "trade_figure": (*SERIES, "valuation"),
}


def _preferred(table: str, alias: str, release: str) -> str:
    """SQL: the row is a claim of its own from the preferred release of its scope."""
    same = " AND ".join(f"o.{column} = {alias}.{column}" for column in SCOPES[table])
    return (
        f"({alias}.alternative_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM {table} o "
        f"JOIN release ro ON ro.id = o.release_id WHERE {same} "
        f"AND o.alternative_of_id IS NULL AND ro.precedence < {release}.precedence))"
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


def _named_actor() -> str:
    return """
        SELECT a.id AS actor_id, c.code AS code, COALESCE(c.common_name, c.name) AS name,
               'country' AS kind, c.id AS country_id
        FROM actor a JOIN country c ON c.id = a.country_id
        UNION ALL
        SELECT a.id, b.code, b.name, 'bloc', NULL
        FROM actor a JOIN bloc b ON b.id = a.bloc_id
    """


def _dated(d: Dialect, alias: str, start: str = "start_date", end: str = "end_date") -> str:
    return f"""
        {alias}.{start}, {alias}.{start}_precision,
        {d.label(f"{alias}.{start}", f"{alias}.{start}_precision")} AS start_label,
        {alias}.{end}, {alias}.{end}_precision,
        {d.label(f"{alias}.{end}", f"{alias}.{end}_precision")} AS end_label,
        {alias}.end_status,
        {d.end_exclusive(f"{alias}.{end}", f"{alias}.{end}_precision")} AS end_exclusive
    """


def _claim_views(d: Dialect) -> dict[str, str]:
    named_actor = _named_actor()
    membership = f"""
        SELECT m.id AS membership_id,
               b.code AS bloc_code, b.name AS bloc_name,
               na.code AS member_code, na.name AS member_name, na.kind AS member_kind,
               m.role, {_dated(d, "m")},
               r.slug AS source, f.confidence, f.note, m.fact_id
        FROM membership m
        JOIN release r ON r.id = m.release_id
        JOIN bloc b ON b.id = m.bloc_id
        JOIN ({named_actor}) na ON na.actor_id = m.actor_id
        LEFT JOIN fact f ON f.id = m.fact_id
        WHERE {_preferred("membership", "m", "r")}
    """
    term = f"""
        SELECT t.id AS term_id,
               p.slug AS person_slug, p.name AS person_name,
               c.code AS country_code, COALESCE(c.common_name, c.name) AS country_name,
               ps.office, ps.title AS post_title, ps.single_seat, {_dated(d, "t")},
               r.slug AS source, f.confidence, f.note, t.fact_id
        FROM term t
        JOIN release r ON r.id = t.release_id
        JOIN person p ON p.id = t.person_id
        JOIN post ps ON ps.id = t.post_id
        JOIN country c ON c.id = ps.country_id
        LEFT JOIN fact f ON f.id = t.fact_id
        WHERE {_preferred("term", "t", "r")}
    """
    participant = f"""
        SELECT mt.slug AS meeting_slug, mt.name AS meeting_name, mt.kind AS meeting_kind,
               mt.ordinal,
               mt.start_date, mt.start_date_precision,
               {d.label("mt.start_date", "mt.start_date_precision")} AS start_label,
               mt.end_date, mt.end_date_precision,
               {d.year("mt.start_date")} AS year,
               ci.name AS city, hc.code AS host_code, b.code AS bloc_code,
               parent.slug AS parent_slug,
               pe.slug AS person_slug, pe.name AS person_name,
               na.code AS actor_code, na.name AS actor_name, na.kind AS actor_kind,
               pa.role, pa.status, f.confidence, f.note, pa.fact_id
        FROM participant pa
        JOIN meeting mt ON mt.id = pa.meeting_id
        JOIN fact f ON f.id = pa.fact_id
        LEFT JOIN city ci ON ci.id = mt.city_id
        LEFT JOIN country hc ON hc.id = mt.host_country_id
        LEFT JOIN bloc b ON b.id = mt.bloc_id
        LEFT JOIN meeting parent ON parent.id = mt.parent_id
        LEFT JOIN person pe ON pe.id = pa.person_id
        LEFT JOIN ({named_actor}) na ON na.actor_id = pa.actor_id
    """
    period_index = (
        f"CASE tf.period_precision WHEN 'year' THEN {d.year('tf.period_start')} "
        f"ELSE {d.year('tf.period_start')} * 12 + {d.month('tf.period_start')} END"
    )
    trade = f"""
        SELECT s.trade_figure_id, s.reporter_code, s.reporter_kind, s.partner_code,
               s.partner_kind, s.year, s.month, s.period_start, s.period_precision, s.flow,
               s.category_code, s.valuation, s.value_status, s.value_minor, s.currency_code,
               s.minor_unit, s.qualifier,
               CASE WHEN s.previous_index = s.period_index - 1 THEN s.lag_value_minor END
                   AS previous_value_minor,
               CASE WHEN s.previous_index = s.period_index - 1 AND s.lag_value_minor > 0
                    THEN {d.percent_change("s.value_minor", "s.lag_value_minor")} END
                   AS change_pct,
               s.source, s.confidence, s.note, s.fact_id
        FROM (
            SELECT tf.id AS trade_figure_id,
                   rp.code AS reporter_code, rp.kind AS reporter_kind,
                   pt.code AS partner_code, pt.kind AS partner_kind,
                   {d.year("tf.period_start")} AS year,
                   CASE tf.period_precision WHEN 'month'
                        THEN {d.month("tf.period_start")} END AS month,
                   tf.period_start, tf.period_precision,
                   tf.flow, pc.code AS category_code, tf.valuation, tf.value_status,
                   tf.value_minor, tf.currency_code, cu.minor_unit, tf.qualifier,
                   {period_index} AS period_index,
                   LAG({period_index}) OVER series AS previous_index,
                   LAG(tf.value_minor) OVER series AS lag_value_minor,
                   r.slug AS source, f.confidence, f.note, tf.fact_id
            FROM trade_figure tf
            JOIN release r ON r.id = tf.release_id
            JOIN ({named_actor}) rp ON rp.actor_id = tf.reporter_actor_id
            JOIN ({named_actor}) pt ON pt.actor_id = tf.partner_actor_id
            JOIN product_category pc ON pc.id = tf.category_id
            LEFT JOIN currency cu ON cu.code = tf.currency_code
            LEFT JOIN fact f ON f.id = tf.fact_id
            WHERE {_preferred("trade_figure", "tf", "r")}
            WINDOW series AS (
                PARTITION BY tf.reporter_actor_id, tf.partner_actor_id, tf.flow,
                             tf.category_id, tf.valuation, tf.period_precision,
                             tf.currency_code
                ORDER BY tf.period_start
            )
        ) s
    """
    return {
        "v_membership": membership,
        "v_term": term,
        "v_meeting_participant": participant,
        "v_trade": trade,
        "v_claim": _claim_view(d, named_actor),
    }


def _flag(condition: str) -> str:
    """A condition as 1 or 0, the same on both backends (PostgreSQL would give a boolean)."""
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _claim_view(d: Dialect, named_actor: str) -> str:
    """Every claim of every release, alternatives included, in one shape."""
    common = "{alias}.start_date, {alias}.start_date_precision, {start_label} AS start_label, " + (
        "{alias}.end_date, {alias}.end_date_precision, {end_label} AS end_label, "
        "{alias}.end_status, {end_exclusive} AS end_exclusive"
    )

    def dated(alias: str) -> str:
        return common.format(
            alias=alias,
            start_label=d.label(f"{alias}.start_date", f"{alias}.start_date_precision"),
            end_label=d.label(f"{alias}.end_date", f"{alias}.end_date_precision"),
            end_exclusive=d.end_exclusive(f"{alias}.end_date", f"{alias}.end_date_precision"),
        )

    sources = "r.slug AS source, r.precedence"
    claim = "{alias}.alternative, {alias}.alternative_of_id, f.confidence, f.note, {alias}.fact_id"
    return f"""
        SELECT 'membership' AS kind, m.id AS claim_id,
               b.code || '/' || na.code || '/' || m.role AS subject,
               b.code AS bloc_code, na.code AS member_code, m.role,
               CAST(NULL AS VARCHAR(3)) AS country_code, CAST(NULL AS VARCHAR(80)) AS office,
               CAST(NULL AS VARCHAR(120)) AS person_slug,
               CAST(NULL AS VARCHAR(40)) AS scheme, CAST(NULL AS VARCHAR(8)) AS code,
               {dated("m")}, {sources}, {_flag(_preferred("membership", "m", "r"))} AS preferred,
               {claim.format(alias="m")}
        FROM membership m
        JOIN release r ON r.id = m.release_id
        JOIN bloc b ON b.id = m.bloc_id
        JOIN ({named_actor}) na ON na.actor_id = m.actor_id
        LEFT JOIN fact f ON f.id = m.fact_id
        UNION ALL
        SELECT 'coordination', dc.id, b.code || '/' || na.code || '/coordinator',
               b.code, na.code, 'coordinator', c.code, NULL, NULL, NULL, NULL,
               {dated("dc")}, {sources}, {_flag(_preferred("dialogue_coordination", "dc", "r"))},
               {claim.format(alias="dc")}
        FROM dialogue_coordination dc
        JOIN release r ON r.id = dc.release_id
        JOIN bloc b ON b.id = dc.bloc_id
        JOIN ({named_actor}) na ON na.actor_id = dc.partner_actor_id
        JOIN country c ON c.id = dc.coordinator_country_id
        LEFT JOIN fact f ON f.id = dc.fact_id
        UNION ALL
        SELECT 'term', t.id, c.code || '/' || ps.office || '/' || p.slug,
               NULL, NULL, NULL, c.code, ps.office, p.slug, NULL, NULL,
               {dated("t")}, {sources}, {_flag(_preferred("term", "t", "r"))},
               {claim.format(alias="t")}
        FROM term t
        JOIN release r ON r.id = t.release_id
        JOIN person p ON p.id = t.person_id
        JOIN post ps ON ps.id = t.post_id
        JOIN country c ON c.id = ps.country_id
        LEFT JOIN fact f ON f.id = t.fact_id
        UNION ALL
        SELECT 'country_code', cc.id, c.code || '/' || cc.scheme,
               NULL, NULL, NULL, c.code, NULL, NULL, cc.scheme, cc.code,
               {dated("cc")}, {sources}, {_flag(_preferred("country_code", "cc", "r"))},
               {claim.format(alias="cc")}
        FROM country_code cc
        JOIN release r ON r.id = cc.release_id
        JOIN country c ON c.id = cc.country_id
        LEFT JOIN fact f ON f.id = cc.fact_id
        UNION ALL
        SELECT 'state', sm.id, sm.system || '/' || CAST(sm.code AS VARCHAR(8)),
               NULL, NULL, NULL, NULL, NULL, NULL, sm.system, CAST(sm.code AS VARCHAR(8)),
               {dated("sm")}, {sources}, 1, 0, NULL, NULL, NULL, NULL
        FROM system_membership sm
        JOIN release r ON r.id = sm.release_id
    """


def _panel_views(d: Dialect, system: str) -> dict[str, str]:
    """The country-year and dyad-year panels of one state list (cow or gw)."""
    code = "ccode" if system == "cow" else "gwcode"
    suffix = "" if system == "cow" else "_gw"
    dec_31 = d.december_31("y.year")
    # A state still in the list at its edge (a censored end) is carried on to this year,
    # marked listed = 0 after the edge: the list does not say, the panel assumes it goes on.
    real_end = "(CASE WHEN sm.end_status = 'censored' THEN NULL ELSE sm.end_date END)"
    carried_end = (
        "CASE WHEN end_status = 'censored' OR end_date IS NULL THEN CURRENT_DATE ELSE end_date END"
    )
    years = f"""
        bounds AS (
            SELECT MIN({d.year("start_date")}) AS first_year,
                   MAX({d.year(carried_end)}) AS last_year
            FROM system_membership WHERE system = '{system}'
        ),
        years(year) AS (
            SELECT first_year FROM bounds WHERE first_year IS NOT NULL
            UNION ALL
            SELECT y.year + 1 FROM years y, bounds WHERE y.year < bounds.last_year
        ),
        state_year AS (
            SELECT sm.code, y.year, sm.name AS list_name,
                   {d.least_date(dec_31, real_end)} AS last_day,
                   CASE WHEN sm.end_status = 'censored' AND sm.end_date < {d.jan_1("y.year")}
                        THEN 0 ELSE 1 END AS listed
            FROM system_membership sm
            JOIN years y ON sm.start_date <= {dec_31}
                        AND ({real_end} IS NULL OR {real_end} >= {d.jan_1("y.year")})
            WHERE sm.system = '{system}'
        ),
        mapped AS (
            SELECT sy.code, sy.year, sy.list_name, sy.last_day, sy.listed,
                   (SELECT MIN(cc.country_id) FROM country_code cc
                    JOIN release r ON r.id = cc.release_id
                    WHERE cc.scheme = '{system}' AND cc.code = CAST(sy.code AS VARCHAR(8))
                      AND {_preferred("country_code", "cc", "r")}
                      AND {d.code_covers("cc", "sy.last_day")}) AS country_id
            FROM state_year sy
        ),
        state AS (
            SELECT mp.code, mp.year, mp.last_day, mp.listed, c.code AS iso,
                   COALESCE(c.common_name, c.name, mp.list_name) AS name, a.id AS actor_id
            FROM mapped mp
            LEFT JOIN country c ON c.id = mp.country_id
            LEFT JOIN actor a ON a.country_id = c.id
        )
    """
    # Every country taking part in a meeting: named, through an official, or as host.
    meeting_country = f"""
        meeting_country AS (
            SELECT p.meeting_id, p.actor_id
            FROM participant p JOIN actor a ON a.id = p.actor_id
            WHERE a.country_id IS NOT NULL
            UNION
            SELECT p.meeting_id, a.id
            FROM participant p
            JOIN meeting mt ON mt.id = p.meeting_id
            JOIN term t ON t.person_id = p.person_id
            JOIN release r ON r.id = t.release_id
            JOIN post ps ON ps.id = t.post_id
            JOIN actor a ON a.country_id = ps.country_id
            WHERE p.actor_id IS NULL AND {d.covers("t", "mt.start_date")}
              AND {_preferred("term", "t", "r")}
            UNION
            SELECT mt.id, a.id
            FROM meeting mt JOIN actor a ON a.country_id = mt.host_country_id
        )
    """

    def trade_of(reporter: str, partner: str | None, flow: str) -> str:
        partner_test = f"AND tf.partner_actor_id = {partner} " if partner else ""
        return (
            # BIGINT on both backends (PostgreSQL's SUM of BIGINT is NUMERIC): exact, integral.
            "(SELECT CAST(SUM(tf.value_minor) AS BIGINT) FROM trade_figure tf "
            "JOIN release r ON r.id = tf.release_id "
            "JOIN product_category pc ON pc.id = tf.category_id "
            "JOIN actor pa ON pa.id = tf.partner_actor_id "
            f"WHERE tf.reporter_actor_id = {reporter} {partner_test}"
            f"AND tf.flow = '{flow}' AND pc.code = 'all-goods' AND tf.period_precision = 'year' "
            "AND tf.currency_code = 'USD' AND tf.value_status = 'observed' "
            f"AND {_preferred('trade_figure', 'tf', 'r')} "
            + ("" if partner else "AND pa.country_id IS NOT NULL ")
            + f"AND tf.period_start = {d.jan_1('s.year')})"
        )

    def members_on(alias: str, day: str) -> str:
        return (
            f"{alias}.role = 'member' AND {d.covers(alias, day)} "
            f"AND {_preferred('membership', alias, 'r' + alias)}"
        )

    country_year = f"""
        WITH RECURSIVE {years}, {meeting_country}
        SELECT s.code AS {code}, s.year, s.iso, s.name, s.listed,
               (SELECT COUNT(*) FROM membership m JOIN release rm ON rm.id = m.release_id
                WHERE m.actor_id = s.actor_id AND {members_on("m", "s.last_day")})
                   AS bloc_memberships,
               (SELECT COUNT(*) FROM meeting_country mc JOIN meeting mt ON mt.id = mc.meeting_id
                WHERE mc.actor_id = s.actor_id
                  AND {d.year("mt.start_date")} = s.year) AS meetings,
               {trade_of("s.actor_id", None, "export")} AS exports_usd_minor,
               {trade_of("s.actor_id", None, "import")} AS imports_usd_minor
        FROM state s
    """
    shared_day = d.least_date("s.last_day", "o.last_day")
    dyad_year = f"""
        WITH RECURSIVE {years}, {meeting_country}
        SELECT s.code AS {code}1, o.code AS {code}2, s.year, s.iso AS iso1, o.iso AS iso2,
               s.listed * o.listed AS listed,
               (SELECT COUNT(*) FROM membership m1
                JOIN release rm1 ON rm1.id = m1.release_id
                JOIN membership m2 ON m2.bloc_id = m1.bloc_id
                JOIN release rm2 ON rm2.id = m2.release_id
                WHERE m1.actor_id = s.actor_id AND m2.actor_id = o.actor_id
                  AND {members_on("m1", shared_day)}
                  AND {members_on("m2", shared_day)}) AS shared_memberships,
               (SELECT COUNT(*) FROM meeting_country c1
                JOIN meeting_country c2 ON c2.meeting_id = c1.meeting_id
                JOIN meeting mt ON mt.id = c1.meeting_id
                WHERE c1.actor_id = s.actor_id AND c2.actor_id = o.actor_id
                  AND {d.year("mt.start_date")} = s.year) AS meetings,
               {trade_of("s.actor_id", "o.actor_id", "export")} AS exports_usd_minor,
               {trade_of("s.actor_id", "o.actor_id", "import")} AS imports_usd_minor,
               {trade_of("s.actor_id", "o.actor_id", "total")} AS total_usd_minor
        FROM state s
        JOIN state o ON o.year = s.year AND o.code <> s.code
    """
    return {f"v_country_year{suffix}": country_year, f"v_dyad_year{suffix}": dyad_year}


def _views(d: Dialect) -> dict[str, str]:
    return {**_claim_views(d), **_panel_views(d, "cow"), **_panel_views(d, "gw")}


OLD_VIEW_NAMES = (
    "v_membership",
    "v_term",
    "v_meeting_participant",
    "v_trade",
    "v_country_year",
    "v_dyad_year",
)


def _drop_views(names: Sequence[str]) -> None:
    for name in reversed(names):
        op.execute(f"DROP VIEW IF EXISTS {name}")


# --- upgrade and downgrade -------------------------------------------------------------------


def upgrade() -> None:
    _drop_views(OLD_VIEW_NAMES)
    _drop_overlap_guards(OLD_OVERLAP_TABLES)
    _create_release_tables()
    _add_owner_columns()
    for table, (key, interval) in CLAIM_TABLES.items():
        _add_claim_columns(table, key, interval)
    _create_system_membership()
    _create_coverage()
    _add_overlap_guards()
    views = _views(Dialect(op.get_bind().dialect.name))
    for name in VIEW_NAMES:
        op.execute(f"CREATE VIEW {name} AS {views[name]}")


def downgrade() -> None:
    _drop_views(VIEW_NAMES)
    _drop_overlap_guards(list(OVERLAP_RULES))
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
    # 0001's overlap guards and 0002's views, as those migrations wrote them.
    _migration("0001_initial_schema")._add_overlap_guards()
    _migration("0002_research_views").upgrade()


def _migration(name: str) -> Any:
    """An earlier migration's module, to run its own code again."""
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"bilateral_db_migration_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
