"""The writing layer hands out each name from its module on first use, as if imported eagerly."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from bilateral_db import writing


def test_every_name_is_its_modules() -> None:
    assert sorted(writing.__all__) == sorted(
        name for names in writing.MODULES.values() for name in names
    )
    for module, names in writing.MODULES.items():
        source = importlib.import_module(f"bilateral_db.writing.{module}")
        for name in names:
            assert getattr(writing, name) is getattr(source, name), name


def test_target_is_the_function_when_its_module_was_imported_first() -> None:
    """A submodule imported becomes an attribute of its package; `targets` is not `target`."""
    script = (
        "import bilateral_db.writing.targets\n"
        "from bilateral_db.writing import target\n"
        "assert target is bilateral_db.writing.targets.target, target\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        writing.nothing  # noqa: B018
    with pytest.raises(ImportError):
        from bilateral_db.writing import nothing  # noqa: F401
