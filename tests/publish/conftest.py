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
from sosmed.publish.ledger import open_ledger
from sosmed.publish.records import Index
from sosmed.sandbox import SandboxHandle, start_sandbox
from sosmed.sandbox.settings import SandboxSettings
from tests.repos import instance_repo

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
    repo = instance_repo(make_source(tmp_path), tmp_path / "work" / "repo")
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
        state = requests.get(f"{handle.base_url}/_sandbox/state/{platform}", headers=handle.admin_headers,
                             timeout=10).json()
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

    from sosmed.sandbox.forge_state import seed_forge
    from tests.repos import approvals_seed

    seed_forge(handle, approvals_seed(Repo(repo), repo, FULL_NAME))
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


def merge_form(repo: Path, form_id: str, comments: dict[str, str], number: int) -> None:
    """A Q&A form answering one citizen's comment per platform, merged as pull request ``number``; pushed."""
    questions = "".join(
        f"  - text: \"Pertanyaan warga di {platform}: kapan jadwalnya?\"\n    platform: {platform}\n"
        f"    comment_id: \"{cid}\"\n    asker: warga_contoh\n    received_at: 2020-05-14T09:00:00+08:00\n"
        f"    answer: \"Jadwal untuk penanya di {platform} diumumkan pekan depan di situs BKD.\"\n"
        for platform, cid in comments.items())
    path = repo / "qna" / "mutasi" / "2020" / f"{form_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nid: {form_id}\nofficer: \"Maria Goreti Nona\"\nbidang: mutasi\n"
                    f"received: 2020-05-14T10:00:00+08:00\nquestions:\n{questions}public: true\n---\n",
                    encoding="utf-8")
    who = ["-c", "user.name=Admin", "-c", "user.email=admin@example.org"]
    branch = f"pr-{number}-{form_id.lower()}"
    for args in (["checkout", "-q", "-b", branch], ["add", "qna"], [*who, "commit", "-q", "-m", f"Formulir {form_id}"],
                 ["checkout", "-q", "main"],
                 [*who, "merge", "-q", "--no-ff", branch, "-m", f"Merge pull request #{number} from bkd-ntt/{branch}"],
                 ["push", "-q", "origin", "main"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def own_replies(handle: SandboxHandle, platform: str, comment_id: str) -> list[dict]:
    """The account's replies to one comment, counted in the sandbox's own state."""
    state = requests.get(f"{handle.base_url}/_sandbox/state", timeout=10, headers=handle.admin_headers).json()[platform]
    if platform == "x":
        return [p for p in state["posts"] if p.get("in_reply_to") == comment_id and not p.get("deleted")]
    own = {"facebook": "by_page", "instagram": "by_owner", "youtube": "by_channel"}[platform]
    return [c for c in state["comments"] if c.get("parent_id") == comment_id and c.get(own) and not c.get("deleted")]
