"""The tables of the open vocabularies, one per bilateral_db.core.vocabulary.OPEN_VOCABULARIES.

Each is declared from its enum by one factory (models.base.vocabulary_model); a column using
one is declared with models.base.vocabulary_reference.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import SmallInteger
from sqlalchemy.orm import mapped_column

from bilateral_db.core.vocabulary import OPEN_VOCABULARIES, MembershipRole, Term
from bilateral_db.models.base import Base, vocabulary_model

# Columns a vocabulary's table holds besides code, description and source_id.
OWN_COLUMNS: dict[type[Term], dict[str, Any]] = {
    MembershipRole: {
        # The logic of coverage reads which roles data sets code (reports.claims.kinds).
        "cow_igo_code": mapped_column(
            SmallInteger,
            comment="The membership status COW IGO codes this role as: 1 full member, "
            "2 associate member, 3 observer; NULL for roles data sets do not code (partner "
            "levels, chair).",
        )
    },
}

TERM_MODELS: dict[type[Term], type[Base]] = {
    vocabulary: vocabulary_model(vocabulary, __name__, **OWN_COLUMNS.get(vocabulary, {}))
    for vocabulary in OPEN_VOCABULARIES
}
