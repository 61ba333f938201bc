"""The panels are built, not recomputed: every load and import refreshes their tables.

`refresh(connection, changed)` runs inside the writer's transaction, after its writes and
before its commit, so readers see the panels and the claims they come from change together.
It rebuilds the parts whose inputs the writer changed (trade, shared memberships, meetings:
tables per pair of countries) and then the country-year table, set-based; `changed=None`
rebuilds everything (a new database, `db upgrade`, `import --force`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from datetime import date

from sqlalchemy import Connection, Engine, literal, select

from bilateral_db.panels import country_year, parts
from bilateral_db.panels.dialect import Dialect
from bilateral_db.tables import (
    PANEL_COUNTRY_YEAR,
    PANEL_DYAD_ENVOY,
    PANEL_DYAD_MEETING,
    PANEL_DYAD_TRADE,
    PANEL_SHARED_MEMBERSHIP,
)
from bilateral_db.writing.transaction import write_transaction

# The tables each part is built from.
# (coverage: the membership data sets' member years decide which counts are covered.)
STATE_INPUTS = frozenset({"system_membership", "country_code", "country", "actor", "coverage"})
MEMBERSHIP_INPUTS = frozenset({"membership"})
TRADE_INPUTS = frozenset({"trade_figure", "product_category"})
MEETING_INPUTS = frozenset({"meeting", "participant", "term", "post"})
ENVOY_INPUTS = frozenset({"term", "post"})
INPUTS = STATE_INPUTS | MEMBERSHIP_INPUTS | TRADE_INPUTS | MEETING_INPUTS | ENVOY_INPUTS
# What it builds (the temporary tables it builds them from are gone at the end).
BUILT = (
    PANEL_COUNTRY_YEAR,
    PANEL_DYAD_TRADE,
    PANEL_SHARED_MEMBERSHIP,
    PANEL_DYAD_MEETING,
    PANEL_DYAD_ENVOY,
)


# Inside `deferred()`: the tables writers changed, left to the one rebuild at its end.
_DEFERRED: ContextVar[set[str] | None] = ContextVar("panels_deferred", default=None)


@contextmanager
def deferred(engine: Engine, lock_timeout: float = 60.0) -> Iterator[None]:
    """Writes inside leave the panels alone; when the block ends they are rebuilt once, in a
    write transaction of their own, for what the writes changed (after a failure too, as far
    as the database allows). For a command that runs several writers in a row (quickstart),
    which would otherwise rebuild them after each."""
    changed: set[str] = set()
    token = _DEFERRED.set(changed)
    try:
        yield
    except Exception:
        # The writers that committed before the failure left the panels behind them, and a
        # second run would find those writes unchanged: rebuild now if the database lets us.
        _DEFERRED.reset(token)
        if changed:
            with suppress(Exception):
                _rebuild(engine, changed, lock_timeout)
        raise
    _DEFERRED.reset(token)
    if changed:
        _rebuild(engine, changed, lock_timeout)


def _rebuild(engine: Engine, changed: set[str], lock_timeout: float) -> None:
    with write_transaction(engine, lock_timeout) as connection:
        refresh(connection, changed)
        connection.commit()


def refresh(
    connection: Connection, changed: Collection[str] | None = None, today: date | None = None
) -> list[str]:
    """Rebuild what `changed` (table names; None: everything) feeds; the tables rebuilt."""
    wanted = INPUTS if changed is None else INPUTS & set(changed)
    later = _DEFERRED.get()
    if later is not None:
        later.update(wanted)
        return []
    if not wanted:
        return []
    dialect = Dialect(connection.dialect.name, connection)
    rebuilt = []
    parts.spells(dialect)
    if wanted & MEMBERSHIP_INPUTS:
        parts.shared_memberships(dialect)
        rebuilt.append("panel_shared_membership")
    if wanted & TRADE_INPUTS:
        parts.trade(dialect)
        rebuilt.append("panel_dyad_trade")
    parts.meeting_actors(dialect)
    if wanted & MEETING_INPUTS:
        parts.dyad_meetings(dialect)
        rebuilt.append("panel_dyad_meeting")
    if wanted & ENVOY_INPUTS:
        parts.envoys(dialect, (today or date.today()).year)
        rebuilt.append("panel_dyad_envoy")
    # A new list or crosswalk may hold country-years no row held before: their trade is summed
    # again; otherwise each country's sums are kept from the rows built before.
    sum_trade = bool(wanted & (TRADE_INPUTS | STATE_INPUTS))
    country_year.build(dialect, today or date.today(), trade_changed=sum_trade)
    rebuilt.append("panel_country_year")
    for name in ("panel_spell", "panel_meeting_actor"):
        dialect.drop_temp(name)
    return rebuilt


def build_missing(engine: Engine, lock_timeout: float = 60.0) -> bool:
    """Build the panels of a database whose panel tables are all empty (just migrated to the
    revision that adds them, or never written since); whether it did."""
    with write_transaction(engine, lock_timeout) as connection:
        for table in BUILT:
            if connection.scalar(select(literal(1)).select_from(table).limit(1)) is not None:
                return False
        refresh(connection)
        connection.commit()
    return True
