"""v_trade filtered to one pair reads that pair's figures only, not the whole trade table.

v_trade computes each figure's previous value with a window over its series. A filter on the
view's reporter_code or partner_code could not pass the window (it partitioned by actor ids,
and the filter names codes), so both backends read and sorted every trade figure before
filtering: 25 s for one pair among the 1.35M COW Trade figures on SQLite. The window now also
partitions by the reporter's and partner's code and kind, which the actor ids determine (the
partitions are the same), so both backends push such a filter into the view and find the
pair by the trade table's index: milliseconds. The view's rows and columns are unchanged.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alembic import op
from bilateral_db.models.dialect import Dialect

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_PARTITION = "PARTITION BY tf.reporter_actor_id, tf.partner_actor_id, tf.flow,"
NEW_PARTITION = (
    "PARTITION BY rp.code, rp.kind, pt.code, pt.kind, "
    "tf.reporter_actor_id, tf.partner_actor_id, tf.flow,"
)


def _migration(name: str) -> Any:
    """An earlier migration's module, to build its view as it wrote it."""
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"bilateral_db_migration_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _v_trade_0003() -> str:
    dialect = Dialect(op.get_bind().dialect.name)
    sql: str = _migration("0003_releases_and_claims")._claim_views(dialect)["v_trade"]
    return sql


def upgrade() -> None:
    old = _v_trade_0003()
    assert old.count(OLD_PARTITION) == 1, "0003's v_trade is not the one this migration knows"
    op.execute("DROP VIEW v_trade")
    op.execute(f"CREATE VIEW v_trade AS {old.replace(OLD_PARTITION, NEW_PARTITION)}")


def downgrade() -> None:
    op.execute("DROP VIEW v_trade")
    op.execute(f"CREATE VIEW v_trade AS {_v_trade_0003()}")
