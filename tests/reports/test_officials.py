from __future__ import annotations

from datetime import date

from bilateral_db.reports import officials_on, terms_of


def test_office_holders_on_a_day(world) -> None:
    rows = officials_on(world.session, country="THA", on=date(2019, 8, 1))
    assert [(row.post, row.person, row.name) for row in rows] == [
        ("foreign-minister", "don-pramudwinai", "Don Pramudwinai"),
        ("prime-minister", "prayut-chan-o-cha", "Prayut Chan O Cha"),
    ]


def test_one_post_only(world) -> None:
    rows = officials_on(world.session, country="THA", on=date(2019, 8, 1), post="foreign-minister")
    assert [row.person for row in rows] == ["don-pramudwinai"]
    assert (str(rows[0].start_date), str(rows[0].end_date)) == ("2015-08-19", "2023-09-01")


def test_handover_day_has_both_holders(world) -> None:
    rows = officials_on(world.session, country="THA", on=date(2015, 8, 19), post="foreign-minister")
    assert [row.person for row in rows] == ["tanasak-patimaprakorn", "don-pramudwinai"]


def test_day_after_a_day_precision_end(world) -> None:
    rows = officials_on(world.session, country="THA", on=date(2023, 9, 2), post="foreign-minister")
    assert rows == []


def test_terms_of_a_person(world) -> None:
    rows = terms_of(world.session, person="sergey-lavrov")
    assert [(row.country, row.post, str(row.start_date), row.end_date) for row in rows] == [
        ("RUS", "foreign-minister", "2004-03-09", None)
    ]
