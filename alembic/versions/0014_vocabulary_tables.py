"""Open vocabularies become tables of terms with descriptions; their columns refer to them.

Roles, kinds, statuses, capacities and end reasons are vocabularies a source may extend: a new
term (a role a bloc gives, an end reason a register writes) is a row of its table, not a change
of code. Each table holds `code` (the value rows store), `description` and `source_id` (the
source of a term a fixture set adds; NULL for the terms seeded here); membership_role also
holds the status COW IGO codes each role as. Every column that held a CHECK listing the terms
holds a foreign key to its table instead. Closed vocabularies (date precision, end status,
trade flows, …) keep their CHECKs.

No row changes: the seeded terms are exactly the values the CHECKs allowed. SQLite rebuilds
the tables using a vocabulary (op.create_vocabulary keeps their triggers and indexes), which
it refuses while a view names them, so every view is dropped first and created again at the
version it had. The downgrade restores each CHECK, listing the seeded terms and then any term
added since, so that no row is lost.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every view at 0013, readers last: dropped and created again at the same version.
VIEWS = {
    "v_membership": "0003",
    "v_meeting_participant": "0003",
    "v_trade": "0012",
    "v_claim": "0006",
    "v_term": "0006",
    "v_country_year": "0009",
    "v_country_year_gw": "0009",
    "v_dyad_year": "0009",
    "v_dyad_year_gw": "0009",
}
# Each vocabulary: its table's comment, the (table, column) pairs using it, and its terms
# (code, description, and for membership_role the COW IGO status code), in the CHECKs' order.
VOCABULARIES = {
    "bloc_kind": (
        "What kind of body a bloc is.",
        (("bloc", "kind"),),
        (
            (
                "regional_organisation",
                "An organisation of the states of one region with permanent bodies (ASEAN, the AU).",
            ),
            (
                "international_organisation",
                "An organisation of states open beyond one region, with permanent bodies (the UN, WTO).",
            ),
            (
                "forum",
                "A recurring meeting of states without a founding treaty or permanent bodies of its own (the G20, BRICS, the East Asia Summit).",
            ),
            ("customs_union", "States sharing one external tariff (the Eurasian Customs Union)."),
            (
                "economic_union",
                "A common market with shared economic policy (the Eurasian Economic Union).",
            ),
            (
                "political_and_economic_union",
                "A union of states with shared political and economic institutions (the EU).",
            ),
            ("military_alliance", "States bound to defend one another (NATO, the CSTO)."),
            (
                "free_trade_area",
                "States that removed tariffs between them but keep their own towards others (AFTA).",
            ),
        ),
    ),
    "membership_role": (
        "What an actor is to a bloc. ASEAN's partner levels are roles too.",
        (("member_list", "role"), ("membership", "role")),
        (
            (
                "member",
                "A full member, as the bloc's founding document or accession act makes it.",
                1,
            ),
            (
                "associate_member",
                "A member with fewer rights than a full member, as the bloc names it (COW IGO code 2).",
                2,
            ),
            ("observer", "Attends the bloc's meetings without being a member (COW IGO code 3).", 3),
            ("candidate", "Accepted by the bloc as a candidate for membership.", None),
            ("applicant", "Has applied for membership; the bloc has not yet decided.", None),
            ("suspended", "A member whose rights the bloc has suspended.", None),
            (
                "dialogue_partner",
                "A state or bloc in a formal dialogue relationship with the bloc (ASEAN's dialogue partners: Russia from 1996).",
                None,
            ),
            (
                "sectoral_dialogue_partner",
                "A dialogue partner in named sectors only (ASEAN's sectoral dialogue partners).",
                None,
            ),
            (
                "development_partner",
                "A partner in the bloc's development cooperation (ASEAN's development partners).",
                None,
            ),
            (
                "strategic_partner",
                "A dialogue partner raised to a strategic partnership by a joint declaration.",
                None,
            ),
            (
                "comprehensive_strategic_partner",
                "A strategic partner raised to a comprehensive strategic partnership.",
                None,
            ),
            ("chair", "Holds the bloc's chair (often rotating) for the period.", None),
        ),
    ),
    "participant_role": (
        "What a person, country or bloc was at a meeting.",
        (("participant", "role"),),
        (
            ("host", "Hosted the meeting."),
            ("chair", "Chaired the meeting."),
            ("co_chair", "Chaired the meeting together with another."),
            ("delegation_head", "Led a country's or bloc's delegation."),
            ("delegation_member", "A member of a delegation who did not lead it."),
            ("guest", "Invited to attend without being a party to the meeting."),
            ("speaker", "Addressed the meeting."),
            ("observer", "Attended as an observer."),
            ("participant", "Took part; the source gives no more specific role."),
        ),
    ),
    "participant_status": (
        "Whether a participant took part, as a source says it.",
        (("participant", "status"),),
        (
            ("attended", "Was there."),
            ("invited", "Was invited; the source does not say whether they came."),
            ("declined", "Was invited and declined."),
            ("absent", "Was expected (a member, a regular participant) and did not come."),
        ),
    ),
    "meeting_status": (
        "Whether a meeting took place as planned, as a source says it.",
        (("meeting", "status"),),
        (
            ("held", "Took place."),
            ("postponed", "Moved to a later date (the later meeting may be its own record)."),
            ("cancelled", "Called off; it did not take place."),
        ),
    ),
    "agreement_kind": (
        "What kind of document an agreement is, as its title or source calls it.",
        (("agreement", "kind"),),
        (
            ("treaty", "A treaty binding its parties under international law."),
            ("charter", "A bloc's founding or constituent document (the ASEAN Charter)."),
            ("declaration", "A declaration of intent or principle, not binding in itself."),
            ("plan_of_action", "A plan of action or work programme over a period."),
            ("memorandum_of_understanding", "A memorandum of understanding between parties."),
            ("joint_statement", "A statement the parties issue together."),
            ("agreement", "An agreement the source names no more precisely."),
        ),
    ),
    "body_kind": (
        "What a body within a country or bloc is.",
        (("body", "kind"),),
        (
            ("ministry", "A government ministry or department."),
            ("agency", "A government agency or office below or beside the ministries."),
            ("secretariat", "A bloc's secretariat."),
            ("council", "A council or committee of a country or bloc."),
            ("mission", "A diplomatic mission: an embassy, a permanent mission."),
            ("other", "Another kind of body."),
        ),
    ),
    "capacity": (
        "In what capacity a person holds a post: in full, or standing in until it is filled.",
        (("term", "capacity"),),
        (
            ("full", "Holds the post in full (appointed, elected, confirmed)."),
            (
                "acting",
                "Stands in for the holder or fills a vacancy: an acting president, minister or head of a body.",
            ),
            (
                "ad_interim",
                "Heads a mission while it has no chief: a chargé d'affaires ad interim.",
            ),
        ),
    ),
    "end_reason": (
        "Why a term ended, as a source says it (the Office of the Historian's notes among them).",
        (("term", "end_reason"),),
        (
            (
                "left_post",
                "Left the post; the source says no more (the Office of the Historian: Left post).",
            ),
            ("superseded", "A successor took over the post."),
            ("term_ended", "The fixed term of office ran out."),
            ("resigned", "Resigned."),
            ("removed", "Dismissed, recalled, impeached or ousted."),
            ("died", "Died in office."),
            ("post_closed", "The mission or office ceased to exist."),
            ("other", "Another reason; end_note says what."),
        ),
    ),
    "succession_kind": (
        "How a bloc followed another: under a new name (the same body), in its place (a new body: GATT -> WTO, the Shanghai Five -> SCO), or by absorbing it (the EC into the EU).",
        (("bloc_succession", "kind"),),
        (
            ("renamed", "The same body under a new name."),
            ("replaced", "A new body took the place of the old one (GATT -> WTO)."),
            ("merged", "The old body was absorbed into the new one (the EC into the EU)."),
        ),
    ),
    "region_kind": (
        "What a region is: a part of the world a source names as a partner, not an organisation.",
        (("region", "kind"),),
        (
            ("geographic", "A continent or a part of one as a source draws it (Africa)."),
            ("world", "All partners together (UN Comtrade's World)."),
            ("area_nes", "An area a trade source leaves not elsewhere specified."),
            ("special", "A trade source's special partner: bunkers, free zones, undisclosed."),
            ("territory", "A part of a country, or a territory that is no country here."),
            ("combination", "Countries that report as one (Belgium-Luxembourg)."),
        ),
    ),
    "relation_kind": (
        "A dated relation between two actors, as a source states it.",
        (("diplomatic_relation", "kind"),),
        (
            (
                "diplomatic_relations",
                "Diplomatic relations between the two (symmetric; the order is the source's).",
            ),
            (
                "recognition",
                "The first recognises the second's government as its state's (directed).",
            ),
        ),
    ),
}

COW_IGO_CODE = sa.Column(
    "cow_igo_code",
    sa.SmallInteger(),
    nullable=True,
    comment="The membership status COW IGO codes this role as: 1 full member, 2 associate "
    "member, 3 observer; NULL for roles data sets do not code (partner levels, chair).",
)


def upgrade() -> None:
    for name, version in reversed(VIEWS.items()):
        op.drop_view(name, version)
    for table, (comment, uses, terms) in VOCABULARIES.items():
        columns = [COW_IGO_CODE] if table == "membership_role" else []
        op.create_vocabulary(table, comment, terms, uses, columns)
    for name, version in VIEWS.items():
        op.create_view(name, version)


def downgrade() -> None:
    for name, version in reversed(VIEWS.items()):
        op.drop_view(name, version)
    for table, (_, uses, terms) in reversed(VOCABULARIES.items()):
        op.drop_vocabulary(table, uses, [term[0] for term in terms])
    for name, version in VIEWS.items():
        op.create_view(name, version)
