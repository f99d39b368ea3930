"""Fixtures for the Q&A tests: a published sample repository and a running sandbox."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from git import Repo

from sosmed.app.wiring import publish
from sosmed.config import load_config
from sosmed.publish.ledger import open_ledger
from sosmed.sandbox import SandboxHandle
from tests.publish.conftest import make_source, platform_sandbox  # noqa: F401
from tests.repos import instance_repo, serve_folder

# A photo post (Facebook, Instagram, X) and a video (YouTube, Facebook, X): every platform has a post.
POSTS = (
    "2020/05/2020-05-08-peluncuran-juknis-media-sosial",
    "2020/06/2020-06-12-video-mengenal-layanan-kepegawaian",
)


@dataclass
class Published:
    """A git instance whose posts are live on the sandbox: where things are and how to reach them."""

    root: Path
    sandbox: SandboxHandle
    env: dict[str, str]
    posts: dict[str, str]  # platform → id of a live post there

    def comment(self, platform: str, text: str, author: str) -> str:
        """A citizen comments under the agency's post on ``platform``; returns the comment id."""
        made = requests.post(f"{self.sandbox.base_url}/_sandbox/comments", headers=self.sandbox.admin_headers,
                             timeout=10, json={
            "platform": platform, "post_id": self.posts[platform], "text": text, "author": author})
        assert made.status_code in (200, 201), made.text
        return str(made.json()["id"])

    def state(self, platform: str) -> dict:
        """The sandbox's admin view of one platform."""
        return requests.get(f"{self.sandbox.base_url}/_sandbox/state/{platform}", headers=self.sandbox.admin_headers,
                            timeout=10).json()

    def commit(self, message: str) -> None:
        """Commit everything and push to ``origin`` (what merging the Q&A pull request does)."""
        git = Repo(self.root)
        git.git.add("-A")
        git.index.commit(message)
        git.git.push("origin", "main")


@pytest.fixture
def published(tmp_path: Path, platform_sandbox: SandboxHandle) -> Iterator[Published]:  # noqa: F811
    """The sample posts published on a fresh sandbox through the publisher (rehearsal gate)."""
    repo = instance_repo(make_source(tmp_path, POSTS), tmp_path / "work" / "repo")
    root = Path(repo.working_dir)
    with serve_folder(root / "content") as site:
        env = {**os.environ, **platform_sandbox.env, "SOSMED_MEDIA_URL": site}
        config = load_config(root / "sosmed.yml")
        _, report = publish(config, target="sandbox", env=env)
        assert report is not None and not report.failed
        index = open_ledger(root, config, "sandbox", env).read()  # the rehearsal's own ledger
        posts: dict[str, str] = {}
        for (item, platform), record in sorted(index.live.items()):
            if "#" not in item and platform != "website":
                posts.setdefault(platform, record["receipt"]["id"])
        assert set(posts) == {"facebook", "instagram", "x", "youtube"}
        yield Published(root, platform_sandbox, env, posts)
