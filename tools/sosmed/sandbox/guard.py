"""Who may talk to the sandbox: a ``Host:`` check against DNS rebinding, and loopback-only admin.

A web page on another site can make the browser of the person running the sandbox send
requests to ``127.0.0.1`` under a host name the attacker controls (DNS rebinding). Every
request must therefore name the sandbox itself in ``Host:`` — ``127.0.0.1:PORT``,
``localhost:PORT`` or ``[::1]:PORT``. The admin endpoints (``/_sandbox/…``) and the web view
answer only such requests from this computer, even when ``sosmed sandbox --allow-remote``
serves the platform APIs to a training room; there the APIs also accept the address the
sandbox was bound to (or, bound to every address, any host name: the API tokens protect them).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Iterable
from typing import Any

from sosmed.i18n import t

WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` (a bind address or host name) is this computer only."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_loopback_address(address: str | None) -> bool:
    """Whether a client address (``REMOTE_ADDR``) is this computer, IPv4-mapped IPv6 included."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def local_only(path: str) -> bool:
    """Paths only this computer may reach: the admin endpoints and the web view."""
    return path in ("/", "/_sandbox", "/web") or path.startswith(("/_sandbox/", "/web/"))


class HostGuard:
    """WSGI middleware refusing requests whose ``Host:`` or origin the sandbox does not accept.

    ``port`` is set once the server has bound (port 0 picks a free one).
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], bind_host: str) -> None:
        self.app = app
        self.bind_host = bind_host
        self.port: int | None = None

    def _names(self, hosts: Iterable[str]) -> set[str]:
        names = {f"{host}:{self.port}" for host in hosts}
        if self.port == 80:
            names.update(hosts)
        return names

    def loopback_hosts(self) -> set[str]:
        """``Host:`` values that name this sandbox on this computer."""
        return self._names(("127.0.0.1", "localhost", "[::1]"))

    def accepts(self, host: str, path: str, remote: str | None) -> str | None:
        """None when the request may go on, else the catalogue key of the refusal."""
        if host in self.loopback_hosts():
            return None if is_loopback_address(remote) or not local_only(path) else "sandbox.guard.local_only"
        if local_only(path):
            return "sandbox.guard.local_only"
        if is_loopback_host(self.bind_host):
            return "sandbox.guard.host"
        if self.bind_host in WILDCARD_HOSTS:
            return None
        shown = f"[{self.bind_host}]" if ":" in self.bind_host else self.bind_host
        return None if host in self._names((shown.lower(),)) else "sandbox.guard.host"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = str(environ.get("HTTP_HOST", "")).strip().lower()
        refusal = self.accepts(host, str(environ.get("PATH_INFO", "")), environ.get("REMOTE_ADDR"))
        if refusal is None:
            return self.app(environ, start_response)
        body = json.dumps({"error": t(refusal, host=host or "-", port=self.port)}, ensure_ascii=False).encode()
        start_response("403 Forbidden", [("Content-Type", "application/json; charset=UTF-8"),
                                         ("Content-Length", str(len(body)))])
        return [body]
