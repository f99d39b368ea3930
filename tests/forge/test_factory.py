"""Choosing the forge client from configuration and environment; refusing unsafe setups."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sosmed.forge import ForgeConfigError, ForgeError, ForgejoForge, GitHubForge, forge_token, make_forge

ENV = {"GITHUB_REPOSITORY": "bkd-ntt/sosmed", "SOSMED_FORGE_TOKEN": "token-utama-123456"}


def test_github_defaults() -> None:
    forge = make_forge("github", env=ENV)
    assert isinstance(forge, GitHubForge) and forge.http.base_url == "https://api.github.com"
    assert forge.repository == "bkd-ntt/sosmed"
    assert forge.http.headers["Authorization"] == "Bearer token-utama-123456"
    assert forge.http.headers["X-GitHub-Api-Version"] == "2022-11-28"


def test_forgejo_url_from_env_and_actions() -> None:
    forge = make_forge("forgejo", env={**ENV, "SOSMED_FORGEJO_URL": "https://git.nttprov.go.id/"})
    assert isinstance(forge, ForgejoForge) and forge.http.base_url == "https://git.nttprov.go.id/api/v1"
    assert forge.http.headers["Authorization"] == "token token-utama-123456"
    actions = make_forge("forgejo", env={**ENV, "GITHUB_SERVER_URL": "https://code.example.go.id"})
    assert actions.http.base_url == "https://code.example.go.id/api/v1"


def test_token_precedence() -> None:
    assert forge_token({"GITHUB_TOKEN": "b", "SOSMED_FORGE_TOKEN": "a"}) == ("a", "SOSMED_FORGE_TOKEN")
    assert forge_token({"GITHUB_TOKEN": "b"}) == ("b", "GITHUB_TOKEN")
    assert forge_token({}) == (None, "SOSMED_FORGE_TOKEN")


@pytest.mark.parametrize(("kind", "env", "key"), [
    ("gitlab", ENV, "forge.error.unknown_forge"),
    ("github", {"SOSMED_FORGE_TOKEN": "x"}, "forge.error.no_repository"),
    ("github", {**ENV, "GITHUB_REPOSITORY": "tanpa-garis-miring"}, "forge.error.bad_repository"),
    ("github", {"GITHUB_REPOSITORY": "a/b"}, "forge.error.no_token"),
    ("forgejo", ENV, "forge.error.no_url"),
    ("forgejo", {**ENV, "SOSMED_FORGEJO_URL": "http://git.nttprov.go.id"}, "forge.error.insecure_url"),
    ("github", {**ENV, "GITHUB_API_URL": "ftp://x"}, "forge.error.bad_url"),
])
def test_configuration_errors(kind: str, env: dict[str, str], key: str) -> None:
    with pytest.raises(ForgeConfigError) as info:
        make_forge(kind, env=env)
    assert info.value.key == key
    message = info.value.format_message()
    assert message and "token-utama-123456" not in message


class _ForeignLink(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = json.dumps([{"id": 1}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Link", '<https://elsewhere.example/steal?page=2>; rel="next"')
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def foreign_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ForeignLink)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_next_page_on_another_host_is_not_followed(foreign_server: str) -> None:
    forge = make_forge("github", env={**ENV, "GITHUB_API_URL": foreign_server})
    with pytest.raises(ForgeError) as info:
        forge.list_comments(1)
    assert info.value.key == "forge.error.foreign_link" and "elsewhere.example" in info.value.format_message()
