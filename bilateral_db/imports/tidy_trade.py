"""The tidy trade CSV (docs/trade-files.md): `import trade PATH`, one file one release.

The reader (trade_files.TidyReader) parses and checks every cell, and is given the codes the
database knows, so an unknown reporter, partner or category is a problem of the file named by
line and column, and nothing is written. Each row is a figure of its own series, flow,
period, valuation and qualifier, staged in the release's trade_figure target and merged by
key. A money value is `value_minor` in the currency's minor units with its range and
rounding; a quantity (tonnes, litres, …) is `quantity_milli` in its unit, and the figure's
money value is then unknown (`value_status` says so: a figure is observed only with a value).
The rows' `source` slugs and notes are not columns of a figure (an imported figure cites its
release): the sources cited are the release's findings, one each, with their rows.
"""

from __future__ import annotations

from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from bilateral_db.core.vocabulary import ValueStatus
from bilateral_db.imports.base import Importer, Progress
from bilateral_db.imports.reading import Recognise
from bilateral_db.imports.release import Dataset, ReleaseWriter
from bilateral_db.imports.trade_figures import FIGURE_COLUMNS, Categories, actor_ids, by_code
from bilateral_db.imports.trade_files import TidyReader
from bilateral_db.writing.errors import WriteError
from bilateral_db.writing.targets import StagedTarget

DATASET = Dataset(
    dataset="trade",
    title="Trade figures, tidy CSV",
    publisher="as the file's source column names",
    citation="The sources named in the file's source column (the release's findings list them).",
    url="https://github.com/bilateral-db/bilateral_db/blob/main/docs/trade-files.md",
    precedence=80,  # a hand-made file: after the curated facts and the published data sets
)
COLUMNS = (*FIGURE_COLUMNS, "series", "value_high_minor", "rounding_minor", "currency_code")
PROGRESS_EVERY = 20_000


class TidyTradeImporter(Importer):
    dataset = DATASET
    required = ("reporter", "partner", "period", "flow", "category", "value", "unit", "source")

    def open(self, path: Path, recognise: Recognise | None = None) -> AbstractContextManager[Any]:
        if not path.is_file():
            raise WriteError(f"{path}: no such file")
        return nullcontext(path)

    def write(
        self, connection: Connection, release: ReleaseWriter, data: Path, progress: Progress
    ) -> tuple[date | None, date | None]:
        actors = by_code(actor_ids(connection))
        categories = Categories(connection, added_by=None)
        reader = TidyReader(data, actors=actors, categories=categories.ids)
        figures = release.target("trade_figure", COLUMNS, {})
        assert isinstance(figures, StagedTarget)
        first: date | None = None
        last: date | None = None
        cited: dict[str, tuple[int, int]] = {}  # source slug -> first line, rows
        counts: Counter[str] = Counter()
        total = data.stat().st_size
        for row in reader.rows():
            if reader.rows_read % PROGRESS_EVERY == 0:
                progress("rows", 0, total)
            period = row.period
            first = period.start if first is None else min(first, period.start)
            last = period.end if last is None else max(last, period.end)
            value = row.value_minor
            status = row.status.value
            if value is None and status == ValueStatus.OBSERVED:
                status = ValueStatus.UNKNOWN.value  # a quantity: its money value is not given
                counts["quantity_only"] += 1
            for slug in row.sources:
                line, rows = cited.get(slug, (row.line, 0))
                cited[slug] = (line, rows + 1)
            figures.add(
                (
                    row.line,
                    actors[row.reporter.upper()],
                    actors[row.partner.upper()],
                    period.start.isoformat(),
                    period.end.isoformat(),
                    period.precision,
                    row.flow.value,
                    categories.ids[row.category.lower()],
                    row.valuation.value,
                    status,
                    value,
                    row.quantity_milli,
                    row.quantity_unit,
                    row.qualifier.value,
                    row.series,
                    row.value_high_minor,
                    row.rounding if value is not None else None,
                    row.currency if value is not None else None,
                )
            )
        progress("rows", total, total)
        changes = figures.finish()
        for slug, (line, rows) in cited.items():
            release.finding("source_cited", line, slug, f"{rows:,} figures cite the source")
        release.count("trade_figure", changes.rows)
        for kind, rows in counts.items():
            release.count(kind, rows)
        return first, last
