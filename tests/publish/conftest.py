"""Fixtures for publishing tests: a sample repository with a remote, and a sandbox."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sosmed.demo import build_demo_repo
from sosmed.sandbox import SandboxHandle, start_sandbox
from sosmed.sandbox.settings import SandboxSettings

REPO = Path(__file__).resolve().parents[2]
# Three sample posts: photos on Facebook/Instagram/X, a video on YouTube/Facebook/X, text only.
SAMPLE_POSTS = (
    "2020/05/2020-05-08-peluncuran-juknis-media-sosial",
    "2020/06/2020-06-12-video-mengenal-layanan-kepegawaian",
    "2020/05/2020-05-05-penyesuaian-jam-layanan-kepegawaian",
)


def make_source(tmp: Path, posts: tuple[str, ...] = SAMPLE_POSTS) -> Path:
    """An instance folder holding sosmed.yml and the chosen sample posts."""
    source = tmp / "source"
    (source / "content").mkdir(parents=True)
    shutil.copy(REPO / "sosmed.yml", source / "sosmed.yml")
    for post in posts:
        shutil.copytree(REPO / "content" / post, source / "content" / post)
    return source


@pytest.fixture
def sample_repo(tmp_path: Path) -> Path:
    """A git repository of three sample posts (merged PRs) with a bare ``origin``."""
    repo = build_demo_repo(make_source(tmp_path), tmp_path / "work" / "repo")
    return Path(repo.working_dir)


@pytest.fixture
def platform_sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """A fresh sandbox with short processing delays."""
    handle = start_sandbox(tmp_path / "sandbox", settings=SandboxSettings(ig_processing_seconds=0.1,
                                                                            x_processing_seconds=0.1))
    try:
        yield handle
    finally:
        handle.stop()


def live_posts(handle: SandboxHandle) -> dict[str, list[dict]]:
    """Per platform, the posts that exist (not deleted) in the sandbox's own state."""
    out: dict[str, list[dict]] = {}
    for platform in ("facebook", "instagram", "x", "youtube"):
        state = requests.get(f"{handle.base_url}/_sandbox/state/{platform}", headers=handle.admin_headers,
                             timeout=10).json()
        out[platform] = [p for p in state["posts"] if not p.get("deleted")]
    return out
