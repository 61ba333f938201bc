"""Trade as sources give it: series, periods of any length, ranges, rounding and quantities.

A trade figure's key gains its `series` (reported, mirror or smoothed: COW's smoothed flows
stand beside its reported ones) and the period's last day (`period_end`: a fiscal year April
to March, a quarter, "January to July"); `period_precision` gains quarter, fiscal_year and
span; `flow` gains Comtrade's re_export, re_import, domestic_export and foreign_import, so
`export` and `import` stay general trade. A figure may state a range (`value_high_minor`), what
its source rounded to (`rounding_minor`) and a quantity with its unit. Reported changes gain
the series and the period's end as well. Existing rows are reported figures and get the last
day of their year or month.

The views that read trade figures get versions 0005: v_trade shows the new columns and keeps
series apart in its window; the panels count reported figures only. SQLite rebuilds the two
tables (batch mode), which it refuses while a view names them: the views are dropped first
and created afterwards.

The downgrade deletes the rows 0004 cannot hold (series other than reported, periods other
than years and months, the new flows) before it drops the columns.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Views that read trade_figure, readers last; their versions before this migration.
VIEWS = {
    "v_trade": "0004",
    "v_country_year": "0003",
    "v_country_year_gw": "0003",
    "v_dyad_year": "0003",
    "v_dyad_year_gw": "0003",
}
TABLES = ("trade_figure", "trade_reported_change")
OLD_KEY = (
    "reporter_actor_id",
    "partner_actor_id",
    "period_start",
    "period_precision",
    "flow",
    "category_id",
)
NEW_KEY = (
    "reporter_actor_id",
    "partner_actor_id",
    "period_start",
    "period_end",
    "period_precision",
    "flow",
    "category_id",
    "series",
)
OLD_FLOWS = ("export", "import", "total")
NEW_FLOWS = (*OLD_FLOWS, "re_export", "re_import", "domestic_export", "foreign_import")
OLD_PRECISIONS = ("month", "year")
NEW_PRECISIONS = (*OLD_PRECISIONS, "quarter", "fiscal_year", "span")
SERIES = ("reported", "mirror", "smoothed")

PERIOD_END_COMMENT = (
    "Last day of the period: 2018-12-31 for the year 2018, 2023-03-31 for the fiscal year "
    "April 2022 to March 2023."
)
SERIES_COMMENT = (
    "reported (the reporter's own statistics), mirror (derived from the partner's) or smoothed "
    "(a source's smoothed series): part of the figure's key."
)
NEW_PRECISION_COMMENT = {
    "trade_figure": "year, quarter, month, fiscal_year or span: what the period is.",
    "trade_reported_change": "year, quarter, month, fiscal_year or span.",
}
OLD_PRECISION_COMMENT = {
    "trade_figure": "year or month: the length of the period.",
    "trade_reported_change": "year or month.",
}
NEW_FLOW_COMMENT = {
    "trade_figure": "export, import, total (turnover), re_export, re_import, domestic_export or "
    "foreign_import, seen from the reporter.",
    "trade_reported_change": "export, import, total, re_export, ... (as trade_figure).",
}
OLD_FLOW_COMMENT = {
    "trade_figure": "export, import or total (turnover), seen from the reporter.",
    "trade_reported_change": "export, import or total.",
}
# trade_figure only: (column, type, comment)
FIGURE_COLUMNS = (
    (
        "value_high_minor",
        sa.BigInteger(),
        "Upper end when the source gives a range (USD 2.6-2.8 bn): value_minor is its lower end.",
    ),
    (
        "rounding_minor",
        sa.BigInteger(),
        "What the source rounded to, in minor units (10^8 cents: whole millions of USD); NULL if "
        "not known.",
    ),
    (
        "quantity_milli",
        sa.BigInteger(),
        "Quantity in thousandths of quantity_unit (net weight, items, ...).",
    ),
    ("quantity_unit", sa.String(length=40), "Unit of quantity_milli: tonne, kg, litre, item, ..."),
)
FIGURE_CHECKS = {
    "range_in_order": "value_high_minor IS NULL OR (value_minor IS NOT NULL AND "
    "value_high_minor > value_minor)",
    "rounding_positive": "rounding_minor IS NULL OR rounding_minor > 0",
    "quantity_has_unit": "(quantity_milli IS NULL) = (quantity_unit IS NULL)",
    "quantity_not_negative": "quantity_milli IS NULL OR quantity_milli >= 0",
}


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _last_day_sql() -> str:
    """The last day of each existing row's period (a year or a month)."""
    if op.get_bind().dialect.name == "postgresql":
        return (
            "CASE period_precision WHEN 'year' "
            "THEN (period_start + INTERVAL '1 year' - INTERVAL '1 day')::date "
            "ELSE (period_start + INTERVAL '1 month' - INTERVAL '1 day')::date END"
        )
    return (
        "CASE period_precision WHEN 'year' THEN date(period_start, '+1 year', '-1 day') "
        "ELSE date(period_start, '+1 month', '-1 day') END"
    )


def _key(table: str, key: Sequence[str]) -> list[str]:
    return [*key, "valuation"] if table == "trade_figure" else list(key)


def upgrade() -> None:
    for name, version in reversed(VIEWS.items()):
        op.drop_view(name, version)
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("period_end", sa.Date(), nullable=True, comment=PERIOD_END_COMMENT)
            )
            batch_op.add_column(
                sa.Column(
                    "series",
                    sa.String(length=40),
                    server_default="reported",
                    nullable=False,
                    comment=SERIES_COMMENT,
                )
            )
            if table == "trade_figure":
                for column, type_, comment in FIGURE_COLUMNS:
                    batch_op.add_column(sa.Column(column, type_, nullable=True, comment=comment))
        op.execute(f"UPDATE {table} SET period_end = {_last_day_sql()}")
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column(
                "period_end",
                existing_type=sa.Date(),
                nullable=False,
                existing_comment=PERIOD_END_COMMENT,
            )
            batch_op.alter_column(
                "period_precision",
                existing_type=sa.String(length=5),
                type_=sa.String(length=11),
                existing_nullable=False,
                comment=NEW_PRECISION_COMMENT[table],
                existing_comment=OLD_PRECISION_COMMENT[table],
            )
            batch_op.alter_column(
                "flow",
                existing_type=sa.String(length=40),
                existing_nullable=False,
                comment=NEW_FLOW_COMMENT[table],
                existing_comment=OLD_FLOW_COMMENT[table],
            )
            for name in ("period_precision_vocabulary", "flow_vocabulary"):
                batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_period_precision_vocabulary"),
                _in("period_precision", NEW_PRECISIONS),
            )
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_flow_vocabulary"), _in("flow", NEW_FLOWS)
            )
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_series_vocabulary"), _in("series", SERIES)
            )
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_period_in_order"), "period_end >= period_start"
            )
            if table == "trade_figure":
                for name, sql in FIGURE_CHECKS.items():
                    batch_op.create_check_constraint(op.f(f"ck_{table}_{name}"), sql)
            batch_op.drop_constraint(op.f(f"uq_{table}_claim"), type_="unique")
            batch_op.create_unique_constraint(
                op.f(f"uq_{table}_claim"), [*_key(table, NEW_KEY), "release_id", "alternative"]
            )
    for name in VIEWS:
        op.create_view(name, "0005")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.drop_view(name, "0005")
    for table in TABLES:
        # What 0004 cannot hold: alternatives first, so none is left pointing at a deleted row.
        lost = (
            f"series <> 'reported' OR NOT {_in('period_precision', OLD_PRECISIONS)} "
            f"OR NOT {_in('flow', OLD_FLOWS)}"
        )
        op.execute(
            f"DELETE FROM {table} WHERE alternative_of_id IN (SELECT id FROM {table} WHERE {lost})"
        )
        op.execute(f"DELETE FROM {table} WHERE {lost}")
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"uq_{table}_claim"), type_="unique")
            batch_op.create_unique_constraint(
                op.f(f"uq_{table}_claim"), [*_key(table, OLD_KEY), "release_id", "alternative"]
            )
            names = ["period_precision_vocabulary", "flow_vocabulary", "series_vocabulary"]
            names.append("period_in_order")
            if table == "trade_figure":
                names.extend(FIGURE_CHECKS)
            for name in names:
                batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_period_precision_vocabulary"),
                _in("period_precision", OLD_PRECISIONS),
            )
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_flow_vocabulary"), _in("flow", OLD_FLOWS)
            )
            batch_op.alter_column(
                "period_precision",
                existing_type=sa.String(length=11),
                type_=sa.String(length=5),
                existing_nullable=False,
                comment=OLD_PRECISION_COMMENT[table],
                existing_comment=NEW_PRECISION_COMMENT[table],
            )
            batch_op.alter_column(
                "flow",
                existing_type=sa.String(length=40),
                existing_nullable=False,
                comment=OLD_FLOW_COMMENT[table],
                existing_comment=NEW_FLOW_COMMENT[table],
            )
            if table == "trade_figure":
                for column, _, _ in reversed(FIGURE_COLUMNS):
                    batch_op.drop_column(column)
            batch_op.drop_column("series")
            batch_op.drop_column("period_end")
    for name, version in VIEWS.items():
        op.create_view(name, version)
