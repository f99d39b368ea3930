"""The one retry loop and error root under platforms and forges, against a real server on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from sosmed.forge.errors import ForgeError, ForgeRetryableError
from sosmed.forge.errors import network_error as forge_network_error
from sosmed.http.errors import ServiceError
from sosmed.http.retry import RetryPolicy, retry_after
from sosmed.http.session import make_session
from sosmed.platforms.errors import PlatformError, RetryableError
from sosmed.platforms.errors import network_error as platform_network_error


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: list[tuple[int, dict[str, str], float]]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = script  # per request: status, headers, seconds to wait before answering
        self.seen: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _answer(self) -> None:
        self.server.seen.append(self.command)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        step = min(len(self.server.seen), len(self.server.script)) - 1
        status, headers, delay = self.server.script[step]
        time.sleep(delay)
        body = b'{"ok": true}'
        try:
            self.send_response(status)
            for name, value in {**headers, "Content-Type": "application/json",
                                "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up waiting

    do_GET = do_POST = do_PATCH = _answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@contextmanager
def serve(script: list[tuple[int, dict[str, str], float]]) -> Iterator[_Server]:
    server = _Server(script)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _parse(response: requests.Response) -> ServiceError:
    if response.status_code >= 500:
        return RetryableError("platforms.error.server", platform="x", status=response.status_code,
                              wait=retry_after(response.headers))
    return PlatformError(platform="x", status=response.status_code)


def _policy(waits: list[float], attempts: int = 4) -> RetryPolicy:
    return RetryPolicy(max_attempts=attempts, base_delay=0.0, sleep=waits.append)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = time.time()
    assert retry_after({"Retry-After": "7"}, now) == 7.0
    assert retry_after({"retry-after": formatdate(now + 30, usegmt=True)}, now) == pytest.approx(30.0, abs=1)
    assert retry_after({"Retry-After": "kapan-kapan"}, now) is None and retry_after({}, now) is None


def test_server_trouble_is_retried_with_the_wait_the_server_asks() -> None:
    waits: list[float] = []
    with serve([(503, {"Retry-After": "2"}, 0.0), (503, {"Retry-After": "1"}, 0.0), (200, {}, 0.0)]) as server:
        session = make_session(_policy(waits))
        url = f"http://127.0.0.1:{server.server_address[1]}/2/tweets"
        response = session.call("POST", url, parse_error=_parse, network_error=platform_network_error("x"))
    assert response.json() == {"ok": True}
    assert server.seen == ["POST", "POST", "POST"] and waits == [2.0, 1.0]


def test_a_patch_whose_answer_is_lost_is_not_repeated_unless_the_caller_says_it_may_be() -> None:
    with serve([(200, {}, 1.5)]) as server:
        url = f"http://127.0.0.1:{server.server_address[1]}/repos/o/r/issues/comments/1"
        session = make_session(_policy([]), timeout=(2.0, 0.2))
        with pytest.raises(ForgeRetryableError) as lost:
            session.call("PATCH", url, json={"body": "x"}, parse_error=_parse,
                         network_error=forge_network_error("github"))
        assert lost.value.outcome_unknown and lost.value.key == "forge.error.outcome_unknown"
        assert server.seen == ["PATCH"]
        with pytest.raises(ForgeRetryableError) as repeated:
            session.call("PATCH", url, json={"body": "x"}, parse_error=_parse,
                         network_error=forge_network_error("github"), idempotent=True)
        assert not repeated.value.outcome_unknown and repeated.value.key == "forge.error.timeout"
        assert server.seen == ["PATCH"] * 5  # one before, four now: every attempt of the policy


def test_a_refused_connection_never_reached_the_server_so_even_a_post_is_retried() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again before the call: nobody listens there
    waits: list[float] = []
    with pytest.raises(RetryableError) as refused:
        make_session(_policy(waits, attempts=3)).call(
            "POST", f"http://127.0.0.1:{port}/2/tweets", parse_error=_parse, network_error=platform_network_error("x"))
    assert not refused.value.outcome_unknown and refused.value.key == "platforms.error.network"
    assert len(waits) == 2


def test_both_families_share_one_root_with_service_status_and_request_id() -> None:
    platform = RetryableError("platforms.error.server", platform="facebook", status=503, request_id="Aq1")
    forge = ForgeError(forge="forgejo", status=None, request_id="req-7")
    for error, service in ((platform, "facebook"), (forge, "forgejo")):
        assert isinstance(error, ServiceError) and error.service == service
    assert platform.platform == "facebook" and forge.forge == "forgejo" and platform.retryable
    assert "Facebook" in platform.format_message() and "503" in platform.format_message()
    assert "Aq1" in platform.format_message() and "req-7" in forge.format_message()


def test_without_an_injected_display_an_upload_shows_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    progress = make_session().progress("youtube", "video.mp4", 100)
    progress.update(100)
    progress.close()
    assert capfd.readouterr() == ("", "")
