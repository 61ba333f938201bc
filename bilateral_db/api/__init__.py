"""The read-only HTTP JSON API (`bilateral-db serve`; needs the `api` extra: FastAPI, uvicorn).

`create_app(url)` builds the FastAPI application; routes are thin over the answer layer and
hold no SQL of their own.
"""

from bilateral_db.api.app import create_app

__all__ = ["create_app"]
