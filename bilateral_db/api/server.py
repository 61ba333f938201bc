"""The application uvicorn's workers build: configured through the environment, because each
worker process imports it afresh (`bilateral-db serve` sets these before starting them)."""

from __future__ import annotations

import os

from fastapi import FastAPI

from bilateral_db.api.app import create_app

MAX_AGE_ENV = "BILATERAL_API_MAX_AGE"


def app_from_environment() -> FastAPI:
    """The API over $BILATERAL_DB_URL (else bilateral.sqlite), max-age $BILATERAL_API_MAX_AGE."""
    return create_app(max_age=int(os.environ.get(MAX_AGE_ENV, "0") or 0))
