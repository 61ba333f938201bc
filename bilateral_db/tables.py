"""Every table of the schema as a SQLAlchemy Core `Table`: what readers select from.

Generated from the models by `bilateral-db docs tables`; do not edit. Reports, exports and the
API import this module instead of `bilateral_db.models`, so a read loads neither the ORM nor
the declarative models. Columns carry their types, nullability and keys; constraints, indexes,
defaults and comments live in the models and the migrations. A table is built on first use,
with the tables its foreign keys name (so joins find them): a report builds the few it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

METADATA = MetaData()
_BUILDING = Lock()

if TYPE_CHECKING:
    ACTOR: Table
    AGREEMENT: Table
    AGREEMENT_KIND: Table
    AGREEMENT_PARTY: Table
    AGREEMENT_TOPIC: Table
    BLOC: Table
    BLOC_KIND: Table
    BLOC_NAME: Table
    BLOC_SUCCESSION: Table
    BODY: Table
    BODY_KIND: Table
    CAPACITY: Table
    CITATION: Table
    CITY: Table
    COUNTRY: Table
    COUNTRY_CODE: Table
    COUNTRY_NAME: Table
    COVERAGE: Table
    CURRENCY: Table
    DIALOGUE_COORDINATION: Table
    DIPLOMATIC_RELATION: Table
    END_REASON: Table
    FACT: Table
    MEETING: Table
    MEETING_IN_SERIES: Table
    MEETING_KIND: Table
    MEETING_SERIES: Table
    MEETING_STATUS: Table
    MEETING_TOPIC: Table
    MEMBER_LIST: Table
    MEMBERSHIP: Table
    MEMBERSHIP_ROLE: Table
    PANEL_COUNTRY_YEAR: Table
    PANEL_DYAD_ENVOY: Table
    PANEL_DYAD_MEETING: Table
    PANEL_DYAD_TRADE: Table
    PANEL_SHARED_MEMBERSHIP: Table
    PARTICIPANT: Table
    PARTICIPANT_ROLE: Table
    PARTICIPANT_STATUS: Table
    PERSON: Table
    PLEDGE: Table
    POST: Table
    POST_TITLE: Table
    PRODUCT_CATEGORY: Table
    PROGRESS_STATEMENT: Table
    REGION: Table
    REGION_KIND: Table
    REGION_PART: Table
    RELATION_KIND: Table
    RELATION_TOPIC: Table
    RELEASE: Table
    RELEASE_COUNT: Table
    RELEASE_FINDING: Table
    SOURCE: Table
    SUCCESSION_KIND: Table
    SYSTEM_MEMBERSHIP: Table
    TERM: Table
    TOPIC: Table
    TRADE_FIGURE: Table
    TRADE_REPORTED_CHANGE: Table


def _actor() -> Table:
    return Table(
        "actor",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("country_id", Integer(), ForeignKey("country.id")),
        Column("bloc_id", Integer(), ForeignKey("bloc.id")),
        Column("region_id", Integer(), ForeignKey("region.id")),
    )


def _agreement() -> Table:
    return Table(
        "agreement",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=120), nullable=False),
        Column("title", Text(), nullable=False),
        Column("kind", String(length=40), ForeignKey("agreement_kind.code"), nullable=False),
        Column("signed_on", Date()),
        Column("signed_on_precision", String(length=5)),
        Column("signed_city_id", Integer(), ForeignKey("city.id")),
        Column("in_force_on", Date()),
        Column("in_force_on_precision", String(length=5)),
        Column("covers_from", Date()),
        Column("covers_from_precision", String(length=5)),
        Column("covers_until", Date()),
        Column("covers_until_precision", String(length=5)),
        Column("adopted_at_meeting_id", Integer(), ForeignKey("meeting.id")),
        Column("founds_bloc_id", Integer(), ForeignKey("bloc.id")),
        Column("wikidata_id", String(length=20)),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _agreement_kind() -> Table:
    return Table(
        "agreement_kind",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _agreement_party() -> Table:
    return Table(
        "agreement_party",
        METADATA,
        Column("agreement_id", Integer(), ForeignKey("agreement.id"), primary_key=True),
        Column("actor_id", Integer(), ForeignKey("actor.id"), primary_key=True),
        Column("as_group", Boolean(), nullable=False),
    )


def _agreement_topic() -> Table:
    return Table(
        "agreement_topic",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("agreement_id", Integer(), ForeignKey("agreement.id"), nullable=False),
        Column("topic_id", Integer(), ForeignKey("topic.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _bloc() -> Table:
    return Table(
        "bloc",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("code", String(length=20), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("kind", String(length=40), ForeignKey("bloc_kind.code"), nullable=False),
        Column("wikidata_id", String(length=20)),
        Column("cow_igo_code", String(length=20)),
        Column("founded_on", Date()),
        Column("founded_on_precision", String(length=5)),
        Column("dissolved_on", Date()),
        Column("dissolved_on_precision", String(length=5)),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
    )


def _bloc_kind() -> Table:
    return Table(
        "bloc_kind",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _bloc_name() -> Table:
    return Table(
        "bloc_name",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("bloc_id", Integer(), ForeignKey("bloc.id"), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _bloc_succession() -> Table:
    return Table(
        "bloc_succession",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("predecessor_bloc_id", Integer(), ForeignKey("bloc.id"), nullable=False),
        Column("successor_bloc_id", Integer(), ForeignKey("bloc.id"), nullable=False),
        Column("succeeded_on", Date(), nullable=False),
        Column("succeeded_on_precision", String(length=5), nullable=False),
        Column("kind", String(length=40), ForeignKey("succession_kind.code"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _body() -> Table:
    return Table(
        "body",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=120), nullable=False),
        Column("name", String(length=300), nullable=False),
        Column("kind", String(length=40), ForeignKey("body_kind.code"), nullable=False),
        Column("actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("parent_id", Integer(), ForeignKey("body.id")),
        Column("founded_on", Date()),
        Column("founded_on_precision", String(length=5)),
        Column("dissolved_on", Date()),
        Column("dissolved_on_precision", String(length=5)),
        Column("wikidata_id", String(length=20)),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
    )


def _body_kind() -> Table:
    return Table(
        "body_kind",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _capacity() -> Table:
    return Table(
        "capacity",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _citation() -> Table:
    return Table(
        "citation",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id"), nullable=False),
        Column("locator", Text()),
    )


def _city() -> Table:
    return Table(
        "city",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=80), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("country_id", Integer(), ForeignKey("country.id"), nullable=False),
        Column("geonames_id", Integer()),
    )


def _country() -> Table:
    return Table(
        "country",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("code", String(length=3), nullable=False),
        Column("alpha2", String(length=2)),
        Column("numeric", String(length=3)),
        Column("name", String(length=200), nullable=False),
        Column("official_name", String(length=300)),
        Column("common_name", String(length=200)),
        Column("wikidata_id", String(length=20)),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _country_code() -> Table:
    return Table(
        "country_code",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("country_id", Integer(), ForeignKey("country.id"), nullable=False),
        Column("scheme", String(length=40), nullable=False),
        Column("code", String(length=8), nullable=False),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("end_status", String(length=10), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("alternative_of_id", Integer(), ForeignKey("country_code.id")),
        Column("alternative", SmallInteger(), nullable=False),
    )


def _country_name() -> Table:
    return Table(
        "country_name",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("country_id", Integer(), ForeignKey("country.id"), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _coverage() -> Table:
    return Table(
        "coverage",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("bloc_id", Integer(), ForeignKey("bloc.id")),
        Column("actor_id", Integer(), ForeignKey("actor.id")),
        Column("post_id", Integer(), ForeignKey("post.id")),
        Column("covered", Boolean(), nullable=False),
        Column("start_date", Date(), nullable=False),
        Column("start_date_precision", String(length=5), nullable=False),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
    )


def _currency() -> Table:
    return Table(
        "currency",
        METADATA,
        Column("code", String(length=3), primary_key=True),
        Column("name", String(length=100), nullable=False),
        Column("minor_unit", Integer(), nullable=False),
    )


def _dialogue_coordination() -> Table:
    return Table(
        "dialogue_coordination",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("bloc_id", Integer(), ForeignKey("bloc.id"), nullable=False),
        Column("partner_actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("coordinator_country_id", Integer(), ForeignKey("country.id"), nullable=False),
        Column("start_date", Date(), nullable=False),
        Column("start_date_precision", String(length=5), nullable=False),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("end_status", String(length=10), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("alternative_of_id", Integer(), ForeignKey("dialogue_coordination.id")),
        Column("alternative", SmallInteger(), nullable=False),
    )


def _diplomatic_relation() -> Table:
    return Table(
        "diplomatic_relation",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("kind", String(length=40), ForeignKey("relation_kind.code"), nullable=False),
        Column("actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("partner_actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("end_status", String(length=10), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _end_reason() -> Table:
    return Table(
        "end_reason",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _fact() -> Table:
    return Table(
        "fact",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("entity", String(length=40), nullable=False),
        Column("confidence", String(length=40), nullable=False),
        Column("note", Text()),
    )


def _meeting() -> Table:
    return Table(
        "meeting",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=120), nullable=False),
        Column("name", String(length=300), nullable=False),
        Column("kind", String(length=40), ForeignKey("meeting_kind.code"), nullable=False),
        Column("ordinal", Integer()),
        Column("status", String(length=40), ForeignKey("meeting_status.code")),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("city_id", Integer(), ForeignKey("city.id")),
        Column("venue", String(length=300)),
        Column("host_country_id", Integer(), ForeignKey("country.id")),
        Column("bloc_id", Integer(), ForeignKey("bloc.id")),
        Column("parent_id", Integer(), ForeignKey("meeting.id")),
        Column("wikidata_id", String(length=20)),
        Column("description", Text()),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
    )


def _meeting_in_series() -> Table:
    return Table(
        "meeting_in_series",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("meeting_id", Integer(), ForeignKey("meeting.id"), nullable=False),
        Column("series_id", Integer(), ForeignKey("meeting_series.id"), nullable=False),
        Column("ordinal", Integer()),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _meeting_kind() -> Table:
    return Table(
        "meeting_kind",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("cameo_code", String(length=4), nullable=False),
        Column("plover_code", String(length=20), nullable=False),
    )


def _meeting_series() -> Table:
    return Table(
        "meeting_series",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=120), nullable=False),
        Column("name", String(length=300), nullable=False),
        Column("bloc_id", Integer(), ForeignKey("bloc.id")),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _meeting_status() -> Table:
    return Table(
        "meeting_status",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _meeting_topic() -> Table:
    return Table(
        "meeting_topic",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("meeting_id", Integer(), ForeignKey("meeting.id"), nullable=False),
        Column("topic_id", Integer(), ForeignKey("topic.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _member_list() -> Table:
    return Table(
        "member_list",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("bloc_id", Integer(), ForeignKey("bloc.id"), nullable=False),
        Column("role", String(length=40), ForeignKey("membership_role.code"), nullable=False),
        Column("status", String(length=40), nullable=False),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _membership() -> Table:
    return Table(
        "membership",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("bloc_id", Integer(), ForeignKey("bloc.id"), nullable=False),
        Column("role", String(length=40), ForeignKey("membership_role.code"), nullable=False),
        Column("start_date", Date(), nullable=False),
        Column("start_date_precision", String(length=5), nullable=False),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("end_status", String(length=10), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("alternative_of_id", Integer(), ForeignKey("membership.id")),
        Column("alternative", SmallInteger(), nullable=False),
    )


def _membership_role() -> Table:
    return Table(
        "membership_role",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
        Column("cow_igo_code", SmallInteger()),
    )


def _panel_country_year() -> Table:
    return Table(
        "panel_country_year",
        METADATA,
        Column("system", String(length=8), primary_key=True),
        Column("code", Integer(), primary_key=True),
        Column("year", Integer(), primary_key=True),
        Column("day", Date(), nullable=False),
        Column("country_id", Integer()),
        Column("actor_id", Integer()),
        Column("iso", String(length=3)),
        Column("name", String(length=200), nullable=False),
        Column("listed", Boolean(), nullable=False),
        Column("part_year", Boolean(), nullable=False),
        Column("list_source", String(length=120), nullable=False),
        Column("bloc_memberships", Integer()),
        Column("memberships_source", Text()),
        Column("meetings", Integer()),
        Column("meetings_source", Text()),
        Column("exports_usd_minor", BigInteger()),
        Column("exports_basis", String(length=40)),
        Column("imports_usd_minor", BigInteger()),
        Column("trade_source", Text()),
    )


def _panel_dyad_envoy() -> Table:
    return Table(
        "panel_dyad_envoy",
        METADATA,
        Column("actor1_id", Integer(), primary_key=True),
        Column("actor2_id", Integer(), primary_key=True),
        Column("year", Integer(), primary_key=True),
        Column("present", Boolean(), nullable=False),
        Column("envoy_source", Text(), nullable=False),
    )


def _panel_dyad_meeting() -> Table:
    return Table(
        "panel_dyad_meeting",
        METADATA,
        Column("actor1_id", Integer(), primary_key=True),
        Column("actor2_id", Integer(), primary_key=True),
        Column("year", Integer(), primary_key=True),
        Column("meetings", Integer(), nullable=False),
        Column("visits", Integer(), nullable=False),
        Column("meetings_source", Text(), nullable=False),
    )


def _panel_dyad_trade() -> Table:
    return Table(
        "panel_dyad_trade",
        METADATA,
        Column("actor1_id", Integer(), primary_key=True),
        Column("year", Integer(), primary_key=True),
        Column("actor2_id", Integer(), primary_key=True),
        Column("exports_usd_minor", BigInteger()),
        Column("exports_basis", String(length=40)),
        Column("imports_usd_minor", BigInteger()),
        Column("total_usd_minor", BigInteger()),
        Column("total_basis", String(length=40)),
        Column("qualifier", String(length=40)),
        Column("imports_source", String(length=120)),
        Column("exports_source", String(length=120)),
        Column("total_source", String(length=120)),
    )


def _panel_shared_membership() -> Table:
    return Table(
        "panel_shared_membership",
        METADATA,
        Column("actor1_id", Integer(), primary_key=True),
        Column("actor2_id", Integer(), primary_key=True),
        Column("starts_on", Date(), primary_key=True),
        Column("ends_before", Date()),
        Column("blocs", Integer(), nullable=False),
        Column("memberships_source", Text(), nullable=False),
    )


def _participant() -> Table:
    return Table(
        "participant",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("meeting_id", Integer(), ForeignKey("meeting.id"), nullable=False),
        Column("person_id", Integer(), ForeignKey("person.id")),
        Column("actor_id", Integer(), ForeignKey("actor.id")),
        Column("role", String(length=40), ForeignKey("participant_role.code"), nullable=False),
        Column("status", String(length=40), ForeignKey("participant_status.code"), nullable=False),
        Column("invited_on", Date()),
        Column("invited_on_precision", String(length=5)),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
    )


def _participant_role() -> Table:
    return Table(
        "participant_role",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _participant_status() -> Table:
    return Table(
        "participant_status",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _person() -> Table:
    return Table(
        "person",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=120), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("native_name", String(length=200)),
        Column("wikidata_id", String(length=20)),
        Column("archigos_id", String(length=40)),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
    )


def _pledge() -> Table:
    return Table(
        "pledge",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=160), nullable=False),
        Column("pledger_actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("made_on", Date()),
        Column("made_on_precision", String(length=5)),
        Column("meeting_id", Integer(), ForeignKey("meeting.id")),
        Column("agreement_id", Integer(), ForeignKey("agreement.id")),
        Column("part_of_id", Integer(), ForeignKey("pledge.id")),
        Column("amount_minor", BigInteger()),
        Column("amount_high_minor", BigInteger()),
        Column("currency_code", String(length=3), ForeignKey("currency.code")),
        Column("qualifier", String(length=40), nullable=False),
        Column("covers_from", Date()),
        Column("covers_from_precision", String(length=5)),
        Column("covers_until", Date()),
        Column("covers_until_precision", String(length=5)),
        Column("statement", Text()),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _post() -> Table:
    return Table(
        "post",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("office", String(length=80), nullable=False),
        Column("accredited_to_actor_id", Integer(), ForeignKey("actor.id")),
        Column("body_id", Integer(), ForeignKey("body.id")),
        Column("title", String(length=200), nullable=False),
        Column("single_seat", Boolean(), nullable=False),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
    )


def _post_title() -> Table:
    return Table(
        "post_title",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("post_id", Integer(), ForeignKey("post.id"), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _product_category() -> Table:
    return Table(
        "product_category",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("code", String(length=40), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("scheme", String(length=40), nullable=False),
        Column("revision", String(length=20)),
        Column("parent_id", Integer(), ForeignKey("product_category.id")),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
    )


def _progress_statement() -> Table:
    return Table(
        "progress_statement",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=160), nullable=False),
        Column("agreement_id", Integer(), ForeignKey("agreement.id"), nullable=False),
        Column("stated_on", Date(), nullable=False),
        Column("stated_on_precision", String(length=5), nullable=False),
        Column("speaker_id", Integer(), ForeignKey("person.id")),
        Column("share_basis_points", Integer()),
        Column("achieved_count", Integer()),
        Column("total_count", Integer()),
        Column("pledge_id", Integer(), ForeignKey("pledge.id")),
        Column("unit", String(length=80)),
        Column("qualifier", String(length=40), nullable=False),
        Column("statement", Text()),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _region() -> Table:
    return Table(
        "region",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("code", String(length=40), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("kind", String(length=40), ForeignKey("region_kind.code"), nullable=False),
        Column("m49_code", String(length=3)),
        Column("description", Text()),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
    )


def _region_kind() -> Table:
    return Table(
        "region_kind",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _region_part() -> Table:
    return Table(
        "region_part",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("region_id", Integer(), ForeignKey("region.id"), nullable=False),
        Column("country_id", Integer(), ForeignKey("country.id"), nullable=False),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _relation_kind() -> Table:
    return Table(
        "relation_kind",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _relation_topic() -> Table:
    return Table(
        "relation_topic",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("partner_actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("topic_id", Integer(), ForeignKey("topic.id"), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id"), nullable=False),
    )


def _release() -> Table:
    return Table(
        "release",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=120), nullable=False),
        Column("dataset", String(length=40), nullable=False),
        Column("version", String(length=40)),
        Column("title", Text(), nullable=False),
        Column("publisher", String(length=200)),
        Column("citation", Text()),
        Column("url", Text()),
        Column("precedence", Integer(), nullable=False),
        Column("coverage_start", Date()),
        Column("coverage_start_precision", String(length=5)),
        Column("coverage_end", Date()),
        Column("coverage_end_precision", String(length=5)),
        Column("file_name", String(length=300)),
        Column("file_sha256", String(length=64)),
        Column("imported_at", DateTime(timezone=True)),
    )


def _release_count() -> Table:
    return Table(
        "release_count",
        METADATA,
        Column("release_id", Integer(), ForeignKey("release.id"), primary_key=True),
        Column("kind", String(length=40), primary_key=True),
        Column("rows", BigInteger(), nullable=False),
    )


def _release_finding() -> Table:
    return Table(
        "release_finding",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("kind", String(length=40), nullable=False),
        Column("line", Integer()),
        Column("record", Text(), nullable=False),
        Column("message", Text(), nullable=False),
    )


def _source() -> Table:
    return Table(
        "source",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=120), nullable=False),
        Column("title", Text(), nullable=False),
        Column("publisher", String(length=200)),
        Column("url", Text()),
        Column("kind", String(length=40), nullable=False),
        Column("language", String(length=8)),
        Column("published_on", Date()),
        Column("published_on_precision", String(length=5)),
    )


def _succession_kind() -> Table:
    return Table(
        "succession_kind",
        METADATA,
        Column("code", String(length=40), primary_key=True),
        Column("description", Text(), nullable=False),
        Column("source_id", Integer(), ForeignKey("source.id")),
    )


def _system_membership() -> Table:
    return Table(
        "system_membership",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("system", String(length=40), nullable=False),
        Column("code", Integer(), nullable=False),
        Column("abbreviation", String(length=8)),
        Column("name", String(length=200), nullable=False),
        Column("start_date", Date(), nullable=False),
        Column("start_date_precision", String(length=5), nullable=False),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("end_status", String(length=10), nullable=False),
    )


def _term() -> Table:
    return Table(
        "term",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("person_id", Integer(), ForeignKey("person.id"), nullable=False),
        Column("post_id", Integer(), ForeignKey("post.id"), nullable=False),
        Column("single_seat", Boolean(), nullable=False),
        Column("capacity", String(length=40), ForeignKey("capacity.code"), nullable=False),
        Column("appointed_on", Date()),
        Column("appointed_on_precision", String(length=5)),
        Column("appointment_note", Text()),
        Column("arrived_on", Date()),
        Column("arrived_on_precision", String(length=5)),
        Column("arrival_note", Text()),
        Column("started_on", Date()),
        Column("started_on_precision", String(length=5)),
        Column("start_note", Text()),
        Column("start_date", Date()),
        Column("start_date_precision", String(length=5)),
        Column("end_date", Date()),
        Column("end_date_precision", String(length=5)),
        Column("end_status", String(length=10), nullable=False),
        Column("end_reason", String(length=40), ForeignKey("end_reason.code")),
        Column("end_note", Text()),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("alternative_of_id", Integer(), ForeignKey("term.id")),
        Column("alternative", SmallInteger(), nullable=False),
        ForeignKeyConstraint(["post_id", "single_seat"], ["post.id", "post.single_seat"]),
    )


def _topic() -> Table:
    return Table(
        "topic",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("slug", String(length=80), nullable=False),
        Column("name", String(length=200), nullable=False),
        Column("description", Text()),
    )


def _trade_figure() -> Table:
    return Table(
        "trade_figure",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("reporter_actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("partner_actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("period_start", Date(), nullable=False),
        Column("period_end", Date(), nullable=False),
        Column("period_precision", String(length=11), nullable=False),
        Column("flow", String(length=40), nullable=False),
        Column("series", String(length=40), nullable=False),
        Column("category_id", Integer(), ForeignKey("product_category.id"), nullable=False),
        Column("valuation", String(length=40), nullable=False),
        Column("value_status", String(length=40), nullable=False),
        Column("value_minor", BigInteger()),
        Column("value_high_minor", BigInteger()),
        Column("rounding_minor", BigInteger()),
        Column("quantity_milli", BigInteger()),
        Column("quantity_unit", String(length=40)),
        Column("currency_code", String(length=3), ForeignKey("currency.code")),
        Column("qualifier", String(length=40), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("alternative_of_id", Integer(), ForeignKey("trade_figure.id")),
        Column("alternative", SmallInteger(), nullable=False),
    )


def _trade_reported_change() -> Table:
    return Table(
        "trade_reported_change",
        METADATA,
        Column("id", Integer(), primary_key=True),
        Column("reporter_actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("partner_actor_id", Integer(), ForeignKey("actor.id"), nullable=False),
        Column("period_start", Date(), nullable=False),
        Column("period_end", Date(), nullable=False),
        Column("period_precision", String(length=11), nullable=False),
        Column("base_period_start", Date(), nullable=False),
        Column("flow", String(length=40), nullable=False),
        Column("series", String(length=40), nullable=False),
        Column("category_id", Integer(), ForeignKey("product_category.id"), nullable=False),
        Column("change_basis_points", Integer(), nullable=False),
        Column("qualifier", String(length=40), nullable=False),
        Column("fact_id", Integer(), ForeignKey("fact.id")),
        Column("release_id", Integer(), ForeignKey("release.id"), nullable=False),
        Column("alternative_of_id", Integer(), ForeignKey("trade_reported_change.id")),
        Column("alternative", SmallInteger(), nullable=False),
    )


# Each table's builder and the tables its foreign keys name.
BUILDERS: dict[str, tuple[Callable[[], Table], str]] = {
    "ACTOR": (_actor, "BLOC COUNTRY REGION"),
    "AGREEMENT": (_agreement, "AGREEMENT_KIND BLOC CITY FACT MEETING"),
    "AGREEMENT_KIND": (_agreement_kind, "SOURCE"),
    "AGREEMENT_PARTY": (_agreement_party, "ACTOR AGREEMENT"),
    "AGREEMENT_TOPIC": (_agreement_topic, "AGREEMENT FACT TOPIC"),
    "BLOC": (_bloc, "BLOC_KIND FACT RELEASE"),
    "BLOC_KIND": (_bloc_kind, "SOURCE"),
    "BLOC_NAME": (_bloc_name, "BLOC FACT"),
    "BLOC_SUCCESSION": (_bloc_succession, "BLOC FACT SUCCESSION_KIND"),
    "BODY": (_body, "ACTOR BODY_KIND FACT RELEASE"),
    "BODY_KIND": (_body_kind, "SOURCE"),
    "CAPACITY": (_capacity, "SOURCE"),
    "CITATION": (_citation, "FACT SOURCE"),
    "CITY": (_city, "COUNTRY"),
    "COUNTRY": (_country, "FACT"),
    "COUNTRY_CODE": (_country_code, "COUNTRY FACT RELEASE"),
    "COUNTRY_NAME": (_country_name, "COUNTRY FACT"),
    "COVERAGE": (_coverage, "ACTOR BLOC POST RELEASE"),
    "CURRENCY": (_currency, ""),
    "DIALOGUE_COORDINATION": (_dialogue_coordination, "ACTOR BLOC COUNTRY FACT RELEASE"),
    "DIPLOMATIC_RELATION": (_diplomatic_relation, "ACTOR FACT RELATION_KIND"),
    "END_REASON": (_end_reason, "SOURCE"),
    "FACT": (_fact, ""),
    "MEETING": (_meeting, "BLOC CITY COUNTRY FACT MEETING_KIND MEETING_STATUS RELEASE"),
    "MEETING_IN_SERIES": (_meeting_in_series, "FACT MEETING MEETING_SERIES"),
    "MEETING_KIND": (_meeting_kind, ""),
    "MEETING_SERIES": (_meeting_series, "BLOC FACT"),
    "MEETING_STATUS": (_meeting_status, "SOURCE"),
    "MEETING_TOPIC": (_meeting_topic, "FACT MEETING TOPIC"),
    "MEMBER_LIST": (_member_list, "BLOC FACT MEMBERSHIP_ROLE"),
    "MEMBERSHIP": (_membership, "ACTOR BLOC FACT MEMBERSHIP_ROLE RELEASE"),
    "MEMBERSHIP_ROLE": (_membership_role, "SOURCE"),
    "PANEL_COUNTRY_YEAR": (_panel_country_year, ""),
    "PANEL_DYAD_ENVOY": (_panel_dyad_envoy, ""),
    "PANEL_DYAD_MEETING": (_panel_dyad_meeting, ""),
    "PANEL_DYAD_TRADE": (_panel_dyad_trade, ""),
    "PANEL_SHARED_MEMBERSHIP": (_panel_shared_membership, ""),
    "PARTICIPANT": (
        _participant,
        "ACTOR FACT MEETING PARTICIPANT_ROLE PARTICIPANT_STATUS PERSON RELEASE",
    ),
    "PARTICIPANT_ROLE": (_participant_role, "SOURCE"),
    "PARTICIPANT_STATUS": (_participant_status, "SOURCE"),
    "PERSON": (_person, "FACT RELEASE"),
    "PLEDGE": (_pledge, "ACTOR AGREEMENT CURRENCY FACT MEETING"),
    "POST": (_post, "ACTOR BODY RELEASE"),
    "POST_TITLE": (_post_title, "FACT POST"),
    "PRODUCT_CATEGORY": (_product_category, "RELEASE"),
    "PROGRESS_STATEMENT": (_progress_statement, "AGREEMENT FACT PERSON PLEDGE"),
    "REGION": (_region, "FACT REGION_KIND RELEASE"),
    "REGION_KIND": (_region_kind, "SOURCE"),
    "REGION_PART": (_region_part, "COUNTRY FACT REGION"),
    "RELATION_KIND": (_relation_kind, "SOURCE"),
    "RELATION_TOPIC": (_relation_topic, "ACTOR FACT TOPIC"),
    "RELEASE": (_release, ""),
    "RELEASE_COUNT": (_release_count, "RELEASE"),
    "RELEASE_FINDING": (_release_finding, "RELEASE"),
    "SOURCE": (_source, ""),
    "SUCCESSION_KIND": (_succession_kind, "SOURCE"),
    "SYSTEM_MEMBERSHIP": (_system_membership, "RELEASE"),
    "TERM": (_term, "CAPACITY END_REASON FACT PERSON POST RELEASE"),
    "TOPIC": (_topic, ""),
    "TRADE_FIGURE": (_trade_figure, "ACTOR CURRENCY FACT PRODUCT_CATEGORY RELEASE"),
    "TRADE_REPORTED_CHANGE": (_trade_reported_change, "ACTOR FACT PRODUCT_CATEGORY RELEASE"),
}


def __getattr__(name: str) -> Table:
    if name not in BUILDERS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with _BUILDING:  # the API's threads may ask for a table at once
        pending = [name]
        while pending:
            wanted = pending.pop()
            if wanted not in globals():
                build, references = BUILDERS[wanted]
                globals()[wanted] = build()
                pending.extend(references.split())
    table: Table = globals()[name]
    return table
