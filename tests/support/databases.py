"""Test databases: empty ones, clones, and templates built once per run.

Migrating a database takes seconds on PostgreSQL; a copy of a migrated one takes a fraction of
that (PostgreSQL `CREATE DATABASE … TEMPLATE`, SQLite a file copy). So a test that needs a
migrated or loaded database gets a clone of a template, and each template is built once per
run however many xdist workers there are: the first worker that asks builds it while holding a
lock file in the run's directory, the others wait for it and clone it. A built PostgreSQL
template refuses connections, so no test can change what the others clone; the controller
process drops the templates when the run ends (`drop_templates`).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from filelock import FileLock
from psycopg import sql
from sqlalchemy.engine import make_url

PG_ADMIN_URL = os.environ.get(
    "BILATERAL_TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ("sqlite", "postgresql")
IN_CI = os.environ.get("CI", "").lower() == "true"
PREFIX = "bilateral_test_"


def pg_admin() -> psycopg.Connection:
    return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)


def require_postgresql() -> None:
    """Skip (fail under CI=true) when the PostgreSQL server cannot be reached."""
    try:
        with pg_admin():
            pass
    except psycopg.OperationalError as error:
        reason = (
            f"PostgreSQL at {make_url(PG_ADMIN_URL).render_as_string()} is unreachable: {error}"
        )
        if IN_CI:
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(f"!!! SKIPPING POSTGRESQL TESTS: {reason}")


def _new_name() -> str:
    return f"{PREFIX}{uuid.uuid4().hex[:12]}"


def _pg_url(name: str) -> str:
    return (
        make_url(PG_ADMIN_URL)
        .set(drivername="postgresql+psycopg", database=name)
        .render_as_string(hide_password=False)
    )


def _drop_pg(names: list[str]) -> None:
    with pg_admin() as admin:
        for name in names:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


class DatabaseFactory:
    """Creates databases for one backend in one process and removes them all at the end.

    Names are random and SQLite files live in the process's own temporary directory, so
    nothing one worker creates is seen by another.
    """

    def __init__(self, backend: str, tmp_dir: Path) -> None:
        self.backend = backend
        self.tmp_dir = tmp_dir
        self.created: list[str] = []
        self._dropper: ThreadPoolExecutor | None = None
        self._dropping: list[Future[None]] = []

    def create(self) -> str:
        """A brand-new empty database."""
        name = _new_name()
        if self.backend == "sqlite":
            return f"sqlite:///{self.tmp_dir / f'{name}.sqlite'}"
        require_postgresql()
        with pg_admin() as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.created.append(name)
        return _pg_url(name)

    def clone(self, template_url: str) -> str:
        """A copy of a database nobody is connected to: cheaper than migrating again."""
        if self.backend == "sqlite":
            url = self.create()
            shutil.copyfile(make_url(template_url).database or "", make_url(url).database or "")
            return url
        name = _new_name()
        template = make_url(template_url).database or ""
        with pg_admin() as admin:
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        self.created.append(name)
        return _pg_url(name)

    def drop(self, url: str) -> None:
        """Drop one database as soon as its test ends: a server holding every clone of a run
        until the end grows by gigabytes (and a hot standby of it copies them all).

        PostgreSQL drops in threads of the factory's own while the next test runs: nothing
        needs the name back, and a DROP DATABASE waits on the whole server (2 to 15 s each on
        a busy one, measured), a wait that several drops at once share."""
        name = make_url(url).database or ""
        if self.backend == "sqlite":
            Path(name).unlink(missing_ok=True)
            return
        if name in self.created:
            self.created.remove(name)
        if self._dropper is None:
            self._dropper = ThreadPoolExecutor(max_workers=4, thread_name_prefix="drop-database")
        self._dropping.append(self._dropper.submit(_drop_pg, [name]))

    def drop_all(self) -> None:
        """Drop what is left, once the drops under way have ended (their errors raised)."""
        if self._dropper is not None:
            self._dropper.shutdown(wait=True)
            self._dropper = None
        dropping, self._dropping = self._dropping, []
        if self.created:
            _drop_pg(self.created)
            self.created.clear()
        for future in dropping:
            future.result()


def run_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory every process of this run shares: under xdist each worker's base
    temporary directory is a subdirectory of the controller's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


class Templates:
    """Databases of one backend built once per run and only ever cloned.

    `url(name, build, base=...)` returns the template called `name`, built on first use by
    `build(url)` from a clone of the template `base` (or from an empty database), once for
    the whole run: the record of a built template is a file in the run's directory, written
    under a lock so that a worker asking while another builds waits for it.
    """

    def __init__(self, factory: DatabaseFactory, run_dir: Path) -> None:
        self.factory = factory
        self.run_dir = run_dir
        self.built: dict[str, str] = {}

    def url(self, name: str, build: Callable[[str], None], *, base: str | None = None) -> str:
        if name not in self.built:
            record = self.run_dir / f"template-{self.factory.backend}-{name}.url"
            with FileLock(f"{record}.lock"):
                if not record.exists():
                    record.write_text(self._build(build, base), encoding="utf-8")
                self.built[name] = record.read_text(encoding="utf-8")
        return self.built[name]

    def _build(self, build: Callable[[str], None], base: str | None) -> str:
        if self.factory.backend == "sqlite":
            # The run's directory, not the worker's: every worker copies the same file.
            url = f"sqlite:///{self.run_dir / f'{_new_name()}.sqlite'}"
            if base is not None:
                shutil.copyfile(make_url(base).database or "", make_url(url).database or "")
        else:
            url = self.factory.create() if base is None else self.factory.clone(base)
            # Recorded for the run, not the worker: the controller drops it at the end.
            self.factory.created.remove(make_url(url).database or "")
        try:
            build(url)
        except BaseException:
            _forget(url)
            raise
        if self.factory.backend == "postgresql":
            with pg_admin() as admin:
                admin.execute(
                    sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(
                        sql.Identifier(make_url(url).database or "")
                    )
                )
        return url


def _forget(url: str) -> None:
    """Remove a template database or file."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database or "").unlink(missing_ok=True)
    else:
        _drop_pg([parsed.database or ""])


def drop_templates(run_dir: Path) -> None:
    """Remove every template the run built; called once, by the controller, at the end."""
    for record in sorted(run_dir.glob("template-*.url")):
        url = record.read_text(encoding="utf-8")
        if url.startswith("sqlite") or _reachable():
            _forget(url)
        record.unlink()


def _reachable() -> bool:
    try:
        with pg_admin():
            return True
    except psycopg.OperationalError:
        return False
