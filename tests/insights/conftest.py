"""Fixtures for the insights tests: three sample posts published to a fresh sandbox, with their ledger."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from sosmed.app.wiring import publish
from sosmed.config import load_config
from sosmed.config.schema import Config
from sosmed.sandbox import SandboxHandle
from tests.publish.conftest import make_source, platform_sandbox  # noqa: F401
from tests.repos import instance_repo, serve_folder

DAY = 86400


@dataclass
class Published:
    """A repository whose sample posts went out to the sandbox (rehearsal ledger), and that sandbox."""

    repo: Path
    handle: SandboxHandle
    env: dict[str, str]

    @property
    def config(self) -> Config:
        return load_config(self.repo / "sosmed.yml")

    def advance(self, seconds: float) -> None:
        """Move the sandbox's clock (the posts age there; nobody waits)."""
        requests.post(f"{self.handle.base_url}/_sandbox/clock", json={"advance": seconds},
                      headers=self.handle.admin_headers, timeout=10).raise_for_status()

    def calls(self) -> list[dict]:
        calls = requests.get(f"{self.handle.base_url}/_sandbox/calls", headers=self.handle.admin_headers,
                             timeout=10).json()["calls"]
        return [c for c in calls if not str(c.get("path", "")).startswith("/_sandbox")]

    def clear_calls(self) -> None:
        requests.delete(f"{self.handle.base_url}/_sandbox/calls", headers=self.handle.admin_headers, timeout=10)


@pytest.fixture
def published(tmp_path: Path, platform_sandbox: SandboxHandle, monkeypatch: pytest.MonkeyPatch  # noqa: F811
              ) -> Iterator[Published]:
    """The three sample posts (photos on Facebook, Instagram and X, a video on YouTube) published in a rehearsal."""
    repo = Path(instance_repo(make_source(tmp_path), tmp_path / "work" / "repo").working_dir)
    with serve_folder(repo / "content") as site:
        env = {**os.environ, **platform_sandbox.env, "SOSMED_MEDIA_URL": site}
        monkeypatch.setenv("SOSMED_MEDIA_URL", site)
        _, report = publish(load_config(repo / "sosmed.yml"), target="sandbox", env=env)
        assert report is not None and not report.failed
        yield Published(repo, platform_sandbox, env)
