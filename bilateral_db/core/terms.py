"""The interval of a term that point-in-time answers use, from the events its sources give.

A source may give a term's appointment (commissioned, nominated), the holder's arrival at post
and the start (credentials presented, sworn in, took charge), each possibly missing. The term
is held from the start; where only the arrival is given, from the arrival; an appointment
alone says nothing about when the person took up the post (an ambassador may be commissioned
months before arriving), so such a term's start is unknown. The database holds the same rule
as a CHECK (term.start_date).
"""

from __future__ import annotations

from typing import TypeVar

Day = TypeVar("Day")


def term_start(started: Day | None, arrived: Day | None) -> Day | None:
    """The first day in office: started, else arrived, else unknown."""
    return started if started is not None else arrived
