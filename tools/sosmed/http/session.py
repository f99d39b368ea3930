"""The shared session and the one retry loop, for the platform adapters and the forge clients alike.

Retry decisions live here and nowhere else: a caller says how to read its service's error
bodies (``parse_error``), how its family words a request that got no answer
(``network_error``), and, where the method alone does not tell, whether the request may be
repeated blindly (``idempotent``). The wait comes from the service's hint when there is one,
else from exponential backoff with jitter, and is always capped by the policy.

**Which requests are repeated after a lost answer.** A request that certainly never reached
the service (connection refused, connect timeout) is always retried. Otherwise only an
idempotent one is: GET, HEAD, PUT, DELETE and OPTIONS, as RFC 9110 §9.2.2 defines them.
PATCH is *not* idempotent (RFC 5789 §2: "PATCH is neither safe nor idempotent"), so a PATCH
whose answer was lost is reported as ``outcome_unknown``, not repeated — unless the caller
knows that this particular PATCH replaces a whole value (GitHub's and Forgejo's "edit a
comment" set the comment's body to the one given) and says ``idempotent=True``.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NameResolutionError, NewConnectionError, ProtocolError

from sosmed import __version__
from sosmed.http.errors import NetworkFailure, ServiceError
from sosmed.http.retry import RetryPolicy
from sosmed.http.streams import NoProgress, Progress, ProgressFactory
from sosmed.redaction import install as install_redaction

log = logging.getLogger("sosmed.http")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

ErrorParser = Callable[[requests.Response], ServiceError]
NetworkErrorMapper = Callable[[NetworkFailure], ServiceError]
BodyFactory = Callable[[], Any]


class SosmedSession(requests.Session):
    """A ``requests.Session`` with default timeouts, a retry policy and an injected progress display.

    :meth:`call` is how adapters and forge clients talk to their service: it retries what
    may be retried and turns every failure into a :class:`~sosmed.http.errors.ServiceError`.
    """

    def __init__(self, policy: RetryPolicy | None = None, timeout: tuple[float, float] = (10.0, 120.0),
                 progress: ProgressFactory | None = None) -> None:
        super().__init__()
        install_redaction()
        self.policy = policy or RetryPolicy()
        self.timeout = timeout
        self._progress = progress
        self.headers["User-Agent"] = f"sosmed/{__version__} (+BKD Provinsi NTT)"
        # urllib3 must not retry on its own: a blind retry of a POST could post twice.
        adapter = HTTPAdapter(max_retries=0, pool_connections=8, pool_maxsize=8)
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)

    def progress(self, platform: str, filename: str, total: int) -> Progress:
        """The display of uploading ``filename`` (``total`` bytes) to ``platform``: the one the caller injected."""
        return self._progress(platform, filename, total) if self._progress else NoProgress()

    def call(self, method: str, url: str, *, parse_error: ErrorParser, network_error: NetworkErrorMapper,
             idempotent: bool | None = None, ok: Sequence[int] = (), body: BodyFactory | None = None,
             retry: bool = True, policy: RetryPolicy | None = None, **kwargs: Any) -> requests.Response:
        """Send one logical request, retrying under the policy, and return the successful response.

        ``body`` builds a fresh request body for each attempt (streams cannot be rewound).
        ``ok`` lists non-2xx statuses that are answers rather than errors (YouTube's 308).
        ``idempotent`` defaults to the method's own meaning (see the module docstring).
        """
        policy = policy or self.policy
        if idempotent is None:
            idempotent = method.upper() in IDEMPOTENT_METHODS
        attempts = policy.max_attempts if retry else 1
        attempt = 0
        while True:
            error = self._attempt(method, url, body, parse_error, network_error, idempotent, ok, kwargs)
            if isinstance(error, requests.Response):
                return error
            attempt += 1
            if not error.retryable or error.outcome_unknown or attempt >= attempts:
                raise error
            wait = policy.wait_for(attempt - 1, error.wait)
            if wait is None:
                raise error
            log.info("%s %s %s: %s; retry %d/%d in %.2f s", error.service, method, urlsplit(url).path,
                     type(error).__name__, attempt, attempts - 1, wait)
            policy.sleep(wait)

    def _attempt(self, method: str, url: str, body: BodyFactory | None, parse_error: ErrorParser,
                 network_error: NetworkErrorMapper, idempotent: bool, ok: Sequence[int],
                 kwargs: dict[str, Any]) -> requests.Response | ServiceError:
        """One try: the successful response, or the error it ended in."""
        data = body() if body is not None else None
        try:
            if data is not None:
                kwargs["data"] = data
            response = self.request(method, url, **kwargs)
        except requests.RequestException as exc:
            return network_error(network_failure(exc, idempotent, urlsplit(url).hostname or ""))
        finally:
            if data is not None and hasattr(data, "close"):
                data.close()
        if 200 <= response.status_code < 300 or response.status_code in ok:
            return response
        return parse_error(response)


def network_failure(exc: requests.RequestException, idempotent: bool, host: str = "") -> NetworkFailure:
    """What a transport failure means: never sent (retry freely), or sent with the outcome unknown."""
    never_sent = isinstance(exc, requests.ConnectTimeout) or _refused(exc)
    kind = "timeout" if isinstance(exc, requests.Timeout) else "network"
    unknown = not never_sent and not idempotent
    return NetworkFailure("outcome_unknown" if unknown else kind, network_cause(exc), unknown, host)


def network_cause(exc: requests.RequestException) -> str:
    """Which of :data:`~sosmed.http.errors.NETWORK_CAUSES` ended the request."""
    if isinstance(exc, requests.ConnectTimeout):
        return "connect_timeout"
    if isinstance(exc, requests.Timeout):
        return "read_timeout"
    if isinstance(exc, requests.exceptions.SSLError):
        return "tls"
    chain = _chain(exc)
    for cause, kinds in (("dns", (NameResolutionError, socket.gaierror)), ("refused", (ConnectionRefusedError,)),
                         ("reset", (ConnectionResetError, ConnectionAbortedError, ProtocolError))):
        if any(isinstance(link, kinds) for link in chain):
            return cause
    return "other"


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and every one beneath it (urllib3 wraps them in arguments and ``reason``)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not s for s in seen):
        seen.append(current)
        nested = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        reason = getattr(current, "reason", None)
        current = nested or (reason if isinstance(reason, BaseException) else None) or current.__cause__ \
            or current.__context__
    return seen


def _refused(exc: BaseException) -> bool:
    """Whether the connection was refused, i.e. the request certainly never reached the service."""
    return any(isinstance(link, NewConnectionError | ConnectionRefusedError) for link in _chain(exc))


def make_session(policy: RetryPolicy | None = None, timeout: tuple[float, float] = (10.0, 120.0),
                 progress: ProgressFactory | None = None) -> SosmedSession:
    """The shared session factory: every adapter (and forge client) of a run should use the same session."""
    return SosmedSession(policy=policy, timeout=timeout, progress=progress)
