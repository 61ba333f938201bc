"""The database itself refuses bad rows, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from bilateral_db.models import (
    Actor,
    Bloc,
    Citation,
    Country,
    Currency,
    Fact,
    Membership,
    Person,
    Post,
    ProductCategory,
    Source,
    Term,
    TradeFigure,
)


def _fact(session: Session, entity: str) -> int:
    fact = Fact(entity=entity, confidence="stated")
    session.add(fact)
    session.flush()
    return fact.id


def _refused(session: Session, make: Callable[[], object], match: str | None = None) -> None:
    """Adding the row fails inside a savepoint, leaving the test's transaction usable."""
    with pytest.raises((IntegrityError, DBAPIError)) as caught, session.begin_nested():
        session.add(make())
        session.flush()
    if match:
        assert match in str(caught.value).lower()


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    thailand = Country(code="THA", name="Thailand", fact_id=_fact(session, "country"))
    asean = Bloc(
        code="ASEAN", name="ASEAN", kind="regional_organisation", fact_id=_fact(session, "bloc")
    )
    session.add_all([thailand, asean])
    session.flush()
    tha_actor = Actor(country_id=thailand.id)
    session.add(tha_actor)
    session.flush()
    post = Post(
        actor_id=tha_actor.id,
        office="foreign-minister",
        title="Minister of Foreign Affairs",
        single_seat=True,
    )
    shared = Post(
        actor_id=tha_actor.id,
        office="deputy-prime-minister",
        title="Deputy Prime Minister",
        single_seat=False,
    )
    don = Person(slug="don-pramudwinai", name="Don Pramudwinai", fact_id=_fact(session, "person"))
    other = Person(
        slug="parnpree-bahiddha-nukara",
        name="Parnpree Bahiddha-Nukara",
        fact_id=_fact(session, "person"),
    )
    session.add_all([tha_actor, post, shared, don, other])
    session.flush()
    return {
        "country": thailand.id,
        "bloc": asean.id,
        "actor": tha_actor.id,
        "post": post.id,
        "shared_post": shared.id,
        "don": don.id,
        "other": other.id,
    }


def _term(
    session: Session,
    person: int,
    post: int,
    start: date,
    end: date | None,
    *,
    end_precision: str = "day",
    single_seat: bool = True,
    start_precision: str = "day",
    capacity: str = "full",
) -> Term:
    return Term(
        person_id=person,
        post_id=post,
        single_seat=single_seat,
        capacity=capacity,
        started_on=start,
        started_on_precision=start_precision,
        start_date=start,
        start_date_precision=start_precision,
        end_date=end,
        end_date_precision=end_precision if end else None,
        fact_id=_fact(session, "term"),
    )


def _membership(
    session: Session,
    world: dict[str, int],
    start: date,
    end: date | None,
    precision: str = "day",
    role: str = "member",
) -> Membership:
    return Membership(
        actor_id=world["actor"],
        bloc_id=world["bloc"],
        role=role,
        start_date=start,
        start_date_precision=precision,
        end_date=end,
        end_date_precision=precision if end else None,
        fact_id=_fact(session, "membership"),
    )


def test_foreign_key_refused(session: Session, world: dict[str, int]) -> None:
    _refused(
        session,
        lambda: Post(actor_id=999_999, office="president", title="President", single_seat=True),
    )


def test_end_before_start_refused(session: Session, world: dict[str, int]) -> None:
    _refused(
        session,
        lambda: _membership(session, world, date(2000, 1, 1), date(1999, 12, 31)),
        match="end_date_not_before_start_date",
    )


def test_unknown_vocabulary_refused(session: Session, world: dict[str, int]) -> None:
    _refused(
        session,
        lambda: _membership(session, world, date(2000, 1, 1), None, role="overlord"),
        match="foreign key",  # an open vocabulary's term is a row of its table
    )
    _refused(
        session,
        lambda: Fact(entity="country", confidence="rumoured"),
        match="confidence_vocabulary",  # a closed one is a CHECK
    )


def test_a_term_added_to_an_open_vocabulary_is_accepted(
    session: Session, world: dict[str, int]
) -> None:
    """A source's new term is a row of the vocabulary's table, not a change of the schema."""
    session.execute(
        text("INSERT INTO membership_role (code, description) VALUES ('overlord', 'A test term.')")
    )
    session.add(_membership(session, world, date(2000, 1, 1), None, role="overlord"))
    session.flush()


def test_date_without_precision_refused(session: Session, world: dict[str, int]) -> None:
    def make() -> Membership:
        row = _membership(session, world, date(2000, 1, 1), date(2001, 1, 1))
        row.end_date_precision = None
        return row

    _refused(session, make, match="end_date_precision_present")


def test_duplicate_natural_key_refused(session: Session, world: dict[str, int]) -> None:
    _refused(
        session,
        lambda: Country(code="THA", name="Thailand again", fact_id=_fact(session, "country")),
    )
    _refused(
        session,
        lambda: Country(code="tha", name="lower case", fact_id=_fact(session, "country")),
        match="code_alpha3",
    )


def test_actor_is_exactly_one_country_or_bloc(session: Session, world: dict[str, int]) -> None:
    _refused(session, lambda: Actor(country_id=world["country"], bloc_id=world["bloc"]))
    _refused(session, lambda: Actor())


def test_overlapping_terms_of_single_seat_post_refused(
    session: Session, world: dict[str, int]
) -> None:
    session.add(_term(session, world["don"], world["post"], date(2015, 8, 19), date(2023, 9, 1)))
    session.flush()
    _refused(
        session,
        lambda: _term(session, world["other"], world["post"], date(2020, 1, 1), None),
        match="ex_term_overlap",
    )


def test_handover_day_is_not_an_overlap(session: Session, world: dict[str, int]) -> None:
    session.add(_term(session, world["don"], world["post"], date(2015, 8, 19), date(2023, 9, 1)))
    session.add(_term(session, world["other"], world["post"], date(2023, 9, 1), date(2024, 4, 28)))
    session.flush()


def test_terms_of_a_shared_post_may_overlap(session: Session, world: dict[str, int]) -> None:
    session.add(
        _term(
            session, world["don"], world["shared_post"], date(2019, 1, 1), None, single_seat=False
        )
    )
    session.add(
        _term(
            session, world["other"], world["shared_post"], date(2019, 6, 1), None, single_seat=False
        )
    )
    session.flush()


def test_term_cannot_claim_a_different_seat_rule_than_its_post(
    session: Session, world: dict[str, int]
) -> None:
    _refused(
        session,
        lambda: _term(
            session, world["don"], world["post"], date(2015, 1, 1), None, single_seat=False
        ),
    )


def test_overlap_found_after_an_update_too(session: Session, world: dict[str, int]) -> None:
    session.add(_term(session, world["don"], world["post"], date(2015, 8, 19), date(2023, 9, 1)))
    later = _term(session, world["other"], world["post"], date(2023, 9, 1), None)
    session.add(later)
    session.flush()
    with pytest.raises((IntegrityError, DBAPIError)), session.begin_nested():
        session.execute(
            update(Term)
            .where(Term.id == later.id)
            .values(start_date=date(2023, 1, 1), started_on=date(2023, 1, 1))
        )


def test_a_handover_known_to_the_month_is_no_overlap(
    session: Session, world: dict[str, int]
) -> None:
    """A term ending "2023-09" and the next starting 2023-09-01 or "2023-09" share the month:
    neither certainly covers a day of the other."""
    session.add(
        _term(
            session,
            world["don"],
            world["post"],
            date(2015, 8, 19),
            date(2023, 9, 1),
            end_precision="month",
        )
    )
    session.add(
        _term(
            session, world["other"], world["post"], date(2023, 9, 1), None, start_precision="month"
        )
    )
    session.flush()
    _refused(  # a full term certainly inside the first one still is
        session,
        lambda: _term(session, world["other"], world["post"], date(2020, 1, 1), date(2020, 6, 1)),
    )


def test_an_acting_term_may_stand_beside_a_full_one(
    session: Session, world: dict[str, int]
) -> None:
    session.add(_term(session, world["don"], world["post"], date(2015, 8, 19), date(2023, 9, 1)))
    session.add(
        _term(
            session,
            world["other"],
            world["post"],
            date(2019, 1, 1),
            date(2019, 2, 1),
            capacity="acting",
        )
    )
    session.flush()
    assert session.query(Term).filter(Term.capacity == "acting").count() == 1


def test_a_term_starts_when_its_events_say(session: Session, world: dict[str, int]) -> None:
    """start_date is started_on, else arrived_on: any other start is refused."""
    term = _term(session, world["don"], world["post"], date(2015, 8, 19), date(2023, 9, 1))
    term.started_on, term.started_on_precision = None, None
    term.arrived_on, term.arrived_on_precision = date(2015, 8, 19), "day"
    session.add(term)
    session.flush()

    def wrong() -> Term:
        other = _term(session, world["other"], world["post"], date(2024, 1, 1), None)
        other.started_on = date(2024, 2, 1)
        return other

    _refused(session, wrong, "start_from_events")


def test_overlapping_memberships_refused_with_year_precision(
    session: Session, world: dict[str, int]
) -> None:
    # "chair in 2019" covers the whole year, so a second chair term from mid-2019 overlaps.
    session.add(
        _membership(
            session, world, date(2019, 1, 1), date(2019, 1, 1), precision="year", role="chair"
        )
    )
    session.flush()
    _refused(
        session,
        lambda: _membership(session, world, date(2019, 6, 1), None, role="chair"),
        match="ex_membership_overlap",
    )
    session.add(_membership(session, world, date(2020, 1, 1), None, role="chair"))
    session.flush()


def test_different_roles_may_overlap(session: Session, world: dict[str, int]) -> None:
    session.add(_membership(session, world, date(1967, 8, 8), None))
    session.add(
        _membership(
            session, world, date(2019, 1, 1), date(2019, 1, 1), precision="year", role="chair"
        )
    )
    session.flush()


def test_trade_value_and_status_agree(session: Session, world: dict[str, int]) -> None:
    session.add_all(
        [
            Currency(code="USD", name="US Dollar", minor_unit=2),
            ProductCategory(code="all-goods", name="All goods", scheme="broad"),
        ]
    )
    asean_actor = Actor(bloc_id=world["bloc"])
    session.add(asean_actor)
    session.flush()
    category = session.query(ProductCategory).filter_by(code="all-goods").one()

    def figure(status: str, value: int | None) -> TradeFigure:
        return TradeFigure(
            reporter_actor_id=world["actor"],
            partner_actor_id=asean_actor.id,
            period_start=date(2018, 1, 1),
            period_end=date(2018, 12, 31),
            period_precision="year",
            flow="total",
            category_id=category.id,
            valuation="not_stated",
            value_status=status,
            value_minor=value,
            currency_code="USD" if value is not None else None,
            qualifier="exact",
            fact_id=_fact(session, "trade_figure"),
        )

    _refused(session, lambda: figure("observed", None), match="value_iff_observed")
    _refused(session, lambda: figure("unknown", 100), match="value_iff_observed")
    session.add(figure("observed", 0))  # an observed zero is a value
    session.flush()


def test_deleting_a_fact_removes_its_row_and_citations(
    session: Session, world: dict[str, int]
) -> None:
    source = Source(slug="s", title="A source", kind="news")
    session.add(source)
    membership = _membership(session, world, date(1967, 8, 8), None)
    session.add(membership)
    session.flush()
    session.add(Citation(fact_id=membership.fact_id, source_id=source.id))
    session.flush()
    fact_id = membership.fact_id
    session.expunge_all()
    session.execute(Fact.__table__.delete().where(Fact.id == fact_id))
    assert session.get(Membership, membership.id) is None
    assert session.query(Citation).filter_by(fact_id=fact_id).count() == 0
