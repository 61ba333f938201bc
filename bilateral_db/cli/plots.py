"""Pictures for reports: trade over time and membership timelines (matplotlib, Agg backend).

Every picture's title names what is drawn, the sources of what is drawn (the releases its rows
come from and the sources curated rows cite) and the day it was drawn; axes carry units, years
are whole numbers, and series of different kinds or scales get panels of their own (a sum over
some of a bloc's members is not drawn beside the bloc's own, larger, figures). A flow reads as
it is seen from its reporter: "RUS imports from THA".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from bilateral_db.answers import Answer
    from bilateral_db.reports import MembershipRow, TradeRow

SOURCES_NAMED = 2  # sources named in a title; the rest are counted
SCALES = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(10) ** 3, "k"))


def flow_words(flow: str) -> str:
    """A flow as words between reporter and partner: "imports from"."""
    from bilateral_db.answers.shapes import FLOW_PHRASES

    return FLOW_PHRASES.get(flow, flow.replace("_", " "))


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    return plt


def draw(
    kind: str, session: Connection, answer: Answer, arguments: dict[str, Any], path: Path
) -> None:
    """Draw the picture of `kind` for an answer into `path`."""
    from bilateral_db import reports

    today = date.today()
    if kind == "trade":
        rows: list[Any] = answer.result
        title = f"Trade {arguments['a'].upper()}–{arguments['b'].upper()}"
        drawn = [row for row in rows if row.value is not None]
        plot_trade(rows, path, title=title, sources=sources_of(session, drawn), today=today)
    elif kind == "memberships":
        code = arguments.get("bloc") or arguments["code"]
        if "bloc" in arguments:
            rows = reports.membership_timeline(session, bloc=code)
        else:
            rows = answer.result
        title = f"{code.upper()} memberships"
        drawn = [row for row in rows if row.start_date is not None]
        plot_memberships(rows, path, title=title, sources=sources_of(session, drawn), today=today)
    else:
        raise ValueError(f"no picture of kind {kind!r}")


def sources_of(session: Connection, rows: Sequence[Any]) -> list[str]:
    """What the drawn rows come from, most rows first: data-set releases by their slug, and
    for curated rows the sources their facts cite (the `curated` release is no source)."""
    from collections import Counter

    from bilateral_db.answers.shapes import fact_ids
    from bilateral_db.answers.tables import all_fact_ids, row_sources
    from bilateral_db.reports import sources_for

    cited = sources_for(session, fact_ids=all_fact_ids(list(rows)))
    counts: Counter[str] = Counter()
    for row in rows:
        named = {slug for slug in row_sources(row) if slug != "curated"}
        named |= {s.source for i in fact_ids(row) for s in cited.get(i, [])}
        counts.update(named)
    return sorted(counts, key=lambda source: (-counts[source], source))


def _caption(sources: list[str], today: date) -> str:
    named = ", ".join(sources[:SOURCES_NAMED])
    more = f" and {len(sources) - SOURCES_NAMED} more" if len(sources) > SOURCES_NAMED else ""
    cited = f"Sources: {named}{more}" if sources else "No sources cited"
    return f"{cited}. Drawn {today.isoformat()} with bilateral_db."


def _scale(values: list[Decimal]) -> tuple[Decimal, str]:
    largest = max((abs(value) for value in values), default=Decimal(0))
    return next(((d, unit) for d, unit in SCALES if largest >= d), (Decimal(1), ""))


def _panel_key(row: TradeRow) -> tuple[str, str, bool]:
    partial = row.basis == "sum_of_members" and row.qualifier == "at_least"
    return (row.basis, row.currency or "", partial)


def _panel_title(key: tuple[str, str, bool]) -> str:
    basis, _, partial = key
    if basis == "sum_of_members":
        return "sum over some members (a lower bound)" if partial else "sum over the members"
    return "as reported"


def plot_trade(
    rows: list[TradeRow], path: Path, *, title: str, sources: list[str], today: date
) -> None:
    _save(trade_figure(rows, title=title, sources=sources, today=today), path)


def plot_memberships(
    rows: list[MembershipRow], path: Path, *, title: str, sources: list[str], today: date
) -> None:
    _save(membership_figure(rows, title=title, sources=sources, today=today), path)


def _save(figure: Any, path: Path) -> None:
    figure.savefig(path)
    _pyplot().close(figure)


def trade_figure(rows: list[TradeRow], *, title: str, sources: list[str], today: date) -> Any:
    """One panel per basis and currency; one line per reporter → partner, flow and category."""
    from matplotlib.ticker import MaxNLocator

    plt = _pyplot()
    panels: dict[tuple[str, str, bool], dict[str, list[tuple[int, Decimal]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in rows:
        if row.value is None:
            continue
        label = f"{row.reporter} {flow_words(row.flow)} {row.partner}, {row.category}"
        panels[_panel_key(row)][label].append((row.year, row.value))
    keys = sorted(panels) or [("reported", "", False)]
    figure, axes_list = plt.subplots(
        len(keys), 1, figsize=(9, 3.2 * len(keys) + 1), squeeze=False, sharex=True
    )
    for axes, key in zip((a[0] for a in axes_list), keys, strict=True):
        series = panels.get(key, {})
        divisor, unit = _scale([value for points in series.values() for _, value in points])
        for label, points in sorted(series.items()):
            points.sort()
            # float only for drawing; every number printed elsewhere stays Decimal.
            axes.plot(
                [year for year, _ in points],
                [float(value / divisor) for _, value in points],
                marker="o",
                label=label,
            )
        axes.set_title(_panel_title(key), fontsize="medium", loc="left")
        axes.set_ylabel(" ".join(part for part in (key[1], unit) if part) or "value")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(True, alpha=0.3)
        if series:
            axes.legend(fontsize="small")
        else:
            axes.text(0.5, 0.5, "no values", ha="center", va="center", transform=axes.transAxes)
    axes_list[-1][0].set_xlabel("year")
    figure.suptitle(f"{title}\n{_caption(sources, today)}", fontsize="medium")
    figure.tight_layout()
    return figure


def membership_figure(
    rows: list[MembershipRow], *, title: str, sources: list[str], today: date
) -> Any:
    """A bar per membership from its start to the end of its end period (or today)."""
    from bilateral_db.core import dates

    plt = _pyplot()
    shown = [row for row in rows if row.start_date is not None]
    figure, axes = plt.subplots(figsize=(9, max(3.0, 0.35 * len(shown) + 1.5)))
    labels = []
    first_year = today.year
    for index, row in enumerate(shown):
        assert row.start_date is not None
        start = row.start_date.value
        first_year = min(first_year, start.year)
        end = (
            dates.period_end_exclusive(row.end_date.value, row.end_date.precision)
            if row.end_date
            else today
        )
        axes.barh(index, (end - start).days, left=start.toordinal(), height=0.6)
        labels.append(f"{row.country} {row.role.replace('_', ' ')}")
    axes.set_yticks(range(len(labels)), labels, fontsize="small")
    step = 10 if today.year - first_year > 30 else 5
    ticks = [
        date(year, 1, 1) for year in range(first_year - first_year % step, today.year + 1, step)
    ]
    axes.set_xticks([tick.toordinal() for tick in ticks], [str(tick.year) for tick in ticks])
    axes.set_xlabel("year")
    axes.set_title(f"{title}\n{_caption(sources, today)}", fontsize="medium")
    axes.invert_yaxis()
    figure.tight_layout()
    return figure
