"""The HTTP layer under both forge clients: auth header, retries, error mapping, pagination.

It reuses the platforms' session (timeouts, user agent, log redaction) and their
:class:`~sosmed.platforms.http.RetryPolicy`, so a run has one retry policy. A forge
module only says how to read its error bodies and rate-limit headers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from urllib3.exceptions import NewConnectionError

from sosmed.forge.errors import ForgeError, ForgeRetryableError
from sosmed.platforms.http import RetryPolicy, SosmedSession, make_session
from sosmed.platforms.redact import register as register_secret

log = logging.getLogger("sosmed.forge")

# A guard against a forge (or a proxy) that keeps answering with a "next" page.
MAX_PAGES = 200
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

ErrorParser = Callable[[requests.Response, str], ForgeError]


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date), or None."""
    lowered = {k.lower(): v for k, v in headers.items()}
    value = lowered.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - (time.time() if now is None else now))
        except (TypeError, ValueError):
            return None


def check_base_url(url: str, forge: str) -> str:
    """The base URL without a trailing slash; refuse plain http except to this machine (the token would leak)."""
    from sosmed.forge.errors import ForgeConfigError

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ForgeConfigError("forge.error.bad_url", forge=forge, url=url)
    if parts.scheme == "http" and (parts.hostname or "") not in LOOPBACK_HOSTS:
        raise ForgeConfigError("forge.error.insecure_url", forge=forge, url=url)
    return url.rstrip("/")


def _refused(exc: BaseException) -> bool:
    """Whether the connection was refused, i.e. the request certainly never reached the forge."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, NewConnectionError | ConnectionRefusedError):
            return True
        nested = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        current = nested or current.__cause__ or current.__context__
    return False


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
        self.session = session or make_session(progress="off")
        self.policy = policy or self.session.policy
        if token:
            register_secret(token)
        origin = urlsplit(self.base_url)
        self._origin = (origin.scheme, origin.netloc.lower())

    def url(self, path: str) -> str:
        """The absolute URL of an API path (``/repos/...``)."""
        return self.base_url + path

    def request(self, method: str, path_or_url: str, *, params: Mapping[str, Any] | None = None,
                json: Any = None) -> requests.Response:
        """Send one logical request, retrying under the policy; return the 2xx response or raise a ForgeError."""
        url = path_or_url if path_or_url.startswith(("http://", "https://")) else self.url(path_or_url)
        path = urlsplit(url).path
        idempotent = method.upper() in ("GET", "HEAD", "PUT", "DELETE", "PATCH")
        attempt = 0
        while True:
            try:
                response = self.session.request(method, url, params=params, json=json, headers=self.headers)
            except requests.RequestException as exc:
                error: ForgeError = self._network_error(exc, idempotent)
            else:
                if 200 <= response.status_code < 300:
                    return response
                error = self.parse_error(response, path)
            attempt += 1
            if not isinstance(error, ForgeRetryableError) or error.outcome_unknown \
                    or attempt >= self.policy.max_attempts:
                raise error
            wait = self.policy.wait_for(attempt - 1, error.wait)
            if wait is None:
                raise error
            log.info("%s %s %s: %s; retry %d/%d in %.2f s", self.forge, method, path, type(error).__name__,
                     attempt, self.policy.max_attempts - 1, wait)
            self.policy.sleep(wait)

    def _network_error(self, exc: requests.RequestException, idempotent: bool) -> ForgeRetryableError:
        never_sent = isinstance(exc, requests.ConnectTimeout) or _refused(exc)
        key = "forge.error.timeout" if isinstance(exc, requests.Timeout) else "forge.error.network"
        unknown = not idempotent and not never_sent
        if unknown:
            key = "forge.error.outcome_unknown"
        # The exception's text repeats the URL; its class name is what helps.
        return ForgeRetryableError(key, forge=self.forge, error=type(exc).__name__, outcome_unknown=unknown)

    def json(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None) -> Any:
        """The decoded JSON body of a request."""
        response = self.request(method, path, params=params, json=json)
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
