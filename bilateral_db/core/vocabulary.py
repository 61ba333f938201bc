"""Closed vocabularies. Each is enforced by a CHECK constraint on every backend."""

from __future__ import annotations

from enum import StrEnum


class DatePrecision(StrEnum):
    """How much of a stored date is known: 2019-09-01 at `month` means "September 2019"."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class EndStatus(StrEnum):
    """What an interval's end says. Empty is not "ended": a source may stop looking."""

    ENDED = "ended"  # end_date is the last day (at its precision)
    ONGOING = "ongoing"  # no end: still so at the latest source seen
    CENSORED = "censored"  # end_date is where the source stopped looking: unknown after it
    UNKNOWN = "unknown"  # it ended, but the source does not say when (no end_date)


class StateSystem(StrEnum):
    """Lists of independent states that panels follow."""

    COW = "cow"  # Correlates of War State System Membership
    GW = "gw"  # Gleditsch & Ward's list of independent states


class Confidence(StrEnum):
    """Whether a fact is read in its sources or derived from them."""

    STATED = "stated"
    INFERRED = "inferred"


class SourceKind(StrEnum):
    NEWS = "news"
    OFFICIAL = "official"
    DATASET = "dataset"
    STANDARD = "standard"
    REFERENCE = "reference"
    ACADEMIC = "academic"


class CodeScheme(StrEnum):
    """External country code lists that researchers join on."""

    COW = "cow"  # Correlates of War numeric ccode
    COW_ABBREV = "cow_abbrev"  # Correlates of War three-letter abbreviation
    GW = "gw"  # Gleditsch & Ward numeric code
    M49 = "m49"  # UN M49 numeric code


class BlocKind(StrEnum):
    REGIONAL_ORGANISATION = "regional_organisation"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    FORUM = "forum"
    CUSTOMS_UNION = "customs_union"
    ECONOMIC_UNION = "economic_union"
    POLITICAL_AND_ECONOMIC_UNION = "political_and_economic_union"
    MILITARY_ALLIANCE = "military_alliance"
    FREE_TRADE_AREA = "free_trade_area"


class MembershipRole(StrEnum):
    """What an actor is to a bloc. ASEAN's partner levels are roles too."""

    MEMBER = "member"
    ASSOCIATE_MEMBER = "associate_member"
    OBSERVER = "observer"
    CANDIDATE = "candidate"
    APPLICANT = "applicant"
    SUSPENDED = "suspended"
    DIALOGUE_PARTNER = "dialogue_partner"
    SECTORAL_DIALOGUE_PARTNER = "sectoral_dialogue_partner"
    DEVELOPMENT_PARTNER = "development_partner"
    STRATEGIC_PARTNER = "strategic_partner"
    COMPREHENSIVE_STRATEGIC_PARTNER = "comprehensive_strategic_partner"
    CHAIR = "chair"


# The roles of a membership status as the data sets code it (COW IGO: 1, 2, 3; 0 is none of
# them). A release that codes a bloc says "no" to each of these wherever it codes none; the
# partner levels and the chair are not statuses, and it says nothing of them.
STATUS_ROLES = frozenset(
    {MembershipRole.MEMBER, MembershipRole.ASSOCIATE_MEMBER, MembershipRole.OBSERVER}
)


class ParticipantRole(StrEnum):
    HOST = "host"
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    DELEGATION_HEAD = "delegation_head"
    DELEGATION_MEMBER = "delegation_member"
    GUEST = "guest"
    SPEAKER = "speaker"
    OBSERVER = "observer"
    PARTICIPANT = "participant"


class ParticipantStatus(StrEnum):
    ATTENDED = "attended"
    INVITED = "invited"
    DECLINED = "declined"
    ABSENT = "absent"


class MeetingStatus(StrEnum):
    """Whether a meeting took place as planned, as a source says it."""

    HELD = "held"
    POSTPONED = "postponed"  # moved to a later date (the later meeting may be its own record)
    CANCELLED = "cancelled"


class Capacity(StrEnum):
    """In what capacity a person holds a post: in full, or standing in until it is filled."""

    FULL = "full"
    ACTING = "acting"  # an acting president, minister or head of a body
    AD_INTERIM = "ad_interim"  # a chargé d'affaires ad interim heading a mission


class EndReason(StrEnum):
    """Why a term ended, as a source says it (the Office of the Historian's notes among them)."""

    LEFT_POST = "left_post"
    SUPERSEDED = "superseded"
    TERM_ENDED = "term_ended"
    RESIGNED = "resigned"
    REMOVED = "removed"  # dismissed, recalled, impeached, ousted
    DIED = "died"
    POST_CLOSED = "post_closed"  # the mission or office ceased to exist
    OTHER = "other"  # end_note says what


class BodyKind(StrEnum):
    """What a body within a country or bloc is."""

    MINISTRY = "ministry"
    AGENCY = "agency"
    SECRETARIAT = "secretariat"
    COUNCIL = "council"
    MISSION = "mission"  # an embassy, a permanent mission
    OTHER = "other"


class ListStatus(StrEnum):
    """What a source says of its list of a bloc's members (in one role) over a period."""

    COMPLETE = "complete"  # every member of the period is listed
    INCOMPLETE = "incomplete"  # members are listed as far as the source names them


class SuccessionKind(StrEnum):
    """How a bloc followed another: under a new name (the same body), in its place (a new
    body: GATT -> WTO, the Shanghai Five -> SCO), or by absorbing it (the EC into the EU)."""

    RENAMED = "renamed"
    REPLACED = "replaced"
    MERGED = "merged"


class AgreementKind(StrEnum):
    TREATY = "treaty"
    CHARTER = "charter"
    DECLARATION = "declaration"
    PLAN_OF_ACTION = "plan_of_action"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"
    JOINT_STATEMENT = "joint_statement"
    AGREEMENT = "agreement"


class Qualifier(StrEnum):
    """How a source qualifies a number: "over 60%" is 60 with `more_than`."""

    EXACT = "exact"
    APPROXIMATELY = "approximately"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"


class TradeFlow(StrEnum):
    """Seen from the reporter: its exports to, imports from, or total trade with the partner.
    Re-exports and re-imports (and Comtrade's domestic exports and foreign imports) are flows
    of their own: `export` and `import` are the general trade a source states as such."""

    EXPORT = "export"
    IMPORT = "import"
    TOTAL = "total"
    RE_EXPORT = "re_export"
    RE_IMPORT = "re_import"
    DOMESTIC_EXPORT = "domestic_export"
    FOREIGN_IMPORT = "foreign_import"


class TradeSeries(StrEnum):
    """Which series of a source a figure belongs to: part of the figure's key, so a source's
    reported and smoothed values of one period stand side by side."""

    REPORTED = "reported"  # the value as the reporter's statistics give it
    MIRROR = "mirror"  # derived from the partner's statistics of the opposite flow
    SMOOTHED = "smoothed"  # a source's smoothed or estimated series (COW's smoothflow)


class Valuation(StrEnum):
    FOB = "fob"
    CIF = "cif"
    NOT_STATED = "not_stated"


class ValueStatus(StrEnum):
    """Empty is not zero: observed (zero included), unknown, or outside the source's coverage."""

    OBSERVED = "observed"
    UNKNOWN = "unknown"
    NOT_COVERED = "not_covered"


class CategoryScheme(StrEnum):
    BROAD = "broad"  # our own groups: all goods, agriculture, energy, …
    HS = "hs"
    SITC = "sitc"


class PeriodPrecision(StrEnum):
    """What a trade period is: a calendar year, quarter or month, a fiscal year, or another
    span with its own first and last day (period_start, period_end)."""

    MONTH = "month"
    YEAR = "year"
    QUARTER = "quarter"
    FISCAL_YEAR = "fiscal_year"
    SPAN = "span"


class RegionKind(StrEnum):
    """What a region is: a part of the world a source names as a partner, not an organisation."""

    GEOGRAPHIC = "geographic"  # a continent or a part of one as a source draws it: Africa
    WORLD = "world"  # all partners together (Comtrade's World)
    AREA_NES = "area_nes"  # an area "not elsewhere specified" in a trade source
    SPECIAL = "special"  # a trade source's special partner: bunkers, free zones, undisclosed
    TERRITORY = "territory"  # a part of a country, or a territory that is no country of ours
    COMBINATION = "combination"  # countries that report as one (Belgium-Luxembourg)


class RelationKind(StrEnum):
    """A dated relation between two countries, as a source states it."""

    # Diplomatic relations between the two (symmetric; the order is the source's).
    DIPLOMATIC_RELATIONS = "diplomatic_relations"
    # The first recognises the second's government as its state's (directed).
    RECOGNITION = "recognition"
