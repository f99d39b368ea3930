"""Fixtures for the adapter tests: the sandbox over real HTTP, generated media, a static web server."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from PIL import Image

from sosmed import redaction as redact
from sosmed.cli.progress import upload_progress
from sosmed.http.session import SosmedSession
from sosmed.platforms import MediaFile, RetryPolicy, make_session
from tests.sandbox.fixtures import sandbox  # noqa: F401

MP4_HEAD = bytes.fromhex("0000001c667479706d703432000000006d7034316d70343269736f6d")


class Recorder:
    """A sleep function that records the waits asked for and really sleeps at most ``cap`` seconds."""

    def __init__(self, cap: float = 0.01) -> None:
        self.waits: list[float] = []
        self.cap = cap

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        threading.Event().wait(min(seconds, self.cap))


class ClockSleep(Recorder):
    """A sleep function that records the waits asked for and moves the sandbox's clock instead of waiting.

    Timing the sandbox dictates (container processing, ``check_after_secs``) is honoured by the
    adapter exactly as asked, and no test waits for it for real.
    """

    def __init__(self, handle: Any) -> None:
        super().__init__(cap=0)
        self.handle = handle

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        requests.post(f"{self.handle.base_url}/_sandbox/clock", json={"advance": seconds},
                      headers=self.handle.admin_headers, timeout=10).raise_for_status()


def fast_session(sleep: Recorder | None = None, *, attempts: int = 4, read_timeout: float = 5.0,
                 give_up_after: float = 3600.0) -> SosmedSession:
    """A session whose retries wait at most 0.05 s (the policy is injected, not patched)."""
    policy = RetryPolicy(max_attempts=attempts, base_delay=0.01, max_delay=0.05, give_up_after=give_up_after,
                         sleep=sleep or Recorder())
    return make_session(policy, timeout=(2.0, read_timeout), progress=upload_progress("plain"))


@pytest.fixture(autouse=True)
def _forget_secrets() -> Iterator[None]:
    yield
    redact.clear()


@dataclass
class Sandbox:
    """Test-side helpers around the sandbox handle: admin endpoints only."""

    handle: Any

    @property
    def env(self) -> dict[str, str]:
        return dict(self.handle.env)

    @property
    def base(self) -> str:
        return self.handle.base_url

    @property
    def admin_headers(self) -> dict[str, str]:
        return self.handle.admin_headers

    def state(self, platform: str) -> dict[str, Any]:
        response = requests.get(f"{self.base}/_sandbox/state/{platform}", headers=self.admin_headers, timeout=10)
        response.raise_for_status()
        return response.json()

    def fault(self, **spec: Any) -> None:
        response = requests.post(f"{self.base}/_sandbox/faults", json=spec, headers=self.admin_headers, timeout=10)
        assert response.ok, response.text

    def clear_faults(self) -> None:
        requests.delete(f"{self.base}/_sandbox/faults", headers=self.admin_headers, timeout=10)

    def calls(self, platform: str | None = None) -> list[dict[str, Any]]:
        data = requests.get(f"{self.base}/_sandbox/calls", headers=self.admin_headers, timeout=10).json()
        calls = data if isinstance(data, list) else data.get("calls", [])
        calls = [c for c in calls if not str(c.get("path", "")).startswith("/_sandbox")]
        if platform:
            calls = [c for c in calls if c.get("platform") == platform]
        return calls

    def add_comment(self, **spec: Any) -> dict[str, Any]:
        response = requests.post(f"{self.base}/_sandbox/comments", json=spec, headers=self.admin_headers, timeout=10)
        assert response.ok, response.text
        return response.json()


@pytest.fixture
def sb(sandbox) -> Sandbox:  # noqa: F811
    """The running sandbox with admin helpers."""
    return Sandbox(sandbox)


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    """Generated test media: noisy JPEGs of a few hundred KiB, a PNG, and small fake MP4 videos."""
    folder = tmp_path_factory.mktemp("media")
    for i in range(6):
        Image.effect_noise((720, 720), 40 + i * 5).convert("RGB").save(folder / f"photo{i}.jpg", quality=90)
    Image.effect_noise((1280, 720), 50).convert("RGB").save(folder / "thumb.jpg", quality=80)
    for name, size in (("clip.mp4", 900 * 1024 + 123), ("big.mp4", 3 * 1024 * 1024 + 4321)):
        with open(folder / name, "wb") as fh:
            fh.write(MP4_HEAD)
            fh.write(bytes(range(256)) * ((size - len(MP4_HEAD)) // 256))
            fh.write(b"\0" * (size - fh.tell()))
    return folder


@pytest.fixture(scope="session")
def static_url(media_dir) -> Iterator[str]:
    """The media folder served over HTTP on 127.0.0.1: the 'public URL' Instagram fetches from."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(media_dir)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def photo(media_dir: Path, i: int, static_url: str | None = None, alt: str | None = None) -> MediaFile:
    """The i-th generated photo as a MediaFile."""
    url = f"{static_url}/photo{i}.jpg" if static_url else None
    return MediaFile(media_dir / f"photo{i}.jpg", "image", "image/jpeg", url, alt)


def video(media_dir: Path, name: str = "clip.mp4", static_url: str | None = None) -> MediaFile:
    """A generated video as a MediaFile."""
    url = f"{static_url}/{name}" if static_url else None
    return MediaFile(media_dir / name, "video", "video/mp4", url)
