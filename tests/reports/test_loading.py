"""A report loads what it uses: its own module and the Core tables it reads (with those their
foreign keys name); neither the ORM nor the declarative models. The public names of the package are
imported on first use, and the lazy map says where each lives the way the type checker sees it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import bilateral_db.reports as package


def _run(code: str) -> Any:
    script = f"import sys, json\n{code}\nprint(json.dumps(result))"
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.splitlines()[-1])


def _ours(prefix: str, modules: list[str]) -> set[str]:
    return {name.removeprefix(prefix) for name in modules if name.startswith(prefix)}


def test_importing_the_reports_loads_no_report() -> None:
    loaded = _run("import bilateral_db.reports\nresult = sorted(sys.modules)")
    assert _ours("bilateral_db.reports.", loaded) == set()
    assert "sqlalchemy" not in loaded


def test_a_members_report_reads_core_tables_without_the_orm_or_the_models(world_url: str) -> None:
    result = _run(
        "from datetime import date\n"
        "from sqlalchemy import create_engine\n"
        "from bilateral_db import reports\n"
        "from bilateral_db.db import read_snapshot\n"
        f"engine = create_engine({world_url!r})\n"
        "with read_snapshot(engine) as connection:\n"
        "    rows = reports.members_on(connection, bloc='ASEAN', on=date(1990, 1, 1))\n"
        "import bilateral_db.tables as tables\n"
        "result = {'rows': len(rows), 'modules': sorted(sys.modules),\n"
        "          'tables': sorted(tables.METADATA.tables)}"
    )
    modules = result["modules"]
    assert result["rows"] == 7  # six members and a dialogue partner
    assert _ours("bilateral_db.models", modules) == set()
    assert not [name for name in modules if name.startswith("sqlalchemy.orm")]
    if world_url.startswith("sqlite"):
        assert "sqlalchemy.dialects.postgresql" not in modules
    # The tables it reads, with those their foreign keys name.
    assert {"membership", "bloc", "country", "actor", "release", "coverage"} <= set(
        result["tables"]
    )
    assert "trade_figure" not in result["tables"]
    reports = _ours("bilateral_db.reports.", modules)
    assert {"members", "lookup", "paging", "pointintime"} <= reports
    assert reports.isdisjoint({"trade", "dyad", "meetings", "agreements", "officials"})


def test_a_report_on_the_command_line_loads_neither_the_orm_nor_the_models(
    world_url: str,
) -> None:
    modules = _run(
        "from bilateral_db.cli import main\n"
        f"sys.argv = ['bilateral-db', 'report', 'members', 'ASEAN', '--db', {world_url!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "result = sorted(sys.modules)"
    )
    assert "bilateral_db.reports.members" in modules
    assert not [name for name in modules if name.startswith("sqlalchemy.orm")]
    assert _ours("bilateral_db.models", modules) == set()


def test_the_lazy_names_are_the_type_checker_s() -> None:
    """reports/__init__.py states each name twice (for mypy, and for the lazy import)."""
    tree = ast.parse(Path(package.__file__).read_text(encoding="utf-8"))
    checked = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {
        (node.module.removeprefix("bilateral_db.reports."), alias.name)
        for node in checked.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    lazy = {(module, name) for module, names in package.MODULES.items() for name in names}
    assert imported == lazy
    assert all(getattr(package, name) is not None for name in package.__all__)
