"""Request hooks around every platform API call: the call log, armed faults, rate headers, resets.

Before the platform's view runs, the call is logged and may meet an armed fault (an error in
the platform's own shape, a delay, a dropped connection). After it, the platform's rate-limit
headers are added, and a fault armed for the response (a delay or a body cut halfway) applies.
"""

from __future__ import annotations

import re
import socket
import struct
import time
from collections.abc import Iterator
from typing import Any

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from sosmed.sandbox.core import Ctx, PlatformApi, Reply, ResetConnection, error_reply
from sosmed.sandbox.errors import ApiError
from sosmed.sandbox.state import Store


def abort_connection(environ: dict[str, Any]) -> None:
    """Turn the close of this request's socket into a TCP reset, as a dropped connection looks."""
    sock = environ.get("werkzeug.socket")
    if sock is None:
        return
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def take_fault(store: Store, platform: str, method: str, path: str) -> dict[str, Any] | None:
    """The first armed fault matching this call (one use of it is spent), or None."""
    with store.lock:
        for fault in store.faults:
            if fault["platform"] != platform:
                continue
            if fault.get("method") and fault["method"].upper() != method:
                continue
            if not re.search(fault["path"], path):
                continue
            fault["remaining"] -= 1
            if fault["remaining"] <= 0:
                store.faults.remove(fault)
            return dict(fault)
    return None


def truncated(resp: Response) -> Response:
    """A response whose body stops halfway, then the connection is reset."""
    data = resp.get_data()
    half = max(1, len(data) // 2)
    environ = request.environ

    def body() -> Iterator[bytes]:
        yield data[:half]
        abort_connection(environ)

    out = Response(body(), status=resp.status_code, headers=dict(resp.headers))
    out.headers["Content-Length"] = str(max(len(data), 2))
    return out


def _platform_of(platforms: dict[str, PlatformApi]) -> PlatformApi | None:
    return platforms.get(request.path.split("/", 2)[1])


def _log(store: Store, api: PlatformApi, path: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "seq": 0, "time": time.time(), "method": request.method, "platform": api.name, "path": path,
        "query": request.query_string.decode("latin-1"), "status": None, "fault": None,
        "content_range": request.headers.get("Content-Range"), "content_length": request.content_length,
    }
    with store.lock:
        entry["seq"] = len(store.calls) + 1
        store.calls.append(entry)
    return entry


def _apply_fault(api: PlatformApi, ctx: Ctx, fault: dict[str, Any]) -> None:
    """What an armed fault does before the view: wait, cut the connection, or answer an error."""
    kind = fault["kind"]
    if kind == "delay":
        if fault.get("stage") == "before":
            time.sleep(float(fault.get("delay", 30)))
        return
    if kind == "reset":
        if fault.get("stage") == "response":
            return
        view = request.url_rule and _view(request.url_rule.endpoint)
        if view is not None and getattr(view, "streams", False) and fault.get("after_bytes") is not None:
            ctx.reset_after = int(fault["after_bytes"])
            return
        raise ResetConnection()
    raise api.fault_error(ctx, fault)


def _view(endpoint: str) -> Any:
    return current_app.view_functions.get(endpoint)


def _before(store: Store, platforms: dict[str, PlatformApi]) -> None:
    api = _platform_of(platforms)
    if api is None:
        return
    path = request.path[len(api.name) + 1:] or "/"
    g.sandbox_api = api
    g.sandbox_entry = _log(store, api, path)
    g.sandbox_ctx = ctx = Ctx(store, request._get_current_object(), api.name, path)  # type: ignore[attr-defined]
    g.sandbox_fault = fault = take_fault(store, api.name, request.method, path)
    if fault:
        g.sandbox_entry["fault"] = fault["kind"]
        _apply_fault(api, ctx, fault)


def _after(response: Response) -> Response:
    api: PlatformApi | None = g.get("sandbox_api")
    if api is None or g.get("sandbox_reset"):
        return response
    ctx: Ctx = g.sandbox_ctx
    fault = g.get("sandbox_fault")
    reply = g.get("sandbox_reply") or Reply(None, response.status_code)
    if fault and fault.get("retry_after") is not None and response.status_code >= 400:
        # An armed error may say how long to wait (HTTP Retry-After); tests use 0 to wait for nothing.
        response.headers.setdefault("Retry-After", str(int(float(fault["retry_after"]))))
    for key, value in api.rate_headers(ctx, reply).items():
        if key not in response.headers:
            response.headers[key] = value
    g.sandbox_entry["status"] = response.status_code
    if fault and fault["kind"] == "delay" and fault.get("stage") != "before":
        time.sleep(float(fault.get("delay", 30)))
    if fault and fault["kind"] == "reset":
        g.sandbox_entry["status"] = "reset"
        return truncated(response)
    return response


def install(app: Flask, store: Store, platforms: dict[str, PlatformApi]) -> None:
    """Register the hooks and the error handlers that keep every answer in the platform's shape."""
    app.before_request(lambda: _before(store, platforms))
    app.after_request(_after)

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        g.sandbox_reply = reply = error_reply(exc)
        return reply.response()

    @app.errorhandler(ResetConnection)
    def _reset(_: ResetConnection) -> Response:
        g.sandbox_reset = True
        if g.get("sandbox_entry") is not None:
            g.sandbox_entry["status"] = "reset"
        abort_connection(request.environ)
        return Response(b"", status=500)

    @app.errorhandler(HTTPException)
    def _routing(exc: HTTPException) -> Response | HTTPException:
        api: PlatformApi | None = g.get("sandbox_api")
        if api is None or exc.code not in (404, 405):
            return exc
        # An unknown path (or a method the path does not take) answers in the platform's own shape.
        return _api_error(api.not_found(g.sandbox_ctx))
