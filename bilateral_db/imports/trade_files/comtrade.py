"""UN Comtrade bulk files, read as typed rows: `ComtradeReader(paths).rows()`.

Each path is a `.csv`, `.csv.gz`, Comtrade+'s `.gz`/`.txt`, or a `.zip` of them; each table is
read by column name in the layout its header shows (comtrade_layouts: legacy or Comtrade+),
and a table of neither layout is refused by name. Money is exact: US dollars as integer cents
(Comtrade+ fractions of a cent are rounded half to even and counted in `rounded_values`),
quantities in thousandths of our unit, net weights in grams. An empty value is unknown, never
zero; a zero is an observed zero.

Reporter and partner codes are looked up in the reviewed M49 mapping on the period's mapping
day: an unknown code is a problem of the file; a known code that stands for nothing on that
day (a code used outside its dates) leaves the row's area None and is listed in `unplaced`,
for the importer to report. Rows are yielded as they are read; problems are raised together
(ImportFileError) at the end of the table they are in, so a consumer writes nothing from a
run that raises.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral_db.imports.trade_files.comtrade_reading import TableReading
from bilateral_db.imports.trade_files.comtrade_rows import (
    ComtradeCounts,
    ComtradeRow,
    NotPlain,
    TableSummary,
    Unplaced,
)
from bilateral_db.imports.trade_files.inputs import DAMAGED, members, skipped
from bilateral_db.imports.trade_files.m49 import M49Codes
from bilateral_db.imports.trade_files.table import Table

if TYPE_CHECKING:  # Arrow is imported only where the columns are read
    from bilateral_db.imports.trade_files.comtrade_columns import ComtradeBatch

__all__ = ["ComtradeReader", "ComtradeRow", "NotPlain", "TableSummary", "Unplaced"]


class ComtradeReader(ComtradeCounts):
    """Reads the tables of `paths` in order; the counts describe what was read so far."""

    def __init__(self, paths: Sequence[Path], codes: M49Codes | None = None) -> None:
        super().__init__(codes=codes or M49Codes.read())
        self.paths = list(paths)
        self.bytes_done = 0  # of the files read to their end
        self.bytes_total = 0
        self._table: Table | None = None

    @property
    def bytes_read(self) -> int:
        """Bytes of the paths read so far (compressed ones for .gz), for progress."""
        return self.bytes_done + (self._table.bytes_read if self._table is not None else 0)

    def rows(self) -> Iterator[ComtradeRow]:
        for table in self._tables():
            yield from TableReading(self, table).rows()
        self.problems.check()

    def batches(self) -> Iterator[ComtradeBatch]:
        """The same rows as columns, a batch at a time, where every row of every table is
        plain (comtrade_columns); raises NotPlain at the first that is not."""
        from bilateral_db.imports.trade_files.comtrade_columns import ColumnReading

        for table in self._tables():
            yield from ColumnReading(self, table).batches()
        if self.problems.items:
            raise NotPlain("the files have problems")

    def again(self) -> ComtradeReader:
        """A reader of the same paths and mapping that has read nothing yet."""
        return ComtradeReader(self.paths, self.codes)

    def _tables(self) -> Iterator[Table]:
        """Each table of the paths in order, while it is read (problems of a path collected)."""
        self.bytes_total = sum(path.stat().st_size for path in self.paths if path.is_file())
        for path in self.paths:
            if not path.is_file():
                self.problems.add(str(path), 0, None, "no such file")
                continue
            try:
                self.skipped_members.extend(f"{path}:{name}" for name in skipped(path))
                tables = list(members(path))
            except DAMAGED as error:
                self.problems.add(str(path), 0, None, f"cannot be read as an archive: {error}")
                continue
            if not tables:
                self.problems.add(str(path), 0, None, "holds no .csv, .txt or .gz table")
            for member in tables:
                self._table = Table(member, self.problems)
                yield self._table
                self._table = None
            self.bytes_done += path.stat().st_size
