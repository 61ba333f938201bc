"""An installed wheel carries its migrations and bundled fixtures."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("bilateral_db-*.whl")
    return built


@pytest.mark.slow
def test_wheel_ships_migrations_and_fixtures(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "bilateral_db/data/alembic/env.py" in names
    migrations = {
        Path(n).name for n in names if n.startswith("bilateral_db/data/alembic/versions/")
    }
    expected = {p.name for p in (REPO / "alembic" / "versions").glob("*.py")}
    assert expected and expected <= migrations
    fixtures = {
        n.removeprefix("bilateral_db/data/fixtures/")
        for n in names
        if n.startswith("bilateral_db/data/fixtures/")
    }
    bundled = {
        str(p.relative_to(REPO / "fixtures")) for p in (REPO / "fixtures").rglob("*") if p.is_file()
    }
    assert bundled and bundled <= fixtures
    assert any(n.endswith("entry_points.txt") for n in names)
