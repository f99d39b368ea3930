"""The demo's git repository: branches, commits and merges at the replayed month's times, and the
pull requests the forge emulation holds for them (with their approvals), as the gate reads them."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sosmed.errors import SosmedError

FULL_NAME = "bkd-ntt/sosmed"
CONFIG_FILES = ("sosmed.yml", "mkdocs.yml", "docs")


@dataclass(frozen=True)
class Author:
    """Who writes a commit: a name and e-mail for git, a login for the forge."""

    name: str
    email: str
    login: str


BOT = Author("sosmed", "sosmed@users.noreply.github.com", "github-actions[bot]")


@dataclass
class PullRequest:
    """One pull request of the demo: its branch, its commits (sha, author) and, once merged, its merge."""

    number: int
    branch: str
    title: str
    user: str
    base_sha: str
    commits: list[tuple[str, Author]] = field(default_factory=list)
    files: set[str] = field(default_factory=set)
    merge_sha: str = ""


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


class DemoRepo:
    """A git repository whose history is the month's merged pull requests, at the month's times."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pulls: list[PullRequest] = []

    def git(self, *args: str, at: datetime | None = None, author: Author | None = None) -> str:
        """Run git in the repository; commits made at ``at`` by ``author``."""
        env = dict(os.environ)
        if at is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = at.isoformat()
        if author is not None:
            env.update(GIT_AUTHOR_NAME=author.name, GIT_AUTHOR_EMAIL=author.email,
                       GIT_COMMITTER_NAME=author.name, GIT_COMMITTER_EMAIL=author.email)
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SosmedError("demo.git_failed", command=" ".join(args[:2]), error=done.stderr.strip())
        return done.stdout.strip()

    def create(self, source: Path, origin: Path, at: datetime, admin: Author) -> None:
        """The repository with the instance's configuration as its first commit, and its bare origin."""
        self.root.mkdir(parents=True)
        for name in CONFIG_FILES:
            path = source / name
            if path.is_file():
                shutil.copy2(path, self.root / name)
            elif path.is_dir():
                shutil.copytree(path, self.root / name)
        (self.root / "docs").mkdir(exist_ok=True)
        (self.root / "docs" / ".gitkeep").touch()
        self.git("init", "--initial-branch=main")
        self.git("add", "-A")
        self.git("commit", "-m", "Konfigurasi awal sosmed", at=at, author=admin)
        subprocess.run(["git", "init", "--bare", "--initial-branch=main", str(origin)], capture_output=True,
                       check=True)
        self.git("remote", "add", "origin", str(origin))
        self.push()

    def head(self, ref: str = "HEAD") -> str:
        """The commit id of ``ref``."""
        return self.git("rev-parse", ref)

    def open(self, name: str, title: str, user: str) -> PullRequest:
        """A new branch from ``main`` and its pull request (numbered in the order they are opened)."""
        self.git("branch", name, "main")
        pull = PullRequest(len(self.pulls) + 1, name, title, user, self.head("main"))
        self.pulls.append(pull)
        return pull

    @contextmanager
    def on_branch(self, pull: PullRequest) -> Iterator[Path]:
        """The working tree on the pull request's branch (to write files and commit), then ``main`` again."""
        self.git("checkout", "-q", pull.branch)
        try:
            yield self.root
        finally:
            self.git("checkout", "-q", "main")

    def commit(self, pull: PullRequest, paths: Iterable[str], message: str, at: datetime, author: Author) -> str:
        """Commit ``paths`` (added, changed or removed) on the pull request's branch, checked out."""
        wanted = sorted(set(paths))
        self.git("add", "-A", "--", *wanted)
        self.git("commit", "-q", "-m", message, at=at, author=author)
        sha = self.head()
        pull.commits.append((sha, author))
        pull.files.update(wanted)
        return sha

    def merge(self, pull: PullRequest, at: datetime, by: Author) -> str:
        """Merge the pull request into ``main`` (a merge commit, as GitHub's merge button makes) and push."""
        self.git("checkout", "-q", "main")
        self.git("merge", "-q", "--no-ff", pull.branch, "-m",
                 f"Merge pull request #{pull.number} from bkd-ntt/{pull.branch}\n\n{pull.title}", at=at, author=by)
        pull.merge_sha = self.head()
        self.push()
        return pull.merge_sha

    def push(self) -> None:
        """Push ``main`` to the bare origin (the publish workflow's checkout)."""
        self.git("push", "-q", "origin", "main")


def pull_seed(pull: PullRequest, reviews: list[tuple[str, datetime]], merged_at: datetime) -> dict[str, Any]:
    """The forge emulation's record of one merged pull request, approved at its head by ``reviews``."""
    head = pull.commits[-1][0]
    return {"reset": False, "repositories": [{"full_name": FULL_NAME, "default_branch": "main", "pulls": [{
        "number": pull.number, "user": pull.user, "title": pull.title, "base": "main", "head": pull.branch,
        "head_sha": head, "base_sha": pull.base_sha, "merged": True, "merge_commit_sha": pull.merge_sha,
        "merged_at": _stamp(merged_at),
        "commits": [{"sha": sha, "author": who.login, "committer": who.login, "message": pull.title}
                    for sha, who in pull.commits],
        "files": [{"filename": name, "status": "modified"} for name in sorted(pull.files)],
        "reviews": [{"user": login, "state": "APPROVED", "commit_id": head, "submitted_at": _stamp(when)}
                    for login, when in reviews],
    }]}]}


def before(moment: datetime, minutes: int) -> datetime:
    """``minutes`` before ``moment`` (a commit before its review, a review before its merge)."""
    return moment - timedelta(minutes=minutes)
