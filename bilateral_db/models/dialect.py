"""SQL fragments that differ between SQLite and PostgreSQL, for the views migrations create.

Migrations write their views as SQL text (views are not modelled); only date arithmetic and
formatting differ by backend, and this class holds those pieces once.
"""

from __future__ import annotations


class Dialect:
    """The few SQL fragments that differ between SQLite and PostgreSQL."""

    def __init__(self, name: str) -> None:
        self.postgresql = name == "postgresql"

    def end_exclusive(self, value: str, precision: str) -> str:
        if self.postgresql:
            return (
                f"CAST({value} + CASE {precision} WHEN 'year' THEN INTERVAL '1 year' "
                f"WHEN 'month' THEN INTERVAL '1 month' ELSE INTERVAL '1 day' END AS DATE)"
            )
        return (
            f"CASE {precision} WHEN 'year' THEN date({value}, '+1 year') "
            f"WHEN 'month' THEN date({value}, '+1 month') ELSE date({value}, '+1 day') END"
        )

    def label(self, value: str, precision: str) -> str:
        """The date as sources write it: 2019, 2019-09 or 2019-09-01."""
        if self.postgresql:
            return (
                f"CASE {precision} WHEN 'year' THEN to_char({value}, 'YYYY') "
                f"WHEN 'month' THEN to_char({value}, 'YYYY-MM') "
                f"ELSE to_char({value}, 'YYYY-MM-DD') END"
            )
        return (
            f"CASE {precision} WHEN 'year' THEN strftime('%Y', {value}) "
            f"WHEN 'month' THEN strftime('%Y-%m', {value}) ELSE strftime('%Y-%m-%d', {value}) END"
        )

    def year(self, value: str) -> str:
        if self.postgresql:
            return f"CAST(EXTRACT(YEAR FROM {value}) AS INTEGER)"
        return f"CAST(strftime('%Y', {value}) AS INTEGER)"

    def month(self, value: str) -> str:
        if self.postgresql:
            return f"CAST(EXTRACT(MONTH FROM {value}) AS INTEGER)"
        return f"CAST(strftime('%m', {value}) AS INTEGER)"

    def december_31(self, year: str) -> str:
        if self.postgresql:
            return f"make_date({year}, 12, 31)"
        return f"printf('%04d-12-31', {year})"

    def this_year(self) -> str:
        if self.postgresql:
            return "CAST(EXTRACT(YEAR FROM CURRENT_DATE) AS INTEGER)"
        return "CAST(strftime('%Y', 'now') AS INTEGER)"

    def percent_change(self, value: str, previous: str) -> str:
        # NUMERIC on PostgreSQL (exact), REAL on SQLite; both rounded to hundredths.
        if self.postgresql:
            return f"ROUND(({value} - {previous}) * 100.0 / {previous}, 2)"
        return f"ROUND(({value} - {previous}) * 100.0 / {previous}, 2)"

    def covers(self, alias: str, day: str) -> str:
        """The point-in-time rule on an aliased interval (start_date, end_date, precision)."""
        end = self.end_exclusive(f"{alias}.end_date", f"{alias}.end_date_precision")
        return (
            f"({alias}.start_date IS NOT NULL AND {alias}.start_date <= {day} "
            f"AND ({alias}.end_date IS NULL OR {day} < {end}))"
        )

    def code_covers(self, alias: str, day: str) -> str:
        """Crosswalk codes: an unknown start means since the country's start."""
        end = self.end_exclusive(f"{alias}.end_date", f"{alias}.end_date_precision")
        return (
            f"(({alias}.start_date IS NULL OR {alias}.start_date <= {day}) "
            f"AND ({alias}.end_date IS NULL OR {day} < {end}))"
        )

    def jan_1(self, year: str) -> str:
        if self.postgresql:
            return f"make_date({year}, 1, 1)"
        return f"printf('%04d-01-01', {year})"

    def least_date(self, a: str, b: str) -> str:
        """The earlier of two dates (b may be NULL: then a)."""
        if self.postgresql:
            return f"LEAST({a}, COALESCE({b}, {a}))"
        return f"MIN({a}, COALESCE({b}, {a}))"

    def greatest_date(self, a: str, b: str) -> str:
        """The later of two dates (b may be NULL: then a)."""
        if self.postgresql:
            return f"GREATEST({a}, COALESCE({b}, {a}))"
        return f"MAX({a}, COALESCE({b}, {a}))"
