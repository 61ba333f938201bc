"""An inner join whose left side drives the loop on SQLite too.

SQLite plans without statistics (writing/statistics.py says why), so where two nested-loop
orders look alike to it, it may take the costly one: for a bloc's members' trade with one
country it reads every figure of the country (tens of thousands) and probes the memberships,
instead of reading the bloc's few hundred memberships and each member's figures through the
(member, other end) index. SQLite documents CROSS JOIN as the way to fix the order ("the
left table is always the outer loop"); PostgreSQL plans from statistics and gets a plain JOIN.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement, FromClause
from sqlalchemy.sql.selectable import Join


class DrivingJoin(Join):
    """`left JOIN right ON onclause`, `left` the outer loop (CROSS JOIN … ON on SQLite)."""

    inherit_cache = True


def driving_join(left: FromClause, right: FromClause, onclause: ColumnElement[bool]) -> Join:
    return DrivingJoin(left, right, onclause)


@compiles(DrivingJoin, "sqlite")
def _sqlite_driving_join(
    join: DrivingJoin, compiler: Any, asfrom: bool = False, from_linter: Any = None, **kw: Any
) -> str:
    """What the compiler's visit_join writes, with CROSS JOIN for JOIN."""
    if from_linter:  # the ON clause links the two sides: no cartesian-product warning
        from_linter.edges.update(
            (left._de_clone(), right._de_clone())
            for left in join.left._from_objects
            for right in join.right._from_objects
        )
    sides = [
        side._compiler_dispatch(compiler, asfrom=True, from_linter=from_linter, **kw)
        for side in (join.left, join.right)
    ]
    condition = compiler.process(join.onclause, from_linter=from_linter, **kw)
    return f"{sides[0]} CROSS JOIN {sides[1]} ON {condition}"
