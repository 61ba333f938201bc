"""Imports of external data sets: one module per data set over the writing layer and one release.

`import_dataset(engine, "cow-igo", path)` imports a file as a release of that data set, all or
nothing; `BUNDLED` names the releases shipped with the package, which quickstart imports. A bad
file raises ImportFileError (the writing layer's FileError: its problems by file, line and
column); a refusing database, WriteError (LoadError to the loaders).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import import_module
from pathlib import Path

from sqlalchemy import Engine

from bilateral_db.imports.base import (
    DEFAULT_LOCK_TIMEOUT,
    Importer,
    NotLoaded,
    Progress,
    run_import,
)
from bilateral_db.imports.release import Finding, ImportResult
from bilateral_db.resources import datasets_dir
from bilateral_db.writing.errors import FileError as ImportFileError
from bilateral_db.writing.errors import Problem as ImportProblem

__all__ = [
    "BUNDLED",
    "IMPORTERS",
    "Finding",
    "ImportFileError",
    "ImportProblem",
    "ImportResult",
    "Importer",
    "NotLoaded",
    "bundled_path",
    "import_dataset",
]

# In import order: the state lists first (the others' codes are checked against them). Each
# importer's module is imported when it is first asked for: an import reads one data set, and
# the others' modules (XML readers, mappings) would only slow its start (an unchanged file's
# import is mostly start-up).
_MODULES: dict[str, str] = {
    "cow-states": "cow_states:CowStatesImporter",
    "gw-states": "gw_states:GwStatesImporter",
    "cow-igo": "cow_igo:CowIgoImporter",
    "archigos": "archigos:ArchigosImporter",
    "cow-trade": "cow_trade:CowTradeImporter",  # not bundled: the file is too large to ship
    # Trade files (docs/trade-files.md): UN Comtrade bulk files, several one release, and the
    # tidy trade CSV.
    "comtrade": "comtrade:ComtradeImporter",
    "trade": "tidy_trade:TidyTradeImporter",
    # The Office of the Historian's records: directories of XML (or their repositories'
    # archives), after Archigos, whose leaders their travellers and visitors are linked to;
    # the chiefs of mission and principal officers first, whose people the travels share.
    "pocom": "pocom:PocomImporter",
    "hsg-travels": "hsg_travels:HsgTravelsImporter",
    "hsg-visits": "hsg_visits:HsgVisitsImporter",
}


class _Importers(Mapping[str, Importer]):
    """Name -> importer, in import order; each made (its module imported) on first use."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = modules
        self._made: dict[str, Importer] = {}

    def __getitem__(self, name: str) -> Importer:
        made = self._made.get(name)
        if made is None:
            module, _, cls = self._modules[name].partition(":")
            made = getattr(import_module(f"{__name__}.{module}"), cls)()
            self._made[name] = made
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


IMPORTERS: Mapping[str, Importer] = _Importers(_MODULES)
# The data sets shipped in the package (datasets/README.md): name -> file below datasets/.
BUNDLED: dict[str, str] = {
    "cow-states": "cow/states2016.csv",
    "gw-states": "gw/gw_states.csv",
    "cow-igo": "cow/state_year_formatv3.csv.gz",
    "archigos": "archigos/archigos_4.1_subset.csv",
    "pocom": "hsg/pocom.zip",
    "hsg-travels": "hsg/travels.zip",
    "hsg-visits": "hsg/visits.zip",
}


def bundled_path(name: str) -> Path:
    return datasets_dir() / BUNDLED[name]


def recognise(name: str) -> Callable[[Sequence[str]], str | None]:
    """Which other data set a header is, by the columns each importer requires."""

    def other(columns: Sequence[str]) -> str | None:
        present = set(columns)
        for other_name, importer in IMPORTERS.items():
            required = set(importer.required)  # empty: read by a layout of its own (comtrade)
            if other_name != name and required and required <= present:
                return f"{importer.dataset.title} (`bilateral-db import {other_name}`)"
        return None

    return other


def import_dataset(
    engine: Engine,
    name: str,
    path: Path | Sequence[Path],
    *,
    version: str | None = None,
    progress: Progress | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    force: bool = False,
) -> ImportResult:
    """Import `path` as a release of the data set `name` (a key of IMPORTERS); several paths
    are one release where the data set reads several (comtrade); `force` writes the release
    again even when the same file is already imported."""
    return run_import(
        engine,
        IMPORTERS[name],
        path,
        version=version,
        progress=progress,
        lock_timeout=lock_timeout,
        force=force,
        recognise=recognise(name),
    )
