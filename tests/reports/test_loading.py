"""A report loads what it uses: its own module, the models of the tables it reads, and no
mapper configuration (reports select from Core tables). The public names of the package are
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


def test_a_members_report_loads_its_models_and_configures_no_mapper(world_url: str) -> None:
    result = _run(
        "from datetime import date\n"
        "from sqlalchemy import create_engine, inspect\n"
        "from sqlalchemy.orm import Session\n"
        "from bilateral_db import reports\n"
        f"engine = create_engine({world_url!r})\n"
        "with Session(engine) as session:\n"
        "    rows = reports.members_on(session, bloc='ASEAN', on=date(1990, 1, 1))\n"
        "from bilateral_db.models import Membership\n"
        "result = {'rows': len(rows), 'modules': sorted(sys.modules),\n"
        "          'configured': inspect(Membership).configured}"
    )
    modules = result["modules"]
    assert result["rows"] == 7  # six members and a dialogue partner
    assert _ours("bilateral_db.models.", modules) == {
        "base",
        "blocs",
        "countries",
        "releases",
        "sources",
    }
    reports = _ours("bilateral_db.reports.", modules)
    assert {"members", "lookup", "paging", "pointintime"} <= reports
    assert reports.isdisjoint({"trade", "dyad", "meetings", "agreements", "officials"})
    assert result["configured"] is False


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
