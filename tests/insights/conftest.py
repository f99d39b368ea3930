"""Fixtures for the insights tests: three sample posts published to a fresh sandbox, with their ledger."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from sosmed.app.wiring import publish
from sosmed.config import load_config
from sosmed.config.schema import Config
from sosmed.sandbox import SandboxHandle, start_sandbox
from sosmed.sandbox.settings import SandboxSettings
from tests.publish.conftest import make_source
from tests.repos import instance_repo, serve_folder

DAY = 86400
SETTINGS = SandboxSettings(ig_processing_seconds=0, x_processing_seconds=0)  # as the platform_sandbox fixture


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


@pytest.fixture(scope="session")
def _published_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rehearsal every test of this folder starts from, made once per test process: the repository
    (with its bare ``origin``) and the sandbox's saved state after the three sample posts went out."""
    base = tmp_path_factory.mktemp("published")
    handle = start_sandbox(base / "sandbox", settings=SETTINGS)
    try:
        repo = Path(instance_repo(make_source(base), base / "work" / "repo").working_dir)
        with serve_folder(repo / "content") as site, pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOSMED_MEDIA_URL", site)
            _, report = publish(load_config(repo / "sosmed.yml"), target="sandbox",
                                env={**os.environ, **handle.env, "SOSMED_MEDIA_URL": site})
            assert report is not None and not report.failed
    finally:
        handle.stop()  # saves the state
    return base


@pytest.fixture
def published(tmp_path: Path, _published_once: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Published]:
    """The three sample posts (photos on Facebook, Instagram and X, a video on YouTube) published in a rehearsal:
    a copy of the repository, its ``origin`` and the sandbox's state as publishing left them, the sandbox
    serving that copy (publishing again for every test would only repeat the same calls)."""
    shutil.copytree(_published_once / "work", tmp_path / "work", symlinks=True)
    shutil.copytree(_published_once / "sandbox", tmp_path / "sandbox", symlinks=True)
    repo = tmp_path / "work" / "repo"
    subprocess.run(["git", "remote", "set-url", "origin", str(tmp_path / "work" / "origin.git")], cwd=repo,
                   check=True, capture_output=True)
    handle = start_sandbox(tmp_path / "sandbox", settings=SETTINGS)
    try:
        with serve_folder(repo / "content") as site:
            env = {**os.environ, **handle.env, "SOSMED_MEDIA_URL": site}
            monkeypatch.setenv("SOSMED_MEDIA_URL", site)
            yield Published(repo, handle, env)
    finally:
        handle.stop()
