"""The curated release: the reviewed fixtures, as a release beside the imported data sets.

Migration 0003 seeds it with this id, so that rows written without a release (the ORM, SQL by
hand) are curated rows; readers compare release ids with it without loading the models.
"""

from __future__ import annotations

CURATED_RELEASE_ID = 1
CURATED_RELEASE_SLUG = "curated"
