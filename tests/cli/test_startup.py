"""Start-up is a feature: the CLI loads heavy modules only in the commands that use them.

(How fast it starts is measured by bench/bench_startup.py, not asserted here.)
"""

from __future__ import annotations

import json
import subprocess
import sys

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
