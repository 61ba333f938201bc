"""Every mistake a new user makes gets one line naming the fix, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral_db.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--db", "notaurl"], 2, "--db: not a database URL"),
        (["--db", "mysql://u@h/d"], 2, "'mysql' is not supported; use SQLite"),
        (["--db", "postgresql://u@h:notaport/d"], 2, "--db: not a database URL"),
        (["--role", "Membr"], 2, "--role: 'Membr' is not allowed; did you mean member?"),
        (["--on", "1990-13-01"], 2, "--on: '1990-13-01' is not a real date"),
        (["--on", "9999"], 2, "--on: '9999' is out of range: years run from 1 to 9998"),
        (["--on", "2019", "--on", "2020"], 2, "given twice"),
        (["--on=2019", "--on", "2020"], 2, "'--on': given twice; give it once"),
        (["-fjson", "-f", "csv"], 2, "'--format' / '-f': given twice; give it once"),
        (["--cite", "--cite"], 2, "'--cite': given twice; give it once"),
        (["--columns", "country,capital"], 2, "--columns: no column 'capital'; choose from"),
        (["--plot", "x.gif"], 2, "--plot: x.gif must end in .png, .svg, .pdf"),
        (["--plot", "/nonexistent/dir/x.png"], 2, "the directory /nonexistent/dir does not exist"),
    ],
)
def test_usage_errors_name_the_option(
    world_url: str, args: list[str], code: int, message: str
) -> None:
    base = ["report", "members", "ASEAN"]
    if "--db" not in args:
        base += ["--db", world_url]
    exit_code, output = invoke(*base, *args)
    assert (exit_code, message in output) == (code, True), output


@pytest.mark.parametrize(
    "args",
    [
        ["meetings", "--country", "IND", "--country", "RUS"],
        ["meetings", "--bloc", "SCO", "--bloc=BRICS"],
        ["trade", "RUS", "THA", "--category", "all-goods", "--category", "agriculture"],
        ["dyad", "RUS", "THA", "--from", "2017", "--from", "2018"],
    ],
)
def test_a_single_valued_option_given_twice_is_refused(world_url: str, args: list[str]) -> None:
    """Click would keep the last value silently: `--country IND --country RUS` would be RUS."""
    exit_code, output = invoke("report", *args, "--db", world_url)
    assert exit_code == 2
    assert "given twice; give it once" in output


def test_reversed_range_is_refused(world_url: str) -> None:
    exit_code, output = invoke(
        "report", "meetings", "--from", "2020", "--to", "2010", "--db", world_url
    )
    assert exit_code == 2
    assert "--from: 2020 comes after the end of the period (2010)" in output
    exit_code, output = invoke(
        "report", "trade", "RUS", "THA", "--from", "99999999999999999999", "--db", world_url
    )
    wanted = "--from: 99999999999999999999 is out of range; write a year from 2 to 9998"
    assert (exit_code, wanted in output) == (2, True), output


def test_case_does_not_matter(world_url: str) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            "officials",
            "tha",
            "--on",
            "2019-08-01",
            "--post",
            "Foreign-Minister",
            "-f",
            "JSON",
            "--db",
            world_url,
        ],
    )
    assert result.exit_code == 0, result.output
    assert '"person": "don-pramudwinai"' in result.stdout


def test_user_text_is_never_read_as_markup(world_url: str) -> None:
    exit_code, output = invoke("report", "members", "[/x]", "--db", world_url)
    assert (exit_code, output) == (1, "error: [/X]: no such bloc")


def test_not_a_sqlite_file(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_text("not a database at all " * 100)
    exit_code, output = invoke("report", "members", "ASEAN", "--db", f"sqlite:///{junk}")
    assert exit_code == 1
    assert "is not a SQLite database; give another file with --db" in output


def test_unreachable_postgresql_names_the_server_not_quickstart() -> None:
    url = "postgresql://someone:hunter2@127.0.0.1:1/nowhere"
    exit_code, output = invoke("report", "members", "ASEAN", "--db", url)
    assert exit_code == 1
    assert "cannot connect to postgresql+psycopg://someone:***@127.0.0.1:1/nowhere" in output
    assert "Is the server running" in output and "quickstart" not in output
    assert "hunter2" not in output


def test_migrated_but_empty_database_says_to_load(migrated_url: str) -> None:
    exit_code, output = invoke("report", "members", "ASEAN", "--db", migrated_url)
    assert exit_code == 1
    assert "ASEAN: no such bloc; the database holds no bloc at all (is it loaded?)" in output
    assert "bilateral-db load" in output


def test_export_checks_its_output_first(world_url: str, tmp_path: Path) -> None:
    for out, message in [
        ("/nonexistent/dir/x.csv", "--out: the directory /nonexistent/dir does not exist"),
        (str(tmp_path / "x.xlsx"), "must end in .csv, .tsv, .parquet"),
        (str(tmp_path), "is a directory"),
    ]:
        exit_code, output = invoke("export", "panel", "--out", out, "--db", world_url)
        assert (exit_code, message in output) == (2, True), output
    assert list(tmp_path.iterdir()) == []


def test_missing_optional_package_names_the_extra(
    world_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name)
    )
    exit_code, output = invoke("report", "members", "ASEAN", "--plot", "m.png", "--db", world_url)
    assert exit_code == 1
    assert "pip install 'bilateral_db[plot]'" in output


@pytest.mark.slow
def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("junk " * 200)
    command = [sys.executable, "-m", "bilateral_db"]
    args = ["report", "members", "ASEAN", "--db", f"sqlite:///{junk}"]
    plain = subprocess.run([*command, *args], capture_output=True, text=True)
    debug = subprocess.run([*command, "--debug", *args], capture_output=True, text=True)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert plain.stderr.startswith("error: ")
    assert "Traceback" in debug.stderr and "DatabaseError" in debug.stderr
