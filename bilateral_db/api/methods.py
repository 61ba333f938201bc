"""Only reading is routed: HEAD is answered as GET without a body, a plain OPTIONS lists the
methods, and everything else gets 405 from the router (no route accepts another method)."""

from __future__ import annotations

from typing import Any

ALLOWED = "GET, HEAD, OPTIONS"


class ReadOnlyMethods:
    """ASGI middleware for HEAD and OPTIONS (CORS preflights pass through to CORSMiddleware)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        headers = dict(scope.get("headers") or [])
        if method == "OPTIONS" and b"access-control-request-method" not in headers:
            await send(
                {
                    "type": "http.response.start",
                    "status": 204,
                    "headers": [(b"allow", ALLOWED.encode())],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        if method != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
