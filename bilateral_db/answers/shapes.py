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
    # What people read (terminal and Markdown tables); JSON and CSV keep the values as they are.
    # Columns that change what a row means: a narrow terminal wraps them, never leaves them out.
    keep: frozenset[str] = frozenset()
    # A column shown with another's value after it: members "1 of 10" (members_total).
    joined: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (other, " of ")
    # An end column and the column of its end status: a censored end reads "2014+".
    censored: dict[str, str] = field(default_factory=dict)
    silent: str | None = None  # where a row with `covered` false reads "not covered"
    phrases: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> value -> words
    # A list's count and status, said under the table: members "9 listed, list incomplete"
    # (the columns of the count, of the status, and of what the list is of).
    footer: tuple[str, str, str] | None = None


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
PLEDGE = (
    "pledge",
    "pledger",
    "made_on",
    "amount",
    "amount_high",
    "currency",
    "qualifier",
    "covers_from",
    "covers_until",
    "meeting",
    "agreement",
    "part_of",
    "statement",
    "sources",
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
# Read across: "RUS imports from THA". When the terminal is narrow, the qualifier ("at least"),
# the source and "1 of 10" members wrap but stay; the other columns are left out from the right.
TRADE_DISPLAY = (
    "year",
    "reporter",
    "flow",
    "partner",
    "category",
    "value",
    "currency",
    "qualifier",
    "source",
    "members",
    "change_pct",
    "reported_change_pct",
    "basis",
)
# A flow seen from the reporter, as words between reporter and partner (core.vocabulary.Flow).
FLOW_PHRASES = {
    "import": "imports from",
    "export": "exports to",
    "total": "trades with",
    "re_export": "re-exports to",
    "re_import": "re-imports from",
    "domestic_export": "exports own goods to",
    "foreign_import": "imports for home use from",
}
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
    "MembershipRow": Shape(
        (*MEMBERSHIP, *PROVENANCE),
        display=(*MEMBERSHIP[:5], "bloc", "source"),
        keep=frozenset({"country", "role", "start_date", "end_date", "bloc", "source"}),
        censored={"end_date": "end_status"},
        silent="start_date",
    ),
    "MemberRow": Shape(
        (*MEMBERSHIP, *PROVENANCE, "listed", "list_status"),
        display=(*MEMBERSHIP[:5], "bloc", "source"),
        keep=frozenset({"country", "role", "start_date", "end_date", "bloc", "source"}),
        censored={"end_date": "end_status"},
        silent="start_date",
        footer=("listed", "list_status", "bloc"),
    ),
    "TermRow": Shape(
        (*TERM, *PROVENANCE),
        display=(*TERM[:9], "source"),
        labels={"country": "of", "accredited_to": "to"},
        keep=frozenset({"person", "country", "post", "start_date", "end_date", "source"}),
        censored={"end_date": "end_status"},
        silent="name",
    ),
    "MeetingRow": Shape(
        (*MEETING[:6], "venue", *MEETING[6:], "source", "description"),
        display=(*MEETING, "source"),
    ),
    "TradeRow": Shape(
        TRADE,
        display=TRADE_DISPLAY,
        money={"value": "currency"},
        hidden=frozenset({"period"}),
        labels={
            "change_pct": "change %",
            "reported_change_pct": "reported change %",
            "flow": "",
        },
        keep=frozenset(
            {"year", "reporter", "flow", "partner", "value", "qualifier", "source", "members"}
        ),
        joined={"members": ("members_total", " of ")},
        phrases={"flow": FLOW_PHRASES},
    ),
    "AgreementRow": Shape(AGREEMENT, display=(*AGREEMENT, "source")),
    "ProgressRow": Shape(PROGRESS, display=(*PROGRESS[:7], "sources")),
    "ParticipantRow": Shape(
        ("person", "name", "actor", "actor_name", "role", "status", "invited_on", "source"),
        display=("person", "name", "actor", "actor_name", "role", "status", "source"),
    ),
    "SeriesRow": Shape(
        ("series", "name", "ordinal", "bloc", "source"),
        display=("series", "name", "ordinal", "bloc", "source"),
    ),
    "TopicRow": Shape(("topic", "name", "source"), display=("topic", "name", "source")),
    "PledgeRow": Shape(
        PLEDGE,
        display=(*PLEDGE[:9], "part_of", "sources"),
        money={"amount": "currency", "amount_high": "currency"},
        keep=frozenset({"pledge", "pledger", "amount", "qualifier"}),
    ),
    "BlocRow": Shape(
        display=("bloc", "name", "kind", "founded_on", "dissolved_on", "source"),
    ),
    "CountryListRow": Shape(
        display=("country", "name", "alpha2", "numeric", "start_date", "end_date"),
    ),
    "RelationRow": Shape(
        (
            "kind",
            "actor",
            "actor_name",
            "partner",
            "partner_name",
            "start_date",
            "end_date",
            "end_status",
            "holds",
            "sources",
            "source",
            "confidence",
            "note",
        ),
        display=("kind", "actor", "partner", "start_date", "end_date", "holds", "sources"),
        keep=frozenset({"kind", "actor", "partner", "start_date", "end_date", "holds"}),
        censored={"end_date": "end_status"},
    ),
    "RegionPartRow": Shape(
        (
            "region",
            "region_name",
            "country",
            "name",
            "start_date",
            "end_date",
            "sources",
            "source",
            "confidence",
            "note",
        ),
        display=("country", "name", "start_date", "end_date", "sources"),
        keep=frozenset({"country", "name", "start_date", "end_date"}),
    ),
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
        ("bloc", "role_a", "start_a", "end_a", "end_status_a", "role_b", "start_b", "end_b"),
        display=("bloc", "role_a", "start_a", "end_a", "role_b", "start_b", "end_b", "source"),
        keep=frozenset({"bloc", "role_a", "end_a", "role_b", "end_b", "source"}),
        censored={"end_a": "end_status_a", "end_b": "end_status_b"},
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
        ),
        keep=frozenset(
            {"subject", "first", "last", "yes_sources", "yes_claims", "no_sources", "no_claims"}
        ),
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
