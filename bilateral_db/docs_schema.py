"""Generate docs/schema.md from the models' comments, the fixture descriptions and the views.

Column comments are the data dictionary (they also show in psql's \\d+); this module turns them
into Markdown with a Mermaid ER diagram, and says for each table where the fixtures write it
and for each column the fixture field that fills it (bilateral_db.fixtures.entities), so the
docs cannot drift from the schema: a test regenerates the file and compares.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import CheckConstraint, Column, Table, inspect

from bilateral_db import migrations
from bilateral_db.core.vocabulary import OPEN_VOCABULARIES, vocabulary_table
from bilateral_db.db import make_engine
from bilateral_db.fixtures.catalog import CATALOG
from bilateral_db.fixtures.describe import Checked, Date, End, Percent, Ref, Value
from bilateral_db.models import Base
from bilateral_db.view_docs import VIEW_DESCRIPTIONS


def _type(column: Column[Any]) -> str:
    try:
        return str(column.type.compile()).lower()
    except Exception:
        return column.type.__class__.__name__.lower()


def _keys(column: Column[Any]) -> str:
    marks = []
    if column.primary_key:
        marks.append("PK")
    marks.extend(f"FK → {fk.column.table.name}" for fk in sorted(column.foreign_keys, key=str))
    if column.unique:
        marks.append("unique")
    return ", ".join(marks)


def _mermaid(tables: list[Table]) -> list[str]:
    lines = ["```mermaid", "erDiagram"]
    seen: set[tuple[str, str, str]] = set()
    for table in tables:
        for column in table.columns:
            for fk in sorted(column.foreign_keys, key=str):
                edge = (fk.column.table.name, table.name, column.name)
                if edge in seen:
                    continue
                seen.add(edge)
                parent = "|o" if column.nullable else "||"
                lines.append(f"    {edge[0]} {parent}--o{{ {edge[1]} : {edge[2]}")
    for table in tables:
        lines.append(f"    {table.name} {{")
        for column in table.columns:
            key = "PK" if column.primary_key else ("FK" if column.foreign_keys else "")
            type_name = _type(column).split("(")[0].replace(" ", "_")
            lines.append(f"        {type_name} {column.name}{' ' + key if key else ''}")
        lines.append("    }")
    lines.append("```")
    return lines


def _written(name: str) -> str:
    """Where the fixtures write a table's rows, and its natural key in the files' words."""
    if name not in CATALOG.entities:
        return ""
    entity = CATALOG.entities[name]
    if entity.union:
        kinds = " and ".join(f"`{kind}`" for kind in CATALOG.kinds(name))
        return (
            f"Fixtures: not written; one row for each row of {kinds}. A reference to one "
            f"names a {CATALOG.word(name)} by its key."
        )
    where = f"`{CATALOG.written_in(name)}`"
    if name in CATALOG.parents:
        holder, child = CATALOG.parents[name]
        holder_name = holder.name
        where += f", in each {holder_name.replace('_', ' ')}'s `{child.list}`"
    parts = [f"Fixtures: {where}; key `{_key(name)}`"]
    if entity.alternatives is not None:
        parts.append("another source's versions of a claim under its `alternatives`")
    elif CATALOG.is_claim(name):
        parts.append("a row numbered in `alternative` stands beside the row of its key")
    if entity.extends:
        lists = ", ".join(f"`{child}`" for child in entity.extends)
        parts.append(f"a record giving only its key may extend one defined elsewhere ({lists})")
    return "; ".join(parts) + "."


def _key(name: str) -> str:
    parts = []
    for part in CATALOG.key(name):
        if isinstance(part, tuple):
            parts.append(" or ".join(CATALOG.field_name(name, column) for column in part))
        elif not CATALOG.is_precision(name, part):
            parts.append(CATALOG.field_name(name, part))
    return "/".join(parts)


def _fixture_fields(name: str) -> dict[str, str]:
    """Column -> the fixture field that fills it, as the schema doc shows it."""
    if name not in CATALOG.entities or CATALOG.entities[name].union:
        return {}
    entity = CATALOG.entities[name]
    shown: dict[str, str] = {"release_id": "(1: curated)"}
    if CATALOG.is_fact(name):
        shown["fact_id"] = "`sources`, `confidence`, `note`"
    if CATALOG.is_claim(name):
        nested = entity.alternatives is not None
        shown["alternative_of_id"] = (
            "(the claim of an item of `alternatives`)" if nested else ("(the row of its key)")
        )
        shown["alternative"] = "(its number in `alternatives`)" if nested else "`alternative`"
    for value in (*CATALOG.given(name), *CATALOG.fields(name)):
        for column in value.columns():
            shown[column] = _shown(name, value, column)
    link = CATALOG.link(name)
    if link is not None:
        holder, _ = CATALOG.parents[name]
        shown[link] = f"(the {holder.name.replace('_', ' ')} it is in)"
    for column, reason in entity.derived.items():
        shown[column] = f"({reason})"
    return shown


def _shown(name: str, value: Value, column: str) -> str:
    field = f"`{CATALOG.field_name(name, column)}`"
    if isinstance(value, End) and column == "end_status":
        return "`end_status` (default: from `end`)"
    if isinstance(value, Date):
        return f"{field} (its precision)" if column != value.target else f"{field} (date)"
    if isinstance(value, Percent):
        return f"{field} (percent × 100)"
    if isinstance(value, Checked):
        return f"{field} (in minor units of `currency`)"
    if isinstance(value, Ref):
        return f"{field} (a {CATALOG.word(CATALOG.references(name)[column])})"
    if value.default is not None:
        return f"{field} (default {value.default})"
    return field


def view_columns() -> dict[str, list[tuple[str, str]]]:
    """Columns of each view, read from a throwaway SQLite database migrated to head."""
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'schema.sqlite'}"
        migrations.upgrade(url)
        engine = make_engine(url)
        try:
            inspector = inspect(engine)
            return {
                name: [(column["name"], "") for column in inspector.get_columns(name)]
                for name in sorted(inspector.get_view_names())
            }
        finally:
            engine.dispose()


CLAIMS_SECTION = [
    "## Sources and claims",
    "",
    "Every fact the database holds is a *claim* made by one release: the curated fixtures "
    "(release 1, `curated`, each fact citing its own sources through `fact` and `citation`) or "
    "an imported data set (`release`: data set, version, publisher, citation, file name, "
    "SHA-256, coverage, import time; `release_count` and `release_finding` say what the import "
    "held and what it listed for review). Claim tables (`membership`, `term`, "
    "`dialogue_coordination`, `country_code`, `trade_figure`, `trade_reported_change`) carry:",
    "",
    "- `release_id`: who claims it. One join to `release` traces any imported row to its file.",
    "- `alternative_of_id` and `alternative`: a second claim inside one release about the same "
    "thing (two start dates for one term; 10 bn vs 11 bn for one figure). An alternative points "
    "at the claim it competes with and cites its own sources; the unique key is (key..., "
    "`release_id`, `alternative`), so a second claim is no longer refused as a duplicate.",
    "- `end_status` on interval tables: `ended` (the end date is the end), `ongoing` (no end), "
    "`censored` (known until the end date, the edge of the source; nothing said after it) and "
    "`unknown` (it ended, the day is not known).",
    "",
    "No-overlap rules (one holder of a single-seat post, one spell per member, bloc and role) "
    "hold within one release's own claims, never across releases: two sources may disagree, "
    "and both are kept. `coverage` says which blocs, actors and posts a release speaks about "
    "and when (`covered` false marks a gap such as COW IGO's -9): outside its coverage a "
    "release is silent, which is neither yes nor no.",
    "",
    "On PostgreSQL `trade_figure` is partitioned by release (LIST by `release_id`, one "
    "partition `trade_figure_release_<id>` per release): an import builds a new release's "
    "figures as a table of their own and attaches it, and readers never wait for it. Query "
    "`trade_figure`; the partitions hold its rows. PostgreSQL requires every unique key of a "
    "partitioned table to name `release_id`, so there the primary key is (`id`, "
    "`release_id`), `fact_id` is unique with `release_id` and `CHECK (fact_id IS NULL OR "
    "release_id = 1)` (only curated figures state a fact: imported ones cite their release), "
    "and an alternative refers to its claim by (`alternative_of_id`, `release_id`), which "
    "two triggers keep as a foreign key would (a foreign key from a partitioned table to "
    "itself would make every attach lock the table): it lives in its claim's release.",
    "",
    "The *preferred* claim about a thing is the claim of its own (not an alternative) from the "
    "release of lowest `precedence` that claims anything about it: curated 0, cow-states 10, "
    "gw-states 20, cow-igo 30, archigos 40, cow-trade 50. The research views (`v_membership`, "
    "`v_term`, `v_trade`, the panels) use preferred claims and name the release in `source`; "
    "`v_claim` lists every claim with `preferred` 0 or 1. Reports do the same and say which "
    "sources agree (`sources`) and which dispute it (`disputed`, `disputed_by`); "
    "`report disagreements` lists every place where two sources disagree beyond their "
    "precision.",
    "",
]


def _vocabularies(tables: list[Table]) -> list[str]:
    """Which vocabularies are tables (open) and which are CHECKs (closed), and why."""
    open_lines = []
    for vocabulary in OPEN_VOCABULARIES:
        name = vocabulary_table(vocabulary)
        uses = sorted(
            f"`{table.name}.{column.name}`"
            for table in tables
            for column in table.columns
            if any(fk.column.table.name == name for fk in column.foreign_keys)
        )
        terms = ", ".join(f"`{term.value}`" for term in vocabulary)
        open_lines.append(f"- `{name}` ({', '.join(uses)}): {terms}.")
    closed: dict[str, set[str]] = {}
    for table in tables:
        for constraint in table.constraints:
            name = str(constraint.name)
            if isinstance(constraint, CheckConstraint) and name.endswith("_vocabulary"):
                column = name.removeprefix(f"ck_{table.name}_").removesuffix("_vocabulary")
                column = "*_precision" if column.endswith("_precision") else column
                closed.setdefault(column, set()).add(table.name)
    checks = "; ".join(f"`{c}` ({', '.join(sorted(t))})" for c, t in sorted(closed.items()))
    return [
        "## Vocabularies",
        "",
        "An *open* vocabulary is one a source may extend: roles, kinds, statuses, capacities, "
        "end reasons. Each is a table of terms (`code`, the value rows store; `description`, "
        "what counts as it; `source_id`, the source of a term a fixture set added, NULL for "
        "the seeded terms), and the columns using it hold a foreign key to it, so a source's "
        "new term is a row (`vocabularies.yaml` in docs/fixtures.md), not a change of code. "
        "`meeting_kind` is one too, with its CAMEO and PLOVER codes. The migrations seed "
        "these terms:",
        "",
        *open_lines,
        "",
        "A *closed* vocabulary stays a CHECK constraint: the code's logic depends on each of "
        "its values (an end status decides whether an interval has an end, a precision how a "
        "date is read, a trade flow or series which figures are summed, a value status "
        "whether a number exists, a list status whether a list is whole), and no source adds "
        "to it: a new value would need new code anyway. By column: " + checks + ".",
        "",
    ]


def render_schema() -> str:
    """The whole of docs/schema.md."""
    tables = sorted(Base.metadata.tables.values(), key=lambda table: table.name)
    lines = [
        "# Schema",
        "",
        "<!-- Generated by `bilateral-db docs schema` from the models' comments, the fixture"
        " descriptions and the views of the migrations. Do not edit by hand; tests/test_docs.py"
        " fails when it is stale. -->",
        "",
        "Dates are calendar dates with a `*_precision` column (day, month, year): the date is the "
        "first day of its period. Intervals are closed; a NULL end is ongoing. Money is integer "
        "minor units of its currency (`currency.minor_unit`). Every fact row has a `fact_id`, "
        "through which `citation` names its sources.",
        "",
        "For each table the fixtures write, a line says where (docs/fixtures.md describes the "
        "files) and the column *fixture field* names the field that fills each column: a "
        "reference names a record by its code or slug, a date keeps its precision in the "
        "`*_precision` column beside it.",
        "",
        *CLAIMS_SECTION,
        *_vocabularies(tables),
        "## Entity–relationship diagram",
        "",
        *_mermaid(tables),
        "",
        "## Tables",
        "",
    ]
    for table in tables:
        lines += [f"### {table.name}", "", table.comment or "", ""]
        where = _written(table.name)
        if where:
            lines += [where, ""]
        fields = _fixture_fields(table.name)
        lines += [
            "| column | type | null | keys | fixture field | meaning |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for column in table.columns:
            comment = (column.comment or "").replace("|", "\\|")
            lines.append(
                f"| `{column.name}` | {_type(column)} | {'yes' if column.nullable else 'no'} "
                f"| {_keys(column)} | {fields.get(column.name, '')} | {comment} |"
            )
        lines.append("")
    lines += [
        "## Views",
        "",
        "Created by migration 0002 on both backends with the same meaning; see "
        "`docs/sql-cookbook.md` for questions answered with them.",
        "",
    ]
    for name, columns in view_columns().items():
        lines += [f"### {name}", "", VIEW_DESCRIPTIONS.get(name, ""), ""]
        lines.append("Columns: " + ", ".join(f"`{column}`" for column, _ in columns) + ".")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def default_path() -> Path:
    return Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def main() -> None:
    default_path().write_text(render_schema(), encoding="utf-8")


if __name__ == "__main__":
    main()
