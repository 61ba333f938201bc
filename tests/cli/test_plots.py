"""Plots: integer years, units on the axes, separate panels for different kinds of series, a
title naming sources and day, and `wrote FILE` on stderr."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import DATASET_SLICES
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bilateral_db import reports
from bilateral_db.cli import app
from bilateral_db.cli.plots import membership_figure, trade_figure
from bilateral_db.db import make_engine

runner = CliRunner()


def test_plot_commands_write_and_say_so(world_url: str, tmp_path: Path) -> None:
    for args, name in [(["trade", "RUS", "ASEAN"], "trade.png"), (["members", "ASEAN"], "m.svg")]:
        path = tmp_path / name
        result = runner.invoke(app, ["report", *args, "--plot", str(path), "--db", world_url])
        assert result.exit_code == 0, result.output
        assert f"wrote {path}" in result.stderr
        assert path.stat().st_size > 1000
    assert (tmp_path / "trade.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_trade_figure_axes(loaded_engine) -> None:
    with Session(loaded_engine) as session:
        rows = reports.trade_between(session, a="RUS", b="ASEAN")
    figure = trade_figure(
        rows, title="Trade RUS–ASEAN", sources=["a", "b", "c"], today=date(2026, 1, 2)
    )
    axes = figure.axes
    # Figures stated for ASEAN and a sum over one of its ten members are not on one axis.
    assert [a.get_title(loc="left") for a in axes] == [
        "as reported",
        "sum over some members (a lower bound)",
    ]
    assert {a.get_ylabel() for a in axes} == {"USD bn"}
    years = [tick.get_text() for tick in axes[-1].get_xticklabels() if tick.get_text()]
    assert years and all(year.lstrip("−-").isdigit() for year in years)
    title = figure._suptitle.get_text()
    assert "Trade RUS–ASEAN" in title and "Sources: a, b and 1 more" in title
    assert "Drawn 2026-01-02" in title


def test_membership_figure(loaded_engine) -> None:
    with Session(loaded_engine) as session:
        rows = reports.membership_timeline(session, bloc="ASEAN")
    figure = membership_figure(rows, title="ASEAN", sources=[], today=date(2026, 1, 2))
    labels = [tick.get_text() for tick in figure.axes[0].get_xticklabels()]
    assert "1970" in labels and all(label.isdigit() for label in labels)
    assert "No sources cited" in figure.axes[0].get_title()


def test_a_trade_plot_credits_the_sources_drawn_and_reads_flows_across(curated_url: str) -> None:
    """Russia–Thailand: COW's figures 1955-2014 and one curated figure for 2018. The caption
    names COW Trade first (most points), then what the curated figure cites; a legend reads
    "RUS imports from THA"."""
    from bilateral_db.cli.plots import sources_of
    from bilateral_db.imports import import_dataset

    engine = make_engine(curated_url)
    try:
        import_dataset(engine, "cow-trade", DATASET_SLICES / "cow_trade_slice.csv.gz")
        with Session(engine) as session:
            rows = reports.trade_between(session, a="RUS", b="THA")
            drawn = [row for row in rows if row.value is not None]
            sources = sources_of(session, drawn)
    finally:
        engine.dispose()
    assert sources[0] == "cow-trade-4.0"
    assert "mid-ru-2019-07-30-lavrov-don" in sources and "curated" not in sources
    figure = trade_figure(rows, title="Trade RUS–THA", sources=sources, today=date(2026, 1, 2))
    labels = {text.get_text() for axes in figure.axes for text in axes.get_legend().get_texts()}
    assert {"RUS imports from THA, all-goods", "THA imports from RUS, all-goods"} <= labels
    assert "RUS trades with THA, all-goods" in labels  # the curated 2018 total
    assert "Sources: cow-trade-4.0, " in figure._suptitle.get_text()
