"""PostgreSQL: a new release's trade figures built as a table of their own and attached as its
partition (writing.partitions), with readers answering meanwhile; a held partition merged in
place."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Connection, Engine, insert, select, text
from sqlalchemy.exc import IntegrityError

from bilateral_db import models as m
from bilateral_db.imports.trade_figures import FIGURE_COLUMNS
from bilateral_db.models import Base
from bilateral_db.writing import FileError, WriteError, put_in_place, target, write_transaction
from bilateral_db.writing.partitions import ensure_partition

TABLE = Base.metadata.tables["trade_figure"]


@pytest.fixture
def server(curated_engine: Engine) -> Engine:
    if curated_engine.dialect.name != "postgresql":
        pytest.skip("partitions are PostgreSQL's; SQLite merges into its one table")
    return curated_engine


def _write(
    connection: Connection,
    release: int,
    values: list[int],
    partners: tuple[str, ...] = ("THA", "CHN", "IDN"),
    category: int | None = None,
) -> Any:
    """Russia's exports of 2018 to `partners`, valued `values` (lines 2, 3, ...)."""
    actors = dict(
        connection.execute(
            select(m.Country.code, m.Actor.id).join(m.Actor, m.Actor.country_id == m.Country.id)
        ).all()
    )
    category = category or connection.scalar(
        select(m.ProductCategory.id).where(m.ProductCategory.code == "all-goods")
    )
    figures = target(
        connection,
        TABLE,
        FIGURE_COLUMNS,
        {"release_id": release, "alternative": 0, "series": "reported", "currency_code": "USD"},
        file="figures.csv",
    )
    for line, (partner, value) in enumerate(zip(partners, values, strict=False), start=2):
        figures.add(
            (line, actors["RUS"], actors[partner], "2018-01-01", "2018-12-31", "year",
             "export", category, "not_stated", "observed", value, None, None, "exact")
        )  # fmt: skip
    return figures.finish()


def _release(connection: Connection, slug: str = "parted", precedence: int = 90) -> int:
    return int(
        connection.execute(
            insert(m.Release)
            .values(slug=slug, dataset=slug, title="t", citation="c", precedence=precedence)
            .returning(m.Release.id)
        ).scalar_one()
    )


def _release_rows(engine: Engine) -> list[tuple[str, int]]:
    with engine.connect() as connection:
        return [
            (str(table), int(value))
            for table, value in connection.exec_driver_sql(
                "SELECT f.tableoid::regclass::text, f.value_minor FROM trade_figure f "
                "JOIN release r ON r.id = f.release_id WHERE r.slug = 'parted' ORDER BY 2"
            )
        ]


def test_a_new_release_is_attached_as_its_partition_while_readers_answer(server: Engine) -> None:
    with write_transaction(server, 5) as connection:
        release = _release(connection)
        assert _write(connection, release, [100, 200, 300]).inserted == 3
        put_in_place(connection)
        partition = f"trade_figure_release_{release}"
        with server.connect() as reader:  # reads the last committed state, without waiting
            reader.exec_driver_sql("SET lock_timeout = '1s'")
            before = reader.exec_driver_sql("SELECT count(*) FROM trade_figure").scalar_one()
            found = reader.execute(text("SELECT to_regclass(:p)"), {"p": partition}).scalar()
            assert found is None
        connection.commit()
    assert _release_rows(server) == [(partition, 100), (partition, 200), (partition, 300)]
    with server.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM trade_figure").scalar() == (
            before + 3
        )
        # Every index and foreign key of the parent found built on the partition, none twice.
        counts = connection.execute(
            text(
                "SELECT (SELECT count(*) FROM pg_index WHERE indrelid = CAST(:p AS regclass)), "
                "(SELECT count(*) FROM pg_index WHERE indrelid = 'trade_figure'::regclass), "
                "(SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
                "AND conrelid = CAST(:p AS regclass)), "
                "(SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 "
                "AND conrelid = 'trade_figure'::regclass), "
                "(SELECT relowner FROM pg_class WHERE oid = CAST(:p AS regclass)), "
                "(SELECT relowner FROM pg_class WHERE relname = 'trade_figure')"
            ),
            {"p": partition},
        ).one()
        assert counts[0] == counts[1] and counts[2] == counts[3] and counts[4] == counts[5]


def test_a_new_releases_rows_are_written_once_into_its_build_and_named_by_line(
    server: Engine,
) -> None:
    """The build is the stage: no temporary copy of the rows, their lines kept in a column
    of the build until the attach drops it; a key given twice and a reference to nothing are
    still refused by line, and nothing is written."""
    with write_transaction(server, 5) as connection:
        release = _release(connection)
        _write(connection, release, [100, 200, 300])
        build = f"trade_figure_release_{release}_build"
        lines = connection.exec_driver_sql(f"SELECT line FROM {build} ORDER BY 1").scalars()
        assert list(lines) == [2, 3, 4]
        stage = connection.exec_driver_sql("SELECT to_regclass('pg_temp.stage_trade_figure')")
        assert stage.scalar() is None
        put_in_place(connection)
        connection.commit()
    with server.connect() as connection:
        columns = "SELECT attname FROM pg_attribute WHERE attrelid = CAST(%(t)s AS regclass) "
        columns += "AND attnum > 0 AND NOT attisdropped ORDER BY attname"
        partition = f"trade_figure_release_{release}"
        own = connection.exec_driver_sql(columns, {"t": partition}).scalars().all()
        assert own == connection.exec_driver_sql(columns, {"t": "trade_figure"}).scalars().all()
    with write_transaction(server, 5) as connection:
        release = _release(connection, "refused", 91)
        with pytest.raises(FileError) as twice:
            _write(connection, release, [1, 2, 3], partners=("THA", "CHN", "THA"))
        connection.rollback()
    assert [(p.line, p.message) for p in twice.value.problems] == [
        (4, twice.value.problems[0].message)
    ]
    assert "also given on line 2" in twice.value.problems[0].message
    with write_transaction(server, 5) as connection:
        release = _release(connection, "refused", 91)
        _write(connection, release, [1], category=999_999)
        with pytest.raises(WriteError, match="the row of line 2 refers to product_category"):
            put_in_place(connection)
        connection.rollback()
    with server.connect() as connection:
        refused = "SELECT count(*) FROM release WHERE slug = 'refused'"
        assert connection.exec_driver_sql(refused).scalar() == 0
        builds = "SELECT count(*) FROM pg_class WHERE relname LIKE 'trade_figure_release_%build'"
        assert connection.exec_driver_sql(builds).scalar() == 0


def test_a_held_partition_is_merged_in_place(server: Engine) -> None:
    with write_transaction(server, 5) as connection:
        release = _release(connection)
        _write(connection, release, [100, 200, 300])
        connection.commit()
    with server.connect() as connection:
        ids = connection.exec_driver_sql(
            f"SELECT value_minor, id FROM trade_figure WHERE release_id = {release}"
        ).all()
    with write_transaction(server, 5) as connection:
        changes = _write(connection, release, [100, 250])
        put_in_place(connection)  # nothing to attach: the release has its partition
        connection.commit()
    assert changes.counts() == {"inserted": 0, "updated": 1, "unchanged": 1, "removed": 1}
    partition = f"trade_figure_release_{release}"
    assert _release_rows(server) == [(partition, 100), (partition, 250)]
    with server.connect() as connection:
        kept = connection.exec_driver_sql(
            f"SELECT value_minor, id FROM trade_figure WHERE release_id = {release}"
        ).all()
    assert {id_ for _, id_ in kept} < {id_ for _, id_ in ids}  # rows kept their ids


def test_a_build_a_writer_leaves_is_attached_by_the_commit(server: Engine) -> None:
    with write_transaction(server, 5) as connection:
        release = _release(connection)
        _write(connection, release, [7])
        connection.commit()  # no put_in_place: the commit does it
    assert _release_rows(server) == [(f"trade_figure_release_{release}", 7)]


def test_an_alternative_names_a_claim_of_its_own_release_as_a_foreign_key_would(
    server: Engine,
) -> None:
    """On PostgreSQL triggers keep the reference from an alternative to its claim (a foreign
    key to the partitioned table itself would lock it at every attach): a claim of another
    release is refused, deleting the claim deletes its alternatives, and its id stays."""
    columns = (
        "reporter_actor_id, partner_actor_id, period_start, period_end, period_precision, flow, "
        "category_id, series, valuation, value_status, value_minor, currency_code, qualifier"
    )

    def alternative(connection: Connection, claim: int, release: int) -> None:
        connection.exec_driver_sql(
            f"INSERT INTO trade_figure ({columns}, release_id, alternative_of_id, alternative) "
            f"SELECT {columns}, {release}, id, 1 FROM trade_figure WHERE id = {claim}"
        )

    with server.connect() as connection:
        claim = connection.exec_driver_sql(
            "SELECT min(id) FROM trade_figure WHERE release_id = 1 AND alternative = 0"
        ).scalar_one()
        connection.rollback()
        transaction = connection.begin()
        alternative(connection, claim, 1)
        named = "SELECT count(*) FROM trade_figure WHERE alternative_of_id = %(c)s"
        assert connection.exec_driver_sql(named, {"c": claim}).scalar() == 1
        renumbered = f"UPDATE trade_figure SET id = -1 WHERE id = {claim}"
        with (
            pytest.raises(IntegrityError, match="its id and release stay"),
            connection.begin_nested(),
        ):
            connection.exec_driver_sql(renumbered)
        connection.exec_driver_sql(f"DELETE FROM trade_figure WHERE id = {claim}")
        assert connection.exec_driver_sql(named, {"c": claim}).scalar() == 0
        transaction.rollback()
        transaction = connection.begin()
        release = _release(connection)
        ensure_partition(connection, TABLE, release)
        with pytest.raises(IntegrityError, match=f"which release {release} does not hold"):
            alternative(connection, claim, release)
        transaction.rollback()


def test_a_build_rolled_back_is_forgotten_with_its_transaction(server: Engine) -> None:
    """The pooled connection keeps its info: the next write must not try to attach a build
    its transaction never had."""
    with write_transaction(server, 5) as connection:
        _write(connection, _release(connection), [1])
        connection.rollback()
    with write_transaction(server, 5) as connection:
        release = _release(connection)
        _write(connection, release, [2])
        connection.commit()
    assert _release_rows(server) == [(f"trade_figure_release_{release}", 2)]
