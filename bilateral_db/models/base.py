"""The declarative base and the column and constraint builders every model shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.sql.elements import conv

from bilateral_db.core.curated import CURATED_RELEASE_ID
from bilateral_db.core.vocabulary import DatePrecision, EndStatus, Term, vocabulary_table

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
    """CHECK that `column` holds one of a closed vocabulary's values (NULL passes, as in SQL)."""
    values = ", ".join(f"'{value}'" for value in vocabulary)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_vocabulary")


class VocabularyTerm:
    """The columns of every open vocabulary's table: a term, what counts as it, and the
    source that brought it (a fixture's term; the seeded terms have none)."""

    # Negative sort orders put these first, before a vocabulary's columns of its own.
    code: Mapped[str] = mapped_column(
        String(VOCABULARY_LENGTH),
        primary_key=True,
        sort_order=-3,
        comment="The term, as rows store it.",
    )
    description: Mapped[str] = mapped_column(
        Text, sort_order=-2, comment="What counts as this term."
    )

    @declared_attr
    def source_id(cls) -> Mapped[int | None]:
        return mapped_column(
            ForeignKey("source.id"),
            sort_order=-1,
            comment="The first source a fixture set cites for a term it adds; NULL for the "
            "terms the migrations seed.",
        )


def vocabulary_model(vocabulary: type[Term], module: str, **columns: Any) -> type[Base]:
    """The model of an open vocabulary's table, its comment the vocabulary's docstring, with
    any `columns` of its own (bilateral_db.models.vocabularies declares them all)."""
    return type(
        f"{vocabulary.__name__}Term",
        (VocabularyTerm, Base),
        {
            "__tablename__": vocabulary_table(vocabulary),
            "__table_args__": {"comment": " ".join(f"{vocabulary.__doc__}".split())},
            "__module__": module,
            **columns,
        },
    )


def vocabulary_reference(vocabulary: type[Term], comment: str, **column: Any) -> Any:
    """A column holding a term of an open vocabulary: a foreign key to its table (`column`:
    mapped_column's other arguments, e.g. nullable, server_default)."""
    return mapped_column(
        ForeignKey(f"{vocabulary_table(vocabulary)}.code"), comment=comment, **column
    )


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


def end_status_column() -> Mapped[str]:
    return mapped_column(
        String(10),
        default=lambda context: (
            EndStatus.ENDED
            if context.get_current_parameters().get("end_date") is not None
            else EndStatus.ONGOING
        ),
        comment="ended, ongoing, censored (end_date is where the source stopped looking: "
        "unknown after it) or unknown (ended on a day the source does not give).",
    )


def end_status_checks(end: str = "end_date") -> list[CheckConstraint]:
    """end_status is known, and an end date is given exactly when the status has one."""
    return [
        vocabulary_check("end_status", EndStatus),
        CheckConstraint(
            f"(end_status IN ('ended', 'censored')) = ({end} IS NOT NULL)",
            name="end_status_matches_end",
        ),
    ]


# Table.info key: how the table is partitioned on PostgreSQL (a PartitionedByRelease).
POSTGRESQL_PARTITIONS = "postgresql_partitions"


@dataclass(frozen=True)
class PartitionedByRelease:
    """On PostgreSQL the table is partitioned by release (LIST by release_id, a partition per
    release), so that an import can build a release's rows as a table of its own and attach
    it. PostgreSQL requires every unique key of such a table to name release_id: the primary
    key is (id, release_id), and the keys named in `widened`, stated by the models without
    it, end with it there. A reference to the table itself names the release on both sides
    and is kept by triggers, not a foreign key (which would make every attach lock the whole
    table). The models-versus-migrations comparison reads this to expect them."""

    widened: tuple[str, ...]


def release_column(comment: str) -> Mapped[int]:
    """Who wrote the row: the curated fixtures (release 1) or an imported data-set release."""
    return mapped_column(
        ForeignKey("release.id"),
        index=True,
        server_default=text(str(CURATED_RELEASE_ID)),
        comment=comment,
    )


class Claim:
    """Columns of a row that one source claims: which release, and whether an alternative.

    Several sources may claim different things about the same membership, term or figure:
    each claim is its own row. Rows of one release obey the table's rules (unique keys, no
    overlap); an alternative row records, beside a curated claim, what another source says
    instead, and is compared with that claim rather than checked against the others.
    """

    @declared_attr
    def release_id(cls) -> Mapped[int]:
        return mapped_column(
            ForeignKey("release.id", ondelete="CASCADE"),
            server_default=text(str(CURATED_RELEASE_ID)),
            comment="The release that claims this row: 1 is the curated fixtures, others are "
            "imported data sets (release.slug).",
        )

    @declared_attr
    def alternative_of_id(cls) -> Mapped[int | None]:
        return mapped_column(
            ForeignKey(f"{cls.__tablename__}.id", ondelete="CASCADE"),  # type: ignore[attr-defined]
            comment="The claim this row is an alternative to (another source's version of "
            "it); NULL for a claim of its own.",
        )

    @declared_attr
    def alternative(cls) -> Mapped[int]:
        return mapped_column(
            SmallInteger,
            server_default=text("0"),
            comment="0 for a claim of its own; 1, 2, … numbers the alternatives of one claim.",
        )


def claim_checks(table: str, *key: str) -> list[CheckConstraint | Index | UniqueConstraint]:
    """A claim's key is unique within its release; alternatives are numbered per claim.

    The key leads the unique index (release and number last), so lookups by key use it.
    """
    return [
        CheckConstraint(
            "(alternative_of_id IS NULL) = (alternative = 0)", name="alternative_numbered"
        ),
        UniqueConstraint(*key, "release_id", "alternative", name=conv(f"uq_{table}_claim")),
        Index(
            f"uq_{table}_alternative",
            "alternative_of_id",
            "alternative",
            unique=True,
            sqlite_where=text("alternative_of_id IS NOT NULL"),
            postgresql_where=text("alternative_of_id IS NOT NULL"),
        ),
    ]


def claim_fact_column() -> Mapped[int | None]:
    """A curated claim's fact (its citations); rows of an imported release cite the release."""
    return mapped_column(
        ForeignKey("fact.id", ondelete="CASCADE"),
        unique=True,
        comment="The fact this row states, with its sources in citation; NULL for rows of "
        "an imported release, whose source is the release.",
    )
