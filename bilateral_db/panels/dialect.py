"""The few SQL fragments the panels' builder writes differently on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Select, Table, literal_column, select

from bilateral_db.preference import SCOPES, preferred


@dataclass(frozen=True)
class Dialect:
    name: str  # sqlite or postgresql
    connection: Connection

    @property
    def sqlite(self) -> bool:
        return self.name == "sqlite"

    def year(self, day: str) -> str:
        if self.sqlite:
            return f"CAST(strftime('%Y', {day}) AS INTEGER)"
        return f"CAST(EXTRACT(YEAR FROM {day}) AS INTEGER)"

    def stop(self, end: str, precision: str) -> str:
        """The first day after a dated end at its precision (NULL stays NULL: open)."""
        steps = (("year", "1 year"), ("month", "1 month"))
        if self.sqlite:
            cases = " ".join(f"WHEN '{p}' THEN date({end}, '+{s}')" for p, s in steps)
            return f"CASE {precision} {cases} ELSE date({end}, '+1 day') END"
        cases = " ".join(f"WHEN '{p}' THEN CAST({end} + INTERVAL '{s}' AS DATE)" for p, s in steps)
        return f"CASE {precision} {cases} ELSE CAST({end} + INTERVAL '1 day' AS DATE) END"

    def greatest(self, a: str, b: str) -> str:
        return f"MAX({a}, {b})" if self.sqlite else f"GREATEST({a}, {b})"

    def least(self, a: str, b: str) -> str:
        return f"MIN({a}, {b})" if self.sqlite else f"LEAST({a}, {b})"

    @property
    def far(self) -> str:
        """A day after every real one, for open ends in comparisons."""
        return "'9999-12-31'" if self.sqlite else "DATE '9999-12-31'"

    def temp_table(self, name: str, query: str) -> None:
        """A table of the transaction's own, gone at its end (and dropped before if there)."""
        self.drop_temp(name)
        if self.sqlite:
            self.connection.exec_driver_sql(f"CREATE TEMP TABLE {name} AS {query}")
        else:
            self.connection.exec_driver_sql(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS {query}")
            self.connection.exec_driver_sql(f"ANALYZE {name}")

    def drop_temp(self, name: str) -> None:
        prefix = "temp." if self.sqlite else ""
        self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS {prefix}{name}")

    def preferred(self, table: Table, claim: str) -> str:
        """SQL text: the row `claim` (`table` or an alias of that name) is a preferred claim,
        by the one rule (preference.py), compiled for this backend."""
        row = table if claim == table.name else table.alias(claim)
        rule = preferred(table, SCOPES[table.name], row)
        query: Select[tuple[int]] = select(literal_column("1")).select_from(row).where(rule)
        compiled = str(
            query.compile(dialect=self.connection.dialect, compile_kwargs={"literal_binds": True})
        )
        return compiled.split("WHERE", 1)[1]
