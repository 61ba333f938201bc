"""Pictures for reports: trade over time and a bloc's membership timeline (matplotlib, Agg)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from bilateral_db import dates
from bilateral_db.reports import MembershipRow, TradeRow


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    return plt


def plot_trade(rows: list[TradeRow], path: Path, *, title: str) -> None:
    """One line per series (reporter → partner, flow, category, basis), values in their currency."""
    plt = _pyplot()
    series: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row in rows:
        if row.value is None:
            continue
        label = (
            f"{row.reporter}→{row.partner} {row.flow} {row.category} ({row.basis}, {row.currency})"
        )
        # float only for drawing; every number printed elsewhere stays Decimal.
        series[label].append((row.year, float(row.value)))
    figure, axes = plt.subplots(figsize=(9, 5))
    for label, points in sorted(series.items()):
        points.sort()
        axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
    axes.set_title(title)
    axes.set_xlabel("year")
    axes.set_ylabel("value")
    if series:
        axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def plot_memberships(rows: list[MembershipRow], path: Path, *, title: str, today: date) -> None:
    """A bar per membership from its start to the end of its end period (or today)."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(9, max(3.0, 0.35 * len(rows) + 1)))
    labels = []
    for index, row in enumerate(rows):
        if row.start_date is None:
            continue
        start = row.start_date.value
        end = (
            dates.period_end_exclusive(row.end_date.value, row.end_date.precision)
            if row.end_date
            else today
        )
        axes.barh(index, (end - start).days, left=start.toordinal(), height=0.6)
        labels.append(f"{row.country} {row.role}")
    axes.set_yticks(range(len(labels)), labels, fontsize="small")
    ticks = [date(year, 1, 1) for year in range(1960, today.year + 1, 10)]
    axes.set_xticks([tick.toordinal() for tick in ticks], [str(tick.year) for tick in ticks])
    axes.set_title(title)
    axes.invert_yaxis()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
