"""Which database a command talks to, and how its URL may be shown."""

from __future__ import annotations

import pytest

from bilateral_db.settings import DATABASE_URL_ENV, redact_url, resolve_database_url


def test_explicit_url_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "sqlite:///from-env.sqlite")
    assert resolve_database_url("sqlite:///explicit.sqlite") == "sqlite:///explicit.sqlite"


def test_environment_wins_over_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "sqlite:///from-env.sqlite")
    assert resolve_database_url(None) == "sqlite:///from-env.sqlite"


def test_default_is_embedded_sqlite_in_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    assert resolve_database_url(None) == "sqlite:///bilateral.sqlite"


def test_plain_postgresql_urls_use_psycopg3() -> None:
    assert resolve_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_passwords_are_never_shown() -> None:
    shown = redact_url("postgresql+psycopg://alice:s3cret@db.example/bilateral")
    assert "s3cret" not in shown and "alice" in shown
