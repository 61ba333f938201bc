"""A staged insert's foreign keys, checked for the set on PostgreSQL (writing.references): a
row that refers to nothing is refused on both backends, by line on PostgreSQL, and without
the right to turn the triggers off the triggers check it as before."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, insert, select, text
from sqlalchemy.exc import IntegrityError

from bilateral_db import models as m
from bilateral_db.imports.trade_figures import FIGURE_COLUMNS
from bilateral_db.models import Base
from bilateral_db.writing import WriteError, target, write_transaction

MISSING = 987_654_321  # no actor has this id


def _actors(connection: Connection, *codes: str) -> list[int]:
    rows = dict(
        (code, actor)
        for code, actor in connection.execute(
            select(m.Country.code, m.Actor.id).join(m.Actor, m.Actor.country_id == m.Country.id)
        )
    )
    return [rows[code] for code in codes]


def _figures(connection: Connection, partners: list[int]) -> Any:
    """Three figures of Russia's exports in 2018, one to each partner, lines 2-4."""
    release = connection.execute(
        insert(m.Release)
        .values(
            slug="bench",
            dataset="bench",
            title="t",
            publisher="p",
            citation="c",
            url="u",
            precedence=90,
        )
        .returning(m.Release.id)
    ).scalar_one()
    category = connection.scalar(
        select(m.ProductCategory.id).where(m.ProductCategory.code == "all-goods")
    )
    (russia,) = _actors(connection, "RUS")
    figures = target(
        connection,
        Base.metadata.tables["trade_figure"],
        FIGURE_COLUMNS,
        {"release_id": release, "alternative": 0, "series": "reported", "currency_code": "USD"},
        file="figures.csv",
    )
    for line, partner in enumerate(partners, start=2):
        figures.add(
            (line, russia, partner, "2018-01-01", "2018-12-31", "year", "export", category,
             "not_stated", "observed", 100 * line, None, None, "exact")
        )  # fmt: skip
    return figures


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM trade_figure")).scalar_one())


def test_a_reference_to_nothing_is_refused_and_nothing_is_written(curated_engine: Engine) -> None:
    before = _count(curated_engine)
    raised: type[Exception] = (
        WriteError if curated_engine.dialect.name == "postgresql" else IntegrityError
    )
    with pytest.raises(raised) as error, write_transaction(curated_engine, 5) as connection:
        tha, chn = _actors(connection, "THA", "CHN")
        _figures(connection, [tha, MISSING, chn]).finish()
        connection.commit()
    if raised is WriteError:  # named by the set check, with the line of the row
        assert f"line 3 refers to actor by partner_actor_id {MISSING}" in str(error.value)
    assert _count(curated_engine) == before


def test_good_references_are_written_and_the_triggers_are_back_on(
    curated_engine: Engine,
) -> None:
    with write_transaction(curated_engine, 5) as connection:
        tha, chn = _actors(connection, "THA", "CHN")
        changes = _figures(connection, [tha, chn]).finish()
        if curated_engine.dialect.name == "postgresql":
            role = connection.exec_driver_sql("SHOW session_replication_role").scalar()
            assert role == "origin"
        connection.commit()
    assert changes.inserted == 2
    with curated_engine.connect() as connection:
        values = connection.execute(
            text(
                "SELECT partner_actor_id, value_minor FROM trade_figure tf JOIN release r "
                "ON r.id = tf.release_id WHERE r.slug = 'bench' ORDER BY value_minor"
            )
        ).all()
    assert [tuple(row) for row in values] == [(tha, 200), (chn, 300)]


def _role(engine: Engine, *, owners_rights: bool) -> Iterator[str]:
    """A role that is not a superuser, with the rights on every table an importer needs, and
    with `owners_rights`, a member of the tables' owner (who attaches a release's partition)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("roles are PostgreSQL's")
    name = f"plain_{uuid.uuid4().hex[:12]}"
    with engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {name} NOSUPERUSER")
        connection.exec_driver_sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {name}")
        connection.exec_driver_sql(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}")
        if owners_rights:
            connection.exec_driver_sql(f"GRANT CREATE ON SCHEMA public TO {name}")
            owner = connection.exec_driver_sql("SELECT current_user").scalar_one()
            connection.exec_driver_sql(f'GRANT "{owner}" TO {name}')
    yield name
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP OWNED BY {name}")
        connection.exec_driver_sql(f"DROP ROLE {name}")


@pytest.fixture
def plain_role(curated_engine: Engine) -> Iterator[str]:
    yield from _role(curated_engine, owners_rights=True)


@pytest.fixture
def reader_role(curated_engine: Engine) -> Iterator[str]:
    yield from _role(curated_engine, owners_rights=False)


def test_a_new_release_needs_the_rights_that_attach_its_partition(
    curated_engine: Engine, reader_role: str
) -> None:
    """trade_figure has a partition per release (PostgreSQL): a role that may write its rows
    but not attach a partition to it is told whose rights it needs, and nothing is written."""
    before = _count(curated_engine)
    with pytest.raises(WriteError) as error, write_transaction(curated_engine, 5) as connection:
        connection.exec_driver_sql(f"SET LOCAL ROLE {reader_role}")
        tha, chn = _actors(connection, "THA", "CHN")
        _figures(connection, [tha, chn]).finish()
    owner = curated_engine.url.username
    assert "trade_figure rows go to a partition of their own" in str(error.value)
    assert f"write as {owner}, or have {owner} granted to {reader_role}" in str(error.value)
    assert _count(curated_engine) == before


def test_without_the_right_the_triggers_stay_on_and_the_rules_hold(
    curated_engine: Engine, plain_role: str
) -> None:
    """A role that may not set session_replication_role writes through the triggers."""
    with write_transaction(curated_engine, 5) as connection:
        connection.exec_driver_sql(f"SET LOCAL ROLE {plain_role}")
        tha, chn = _actors(connection, "THA", "CHN")
        assert _figures(connection, [tha, chn]).finish().inserted == 2
        assert connection.exec_driver_sql("SHOW session_replication_role").scalar() == "origin"
        connection.commit()
    before = _count(curated_engine)
    with pytest.raises(WriteError) as error, write_transaction(curated_engine, 5) as connection:
        connection.exec_driver_sql(f"SET LOCAL ROLE {plain_role}")
        connection.exec_driver_sql("DELETE FROM trade_figure WHERE release_id > 1")
        connection.exec_driver_sql("DELETE FROM release WHERE slug = 'bench'")
        (tha,) = _actors(connection, "THA")
        _figures(connection, [MISSING, tha]).finish()
        connection.commit()  # a new release's partition: its foreign keys hold at the attach
    assert f"line 2 refers to actor by partner_actor_id {MISSING}" in str(error.value)
    assert _count(curated_engine) == before
