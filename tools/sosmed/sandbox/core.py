"""What every platform of the sandbox shares: one request (:class:`Ctx`), one answer (:class:`Reply`),
and the way an API operation is declared on the platform's Flask blueprint (:func:`route`).

Platform modules import this module, never :mod:`sosmed.sandbox.app`: the application imports the
platforms, the platforms import only what lies below them (no import cycle).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from flask import Blueprint, Request, Response, g
from werkzeug.routing import BaseConverter

from sosmed.sandbox.errors import ApiError
from sosmed.sandbox.settings import MIB

if TYPE_CHECKING:
    from sosmed.sandbox.settings import SandboxSettings
    from sosmed.sandbox.state import Store

READ_CHUNK = 1 * MIB
Handler = Callable[..., "Reply"]


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

    def response(self) -> Response:
        """The Flask response for this reply."""
        if self.raw is not None:
            data = self.raw
        elif self.body is None:
            data = b""
        else:
            data = json.dumps(self.body, ensure_ascii=False).encode("utf-8")
        resp = Response(data, status=self.status)
        if data or self.body is not None:
            resp.headers["Content-Type"] = self.content_type
        for key, value in self.headers.items():
            resp.headers[key] = value
        return resp


def error_reply(exc: ApiError) -> Reply:
    """The reply for a platform error."""
    return Reply(exc.body, exc.status, dict(exc.headers))


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
    def settings(self) -> SandboxSettings:
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


def current() -> Ctx:
    """The :class:`Ctx` the request hooks made for this request."""
    return g.sandbox_ctx


@dataclass(frozen=True)
class PlatformApi:
    """A platform served under ``/<name>/``: its blueprint and its error and header shapes."""

    name: str
    blueprint: Blueprint
    fault_error: Callable[[Ctx, dict[str, Any]], ApiError]
    not_found: Callable[[Ctx], ApiError]
    rate_headers: Callable[[Ctx, Reply], dict[str, str]]


class GraphVersion(BaseConverter):
    """A Graph API version path segment: ``v26.0``."""

    regex = r"v\d+\.\d+"


class Digits(BaseConverter):
    """A path segment of digits, kept as text (ids are strings in every platform's JSON)."""

    regex = r"\d+"


def route(bp: Blueprint, method: str, rule: str, streams: bool = False, graph: bool = False) -> Callable:
    """Declare an API operation ``method rule`` on ``bp``; the handler takes ``(ctx, **rule arguments)``.

    ``streams`` marks handlers that read the body themselves (a ``reset`` fault may then cut it
    after some bytes). ``graph`` also serves the rule under a version (``/v26.0/…``), and both
    with or without a trailing slash, as Graph does.
    """

    def wrap(fn: Handler) -> Handler:
        def view(**kwargs: Any) -> Response:
            kwargs.pop("version", None)
            try:
                reply = fn(current(), **kwargs)
            except ApiError as exc:
                reply = error_reply(exc)
            g.sandbox_reply = reply
            return reply.response()

        view.streams = streams  # type: ignore[attr-defined]
        endpoint = f"{method.lower()}_{fn.__name__}"
        rules = [rule, "/<graph_version:version>" + rule] if graph else [rule]
        for path in rules:
            bp.add_url_rule(path, endpoint, view, methods=[method], strict_slashes=not graph)
        return fn

    return wrap
