"""What every importer is, and the one write transaction each import runs in."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError

from bilateral_db.core.digests import file_sha256
from bilateral_db.imports.reading import DataFile, Recognise
from bilateral_db.imports.release import Dataset, ImportResult, ReleaseWriter, check_version
from bilateral_db.models import CountryCode
from bilateral_db.writing import WriteError, write_transaction

# progress(what, done, total): bytes of the file read so far, for a bar with rows/s and ETA.
Progress = Callable[[str, int, int], None]
DEFAULT_LOCK_TIMEOUT = 60.0


class Importer(ABC):
    """One data set's file layout, turned into the release's rows.

    `write` parses the file into tuples and sends them to the release's targets
    (`release.target(table, columns, fixed)`), which merge them into what the release held.
    """

    dataset: Dataset
    required: tuple[str, ...]
    default_version: str | None = None
    scheme: str | None = None  # the crosswalk's codes the file's states are in (cow, gw)

    def open(self, path: Path, recognise: Recognise | None = None) -> AbstractContextManager[Any]:
        """The input `write` reads: the CSV file as published (a record set, for others);
        `recognise` names the data set a file of another one belongs to."""
        if not path.is_file():
            raise WriteError(f"{path}: no such file")
        return nullcontext(DataFile(path, self.required, recognise=recognise))

    def open_all(
        self, paths: Sequence[Path], recognise: Recognise | None = None
    ) -> AbstractContextManager[Any]:
        """The input of several files read as one release; an importer of one file refuses
        more (those that read several override it, and `digest` then covers them all)."""
        if len(paths) != 1:
            raise WriteError(
                f"{self.dataset.dataset} reads one file, not {len(paths)}: import them one by one"
            )
        return self.open(paths[0], recognise)

    def digest(self, path: Path, data: Any) -> str:
        """SHA-256 of the input: the same input is the release already held."""
        return file_sha256(path)

    def version(self, path: Path, data: Any) -> str | None:
        """The release's version: from the file where it says, else the data set's default."""
        return self.default_version

    @abstractmethod
    def write(
        self, connection: Connection, release: ReleaseWriter, data: Any, progress: Progress
    ) -> tuple[date | None, date | None]:
        """Write the release's rows; return the first and last day the release covers."""


def run_import(
    engine: Engine,
    importer: Importer,
    path: Path | Sequence[Path],
    *,
    version: str | None = None,
    progress: Progress | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    force: bool = False,
    recognise: Recognise | None = None,
) -> ImportResult:
    """Import `path` as a release of the importer's data set, all or nothing (several paths
    are one release, for an importer that reads several: Importer.open_all).

    Raises FileError when the file is wrong (nothing written; `recognise` names the data set
    a file of another one belongs to) and WriteError when the database refuses or lacks what
    the file's codes are matched against (nothing written). The same file again changes
    nothing, unless `force`: then the release is written again from it.
    """
    try:
        version = check_version(version)
    except ValueError as error:
        raise WriteError(str(error)) from None
    paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
    if not paths:
        raise WriteError("no file to import")
    report: Progress = progress or (lambda *_: None)
    opened = (
        importer.open(paths[0], recognise)
        if len(paths) == 1
        else importer.open_all(paths, recognise)
    )
    with opened as data:
        return _write(engine, importer, paths[0], data, version, report, lock_timeout, force)


def _write(
    engine: Engine,
    importer: Importer,
    path: Path,
    data: Any,
    version: str | None,
    report: Progress,
    lock_timeout: float,
    force: bool,
) -> ImportResult:
    sha256 = importer.digest(path, data)
    try:
        with write_transaction(engine, lock_timeout) as connection:
            release = ReleaseWriter(
                connection,
                importer.dataset,
                version or importer.version(path, data),
                path,
                sha256,
            )
            _require_crosswalk(connection, importer)
            if not force and release.unchanged():
                release.result.changed = False
                return release.result
            release.open()
            first, last = importer.write(connection, release, data, report)
            result = release.close(first, last)
            # A new slug is named by every panel row the release fed; --force rebuilds all.
            # (Imported here: an unchanged file's import never needs the panels' modules.)
            from bilateral_db import panels

            rebuild_all = force or result.replaced is not None
            panels.refresh(connection, None if rebuild_all else release.changed_tables())
            connection.commit()
    except DBAPIError as error:
        raise WriteError(f"the database refused the import: {error.orig or error}") from error
    return result


class NotLoaded(WriteError):
    """The database lacks what the file's codes are matched against: load the fixtures first."""


def _require_crosswalk(connection: Connection, importer: Importer) -> None:
    """Refuse an import whose codes could match nothing: the crosswalk is not loaded."""
    if importer.scheme is None:
        return
    found = connection.scalar(
        select(CountryCode.id).where(CountryCode.scheme == importer.scheme).limit(1)
    )
    if found is None:
        raise NotLoaded(
            f"the database has no {importer.scheme.upper()} codes to match the file's states "
            "to countries (the curated countries, codes and blocs are not loaded), so the "
            "import would match nothing: run `bilateral-db load` first"
        )
