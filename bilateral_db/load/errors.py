"""What a load that cannot finish raises: a message a researcher can act on."""

from __future__ import annotations


class LoadError(Exception):
    """The database refused the load (or was busy, or not migrated); nothing was written."""
