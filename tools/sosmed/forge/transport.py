"""What both forge clients add to the HTTP core: auth header, base URL, error mapping, pagination.

Requests go through the one session and retry loop of :mod:`sosmed.http.session` (timeouts,
user agent, log redaction, one retry policy for a run); a forge module only says how to read
its error bodies and rate-limit headers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests

from sosmed.forge.errors import ForgeConfigError, ForgeError, network_error
from sosmed.http.retry import RetryPolicy
from sosmed.http.session import SosmedSession, make_session
from sosmed.redaction import register as register_secret

log = logging.getLogger("sosmed.forge")

# A guard against a forge (or a proxy) that keeps answering with a "next" page.
MAX_PAGES = 200
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

ErrorParser = Callable[[requests.Response, str], ForgeError]


def check_base_url(url: str, forge: str) -> str:
    """The base URL without a trailing slash; refuse plain http except to this machine (the token would leak)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ForgeConfigError("forge.error.bad_url", forge=forge, url=url)
    if parts.scheme == "http" and (parts.hostname or "") not in LOOPBACK_HOSTS:
        raise ForgeConfigError("forge.error.insecure_url", forge=forge, url=url)
    return url.rstrip("/")


class Transport:
    """Authenticated JSON requests to one forge API base URL."""

    def __init__(self, forge: str, base_url: str, headers: dict[str, str], parse_error: ErrorParser,
                 page_param: str, page_size: int, session: SosmedSession | None = None,
                 policy: RetryPolicy | None = None, token: str | None = None,
                 relative_links: bool = False) -> None:
        self.forge = forge
        # Forgejo writes next-page links on its configured ROOT_URL, which may be another
        # address than the one sosmed reaches it by: such links are followed on our own base.
        self.relative_links = relative_links
        self.base_url = check_base_url(base_url, forge)
        self.headers = headers
        self.parse_error = parse_error
        self.page_param = page_param
        self.page_size = page_size
        self.session = session or make_session()
        self.policy = policy or self.session.policy
        self._network_error = network_error(forge)
        if token:
            register_secret(token)
        origin = urlsplit(self.base_url)
        self._origin = (origin.scheme, origin.netloc.lower())

    def url(self, path: str) -> str:
        """The absolute URL of an API path (``/repos/...``)."""
        return self.base_url + path

    def request(self, method: str, path_or_url: str, *, params: Mapping[str, Any] | None = None,
                json: Any = None, idempotent: bool | None = None) -> requests.Response:
        """Send one logical request, retrying under the policy; return the 2xx response or raise a ForgeError.

        ``idempotent``: see :mod:`sosmed.http.session` (a PATCH that sets a whole value may say True).
        """
        url = path_or_url if path_or_url.startswith(("http://", "https://")) else self.url(path_or_url)
        path = urlsplit(url).path
        return self.session.call(method, url, params=params, json=json, headers=self.headers,
                                 parse_error=lambda response: self.parse_error(response, path),
                                 network_error=self._network_error, idempotent=idempotent, policy=self.policy)

    def json(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None,
             idempotent: bool | None = None) -> Any:
        """The decoded JSON body of a request."""
        response = self.request(method, path, params=params, json=json, idempotent=idempotent)
        try:
            return response.json()
        except ValueError as exc:
            raise ForgeError("forge.error.bad_response", forge=self.forge, status=response.status_code,
                             path=urlsplit(response.url).path) from exc

    def paged(self, path: str, params: Mapping[str, Any] | None = None,
              unlinked: int | None = None) -> Iterator[Any]:
        """Every item of a paginated list.

        The next page is the ``Link: <…>; rel="next"`` target: followed as is on the API
        base, or (``relative_links``) rebuilt on the base from the link's query; a link to
        another host is never requested. Without any ``Link`` header the list ends, unless
        ``unlinked`` is given for a list the forge serves without one (Forgejo's reviews):
        then pages are read by number while a page holds ``unlinked`` items (0: until an
        empty page, when the server's page size is unknown).
        """
        first: dict[str, Any] = {**(params or {}), self.page_param: self.page_size}
        query: dict[str, Any] | None = first
        url = self.url(path)
        pages = 0
        while True:
            response = self.request("GET", url, params=query)
            try:
                items = response.json()
            except ValueError as exc:
                raise ForgeError("forge.error.bad_response", forge=self.forge, status=response.status_code,
                                 path=path) from exc
            if not isinstance(items, list):
                raise ForgeError("forge.error.bad_response", forge=self.forge, status=response.status_code,
                                 path=path)
            yield from items
            pages += 1
            following = self._next_page(path, first, response, items, pages, unlinked)
            if following is None:
                return
            if pages >= MAX_PAGES:
                raise ForgeError("forge.error.too_many_pages", forge=self.forge, path=path, pages=MAX_PAGES)
            url, query = following

    def _next_page(self, path: str, first: dict[str, Any], response: requests.Response, items: list[Any],
                   pages: int, unlinked: int | None) -> tuple[str, dict[str, Any] | None] | None:
        """Where the next page is (URL and query), or None after the last one."""
        if "link" not in {k.lower() for k in response.headers}:
            if unlinked is None or not items or len(items) < unlinked:
                return None
            return self.url(path), {**first, "page": pages + 1}
        link = response.links.get("next", {}).get("url")
        if link is None:
            return None
        if link.startswith(self.base_url + "/"):
            return link, None  # the link carries its own query
        nxt = urlsplit(link)
        if not self.relative_links:
            raise ForgeError("forge.error.foreign_link", forge=self.forge, host=nxt.netloc)
        log.debug("%s: next page link on %s, followed on %s", self.forge, nxt.netloc, self.base_url)
        return self.url(path), dict(parse_qsl(nxt.query))
