"""The views are documented, and real clients read them: Datasette with its metadata, pandas
with the column types a researcher expects."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from bilateral_db.cli import app
from bilateral_db.docs_schema import view_columns
from bilateral_db.view_docs import VIEW_DESCRIPTIONS, column_description


def test_every_view_and_view_column_is_described() -> None:
    for view, columns in view_columns().items():
        assert VIEW_DESCRIPTIONS.get(view), view
        for name, _ in columns:
            assert column_description(view, name), f"{view}.{name} has no description"


def test_datasette_reads_the_metadata(backend: str, loaded_url: str, tmp_path: Path) -> None:
    if backend != "sqlite":
        pytest.skip("Datasette serves SQLite files")
    datasette_app = pytest.importorskip("datasette.app")
    metadata = tmp_path / "metadata.json"
    result = CliRunner().invoke(
        app, ["docs", "datasette", "--out", str(metadata), "--db", loaded_url]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(metadata.read_text())
    database_file = loaded_url.removeprefix("sqlite:///")
    name = Path(database_file).stem
    view = document["databases"][name]["tables"]["v_membership"]
    assert view["description"] == VIEW_DESCRIPTIONS["v_membership"]
    assert view["columns"]["member_code"].startswith("ISO alpha-3")
    assert document["databases"][name]["tables"]["country"]["columns"]["code"].startswith("ISO")

    async def query() -> tuple[dict, str]:
        ds = datasette_app.Datasette([database_file], metadata=document, immutables=[])
        sql = (
            "select member_code from v_membership where bloc_code = 'ASEAN' and role = 'member' "
            "and start_date <= '1990-01-01' and (end_exclusive is null "
            "or end_exclusive > '1990-01-01') order by member_code"
        )
        rows = await ds.client.get(f"/{name}.json", params={"sql": sql, "_shape": "array"})
        page = await ds.client.get(f"/{name}/v_membership")
        return rows.json(), page.text

    rows, page = asyncio.run(query())
    assert [row["member_code"] for row in rows] == ["BRN", "IDN", "MYS", "PHL", "SGP", "THA"]
    assert "<dt>member_code</dt><dd>ISO alpha-3 of a member country" in page
    assert "Memberships with bloc and member names" in page


def _panel(engine: Engine):
    pandas = pytest.importorskip("pandas")
    with engine.connect() as connection:
        return pandas.read_sql(
            "SELECT iso, ccode, year, exports_usd_minor FROM v_country_year "
            "WHERE iso IN ('THA', 'RUS') AND year = 2018 ORDER BY iso",
            connection,
            dtype_backend="numpy_nullable",
        )


def test_pandas_reads_the_panel(loaded_engine: Engine) -> None:
    frame = _panel(loaded_engine)
    assert list(frame["iso"]) == ["RUS", "THA"]
    assert str(frame["year"].dtype) == "Int64"


def test_pandas_gets_integer_codes_and_exact_money(loaded_engine: Engine) -> None:
    frame = _panel(loaded_engine)
    assert str(frame["ccode"].dtype) == "Int64"
    assert list(frame["ccode"]) == [365, 800]
    pandas = pytest.importorskip("pandas")
    with loaded_engine.connect() as connection:
        dyad = pandas.read_sql(
            "SELECT ccode1, ccode2, total_usd_minor FROM v_dyad_year "
            "WHERE iso1 = 'RUS' AND iso2 = 'THA' AND year = 2018",
            connection,
            dtype_backend="numpy_nullable",
        )
    # Russia's foreign ministry: more than USD 2.6 bn in 2018, exact in cents.
    assert str(dyad["total_usd_minor"].dtype) == "Int64"
    assert list(dyad["total_usd_minor"]) == [260_000_000_000]
    assert (int(dyad["ccode1"][0]), int(dyad["ccode2"][0])) == (365, 800)
