"""How each kind of report row reads as a table: key order, the terminal's columns, money.

Every field of a report's row dataclass is output (JSON, CSV, …) except database ids (fields
named `fact_id` or ending in `_fact_id`, or marked `field(metadata={"internal": True})`) and
what a shape hides. A field added to a row therefore appears everywhere at once; a shape only
says where it goes and whether the terminal table shows it by default.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields


@dataclass(frozen=True)
class Shape:
    order: tuple[str, ...] = ()  # leading keys (the JSON and CSV order); other fields follow
    display: tuple[str, ...] | None = None  # the terminal table's columns; None: every key
    money: dict[str, str] = field(default_factory=dict)  # money column -> its currency column
    hidden: frozenset[str] = frozenset()  # fields that are never output
    labels: dict[str, str] = field(default_factory=dict)  # terminal headers other than the key


MEMBERSHIP = (
    "country",
    "name",
    "role",
    "start_date",
    "end_date",
    "end_status",
    "member_kind",
    "bloc",
)
TERM = (
    "person",
    "name",
    "country",
    "post",
    "accredited_to",
    "title",
    "capacity",
    "start_date",
    "end_date",
    "end_status",
)
# Where an answer comes from (reports/claims/provenance.py), after the row's own fields.
PROVENANCE = (
    "source",
    "sources",
    "disputed",
    "disputed_by",
    "uncertain",
    "preferred",
    "covered",
    "confidence",
    "note",
)
MEETING = ("slug", "name", "kind", "start_date", "end_date", "city", "host", "bloc", "parent")
TRADE = (
    "year",
    "month",
    "reporter",
    "partner",
    "flow",
    "category",
    "value",
    "currency",
    "qualifier",
    "change_pct",
    "reported_change_pct",
    "reported_change_qualifier",
    "basis",
    "members",
    "members_total",
    "valuation",
    "status",
    "source",
)
# When the terminal is narrow, columns are left out from the right: most telling first.
# The qualifier ("at least") and the source change what a value means: they come first, then
# "1 of 10 members" (the two together), then the changes.
TRADE_DISPLAY = (
    "year",
    "reporter",
    "partner",
    "flow",
    "category",
    "value",
    "currency",
    "qualifier",
    "source",
    "members",
    "members_total",
    "change_pct",
    "reported_change_pct",
    "basis",
)
AGREEMENT = ("slug", "title", "kind", "signed_on", "covers_from", "covers_until", "adopted_at")
PROGRESS = (
    "stated_on",
    "speaker",
    "share_pct",
    "achieved",
    "total",
    "unit",
    "qualifier",
    "statement",
    "sources",
    "slug",
)

# Keyed by the row class's name, so this module needs no report imported.
SHAPES: dict[str, Shape] = {
    "MembershipRow": Shape((*MEMBERSHIP, *PROVENANCE), display=(*MEMBERSHIP[:5], "source")),
    "TermRow": Shape(
        (*TERM, *PROVENANCE),
        display=(*TERM[:9], "source"),
        labels={"country": "of", "accredited_to": "to"},
    ),
    "MeetingRow": Shape((*MEETING, "source", "description"), display=(*MEETING, "source")),
    "TradeRow": Shape(
        TRADE,
        display=TRADE_DISPLAY,
        money={"value": "currency"},
        hidden=frozenset({"period"}),
        labels={
            "change_pct": "change %",
            "reported_change_pct": "reported change %",
            "members_total": "of members",
        },
    ),
    "AgreementRow": Shape(AGREEMENT),
    "ProgressRow": Shape(PROGRESS, display=(*PROGRESS[:7], "sources")),
    "ParticipantRow": Shape(
        ("person", "name", "actor", "actor_name", "role", "status"),
        display=("person", "name", "actor", "actor_name", "role", "status"),
    ),
    "TopicRow": Shape(("topic", "name"), display=("topic", "name")),
    "SourceRow": Shape(("source", "title", "publisher", "url", "published", "locator")),
    "CountryRow": Shape(
        (
            "country",
            "name",
            "official_name",
            "alpha2",
            "numeric",
            "cow",
            "gw",
            "m49",
            "start_date",
            "end_date",
            "existed",
        )
    ),
    "SharedMembershipRow": Shape(
        ("bloc", "role_a", "start_a", "end_a", "role_b", "start_b", "end_b")
    ),
    "DyadTopicRow": Shape(("topic", "name", "via", "via_slug")),
    "SourceListRow": Shape(
        (
            "source",
            "kind",
            "title",
            "publisher",
            "version",
            "precedence",
            "coverage_start",
            "coverage_end",
            "rows",
        ),
        display=(
            "source",
            "kind",
            "version",
            "precedence",
            "coverage_start",
            "coverage_end",
            "rows",
        ),
    ),
    "DisagreementRow": Shape(
        display=(
            "subject",
            "first",
            "last",
            "yes_sources",
            "yes_claims",
            "no_sources",
            "no_claims",
        )
    ),
}


def is_internal(item: Field[object]) -> bool:
    """A database id: meaningful inside one database only, so never part of an answer."""
    return (
        item.name == "fact_id"
        or item.name.endswith("_fact_id")
        or bool(item.metadata.get("internal"))
    )


def shape_of(row_type: type) -> Shape:
    return SHAPES.get(row_type.__name__, Shape())


def output_columns(row_type: type) -> list[str]:
    """The keys a row of `row_type` is output with, in order."""
    shape = shape_of(row_type)
    names = [
        item.name
        for item in fields(row_type)
        if not is_internal(item) and item.name not in shape.hidden
    ]
    leading = [name for name in shape.order if name in names]
    return leading + [name for name in names if name not in leading]


def fact_ids(row: object) -> list[int]:
    """The database ids of the facts behind a row (a trade figure and its reported change)."""
    ids = []
    for item in fields(row):  # type: ignore[arg-type]
        if item.name == "fact_id" or item.name.endswith("_fact_id"):
            value = getattr(row, item.name)
            if value is not None:
                ids.append(value)
    return ids
