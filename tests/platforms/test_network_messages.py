"""A request that got no answer is said in a sentence from the catalogue naming the host, never an
exception's class name ("Pesan dari platform: ConnectionError")."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NameResolutionError

from sosmed.forge.errors import ForgeRetryableError
from sosmed.forge.errors import network_error as forge_network_error
from sosmed.http.retry import RetryPolicy
from sosmed.http.session import make_session, network_cause, network_failure
from sosmed.i18n import set_language
from sosmed.platforms.errors import RetryableError
from sosmed.platforms.errors import network_error as platform_network_error
from tests.publish.conftest import cli, platform_sandbox, sample_repo  # noqa: F401
from tests.repos import serve_folder

CLASS_NAMES = ("ConnectionError", "ReadTimeout", "ConnectTimeout", "RemoteDisconnected", "Pesan dari platform",
               "Message from the platform")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again before the call: nobody listens there


@contextmanager
def _hang_up() -> Iterator[int]:
    """A server on loopback that reads the request and closes the connection without an answer."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        server.close()


def _policy() -> RetryPolicy:
    return RetryPolicy(max_attempts=2, base_delay=0.0, max_delay=0.0, jitter=0.0, sleep=lambda _: None)


def _parse(response: requests.Response) -> RetryableError:
    raise AssertionError(f"no answer was expected, got {response.status_code}")


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    set_language("id")
    yield
    set_language("id")


def test_a_refused_connection_names_the_host_in_both_languages() -> None:
    with pytest.raises(RetryableError) as refused:
        make_session(_policy()).call("GET", f"http://127.0.0.1:{_closed_port()}/2/tweets", parse_error=_parse,
                                     network_error=platform_network_error("x"))
    assert str(refused.value) == "Koneksi ke X gagal (127.0.0.1 menolak sambungan); periksa jaringan lalu coba lagi."
    set_language("en")
    assert str(refused.value) == "Could not connect to X (127.0.0.1 refused the connection); check the network and try again."


def test_a_hang_up_after_a_post_is_a_cut_connection_with_an_unknown_outcome() -> None:
    with _hang_up() as port, pytest.raises(RetryableError) as cut:
        make_session(_policy()).call("POST", f"http://127.0.0.1:{port}/me/feed", parse_error=_parse,
                                     network_error=platform_network_error("facebook"))
    assert cut.value.outcome_unknown
    message = str(cut.value)
    assert message.startswith("Koneksi ke Facebook terputus sebelum ada jawaban (127.0.0.1 memutus sambungan), jadi")
    assert not [name for name in CLASS_NAMES if name in message]


def test_a_forge_timeout_says_no_answer_from_the_host() -> None:
    server = socket.create_server(("127.0.0.1", 0))  # listens, never answers
    try:
        with pytest.raises(ForgeRetryableError) as late:
            make_session(_policy(), timeout=(2.0, 0.2)).call(
                "GET", f"http://127.0.0.1:{server.getsockname()[1]}/repos/o/r", parse_error=_parse,
                network_error=forge_network_error("github"))
    finally:
        server.close()
    set_language("en")
    assert str(late.value) == "GitHub did not answer in time (no answer from 127.0.0.1). Try again later."


def test_a_name_that_does_not_resolve_is_a_dns_failure() -> None:
    # No DNS query leaves this machine: the chain requests builds around a failed look-up, made here.
    looked_up = NameResolutionError("api.x.invalid", None, socket.gaierror(-2, "Name or service not known"))
    exc = requests.ConnectionError(MaxRetryError(None, "/2/tweets", looked_up))  # type: ignore[arg-type]
    assert network_cause(exc) == "dns"
    error = platform_network_error("x")(network_failure(exc, idempotent=True, host="api.x.invalid"))
    assert str(error) == ("Koneksi ke X gagal (nama api.x.invalid tidak ditemukan di DNS); periksa jaringan lalu "
                          "coba lagi.")


def test_publish_through_the_cli_says_why_in_words(sample_repo: Path, platform_sandbox) -> None:  # noqa: F811
    with serve_folder(sample_repo / "content") as site:
        env = {**os.environ, **platform_sandbox.env, "SOSMED_MEDIA_URL": site,
               "SOSMED_X_API": f"http://127.0.0.1:{_closed_port()}"}
        result = cli(sample_repo, env, "publish", "--target", "sandbox")
    output = result.stdout + result.stderr
    assert "Koneksi ke X gagal (127.0.0.1 menolak sambungan); periksa jaringan lalu coba lagi." in output, output
    assert not [name for name in CLASS_NAMES if name in output], output
