"""YouTube's resumable ``videos.insert`` (reference §4.1), for the YouTube adapter.

A session is started with the metadata; the file goes in chunks that are multiples of 256 KiB,
each answered by ``308`` + ``Range``; after a failure the client asks where the upload stands
(``bytes */TOTAL``) and resumes from there; ``404``/``410`` means the session expired and the
upload starts over with a new session (a video exists only once its last byte arrived).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import requests

from sosmed.http.responses import json_body, request_id
from sosmed.http.session import SosmedSession
from sosmed.http.streams import FileSlice, Progress
from sosmed.platforms.base import MediaFile
from sosmed.platforms.errors import InvalidRequestError, RetryableError

log = logging.getLogger("sosmed.platforms.youtube")

CHUNK_UNIT = 256 * 1024
DEFAULT_CHUNK = 64 * CHUNK_UNIT
MAX_SESSION_STARTS = 3
PLATFORM = "youtube"

# The adapter's authorised call: (method, url, **session.call options) → response.
Call = Callable[..., requests.Response]


class _SessionExpired(Exception):
    """The upload session URI answered 404/410: start a new session."""


class ResumableUpload:
    """One upload of one file through ``call`` (which adds the OAuth header and refreshes the token)."""

    def __init__(self, call: Call, session: SosmedSession, api: str, chunk_size: int = DEFAULT_CHUNK) -> None:
        self.call = call
        self.session = session
        self.api = api
        self.chunk_size = chunk_size

    def send(self, media: MediaFile, metadata: dict[str, Any]) -> dict[str, Any]:
        """Upload ``media`` with ``metadata`` (the ``videos`` resource body); the created video resource."""
        size = media.path.stat().st_size
        progress = self.session.progress(PLATFORM, media.path.name, size)
        try:
            for _ in range(MAX_SESSION_STARTS):
                uri = self._start_session(metadata, size, media.mime)
                try:
                    return self._send(uri, media, size, progress)
                except _SessionExpired:
                    log.info("youtube: upload session expired, starting a new one")
        finally:
            progress.close()
        raise RetryableError("platforms.error.upload_session_lost", platform=PLATFORM)

    def _start_session(self, metadata: dict[str, Any], size: int, mime: str) -> str:
        # No video exists until the last byte arrives, so starting a session again is safe.
        response = self.call(
            "POST", f"{self.api}/upload/youtube/v3/videos",
            params={"uploadType": "resumable", "part": "snippet,status"}, json=metadata, idempotent=True,
            headers={"X-Upload-Content-Length": str(size), "X-Upload-Content-Type": mime})
        location = response.headers.get("Location")
        if response.status_code != 200 or not location:
            raise InvalidRequestError("platforms.error.no_location", platform=PLATFORM,
                                      status=response.status_code, request_id=request_id(response))
        return location

    def _send(self, uri: str, media: MediaFile, size: int, progress: Progress) -> dict[str, Any]:
        policy = self.session.policy
        offset, failures = 0, 0
        while True:
            end = min(offset + self.chunk_size, size)
            headers = {"Content-Type": media.mime}
            if size:
                headers["Content-Range"] = f"bytes {offset}-{end - 1}/{size}"
            try:
                response = self.call("PUT", uri, headers=headers, retry=False, ok=(308, 404, 410),
                                     body=lambda begin=offset, stop=end: FileSlice(media.path, begin, stop - begin,
                                                                                   progress))
            except RetryableError as error:
                failures += 1
                wait = policy.wait_for(failures - 1, error.wait) if failures < policy.max_attempts else None
                if wait is None:
                    raise
                policy.sleep(wait)
                response = self._status(uri, size)
            done = _outcome(response)
            if done is not None:
                return done
            new_offset = _next_byte(response)
            if new_offset > offset:
                failures = 0
            else:
                # No progress although the server answered: do not loop for ever.
                failures += 1
                if failures >= policy.max_attempts:
                    raise RetryableError("platforms.error.server", platform=PLATFORM, status=response.status_code,
                                         request_id=request_id(response))
            offset = new_offset
            uri = response.headers.get("Location") or uri

    def _status(self, uri: str, size: int) -> requests.Response:
        """Ask how much of the upload the server holds (reference §4.1, step 4.1)."""
        policy = self.session.policy
        for attempt in range(policy.max_attempts):
            try:
                return self.call("PUT", uri, retry=False, ok=(308, 404, 410), data=b"",
                                 headers={"Content-Range": f"bytes */{size}", "Content-Length": "0"})
            except RetryableError as error:
                wait = policy.wait_for(attempt, error.wait) if attempt + 1 < policy.max_attempts else None
                if wait is None:
                    raise
                policy.sleep(wait)
        raise AssertionError("unreachable")


def _outcome(response: requests.Response) -> dict[str, Any] | None:
    if response.status_code in (404, 410):
        raise _SessionExpired()
    if response.status_code in (200, 201):
        return json_body(response)
    return None


def _next_byte(response: requests.Response) -> int:
    """The offset to continue from after a 308: Range ``bytes=0-N`` means N+1 bytes are stored."""
    value = response.headers.get("Range", "")
    if "-" not in value:
        return 0
    try:
        return int(value.rsplit("-", 1)[1]) + 1
    except ValueError:
        return 0
