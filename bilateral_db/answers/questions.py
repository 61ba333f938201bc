"""Every question the CLI and the API answer, declared once.

A `Question` names the report function that answers it and the parameters it takes; the CLI
turns each into `bilateral-db report NAME`, the API into `GET PATH`, and both call `answer()`,
so they accept the same input and return the same JSON (answers/answering.py). To add a
question, add a report function and one `Question` below; to add a parameter every report
takes (say `--source`), add it to COMMON and to the report functions.

Report functions are imported only when a question is answered: the CLI reads these specs to
build its help, and help must not wait for the database layers to load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bilateral_db.core.dates import MIN_YEAR
from bilateral_db.core.params import Kind, Param

Arguments = dict[str, Any]


@dataclass(frozen=True)
class Question:
    name: str  # `bilateral-db report NAME`
    summary: str  # one line: the help's first line and the API's summary
    description: str  # what the answer holds, how codes and dates are read
    example: str  # arguments of an example call, after `bilateral-db report NAME`
    path: str  # the API's route; positional parameters are its {segments}
    report: str  # the function in bilateral_db.reports that answers it
    params: tuple[Param, ...] = ()
    # The report's keyword arguments, when they are not the parameters under their own names.
    keywords: Callable[[Any, Arguments], Arguments] | None = None
    ordered: tuple[str, str] | None = None  # (from, to) parameters that must not be reversed
    group_by: str | None = None  # the terminal table is split by this column
    plot: str | None = None  # the CLI's --plot draws this kind of picture

    @property
    def all_params(self) -> tuple[Param, ...]:
        return (*self.params, *COMMON)

    def report_function(self) -> Callable[..., Any]:
        from bilateral_db import reports

        function: Callable[..., Any] = getattr(reports, self.report)
        return function

    def api_example(self) -> str:
        """The example call as a URL path and query."""
        path = self.path
        query = []
        for param in self.params:
            if param.example is None:
                continue
            if param.positional:
                path = path.replace("{" + param.name + "}", param.example)
            else:
                query.append(f"{param.wire}={param.example}")
        return path + ("?" + "&".join(query) if query else "")


COMMON: tuple[Param, ...] = (
    Param("cite", Kind.FLAG, "Add the sources behind every row (key `citations`).", "true"),
)


# --- the parameters questions share ----------------------------------------------------------


def _on() -> Param:
    return Param(
        "on",
        Kind.DAY,
        "Day to ask about: YYYY-MM-DD, YYYY-MM or YYYY (its first day). Default: today.",
        "2019-08-01",
        today_by_default=True,
    )


def _roles() -> list[str]:
    """The seeded roles, and any: the CLI and the API's schema list their choices with no
    database at hand, so they offer the seeded roles only. A role a fixture set adds is asked
    for through the Python API: reports.members_on checks roles against membership_role."""
    from bilateral_db.core.vocabulary import MembershipRole

    return [role.value for role in MembershipRole] + ["any"]


def _source_kinds() -> list[str]:
    from bilateral_db.core.vocabulary import SourceKind

    return ["release", *(kind.value for kind in SourceKind)]


def _timeline(session: Any, arguments: Arguments) -> Arguments:
    """A bloc's members' histories, or a country's roles in blocs: the code says which."""
    from bilateral_db.reports import lookup

    actor = lookup.actor(session, arguments["code"])
    claims = {k: arguments[k] for k in ("source", "all_claims") if arguments.get(k) is not None}
    return {"bloc" if actor.kind == "bloc" else "member": actor.code, **claims}


def _claims(*, on_a_day: bool) -> tuple[Param, ...]:
    """Which claims answer: the preferred (default), one source's, or all of them."""
    params = [
        Param(
            "source",
            Kind.SLUG,
            "Answer from this source only: a release (curated, cow-igo-3.0, …) or a source "
            "curated facts cite (see `bilateral-db sources`).",
            None,
        ),
        Param(
            "all_claims",
            Kind.FLAG,
            "List every source's claim, not only the preferred one (`preferred` marks it).",
            None,
        ),
    ]
    if on_a_day:
        params.append(
            Param(
                "strict",
                Kind.FLAG,
                "Only what is certain on the day: leave out answers resting on an imprecise "
                "date (a start known to the month or year).",
                None,
            )
        )
    return tuple(params)


def _code(name: str, help: str, example: str | None, *, positional: bool = True) -> Param:
    """A country or bloc code (read in any case, answered upper-case)."""
    return Param(name, Kind.CODE, help, example, positional=positional)


def _slug(name: str, help: str, example: str | None, *, positional: bool = True) -> Param:
    """A slug of a person, meeting, agreement, post, topic, category, release or source."""
    return Param(name, Kind.SLUG, help, example, positional=positional)


def _first_year(example: str | None) -> Param:
    """A trade answer's first year: each year's change is computed from the year before, which
    must be a year too."""
    return Param(
        "year_from",
        Kind.YEAR,
        "First year.",
        example,
        wire="from",
        minimum=MIN_YEAR + 1,
        bound="each year's change is computed from the year before",
    )


QUESTIONS: tuple[Question, ...] = (
    Question(
        "countries",
        "Every country the database knows, current and dissolved.",
        "ISO 3166-1 alpha-3 codes (ISO 3166-3 for dissolved states), with their lifetimes.",
        "",
        "/countries",
        "list_countries",
    ),
    Question(
        "blocs",
        "Every bloc the database knows.",
        "Our bloc codes with kind, founding and dissolution.",
        "",
        "/blocs",
        "list_blocs",
    ),
    Question(
        "agreements",
        "Every agreement, oldest first.",
        "Plans, treaties and declarations with their dates and the meeting that adopted them.",
        "",
        "/agreements",
        "list_agreements",
    ),
    Question(
        "members",
        "Members of a bloc on a day.",
        "Members only unless --role names another role (observer, dialogue_partner, …) or "
        "`any`, which lists every role, grouped by role. The membership timeline is drawn "
        "with --plot.",
        "ASEAN --on 1990-01-01",
        "/blocs/{bloc}/members",
        "members_on",
        (
            _code("bloc", "Bloc code, e.g. ASEAN.", "ASEAN"),
            _on(),
            Param(
                "role",
                Kind.CHOICE,
                "Role: member (default), observer, candidate, dialogue_partner, "
                "strategic_partner, chair, …, or any.",
                "member",
                default="member",
                choices=_roles,
            ),
            *_claims(on_a_day=True),
            Param(
                "lineage",
                Kind.FLAG,
                "Follow the bloc's line back: on a day before it succeeded another bloc (the "
                "SCO the Shanghai Five), list the predecessor's members too, under its code.",
                None,
            ),
        ),
        group_by="role",
        plot="memberships",
    ),
    Question(
        "timeline",
        "Every membership of a bloc, or of a country in all blocs, in date order.",
        "CODE is a bloc code (its members' histories) or a country code (its roles in blocs).",
        "ASEAN",
        "/timelines/{code}",
        "membership_timeline",
        (_code("code", "A bloc code or a country code.", "RUS"), *_claims(on_a_day=False)),
        keywords=_timeline,
        plot="memberships",
    ),
    Question(
        "officials",
        "Who held a country's or bloc's offices on a day.",
        "On a handover day both the outgoing and the incoming holder are listed; acting and "
        "ad interim holders are listed with their capacity. A post a source covers at other "
        "times but not that day is listed as not covered (covered false): the source says "
        "nothing then; a post it covers that day with no holder, as vacant (capacity vacant). "
        "Envoys' posts name the country or bloc they are accredited to.",
        "THA --on 2019-08-01 --post foreign-minister",
        "/countries/{country}/officials",
        "officials_on",
        (
            _code("country", "Country (ISO alpha-3, e.g. THA) or bloc code (ASEAN).", "THA"),
            _on(),
            _slug(
                "post",
                "Only this office, e.g. foreign-minister, secretary-general, ambassador.",
                "foreign-minister",
                positional=False,
            ),
            _code(
                "to",
                "Only envoys' posts accredited to this country or bloc, e.g. THA.",
                None,
                positional=False,
            ),
            *_claims(on_a_day=True),
        ),
    ),
    Question(
        "envoys",
        "Envoys between two countries or blocs, both ways.",
        "Each side's posts accredited to the other (ambassadors, representatives to a bloc, "
        "chargés d'affaires ad interim). With --on, who held them that day (a post its source "
        "covers at other times but not that day is listed as not covered, one it covers with "
        "no holder as vacant); without, every term, oldest first.",
        "USA THA --on 2016-01-01",
        "/envoys/{a}/{b}",
        "envoys_between",
        (
            _code("a", "A country or bloc code.", "USA"),
            _code("b", "Another country or bloc code.", "THA"),
            Param(
                "on",
                Kind.DAY,
                "Day to ask about: YYYY-MM-DD, YYYY-MM or YYYY (its first day). Default: every "
                "term.",
                "2016-01-01",
            ),
            *_claims(on_a_day=True),
        ),
    ),
    Question(
        "relations",
        "Diplomatic relations and recognition of a country, or between two.",
        "Dated relations as sources state them: diplomatic relations (either side first) and "
        "recognition (the first recognises the second's government). With --on, those that "
        "held that day; a relation whose start no source gives is listed as `start not "
        "recorded` until it ends. Without, every relation, oldest first.",
        "PAN --on 2017-01-01",
        "/relations/{a}",
        "relations_of",
        (
            _code("a", "A country (or bloc) code.", "PAN"),
            _code("partner", "Only relations with this country or bloc.", None, positional=False),
            Param(
                "on",
                Kind.DAY,
                "Day to ask about: YYYY-MM-DD, YYYY-MM or YYYY (its first day). Default: every "
                "relation.",
                "2017-01-01",
            ),
        ),
    ),
    Question(
        "region",
        "The countries a region is made of, as its source states it.",
        "A region (AFRICA, WORLD, …) is a part of the world sources name as a partner, not "
        "an organisation: its parts are what a source counts in it, with that source. With "
        "--on, the parts counted that day; undated parts count on every day.",
        "AFRICA --on 2010-01-01",
        "/regions/{region}",
        "region_parts",
        (
            _code("region", "A region code, e.g. AFRICA.", "AFRICA"),
            Param(
                "on",
                Kind.DAY,
                "Day to ask about: YYYY-MM-DD, YYYY-MM or YYYY (its first day). Default: every "
                "part.",
                "2010-01-01",
            ),
        ),
    ),
    Question(
        "terms",
        "Every term of office of a person.",
        "Oldest first; terms with an unknown start last.",
        "sergey-lavrov",
        "/people/{person}/terms",
        "terms_of",
        (
            _slug("person", "Person slug, e.g. sergey-lavrov.", "sergey-lavrov"),
            *_claims(on_a_day=False),
        ),
    ),
    Question(
        "meetings",
        "Meetings matching every filter given.",
        "A country or bloc matches a meeting it hosted or organised, took part in, or sent one "
        "of its officials to; --from and --to keep meetings that share a day with the period.",
        "--country RUS --bloc ASEAN --from 2019",
        "/meetings",
        "find_meetings",
        (
            _slug("person", "Person slug.", None, positional=False),
            _code("country", "Country code.", "RUS", positional=False),
            _code("bloc", "Bloc code.", "ASEAN", positional=False),
            _slug("topic", "Topic slug, e.g. counter-terrorism.", None, positional=False),
            Param(
                "text",
                Kind.TEXT,
                "Words the meeting's name or description holds, in any case, e.g. ASEAN.",
                None,
            ),
            Param(
                "date_from",
                Kind.DAY,
                "From this day (YYYY-MM-DD, YYYY-MM or YYYY).",
                "2019",
                wire="from",
            ),
            Param(
                "date_to",
                Kind.DAY_END,
                "Up to this day (a month or year: its last day).",
                None,
                wire="to",
            ),
        ),
        ordered=("date_from", "date_to"),
    ),
    Question(
        "meeting",
        "One meeting in full.",
        "Participants with role and status (and the day invited, where given), the series it "
        "belongs to with its ordinal in each, meetings on its sidelines, topics, sources, and "
        "the pledges made there with their parts (amount, currency, qualifier, period).",
        "amm-52",
        "/meetings/{slug}",
        "meeting_detail",
        (_slug("slug", "Meeting slug, e.g. amm-52.", "amm-52"),),
    ),
    Question(
        "trade",
        "Trade between two countries, blocs or regions, by year, flow and category.",
        "Both sides' figures, of the reported series (each side's own statistics; a "
        "source's smoothed or mirror series is left out). With a bloc, its members' figures "
        "are summed (basis "
        "sum_of_members, members on 31 December; at_least when some are missing) beside "
        "figures stated for the bloc itself (basis reported). change_pct is computed from the "
        "values; reported_change_pct is what a source reported where values are missing.",
        "RUS THA --from 2017",
        "/trade/{a}/{b}",
        "trade_between",
        (
            _code("a", "A country, bloc or region code (WORLD: a trade source's World).", "RUS"),
            _code("b", "Another country, bloc or region code.", "THA"),
            _slug(
                "category",
                "Product category, e.g. all-goods, agriculture.",
                "all-goods",
                positional=False,
            ),
            _first_year("2017"),
            Param("year_to", Kind.YEAR, "Last year.", "2018", wire="to"),
        ),
        ordered=("year_from", "year_to"),
        plot="trade",
    ),
    Question(
        "dyad",
        "Everything between two countries or blocs.",
        "Blocs they shared, partnerships of one in the other, envoys both ways, diplomatic "
        "relations and recognition, meetings, agreements, topics and trade. --from and --to "
        "keep what shares a day with those years: memberships, envoys' terms, relations, "
        "meetings, agreements signed or in force then, and trade; relation topics are undated "
        "and always listed.",
        "RUS ASEAN",
        "/dyads/{a}/{b}",
        "dyad_report",
        (
            _code("a", "A country or bloc code.", "RUS"),
            _code("b", "Another country or bloc code.", "ASEAN"),
            _first_year(None),
            Param("year_to", Kind.YEAR, "Last year.", None, wire="to"),
        ),
        ordered=("year_from", "year_to"),
    ),
    Question(
        "country",
        "A country on a day: its codes, its roles in blocs and its office holders.",
        "Codes are those valid on the day (COW, GW, M49); `existed` says whether the state "
        "existed then.",
        "THA --on 2019-08-01",
        "/countries/{country}",
        "country_profile",
        (_code("country", "ISO alpha-3 country code.", "THA"), _on()),
    ),
    Question(
        "agreement",
        "An agreement with its parties, topics, dated progress claims and pledges.",
        "Claims that disagree are listed side by side, each with its sources; a claim names "
        "the pledge it is about. Pledges made in the agreement or named by its claims follow, "
        "with their parts (amount, currency, qualifier, period).",
        "asean-russia-cpa-2016-2020",
        "/agreements/{slug}",
        "agreement_report",
        (_slug("slug", "Agreement slug.", "asean-russia-cpa-2016-2020"),),
    ),
)

QUESTIONS += (
    Question(
        "sources",
        "Every source: data-set releases with their counts, and the sources facts cite.",
        "Releases first, by precedence (the order in which sources are preferred when they "
        "disagree: curated first), with version, coverage, file, SHA-256 and counts; then "
        "each cited source with the number of facts that cite it.",
        "--kind release",
        "/sources",
        "list_sources",
        (
            Param(
                "kind",
                Kind.CHOICE,
                "Only this kind: release, news, official, dataset, standard, reference, academic.",
                "release",
                choices=_source_kinds,
            ),
        ),
    ),
    Question(
        "findings",
        "What an import listed for review: codes it could not map, matches it was not sure of.",
        "Nothing an import could not settle is dropped silently: it is listed here, with the "
        "line of the file.",
        "archigos-4.1",
        "/sources/{release}/findings",
        "release_findings",
        (
            _slug("release", "A release slug, e.g. archigos-4.1.", "archigos-4.1"),
            _slug("kind", "Only this kind, e.g. unmapped_code.", None, positional=False),
        ),
    ),
    Question(
        "disagreements",
        "Where sources disagree beyond their precision.",
        "One row per stretch of days on which one source says a membership, term or state held "
        "and another says it did not, with both sides' claims and sources. A spell known to "
        "the year does not disagree with a day inside that year.",
        "--bloc ASEAN",
        "/disagreements",
        "disagreements",
        (
            _code("bloc", "Only this bloc's memberships.", "ASEAN", positional=False),
            _code(
                "country",
                "Only this country's memberships, terms and statehood.",
                None,
                positional=False,
            ),
            _slug(
                "source", "Only disagreements this source takes part in.", None, positional=False
            ),
            Param(
                "kind",
                Kind.CHOICE,
                "membership, term or state.",
                None,
                choices=lambda: ["membership", "term", "state"],
            ),
        ),
    ),
)

BY_NAME: dict[str, Question] = {question.name: question for question in QUESTIONS}
