"""Vocabularies: closed ones, enforced by a CHECK constraint, and open ones, held in tables.

A closed vocabulary is one the code's logic depends on and no source extends (date precision,
end status, trade flows, …): a CHECK lists its values. An open vocabulary is one a source may
extend with a term of its own (roles, kinds, statuses, capacities, end reasons): it is a table
of terms with their descriptions (`code`, `description`), seeded by a migration from the terms
below, to which a fixture set adds rows (vocabularies.yaml); the columns using it hold a
foreign key to it. tests/test_vocabularies.py holds the seeded rows equal to these enums.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Self


class Term(StrEnum):
    """A term of an open vocabulary: its stored value and what counts as it.

    Members are written `CODE = "code", "What counts as it."`.
    """

    description: str

    def __new__(cls, value: str, description: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member


def vocabulary_table(vocabulary: type[Term]) -> str:
    """The table holding an open vocabulary's terms: MembershipRole -> membership_role."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", vocabulary.__name__).lower()


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


class BlocKind(Term):
    """What kind of body a bloc is."""

    REGIONAL_ORGANISATION = (
        "regional_organisation",
        "An organisation of the states of one region with permanent bodies (ASEAN, the AU).",
    )
    INTERNATIONAL_ORGANISATION = (
        "international_organisation",
        "An organisation of states open beyond one region, with permanent bodies (the UN, WTO).",
    )
    FORUM = (
        "forum",
        "A recurring meeting of states without a founding treaty or permanent bodies of its "
        "own (the G20, BRICS, the East Asia Summit).",
    )
    CUSTOMS_UNION = (
        "customs_union",
        "States sharing one external tariff (the Eurasian Customs Union).",
    )
    ECONOMIC_UNION = (
        "economic_union",
        "A common market with shared economic policy (the Eurasian Economic Union).",
    )
    POLITICAL_AND_ECONOMIC_UNION = (
        "political_and_economic_union",
        "A union of states with shared political and economic institutions (the EU).",
    )
    MILITARY_ALLIANCE = (
        "military_alliance",
        "States bound to defend one another (NATO, the CSTO).",
    )
    FREE_TRADE_AREA = (
        "free_trade_area",
        "States that removed tariffs between them but keep their own towards others (AFTA).",
    )


class MembershipRole(Term):
    """What an actor is to a bloc. ASEAN's partner levels are roles too."""

    MEMBER = "member", "A full member, as the bloc's founding document or accession act makes it."
    ASSOCIATE_MEMBER = (
        "associate_member",
        "A member with fewer rights than a full member, as the bloc names it (COW IGO code 2).",
    )
    OBSERVER = "observer", "Attends the bloc's meetings without being a member (COW IGO code 3)."
    CANDIDATE = "candidate", "Accepted by the bloc as a candidate for membership."
    APPLICANT = "applicant", "Has applied for membership; the bloc has not yet decided."
    SUSPENDED = "suspended", "A member whose rights the bloc has suspended."
    DIALOGUE_PARTNER = (
        "dialogue_partner",
        "A state or bloc in a formal dialogue relationship with the bloc (ASEAN's dialogue "
        "partners: Russia from 1996).",
    )
    SECTORAL_DIALOGUE_PARTNER = (
        "sectoral_dialogue_partner",
        "A dialogue partner in named sectors only (ASEAN's sectoral dialogue partners).",
    )
    DEVELOPMENT_PARTNER = (
        "development_partner",
        "A partner in the bloc's development cooperation (ASEAN's development partners).",
    )
    STRATEGIC_PARTNER = (
        "strategic_partner",
        "A dialogue partner raised to a strategic partnership by a joint declaration.",
    )
    COMPREHENSIVE_STRATEGIC_PARTNER = (
        "comprehensive_strategic_partner",
        "A strategic partner raised to a comprehensive strategic partnership.",
    )
    CHAIR = "chair", "Holds the bloc's chair (often rotating) for the period."


# The roles of a membership status as the data sets code it, with COW IGO's code for each (0 is
# none of them): membership_role.cow_igo_code is seeded from it. A release that codes a bloc
# says "no" to each of these wherever it codes none; the partner levels and the chair are not
# statuses, and it says nothing of them.
COW_IGO_STATUS = {
    MembershipRole.MEMBER: 1,
    MembershipRole.ASSOCIATE_MEMBER: 2,
    MembershipRole.OBSERVER: 3,
}


class ParticipantRole(Term):
    """What a person, country or bloc was at a meeting."""

    HOST = "host", "Hosted the meeting."
    CHAIR = "chair", "Chaired the meeting."
    CO_CHAIR = "co_chair", "Chaired the meeting together with another."
    DELEGATION_HEAD = "delegation_head", "Led a country's or bloc's delegation."
    DELEGATION_MEMBER = "delegation_member", "A member of a delegation who did not lead it."
    GUEST = "guest", "Invited to attend without being a party to the meeting."
    SPEAKER = "speaker", "Addressed the meeting."
    OBSERVER = "observer", "Attended as an observer."
    PARTICIPANT = "participant", "Took part; the source gives no more specific role."


class ParticipantStatus(Term):
    """Whether a participant took part, as a source says it."""

    ATTENDED = "attended", "Was there."
    INVITED = "invited", "Was invited; the source does not say whether they came."
    DECLINED = "declined", "Was invited and declined."
    ABSENT = "absent", "Was expected (a member, a regular participant) and did not come."


class MeetingStatus(Term):
    """Whether a meeting took place as planned, as a source says it."""

    HELD = "held", "Took place."
    POSTPONED = (
        "postponed",
        "Moved to a later date (the later meeting may be its own record).",
    )
    CANCELLED = "cancelled", "Called off; it did not take place."


class Capacity(Term):
    """In what capacity a person holds a post: in full, or standing in until it is filled."""

    FULL = "full", "Holds the post in full (appointed, elected, confirmed)."
    ACTING = (
        "acting",
        "Stands in for the holder or fills a vacancy: an acting president, minister or head "
        "of a body.",
    )
    AD_INTERIM = (
        "ad_interim",
        "Heads a mission while it has no chief: a chargé d'affaires ad interim.",
    )


class EndReason(Term):
    """Why a term ended, as a source says it (the Office of the Historian's notes among them)."""

    LEFT_POST = (
        "left_post",
        "Left the post; the source says no more (the Office of the Historian: Left post).",
    )
    SUPERSEDED = "superseded", "A successor took over the post."
    TERM_ENDED = "term_ended", "The fixed term of office ran out."
    RESIGNED = "resigned", "Resigned."
    REMOVED = "removed", "Dismissed, recalled, impeached or ousted."
    DIED = "died", "Died in office."
    POST_CLOSED = "post_closed", "The mission or office ceased to exist."
    OTHER = "other", "Another reason; end_note says what."


class BodyKind(Term):
    """What a body within a country or bloc is."""

    MINISTRY = "ministry", "A government ministry or department."
    AGENCY = "agency", "A government agency or office below or beside the ministries."
    SECRETARIAT = "secretariat", "A bloc's secretariat."
    COUNCIL = "council", "A council or committee of a country or bloc."
    MISSION = "mission", "A diplomatic mission: an embassy, a permanent mission."
    OTHER = "other", "Another kind of body."


class ListStatus(StrEnum):
    """What a source says of its list of a bloc's members (in one role) over a period."""

    COMPLETE = "complete"  # every member of the period is listed
    INCOMPLETE = "incomplete"  # members are listed as far as the source names them


class SuccessionKind(Term):
    """How a bloc followed another: under a new name (the same body), in its place (a new
    body: GATT -> WTO, the Shanghai Five -> SCO), or by absorbing it (the EC into the EU)."""

    RENAMED = "renamed", "The same body under a new name."
    REPLACED = "replaced", "A new body took the place of the old one (GATT -> WTO)."
    MERGED = "merged", "The old body was absorbed into the new one (the EC into the EU)."


class AgreementKind(Term):
    """What kind of document an agreement is, as its title or source calls it."""

    TREATY = "treaty", "A treaty binding its parties under international law."
    CHARTER = "charter", "A bloc's founding or constituent document (the ASEAN Charter)."
    DECLARATION = "declaration", "A declaration of intent or principle, not binding in itself."
    PLAN_OF_ACTION = "plan_of_action", "A plan of action or work programme over a period."
    MEMORANDUM_OF_UNDERSTANDING = (
        "memorandum_of_understanding",
        "A memorandum of understanding between parties.",
    )
    JOINT_STATEMENT = "joint_statement", "A statement the parties issue together."
    AGREEMENT = "agreement", "An agreement the source names no more precisely."


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


class RegionKind(Term):
    """What a region is: a part of the world a source names as a partner, not an organisation."""

    GEOGRAPHIC = "geographic", "A continent or a part of one as a source draws it (Africa)."
    WORLD = "world", "All partners together (UN Comtrade's World)."
    AREA_NES = "area_nes", "An area a trade source leaves not elsewhere specified."
    SPECIAL = "special", "A trade source's special partner: bunkers, free zones, undisclosed."
    TERRITORY = "territory", "A part of a country, or a territory that is no country here."
    COMBINATION = "combination", "Countries that report as one (Belgium-Luxembourg)."


class RelationKind(Term):
    """A dated relation between two actors, as a source states it."""

    DIPLOMATIC_RELATIONS = (
        "diplomatic_relations",
        "Diplomatic relations between the two (symmetric; the order is the source's).",
    )
    RECOGNITION = (
        "recognition",
        "The first recognises the second's government as its state's (directed).",
    )


# The open vocabularies: each a table of terms (vocabulary_table), extended by fixtures.
OPEN_VOCABULARIES: tuple[type[Term], ...] = (
    BlocKind,
    MembershipRole,
    ParticipantRole,
    ParticipantStatus,
    MeetingStatus,
    AgreementKind,
    BodyKind,
    Capacity,
    EndReason,
    SuccessionKind,
    RegionKind,
    RelationKind,
)
