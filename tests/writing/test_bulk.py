"""The bulk writer's Arrow columns: copied in the background on PostgreSQL, at once on SQLite;
a refusal is raised to the writer, named by table, and the transaction can still roll back."""

from __future__ import annotations

import pyarrow as pa
import pytest
from sqlalchemy import Engine

from bilateral_db.writing import BulkWriter, WriteError
from bilateral_db.writing.jobs import settle


def _columns(values: list[int | None], names: list[str | None]) -> pa.Table:
    return pa.table({"value": pa.array(values, pa.int64()), "name": pa.array(names, pa.string())})


def test_columns_are_written_as_given_nulls_and_quotes_included(
    migrated_engine: Engine,
) -> None:
    with migrated_engine.connect() as connection:
        connection.exec_driver_sql("CREATE TABLE bulk_test (value BIGINT, name TEXT)")
        writer = BulkWriter(connection, "bulk_test", ("value", "name"))
        writer.add_columns(_columns([1, None, 3], ['a, "b"', None, ""]))
        writer.add_columns(_columns([2**62], ["line\nbreak"]))
        assert writer.close() == 4
        rows = connection.exec_driver_sql("SELECT value, name FROM bulk_test ORDER BY 1").all()
        connection.rollback()
    # Arrow writes a null as an empty field and an empty text as "": COPY reads them apart.
    assert sorted(rows, key=str) == sorted(
        [(1, 'a, "b"'), (3, ""), (2**62, "line\nbreak"), (None, None)], key=str
    )


def test_a_refused_batch_is_raised_by_table_and_the_transaction_rolls_back(
    migrated_engine: Engine,
) -> None:
    with migrated_engine.connect() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE bulk_test (value BIGINT CHECK (value > 0), name TEXT)"
        )
        writer = BulkWriter(connection, "bulk_test", ("value", "name"))
        with pytest.raises(WriteError, match="the database refused bulk_test rows"):
            writer.add_columns(_columns([1, -1], ["x", "y"]))  # SQLite refuses it here,
            writer.close()  # PostgreSQL when the batch copied in the background is waited for
        settle(connection)  # nothing left running
        connection.rollback()
        assert connection.exec_driver_sql("SELECT 1").scalar() == 1
