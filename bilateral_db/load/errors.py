"""The loaders' name for the writing layer's error: a load that cannot finish wrote nothing."""

from __future__ import annotations

from bilateral_db.writing.errors import WriteError as LoadError

__all__ = ["LoadError"]
