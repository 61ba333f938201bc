"""Report CLI tests reuse the small ORM-built world of tests/reports (loaded by path: the test
tree has no packages, in importlib mode)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "reports_world", Path(__file__).parent.parent / "reports" / "conftest.py"
)
assert _spec and _spec.loader
_world = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _world  # dataclasses look their module up here
_spec.loader.exec_module(_world)

world_url = _world.world_url
