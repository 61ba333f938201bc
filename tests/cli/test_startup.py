"""Start-up is a feature: the CLI loads heavy modules only in the commands that use them.

(How fast it starts is measured by bench/bench_startup.py, not asserted here.)
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from conftest import SMALL_FIXTURES
from typer.testing import CliRunner

from bilateral_db.cli import app, narrowed

HEAVY = ("alembic", "pydantic", "yaml", "matplotlib", "pycountry", "pyarrow", "fastapi")


def _loaded_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return {name.split(".")[0] for name in json.loads(output.splitlines()[-1])}


def test_importing_the_cli_loads_nothing_heavy() -> None:
    loaded = _loaded_after("import bilateral_db.cli")
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)
    assert "sqlalchemy" not in loaded  # not even the database toolkit


def test_help_and_version_load_nothing_heavy() -> None:
    for argv in (["--help"], ["--version"], ["report", "trade", "--help"]):
        loaded = _loaded_after(
            "from bilateral_db.cli import app\n"
            f"try:\n    app({argv!r})\nexcept SystemExit:\n    pass"
        )
        assert loaded.isdisjoint({*HEAVY, "sqlalchemy", "rich", "simplejson"}), (argv, loaded)


def test_a_report_loads_no_migration_or_fixture_machinery(world_url: str) -> None:
    loaded = _loaded_after(
        "from bilateral_db.cli import app\n"
        f"try:\n    app(['report', 'members', 'ASEAN', '-f', 'json', '--db', {world_url!r}])\n"
        "except SystemExit:\n    pass"
    )
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


# What only a load that writes needs: the panels' builder, the writing layer's staging, COPY
# and statistics, Alembic (the revision check reads the migration files itself).
WRITING_ONLY = (
    "bilateral_db.panels",
    "bilateral_db.writing.bulk",
    "bilateral_db.writing.merge",
    "bilateral_db.writing.targets",
    "bilateral_db.writing.tables",
    "bilateral_db.migrations",
    "alembic",
)


def test_an_unchanged_load_loads_nothing_it_does_not_use(small_loaded_url: str) -> None:
    """The files as loaded before: nothing to write, so nothing that writes is imported."""
    script = (
        "import sys, json\n"
        "from bilateral_db.cli import app\n"
        "try:\n"
        f"    app(['load', {str(SMALL_FIXTURES)!r}, '--db', {small_loaded_url!r}])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert "no changes" in output
    loaded = set(json.loads(output.splitlines()[-1]))
    assert "bilateral_db.load.sync" in loaded  # it did load
    unused = {name for name in loaded if name.startswith(WRITING_ONLY)}
    if small_loaded_url.startswith("sqlite"):
        unused |= {name for name in loaded if name.split(".")[0] == "psycopg"}
    assert not unused, sorted(unused)


def _names(group: typer.Typer) -> tuple[list[str], list[str]]:
    commands = [
        command.name or typer.main.get_command_name(getattr(command.callback, "__name__", ""))
        for command in group.registered_commands
    ]
    return commands, [str(sub.name) for sub in group.registered_groups]


def test_a_run_builds_only_the_command_it_names() -> None:
    report = narrowed(app, ["--debug", "report", "members", "ASEAN", "--on", "2019"])
    assert _names(report) == ([], ["report"])
    assert _names(report.registered_groups[0].typer_instance) == (["members"], [])
    assert _names(narrowed(app, ["load", "--db", "x"])) == (["load"], [])
    full = _names(app)
    assert len(full[0]) + len(full[1]) > 8
    # Help, options first and unknown names: the whole tree (or group), as before.
    for argv in ([], ["--help"], ["--version"], ["reprt"]):
        assert _names(narrowed(app, argv)) == full, argv
    reports = next(group for group in app.registered_groups if group.name == "report")
    for argv in (["report", "--help"], ["report", "membrs"], ["report"]):
        group = narrowed(app, argv).registered_groups[0].typer_instance
        assert _names(group) == _names(reports.typer_instance), argv


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "members", "ASEAN", "--on", "1990-01-01", "-f", "csv"],
        ["report", "members", "--help"],
        ["report", "membrs", "ASEAN"],
        ["reprt"],
        ["--debug", "report", "trade", "RUS", "THA", "--from", "1"],
        ["report", "members", "ASEAN", "--on", "2019", "--on", "2018"],
    ],
)
def test_the_narrowed_command_answers_as_the_whole_tree(world_url: str, argv: list[str]) -> None:
    """Same output and exit code, through the entry point and through the whole app."""
    runner = CliRunner()
    with_db = [*argv, "--db", world_url] if "--help" not in argv and len(argv) > 2 else argv
    whole = runner.invoke(app, with_db)
    narrow = runner.invoke(narrowed(app, with_db), with_db)
    assert (narrow.exit_code, narrow.output) == (whole.exit_code, whole.output)
    assert whole.exit_code in (0, 1, 2)


def test_an_import_loads_its_own_importer_only() -> None:
    """`import comtrade` of an unchanged file is mostly start-up: the other data sets' readers
    (XML, mappings) and the fixture loader are not loaded."""
    script = (
        "import sys, json\n"
        "from bilateral_db.imports import IMPORTERS\n"
        "IMPORTERS['comtrade']\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(output.splitlines()[-1]))
    assert "bilateral_db.imports.comtrade" in loaded
    others = {"archigos", "pocom", "hsg_travels", "hsg_visits", "cow_igo", "cow_trade"}
    assert loaded.isdisjoint(f"bilateral_db.imports.{name}" for name in others)
    assert "bilateral_db.load" not in loaded and "bilateral_db.fixtures" not in loaded
