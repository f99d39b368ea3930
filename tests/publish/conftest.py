"""Fixtures for publishing tests: a sample repository with a remote, and a sandbox."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sosmed.config import load_config
from sosmed.demo import build_demo_repo
from sosmed.publish.ledger import open_ledger
from sosmed.publish.records import Index
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
    """A fresh sandbox whose media is ready at once (the adapters still ask; nobody sleeps)."""
    handle = start_sandbox(tmp_path / "sandbox", settings=SandboxSettings(ig_processing_seconds=0,
                                                                            x_processing_seconds=0))
    try:
        yield handle
    finally:
        handle.stop()


def live_posts(handle: SandboxHandle) -> dict[str, list[dict]]:
    """Per platform, the posts that exist (not deleted) in the sandbox's own state."""
    out: dict[str, list[dict]] = {}
    for platform in ("facebook", "instagram", "x", "youtube"):
        state = requests.get(f"{handle.base_url}/_sandbox/state/{platform}", timeout=10).json()
        out[platform] = [p for p in state["posts"] if not p.get("deleted")]
    return out


def ledger_index(repo: Path, target: str = "sandbox") -> Index:
    """The verified ledger of ``target`` in ``repo`` (a rehearsal writes the sandbox ledger)."""
    return open_ledger(repo, load_config(repo / "sosmed.yml"), target).read()


FULL_NAME = "bkd-ntt/sosmed"


def forge_env(repo: Path, handle: SandboxHandle, site: str) -> dict[str, str]:
    """The environment of a run with the real sign-off gate: the sandbox forge holds the repository's
    merged pull requests, approved as policy demands (as in the demo)."""
    import os

    from git import Repo

    from sosmed.demo import forge_seed_for
    from sosmed.sandbox.forge_state import seed_forge

    seed_forge(handle.base_url, forge_seed_for(Repo(repo), repo, FULL_NAME))
    return {**os.environ, **handle.env, "GITHUB_REPOSITORY": FULL_NAME, "SOSMED_MEDIA_URL": site}


def cli(repo: Path, env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``sosmed ARGS`` in ``repo`` as a subprocess (the real command line)."""
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(repo / "sosmed.yml"), *args], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=timeout)


def expected_posts(repo: Path) -> dict[str, set[str]]:
    """Per social platform, the ids of the items that should be live there exactly once."""
    config = load_config(repo / "sosmed.yml")
    from sosmed.model.loader import load_items

    expected: dict[str, set[str]] = {p: set() for p in ("facebook", "instagram", "x", "youtube")}
    for item in load_items([repo / "content"], config).items:
        for platform in item.post.social_platforms:
            expected[platform].add(item.id)
    return expected
