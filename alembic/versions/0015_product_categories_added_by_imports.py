"""Product categories say who added them.

`import comtrade` adds each HS or SITC code it first meets to `product_category`, with a name
made from the code ("HS2012 0101"). Those rows belonged to no release, so every `load` listed
them as fixture rows no longer in the files, and `load --prune` failed trying to delete them
(the imported figures refer to them). `product_category.release_id` says who wrote the row,
as it does for blocs and persons: release 1 (the fixtures) or the import that added it.

Existing rows: a category is marked as an import's when its name is the one the importer makes
from its code, no curated trade claim uses it, and imported figures use it or a code under it;
its release is the lowest of those figures' releases. Every other category stays the
fixtures'. A category marked wrongly is taken back by the next `load` (a category the fixtures
define under the same code becomes theirs).

SQLite rebuilds `product_category` to add a column with a foreign key, which it refuses while
a view names the table, so the views are dropped first and created again as they were.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic.operations import BatchOperations

from alembic import op

# Frozen: import nothing of bilateral_db. Views change by version files and
# op.replace_view(name, new=, old=) (alembic/ops.py, docs/migrations.md).

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every view at 0014, readers last: dropped around SQLite's rebuild, then created again.
VIEWS = {
    "v_membership": "0003",
    "v_meeting_participant": "0003",
    "v_trade": "0012",
    "v_claim": "0006",
    "v_term": "0006",
    "v_country_year": "0009",
    "v_country_year_gw": "0009",
    "v_dyad_year": "0009",
    "v_dyad_year_gw": "0009",
}
COMMENT = (
    "Who added the category: the fixtures (release 1), or the import that first met this "
    "nomenclature code (its figures refer to it; load leaves it alone)."
)
CURATED = 1


def _mark_imported() -> None:
    """Set the release of the categories an import added (see the module's docstring). The
    figures are read once, grouped by category; the tree is walked on those few rows."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    digits = "substr(c.code, instr(c.code, ':') + 1)" if sqlite else "split_part(c.code, ':', 2)"
    op.execute(
        f"""
        WITH RECURSIVE direct (id, release_id) AS (
            SELECT category_id, MIN(release_id) FROM trade_figure
            WHERE release_id <> {CURATED}
            GROUP BY category_id
        ),
        under (top, id) AS (
            SELECT id, id FROM product_category
            UNION ALL
            SELECT u.top, c.id FROM under u JOIN product_category c ON c.parent_id = u.id
        ),
        imported (id, release_id) AS (
            SELECT u.top, MIN(d.release_id)
            FROM under u JOIN direct d ON d.id = u.id
            GROUP BY u.top
        ),
        made (id) AS (
            SELECT c.id FROM product_category c
            WHERE c.code LIKE '%:%'
              AND c.name = COALESCE(c.revision, upper(c.scheme)) || ' ' || {digits}
              AND NOT EXISTS (SELECT 1 FROM trade_figure f
                              WHERE f.category_id = c.id AND f.release_id = {CURATED})
              AND NOT EXISTS (SELECT 1 FROM trade_reported_change r
                              WHERE r.category_id = c.id AND r.release_id = {CURATED})
        )
        UPDATE product_category
        SET release_id = (SELECT i.release_id FROM imported i WHERE i.id = product_category.id)
        WHERE id IN (SELECT id FROM made) AND id IN (SELECT id FROM imported)
        """
    )


@contextmanager
def _rebuilt_product_category() -> Iterator[BatchOperations]:
    """batch_alter_table of product_category, the views dropped around it on SQLite (whose
    rebuild renames the table, which it refuses while a view names it)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name, version in reversed(VIEWS.items()):
            op.drop_view(name, version)
    with op.batch_alter_table("product_category", schema=None) as batch_op:
        yield batch_op
    if sqlite:
        for name, version in VIEWS.items():
            op.create_view(name, version)


def upgrade() -> None:
    with _rebuilt_product_category() as batch_op:
        batch_op.add_column(
            sa.Column(
                "release_id",
                sa.Integer(),
                server_default=sa.text(str(CURATED)),
                nullable=False,
                comment=COMMENT,
            )
        )
        batch_op.create_index(
            batch_op.f("ix_product_category_release_id"), ["release_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_product_category_release_id_release"), "release", ["release_id"], ["id"]
        )
    _mark_imported()


def downgrade() -> None:
    with _rebuilt_product_category() as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_product_category_release_id_release"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_product_category_release_id"))
        batch_op.drop_column("release_id")
