"""The README's two commands work for a new user, run as real subprocesses."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_command(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\n```sh\n(.+?)\n```", README)
    assert match, f"README has no command marked {marker}"
    return match.group(1)


def test_ci_runs_the_readme_test_command() -> None:
    assert readme_command("tests") in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def _checkout_copy(target: Path) -> Path:
    """What a new user has after cloning: the tracked files, nothing built or installed."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    for name in files:
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.mark.slow
def test_main_job_command_from_a_fresh_checkout(tmp_path: Path) -> None:
    checkout = _checkout_copy(tmp_path / "bilateral_db")
    env = {k: v for k, v in os.environ.items() if k not in ("BILATERAL_DB_URL", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p)
    result = subprocess.run(
        readme_command("main-job"),
        shell=True,
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # The package was installed as a wheel, not as a link to the checkout.
    site = subprocess.run(
        [
            str(checkout / ".venv" / "bin" / "python"),
            "-c",
            "import bilateral_db; print(bilateral_db.__file__)",
        ],
        cwd=tmp_path,  # not the checkout, whose package directory would shadow the install
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in site
    database = checkout / "bilateral.sqlite"
    with sqlite3.connect(database) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        countries = connection.execute("SELECT count(*) FROM country").fetchone()[0]
    assert revision
    assert countries >= 249
    assert "ASEAN" in result.stdout


@pytest.mark.slow
def test_python_dash_m_is_the_same_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bilateral_db", "db", "history"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0001 <- base" in result.stdout


def test_every_command_is_in_the_readme() -> None:
    from typer.main import get_command

    from bilateral_db.cli import app

    root = get_command(app)
    for name in root.commands:  # type: ignore[attr-defined]
        assert f"`bilateral-db {name}" in README, f"README does not mention `bilateral-db {name}`"


def test_python_example_runs(loaded_url: str, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    match = re.search(r"<!-- python -->\n```python\n(.+?)\n```", README, re.DOTALL)
    assert match, "README has no Python example marked <!-- python -->"
    monkeypatch.setenv("BILATERAL_DB_URL", loaded_url)
    exec(compile(match.group(1), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[:6]] == ["BRN", "IDN", "MYS", "PHL", "SGP", "THA"]
    assert lines[6] == "ASEN: no such bloc; did you mean ASEAN or WASSEN or ASECNA?"
