"""The sandbox on a replayed clock (``POST /_sandbox/clock {"at": …}``) and on a port already taken."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from sosmed.errors import SosmedError
from sosmed.i18n import t
from sosmed.sandbox import SandboxHandle, start_sandbox
from tests.sandbox.fixtures import fast_settings
from tests.sandbox.helpers import state

TIMEOUT = 5
SEED = {"facebook": {"posts": [{"message": "Pengumuman layanan kepegawaian", "media": False}]}}


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[SandboxHandle]:
    handle = start_sandbox(tmp_path / "state", seed=SEED, settings=fast_settings())
    yield handle
    handle.stop()


def _set_clock(sb: SandboxHandle, body: dict[str, object]) -> requests.Response:
    return requests.post(f"{sb.base_url}/_sandbox/clock", json=body, headers=sb.admin_headers, timeout=TIMEOUT)


def test_a_comment_made_on_the_replayed_clock_carries_the_replayed_time(seeded: SandboxHandle) -> None:
    answer = _set_clock(seeded, {"at": "2020-05-12T19:42:00+08:00"})
    assert answer.status_code == 200
    post_id = state(seeded, "facebook")["posts"][0]["id"]
    made = requests.post(f"{seeded.base_url}/_sandbox/comments", headers=seeded.admin_headers, timeout=TIMEOUT,
                         json={"platform": "facebook", "post_id": post_id, "text": "Kapan mutasi?", "author": "A"})
    assert made.status_code == 201
    [comment] = state(seeded, "facebook")["comments"]
    created = datetime.fromtimestamp(comment["created_time"], UTC)
    # The clock runs on from the moment it was set: a few seconds at most on a busy machine.
    assert datetime(2020, 5, 12, 11, 42, tzinfo=UTC) <= created < datetime(2020, 5, 12, 11, 43, tzinfo=UTC)
    # The Graph API shows the same time to the adapters.
    graph = requests.get(f"{seeded.env['SOSMED_FACEBOOK_API']}/{post_id}/comments", timeout=TIMEOUT,
                         params={"access_token": seeded.env["SOSMED_FACEBOOK_PAGE_TOKEN"]}).json()
    assert graph["data"][0]["created_time"].startswith("2020-05-12T11:42")


def test_the_clock_refuses_a_time_it_cannot_read(seeded: SandboxHandle) -> None:
    assert _set_clock(seeded, {"at": "12 Mei 2020"}).status_code == 400
    assert _set_clock(seeded, {"at": 1589283720}).status_code == 400


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_taken_port_is_one_catalogue_message(tmp_path: Path, taken_port: int,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SosmedError) as raised:
        start_sandbox(tmp_path / "state", port=taken_port)
    assert raised.value.format_message() == t("sandbox.error.port_taken", host="127.0.0.1", port=taken_port)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""  # nothing of werkzeug's own lines


def test_the_cli_says_so_in_indonesian_and_exits_1(tmp_path: Path, taken_port: int) -> None:
    run = subprocess.run([sys.executable, "-m", "sosmed", "sandbox", "--port", str(taken_port), "--seed", "none",
                          "--state", str(tmp_path / "state")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr.strip() == "Kesalahan: " + t("sandbox.error.port_taken", host="127.0.0.1", port=taken_port)
    assert "Address already in use" not in run.stderr + run.stdout
