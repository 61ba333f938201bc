"""What the research views and their columns mean: one text for every place that shows it.

docs/schema.md, the Datasette metadata (`bilateral-db docs datasette`) and the COMMENT ON
VIEW / COMMENT ON COLUMN statements set on PostgreSQL after every migration all read these
dictionaries, so the description a researcher sees is the same in each tool. Views change only
through new versions (alembic/views/, docs/migrations.md); when one adds or renames a view
column, update this module in the same commit (tests/test_view_docs.py checks that every view
column is described).
"""

from __future__ import annotations

VIEW_DESCRIPTIONS: dict[str, str] = {
    "v_membership": (
        "Memberships with bloc and member names; `member_code` is an ISO alpha-3 or a bloc code. "
        "Preferred claims only: per bloc, member and role, the claims of the source of lowest "
        "precedence (curated first; v_claim has every claim), `source` naming it. "
        "`start_label`/`end_label` print dates at their precision. Point in time D: "
        "`start_date <= D AND (end_exclusive IS NULL OR D < end_exclusive)`; with "
        "`end_status = 'unknown'` the end is not known, so add that test for certain answers."
    ),
    "v_term": (
        "Terms of office with person, post (`office` slug), the country or bloc whose post it "
        "is and, for envoys, the one it is accredited to; capacity and the events the source "
        "gives; preferred claims only (per post and person; `source` names the release), with "
        "the same point-in-time test with `end_exclusive`. On a handover day both holders are "
        "in office."
    ),
    "v_meeting_participant": (
        "One row per participant (person and/or country or bloc), with the meeting's slug, kind, "
        "dates, city, host, organising bloc and parent meeting."
    ),
    "v_trade": (
        "Trade figures (preferred claims; `source` names the release) by reporter and partner "
        "code, with `year`/`month`, money as integer "
        "`value_minor` and the currency's `minor_unit` (value = value_minor / 10^minor_unit), "
        "`previous_value_minor` of the same series for the period just before (LAG), and "
        "`change_pct` computed from the two."
    ),
    "v_claim": (
        "Every claim of every source, alternatives included: memberships, dialogue "
        "coordination, terms, country codes and state-list spells, one shape. `subject` names "
        "what the claim is about (ASEAN/TLS/observer); `preferred` marks the claims the other "
        "views use; `alternative_of_id` links a curated alternative to the claim it stands "
        "beside."
    ),
    "v_country_year": (
        "The COW state list as a panel: one row per state (`ccode`) and year it was in the list "
        "at any time, with the country its code stood for on the year's day (`day`: 1 July, the "
        "importers' day; 31 December, then 1 January, for a state in the list for part of the "
        "year), blocs it was a member of that day, meetings it took part in, its exports "
        "(reported, or mirrored from its partners' imports) and imports (all goods, USD cents), "
        "each group of cells with its sources. A code that is its country's for part of the "
        "year only, while another code is the country's on 1 July, is `part_year` and empty. "
        "States still in the list at its edge are carried on to this year with `listed` 0. "
        "Read from panel_country_year, which every load and import rebuilds."
    ),
    "v_country_year_gw": ("v_country_year for the Gleditsch-Ward list (`gwcode`)."),
    "v_dyad_year": (
        "Directed dyad-years (`ccode1, ccode2, year`) of every pair of states in the COW list "
        "that year (two codes of one country are no pair): blocs both were members of, "
        "meetings both took part in, and the first's trade with the second (all goods, USD "
        "cents; exports mirrored from the second's imports where the first reported none), "
        "each group of cells with its sources. Read from the panel tables every load and import "
        "rebuilds."
    ),
    "v_dyad_year_gw": ("v_dyad_year for the Gleditsch-Ward list (`gwcode1, gwcode2`)."),
}

# Columns that mean the same in every view that has them.
_SHARED: dict[str, str] = {
    "start_date": "First day of the interval (the first day of its period); NULL if unknown.",
    "start_date_precision": "How much of start_date is known: day, month or year.",
    "start_label": "start_date at its precision, as written: 1997-07-23, 2019-09, 1976.",
    "end_date": "Last day of the interval (the first day of its period); NULL while ongoing.",
    "end_date_precision": "How much of end_date is known: day, month or year.",
    "end_label": "end_date at its precision, as the source wrote it.",
    "end_exclusive": (
        "The first day the interval no longer covers (end_date plus one day, month or year by "
        "its precision); NULL while ongoing."
    ),
    "fact_id": "The fact this row states; citation.fact_id names its sources.",
    "role": "The role, from the closed vocabulary (member, observer, dialogue_partner, …).",
    "year": "Calendar year.",
    "meetings": "Meetings in that year (named as participant, through an official, or as host).",
    "exports_usd_minor": (
        "Exports to countries, all goods, in US cents (integer; NULL: no figure): as reported, "
        "or the partners' reported imports (exports_basis)."
    ),
    "end_status": (
        "ended, ongoing, censored (end_date is where the source stopped looking: unknown after) "
        "or unknown (it ended on a day the source does not give)."
    ),
    "source": "The release of the claim: curated (the reviewed fixtures) or a data-set release.",
    "confidence": "stated (read in the sources) or inferred (see note); NULL for imported rows.",
    "note": "The curated fact's editorial note: how a value was inferred, known conflicts.",
    "part_year": (
        "The code stands for its country for part of the year only and another code does on "
        "1 July: that code's row holds the country's values, this one none."
    ),
    "day": "The day the code's country and its memberships are read on (see the view).",
    "exports_basis": (
        "How exports were read: reported (by the exporter), mirror (the partner's reported "
        "imports from it), mixed (both, over several partners)."
    ),
    "list_source": "The state list's release.",
    "memberships_source": "Releases the membership counts were read from ('; ' between).",
    "meetings_source": "Releases the meetings counted come from ('; ' between).",
    "trade_source": "Releases the trade figures were read from ('; ' between).",
    "listed": (
        "1 while the state list covers the year; 0 after its edge, where a state still in the "
        "list then is carried on (the list does not say)."
    ),
    "imports_usd_minor": "Imports reported, all goods, in US cents (integer; NULL: none reported).",
}

VIEW_COLUMNS: dict[str, dict[str, str]] = {
    "v_membership": {
        "membership_id": "membership.id of the row.",
        "bloc_code": "Our code of the bloc, e.g. ASEAN.",
        "bloc_name": "The bloc's English name.",
        "member_code": "ISO alpha-3 of a member country, or the code of a member bloc.",
        "member_name": "The member's name in everyday use.",
        "member_kind": "country or bloc.",
    },
    "v_term": {
        "term_id": "term.id of the row.",
        "person_slug": "The office holder's slug, e.g. sergey-lavrov.",
        "person_name": "The office holder's name.",
        "country_code": "ISO alpha-3 of the country whose post it is; NULL for a bloc's post.",
        "country_name": "The country's name in everyday use; NULL for a bloc's post.",
        "actor_code": "ISO alpha-3 or bloc code of the country or bloc whose post it is.",
        "actor_kind": "country or bloc.",
        "actor_name": "The country's or bloc's name.",
        "office": "The office's slug, shared across actors, e.g. foreign-minister, ambassador.",
        "post_title": "The office's own title, e.g. Minister of Foreign Affairs.",
        "single_seat": "Whether the post has one full holder at a time (full terms never overlap).",
        "accredited_to_code": "For an envoy's post: the country or bloc it is accredited to.",
        "accredited_to_kind": "country or bloc, for an envoy's post.",
        "body_slug": "The ministry or other body the post belongs to, where known.",
        "capacity": "full, acting or ad_interim.",
        "appointed_on": "Day appointed (commissioned, nominated), where the source gives it.",
        "appointed_on_precision": "day, month or year.",
        "arrived_on": "Day the holder arrived at post, where the source gives it.",
        "arrived_on_precision": "day, month or year.",
        "started_on": "Day the holder took office (credentials, oath, took charge).",
        "started_on_precision": "day, month or year.",
        "end_reason": "Why the term ended: left_post, superseded, term_ended, resigned, …",
        "end_note": "The source's note on the end, as written.",
    },
    "v_meeting_participant": {
        "meeting_slug": "The meeting's slug, e.g. amm-52.",
        "meeting_name": "The meeting's name.",
        "meeting_kind": "summit, ministerial_meeting, bilateral_talks, forum, …",
        "ordinal": "Its number in a series (52 for the 52nd), where it has one.",
        "city": "The city it was held in.",
        "host_code": "ISO alpha-3 of the host country.",
        "bloc_code": "Code of the bloc that organised it.",
        "parent_slug": "The meeting it was held on the sidelines of.",
        "person_slug": "The participant's slug, where a person is named.",
        "person_name": "The participant's name.",
        "actor_code": "ISO alpha-3 or bloc code of the country or bloc taking part.",
        "actor_name": "The country's or bloc's name.",
        "actor_kind": "country or bloc.",
        "role": "host, chair, delegation_head, guest, …",
        "status": "attended, invited, declined or absent.",
        "year": "Calendar year of the meeting's first day.",
    },
    "v_trade": {
        "trade_figure_id": "trade_figure.id of the row.",
        "reporter_code": (
            "ISO alpha-3, bloc or region code of the reporter (figures are seen from it)."
        ),
        "reporter_kind": "country, bloc or region.",
        "partner_code": "ISO alpha-3, bloc or region code of the partner (WORLD, AFRICA, …).",
        "partner_kind": "country, bloc or region.",
        "month": "Month (1–12) for monthly figures; NULL for yearly ones.",
        "period_start": "First day of the period.",
        "period_end": (
            "Last day of the period (a fiscal year, a quarter, a span as the source gives it)."
        ),
        "period_precision": "year, quarter, month, fiscal_year or span.",
        "flow": (
            "export, import, total, re_export, re_import, domestic_export or foreign_import, "
            "seen from the reporter."
        ),
        "series": (
            "reported (the reporter's statistics), mirror (derived from the partner's) or "
            "smoothed; the change is computed within a series."
        ),
        "category_code": "Product category, e.g. all-goods, agriculture, an HS chapter.",
        "valuation": "fob, cif or not_stated.",
        "value_status": "observed (zero included), unknown, or not_covered by the source.",
        "value_minor": "The value in minor units of the currency (integer); a range's lower end.",
        "value_high_minor": "A range's upper end, when the source gives a range; else NULL.",
        "rounding_minor": "What the source rounded to, in minor units; NULL if not known.",
        "currency_code": "ISO 4217 currency of value_minor.",
        "minor_unit": "Decimal places of the currency: value = value_minor / 10^minor_unit.",
        "qualifier": "How the source qualifies it: exact, approximately, more_than, …",
        "quantity_milli": "Quantity in thousandths of quantity_unit, where the source gives one.",
        "quantity_unit": "Unit of quantity_milli: tonne, kg, litre, item, …",
        "previous_value_minor": "value_minor of the same series in the period just before.",
        "change_pct": "Change from the previous period, in percent, computed from the values.",
    },
    "v_claim": {
        "kind": "membership, coordination, term, country_code or state.",
        "claim_id": "The row's id in its table (membership.id, term.id, …).",
        "subject": "What the claim is about, as a path: bloc/member/role, country/office/person.",
        "bloc_code": "The bloc (memberships, coordination).",
        "member_code": "The member (or the dialogue partner, for coordination).",
        "country_code": "The country (a term's, a code's; the coordinator for coordination).",
        "office": "The office slug of a term.",
        "person_slug": "The office holder of a term.",
        "scheme": "The code scheme (country codes: cow, gw, m49; states: cow, gw).",
        "code": "The code (country codes, states).",
        "precedence": "The release's precedence: lower is preferred.",
        "preferred": "1 if the other views use this claim, else 0.",
        "alternative": "0 for a claim of its own; 1, 2, … for a curated alternative.",
        "alternative_of_id": "The claim an alternative stands beside.",
    },
    "v_country_year": {
        "iso": "ISO alpha-3 of the country the code stood for (NULL: not in the crosswalk).",
        "name": "The country's name in everyday use (the list's name where unmapped).",
        "ccode": "Correlates of War state code (integer).",
        "bloc_memberships": (
            "Number of blocs it was a member of on `day` (preferred claims); NULL on days no "
            "imported membership data set covers the country (COW IGO v3: the years the state "
            "has a row, to 2014), where curated blocs alone would undercount."
        ),
    },
    "v_country_year_gw": {
        "iso": "ISO alpha-3 of the country the code stood for (NULL: not in the crosswalk).",
        "name": "The country's name in everyday use (the list's name where unmapped).",
        "gwcode": "Gleditsch-Ward state code (integer).",
        "bloc_memberships": (
            "Number of blocs it was a member of on `day` (preferred claims); NULL on days no "
            "imported membership data set covers the country."
        ),
    },
    "v_dyad_year": {
        "iso1": "ISO alpha-3 of the first country (the reporter of the trade columns).",
        "iso2": "ISO alpha-3 of the second country.",
        "ccode1": "Correlates of War code of the first state (integer).",
        "ccode2": "Correlates of War code of the second state (integer).",
        "shared_memberships": (
            "Blocs both were members of on the pair's day (31 December if either state is "
            "read on it, else the earlier of their days); NULL where either country's count is "
            "not covered."
        ),
        "meetings": "Meetings both took part in that year.",
        "visits_to": (
            "Visits of the first's officials to the second that year (meetings of a visit "
            "kind the second hosted: the Office of the Historian's travels and visits, curated "
            "visits)."
        ),
        "visits_from": "Visits of the second's officials to the first that year.",
        "envoy_present": (
            "1 if a chief of mission of the first accredited to the second (full, acting or ad "
            "interim) held the post on 1 July; 0 if the posts known were vacant; NULL where no "
            "data know of such a post (U.S. envoys: the Office of the Historian)."
        ),
        "envoy_source": "Releases the envoy's terms come from.",
        "exports_usd_minor": (
            "Exports of the first to the second, all goods, US cents: as the first reported "
            "them, else the second's reported imports from the first (exports_basis mirror)."
        ),
        "imports_usd_minor": "Imports the first reported from the second, all goods, US cents.",
        "total_usd_minor": (
            "Trade of the two both ways, all goods, US cents: a stated total (total_basis "
            "reported), else exports + imports (sum)."
        ),
        "total_basis": "reported (a source states the total) or sum (exports + imports).",
        "qualifier": (
            "A figure's qualifier other than exact (approximately, more_than, …): the value "
            "is not exact; NULL: every figure used is exact."
        ),
    },
}
# The GW dyad panel has the COW one's columns, with gwcode1/gwcode2 for the codes.
VIEW_COLUMNS["v_dyad_year_gw"] = {
    **{k: v for k, v in VIEW_COLUMNS["v_dyad_year"].items() if not k.startswith("ccode")},
    "gwcode1": "Gleditsch-Ward code of the first state (integer).",
    "gwcode2": "Gleditsch-Ward code of the second state (integer).",
}


def column_description(view: str, column: str) -> str | None:
    """What `column` of `view` means, or None if nobody wrote it down."""
    return VIEW_COLUMNS.get(view, {}).get(column) or _SHARED.get(column)
