"""Every writing command, as the crash, concurrency and hostile-file suites drive it.

A Writer names a command, how to call it on an input and a database, and two valid inputs
("a" and "b") whose writes move the database from one state to the other and back. It also
carries how to put the database in an input's state in-process, how to tell whether the
database holds an input's state, and a signature a reader takes in one snapshot, so the suites
never ask which command it is. `load` and each bulk importer are one entry in WRITERS.
"""

from __future__ import annotations

import csv
import functools
import gzip
import itertools
import shutil
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text

SMALL_FIXTURES = Path(__file__).resolve().parent.parent / "data" / "small_fixtures"
TRADE_COLUMNS = [
    "reporter",
    "partner",
    "period",
    "flow",
    "category",
    "valuation",
    "status",
    "value",
    "currency",
    "qualifier",
    "sources",
    "confidence",
    "note",
]


@dataclass(frozen=True)
class Writer:
    """A command that writes: its argv for an input and a database, two valid inputs, and how
    to set, recognise and read the state each input leaves."""

    name: str
    argv: Callable[[Path, str], list[str]]
    inputs: Callable[[Path, int], tuple[Path, Path]]  # (directory, size) -> (a, b)
    write: Callable[[Engine, Path], None]  # put the database in the input's state, in-process
    holds: Callable[[Engine, Path], bool]  # whether the database is in the input's state
    signature: Callable[[Connection], Hashable]  # what a reader sees, in one snapshot
    database: str = "fresh_migrated_url"  # the conftest fixture the writer starts from
    impatient: tuple[str, ...] = ()  # options that make it give up at once on a busy database
    kills: int = 20  # SIGKILLs per backend in the crash suite (times BILATERAL_FAULT_SCALE)
    # When the kills fall, as shares of one whole run (start-up included): load's start-up is
    # about the first 40 %; an import's start-up is most of its run.
    window: tuple[float, float] = (0.4, 1.0)
    # Seconds: every other kill waits until the writer is inside its transaction, then falls
    # up to this much later (0: only moments of the whole run).
    aimed: float = 0.0


def synthetic_trade_rows(count: int) -> list[list[str]]:
    """`count` distinct trade figures between ISO countries (they exist in the small set)."""
    import pycountry

    codes = sorted(country.alpha_3 for country in pycountry.countries)[:40]
    pairs = itertools.permutations(codes, 2)
    keys = (
        (a, b, year, flow)
        for a, b in pairs
        for year in range(1990, 2020)
        for flow in ("export", "import")
    )
    return [
        [
            a,
            b,
            str(year),
            flow,
            "all-goods",
            "not_stated",
            "observed",
            f"{(i * 7919) % 10_000_000}.{i % 100:02d}",
            "USD",
            "exact",
            "asean-members",
            "",
            "",
        ]
        for i, (a, b, year, flow) in enumerate(itertools.islice(keys, count))
    ]


def fixture_inputs(directory: Path, size: int) -> tuple[Path, Path]:
    """a: the small fixture set; b: the same with `size` more trade figures and edits."""
    a, b = directory / "a", directory / "b"
    shutil.copytree(SMALL_FIXTURES, a)
    shutil.copytree(SMALL_FIXTURES, b)
    topics = b / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace("name: Energy", "name: Energy policy")
        + "- {slug: tourism, name: Tourism}\n",
        encoding="utf-8",
    )
    with (b / "trade_figures.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(synthetic_trade_rows(size))
    return a, b


def load_argv(path: Path, url: str) -> list[str]:
    return ["load", str(path), "--prune", "--yes", "--wait", "120", "--db", url]


@functools.cache
def _fixture_set(path: Path) -> object:
    from bilateral_db.fixtures import read_fixture_set

    return read_fixture_set([path])


def _load(engine: Engine, path: Path) -> None:
    from bilateral_db.load import load_fixture_set

    load_fixture_set(engine, _fixture_set(path), prune=True)  # type: ignore[arg-type]


def _loaded(engine: Engine, path: Path) -> bool:
    from bilateral_db.load import load_fixture_set

    check = load_fixture_set(engine, _fixture_set(path), prune=True, dry_run=True)  # type: ignore[arg-type]
    return not check.changed


def _topics_and_trade(connection: Connection) -> Hashable:
    """The topic names and the number of trade figures: input a and b differ in both."""
    names = tuple(connection.execute(text("SELECT name FROM topic ORDER BY name")).scalars())
    count = connection.execute(text("SELECT count(*) FROM trade_figure")).scalar_one()
    return names, int(count)


# --- the bulk importers ---------------------------------------------------------------------

DATASET_SLICES = SMALL_FIXTURES.parent / "datasets"


def importer_source(name: str) -> Path:
    """The valid file an importer's inputs are made from: a slice of the real file where the
    tests hold one (cow-igo, archigos, the chiefs of mission), a generated Comtrade file, the
    tidy trade sample, else the small file shipped with the package."""
    from bilateral_db.imports import bundled_path

    slices = {
        "cow-igo": DATASET_SLICES / "cow_igo_slice.csv.gz",
        "archigos": DATASET_SLICES / "archigos_slice.csv",
        "trade": DATASET_SLICES / "comtrade" / "tidy_sample.csv",
        "pocom": DATASET_SLICES / "hsg" / "pocom",
    }
    if name == "comtrade":
        return comtrade_source()
    return slices.get(name) or bundled_path(name)


COMTRADE_ROWS = 600  # generated rows; those between two countries of ours are kept
NOT_COUNTRIES = {"0", "899", "490", "837", "838", "839"}  # World, areas n.e.s., specials


@functools.cache
def comtrade_source() -> Path:
    """A legacy-layout Comtrade file from bench/generate_comtrade.py, of figures between
    countries only (every row is a figure, so a row given twice or changed is one), in ASCII."""
    import importlib.util
    import tempfile

    generator = Path(__file__).resolve().parents[2] / "bench" / "generate_comtrade.py"
    spec = importlib.util.spec_from_file_location("generate_comtrade_writers", generator)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    directory = Path(tempfile.mkdtemp(prefix="comtrade-source-"))
    (generated,) = module.write(directory / "generated", COMTRADE_ROWS, layout="legacy")
    rows = list(csv.reader(generated.read_text(encoding="utf-8").splitlines()))
    partner = rows[0].index("Partner Code")
    # ASCII rows only: a name saved in Windows-1252 (the hostile-file suite) is then the one
    # cell that is not UTF-8.
    figures = (r for r in rows[1:] if r[partner] not in NOT_COUNTRIES and "".join(r).isascii())
    kept = [rows[0], *figures]
    path = directory / "comtrade.csv"
    _write_csv(path, kept)
    return path


def read_csv_text(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8-sig")


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    body = _csv_text(rows).encode("utf-8")
    path.write_bytes(gzip.compress(body, mtime=0) if path.name.endswith(".gz") else body)


def _csv_text(rows: list[list[str]]) -> str:
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _import_inputs(name: str) -> Callable[[Path, int], tuple[Path, Path]]:
    """b: the valid file as it is; a: the same with rows (and, for cow-igo, an IGO) dropped,
    so that moving between them deletes and writes rows, people, posts or blocs."""

    def inputs(directory: Path, _size: int) -> tuple[Path, Path]:
        source = importer_source(name)
        suffix = ".csv.gz" if source.name.endswith(".gz") else ".csv"
        a, b = directory / f"{name}-a{suffix}", directory / f"{name}-b{suffix}"
        directory.mkdir(parents=True, exist_ok=True)
        rows = list(csv.reader(read_csv_text(source).splitlines()))
        header, body = rows[0], rows[1:]
        if name == "cow-igo":  # the last IGO and one state's rows gone
            dropped = body[0][0]
            kept = [row[:-1] for row in body if row[0] != dropped]
            _write_csv(a, [header[:-1], *kept])
        else:  # every seventh spell gone
            _write_csv(a, [header, *(row for i, row in enumerate(body) if i % 7 != 3)])
        _write_csv(b, rows)
        return a, b

    return inputs


def _record_set_inputs(directory: Path, _size: int) -> tuple[Path, Path]:
    """b: the chiefs of mission's slice; a: the same without the Netherlands' chiefs (the
    government in exile's posts and terms go and come back)."""
    source = importer_source("pocom")
    a, b = directory / "pocom-a", directory / "pocom-b"
    shutil.copytree(source, a)
    shutil.copytree(source, b)
    (a / "missions-countries" / "netherlands.xml").unlink()
    return a, b


def _digest(name: str, path: Path) -> str:
    """The hash the importer records for its input (a record set's covers its files)."""
    from bilateral_db.imports import IMPORTERS

    importer = IMPORTERS[name]
    with importer.open(path) as data:
        return importer.digest(path, data)


def _importer(name: str) -> Writer:
    from bilateral_db.imports import IMPORTERS

    dataset = IMPORTERS[name].dataset.dataset

    def write(engine: Engine, path: Path) -> None:
        from bilateral_db.imports import import_dataset

        import_dataset(engine, name, path)

    def held(connection: Connection) -> tuple[int, str] | None:
        row = connection.execute(
            text("SELECT id, file_sha256 FROM release WHERE dataset = :d"), {"d": dataset}
        ).first()
        return None if row is None else (int(row[0]), str(row[1]))

    def holds(engine: Engine, path: Path) -> bool:
        with engine.connect() as connection:
            release = held(connection)
        return release is not None and release[1] == _digest(name, path)

    def signature(connection: Connection) -> Hashable:
        """The release's file and how many rows of each kind it owns: a reader seeing a file
        with another file's rows would see a mix."""
        from bilateral_db.imports.release import RELEASE_ROWS

        release = held(connection)
        if release is None:
            return None
        owned = [*RELEASE_ROWS, "person", "post", "bloc", "release_count", "release_finding"]
        counts = tuple(
            int(
                connection.execute(
                    text(f"SELECT count(*) FROM {table} WHERE release_id = :r"),
                    {"r": release[0]},
                ).scalar_one()
            )
            for table in owned
        )
        return release[1], counts

    return Writer(
        f"import-{name}",
        lambda path, url: ["import", name, str(path), "--wait", "120", "--db", url],
        _record_set_inputs if name == "pocom" else _import_inputs(name),
        write,
        holds,
        signature,
        database="curated_url",
        impatient=("--wait", "0"),
        kills=5,
        window=(0.6, 1.05),
        aimed=0.1,
    )


# The importers of CSV files (the hostile-file suite mutates their cells), then every importer.
CSV_IMPORT_NAMES = ("cow-states", "gw-states", "cow-igo", "archigos", "comtrade", "trade")
IMPORT_NAMES = (*CSV_IMPORT_NAMES, "pocom")
IMPORT_WRITERS: list[Writer] = [_importer(name) for name in IMPORT_NAMES]
LOAD = Writer(
    "load",
    load_argv,
    fixture_inputs,
    _load,
    _loaded,
    _topics_and_trade,
    impatient=("--wait", "0"),
)
WRITERS: list[Writer] = [LOAD, *IMPORT_WRITERS]
