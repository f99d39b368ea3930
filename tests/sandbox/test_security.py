"""The sandbox is safe by default: admin token, Host check, loopback-only admin, private state files."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from werkzeug.test import Client

from sosmed.errors import SosmedError, UsageError
from sosmed.sandbox import start_sandbox
from sosmed.sandbox.app import create_app
from sosmed.sandbox.guard import HostGuard
from sosmed.sandbox.state import Store
from tests.sandbox.helpers import jpeg

TIMEOUT = 5
ADMIN = [
    ("GET", "/_sandbox/state", None), ("GET", "/_sandbox/state/facebook", None), ("GET", "/_sandbox/faults", None),
    ("POST", "/_sandbox/faults", {"platform": "x", "kind": "500"}), ("DELETE", "/_sandbox/faults", None),
    ("GET", "/_sandbox/calls", None), ("DELETE", "/_sandbox/calls", None),
    ("POST", "/_sandbox/comments", {"platform": "x", "text": "halo"}), ("GET", "/_sandbox/settings", None),
    ("PATCH", "/_sandbox/settings", {}), ("POST", "/_sandbox/clock", {"advance": 1}),
    ("PUT", "/_sandbox/files/a.txt", None), ("POST", "/_sandbox/forge/seed", {}), ("GET", "/_sandbox/forge/state", None),
]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("method", "path", "body"), ADMIN, ids=[f"{m} {p}" for m, p, _ in ADMIN])
def test_every_admin_endpoint_needs_the_token(sandbox, method: str, path: str, body: dict | None) -> None:  # noqa: ANN001
    url = sandbox.base_url + path
    refused = requests.request(method, url, json=body, timeout=TIMEOUT)
    assert refused.status_code == 401
    assert "X-Sandbox-Admin-Token" in refused.json()["error"]
    wrong = requests.request(method, url, json=body, headers={"X-Sandbox-Admin-Token": "sbxadmin-salah"},
                             timeout=TIMEOUT)
    assert wrong.status_code == 401
    allowed = requests.request(method, url, json=body, headers=sandbox.admin_headers, timeout=TIMEOUT)
    assert allowed.status_code in (200, 201), allowed.text


def test_admin_token_is_in_credentials_env_and_state_files_are_private(sandbox) -> None:  # noqa: ANN001
    token = sandbox.env["SOSMED_SANDBOX_ADMIN_TOKEN"]
    assert token == sandbox.admin_token and len(token) >= 40
    assert f"SOSMED_SANDBOX_ADMIN_TOKEN={token}\n" in sandbox.credentials_path.read_text(encoding="utf-8")
    assert _mode(sandbox.state_dir) == 0o700
    assert _mode(sandbox.state_dir / "state.json") == 0o600
    assert _mode(sandbox.credentials_path) == 0o600
    requests.post(f"{sandbox.base_url}/_sandbox/clock", json={"advance": 5}, headers=sandbox.admin_headers,
                  timeout=TIMEOUT)
    assert _mode(sandbox.state_dir / "state.json") == 0o600  # rewritten after a change, still private


def test_a_state_from_before_is_made_private_and_gets_a_token(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    first = start_sandbox(folder)
    first.stop()
    data = json.loads((folder / "state.json").read_text(encoding="utf-8"))
    del data["admin_token"]
    (folder / "state.json").write_text(json.dumps(data), encoding="utf-8")
    for path, mode in ((folder / "state.json", 0o644), (folder / "credentials.env", 0o644), (folder, 0o755)):
        path.chmod(mode)
    again = start_sandbox(folder)
    try:
        assert _mode(folder) == 0o700 and _mode(folder / "state.json") == 0o600
        assert _mode(folder / "credentials.env") == 0o600
        assert again.admin_token.startswith("sbxadmin-")
        assert requests.get(f"{again.base_url}/_sandbox/state", headers=again.admin_headers,
                            timeout=TIMEOUT).status_code == 200
    finally:
        again.stop()


def test_a_folder_holding_other_files_is_not_taken_over(tmp_path: Path) -> None:
    (tmp_path / "proyek").mkdir()
    (tmp_path / "proyek" / "catatan.txt").write_text("milik orang lain", encoding="utf-8")
    before = _mode(tmp_path / "proyek")
    with pytest.raises(SosmedError) as caught:
        Store(tmp_path / "proyek")
    assert caught.value.key == "sandbox.error.state_foreign"
    assert _mode(tmp_path / "proyek") == before and not (tmp_path / "proyek" / "state.json").exists()


def test_media_stay_public_on_this_computer(sandbox) -> None:  # noqa: ANN001
    e = sandbox.env
    photo = requests.post(f"{e['SOSMED_FACEBOOK_API']}/v26.0/{e['SOSMED_FACEBOOK_PAGE_ID']}/photos",
                          data={"access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"], "caption": "Foto"},
                          files={"source": ("a.jpg", jpeg(), "image/jpeg")}, timeout=TIMEOUT).json()
    image = requests.get(f"{sandbox.base_url}/_sandbox/media/facebook/{photo['id']}", timeout=TIMEOUT)
    assert image.status_code == 200 and image.content[:2] == b"\xff\xd8"


def _raw_request(port: int, host_line: str, path: str = "/") -> tuple[int, str]:
    """Send a request with exactly the given Host line (or none) over a real loopback socket."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\n{host_line}Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


@pytest.mark.parametrize("path", ["/", "/web/facebook", "/_sandbox/state", "/facebook/v26.0/me", "/x/2/users/me"])
def test_host_header_must_name_the_sandbox(sandbox, path: str) -> None:  # noqa: ANN001
    port = int(sandbox.base_url.rsplit(":", 1)[1])
    for host in (f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", f"localhost:{port + 1}", "localhost"):
        status, body = _raw_request(port, f"Host: {host}\r\n", path)
        assert status == 403, host
        assert "Host" in json.loads(body)["error"]
    status, _ = _raw_request(port, "", path)
    assert status in (400, 403)  # HTTP/1.1 without Host: refused by the server or by the guard
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        status, _ = _raw_request(port, f"Host: {host}\r\n", path)
        assert status != 403, host


def test_remote_clients_reach_only_the_apis(tmp_path: Path) -> None:
    store = Store(tmp_path / "state")
    guard = HostGuard(create_app(store), "0.0.0.0")  # noqa: S104 - the WSGI app only, nothing is bound
    guard.port = 8765
    client = Client(guard)
    remote = {"REMOTE_ADDR": "192.0.2.7"}
    token = {"X-Sandbox-Admin-Token": store.admin_token}
    for path in ("/", "/web/x", "/_sandbox/state", "/_sandbox/media/facebook/1"):
        for host in ("127.0.0.1:8765", "192.0.2.1:8765", "sandbox.lan:8765"):
            answer = client.get(path, headers={"Host": host, **token}, environ_base=remote)
            assert answer.status_code == 403, (path, host)
    api = client.get("/x/2/users/me", headers={"Host": "sandbox.lan:8765"}, environ_base=remote)
    assert api.status_code == 401  # the API answers (in X's shape): the missing token is X's business
    local = client.get("/_sandbox/state", headers={"Host": "127.0.0.1:8765", **token},
                       environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert local.status_code == 200

    bound = HostGuard(create_app(store), "192.0.2.1")
    bound.port = 8765
    client = Client(bound)
    assert client.get("/x/2/users/me", headers={"Host": "192.0.2.1:8765"}, environ_base=remote).status_code == 401
    assert client.get("/x/2/users/me", headers={"Host": "evil.example:8765"}, environ_base=remote).status_code == 403


def test_library_refuses_a_remote_host_without_the_flag(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        start_sandbox(tmp_path / "s", host="0.0.0.0")  # noqa: S104 - refused before binding
    assert caught.value.key == "sandbox.error.remote_needs_flag"
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize(("lang", "words"), [("id", "--allow-remote"), ("en", "other computers")])
def test_cli_refuses_a_remote_host_without_the_flag(tmp_path: Path, lang: str, words: str) -> None:
    try:
        result = subprocess.run([sys.executable, "-m", "sosmed", "--lang", lang, "sandbox", "--host", "0.0.0.0",
                                 "--port", "0", "--state", str(tmp_path / "s")], capture_output=True, text=True,
                                timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the sandbox served on 0.0.0.0 without --allow-remote")
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "s").exists()


def test_cli_with_allow_remote_warns_and_keeps_admin_local(tmp_path: Path) -> None:
    env = {**os.environ, "SOSMED_LANG": "en", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "sosmed", "sandbox", "--host", "0.0.0.0", "--allow-remote",
                             "--port", "0", "--state", str(tmp_path / "s"), "--seed", "none"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = []
        for _ in range(60):
            line = proc.stdout.readline()
            lines.append(line)
            if line.startswith("Press Ctrl+C"):
                break
        url = re.search(r"Sandbox running at (http://127\.0\.0\.1:\d+)", "".join(lines)).group(1)
        token = re.search(r"SOSMED_SANDBOX_ADMIN_TOKEN=(\S+)", "".join(lines)).group(1)
        assert requests.get(f"{url}/_sandbox/state", headers={"X-Sandbox-Admin-Token": token},
                            timeout=TIMEOUT).status_code == 200
        assert requests.get(f"{url}/_sandbox/state", timeout=TIMEOUT).status_code == 401
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert "WARNING" in err and "0.0.0.0" in err
    assert proc.returncode == 0 and "Traceback" not in err
