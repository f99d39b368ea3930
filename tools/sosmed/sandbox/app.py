"""The Flask application: one blueprint per platform under its prefix, then the platform's real API path.

Every API call passes the request hooks of :mod:`sosmed.sandbox.hooks` (call log, armed faults,
rate-limit headers); the platform's blueprint answers in the platform's shape. The admin
endpoints (``/_sandbox/…``) and the web view (``/``, ``/web/…``) are blueprints of their own.
"""

from __future__ import annotations

import tempfile
from typing import IO, Any

from flask import Flask, Request

from sosmed.sandbox import (
    admin,
    facebook,
    forge_state,
    forgejo,
    github,
    google_oauth,
    hooks,
    instagram,
    web,
    x,
    youtube,
)
from sosmed.sandbox.core import Digits, GraphVersion, PlatformApi
from sosmed.sandbox.settings import MIB
from sosmed.sandbox.state import Store

PLATFORMS: tuple[PlatformApi, ...] = (facebook.API, instagram.API, x.API, youtube.API, google_oauth.API, github.API,
                                      forgejo.API)


class SandboxRequest(Request):
    """Multipart files spool into the state folder instead of memory or the system temp folder."""

    spool_dir: str | None = None

    def _get_file_stream(self, total_content_length: int | None, content_type: str | None,  # noqa: D102
                         filename: str | None = None, content_length: int | None = None) -> IO[bytes]:
        return tempfile.TemporaryFile("wb+", dir=self.spool_dir)


def create_app(store: Store) -> Flask:
    """The WSGI application serving the four APIs, the forge emulations, the admin endpoints and the web view."""
    request_class: Any = type("BoundSandboxRequest", (SandboxRequest,), {"spool_dir": str(store.folder("tmp"))})
    app = Flask("sosmed.sandbox")
    app.request_class = request_class
    app.config["MAX_FORM_MEMORY_SIZE"] = 64 * MIB
    app.url_map.converters["graph_version"] = GraphVersion
    app.url_map.converters["digits"] = Digits
    app.extensions["sosmed_store"] = store
    hooks.install(app, store, {api.name: api for api in PLATFORMS})
    for api in PLATFORMS:
        app.register_blueprint(api.blueprint, url_prefix=f"/{api.name}")
    app.register_blueprint(admin.blueprint(store))
    app.register_blueprint(forge_state.blueprint(store))
    app.register_blueprint(web.blueprint(store))
    return app
