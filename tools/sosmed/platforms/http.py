"""The one HTTP layer under every adapter: session, timeouts, retries, streaming, progress.

Retry decisions live here and nowhere else: an adapter only says how to read its
platform's error bodies (``parse_error``) and whether a request may be repeated
blindly (``idempotent``). The wait comes from the platform's hint when there is one,
else from exponential backoff with jitter, and is always capped by the policy.
"""

from __future__ import annotations

import json
import logging
import os
import random
import secrets
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import click
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError

from sosmed import __version__
from sosmed.faults import crashpoint
from sosmed.i18n import t
from sosmed.platforms.errors import PlatformError, RetryableError
from sosmed.platforms.redact import install as install_redaction
from sosmed.specs import label as platform_label

log = logging.getLogger("sosmed.platforms.http")

READ_BLOCK = 256 * 1024


# ---------------------------------------------------------------------------------------------
# Retry policy
@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry.

    ``max_delay`` caps every single wait, including one the platform asked for;
    a platform hint longer than ``give_up_after`` is not sat out at all: the error is
    raised at once so the caller can move on (and the publisher retry on its next run).
    """

    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 300.0
    give_up_after: float = 900.0
    jitter: float = 0.5
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff for retry number ``attempt`` (0-based), with jitter, capped."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** attempt))
        return random.uniform(ceiling * (1 - self.jitter), ceiling)

    def wait_for(self, attempt: int, hint: float | None) -> float | None:
        """The wait before the next attempt, or None when the platform's hint is too long to wait out."""
        if hint is None:
            return self.backoff(attempt)
        if hint > self.give_up_after:
            return None
        return min(max(hint, 0.0), self.max_delay)


def server_wait(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds the platform asks us to wait, read from whichever hint header it sent.

    ``Retry-After`` (seconds or an HTTP date), X's ``x-rate-limit-reset`` (epoch seconds,
    used when the window is spent), and Facebook's ``estimated_time_to_regain_access``
    (minutes) inside ``X-Business-Use-Case-Usage`` or ``X-Page-Usage``.
    """
    now = time.time() if now is None else now
    lowered = {k.lower(): v for k, v in headers.items()}
    retry_after = lowered.get("retry-after")
    if retry_after:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            try:
                return max(0.0, parsedate_to_datetime(retry_after).timestamp() - now)
            except (TypeError, ValueError):
                pass
    reset = lowered.get("x-rate-limit-reset")
    if reset and lowered.get("x-rate-limit-remaining", "0") == "0":
        try:
            return max(0.0, float(reset) - now)
        except ValueError:
            pass
    minutes = _facebook_regain_minutes(lowered)
    if minutes is not None:
        return minutes * 60.0
    return None


def _facebook_regain_minutes(lowered: Mapping[str, str]) -> float | None:
    found: list[float] = []
    buc = lowered.get("x-business-use-case-usage")
    if buc:
        try:
            for entries in json.loads(buc).values():
                for entry in entries if isinstance(entries, list) else [entries]:
                    value = entry.get("estimated_time_to_regain_access")
                    if isinstance(value, int | float):
                        found.append(float(value))
        except (ValueError, AttributeError):
            pass
    page = lowered.get("x-page-usage")
    if page:
        try:
            value = json.loads(page).get("estimated_time_to_regain_access")
            if isinstance(value, int | float):
                found.append(float(value))
        except (ValueError, AttributeError):
            pass
    positive = [v for v in found if v > 0]
    return max(positive) if positive else None


# ---------------------------------------------------------------------------------------------
# Progress
class Progress(Protocol):
    """Receives the position reached in an upload."""

    def update(self, position: int) -> None: ...

    def close(self) -> None: ...


class _NoProgress:
    def update(self, position: int) -> None:
        pass

    def close(self) -> None:
        pass


class _PlainProgress:
    """One line per 10 % step: readable in CI logs, which do not render bars."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.next_step = label, max(total, 1), 0

    def update(self, position: int) -> None:
        percent = min(100, position * 100 // self.total)
        if percent >= self.next_step:
            click.echo(t("platforms.progress.line", label=self.label, percent=percent,
                         done=_mib(position), total=_mib(self.total)), err=True)
            self.next_step = (percent // 10 + 1) * 10

    def close(self) -> None:
        pass


class _RichProgress:
    def __init__(self, label: str, total: int) -> None:
        from rich import progress as rp

        self.bar = rp.Progress(rp.TextColumn("{task.description}"), rp.BarColumn(), rp.DownloadColumn(),
                               rp.TransferSpeedColumn(), rp.TimeRemainingColumn(), transient=False)
        self.bar.start()
        self.task = self.bar.add_task(label, total=total)

    def update(self, position: int) -> None:
        self.bar.update(self.task, completed=position)

    def close(self) -> None:
        self.bar.stop()


def _mib(n: int) -> str:
    return f"{n / 1048576:.1f}"


def make_progress(mode: str, label: str, total: int) -> Progress:
    """A progress display: ``auto`` picks a rich bar on a terminal and plain lines elsewhere (CI)."""
    if mode == "off":
        return _NoProgress()
    if mode == "auto":
        in_ci = bool(os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"))
        mode = "rich" if sys.stderr.isatty() and not in_ci else "plain"
    return _RichProgress(label, total) if mode == "rich" else _PlainProgress(label, total)


# ---------------------------------------------------------------------------------------------
# Streaming bodies
class FileSlice:
    """A byte range of a file, read lazily in blocks so memory does not grow with the file.

    requests sends any object with ``read`` and ``__len__`` as a streamed body with a
    Content-Length header (never chunked transfer encoding, which several upload
    endpoints refuse).
    """

    def __init__(self, path: Path, offset: int = 0, length: int | None = None,
                 progress: Progress | None = None) -> None:
        self.path = Path(path)
        size = self.path.stat().st_size
        self.offset = offset
        self.length = size - offset if length is None else min(length, size - offset)
        self.progress = progress
        self._sent = 0
        self._fh: BinaryIO | None = None

    def __len__(self) -> int:
        return self.length

    def read(self, size: int = -1) -> bytes:
        remaining = self.length - self._sent
        if remaining <= 0:
            self.close()
            return b""
        if self._fh is None:
            crashpoint("upload_chunk")
            self._fh = open(self.path, "rb")  # noqa: SIM115 - closed when exhausted or by close()
            self._fh.seek(self.offset)
        want = remaining if size is None or size < 0 else min(size, remaining)
        want = min(want, READ_BLOCK)
        data = self._fh.read(want)
        self._sent += len(data)
        if self.progress is not None:
            self.progress.update(self.offset + self._sent)
        if not data:
            self.close()
        return data

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self.read(READ_BLOCK):
            yield chunk

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class MultipartStream:
    """A ``multipart/form-data`` body with one file part streamed from disk.

    requests' ``files=`` builds the whole body in memory; this one holds only the
    small text parts.
    """

    def __init__(self, fields: Sequence[tuple[str, str]], file_field: str, filename: str,
                 content_type: str, body: FileSlice, boundary: str | None = None) -> None:
        self.boundary = boundary or new_boundary()
        head = bytearray()
        for name, value in fields:
            head += (f"--{self.boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                     f"{value}\r\n").encode()
        head += (f"--{self.boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; "
                 f"filename=\"{_quote_filename(filename)}\"\r\nContent-Type: {content_type}\r\n\r\n").encode()
        self._parts: list[Any] = [bytes(head), body, f"\r\n--{self.boundary}--\r\n".encode()]
        self._length = len(head) + len(body) + len(self._parts[2])
        self._index = 0
        self._offset = 0

    @property
    def content_type(self) -> str:
        """The Content-Type header value, boundary included."""
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        while self._index < len(self._parts):
            part = self._parts[self._index]
            if isinstance(part, bytes):
                if self._offset < len(part):
                    end = len(part) if size is None or size < 0 else self._offset + size
                    data = part[self._offset:end]
                    self._offset += len(data)
                    return data
            else:
                data = part.read(size)
                if data:
                    return data
            self._index += 1
            self._offset = 0
        return b""

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self.read(READ_BLOCK):
            yield chunk

    def close(self) -> None:
        self._parts[1].close()


def new_boundary() -> str:
    """A random multipart boundary."""
    return "sosmed-" + secrets.token_hex(16)


def multipart(fields: Sequence[tuple[str, str]], file_field: str, filename: str, content_type: str,
              make_slice: Callable[[], FileSlice]) -> tuple[str, Callable[[], MultipartStream]]:
    """The Content-Type header and a factory of identical streamed bodies (one per attempt)."""
    boundary = new_boundary()

    def build() -> MultipartStream:
        return MultipartStream(fields, file_field, filename, content_type, make_slice(), boundary)

    return f"multipart/form-data; boundary={boundary}", build


def _quote_filename(name: str) -> str:
    return name.replace("\\", "_").replace('"', "_").replace("\r", "_").replace("\n", "_")


# ---------------------------------------------------------------------------------------------
# The session
ErrorParser = Callable[[requests.Response], PlatformError]
BodyFactory = Callable[[], Any]


class SosmedSession(requests.Session):
    """A ``requests.Session`` with default timeouts, a retry policy and a progress mode.

    ``call`` is how adapters talk to platforms: it retries what may be retried and turns
    every failure into a :class:`~sosmed.platforms.errors.PlatformError`.
    """

    def __init__(self, policy: RetryPolicy | None = None, timeout: tuple[float, float] = (10.0, 120.0),
                 progress: str = "auto") -> None:
        super().__init__()
        install_redaction()
        self.policy = policy or RetryPolicy()
        self.timeout = timeout
        self.progress_mode = progress
        self.headers["User-Agent"] = f"sosmed/{__version__} (+BKD Provinsi NTT)"
        # urllib3 must not retry on its own: a blind retry of a POST could post twice.
        adapter = HTTPAdapter(max_retries=0, pool_connections=8, pool_maxsize=8)
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)

    def progress(self, platform: str, filename: str, total: int) -> Progress:
        """A progress display for uploading ``filename`` (``total`` bytes) to ``platform``."""
        label = t("platforms.progress.upload", file=filename, platform=platform_label(platform))
        return make_progress(self.progress_mode, label, total)

    def call(self, method: str, url: str, *, platform: str, parse_error: ErrorParser,
             idempotent: bool | None = None, ok: Sequence[int] = (), body: BodyFactory | None = None,
             retry: bool = True, **kwargs: Any) -> requests.Response:
        """Send one logical request, retrying under the policy, and return the successful response.

        ``body`` builds a fresh request body for each attempt (streams cannot be
        rewound). ``ok`` lists non-2xx statuses that are answers rather than errors
        (YouTube's 308). ``idempotent`` defaults to true for GET, PUT and DELETE: a
        non-idempotent request is repeated only when it certainly never reached the server.
        """
        if idempotent is None:
            idempotent = method.upper() in ("GET", "HEAD", "PUT", "DELETE", "OPTIONS")
        attempts = self.policy.max_attempts if retry else 1
        attempt = 0
        while True:
            data = body() if body is not None else None
            try:
                if data is not None:
                    kwargs["data"] = data
                response = self.request(method, url, **kwargs)
            except requests.RequestException as exc:
                error = network_error(platform, exc, idempotent)
            else:
                if 200 <= response.status_code < 300 or response.status_code in ok:
                    return response
                error = parse_error(response)
            finally:
                if data is not None and hasattr(data, "close"):
                    data.close()
            attempt += 1
            if not isinstance(error, RetryableError) or error.outcome_unknown or attempt >= attempts:
                raise error
            wait = self.policy.wait_for(attempt - 1, error.wait)
            if wait is None:
                raise error
            log.info("%s %s: %s; retry %d/%d in %.2f s", platform, method, type(error).__name__,
                     attempt, attempts - 1, wait)
            self.policy.sleep(wait)


def network_error(platform: str, exc: requests.RequestException, idempotent: bool) -> RetryableError:
    """Turn a transport failure into a retryable error, marking an outcome we cannot know."""
    never_sent = isinstance(exc, requests.ConnectTimeout) or _is_refused(exc)
    key = "platforms.error.timeout" if isinstance(exc, requests.Timeout) else "platforms.error.network"
    if not never_sent and not idempotent:
        key = "platforms.error.outcome_unknown"
    # Only the exception's class name is kept: its text repeats the URL, which is noise here.
    return RetryableError(key, platform=platform, detail=type(exc).__name__,
                          outcome_unknown=not never_sent and not idempotent)


def _is_refused(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, NewConnectionError | ConnectionRefusedError):
            return True
        current = current.args[0] if current.args and isinstance(current.args[0], BaseException) else (
            current.__cause__ or current.__context__)
    return False


def make_session(policy: RetryPolicy | None = None, timeout: tuple[float, float] = (10.0, 120.0),
                 progress: str = "auto") -> SosmedSession:
    """The shared session factory: every adapter of a run should use the same session."""
    return SosmedSession(policy=policy, timeout=timeout, progress=progress)


def request_id(response: requests.Response, body: Mapping[str, Any] | None = None) -> str | None:
    """The platform's id for this request, for support tickets."""
    if body:
        error = body.get("error")
        if isinstance(error, Mapping) and error.get("fbtrace_id"):
            return str(error["fbtrace_id"])
    for name in ("x-fb-trace-id", "x-fb-request-id", "x-transaction-id", "x-request-id", "x-guploader-uploadid"):
        if response.headers.get(name):
            return response.headers[name]
    return None


def json_body(response: requests.Response) -> dict[str, Any]:
    """The response's JSON object, or an empty dict when the body is not a JSON object."""
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {"data": data}
