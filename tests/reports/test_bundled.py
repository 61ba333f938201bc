"""The reports answer the article's questions correctly on the bundled fixtures, both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bilateral_db import reports


@pytest.fixture
def bundled(loaded_engine: Engine) -> Iterator[Session]:
    with Session(loaded_engine) as session:
        yield session
        session.rollback()


def test_asean_members_over_time(bundled: Session) -> None:
    def members(day: date) -> list[str]:
        rows = reports.members_on(bundled, bloc="ASEAN", on=day, role="member")
        return [row.country for row in rows]

    assert members(date(1990, 1, 1)) == ["BRN", "IDN", "MYS", "PHL", "SGP", "THA"]
    assert len(members(date(2019, 8, 1))) == 10
    assert "TLS" not in members(date(2025, 10, 25))
    assert len(members(date(2025, 10, 26))) == 11


def test_russia_partnership_levels(bundled: Session) -> None:
    rows = reports.membership_pairs(bundled, a="RUS", b="ASEAN")
    assert [(row.role, str(row.start_date)) for row in rows] == [
        ("dialogue_partner", "1996-07"),
        ("strategic_partner", "2018-11-14"),
    ]


def test_thai_foreign_minister_on_1_august_2019(bundled: Session) -> None:
    rows = reports.officials_on(
        bundled, country="THA", on=date(2019, 8, 1), post="foreign-minister"
    )
    assert [(row.person, row.name) for row in rows] == [("don-pramudwinai", "Don Pramudwinai")]


def test_malaysia_in_2019(bundled: Session) -> None:
    rows = reports.officials_on(bundled, country="MYS", on=date(2019, 8, 1))
    assert {(row.post, row.name, row.covered) for row in rows} == {
        ("foreign-minister", "Saifuddin Abdullah", True),
        ("prime-minister", "Mahathir Mohamad", True),
        # Archigos names Malaysia's effective leaders until 2015 and says nothing of 2019.
        ("leader", None, False),
    }


def test_the_52nd_amm_and_its_sidelines(bundled: Session) -> None:
    detail = reports.meeting_detail(bundled, slug="amm-52")
    assert (detail.meeting.ordinal, detail.meeting.host, detail.meeting.city) == (
        52,
        "THA",
        "Bangkok",
    )
    assert [child.slug for child in detail.children] == [
        "lavrov-pham-binh-minh-talks-2019",
        "lavrov-don-talks-2019-07-30",
        "lavrov-prayut-meeting-2019-07-30",
        "asean-russia-ministerial-2019",
        "lavrov-saifuddin-talks-2019-07-31",
    ]
    assert ("sergey-lavrov", "RUS", "guest", "attended") in {
        (p.person, p.actor, p.role, p.status) for p in detail.participants
    }
    lavrov = reports.find_meetings(
        bundled, person="sergey-lavrov", date_from=date(2019, 7, 29), date_to=date(2019, 8, 3)
    )
    assert {row.slug for row in lavrov} == {"amm-52"} | {child.slug for child in detail.children}


def test_mahathir_invited_to_and_attending_the_eef(bundled: Session) -> None:
    detail = reports.meeting_detail(bundled, slug="eef-2019")
    mahathir = sorted(p.status for p in detail.participants if p.person == "mahathir-mohamad")
    assert mahathir == ["attended", "invited"]
    assert detail.meeting.city == "Vladivostok"


def test_cpa_conflicting_progress_claims(bundled: Session) -> None:
    report = reports.agreement_report(bundled, slug="asean-russia-cpa-2016-2020")
    same_day = [claim for claim in report.progress if str(claim.stated_on) == "2019-07-31"]
    assert len(same_day) == 2
    shares = {(c.share_pct, c.qualifier, c.achieved, c.total) for c in same_day}
    assert shares == {(Decimal("60.00"), "more_than", None, None), (None, "exact", 79, 139)}
    # Each claim stands on its own source; the article's is one of them.
    sources = [set(c.sources) for c in same_day]
    assert sources[0].isdisjoint(sources[1])
    assert "sputnik-2019-07-31-asean-russia" in sources[0] | sources[1]


def test_the_agreement_and_its_claims_carry_their_notes_and_confidence(bundled: Session) -> None:
    """fixtures/agreements.yaml: what a reviewer wrote beside each fact reaches the answer."""
    report = reports.agreement_report(bundled, slug="asean-russia-cpa-2016-2020")
    assert report.agreement.confidence == "stated"
    assert report.agreement.note is not None
    assert report.agreement.note.startswith("Approved by the leaders at the Sochi summit")
    by_slug = {claim.slug: claim for claim in report.progress}
    later = by_slug["asean-russia-cpa-2016-2020-talkvietnam-2021-04-02"]
    assert later.confidence == "inferred"
    assert later.note == (
        "Date is the report's publication date (the statement may be earlier); "
        "speaker not recorded."
    )
    assert by_slug["asean-russia-cpa-2016-2020-mina-2019-07-31"].note == (
        "79/139 is 56.8%, below the article's 'more than 60%'."
    )


def test_russia_thailand_trade(bundled: Session) -> None:
    rows = {
        (r.year, r.reporter, r.category): r
        for r in reports.trade_between(bundled, a="RUS", b="THA")
    }
    total = rows[(2018, "RUS", "all-goods")]
    assert (total.value, total.qualifier, total.currency) == (
        Decimal("2600000000.00"),
        "more_than",
        "USD",
    )
    assert (total.change_pct, total.reported_change_pct) == (None, Decimal("17.00"))
    assert rows[(2018, "RUS", "agriculture")].reported_change_pct == Decimal("39.00")


def test_asean_russia_trade_computes_the_change(bundled: Session) -> None:
    rows = reports.trade_between(bundled, a="RUS", b="ASEAN", category="all-goods")
    stated = {(r.year, r.reporter): r for r in rows if r.basis == "reported" and r.value}
    assert stated[(2017, "ASEAN")].value == Decimal("16700000000.00")
    assert stated[(2018, "ASEAN")].value == Decimal("19800000000.00")
    assert stated[(2018, "ASEAN")].change_pct == Decimal("18.56")  # computed from the values
    assert stated[(2018, "ASEAN")].reported_change_pct == Decimal("18.00")  # as reported
    summed = [r for r in rows if r.basis == "sum_of_members"]
    # Only Thailand's figure exists: the sum covers 1 of 10 members and is only a lower bound.
    assert [
        (r.year, r.reporter, r.partner, r.value, r.members, r.members_total, r.qualifier)
        for r in summed
    ] == [(2018, "RUS", "ASEAN", Decimal("2600000000.00"), 1, 10, "at_least")]


def test_dyad_russia_asean(bundled: Session) -> None:
    report = reports.dyad_report(bundled, a="RUS", b="ASEAN")
    assert [m.slug for m in report.meetings] == [
        "asean-russia-summit-2005",
        "asean-russia-summit-2010",
        "asean-russia-business-forum-2016",
        "asean-russia-summit-2016",
        "asean-russia-summit-2018",
        "amm-52",
        "asean-russia-ministerial-2019",
    ]
    assert "asean-russia-cpa-2016-2020" in {a.slug for a in report.agreements}
    assert {"counter-terrorism", "cybersecurity", "disaster-management"} <= {
        t.topic for t in report.topics
    }


def test_dyad_russia_thailand(bundled: Session) -> None:
    report = reports.dyad_report(bundled, a="RUS", b="THA")
    assert ("APEC", "member", "member") in {
        (m.bloc, m.role_a, m.role_b) for m in report.shared_memberships
    }
    assert "lavrov-don-talks-2019-07-30" in {m.slug for m in report.meetings}
    relation = {t.topic for t in report.topics if t.via == "relation"}
    assert relation == {"agriculture", "energy", "infrastructure", "tourism", "transportation"}


def test_dyad_within_years(bundled: Session) -> None:
    """--from/--to keep what shares a day with the years; relation topics are undated."""

    def dyad(**years: int) -> reports.DyadReport:
        return reports.dyad_report(bundled, a="RUS", b="ASEAN", **years)

    report = dyad(year_from=2017, year_to=2018)
    assert [m.slug for m in report.meetings] == ["asean-russia-summit-2018"]
    assert [a.slug for a in report.agreements] == ["asean-russia-cpa-2016-2020"]  # in force
    assert [m.role for m in report.partner_memberships] == ["dialogue_partner", "strategic_partner"]
    assert {t.year for t in report.trade} == {2017, 2018}
    assert {(t.topic, t.via) for t in report.topics} == {
        ("counter-terrorism", "relation"),
        ("cybersecurity", "relation"),
        ("disaster-management", "relation"),
    }

    early = dyad(year_to=2010)
    assert [m.slug for m in early.meetings] == [
        "asean-russia-summit-2005",
        "asean-russia-summit-2010",
    ]
    assert [a.slug for a in early.agreements] == ["asean-russia-cpa-2005-2015"]
    assert [m.role for m in early.partner_memberships] == ["dialogue_partner"]
    assert early.trade == []

    late = dyad(year_from=2019)
    assert [m.slug for m in late.meetings] == ["amm-52", "asean-russia-ministerial-2019"]
    assert "trade" in {t.topic for t in late.topics if t.via == "meeting"}
    assert dyad() == reports.dyad_report(bundled, a="RUS", b="ASEAN")

    shared = reports.dyad_report(bundled, a="RUS", b="THA", year_to=1997)
    assert "APEC" not in {m.bloc for m in shared.shared_memberships}  # Russia joined in 1998
    with pytest.raises(ValueError, match="year_from"):
        dyad(year_from=2019, year_to=2018)


def test_country_profile_of_thailand(bundled: Session) -> None:
    profile = reports.country_profile(bundled, country="THA", on=date(2019, 8, 1))
    assert (profile.country.cow, profile.country.existed) == ("800", True)
    assert ("ASEAN", "member") in {(m.bloc, m.role) for m in profile.memberships}
    assert "don-pramudwinai" in {o.person for o in profile.officials}


def test_country_year_panel_never_repeats_a_cow_code_in_a_year(bundled: Session) -> None:
    from collections import Counter

    from bilateral_db.reports.panel import panel_rows

    rows = list(panel_rows(bundled.connection(), unit="country-year", year_from=1985, year_to=1995))
    repeated = [
        key
        for key, n in Counter((r["ccode"], r["year"]) for r in rows if r["ccode"]).items()
        if n > 1
    ]
    assert repeated == []
    by_iso = {(r["iso"], r["year"]): r["ccode"] for r in rows}
    # A state-year of the COW list is named by the country its code stands for on 1 July, the
    # importers' day: 365 is the USSR's in 1991 (to 1991-12-25) and Russia's in 1992.
    assert (by_iso[("SUN", 1991)], by_iso[("RUS", 1992)]) == (365, 365)
    assert ("RUS", 1991) not in by_iso
    # A state in the list at any time of a year is in that year's panel: the GDR until 1990.
    assert by_iso[("DDR", 1990)] == 265 and ("DDR", 1991) not in by_iso


def test_a_meeting_names_its_venue(bundled: Session) -> None:
    """fixtures/meetings.yaml: AMM-52 met at the Centara Grand and Bangkok Convention Centre."""
    detail = reports.meeting_detail(bundled, slug="amm-52")
    assert (detail.meeting.city, detail.meeting.venue) == (
        "Bangkok",
        "Centara Grand and Bangkok Convention Centre",
    )
