"""Models are declared on first use, yet whatever needs the whole schema sees all of it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import bilateral_db.models as package


def _run(code: str) -> Any:
    script = f"import sys, json\n{code}\nprint(json.dumps(result))"
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.splitlines()[-1])


def _models(modules: list[str]) -> set[str]:
    prefix = "bilateral_db.models."
    return {name.removeprefix(prefix) for name in modules if name.startswith(prefix)}


def test_a_model_declares_its_module_and_what_it_refers_to() -> None:
    result = _run("from bilateral_db.models import Membership\nresult = sorted(sys.modules)")
    # Membership names an actor, which is a country, a bloc or a region.
    assert _models(result) == {"base", "blocs", "countries", "regions"}


def test_base_has_every_table() -> None:
    result = _run(
        "from bilateral_db.models import Base\n"
        "result = {'tables': len(Base.metadata.tables), 'modules': sorted(sys.modules)}"
    )
    assert _models(result["modules"]) == {"base", *package.MODULES}
    assert result["tables"] == len(package.Base.metadata.tables) >= 30


def test_the_orm_configures_from_one_model() -> None:
    """Relationships name classes of other modules: configuring declares them all first."""
    result = _run(
        "from sqlalchemy.orm import configure_mappers\n"
        "from bilateral_db.models import Term\n"
        "configure_mappers()\n"
        "result = {'person': Term.person.property.mapper.class_.__name__,\n"
        "          'modules': sorted(sys.modules)}"
    )
    assert result["person"] == "Person"
    assert _models(result["modules"]) == {"base", *package.MODULES}


def test_each_name_lives_where_the_map_says() -> None:
    tree = ast.parse(Path(package.__file__).read_text(encoding="utf-8"))
    checked = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {
        (node.module.removeprefix("bilateral_db.models."), alias.name)
        for node in checked.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    lazy = {(module, name) for module, names in package.MODULES.items() for name in names}
    assert imported - {("base", "Base")} == lazy
    for module, names in package.MODULES.items():
        for name in names:
            value = getattr(package, name)
            assert getattr(value, "__module__", f"bilateral_db.models.{module}") == (
                f"bilateral_db.models.{module}"
            )
    declared = {mapper.class_.__name__ for mapper in package.Base.registry.mappers}
    # The open vocabularies' models are built from their enums, and handed out in TERM_MODELS.
    built = {model.__name__ for model in package.TERM_MODELS.values()}
    assert declared - built <= {name for names in package.MODULES.values() for name in names}
