"""Initial schema: every entity of the design, with integrity rules on both backends.

Reviewed by hand from autogenerate output. Beyond what the models describe it adds:
- the meeting_kind vocabulary with its CAMEO and PLOVER codes;
- "no overlap" rules for terms of single-seat posts, memberships of one actor x bloc x role,
  and coordinators of one bloc x partner: exclusion constraints on PostgreSQL, triggers on SQLite
  (op.create_overlap_guard, alembic/ops.py).

Overlap is judged on half-open ranges [start, end_exclusive) where an end at day precision is
exclusive (a successor may start on the day a predecessor leaves: the handover day) and an end
at month or year precision covers its whole month or year.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


MEETING_KINDS = [
    ("summit", "Meeting of heads of state or government.", "040", "CONSULT"),
    ("ministerial_meeting", "Meeting of ministers, e.g. foreign ministers.", "040", "CONSULT"),
    ("bilateral_talks", "Talks or negotiations between two parties' officials.", "046", "CONSULT"),
    (
        "forum",
        "Conference open to officials and business, e.g. the Eastern Economic Forum.",
        "040",
        "CONSULT",
    ),
    ("official_visit", "A visit by an official to another country.", "042", "CONSULT"),
    ("signing_ceremony", "A meeting held to sign an agreement.", "057", "AGREE"),
]

# table -> columns that must be equal for two rows to be forbidden from overlapping, and
# conditions on the row ({row} is its prefix: only single-seat posts forbid overlapping terms).
OVERLAP_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "term": (("post_id",), ("{row}single_seat",)),
    "membership": (("actor_id", "bloc_id", "role"), ()),
    "dialogue_coordination": (("bloc_id", "partner_actor_id"), ()),
}


def _seed_meeting_kinds() -> None:
    table = sa.table(
        "meeting_kind",
        sa.column("code", sa.String),
        sa.column("description", sa.Text),
        sa.column("cameo_code", sa.String),
        sa.column("plover_code", sa.String),
    )
    op.bulk_insert(
        table,
        [
            dict(zip(("code", "description", "cameo_code", "plover_code"), row, strict=True))
            for row in MEETING_KINDS
        ],
    )


def _add_overlap_guards() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # btree_gist lets a GiST index compare plain columns with = beside the range's &&.
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, (columns, where) in OVERLAP_RULES.items():
        # SQLite's triggers test the condition on the new row only (rows of one post share
        # single_seat), as they always have.
        op.create_overlap_guard(table, columns, where, on_other_row=False)


def _drop_overlap_guards() -> None:
    for table in OVERLAP_RULES:
        op.drop_overlap_guard(table)


def upgrade() -> None:
    op.create_table(
        "currency",
        sa.Column(
            "code",
            sa.String(length=3),
            nullable=False,
            comment="ISO 4217 alphabetic code, e.g. USD.",
        ),
        sa.Column("name", sa.String(length=100), nullable=False, comment="English name."),
        sa.Column(
            "minor_unit",
            sa.Integer(),
            nullable=False,
            comment="Decimal places of the minor unit: 2 for USD (cents), 0 for JPY.",
        ),
        sa.CheckConstraint(
            "length(code) = 3 AND code = upper(code)", name=op.f("ck_currency_code_alpha3")
        ),
        sa.CheckConstraint("minor_unit BETWEEN 0 AND 4", name=op.f("ck_currency_minor_unit_range")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_currency")),
        comment="ISO 4217 currencies.",
    )
    op.create_table(
        "fact",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "entity",
            sa.String(length=40),
            nullable=False,
            comment="Table of the row that states this fact.",
        ),
        sa.Column(
            "confidence",
            sa.String(length=40),
            nullable=False,
            comment="stated: read in the sources; inferred: derived from them (see note).",
        ),
        sa.Column(
            "note",
            sa.Text(),
            nullable=True,
            comment="Editorial note: how a value was inferred, known conflicts.",
        ),
        sa.CheckConstraint(
            "confidence IN ('stated', 'inferred')", name=op.f("ck_fact_confidence_vocabulary")
        ),
        sa.CheckConstraint(
            "entity IN ('country', 'country_code', 'bloc', 'membership', 'dialogue_coordination', 'person', 'term', 'meeting', 'participant', 'meeting_topic', 'relation_topic', 'agreement', 'agreement_topic', 'progress_statement', 'trade_figure', 'trade_reported_change')",
            name=op.f("ck_fact_entity_vocabulary"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact")),
        comment="Every fact row (membership, term, trade figure, …) has one; citations attach here.",
    )
    op.create_table(
        "meeting_kind",
        sa.Column("code", sa.String(length=40), nullable=False, comment="Our code, e.g. summit."),
        sa.Column("description", sa.Text(), nullable=False, comment="What counts as this kind."),
        sa.Column(
            "cameo_code",
            sa.String(length=4),
            nullable=False,
            comment="CAMEO event code, e.g. 040 (consult), 046 (negotiate).",
        ),
        sa.Column(
            "plover_code",
            sa.String(length=20),
            nullable=False,
            comment="PLOVER event type, e.g. CONSULT, AGREE.",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_meeting_kind")),
        comment="Kinds of meeting with their CAMEO and PLOVER event codes (seeded by migration).",
    )
    op.create_table(
        "product_category",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "code",
            sa.String(length=40),
            nullable=False,
            comment="Natural key: all-goods, agriculture, hs2017:27, …",
        ),
        sa.Column("name", sa.String(length=200), nullable=False, comment="English name."),
        sa.Column("scheme", sa.String(length=40), nullable=False, comment="broad, hs or sitc."),
        sa.Column(
            "revision",
            sa.String(length=20),
            nullable=True,
            comment="Revision of the HS or SITC nomenclature, e.g. HS2017.",
        ),
        sa.Column("parent_id", sa.Integer(), nullable=True, comment="The broader category."),
        sa.CheckConstraint(
            "scheme IN ('broad', 'hs', 'sitc')", name=op.f("ck_product_category_scheme_vocabulary")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["product_category.id"],
            name=op.f("fk_product_category_parent_id_product_category"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_category")),
        sa.UniqueConstraint("code", name=op.f("uq_product_category_code")),
        comment="Product categories of trade figures: broad groups, HS or SITC codes.",
    )
    op.create_index(
        op.f("ix_product_category_parent_id"), "product_category", ["parent_id"], unique=False
    )

    op.create_table(
        "source",
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
            comment="Natural key, e.g. sputnik-2019-07-31-asean-russia.",
        ),
        sa.Column("title", sa.Text(), nullable=False, comment="Title as published."),
        sa.Column(
            "publisher",
            sa.String(length=200),
            nullable=True,
            comment="Who published it (outlet, ministry, agency).",
        ),
        sa.Column("url", sa.Text(), nullable=True, comment="Where it was read."),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="news, official, dataset, standard, reference or academic.",
        ),
        sa.Column(
            "language",
            sa.String(length=8),
            nullable=True,
            comment="ISO 639-1 code of the text's language.",
        ),
        sa.Column(
            "published_on",
            sa.Date(),
            nullable=True,
            comment="Publication date (first day of its period).",
        ),
        sa.Column(
            "published_on_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of published_on: day, month or year (the date is the period's first day).",
        ),
        sa.CheckConstraint(
            "kind IN ('news', 'official', 'dataset', 'standard', 'reference', 'academic')",
            name=op.f("ck_source_kind_vocabulary"),
        ),
        sa.CheckConstraint(
            "published_on_precision IN ('day', 'month', 'year')",
            name=op.f("ck_source_published_on_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(published_on IS NULL AND published_on_precision IS NULL) OR (published_on IS NOT NULL AND published_on_precision IS NOT NULL)",
            name=op.f("ck_source_published_on_precision_present"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("slug", name=op.f("uq_source_slug")),
        comment="Documents that facts are taken from.",
    )
    op.create_table(
        "topic",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "slug",
            sa.String(length=80),
            nullable=False,
            comment="Natural key, e.g. counter-terrorism.",
        ),
        sa.Column("name", sa.String(length=200), nullable=False, comment="English name."),
        sa.Column("description", sa.Text(), nullable=True, comment="What the topic covers."),
        sa.CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'",
            name=op.f("ck_topic_slug_format"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic")),
        sa.UniqueConstraint("slug", name=op.f("uq_topic_slug")),
        comment="Subjects of meetings, agreements and relations.",
    )
    op.create_table(
        "bloc",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "code",
            sa.String(length=20),
            nullable=False,
            comment="Our stable code, upper case, e.g. ASEAN.",
        ),
        sa.Column("name", sa.String(length=200), nullable=False, comment="English name."),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="regional_organisation, forum, customs_union, … (see vocabulary).",
        ),
        sa.Column("wikidata_id", sa.String(length=20), nullable=True, comment="Wikidata item."),
        sa.Column(
            "cow_igo_code",
            sa.String(length=20),
            nullable=True,
            comment="Correlates of War IGO abbreviation, where one exists.",
        ),
        sa.Column(
            "founded_on",
            sa.Date(),
            nullable=True,
            comment="Founding date (first day of its period).",
        ),
        sa.Column(
            "founded_on_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of founded_on: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "dissolved_on",
            sa.Date(),
            nullable=True,
            comment="Dissolution date; NULL while it exists.",
        ),
        sa.Column(
            "dissolved_on_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of dissolved_on: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "dissolved_on_precision IN ('day', 'month', 'year')",
            name=op.f("ck_bloc_dissolved_on_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "founded_on_precision IN ('day', 'month', 'year')",
            name=op.f("ck_bloc_founded_on_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "kind IN ('regional_organisation', 'international_organisation', 'forum', 'customs_union', 'economic_union', 'political_and_economic_union', 'military_alliance', 'free_trade_area')",
            name=op.f("ck_bloc_kind_vocabulary"),
        ),
        sa.CheckConstraint(
            "(dissolved_on IS NULL AND dissolved_on_precision IS NULL) OR (dissolved_on IS NOT NULL AND dissolved_on_precision IS NOT NULL)",
            name=op.f("ck_bloc_dissolved_on_precision_present"),
        ),
        sa.CheckConstraint(
            "(founded_on IS NULL AND founded_on_precision IS NULL) OR (founded_on IS NOT NULL AND founded_on_precision IS NOT NULL)",
            name=op.f("ck_bloc_founded_on_precision_present"),
        ),
        sa.CheckConstraint("code = upper(code)", name=op.f("ck_bloc_code_upper")),
        sa.CheckConstraint(
            "dissolved_on IS NULL OR founded_on IS NULL OR dissolved_on >= founded_on",
            name=op.f("ck_bloc_dissolved_on_not_before_founded_on"),
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_bloc_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bloc")),
        sa.UniqueConstraint("code", name=op.f("uq_bloc_code")),
        sa.UniqueConstraint("cow_igo_code", name=op.f("uq_bloc_cow_igo_code")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_bloc_fact_id")),
        sa.UniqueConstraint("wikidata_id", name=op.f("uq_bloc_wikidata_id")),
        comment="Blocs: regional organisations, forums, customs unions, alliances.",
    )
    op.create_table(
        "citation",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("fact_id", sa.Integer(), nullable=False, comment="The fact cited."),
        sa.Column("source_id", sa.Integer(), nullable=False, comment="The source that states it."),
        sa.Column(
            "locator",
            sa.Text(),
            nullable=True,
            comment="Where in the source: a quote, page or paragraph.",
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_citation_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_citation_source_id_source"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citation")),
        sa.UniqueConstraint("fact_id", "source_id", name=op.f("uq_citation_fact_id_source_id")),
        comment="Which sources support which facts.",
    )
    op.create_index(op.f("ix_citation_fact_id"), "citation", ["fact_id"], unique=False)
    op.create_index(op.f("ix_citation_source_id"), "citation", ["source_id"], unique=False)

    op.create_table(
        "country",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "code",
            sa.String(length=3),
            nullable=False,
            comment="ISO 3166-1 alpha-3 (ISO 3166-3 for dissolved states; XKX for Kosovo).",
        ),
        sa.Column(
            "alpha2",
            sa.String(length=2),
            nullable=True,
            comment="ISO 3166-1 alpha-2, where one is assigned.",
        ),
        sa.Column(
            "numeric",
            sa.String(length=3),
            nullable=True,
            comment="ISO 3166-1 numeric, zero-padded, where one is assigned.",
        ),
        sa.Column(
            "name",
            sa.String(length=200),
            nullable=False,
            comment="Short English name, e.g. Viet Nam.",
        ),
        sa.Column(
            "official_name",
            sa.String(length=300),
            nullable=True,
            comment="Official English name, e.g. Socialist Republic of Viet Nam.",
        ),
        sa.Column(
            "common_name",
            sa.String(length=200),
            nullable=True,
            comment="Name in everyday use where it differs, e.g. Vietnam.",
        ),
        sa.Column(
            "wikidata_id", sa.String(length=20), nullable=True, comment="Wikidata item, e.g. Q881."
        ),
        sa.Column(
            "start_date",
            sa.Date(),
            nullable=True,
            comment="First day the state existed; NULL if unknown or long-standing.",
        ),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of start_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "end_date",
            sa.Date(),
            nullable=True,
            comment="Last day the state existed; NULL while it exists.",
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of end_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "end_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_country_end_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "start_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_country_start_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_date IS NULL AND end_date_precision IS NULL) OR (end_date IS NOT NULL AND end_date_precision IS NOT NULL)",
            name=op.f("ck_country_end_date_precision_present"),
        ),
        sa.CheckConstraint(
            "(start_date IS NULL AND start_date_precision IS NULL) OR (start_date IS NOT NULL AND start_date_precision IS NOT NULL)",
            name=op.f("ck_country_start_date_precision_present"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_country_end_date_not_before_start_date"),
        ),
        sa.CheckConstraint(
            "length(code) = 3 AND code = upper(code)", name=op.f("ck_country_code_alpha3")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_country_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country")),
        sa.UniqueConstraint("code", name=op.f("uq_country_code")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_country_fact_id")),
        sa.UniqueConstraint("wikidata_id", name=op.f("uq_country_wikidata_id")),
        comment="States by ISO 3166-1 alpha-3 (dissolved ones by their ISO 3166-3 code).",
    )
    op.create_table(
        "person",
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
            comment="Natural key, e.g. sergey-lavrov.",
        ),
        sa.Column(
            "name",
            sa.String(length=200),
            nullable=False,
            comment="Name in English as commonly written.",
        ),
        sa.Column(
            "native_name",
            sa.String(length=200),
            nullable=True,
            comment="Name in the person's own language and script.",
        ),
        sa.Column(
            "wikidata_id",
            sa.String(length=20),
            nullable=True,
            comment="Wikidata item, e.g. Q167976.",
        ),
        sa.Column(
            "archigos_id",
            sa.String(length=20),
            nullable=True,
            comment="Archigos leader id (obsid), for national leaders.",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'",
            name=op.f("ck_person_slug_format"),
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_person_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("archigos_id", name=op.f("uq_person_archigos_id")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_person_fact_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_person_slug")),
        sa.UniqueConstraint("wikidata_id", name=op.f("uq_person_wikidata_id")),
        comment="People: officials, leaders and others who speak or meet.",
    )
    op.create_table(
        "actor",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "country_id", sa.Integer(), nullable=True, comment="The country, if this actor is one."
        ),
        sa.Column(
            "bloc_id", sa.Integer(), nullable=True, comment="The bloc, if this actor is one."
        ),
        sa.CheckConstraint(
            "(country_id IS NULL) <> (bloc_id IS NULL)",
            name=op.f("ck_actor_exactly_one_of_country_or_bloc"),
        ),
        sa.ForeignKeyConstraint(
            ["bloc_id"], ["bloc.id"], name=op.f("fk_actor_bloc_id_bloc"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["country_id"],
            ["country.id"],
            name=op.f("fk_actor_country_id_country"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sa.UniqueConstraint("bloc_id", name=op.f("uq_actor_bloc_id")),
        sa.UniqueConstraint("country_id", name=op.f("uq_actor_country_id")),
        comment="Exactly one country or one bloc; lets memberships, trade and agreements name either.",
    )
    op.create_table(
        "city",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "slug", sa.String(length=80), nullable=False, comment="Natural key, e.g. bangkok."
        ),
        sa.Column("name", sa.String(length=200), nullable=False, comment="English name."),
        sa.Column("country_id", sa.Integer(), nullable=False, comment="Country the city is in."),
        sa.Column("geonames_id", sa.Integer(), nullable=True, comment="GeoNames id, where known."),
        sa.ForeignKeyConstraint(
            ["country_id"], ["country.id"], name=op.f("fk_city_country_id_country")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city")),
        sa.UniqueConstraint("geonames_id", name=op.f("uq_city_geonames_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_city_slug")),
        comment="Cities where meetings take place.",
    )
    op.create_index(op.f("ix_city_country_id"), "city", ["country_id"], unique=False)

    op.create_table(
        "country_code",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("country_id", sa.Integer(), nullable=False, comment="The country coded."),
        sa.Column(
            "scheme", sa.String(length=40), nullable=False, comment="cow, cow_abbrev, gw or m49."
        ),
        sa.Column(
            "code",
            sa.String(length=8),
            nullable=False,
            comment="The code in that scheme, as text (COW 800 is '800').",
        ),
        sa.Column(
            "start_date",
            sa.Date(),
            nullable=True,
            comment="First day the code applies to this country; NULL if since its start.",
        ),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of start_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "end_date",
            sa.Date(),
            nullable=True,
            comment="Last day the code applies; NULL if still in use.",
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of end_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "end_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_country_code_end_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "scheme IN ('cow', 'cow_abbrev', 'gw', 'm49')",
            name=op.f("ck_country_code_scheme_vocabulary"),
        ),
        sa.CheckConstraint(
            "start_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_country_code_start_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_date IS NULL AND end_date_precision IS NULL) OR (end_date IS NOT NULL AND end_date_precision IS NOT NULL)",
            name=op.f("ck_country_code_end_date_precision_present"),
        ),
        sa.CheckConstraint(
            "(start_date IS NULL AND start_date_precision IS NULL) OR (start_date IS NOT NULL AND start_date_precision IS NOT NULL)",
            name=op.f("ck_country_code_start_date_precision_present"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_country_code_end_date_not_before_start_date"),
        ),
        sa.ForeignKeyConstraint(
            ["country_id"],
            ["country.id"],
            name=op.f("fk_country_code_country_id_country"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_country_code_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country_code")),
        sa.UniqueConstraint(
            "country_id",
            "scheme",
            "start_date",
            name=op.f("uq_country_code_country_id_scheme_start_date"),
        ),
        sa.UniqueConstraint("fact_id", name=op.f("uq_country_code_fact_id")),
        comment="Crosswalk from ISO codes to COW, Gleditsch-Ward and UN M49, with validity dates.",
    )
    op.create_index(
        op.f("ix_country_code_country_id"), "country_code", ["country_id"], unique=False
    )

    op.create_table(
        "post",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "country_id", sa.Integer(), nullable=False, comment="The country whose office this is."
        ),
        sa.Column(
            "office",
            sa.String(length=80),
            nullable=False,
            comment="Office slug, the same across countries: foreign-minister, prime-minister, president, …",
        ),
        sa.Column(
            "title",
            sa.String(length=200),
            nullable=False,
            comment="The office's own title, e.g. Minister of Foreign Affairs.",
        ),
        sa.Column(
            "single_seat",
            sa.Boolean(),
            nullable=False,
            comment="True if only one person holds it at a time; their terms may not overlap.",
        ),
        sa.CheckConstraint(
            "office <> '' AND office = lower(office) AND office NOT LIKE '% %'",
            name=op.f("ck_post_office_format"),
        ),
        sa.ForeignKeyConstraint(
            ["country_id"], ["country.id"], name=op.f("fk_post_country_id_country")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post")),
        sa.UniqueConstraint("country_id", "office", name=op.f("uq_post_country_id_office")),
        sa.UniqueConstraint("id", "single_seat", name=op.f("uq_post_id_single_seat")),
        comment="Offices such as Thailand's foreign minister or Malaysia's prime minister.",
    )
    op.create_table(
        "dialogue_coordination",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "bloc_id",
            sa.Integer(),
            nullable=False,
            comment="The bloc whose relations are coordinated.",
        ),
        sa.Column(
            "partner_actor_id", sa.Integer(), nullable=False, comment="The dialogue partner."
        ),
        sa.Column(
            "coordinator_country_id",
            sa.Integer(),
            nullable=False,
            comment="The member country coordinating.",
        ),
        sa.Column(
            "start_date",
            sa.Date(),
            nullable=False,
            comment="First day as coordinator (first day of its period).",
        ),
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
            comment="Last day as coordinator; NULL while ongoing.",
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of end_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "end_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_dialogue_coordination_end_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "start_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_dialogue_coordination_start_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_date IS NULL AND end_date_precision IS NULL) OR (end_date IS NOT NULL AND end_date_precision IS NOT NULL)",
            name=op.f("ck_dialogue_coordination_end_date_precision_present"),
        ),
        sa.CheckConstraint(
            "(start_date IS NULL AND start_date_precision IS NULL) OR (start_date IS NOT NULL AND start_date_precision IS NOT NULL)",
            name=op.f("ck_dialogue_coordination_start_date_precision_present"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_dialogue_coordination_end_date_not_before_start_date"),
        ),
        sa.ForeignKeyConstraint(
            ["bloc_id"], ["bloc.id"], name=op.f("fk_dialogue_coordination_bloc_id_bloc")
        ),
        sa.ForeignKeyConstraint(
            ["coordinator_country_id"],
            ["country.id"],
            name=op.f("fk_dialogue_coordination_coordinator_country_id_country"),
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_dialogue_coordination_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_actor_id"],
            ["actor.id"],
            name=op.f("fk_dialogue_coordination_partner_actor_id_actor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dialogue_coordination")),
        sa.UniqueConstraint(
            "bloc_id",
            "partner_actor_id",
            "start_date",
            name=op.f("uq_dialogue_coordination_bloc_id_partner_actor_id_start_date"),
        ),
        sa.UniqueConstraint("fact_id", name=op.f("uq_dialogue_coordination_fact_id")),
        comment="Country coordinators of a bloc's dialogue relations with a partner, over time.",
    )
    op.create_index(
        op.f("ix_dialogue_coordination_coordinator_country_id"),
        "dialogue_coordination",
        ["coordinator_country_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_dialogue_coordination_partner_actor_id"),
        "dialogue_coordination",
        ["partner_actor_id"],
        unique=False,
    )

    op.create_table(
        "meeting",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "slug", sa.String(length=120), nullable=False, comment="Natural key, e.g. amm-52."
        ),
        sa.Column(
            "name", sa.String(length=300), nullable=False, comment="Name as used in the sources."
        ),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="Kind of meeting (see meeting_kind).",
        ),
        sa.Column(
            "ordinal",
            sa.Integer(),
            nullable=True,
            comment="Number in its series: 52 for the 52nd AMM.",
        ),
        sa.Column("start_date", sa.Date(), nullable=True, comment="First day; NULL if unknown."),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of start_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "end_date",
            sa.Date(),
            nullable=True,
            comment="Last day; NULL if unknown or the same as start_date.",
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of end_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column("city_id", sa.Integer(), nullable=True, comment="Where it was held."),
        sa.Column(
            "venue",
            sa.String(length=300),
            nullable=True,
            comment="Building or site, where the sources name one.",
        ),
        sa.Column("host_country_id", sa.Integer(), nullable=True, comment="The hosting country."),
        sa.Column("bloc_id", sa.Integer(), nullable=True, comment="The organising bloc, if any."),
        sa.Column(
            "parent_id",
            sa.Integer(),
            nullable=True,
            comment="The meeting this was held on the sidelines of, or part of.",
        ),
        sa.Column("wikidata_id", sa.String(length=20), nullable=True, comment="Wikidata item."),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "end_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_meeting_end_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'",
            name=op.f("ck_meeting_slug_format"),
        ),
        sa.CheckConstraint(
            "start_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_meeting_start_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_date IS NULL AND end_date_precision IS NULL) OR (end_date IS NOT NULL AND end_date_precision IS NOT NULL)",
            name=op.f("ck_meeting_end_date_precision_present"),
        ),
        sa.CheckConstraint(
            "(start_date IS NULL AND start_date_precision IS NULL) OR (start_date IS NOT NULL AND start_date_precision IS NOT NULL)",
            name=op.f("ck_meeting_start_date_precision_present"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_meeting_end_date_not_before_start_date"),
        ),
        sa.CheckConstraint(
            "ordinal IS NULL OR ordinal > 0", name=op.f("ck_meeting_ordinal_positive")
        ),
        sa.CheckConstraint(
            "parent_id IS NULL OR parent_id <> id", name=op.f("ck_meeting_not_own_parent")
        ),
        sa.ForeignKeyConstraint(["bloc_id"], ["bloc.id"], name=op.f("fk_meeting_bloc_id_bloc")),
        sa.ForeignKeyConstraint(["city_id"], ["city.id"], name=op.f("fk_meeting_city_id_city")),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_meeting_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["host_country_id"], ["country.id"], name=op.f("fk_meeting_host_country_id_country")
        ),
        sa.ForeignKeyConstraint(
            ["kind"], ["meeting_kind.code"], name=op.f("fk_meeting_kind_meeting_kind")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["meeting.id"], name=op.f("fk_meeting_parent_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_fact_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_meeting_slug")),
        sa.UniqueConstraint("wikidata_id", name=op.f("uq_meeting_wikidata_id")),
        comment="Meetings between officials of countries and blocs.",
    )
    op.create_index(op.f("ix_meeting_bloc_id"), "meeting", ["bloc_id"], unique=False)
    op.create_index(op.f("ix_meeting_city_id"), "meeting", ["city_id"], unique=False)
    op.create_index(
        op.f("ix_meeting_host_country_id"), "meeting", ["host_country_id"], unique=False
    )
    op.create_index(op.f("ix_meeting_parent_id"), "meeting", ["parent_id"], unique=False)
    op.create_index("ix_meeting_start_date", "meeting", ["start_date"], unique=False)

    op.create_table(
        "membership",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "actor_id",
            sa.Integer(),
            nullable=False,
            comment="The member: a country, or a bloc (the EU in the G20).",
        ),
        sa.Column("bloc_id", sa.Integer(), nullable=False, comment="The bloc."),
        sa.Column(
            "role",
            sa.String(length=40),
            nullable=False,
            comment="member, observer, candidate, dialogue_partner, strategic_partner, chair, …",
        ),
        sa.Column(
            "start_date",
            sa.Date(),
            nullable=False,
            comment="First day in the role (first day of its period).",
        ),
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
            comment="Last day in the role; NULL while ongoing.",
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of end_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "end_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_membership_end_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "role IN ('member', 'associate_member', 'observer', 'candidate', 'applicant', 'suspended', 'dialogue_partner', 'sectoral_dialogue_partner', 'development_partner', 'strategic_partner', 'comprehensive_strategic_partner', 'chair')",
            name=op.f("ck_membership_role_vocabulary"),
        ),
        sa.CheckConstraint(
            "start_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_membership_start_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_date IS NULL AND end_date_precision IS NULL) OR (end_date IS NOT NULL AND end_date_precision IS NOT NULL)",
            name=op.f("ck_membership_end_date_precision_present"),
        ),
        sa.CheckConstraint(
            "(start_date IS NULL AND start_date_precision IS NULL) OR (start_date IS NOT NULL AND start_date_precision IS NOT NULL)",
            name=op.f("ck_membership_start_date_precision_present"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_membership_end_date_not_before_start_date"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_membership_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(["bloc_id"], ["bloc.id"], name=op.f("fk_membership_bloc_id_bloc")),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_membership_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership")),
        sa.UniqueConstraint(
            "actor_id",
            "bloc_id",
            "role",
            "start_date",
            name=op.f("uq_membership_actor_id_bloc_id_role_start_date"),
        ),
        sa.UniqueConstraint("fact_id", name=op.f("uq_membership_fact_id")),
        comment="Who held which role (member, observer, dialogue partner, chair, …) in which bloc, when.",
    )
    op.create_index(op.f("ix_membership_actor_id"), "membership", ["actor_id"], unique=False)
    op.create_index("ix_membership_bloc_id_role", "membership", ["bloc_id", "role"], unique=False)

    op.create_table(
        "relation_topic",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("actor_id", sa.Integer(), nullable=False, comment="One side of the relation."),
        sa.Column("partner_actor_id", sa.Integer(), nullable=False, comment="The other side."),
        sa.Column("topic_id", sa.Integer(), nullable=False, comment="The topic."),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "actor_id <> partner_actor_id", name=op.f("ck_relation_topic_two_actors")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_relation_topic_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_relation_topic_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_actor_id"],
            ["actor.id"],
            name=op.f("fk_relation_topic_partner_actor_id_actor"),
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_relation_topic_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relation_topic")),
        sa.UniqueConstraint(
            "actor_id",
            "partner_actor_id",
            "topic_id",
            name=op.f("uq_relation_topic_actor_id_partner_actor_id_topic_id"),
        ),
        sa.UniqueConstraint("fact_id", name=op.f("uq_relation_topic_fact_id")),
        comment="Areas of mutual interest in a relation, as a source names them; actor_id is the side that states the priority or the first named.",
    )
    op.create_index(
        op.f("ix_relation_topic_partner_actor_id"),
        "relation_topic",
        ["partner_actor_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_relation_topic_topic_id"), "relation_topic", ["topic_id"], unique=False
    )

    op.create_table(
        "term",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("person_id", sa.Integer(), nullable=False, comment="Who held the post."),
        sa.Column("post_id", sa.Integer(), nullable=False, comment="The post held."),
        sa.Column(
            "single_seat",
            sa.Boolean(),
            nullable=False,
            comment="Copy of post.single_seat, kept equal by a foreign key.",
        ),
        sa.Column(
            "start_date", sa.Date(), nullable=True, comment="First day in office; NULL if unknown."
        ),
        sa.Column(
            "start_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of start_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "end_date",
            sa.Date(),
            nullable=True,
            comment="Last day in office; NULL while in office. A successor may start on this day.",
        ),
        sa.Column(
            "end_date_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of end_date: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "end_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_term_end_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "start_date_precision IN ('day', 'month', 'year')",
            name=op.f("ck_term_start_date_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(end_date IS NULL AND end_date_precision IS NULL) OR (end_date IS NOT NULL AND end_date_precision IS NOT NULL)",
            name=op.f("ck_term_end_date_precision_present"),
        ),
        sa.CheckConstraint(
            "(start_date IS NULL AND start_date_precision IS NULL) OR (start_date IS NOT NULL AND start_date_precision IS NOT NULL)",
            name=op.f("ck_term_start_date_precision_present"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_term_end_date_not_before_start_date"),
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_term_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_term_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["post_id", "single_seat"],
            ["post.id", "post.single_seat"],
            name=op.f("fk_term_post_id_single_seat_post"),
            onupdate="CASCADE",
        ),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"], name=op.f("fk_term_post_id_post")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_term_fact_id")),
        sa.UniqueConstraint(
            "person_id", "post_id", "start_date", name=op.f("uq_term_person_id_post_id_start_date")
        ),
        comment="Terms of office: who held which post, when.",
    )
    op.create_index(op.f("ix_term_person_id"), "term", ["person_id"], unique=False)
    op.create_index(op.f("ix_term_post_id"), "term", ["post_id"], unique=False)

    op.create_table(
        "trade_figure",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "reporter_actor_id",
            sa.Integer(),
            nullable=False,
            comment="Whose statistics these are (a country, or a bloc for bloc-level figures).",
        ),
        sa.Column("partner_actor_id", sa.Integer(), nullable=False, comment="The trading partner."),
        sa.Column(
            "period_start",
            sa.Date(),
            nullable=False,
            comment="First day of the period: 2018-01-01 for the year 2018.",
        ),
        sa.Column(
            "period_precision",
            sa.String(length=5),
            nullable=False,
            comment="year or month: the length of the period.",
        ),
        sa.Column(
            "flow",
            sa.String(length=40),
            nullable=False,
            comment="export, import or total (turnover), seen from the reporter.",
        ),
        sa.Column("category_id", sa.Integer(), nullable=False, comment="Product category."),
        sa.Column(
            "valuation", sa.String(length=40), nullable=False, comment="fob, cif or not_stated."
        ),
        sa.Column(
            "value_status",
            sa.String(length=40),
            nullable=False,
            comment="observed (a value, zero included), unknown, or not_covered by the source.",
        ),
        sa.Column(
            "value_minor",
            sa.BigInteger(),
            nullable=True,
            comment="Amount in minor units of the currency (cents for USD): exact on every backend.",
        ),
        sa.Column(
            "currency_code",
            sa.String(length=3),
            nullable=True,
            comment="ISO 4217 currency of value_minor.",
        ),
        sa.Column(
            "qualifier",
            sa.String(length=40),
            nullable=False,
            comment="exact, approximately, more_than (exceeded USD 2.6 bn), …",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "(value_status = 'observed') = (value_minor IS NOT NULL)",
            name=op.f("ck_trade_figure_value_iff_observed"),
        ),
        sa.CheckConstraint(
            "flow IN ('export', 'import', 'total')", name=op.f("ck_trade_figure_flow_vocabulary")
        ),
        sa.CheckConstraint(
            "period_precision IN ('month', 'year')",
            name=op.f("ck_trade_figure_period_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "qualifier IN ('exact', 'approximately', 'more_than', 'at_least', 'less_than', 'at_most')",
            name=op.f("ck_trade_figure_qualifier_vocabulary"),
        ),
        sa.CheckConstraint(
            "valuation IN ('fob', 'cif', 'not_stated')",
            name=op.f("ck_trade_figure_valuation_vocabulary"),
        ),
        sa.CheckConstraint(
            "value_status IN ('observed', 'unknown', 'not_covered')",
            name=op.f("ck_trade_figure_value_status_vocabulary"),
        ),
        sa.CheckConstraint(
            "reporter_actor_id <> partner_actor_id", name=op.f("ck_trade_figure_two_actors")
        ),
        sa.CheckConstraint(
            "value_minor IS NULL OR currency_code IS NOT NULL",
            name=op.f("ck_trade_figure_value_has_currency"),
        ),
        sa.CheckConstraint(
            "value_minor IS NULL OR value_minor >= 0",
            name=op.f("ck_trade_figure_value_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["product_category.id"],
            name=op.f("fk_trade_figure_category_id_product_category"),
        ),
        sa.ForeignKeyConstraint(
            ["currency_code"],
            ["currency.code"],
            name=op.f("fk_trade_figure_currency_code_currency"),
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_trade_figure_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["partner_actor_id"], ["actor.id"], name=op.f("fk_trade_figure_partner_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(
            ["reporter_actor_id"],
            ["actor.id"],
            name=op.f("fk_trade_figure_reporter_actor_id_actor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trade_figure")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_trade_figure_fact_id")),
        sa.UniqueConstraint(
            "reporter_actor_id",
            "partner_actor_id",
            "period_start",
            "period_precision",
            "flow",
            "category_id",
            "valuation",
            name=op.f(
                "uq_trade_figure_reporter_actor_id_partner_actor_id_period_start_period_precision_flow_category_id_valuation"
            ),
        ),
        comment="Trade values. Both sides' figures are kept: the reporter's and its partner's mirror figure.",
    )
    op.create_index(
        op.f("ix_trade_figure_category_id"), "trade_figure", ["category_id"], unique=False
    )
    op.create_index(
        op.f("ix_trade_figure_partner_actor_id"), "trade_figure", ["partner_actor_id"], unique=False
    )

    op.create_table(
        "trade_reported_change",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column(
            "reporter_actor_id",
            sa.Integer(),
            nullable=False,
            comment="Whose statistics the change is from.",
        ),
        sa.Column("partner_actor_id", sa.Integer(), nullable=False, comment="The trading partner."),
        sa.Column(
            "period_start",
            sa.Date(),
            nullable=False,
            comment="First day of the period the change is for.",
        ),
        sa.Column(
            "period_precision", sa.String(length=5), nullable=False, comment="year or month."
        ),
        sa.Column(
            "base_period_start",
            sa.Date(),
            nullable=False,
            comment="First day of the period compared with (the year before, usually).",
        ),
        sa.Column("flow", sa.String(length=40), nullable=False, comment="export, import or total."),
        sa.Column("category_id", sa.Integer(), nullable=False, comment="Product category."),
        sa.Column(
            "change_basis_points",
            sa.Integer(),
            nullable=False,
            comment="Change in hundredths of a percent: 1700 = +17%.",
        ),
        sa.Column(
            "qualifier",
            sa.String(length=40),
            nullable=False,
            comment="exact, approximately, more_than, … as the source qualifies it.",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "flow IN ('export', 'import', 'total')",
            name=op.f("ck_trade_reported_change_flow_vocabulary"),
        ),
        sa.CheckConstraint(
            "period_precision IN ('month', 'year')",
            name=op.f("ck_trade_reported_change_period_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "qualifier IN ('exact', 'approximately', 'more_than', 'at_least', 'less_than', 'at_most')",
            name=op.f("ck_trade_reported_change_qualifier_vocabulary"),
        ),
        sa.CheckConstraint(
            "base_period_start < period_start",
            name=op.f("ck_trade_reported_change_base_period_before_period"),
        ),
        sa.CheckConstraint(
            "reporter_actor_id <> partner_actor_id",
            name=op.f("ck_trade_reported_change_two_actors"),
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["product_category.id"],
            name=op.f("fk_trade_reported_change_category_id_product_category"),
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_trade_reported_change_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_actor_id"],
            ["actor.id"],
            name=op.f("fk_trade_reported_change_partner_actor_id_actor"),
        ),
        sa.ForeignKeyConstraint(
            ["reporter_actor_id"],
            ["actor.id"],
            name=op.f("fk_trade_reported_change_reporter_actor_id_actor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trade_reported_change")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_trade_reported_change_fact_id")),
        sa.UniqueConstraint(
            "reporter_actor_id",
            "partner_actor_id",
            "period_start",
            "period_precision",
            "flow",
            "category_id",
            name=op.f(
                "uq_trade_reported_change_reporter_actor_id_partner_actor_id_period_start_period_precision_flow_category_id"
            ),
        ),
        comment="Reported growth of a trade series, as a source states it. Growth from stored values is computed, never stored.",
    )
    op.create_index(
        op.f("ix_trade_reported_change_category_id"),
        "trade_reported_change",
        ["category_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_trade_reported_change_partner_actor_id"),
        "trade_reported_change",
        ["partner_actor_id"],
        unique=False,
    )

    op.create_table(
        "agreement",
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
            comment="Natural key, e.g. asean-russia-cpa-2016-2020.",
        ),
        sa.Column("title", sa.Text(), nullable=False, comment="Full title."),
        sa.Column(
            "kind",
            sa.String(length=40),
            nullable=False,
            comment="treaty, charter, declaration, plan_of_action, …",
        ),
        sa.Column("signed_on", sa.Date(), nullable=True, comment="Date signed or adopted."),
        sa.Column(
            "signed_on_precision",
            sa.String(length=5),
            nullable=True,
            comment="Precision of signed_on: day, month or year (the date is the period's first day).",
        ),
        sa.Column(
            "covers_from",
            sa.Date(),
            nullable=True,
            comment="First day of the period it covers (plans), if any.",
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
            "adopted_at_meeting_id",
            sa.Integer(),
            nullable=True,
            comment="Meeting where it was signed or adopted.",
        ),
        sa.Column(
            "founds_bloc_id",
            sa.Integer(),
            nullable=True,
            comment="The bloc this is the founding document of.",
        ),
        sa.Column("wikidata_id", sa.String(length=20), nullable=True, comment="Wikidata item."),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "covers_from_precision IN ('day', 'month', 'year')",
            name=op.f("ck_agreement_covers_from_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "covers_until_precision IN ('day', 'month', 'year')",
            name=op.f("ck_agreement_covers_until_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "kind IN ('treaty', 'charter', 'declaration', 'plan_of_action', 'memorandum_of_understanding', 'joint_statement', 'agreement')",
            name=op.f("ck_agreement_kind_vocabulary"),
        ),
        sa.CheckConstraint(
            "signed_on_precision IN ('day', 'month', 'year')",
            name=op.f("ck_agreement_signed_on_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'",
            name=op.f("ck_agreement_slug_format"),
        ),
        sa.CheckConstraint(
            "(covers_from IS NULL AND covers_from_precision IS NULL) OR (covers_from IS NOT NULL AND covers_from_precision IS NOT NULL)",
            name=op.f("ck_agreement_covers_from_precision_present"),
        ),
        sa.CheckConstraint(
            "(covers_until IS NULL AND covers_until_precision IS NULL) OR (covers_until IS NOT NULL AND covers_until_precision IS NOT NULL)",
            name=op.f("ck_agreement_covers_until_precision_present"),
        ),
        sa.CheckConstraint(
            "(signed_on IS NULL AND signed_on_precision IS NULL) OR (signed_on IS NOT NULL AND signed_on_precision IS NOT NULL)",
            name=op.f("ck_agreement_signed_on_precision_present"),
        ),
        sa.CheckConstraint(
            "covers_until IS NULL OR covers_from IS NULL OR covers_until >= covers_from",
            name=op.f("ck_agreement_covers_until_not_before_covers_from"),
        ),
        sa.ForeignKeyConstraint(
            ["adopted_at_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agreement_adopted_at_meeting_id_meeting"),
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_agreement_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["founds_bloc_id"], ["bloc.id"], name=op.f("fk_agreement_founds_bloc_id_bloc")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_agreement_fact_id")),
        sa.UniqueConstraint("founds_bloc_id", name=op.f("uq_agreement_founds_bloc_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_agreement_slug")),
        sa.UniqueConstraint("wikidata_id", name=op.f("uq_agreement_wikidata_id")),
        comment="Agreements, plans of action, treaties and declarations.",
    )
    op.create_index(
        op.f("ix_agreement_adopted_at_meeting_id"),
        "agreement",
        ["adopted_at_meeting_id"],
        unique=False,
    )

    op.create_table(
        "meeting_topic",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("meeting_id", sa.Integer(), nullable=False, comment="The meeting."),
        sa.Column("topic_id", sa.Integer(), nullable=False, comment="The topic."),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_meeting_topic_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_topic_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_meeting_topic_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_topic")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_meeting_topic_fact_id")),
        sa.UniqueConstraint(
            "meeting_id", "topic_id", name=op.f("uq_meeting_topic_meeting_id_topic_id")
        ),
        comment="Topics of meetings.",
    )
    op.create_index(op.f("ix_meeting_topic_topic_id"), "meeting_topic", ["topic_id"], unique=False)

    op.create_table(
        "participant",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("meeting_id", sa.Integer(), nullable=False, comment="The meeting."),
        sa.Column("person_id", sa.Integer(), nullable=True, comment="Who, if a person is named."),
        sa.Column(
            "actor_id", sa.Integer(), nullable=True, comment="The country or bloc represented."
        ),
        sa.Column(
            "role",
            sa.String(length=40),
            nullable=False,
            comment="host, chair, co_chair, delegation_head, guest, …",
        ),
        sa.Column(
            "status",
            sa.String(length=40),
            nullable=False,
            comment="attended, invited, declined or absent.",
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "role IN ('host', 'chair', 'co_chair', 'delegation_head', 'delegation_member', 'guest', 'speaker', 'observer', 'participant')",
            name=op.f("ck_participant_role_vocabulary"),
        ),
        sa.CheckConstraint(
            "status IN ('attended', 'invited', 'declined', 'absent')",
            name=op.f("ck_participant_status_vocabulary"),
        ),
        sa.CheckConstraint(
            "person_id IS NOT NULL OR actor_id IS NOT NULL",
            name=op.f("ck_participant_person_or_actor"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_participant_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["fact.id"], name=op.f("fk_participant_fact_id_fact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_participant_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_participant_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_participant_fact_id")),
        comment="Who took part in (or was invited to) which meeting, in what role.",
    )
    op.create_index(op.f("ix_participant_actor_id"), "participant", ["actor_id"], unique=False)
    op.create_index(op.f("ix_participant_meeting_id"), "participant", ["meeting_id"], unique=False)
    op.create_index(op.f("ix_participant_person_id"), "participant", ["person_id"], unique=False)
    op.create_index(
        "uq_participant_meeting_id_actor_id_role_status",
        "participant",
        ["meeting_id", "actor_id", "role", "status"],
        unique=True,
        sqlite_where=sa.text("person_id IS NULL"),
        postgresql_where=sa.text("person_id IS NULL"),
    )
    op.create_index(
        "uq_participant_meeting_id_person_id_role_status",
        "participant",
        ["meeting_id", "person_id", "role", "status"],
        unique=True,
        sqlite_where=sa.text("person_id IS NOT NULL"),
        postgresql_where=sa.text("person_id IS NOT NULL"),
    )

    op.create_table(
        "agreement_party",
        sa.Column("agreement_id", sa.Integer(), nullable=False, comment="The agreement."),
        sa.Column("actor_id", sa.Integer(), nullable=False, comment="The party."),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_agreement_party_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_party_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "actor_id", name=op.f("pk_agreement_party")),
        comment="Parties to agreements.",
    )
    op.create_index(
        op.f("ix_agreement_party_actor_id"), "agreement_party", ["actor_id"], unique=False
    )

    op.create_table(
        "agreement_topic",
        sa.Column(
            "id",
            sa.Integer(),
            nullable=False,
            comment="Surrogate key; stable only within one database.",
        ),
        sa.Column("agreement_id", sa.Integer(), nullable=False, comment="The agreement."),
        sa.Column("topic_id", sa.Integer(), nullable=False, comment="The topic."),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_topic_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_agreement_topic_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_agreement_topic_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_topic")),
        sa.UniqueConstraint(
            "agreement_id", "topic_id", name=op.f("uq_agreement_topic_agreement_id_topic_id")
        ),
        sa.UniqueConstraint("fact_id", name=op.f("uq_agreement_topic_fact_id")),
        comment="Topics of agreements.",
    )
    op.create_index(
        op.f("ix_agreement_topic_topic_id"), "agreement_topic", ["topic_id"], unique=False
    )

    op.create_table(
        "progress_statement",
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
            comment="Natural key: conflicting claims on one day need names of their own.",
        ),
        sa.Column("agreement_id", sa.Integer(), nullable=False, comment="The agreement."),
        sa.Column("stated_on", sa.Date(), nullable=False, comment="When the claim was made."),
        sa.Column(
            "stated_on_precision",
            sa.String(length=5),
            nullable=False,
            comment="Precision of stated_on.",
        ),
        sa.Column(
            "speaker_id", sa.Integer(), nullable=True, comment="Who made the claim, if a person."
        ),
        sa.Column(
            "share_basis_points",
            sa.Integer(),
            nullable=True,
            comment="Share achieved in hundredths of a percent (6000 = 60%), as stated.",
        ),
        sa.Column(
            "achieved_count",
            sa.Integer(),
            nullable=True,
            comment="Items achieved (79 of 139 action lines), as stated.",
        ),
        sa.Column("total_count", sa.Integer(), nullable=True, comment="Items in total."),
        sa.Column(
            "unit",
            sa.String(length=80),
            nullable=True,
            comment="What was counted, e.g. action lines.",
        ),
        sa.Column(
            "qualifier",
            sa.String(length=40),
            nullable=False,
            comment="exact, approximately, more_than, … as the source qualifies it.",
        ),
        sa.Column(
            "statement", sa.Text(), nullable=True, comment="The claim in the source's words."
        ),
        sa.Column(
            "fact_id",
            sa.Integer(),
            nullable=False,
            comment="The fact this row states; its sources are in citation.",
        ),
        sa.CheckConstraint(
            "qualifier IN ('exact', 'approximately', 'more_than', 'at_least', 'less_than', 'at_most')",
            name=op.f("ck_progress_statement_qualifier_vocabulary"),
        ),
        sa.CheckConstraint(
            "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'",
            name=op.f("ck_progress_statement_slug_format"),
        ),
        sa.CheckConstraint(
            "stated_on_precision IN ('day', 'month', 'year')",
            name=op.f("ck_progress_statement_stated_on_precision_vocabulary"),
        ),
        sa.CheckConstraint(
            "(stated_on IS NULL AND stated_on_precision IS NULL) OR (stated_on IS NOT NULL AND stated_on_precision IS NOT NULL)",
            name=op.f("ck_progress_statement_stated_on_precision_present"),
        ),
        sa.CheckConstraint(
            "share_basis_points IS NOT NULL OR (achieved_count IS NOT NULL AND total_count IS NOT NULL)",
            name=op.f("ck_progress_statement_has_measure"),
        ),
        sa.CheckConstraint(
            "share_basis_points IS NULL OR share_basis_points BETWEEN 0 AND 10000",
            name=op.f("ck_progress_statement_share_in_range"),
        ),
        sa.CheckConstraint(
            "total_count IS NULL OR (total_count > 0 AND achieved_count BETWEEN 0 AND total_count)",
            name=op.f("ck_progress_statement_counts_in_range"),
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_progress_statement_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
            name=op.f("fk_progress_statement_fact_id_fact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["person.id"], name=op.f("fk_progress_statement_speaker_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_statement")),
        sa.UniqueConstraint("fact_id", name=op.f("uq_progress_statement_fact_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_progress_statement_slug")),
        comment="Progress claims about agreements: who said how much was achieved, when.",
    )
    op.create_index(
        op.f("ix_progress_statement_agreement_id"),
        "progress_statement",
        ["agreement_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_progress_statement_speaker_id"), "progress_statement", ["speaker_id"], unique=False
    )
    _seed_meeting_kinds()
    _add_overlap_guards()


def downgrade() -> None:
    _drop_overlap_guards()
    op.drop_table("progress_statement")
    op.drop_table("agreement_topic")
    op.drop_table("agreement_party")
    op.drop_table("participant")
    op.drop_table("meeting_topic")
    op.drop_table("agreement")
    op.drop_table("trade_reported_change")
    op.drop_table("trade_figure")
    op.drop_table("term")
    op.drop_table("relation_topic")
    op.drop_table("membership")
    op.drop_table("meeting")
    op.drop_table("dialogue_coordination")
    op.drop_table("post")
    op.drop_table("country_code")
    op.drop_table("city")
    op.drop_table("actor")
    op.drop_table("person")
    op.drop_table("country")
    op.drop_table("citation")
    op.drop_table("bloc")
    op.drop_table("topic")
    op.drop_table("source")
    op.drop_table("product_category")
    op.drop_table("meeting_kind")
    op.drop_table("fact")
    op.drop_table("currency")
