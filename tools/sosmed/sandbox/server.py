"""Serving the sandbox: background thread for tests, foreground for ``sosmed sandbox``.

Safe by default: it binds to loopback unless asked otherwise with ``allow_remote``, checks
every request's ``Host:`` (:mod:`sosmed.sandbox.guard`), and its admin endpoints need the
token written to ``credentials.env`` as ``SOSMED_SANDBOX_ADMIN_TOKEN``.
"""

from __future__ import annotations

import errno
import hashlib
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from sosmed.errors import SosmedError, UsageError
from sosmed.sandbox.admin import ADMIN_HEADER
from sosmed.sandbox.app import create_app
from sosmed.sandbox.forge_state import forge_env
from sosmed.sandbox.guard import HostGuard, is_loopback_host
from sosmed.sandbox.seed import apply_seed
from sosmed.sandbox.settings import SandboxSettings
from sosmed.sandbox.state import Store, write_private

CREDENTIALS_FILE = "credentials.env"


class QuietHandler(WSGIRequestHandler):
    """No access log line per request (the call log at /_sandbox/calls has them)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:  # noqa: D102
        pass

    def make_environ(self) -> dict[str, Any]:  # noqa: D102
        environ = super().make_environ()
        # WSGI drops header names with underscores; Graph's resumable upload uses ``file_offset``.
        environ["sosmed.raw_headers"] = list(self.headers.items())
        return environ


def credentials_env(store: Store, base_url: str) -> dict[str, str]:
    """The environment variables that point the adapters at this sandbox, with its tokens and ids."""
    a = store.accounts
    fb, ig, x, yt = a["facebook"], a["instagram"], a["x"], a["youtube"]
    return {
        "SOSMED_SANDBOX_URL": base_url,
        "SOSMED_SANDBOX_ADMIN_TOKEN": store.admin_token,
        "SOSMED_FACEBOOK_API": f"{base_url}/facebook",
        "SOSMED_INSTAGRAM_API": f"{base_url}/instagram",
        "SOSMED_X_API": f"{base_url}/x",
        "SOSMED_YOUTUBE_API": f"{base_url}/youtube",
        "SOSMED_GOOGLE_OAUTH_API": f"{base_url}/google-oauth",
        # Permalinks the adapters make (the APIs return none) lead to the sandbox's own web view.
        "SOSMED_FACEBOOK_WEB": f"{base_url}/web/facebook",
        "SOSMED_X_WEB": f"{base_url}/web/x",
        "SOSMED_YOUTUBE_WEB": f"{base_url}/web/youtube",
        "SOSMED_FACEBOOK_PAGE_ID": fb["page_id"],
        "SOSMED_FACEBOOK_PAGE_TOKEN": fb["page_token"],
        "SOSMED_FACEBOOK_APP_ID": fb["app_id"],
        "SOSMED_FACEBOOK_USER_TOKEN": fb["user_token"],
        "SOSMED_INSTAGRAM_USER_ID": ig["user_id"],
        "SOSMED_INSTAGRAM_TOKEN": ig["token"],
        "SOSMED_X_API_KEY": x["api_key"],
        "SOSMED_X_API_SECRET": x["api_secret"],
        "SOSMED_X_ACCESS_TOKEN": x["access_token"],
        "SOSMED_X_ACCESS_SECRET": x["access_secret"],
        "SOSMED_X_USER_ID": x["user_id"],
        "SOSMED_X_BEARER_TOKEN": x["bearer_token"],
        "SOSMED_X_APP_BEARER_TOKEN": x["app_bearer_token"],
        "SOSMED_YOUTUBE_CLIENT_ID": yt["client_id"],
        "SOSMED_YOUTUBE_CLIENT_SECRET": yt["client_secret"],
        "SOSMED_YOUTUBE_REFRESH_TOKEN": yt["refresh_token"],
        "SOSMED_YOUTUBE_CHANNEL_ID": yt["channel_id"],
        # The rehearsal ledger's key: one per sandbox state, shared by every clone rehearsing against it.
        "SOSMED_LEDGER_SANDBOX_KEY": hashlib.sha256(f"sosmed-ledger-sandbox:{fb['page_token']}".encode()).hexdigest(),
        **forge_env(store, base_url),
    }


def write_credentials(state_dir: Path, env: dict[str, str]) -> Path:
    """Write ``KEY=value`` lines (no ``export``, no quoting needed: values are URL-safe)."""
    path = state_dir / CREDENTIALS_FILE
    write_private(path, "".join(f"{k}={v}\n" for k, v in env.items()))
    return path


@dataclass
class SandboxHandle:
    """A running sandbox."""

    base_url: str
    env: dict[str, str]
    state_dir: Path
    store: Store
    server: BaseWSGIServer
    thread: threading.Thread | None = None
    _stopped: bool = field(default=False, repr=False)

    @property
    def credentials_path(self) -> Path:
        """``STATE/credentials.env``."""
        return self.state_dir / CREDENTIALS_FILE

    @property
    def admin_token(self) -> str:
        """The credential of the ``/_sandbox/`` admin endpoints."""
        return self.store.admin_token

    @property
    def admin_headers(self) -> dict[str, str]:
        """Headers to send with every ``/_sandbox/`` admin request."""
        return {ADMIN_HEADER: self.store.admin_token}

    def serve_forever(self) -> None:
        """Serve in the calling thread until :meth:`stop` (or Ctrl-C)."""
        self.server.serve_forever()

    def stop(self) -> None:
        """Stop serving and save the state."""
        if self._stopped:
            return
        self._stopped = True
        self.server.shutdown()
        self.server.server_close()
        if self.thread is not None:
            self.thread.join(timeout=10)
        self.store.save()

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening; a port in use is a catalogue message.

    The sandbox binds it itself: werkzeug, asked to bind, prints its own English lines and exits.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise SosmedError("sandbox.error.port_in_use", host=host, port=port, error=exc.strerror or exc) from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise SosmedError("sandbox.error.port_taken", host=host, port=port) from None
        raise SosmedError("sandbox.error.port_in_use", host=host, port=port, error=exc.strerror or exc) from None
    return sock


def start_sandbox(
    state_dir: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    seed: dict[str, Any] | None = None,
    settings: SandboxSettings | None = None,
    background: bool = True,
    allow_remote: bool = False,
) -> SandboxHandle:
    """Start the sandbox on ``host:port`` (0 = a free port) with its state in ``state_dir``.

    The state (accounts, tokens, posts) is reloaded when ``state_dir`` already holds
    one; ``seed`` is applied only to a new state. Writes ``STATE/credentials.env``.
    With ``background`` it serves in a daemon thread; otherwise call ``serve_forever``.
    A ``host`` other than loopback is refused unless ``allow_remote`` is given.
    """
    if not is_loopback_host(host) and not allow_remote:
        raise UsageError("sandbox.error.remote_needs_flag", host=host)
    state_dir = Path(state_dir)
    store = Store(state_dir, settings)
    if seed and not store.loaded:
        apply_seed(store, seed)
    guard = HostGuard(create_app(store), host)
    with listening_socket(host, port) as sock:
        # werkzeug serves a duplicate of the descriptor; this one is closed on leaving.
        server = make_server(host, port, guard, threaded=True, request_handler=QuietHandler, fd=sock.fileno())
    guard.port = server.port
    # Clients on this computer (credentials.env) reach a sandbox bound to every address on loopback.
    local = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    shown_host = f"[{local}]" if ":" in local else local
    base_url = f"http://{shown_host}:{server.port}"
    env = credentials_env(store, base_url)
    write_credentials(state_dir, env)
    handle = SandboxHandle(base_url, env, state_dir, store, server)
    if background:
        # How often the loop looks for stop(): stop() waits up to this long (tests start and stop hundreds).
        handle.thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                                         name="sosmed-sandbox", daemon=True)
        handle.thread.start()
    return handle
