"""A small world built with the ORM, for report and report-CLI tests.

It mirrors the shape of the bundled data (ASEAN, Russia, Thailand, a summit with talks on its
sidelines, trade with a reported change) with few enough rows to reason about by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from bilateral_db import models as m
from bilateral_db import panels


@dataclass
class World:
    session: Session
    source: m.Source
    actors: dict[str, m.Actor] = field(default_factory=dict)
    people: dict[str, m.Person] = field(default_factory=dict)
    posts: dict[str, m.Post] = field(default_factory=dict)
    meetings: dict[str, m.Meeting] = field(default_factory=dict)
    topics: dict[str, m.Topic] = field(default_factory=dict)
    categories: dict[str, m.ProductCategory] = field(default_factory=dict)

    def fact(self, entity: str) -> int:
        """A new cited fact's id (the models hold fact_id without a relationship)."""
        fact = m.Fact(entity=entity, confidence="stated")
        fact.citations.append(m.Citation(source=self.source, locator=f"{entity} locator"))
        self.session.add(fact)
        self.session.flush()
        return fact.id

    def country(self, code: str, name: str, **kwargs: Any) -> m.Actor:
        country = m.Country(code=code, name=name, fact_id=self.fact("country"), **kwargs)
        actor = m.Actor(country=country)
        self.session.add(actor)
        self.actors[code] = actor
        return actor

    def bloc(self, code: str, name: str) -> m.Actor:
        bloc = m.Bloc(
            code=code,
            name=name,
            kind="regional_organisation",
            founded_on=date(1967, 8, 8),
            founded_on_precision="day",
            fact_id=self.fact("bloc"),
        )
        actor = m.Actor(bloc=bloc)
        self.session.add(actor)
        self.actors[code] = actor
        return actor

    def member(
        self,
        bloc: str,
        member: str,
        start: date,
        end: date | None = None,
        *,
        role: str = "member",
        start_precision: str = "day",
        end_precision: str = "day",
    ) -> m.Membership:
        row = m.Membership(
            actor=self.actors[member],
            bloc=self.actors[bloc].bloc,
            role=role,
            start_date=start,
            start_date_precision=start_precision,
            end_date=end,
            end_date_precision=end_precision if end else None,
            fact_id=self.fact("membership"),
        )
        self.session.add(row)
        return row

    def term(
        self,
        person: str,
        post: str,
        start: date | None,
        end: date | None = None,
        *,
        end_precision: str = "day",
    ) -> m.Term:
        if person not in self.people:
            self.people[person] = m.Person(
                slug=person, name=person.replace("-", " ").title(), fact_id=self.fact("person")
            )
        if post not in self.posts:
            country, office, *to = post.split("/")
            self.posts[post] = m.Post(
                actor=self.actors[country],
                accredited_to=self.actors[to[0]] if to else None,
                office=office,
                title=office.replace("-", " ").title(),
                single_seat=True,
            )
        row = m.Term(
            person=self.people[person],
            post=self.posts[post],
            single_seat=True,
            started_on=start,
            started_on_precision="day" if start else None,
            start_date=start,
            start_date_precision="day" if start else None,
            end_date=end,
            end_date_precision=end_precision if end else None,
            fact_id=self.fact("term"),
        )
        self.session.add(row)
        return row

    def category(self, code: str) -> m.ProductCategory:
        if code not in self.categories:
            self.categories[code] = m.ProductCategory(code=code, name=code, scheme="broad")
        return self.categories[code]

    def trade(
        self,
        reporter: str,
        partner: str,
        year: int,
        value: int | None,
        *,
        flow: str = "total",
        category: str = "all-goods",
        currency: str = "USD",
        qualifier: str = "exact",
    ) -> m.TradeFigure:
        row = m.TradeFigure(
            reporter=self.actors[reporter],
            partner=self.actors[partner],
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            period_precision="year",
            flow=flow,
            category=self.category(category),
            valuation="not_stated",
            value_status="observed" if value is not None else "unknown",
            value_minor=value,
            currency_code=currency if value is not None else None,
            qualifier=qualifier,
            fact_id=self.fact("trade_figure"),
        )
        self.session.add(row)
        return row


# COW codes and system entry of the world's countries (from the COW list v2016), to build panels.
COW_STATES = {
    "IDN": (850, date(1949, 12, 27)),
    "MYS": (820, date(1957, 8, 31)),
    "PHL": (840, date(1946, 7, 4)),
    "SGP": (830, date(1965, 8, 9)),
    "THA": (800, date(1887, 5, 11)),
    "BRN": (835, date(1984, 1, 1)),
    "VNM": (816, date(1954, 6, 4)),
    "KHM": (811, date(1953, 11, 9)),
    "RUS": (365, date(1816, 1, 1)),
}
COW_EDGE = date(2016, 12, 31)


def add_cow_states(w: World) -> None:
    """A COW state-list release with the world's countries, and their crosswalk codes."""
    release = m.Release(
        slug="cow-states-test", dataset="cow-states", title="COW states (test)", precedence=10
    )
    w.session.add(release)
    w.session.flush()
    for iso, (code, start) in COW_STATES.items():
        w.session.add(
            m.SystemMembership(
                release_id=release.id,
                system="cow",
                code=code,
                name=iso,
                start_date=start,
                start_date_precision="day",
                end_date=COW_EDGE,
                end_date_precision="day",
                end_status="censored",
            )
        )
        w.session.add(
            m.CountryCode(
                country=w.actors[iso].country,
                scheme="cow",
                code=str(code),
                fact_id=w.fact("country_code"),
            )
        )


def build_world(session: Session) -> World:
    source = m.Source(
        slug="test-source",
        title="A test source",
        kind="news",
        published_on=date(2019, 7, 31),
        published_on_precision="day",
    )
    session.add(source)
    session.add(m.Currency(code="USD", name="US Dollar", minor_unit=2))
    w = World(session=session, source=source)
    for code, name in [
        ("IDN", "Indonesia"),
        ("MYS", "Malaysia"),
        ("PHL", "Philippines"),
        ("SGP", "Singapore"),
        ("THA", "Thailand"),
        ("BRN", "Brunei Darussalam"),
        ("VNM", "Viet Nam"),
        ("KHM", "Cambodia"),
        ("RUS", "Russian Federation"),
        ("USA", "United States of America"),
        ("PAN", "Panama"),
    ]:
        w.country(code, name)
    add_cow_states(w)
    w.bloc("ASEAN", "Association of Southeast Asian Nations")
    w.bloc("EU", "European Union")
    # A region with no stated parts, and Panama with no relations: the reports' examples
    # name them, and answer empty here.
    africa = m.Region(code="AFRICA", name="Africa", kind="geographic", fact_id=w.fact("region"))
    session.add(m.Actor(region=africa))
    founding = date(1967, 8, 8)
    for code in ("IDN", "MYS", "PHL", "SGP", "THA"):
        w.member("ASEAN", code, founding)
    w.member("ASEAN", "BRN", date(1984, 1, 7))
    w.member("ASEAN", "VNM", date(1995, 7, 28))
    w.member("ASEAN", "KHM", date(1999, 4, 30))
    w.member("ASEAN", "RUS", date(1996, 7, 1), role="dialogue_partner", start_precision="month")
    w.member("ASEAN", "RUS", date(2018, 1, 1), role="strategic_partner", start_precision="year")
    w.member("ASEAN", "EU", date(1977, 1, 1), role="dialogue_partner", start_precision="year")
    # A chair for one whole year: the year-precision end covers all of 2019.
    w.member(
        "ASEAN",
        "THA",
        date(2019, 1, 1),
        date(2019, 1, 1),
        role="chair",
        start_precision="year",
        end_precision="year",
    )

    w.term("tanasak-patimaprakorn", "THA/foreign-minister", date(2014, 8, 30), date(2015, 8, 19))
    w.term("don-pramudwinai", "THA/foreign-minister", date(2015, 8, 19), date(2023, 9, 1))
    w.term("prayut-chan-o-cha", "THA/prime-minister", date(2014, 8, 24), date(2023, 8, 22))
    w.term("sergey-lavrov", "RUS/foreign-minister", date(2004, 3, 9))
    # The Office of the Historian's U.S. Ambassador to Thailand (chiefs of mission, Thailand).
    w.term("glyn-t-davies", "USA/ambassador/THA", date(2015, 9, 22), date(2018, 9, 29))
    w.term("mahathir-mohamad", "MYS/prime-minister", date(2018, 5, 10), date(2020, 2, 24))

    for slug in ("counter-terrorism", "energy"):
        w.topics[slug] = m.Topic(slug=slug, name=slug.replace("-", " ").capitalize())
    amm = m.Meeting(
        slug="amm-52",
        name="52nd ASEAN Foreign Ministers' Meeting",
        kind="ministerial_meeting",
        ordinal=52,
        start_date=date(2019, 7, 29),
        start_date_precision="day",
        end_date=date(2019, 8, 3),
        end_date_precision="day",
        host_country=w.actors["THA"].country,
        bloc=w.actors["ASEAN"].bloc,
        fact_id=w.fact("meeting"),
    )
    talks = m.Meeting(
        slug="lavrov-don-talks-2019",
        name="Talks between Lavrov and Don",
        kind="bilateral_talks",
        start_date=date(2019, 7, 30),
        start_date_precision="day",
        parent=amm,
        fact_id=w.fact("meeting"),
    )
    eef = m.Meeting(
        slug="eef-2019",
        name="Eastern Economic Forum 2019",
        kind="forum",
        start_date=date(2019, 9, 1),
        start_date_precision="month",
        fact_id=w.fact("meeting"),
    )
    w.meetings.update({"amm-52": amm, "talks": talks, "eef-2019": eef})
    session.add_all([amm, talks, eef])
    for meeting, person, actor, role, status in [
        (amm, "don-pramudwinai", "THA", "chair", "attended"),
        (amm, None, "RUS", "guest", "attended"),
        (talks, "sergey-lavrov", None, "delegation_head", "attended"),
        (talks, "don-pramudwinai", None, "delegation_head", "attended"),
        (eef, "mahathir-mohamad", "MYS", "guest", "invited"),
        (eef, "mahathir-mohamad", "MYS", "guest", "attended"),
    ]:
        session.add(
            m.Participant(
                meeting=meeting,
                person=w.people[person] if person else None,
                actor=w.actors[actor] if actor else None,
                role=role,
                status=status,
                fact_id=w.fact("participant"),
            )
        )
    session.flush()
    session.add(
        m.MeetingTopic(
            meeting_id=amm.id, topic=w.topics["counter-terrorism"], fact_id=w.fact("meeting_topic")
        )
    )
    session.add(
        m.RelationTopic(
            actor=w.actors["RUS"],
            partner=w.actors["THA"],
            topic=w.topics["energy"],
            fact_id=w.fact("relation_topic"),
        )
    )

    # Trade: a series with values (growth computed), one with only a reported change, and
    # member figures that add up to a bloc sum.
    w.trade("RUS", "THA", 2017, 250_000_000_00)
    w.trade("RUS", "THA", 2018, 300_000_000_00, qualifier="more_than")
    w.trade("THA", "RUS", 2018, 280_000_000_00)
    w.trade("RUS", "VNM", 2018, 100_000_000_00)
    w.trade("RUS", "KHM", 1998, 1_000_00)
    w.trade("RUS", "KHM", 1999, 2_000_00)
    w.trade("ASEAN", "RUS", 2018, 1_980_000_000_000, qualifier="approximately")
    session.add(
        m.TradeReportedChange(
            reporter=w.actors["RUS"],
            partner=w.actors["THA"],
            period_start=date(2018, 1, 1),
            period_end=date(2018, 12, 31),
            period_precision="year",
            base_period_start=date(2017, 1, 1),
            flow="total",
            category=w.category("agriculture"),
            change_basis_points=3900,
            qualifier="exact",
            fact_id=w.fact("trade_reported_change"),
        )
    )
    session.add(
        m.TradeReportedChange(
            reporter=w.actors["RUS"],
            partner=w.actors["THA"],
            period_start=date(2018, 1, 1),
            period_end=date(2018, 12, 31),
            period_precision="year",
            base_period_start=date(2017, 1, 1),
            flow="total",
            category=w.category("all-goods"),
            change_basis_points=1700,
            qualifier="exact",
            fact_id=w.fact("trade_reported_change"),
        )
    )

    w.term("retno-marsudi", "IDN/foreign-minister", date(2014, 10, 27), date(2024, 10, 20))
    plan = m.Agreement(
        slug="asean-russia-cpa-2016-2020",
        title="Comprehensive Plan of Action 2016-2020",
        kind="plan_of_action",
        signed_on=date(2016, 5, 20),
        signed_on_precision="day",
        covers_from=date(2016, 1, 1),
        covers_from_precision="year",
        covers_until=date(2020, 1, 1),
        covers_until_precision="year",
        fact_id=w.fact("agreement"),
    )
    plan.parties.extend(
        [m.AgreementParty(actor=w.actors["ASEAN"]), m.AgreementParty(actor=w.actors["RUS"])]
    )
    session.add(plan)
    claim_facts = [w.fact("progress_statement"), w.fact("progress_statement")]
    session.add_all(
        [
            m.ProgressStatement(
                slug="cpa-more-than-60",
                agreement=plan,
                stated_on=date(2019, 7, 31),
                stated_on_precision="day",
                speaker=w.people["retno-marsudi"],
                share_basis_points=6000,
                qualifier="more_than",
                statement="more than 60% of the goals",
                fact_id=claim_facts[0],
            ),
            m.ProgressStatement(
                slug="cpa-79-of-139",
                agreement=plan,
                stated_on=date(2019, 7, 31),
                stated_on_precision="day",
                speaker=w.people["retno-marsudi"],
                achieved_count=79,
                total_count=139,
                unit="action lines",
                qualifier="exact",
                fact_id=claim_facts[1],
            ),
        ]
    )
    session.add(
        m.AgreementTopic(
            agreement_id=plan.id,
            topic=w.topics["counter-terrorism"],
            fact_id=w.fact("agreement_topic"),
        )
    )
    session.flush()
    # Written with the ORM, not by a load or an import: the panels are built as a writer would.
    panels.refresh(session.connection())
    return w
