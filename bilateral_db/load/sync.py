"""Make the database's rows equal to a fixture set, table by table, inside one transaction.

Each table's rows are read once; rows are matched by natural key, compared in memory, and
written in bulk: inserted when new, updated when different, left alone when equal. Rows only
in the database are reported, and deleted when pruning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from bilateral_db.fixtures import (
    ENTITY_ORDER,
    KEY_COLUMNS,
    REFERENCES,
    FixtureRecord,
    FixtureSet,
    Key,
)
from bilateral_db.fixtures.keys import make_key, make_label
from bilateral_db.load.adopt import adopt_imported
from bilateral_db.load.errors import LoadError
from bilateral_db.load.result import EntityChanges, LoadResult
from bilateral_db.load.tables import (
    CITATION,
    DETACHABLE,
    FACT,
    IDENTITY,
    INSERT_ONLY,
    SELF_REFERENCE,
    TABLES,
    TERM_TABLES,
    TERM_USES,
    curated_rows,
    has_serial_id,
    is_fact,
)

Progress = Callable[[str, int, int], None]
Row = dict[str, Any]
CitationSet = frozenset[tuple[int, str | None]]

BATCH = 5000  # rows per statement batch, and per progress report


class Synchronizer:
    """One load: reads what is there, then inserts, updates and (when pruning) deletes."""

    def __init__(
        self,
        connection: Connection,
        fixture_set: FixtureSet,
        *,
        prune: bool,
        progress: Progress | None,
    ) -> None:
        self.conn = connection
        self.set = fixture_set
        self.prune = prune
        self.progress = progress
        self.result = LoadResult({entity: EntityChanges() for entity in ENTITY_ORDER}, pruned=prune)
        # natural key <-> identity (id, code, or a tuple for composite keys), per table
        self.ids: dict[str, dict[Key, Any]] = {entity: {} for entity in ENTITY_ORDER}
        self.keys: dict[str, dict[Any, Key]] = {entity: {} for entity in ENTITY_ORDER}
        self.labels: dict[str, dict[Any, str]] = {entity: {} for entity in ENTITY_ORDER}
        self.existing: dict[str, dict[Key, Row]] = {entity: {} for entity in ENTITY_ORDER}
        self.facts: dict[int, tuple[str, str | None]] = {}
        self.citations: dict[int, set[tuple[int, str | None]]] = defaultdict(set)
        self.done = 0
        self.total = len(fixture_set)

    def run(self) -> LoadResult:
        adopt_imported(self.conn, self.set)
        self._read()
        missing = self._missing()
        terms = self._read_terms()
        deferred: set[tuple[str, Any]] = set()
        if self.prune:
            deferred = self._deferred(missing)
            self._detach(missing)
            self._delete(missing, skip=deferred, terms=terms)
        for entity in ENTITY_ORDER:
            self._sync(entity)
            if entity == "source":  # terms cite sources; records use terms
                self._sync_terms(terms)
        if self.prune:
            self._delete(missing, only=deferred)
        return self.result

    # --- terms of open vocabularies ------------------------------------------------------

    def _read_terms(self) -> dict[str, dict[str, tuple[str, int | None]]]:
        """The terms fixtures added before (source_id set), {table: {code: (description,
        source_id)}}; those the set no longer adds are reported missing."""
        found: dict[str, dict[str, tuple[str, int | None]]] = {}
        for name, table in TERM_TABLES.items():
            rows = self.conn.execute(
                select(table.c.code, table.c.description, table.c.source_id).where(
                    table.c.source_id.is_not(None)
                )
            )
            found[name] = {code: (description, source) for code, description, source in rows}
            gone = sorted(set(found[name]) - set(self.set.terms.get(name, {})))
            if gone:
                self.result.entities.setdefault(name, EntityChanges()).missing = gone
        return found

    def _sync_terms(self, existing: dict[str, dict[str, tuple[str, int | None]]]) -> None:
        """Insert the set's new terms and update changed ones (each citing its first source)."""
        for name, terms in self.set.terms.items():
            table = TERM_TABLES[name]
            changes = self.result.entities.setdefault(name, EntityChanges())
            rows = [
                {
                    "_code": term.code,
                    "code": term.code,
                    "description": term.description,
                    "source_id": self.ids["source"][(term.sources[0],)],
                }
                for term in terms.values()
            ]
            new = [row for row in rows if row["code"] not in existing[name]]
            changed = [
                row
                for row in rows
                if row["code"] in existing[name]
                and existing[name][row["code"]] != (row["description"], row["source_id"])
            ]
            if new:
                self.conn.execute(
                    insert(table), [{k: v for k, v in row.items() if k != "_code"} for row in new]
                )
            if changed:
                self.conn.execute(
                    update(table)
                    .where(table.c.code == bindparam("_code"))
                    .values(description=bindparam("description"), source_id=bindparam("source_id")),
                    [{k: v for k, v in row.items() if k != "code"} for row in changed],
                )
            changes.inserted, changes.updated = len(new), len(changed)
            changes.unchanged = len(rows) - len(new) - len(changed)

    def _prune_terms(self, existing: dict[str, dict[str, tuple[str, int | None]]]) -> None:
        """Delete the terms fixtures added that the set no longer adds, unless rows use them."""
        for name, table in TERM_TABLES.items():
            gone = sorted(set(existing[name]) - set(self.set.terms.get(name, {})))
            if not gone:
                continue
            for using, column in TERM_USES[name]:
                used = self.conn.execute(
                    select(column, func.count())
                    .where(column.in_(gone))
                    .group_by(column)
                    .order_by(column)
                ).all()
                if used:
                    uses = ", ".join(f"{code!r} by {count}" for code, count in used)
                    raise LoadError(
                        f"cannot remove terms of {name} that no vocabularies.yaml adds any more: "
                        f"rows of {using} still use them ({uses}); keep the terms in "
                        f"vocabularies.yaml (under {name}) or change those rows first"
                    )
            self.conn.execute(delete(table).where(table.c.code.in_(gone)))
            self.result.entities.setdefault(name, EntityChanges()).removed = len(gone)

    # --- reading -------------------------------------------------------------------------

    def _read(self) -> None:
        for row in self.conn.execute(select(FACT.c.id, FACT.c.confidence, FACT.c.note)):
            self.facts[row.id] = (row.confidence, row.note)
        for row in self.conn.execute(
            select(CITATION.c.fact_id, CITATION.c.source_id, CITATION.c.locator)
        ):
            self.citations[row.fact_id].add((row.source_id, row.locator))
        for entity in ENTITY_ORDER:
            for mapping in self.conn.execute(curated_rows(entity)).mappings():
                self._remember(entity, dict(mapping))
            self._report(entity)

    def _remember(self, entity: str, row: Row) -> None:
        """Index an existing row by the natural key its references resolve to."""
        resolved = dict(row)
        ref_labels: dict[str, str | None] = {}
        for column, target in REFERENCES[entity].items():
            if column not in KEY_COLUMNS[entity]:
                continue
            value = row[column]
            resolved[column] = None if value is None else self.keys[target].get(value)
            ref_labels[column] = None if value is None else self.labels[target].get(value)
        key = make_key(entity, resolved)
        ident = self._ident(entity, row)
        self.existing[entity][key] = row
        self.ids[entity][key] = ident
        self.keys[entity][ident] = key
        self.labels[entity][ident] = make_label(entity, row, ref_labels)

    @staticmethod
    def _ident(entity: str, row: Row) -> Any:
        columns = IDENTITY[entity]
        return row[columns[0]] if len(columns) == 1 else tuple(row[c] for c in columns)

    def _missing(self) -> dict[str, list[Key]]:
        missing: dict[str, list[Key]] = {}
        for entity in ENTITY_ORDER:
            wanted = self.set.records[entity]
            keys = [key for key in self.existing[entity] if key not in wanted]
            missing[entity] = keys
            labels = self.labels[entity]
            self.result.entities[entity].missing = sorted(
                labels[self.ids[entity][key]] for key in keys
            )
        return missing

    # --- pruning -------------------------------------------------------------------------

    def _gone(self, missing: dict[str, list[Key]]) -> set[tuple[str, Any]]:
        return {(e, self.ids[e][k]) for e, keys in missing.items() for k in keys}

    def _detach(self, missing: dict[str, list[Key]]) -> None:
        """Kept rows let go of rows about to be deleted, where the reference may be NULL."""
        gone = self._gone(missing)
        for entity, columns in DETACHABLE.items():
            table = TABLES[entity]
            for column in sorted(columns):
                target = REFERENCES[entity][column]
                rows = [
                    row
                    for key, row in self.existing[entity].items()
                    if key in self.set.records[entity] and (target, row[column]) in gone
                ]
                if not rows:
                    continue
                self.conn.execute(
                    update(table).where(table.c.id == bindparam("_id")).values({column: None}),
                    [{"_id": row["id"]} for row in rows],
                )
                for row in rows:
                    row[column] = None

    def _deferred(self, missing: dict[str, list[Key]]) -> set[tuple[str, Any]]:
        """Missing rows kept rows cannot let go of yet: deleted after those rows are updated."""
        gone = self._gone(missing)
        rows_by_ident = {
            (entity, self._ident(entity, row)): (entity, row)
            for entity in ENTITY_ORDER
            for row in self.existing[entity].values()
        }
        deferred: set[tuple[str, Any]] = set()
        pending = [
            item for item in rows_by_ident.values() if (item[0], self._ident(*item)) not in gone
        ]
        kept = {id(row) for _, row in pending}
        while pending:
            entity, row = pending.pop()
            for column, target in REFERENCES[entity].items():
                if id(row) in kept and column in DETACHABLE.get(entity, ()):
                    continue
                value = row.get(column)
                if value is None or (target, value) not in gone or (target, value) in deferred:
                    continue
                deferred.add((target, value))
                pending.append(rows_by_ident[(target, value)])
        return deferred

    def _delete(
        self,
        missing: dict[str, list[Key]],
        *,
        skip: set[tuple[str, Any]] | None = None,
        only: set[tuple[str, Any]] | None = None,
        terms: dict[str, dict[str, tuple[str, int | None]]] | None = None,
    ) -> None:
        for entity in reversed(ENTITY_ORDER):
            if entity == "source" and terms is not None:
                # After the rows that used them, before the sources they cite.
                self._prune_terms(terms)
            idents = [self.ids[entity][key] for key in missing[entity]]
            if skip is not None:
                idents = [i for i in idents if (entity, i) not in skip]
            if only is not None:
                idents = [i for i in idents if (entity, i) in only]
            if not idents:
                continue
            try:
                with self.conn.begin_nested():
                    for generation in self._children_first(entity, idents):
                        self._delete_rows(entity, generation)
            except DBAPIError as error:
                raise LoadError(
                    f"could not remove {entity} rows that are no longer in the files: "
                    f"{_database_message(error)}"
                ) from error
            self.result.entities[entity].removed = len(idents)

    def _children_first(self, entity: str, idents: list[Any]) -> list[list[Any]]:
        """Rows to delete grouped so that a row goes before the rows of its table it refers to."""
        columns = SELF_REFERENCE.get(entity, ())
        rows = {i: self.existing[entity][self.keys[entity][i]] for i in idents}
        parents = {i: [row[c] for c in columns] for i, row in rows.items()}
        return list(reversed(_by_depth(idents, parents)))

    def _delete_rows(self, entity: str, idents: list[Any]) -> None:
        table = TABLES[entity]
        columns = IDENTITY[entity]
        where = [table.c[c] == bindparam(f"_{c}") for c in columns]
        params = [
            {f"_{c}": value for c, value in zip(columns, _as_tuple(i), strict=True)} for i in idents
        ]
        if entity == "source":
            # The files no longer name the source, so no fact of theirs cites it: the facts
            # still citing it here get their citations rewritten by this load.
            self.conn.execute(
                delete(CITATION).where(CITATION.c.source_id == bindparam("_id")), params
            )
        self.conn.execute(delete(table).where(*where), params)
        if is_fact(entity):
            rows = self.existing[entity]
            fact_ids = [rows[self.keys[entity][i]]["fact_id"] for i in idents]
            facts = [{"_fact": fact_id} for fact_id in fact_ids if fact_id is not None]
            if not facts:
                return
            self.conn.execute(
                delete(CITATION).where(CITATION.c.fact_id == bindparam("_fact")), facts
            )
            self.conn.execute(delete(FACT).where(FACT.c.id == bindparam("_fact")), facts)

    # --- inserting and updating ----------------------------------------------------------

    def _sync(self, entity: str) -> None:
        records = list(self.set.records[entity].values())
        for generation in _generations(entity, records):
            for start in range(0, len(generation), BATCH):
                batch = generation[start : start + BATCH]
                self._sync_batch(entity, batch)
                self.done += len(batch)
                self._report(entity)

    def _sync_batch(self, entity: str, records: Sequence[FixtureRecord]) -> None:
        changes = self.result.entities[entity]
        inserts: list[tuple[FixtureRecord, Row]] = []
        updates: list[tuple[FixtureRecord, Row, bool, bool]] = []
        fixed = INSERT_ONLY.get(entity, frozenset())
        for record in records:
            desired = self._desired(entity, record)
            row = self.existing[entity].get(record.key)
            if row is None:
                inserts.append((record, desired))
                continue
            row_changed = any(row[c] != v for c, v in desired.items() if c not in fixed)
            fact_changed = is_fact(entity) and self._fact_changed(row["fact_id"], record)
            if row_changed or fact_changed:
                updates.append((record, desired, row_changed, fact_changed))
                changes.updated_keys.append(record.label)
            else:
                changes.unchanged += 1
        if updates:
            self._guarded(entity, updates, self._update)
            changes.updated += len(updates)
        if inserts:
            self._guarded(entity, inserts, self._insert)
            changes.inserted += len(inserts)

    def _desired(self, entity: str, record: FixtureRecord) -> Row:
        """The row's column values, references turned into identities."""
        row = dict(record.values)
        for column, target in REFERENCES[entity].items():
            key = record.refs.get(column)
            row[column] = None if key is None else self.ids[target][key]
        return row

    def _wanted_citations(self, record: FixtureRecord) -> CitationSet:
        assert record.citations is not None
        sources = self.ids["source"]
        return frozenset((sources[(slug,)], locator) for slug, locator in record.citations.sources)

    def _fact_changed(self, fact_id: int, record: FixtureRecord) -> bool:
        assert record.citations is not None
        wanted = (record.citations.confidence, record.citations.note)
        return self.facts.get(fact_id) != wanted or self.citations.get(
            fact_id, set()
        ) != self._wanted_citations(record)

    def _update(
        self, entity: str, updates: Sequence[tuple[FixtureRecord, Row, bool, bool]]
    ) -> None:
        table = TABLES[entity]
        fixed = INSERT_ONLY.get(entity, frozenset())
        identity = IDENTITY[entity]
        rows = [
            {
                **{c: v for c, v in desired.items() if c not in fixed and c not in identity},
                **{f"_{c}": self.existing[entity][record.key][c] for c in identity},
            }
            for record, desired, row_changed, _ in updates
            if row_changed
        ]
        if rows:
            where = [table.c[c] == bindparam(f"_{c}") for c in identity]
            self.conn.execute(update(table).where(*where), rows)
        # Records of fact tables always carry citations (the validator refuses them otherwise),
        # which the type of FixtureRecord.citations cannot say: hence the ignores below.
        changed = [record for record, _, _, fact_changed in updates if fact_changed]
        unfounded = [r for r in changed if self.existing[entity][r.key]["fact_id"] is None]
        if unfounded:
            self._found_facts(entity, unfounded)
        founded = {id(record) for record in unfounded}
        facts = [
            (self.existing[entity][record.key]["fact_id"], record)
            for record in changed
            if id(record) not in founded
        ]
        if facts:
            self.conn.execute(
                update(FACT).where(FACT.c.id == bindparam("_id")),
                [
                    {"_id": fact_id, "confidence": r.citations.confidence, "note": r.citations.note}  # type: ignore[union-attr]
                    for fact_id, r in facts
                ],
            )
            self.conn.execute(
                delete(CITATION).where(CITATION.c.fact_id == bindparam("_id")),
                [{"_id": fact_id} for fact_id, _ in facts],
            )
            self._insert_citations([(fact_id, record) for fact_id, record in facts])

    def _new_facts(self, entity: str, records: Sequence[FixtureRecord]) -> list[int]:
        """Fact rows for `records` (confidence and note; citations come after), in order."""
        return list(
            self.conn.execute(
                insert(FACT).returning(FACT.c.id, sort_by_parameter_order=True),
                [
                    {
                        "entity": entity,
                        "confidence": record.citations.confidence,  # type: ignore[union-attr]
                        "note": record.citations.note,  # type: ignore[union-attr]
                    }
                    for record in records
                ],
            ).scalars()
        )

    def _found_facts(self, entity: str, records: Sequence[FixtureRecord]) -> None:
        """Give facts to rows that had none: an import's rows the fixtures adopted."""
        table = TABLES[entity]
        fact_ids = self._new_facts(entity, records)
        rows = [self.existing[entity][record.key] for record in records]
        self.conn.execute(
            update(table).where(table.c.id == bindparam("_id")),
            [{"_id": row["id"], "fact_id": f} for row, f in zip(rows, fact_ids, strict=True)],
        )
        for row, fact_id in zip(rows, fact_ids, strict=True):
            row["fact_id"] = fact_id
        self._insert_citations(list(zip(fact_ids, records, strict=True)))

    def _insert(self, entity: str, inserts: Sequence[tuple[FixtureRecord, Row]]) -> None:
        table = TABLES[entity]
        rows = [desired for _, desired in inserts]
        fact_ids: list[int] = []
        if is_fact(entity):
            fact_ids = self._new_facts(entity, [record for record, _ in inserts])
            rows = [
                {**row, "fact_id": fact_id} for row, fact_id in zip(rows, fact_ids, strict=True)
            ]
        if has_serial_id(entity):
            idents: list[Any] = list(
                self.conn.execute(
                    insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
                ).scalars()
            )
        else:
            self.conn.execute(insert(table), rows)
            idents = [self._ident(entity, row) for row in rows]
        for (record, _), ident in zip(inserts, idents, strict=True):
            self.ids[entity][record.key] = ident
            self.keys[entity][ident] = record.key
            self.labels[entity][ident] = record.label
        if fact_ids:
            self._insert_citations(
                [(f, record) for f, (record, _) in zip(fact_ids, inserts, strict=True)]
            )

    def _insert_citations(self, facts: Iterable[tuple[int, FixtureRecord]]) -> None:
        rows = [
            {"fact_id": fact_id, "source_id": source_id, "locator": locator}
            for fact_id, record in facts
            for source_id, locator in sorted(self._wanted_citations(record), key=_citation_order)
        ]
        if rows:
            self.conn.execute(insert(CITATION), rows)

    # --- errors and progress -------------------------------------------------------------

    def _guarded(
        self, entity: str, items: Sequence[Any], action: Callable[[str, Sequence[Any]], None]
    ) -> None:
        """Run a batch in a savepoint; if the database refuses it, find and name the record."""
        try:
            with self.conn.begin_nested():
                action(entity, items)
            return
        except DBAPIError as error:
            batch_error = error
        for item in items:
            savepoint = self.conn.begin_nested()
            try:
                action(entity, [item])
            except DBAPIError as error:
                savepoint.rollback()
                raise LoadError(self._explain(entity, item[0], error)) from error
            savepoint.rollback()
        raise LoadError(
            f"the database refused the {entity} rows: {_database_message(batch_error)}"
        ) from batch_error

    def _explain(self, entity: str, record: FixtureRecord, error: DBAPIError) -> str:
        message = f"{record.origin}: {record.label}: the database refused this {entity} row: "
        message += _database_message(error)
        if self.result.entities[entity].missing and not self.prune:
            message += (
                f" (the database also holds {entity} rows that are no longer in the files;"
                " they may conflict: load with --prune to remove them)"
            )
        return message

    def _report(self, entity: str) -> None:
        if self.progress is not None:
            self.progress(entity, self.done, self.total)


def _generations(entity: str, records: list[FixtureRecord]) -> list[list[FixtureRecord]]:
    """Records grouped so that every parent comes in an earlier group than its children."""
    columns = SELF_REFERENCE.get(entity, ())
    if not columns:
        return [records] if records else []
    parents = {record.key: [record.refs.get(c) for c in columns] for record in records}
    by_key = {record.key: record for record in records}
    return [[by_key[key] for key in group] for group in _by_depth(list(by_key), parents)]


def _by_depth(items: list[Any], parents: Mapping[Any, list[Any]]) -> list[list[Any]]:
    """`items` grouped by depth below the items they name as parents (through any of a
    table's self-references): roots first. Parents outside `items` do not count."""
    depth: dict[Any, int] = {}

    def depth_of(item: Any) -> int:
        if item not in depth:
            above = [depth_of(p) + 1 for p in parents[item] if p in parents and p != item]
            depth[item] = max(above, default=0)
        return depth[item]

    groups: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        groups[depth_of(item)].append(item)
    return [groups[level] for level in sorted(groups)]


def _as_tuple(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def _citation_order(item: tuple[int, str | None]) -> tuple[int, str]:
    return item[0], item[1] or ""


def _database_message(error: DBAPIError) -> str:
    original = error.orig if error.orig is not None else error
    text = str(original).strip().splitlines()
    return text[0] if text else error.__class__.__name__
