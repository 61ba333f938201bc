"""Dyad, country profile, agreement and citation reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bilateral_db.reports import agreement_report, country_profile, dyad_report, sources_for


def test_dyad_of_two_countries(world) -> None:
    report = dyad_report(world.session, a="RUS", b="THA")
    assert [m.slug for m in report.meetings] == ["amm-52", "lavrov-don-talks-2019"]
    assert [(t.topic, t.via, t.via_slug) for t in report.topics] == [
        ("counter-terrorism", "meeting", "amm-52"),
        ("energy", "relation", None),
    ]
    assert {(s.bloc, s.role_a, s.role_b) for s in report.shared_memberships} == {
        ("ASEAN", "dialogue_partner", "member"),
        ("ASEAN", "dialogue_partner", "chair"),
        ("ASEAN", "strategic_partner", "member"),
        ("ASEAN", "strategic_partner", "chair"),
    }
    assert report.partner_memberships == []
    assert len(report.trade) == 4


def test_dyad_of_a_country_and_a_bloc(world) -> None:
    report = dyad_report(world.session, a="RUS", b="ASEAN")
    assert [(m.role, str(m.start_date)) for m in report.partner_memberships] == [
        ("dialogue_partner", "1996-07"),
        ("strategic_partner", "2018"),
    ]
    assert [m.slug for m in report.meetings] == ["amm-52"]
    assert [a.slug for a in report.agreements] == ["asean-russia-cpa-2016-2020"]


def test_country_profile(world) -> None:
    profile = country_profile(world.session, country="THA", on=date(2019, 8, 1))
    assert profile.country.name == "Thailand"
    assert profile.country.existed
    assert [(m.bloc, m.role) for m in profile.memberships] == [
        ("ASEAN", "chair"),
        ("ASEAN", "member"),
    ]
    assert [o.person for o in profile.officials] == ["don-pramudwinai", "prayut-chan-o-cha"]


def test_agreement_with_conflicting_claims(world) -> None:
    report = agreement_report(world.session, slug="asean-russia-cpa-2016-2020")
    assert (str(report.agreement.covers_from), str(report.agreement.covers_until)) == (
        "2016",
        "2020",
    )
    assert [p.party for p in report.parties] == ["RUS", "ASEAN"]
    claims = {claim.slug: claim for claim in report.progress}
    assert claims["cpa-more-than-60"].share_pct == Decimal("60.00")
    assert claims["cpa-more-than-60"].qualifier == "more_than"
    assert (claims["cpa-79-of-139"].achieved, claims["cpa-79-of-139"].total) == (79, 139)
    assert {str(claim.stated_on) for claim in report.progress} == {"2019-07-31"}
    assert all(claim.sources == ("test-source",) for claim in report.progress)


def test_sources_for_many_facts(world) -> None:
    report = dyad_report(world.session, a="RUS", b="ASEAN")
    ids = [m.fact_id for m in report.partner_memberships]
    cited = sources_for(world.session, fact_ids=[*ids, *ids])
    assert sorted(cited) == sorted(ids)
    assert all([s.source for s in sources] == ["test-source"] for sources in cited.values())
    assert sources_for(world.session, fact_ids=[]) == {}
