"""Targets on a real database, both backends: staged, checked for a key given twice, merged by
the key the models declare (only rows that differ written), or replaced where there is none."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from support.world import World

from bilateral_db import models as m
from bilateral_db.models import Base
from bilateral_db.writing import FileError, target

SPELLS = ("code", "name", "start_date", "start_date_precision", "end_date", "end_date_precision")
SPELL_OF = {"end_status": "ended"}


def _release(session: Session, dataset: str, precedence: int = 90) -> int:
    release = m.Release(slug=dataset, dataset=dataset, title=dataset, precedence=precedence)
    session.add(release)
    session.flush()
    return release.id


def _spell(line: int, code: int, name: str, start: str, end: str) -> tuple[Any, ...]:
    return (line, code, name, start, "day", end, "day")


def _write(connection: Connection, release: int, system: str, rows: list[tuple[Any, ...]]) -> Any:
    spells = target(
        connection,
        Base.metadata.tables["system_membership"],
        SPELLS,
        {"release_id": release, "system": system, **SPELL_OF},
        file="states.csv",
    )
    for row in rows:
        spells.add(row)
    return spells.finish()


def _held(connection: Connection, release: int) -> list[tuple[Any, ...]]:
    rows = connection.execute(
        text(
            "SELECT id, system, code, name, end_date FROM system_membership "
            "WHERE release_id = :r ORDER BY system, code, start_date"
        ),
        {"r": release},
    )
    return [(i, s, c, n, str(e)) for i, s, c, n, e in rows]


FIRST = [
    _spell(2, 2, "United States", "1816-01-01", "2016-12-31"),
    _spell(3, 20, "Canada", "1920-01-10", "2016-12-31"),
    _spell(4, 365, "Russia", "1816-01-01", "1917-12-05"),
]


def test_a_merge_writes_only_what_differs_and_keeps_the_rest(session: Session) -> None:
    connection = session.connection()
    release = _release(session, "states-test")
    first = _write(connection, release, "cow", FIRST)
    assert first.counts() == {"inserted": 3, "updated": 0, "unchanged": 0, "removed": 0}
    ids = [row[0] for row in _held(connection, release)]

    again = [
        _spell(2, 2, "United States of America", "1816-01-01", "2016-12-31"),  # renamed
        _spell(3, 20, "Canada", "1920-01-10", "2016-12-31"),  # the same
        _spell(4, 365, "Russia", "1922-12-30", "1991-12-25"),  # another start: another key
    ]
    changes = _write(connection, release, "cow", again)
    assert (changes.rows, changes.counts()) == (
        3,
        {"inserted": 1, "updated": 1, "unchanged": 1, "removed": 1},
    )
    held = _held(connection, release)
    assert [row[1:] for row in held] == [
        ("cow", 2, "United States of America", "2016-12-31"),
        ("cow", 20, "Canada", "2016-12-31"),
        ("cow", 365, "Russia", "1991-12-25"),
    ]
    assert [row[0] for row in held[:2]] == ids[:2]  # updated in place, not written anew


def test_a_few_changed_rows_of_many_are_merged_by_their_keys(session: Session) -> None:
    """One row of forty differs: on PostgreSQL it is found by primary key (few rows, index
    probes), the planner's settings are as they were after, and the others stay as written."""
    connection = session.connection()
    release = _release(session, "states-test")
    # Rows of the writing layer's test, not facts: forty codes, one spell each.
    rows = [
        _spell(line, line, f"state {line}", "1816-01-01", "2016-12-31") for line in range(2, 42)
    ]
    _write(connection, release, "cow", rows)
    before = _held(connection, release)
    rows[20] = _spell(22, 22, "state 22, renamed", "1816-01-01", "2016-12-31")
    changes = _write(connection, release, "cow", rows)
    assert changes.counts() == {"inserted": 0, "updated": 1, "unchanged": 39, "removed": 0}
    after = _held(connection, release)
    assert after[20] == (before[20][0], "cow", 22, "state 22, renamed", "2016-12-31")
    assert after[:20] + after[21:] == before[:20] + before[21:]
    if connection.dialect.name == "postgresql":
        settings = ("enable_hashjoin", "enable_mergejoin")
        assert [connection.exec_driver_sql(f"SHOW {name}").scalar() for name in settings] == [
            "on",
            "on",
        ]


def test_a_row_the_database_refuses_in_a_merge_raises_its_own_error(session: Session) -> None:
    """A changed row that breaks a check (an end before the start) fails as the database
    said, not as a later statement in a failed transaction would."""
    connection = session.connection()
    release = _release(session, "states-test")
    _write(connection, release, "cow", FIRST)
    again = [*FIRST[:1], _spell(3, 20, "Canada", "1920-01-10", "1919-12-31"), *FIRST[2:]]
    refused = pytest.raises(IntegrityError, match="end_date_not_before_start_date")
    with refused, connection.begin_nested():
        _write(connection, release, "cow", again)
    assert [row[4] for row in _held(connection, release)] == ["2016-12-31"] * 2 + ["1917-12-05"]


def test_a_merge_touches_no_row_outside_its_scope(session: Session) -> None:
    """The values every row shares that are part of the key (here the list) and the release
    say which held rows are the input's: another list's rows stay."""
    connection = session.connection()
    release, other = _release(session, "states-test"), _release(session, "other-test", 91)
    _write(connection, release, "cow", FIRST)
    _write(connection, other, "cow", FIRST)
    _write(connection, release, "gw", FIRST[:1])
    changes = _write(connection, release, "gw", FIRST[1:])
    assert changes.counts() == {"inserted": 2, "updated": 0, "unchanged": 0, "removed": 1}
    assert [row[1:3] for row in _held(connection, release)] == [
        ("cow", 2),
        ("cow", 20),
        ("cow", 365),
        ("gw", 20),
        ("gw", 365),
    ]
    assert len(_held(connection, other)) == 3


# A key given twice: of a held row, changed or as held (PostgreSQL's one-join merge shows
# these by counting the rows it matched), or a new key (shown among the rows it inserts).
TWICE = {
    "held-changed": (
        [_spell(9, 20, "Canada again", "1920-01-10", "2016-12-31")],
        "(code 20, start_date 1920-01-10) is also given on line 3",
    ),
    "held-the-same": (
        [_spell(9, 20, "Canada", "1920-01-10", "2016-12-31")],
        "(code 20, start_date 1920-01-10) is also given on line 3",
    ),
    "new": (
        [
            _spell(8, 40, "Cuba", "1902-05-20", "1906-09-25"),
            _spell(9, 40, "Cuba", "1902-05-20", "1906-09-25"),
        ],
        "(code 40, start_date 1902-05-20) is also given on line 8",
    ),
}


@pytest.mark.parametrize("held", [False, True], ids=["into-empty", "into-held"])
@pytest.mark.parametrize("twice", TWICE, ids=list(TWICE))
def test_a_key_given_twice_is_named_by_its_lines_and_nothing_is_written(
    session: Session, held: bool, twice: str
) -> None:
    connection = session.connection()
    release = _release(session, "states-test")
    if held:
        _write(connection, release, "cow", FIRST)
    before = _held(connection, release)
    added, message = TWICE[twice]
    with pytest.raises(FileError) as raised:
        _write(connection, release, "cow", [*FIRST, *added])
    assert [str(problem) for problem in raised.value.problems] == [
        f"states.csv:9: the system_membership row {message}"
    ]
    assert _held(connection, release) == before


def test_a_nullable_key_column_matches_null_to_null(world: World) -> None:
    """Term starts may be unknown (NULL): the same unknown start is the same key, so merging
    the same terms again leaves them unchanged rather than removing and inserting them."""
    session = world.session
    connection = session.connection()
    release = _release(session, "leaders-test")
    person = world.people["sergey-lavrov"].id
    post = world.posts["RUS/foreign-minister"].id
    columns = ("person_id", "post_id", "start_date", "end_date", "end_date_precision")
    rows = [(1, person, post, None, "2004-03-01", "day")]
    fixed = {"release_id": release, "alternative": 0, "single_seat": True, "end_status": "ended"}

    def merge() -> dict[str, int]:
        terms = target(connection, Base.metadata.tables["term"], columns, fixed, file="t.csv")
        for row in rows:
            terms.add(row)
        return terms.finish().counts()

    assert merge()["inserted"] == 1
    assert merge() == {"inserted": 0, "updated": 0, "unchanged": 1, "removed": 0}
    rows[0] = (1, person, post, None, "2004-03-02", "day")
    assert merge() == {"inserted": 0, "updated": 1, "unchanged": 0, "removed": 0}
    ends = connection.execute(
        text("SELECT start_date, end_date FROM term WHERE release_id = :r"), {"r": release}
    ).all()
    assert [(start, str(end)) for start, end in ends] == [(None, "2004-03-02")]


def test_a_table_without_a_key_is_replaced(world: World) -> None:
    session = world.session
    connection = session.connection()
    release = _release(session, "cover-test")
    post = world.posts["RUS/foreign-minister"].id
    columns = ("post_id", "covered", "start_date", "start_date_precision")

    def replace(starts: list[str]) -> tuple[int, int]:
        rows = target(
            connection,
            Base.metadata.tables["coverage"],
            columns,
            {"release_id": release},
            file="c.csv",
        )
        for start in starts:
            rows.add((0, post, True, start, "day"))
        changes = rows.finish()
        assert not rows.merged
        return changes.inserted, changes.removed

    assert replace(["2000-01-01", "2001-01-01"]) == (2, 0)
    assert replace(["2002-01-01"]) == (1, 2)
    starts = connection.execute(
        text("SELECT start_date FROM coverage WHERE release_id = :r"), {"r": release}
    ).scalars()
    assert [str(start) for start in starts] == ["2002-01-01"]


@pytest.mark.parametrize(
    ("columns", "fixed", "message"),
    [
        (("code", "nickname"), {"release_id": 1, "system": "cow"}, "unknown or twice"),
        (("code", "code"), {"release_id": 1, "system": "cow"}, "unknown or twice"),
        (("code", "name"), {"release_id": 1}, "key columns ['system', 'start_date']"),
        (("code", "start_date"), {"system": "cow"}, "key columns ['release_id']"),
    ],
)
def test_a_target_names_only_the_tables_columns_and_its_whole_key(
    session: Session, columns: tuple[str, ...], fixed: dict[str, Any], message: str
) -> None:
    table = Base.metadata.tables["system_membership"]
    with pytest.raises(ValueError, match=message.replace("[", r"\[")):
        target(session.connection(), table, columns, fixed, file="x.csv")


def test_the_stage_is_gone_after_a_merge(session: Session) -> None:
    connection = session.connection()
    release = _release(session, "states-test")
    _write(connection, release, "cow", FIRST)
    _write(connection, release, "cow", FIRST)
    schema = "pg_temp" if connection.dialect.name == "postgresql" else "temp"
    with pytest.raises(Exception, match="stage_system_membership"), connection.begin_nested():
        connection.exec_driver_sql(f"SELECT 1 FROM {schema}.stage_system_membership")
