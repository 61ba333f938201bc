"""The declarative base and the column and constraint builders every model shares."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bilateral_db.models.vocabulary import DatePrecision

# Constraint names identical on SQLite and PostgreSQL, so migrations can name what they alter.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

VOCABULARY_LENGTH = 40


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def id_column() -> Mapped[int]:
    return mapped_column(
        Integer, primary_key=True, comment="Surrogate key; stable only within one database."
    )


def vocabulary_column(comment: str, *, nullable: bool = False) -> Mapped[str]:
    return mapped_column(String(VOCABULARY_LENGTH), nullable=nullable, comment=comment)


def vocabulary_check(column: str, vocabulary: Iterable[str]) -> CheckConstraint:
    """CHECK that `column` holds one of the vocabulary's values (NULL passes, as in SQL)."""
    values = ", ".join(f"'{value}'" for value in vocabulary)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_vocabulary")


def date_column(comment: str, *, nullable: bool = True) -> Mapped[date | None]:
    return mapped_column(Date, nullable=nullable, comment=comment)


def precision_column(date_name: str) -> Mapped[str | None]:
    return mapped_column(
        String(5),
        nullable=True,
        comment=f"Precision of {date_name}: day, month or year (the date is the period's first day).",
    )


def dated_checks(*date_names: str) -> list[CheckConstraint]:
    """A date and its precision are present together, and the precision is a known one."""
    checks: list[CheckConstraint] = []
    for name in date_names:
        precision = f"{name}_precision"
        checks.append(
            CheckConstraint(
                f"({name} IS NULL AND {precision} IS NULL) "
                f"OR ({name} IS NOT NULL AND {precision} IS NOT NULL)",
                name=f"{precision}_present",
            )
        )
        checks.append(vocabulary_check(precision, DatePrecision))
    return checks


def interval_checks(start: str = "start_date", end: str = "end_date") -> list[CheckConstraint]:
    """Closed interval [start, end]: both dated, end not before start."""
    ordered = CheckConstraint(
        f"{end} IS NULL OR {start} IS NULL OR {end} >= {start}", name=f"{end}_not_before_{start}"
    )
    return [*dated_checks(start, end), ordered]


def fact_column() -> Mapped[int]:
    """The row's entry in `fact`, through which it is cited. Deleting the fact deletes the row."""
    return mapped_column(
        ForeignKey("fact.id", ondelete="CASCADE"),
        unique=True,
        nullable=False,
        comment="The fact this row states; its sources are in citation.",
    )
