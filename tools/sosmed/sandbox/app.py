"""The Flask application: one prefix per platform, then the platform's real API path.

Every API call goes through :func:`_api`: it is logged, may meet an armed fault,
is dispatched to the platform module (which checks the token and answers in the
platform's shape) and gets the platform's rate-limit headers.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from flask import Flask, Request, Response, request

from sosmed.sandbox.errors import ApiError
from sosmed.sandbox.settings import MIB
from sosmed.sandbox.state import Store

READ_CHUNK = 1 * MIB


class ResetConnection(Exception):  # noqa: N818 - a signal, not an error
    """Raised inside a handler to drop the connection without an answer."""


@dataclass
class Reply:
    """What a handler answers: JSON body (or raw bytes), status and headers."""

    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    content_type: str = "application/json; charset=UTF-8"


@dataclass
class Ctx:
    """One API request as the platform modules see it."""

    store: Store
    request: Request
    platform: str
    path: str
    reset_after: int | None = None
    auth: dict[str, Any] = field(default_factory=dict)
    _params: dict[str, str] | None = None

    @property
    def settings(self):  # noqa: ANN201 - SandboxSettings, avoided import cycle in annotations
        """The sandbox settings in force."""
        return self.store.settings

    @property
    def base_url(self) -> str:
        """``http://host:port`` as the client reached us."""
        return self.request.host_url.rstrip("/")

    def params(self, with_form: bool = True) -> dict[str, str]:
        """Query string merged with a form body (form values win), like Graph reads them."""
        if self._params is None:
            merged = {k: v for k, v in self.request.args.items()}
            if with_form and self.request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                merged.update({k: v for k, v in self.request.form.items()})
            self._params = merged
        return self._params

    def raw_header(self, name: str) -> str | None:
        """A request header as sent, including names with underscores that WSGI drops."""
        for key, value in self.request.environ.get("sosmed.raw_headers", []):
            if key.lower() == name.lower():
                return value
        return self.request.headers.get(name)

    def json_body(self) -> Any:
        """The JSON body, or None when there is none or it does not parse."""
        data = self.request.get_data(cache=True)
        if not data:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def copy_body(self, out: IO[bytes], limit: int | None = None) -> int:
        """Stream the raw request body into ``out`` in chunks; return the bytes written.

        Stops after ``limit`` bytes (the caller decides what to do with a body that is
        too large). When a ``reset`` fault is armed for this call, the connection is
        dropped after ``reset_after`` bytes, and what arrived so far stays written.
        """
        stream = self.request.stream
        written = 0
        while True:
            want = READ_CHUNK
            if self.reset_after is not None:
                want = min(want, self.reset_after - written)
                if want <= 0:
                    out.flush()
                    raise ResetConnection()
            if limit is not None:
                want = min(want, limit + 1 - written)
                if want <= 0:
                    break
            chunk = stream.read(want)
            if not chunk:
                break
            out.write(chunk)
            written += len(chunk)
        out.flush()
        return written


@dataclass
class Route:
    """One API operation: method, path pattern (full match on the real path), handler."""

    method: str
    pattern: re.Pattern[str]
    handler: Callable[..., Reply]
    streams: bool = False


def route(routes: list[Route], method: str, pattern: str, streams: bool = False) -> Callable[..., Any]:
    """Decorator adding a handler to a platform's route list."""

    def wrap(fn: Callable[..., Reply]) -> Callable[..., Reply]:
        routes.append(Route(method, re.compile(pattern), fn, streams))
        return fn

    return wrap


def match_route(routes: list[Route], method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The route for ``method path`` and its named groups; None when nothing matches."""
    for r in routes:
        if r.method == method:
            m = r.pattern.fullmatch(path)
            if m:
                return r, m.groupdict()
    return None


def _abort_connection(environ: dict[str, Any]) -> None:
    sock = environ.get("werkzeug.socket")
    if sock is None:
        return
    try:
        # Linger 0 turns the close into a TCP reset, as a dropped connection looks to a client.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _take_fault(store: Store, platform: str, method: str, path: str) -> dict[str, Any] | None:
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


def _json_response(reply: Reply) -> Response:
    if reply.raw is not None:
        data = reply.raw
    elif reply.body is None:
        data = b""
    else:
        data = json.dumps(reply.body, ensure_ascii=False).encode("utf-8")
    resp = Response(data, status=reply.status)
    if data or reply.body is not None:
        resp.headers["Content-Type"] = reply.content_type
    for key, value in reply.headers.items():
        resp.headers[key] = value
    return resp


def _truncated(resp: Response) -> Response:
    """A response whose body stops halfway, then the connection is reset."""
    data = resp.get_data()
    half = max(1, len(data) // 2)
    environ = request.environ

    def body() -> Iterator[bytes]:
        yield data[:half]
        _abort_connection(environ)

    out = Response(body(), status=resp.status_code, headers=dict(resp.headers))
    out.headers["Content-Length"] = str(max(len(data), 2))
    return out


class SandboxRequest(Request):
    """Multipart files spool into the state folder instead of memory or the system temp folder."""

    spool_dir: str | None = None

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):  # noqa: ANN001, ANN202
        return tempfile.TemporaryFile("wb+", dir=self.spool_dir)


def create_app(store: Store) -> Flask:
    """The WSGI application serving the four APIs, the admin endpoints and the web view."""
    from sosmed.sandbox import (
        admin,
        facebook,
        forge_state,
        forgejo,
        github,
        google_oauth,
        instagram,
        web,
        x,
        youtube,
    )

    platforms = {
        "facebook": facebook,
        "instagram": instagram,
        "x": x,
        "youtube": youtube,
        "google-oauth": google_oauth,
        "github": github,
        "forgejo": forgejo,
    }
    request_class = type("BoundSandboxRequest", (SandboxRequest,), {"spool_dir": str(store.folder("tmp"))})
    app = Flask("sosmed.sandbox")
    app.request_class = request_class
    app.config["MAX_FORM_MEMORY_SIZE"] = 64 * MIB
    app.extensions["sosmed_store"] = store

    def _api(platform: str, rest: str) -> Response:
        module = platforms[platform]
        path = "/" + rest
        method = request.method
        started = time.time()
        entry: dict[str, Any] = {
            "seq": 0, "time": started, "method": method, "platform": platform, "path": path,
            "query": request.query_string.decode("latin-1"), "status": None, "fault": None,
            "content_range": request.headers.get("Content-Range"),
            "content_length": request.content_length,
        }
        with store.lock:
            entry["seq"] = len(store.calls) + 1
            store.calls.append(entry)
        fault = _take_fault(store, platform, method, path)
        ctx = Ctx(store, request, platform, path)
        found = match_route(module.ROUTES, method, path)
        delay_after = 0.0
        try:
            if fault:
                entry["fault"] = fault["kind"]
                kind = fault["kind"]
                if kind == "delay":
                    if fault.get("stage") == "before":
                        time.sleep(float(fault.get("delay", 30)))
                    else:
                        delay_after = float(fault.get("delay", 30))
                elif kind == "reset":
                    if fault.get("stage") != "response":
                        if found and found[0].streams and fault.get("after_bytes") is not None:
                            ctx.reset_after = int(fault["after_bytes"])
                        else:
                            raise ResetConnection()
                else:
                    raise module.fault_error(ctx, fault)
            if found is None:
                raise module.not_found(ctx)
            r, groups = found
            reply = r.handler(ctx, **groups)
        except ApiError as exc:
            reply = Reply(exc.body, exc.status, dict(exc.headers))
        except ResetConnection:
            entry["status"] = "reset"
            _abort_connection(request.environ)
            return Response(b"", status=500)
        if fault and fault.get("retry_after") is not None and reply.status >= 400:
            # An armed error may say how long to wait (HTTP Retry-After); tests use 0 to wait for nothing.
            reply.headers.setdefault("Retry-After", str(int(float(fault["retry_after"]))))
        reply.headers = {**module.rate_headers(ctx, reply), **reply.headers}
        entry["status"] = reply.status
        resp = _json_response(reply)
        if delay_after:
            time.sleep(delay_after)
        if fault and fault["kind"] == "reset":
            entry["status"] = "reset"
            return _truncated(resp)
        return resp

    for name in platforms:
        app.add_url_rule(
            f"/{name}/<path:rest>", f"api_{name}",
            lambda rest, _p=name: _api(_p, rest),
            methods=["GET", "POST", "PUT", "DELETE", "PATCH"],
        )
    admin.register(app, store)
    forge_state.register(app, store)
    web.register(app, store)
    return app
