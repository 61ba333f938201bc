"""Find the migrations and bundled fixtures, in a checkout or inside an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _resource(name: str) -> Path:
    # A wheel carries copies under bilateral_db/data/; a checkout keeps them at the top level.
    packaged = _PACKAGE_DIR / "data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bilateral_db is installed without its {name}/ directory")


def alembic_dir() -> Path:
    return _resource("alembic")


def fixtures_dir() -> Path:
    return _resource("fixtures")


def datasets_dir() -> Path:
    """The data sets shipped with the package (COW, Gleditsch-Ward, Archigos)."""
    return _resource("datasets")
