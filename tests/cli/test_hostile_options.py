"""Hostile text through every option and argument of every command: no traceback, no change.

The commands and their parameters are read from the CLI itself, so a new command or option is
covered without touching this file; BASE gives each command a valid, harmless invocation
into which one hostile value at a time is put. Passwords in URLs are never printed.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilateral_db.cli import app
from bilateral_db.db import make_engine

runner = CliRunner()
FIXTURES = "<fixtures>"  # stands for a copy of the small fixture set
OUT = "<out>"  # stands for a file in the test's directory

HOSTILE = [
    "'; DROP TABLE country; --",
    '" OR 1=1 --',
    "%s %d %% %(x)s {0} {x}",
    "[/x]",
    "[bold red]loud[/] [link=file:///etc/passwd]x[/link]",
    "x" * 100_000,
    "\u202eevil\u200b\ufeff\U0001f600 Zürich Ꭰ 東京",
    "\x00nul",
    "\udcff\udc80",  # what Python makes of bytes in argv that are not UTF-8
    "-1",
    "99999999999999999999999999",
    "nan",
    "9999-12-31",
    "../../../../etc/passwd",
    "",
]
PASSWORD_URL = "postgresql://someone:hunter2@127.0.0.1:1/nowhere"

# A valid, harmless call of each command: positional arguments, then options.
BASE: dict[tuple[str, ...], tuple[list[str], dict[str, str]]] = {
    ("validate",): ([FIXTURES], {}),
    ("load",): ([FIXTURES], {}),  # the fixtures already loaded: changes nothing
    ("quickstart",): ([], {"--db": "sqlite:///<out>"}),  # never at the test's database
    ("db", "upgrade"): ([], {}),
    ("db", "downgrade"): (["base"], {}),  # asks, and without a terminal does nothing
    ("db", "current"): ([], {}),
    ("db", "history"): ([], {}),
    ("db", "check"): ([], {}),
    ("db", "grant"): ([], {"--readonly": "nobody_here"}),
    ("report", "members"): (["ASEAN"], {"--on": "2019-08-01"}),
    ("report", "timeline"): (["ASEAN"], {}),
    ("report", "officials"): (["THA"], {}),
    ("report", "terms"): (["sergey-lavrov"], {}),
    ("report", "envoys"): (["USA", "THA"], {}),
    ("report", "relations"): (["PAN"], {}),
    ("report", "region"): (["AFRICA"], {}),
    ("report", "meetings"): ([], {"--country": "RUS"}),
    ("report", "meeting"): (["amm-52"], {}),
    ("report", "trade"): (["RUS", "ASEAN"], {}),
    ("report", "dyad"): (["RUS", "ASEAN"], {}),
    ("report", "country"): (["THA"], {}),
    ("report", "agreement"): (["asean-russia-cpa-2016-2020"], {}),
    ("export", "panel"): ([], {"--out": OUT}),
    ("docs", "schema"): ([], {"--check": ""}),  # compares only: writes nothing
    ("docs", "tables"): ([], {"--check": ""}),
    ("docs", "datasette"): ([], {"--out": OUT}),
    ("serve",): ([], {}),  # uvicorn.run is replaced: nothing listens
    ("sources",): ([], {}),
    ("report", "countries"): ([], {}),
    ("report", "blocs"): ([], {}),
    ("report", "agreements"): ([], {}),
    ("report", "sources"): ([], {}),
    ("report", "findings"): (["cow-igo"], {}),
    ("report", "disagreements"): ([], {"--bloc": "ASEAN"}),
    # The database holds these files already: importing them again changes nothing.
    **{
        ("import", name): ([f"<{name}>"], {})
        for name in (
            "cow-states",
            "gw-states",
            "cow-igo",
            "archigos",
            "pocom",
            "hsg-travels",
            "hsg-visits",
        )
    },
    # COW Trade is not shipped: a file of another layout is refused whole (no COW Trade columns).
    ("import", "cow-trade"): (["<cow-states>"], {}),
    # Trade files: a file of another layout is refused whole (neither Comtrade's nor tidy).
    ("import", "comtrade"): (["<cow-states>"], {}),
    ("import", "trade"): (["<cow-states>"], {}),
}
NO_DATABASE = {
    ("validate",),
    ("db", "history"),
    ("docs", "schema"),
    ("docs", "tables"),
    ("quickstart",),
}


def _commands() -> Iterator[tuple[tuple[str, ...], Any]]:
    def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, (*path, name))
        else:
            yield path, command

    yield from walk(typer.main.get_command(app), ())


COMMANDS = dict(_commands())
# A valid version is a new release of the data set, replacing the one held: a change by design.
CHANGES_BY_DESIGN = {"--version"}
# (command, parameter): every parameter that takes a value (flags take none).
TARGETS = [
    (path, param.opts[0])
    for path, command in COMMANDS.items()
    for param in command.params
    if not getattr(param, "is_flag", False) and param.opts[0] not in CHANGES_BY_DESIGN
]


def test_every_command_has_a_harmless_base_call() -> None:
    assert set(COMMANDS) == set(BASE), "add the new command to BASE"


def _argv(
    path: tuple[str, ...], target: str | None, value: str, where: dict[str, str]
) -> list[str]:
    positionals, options = BASE[path]
    positionals, options = list(positionals), dict(options)
    if path not in NO_DATABASE:
        options.setdefault("--db", where["db"])
    command = COMMANDS[path]
    names = [p.opts[0] for p in command.params if p.param_type_name == "argument"]
    if target in names:
        index = names.index(target)
        positionals += [""] * (index + 1 - len(positionals))
        positionals[index] = value
    elif target is not None:
        options[target] = value
    argv = [*path]
    for item in positionals:
        argv.append(where.get(item, item.replace(FIXTURES, where["fixtures"])))
    for name, item in options.items():
        argv.append(name)
        if item:
            argv.append(item.replace(OUT, where["out"]).replace(FIXTURES, where["fixtures"]))
    return argv


def _run(argv: list[str]) -> Any:
    result = runner.invoke(app, argv)
    shown = " ".join(a[:40] for a in argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        shown,
        repr(result.exception),
    )
    assert "Traceback" not in result.output, shown
    if "Try 'bilateral-db" not in result.output:  # Typer's own usage errors quote values whole
        assert len(result.output) < 20_000, (shown, "a message repeated a hostile value")
    return result


@pytest.fixture
def where(
    small_imported_url: str, small_fixtures: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    import uvicorn

    from bilateral_db.api.server import MAX_AGE_ENV
    from bilateral_db.imports import BUNDLED, bundled_path
    from bilateral_db.settings import DATABASE_URL_ENV

    monkeypatch.chdir(tmp_path)  # whatever a hostile path creates, it creates here
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    for name in (DATABASE_URL_ENV, MAX_AGE_ENV):  # serve sets them; they must not leak
        monkeypatch.delenv(name, raising=False)
    paths = {f"<{name}>": str(bundled_path(name)) for name in BUNDLED}
    return {
        "db": small_imported_url,
        "fixtures": str(small_fixtures.path),
        "out": "out.csv",
        **paths,
    }


def test_one_hostile_value_in_every_parameter_changes_nothing(
    where: dict[str, str], snapshot: Any
) -> None:
    engine = make_engine(where["db"])
    try:
        before = snapshot(engine)
        for path, target in TARGETS:
            # Each parameter gets a different hostile value, rotating through the list.
            pick = zlib.crc32(" ".join((*path, target)).encode()) % len(HOSTILE)
            for value in (HOSTILE[pick], HOSTILE[(pick + 1) % len(HOSTILE)]):
                _run(_argv(path, target, value, where))
        assert snapshot(engine) == before
    finally:
        engine.dispose()


EXAMPLES = 60 * int(os.environ.get("BILATERAL_FAULT_SCALE", "1"))


@pytest.mark.fault
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    target=st.sampled_from(TARGETS),
    value=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40)),
)
def test_random_hostile_values_change_nothing(
    where: dict[str, str], snapshot: Any, target: tuple[tuple[str, ...], str], value: str
) -> None:
    engine = make_engine(where["db"])
    try:
        # Every example runs on the same database (the fixture is the test's), and each is
        # checked against it as it was before the first: taken once, not once an example.
        before = _BEFORE.get(where["db"])
        if before is None:
            before = _BEFORE[where["db"]] = snapshot(engine)
        _run(_argv(target[0], target[1], value, where))
        assert snapshot(engine) == before
    finally:
        engine.dispose()


_BEFORE: dict[str, Any] = {}  # database URL -> its snapshot before the first example


def test_hostile_versions_are_refused_and_change_nothing(
    where: dict[str, str], snapshot: Any
) -> None:
    engine = make_engine(where["db"])
    try:
        before = snapshot(engine)
        from bilateral_db.imports.release import VERSION_PATTERN

        for value in [value for value in HOSTILE if not VERSION_PATTERN.fullmatch(value)]:
            result = _run(_argv(("import", "gw-states"), "--version", value, where))
            assert result.exit_code == 2, value[:40]
            assert "--version" in result.output
        assert snapshot(engine) == before
    finally:
        engine.dispose()


def test_passwords_in_urls_are_never_printed(where: dict[str, str]) -> None:
    for path, command in COMMANDS.items():
        if not any(p.opts[0] == "--db" for p in command.params):
            continue
        result = _run(_argv(path, "--db", PASSWORD_URL, where))
        assert "hunter2" not in result.output, path
    env_result = runner.invoke(app, ["db", "current"], env={"BILATERAL_DB_URL": PASSWORD_URL})
    assert env_result.exit_code == 1
    assert "hunter2" not in env_result.output
    assert "***" in env_result.output
