"""The API over the bundled data, per backend, through FastAPI's test client."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():  # Starlette's test client warns that it will move off httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from fastapi import FastAPI

from bilateral_db.api import create_app


@pytest.fixture(scope="session")
def api_app(loaded_url: str) -> Iterator[FastAPI]:
    app = create_app(loaded_url)
    yield app
    app.state.engine.dispose()


@pytest.fixture(scope="session")
def client(api_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(api_app) as test_client:
        yield test_client
