"""Real git repositories with pull-request history, mirrored into the emulated forge."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from git import Actor, Repo

REPO = Path(__file__).resolve().parents[2]
FULL_NAME = "bkd-ntt/sosmed"
EDITOR = Actor("Editor Satu", "editor@bkd-ntt.example.org")
POST = "content/2020/05/2020-05-08-peluncuran-juknis-media-sosial"
FORM = "qna/mutasi/2020/QA-2020-05-0001.md"


@dataclass
class Forgery:
    """A repository on disk plus the forge seed that describes its pull requests."""

    root: Path
    repo: Repo
    pulls: list[dict[str, Any]] = field(default_factory=list)
    commits: list[dict[str, Any]] = field(default_factory=list)

    def seed(self, protection: dict | None = None) -> dict[str, Any]:
        repository: dict[str, Any] = {"full_name": FULL_NAME, "default_branch": "main", "pulls": self.pulls,
                                      "commits": self.commits}
        if protection is not None:
            repository["protection"] = {"main": protection}
        return {"reset": True, "repositories": [repository]}

    def commit(self, message: str, author: Actor = EDITOR) -> str:
        self.repo.git.add("-A")
        return self.repo.index.commit(message, author=author, committer=author).hexsha

    def pull_request(self, branch: str, changes: list, *, user: str = "editor-satu",
                     reviews: list[dict[str, Any]] | None = None, merge: bool | str = True,
                     pushes: int = 1, pushers: list[str] | None = None,
                     pushed_by: list[str] | None = None) -> dict[str, Any]:
        """A PR branch with ``pushes`` commits (each applying ``changes``: ``(target, source)`` pairs,
        or one list of them per push), merged with --no-ff (``merge="rebase"``: replayed onto
        main one by one, as a rebase merge does).

        ``pushers`` names the forge account behind each push (default: the PR's author);
        ``pushed_by`` who really pushed it when that differs (a forged commit identity). A
        review's ``at`` picks the push it saw; an explicit ``commit_id`` (None too) is kept.
        """
        base = self.repo.head.commit.hexsha
        self.repo.git.checkout("-b", branch)
        shas = []
        steps = changes if changes and isinstance(changes[0], list) else [changes] * pushes
        pushes = len(steps)
        for push, step in enumerate(steps):
            for target, source in step:
                _apply(self.root, target, source, push)
            shas.append(self.commit(f"{branch} #{push + 1}"))
        self.repo.git.checkout("main")
        logins = pushers or [user] * pushes
        pull: dict[str, Any] = {"number": len(self.pulls) + 1, "user": user, "title": branch, "base": "main",
                                "head": branch, "head_sha": shas[-1], "base_sha": base,
                                "commits": [{"sha": s, "author": who, "committer": who, "message": "x",
                                             "pushed_by": pusher,
                                             "parents": [p.hexsha for p in self.repo.commit(s).parents]}
                                            for s, who, pusher in zip(shas, logins, pushed_by or logins, strict=True)],
                                "reviews": [_review_at(r, shas) for r in (reviews or [])]}
        if merge:
            before = self.repo.head.commit.hexsha
            sha = self._merge(branch, pull["number"], shas, rebase=merge == "rebase")
            pull.update(merged=True, merge_commit_sha=sha, merged_at="2020-05-08T02:00:00Z")
            if merge == "rebase":
                pull["merged_commits"] = self.repo.git.rev_list(f"{before}..{sha}").split()
        self.pulls.append(pull)
        pull["shas"] = shas
        return pull

    def _merge(self, branch: str, number: int, shas: list[str], rebase: bool) -> str:
        env = {"GIT_AUTHOR_NAME": "x", "GIT_AUTHOR_EMAIL": "x@x", "GIT_COMMITTER_NAME": "x",
               "GIT_COMMITTER_EMAIL": "x@x"}
        if rebase:
            self.repo.git.reset("--hard", "-q")  # the index GitPython wrote may look racy to git
            for sha in shas:
                self.repo.git.cherry_pick("--allow-empty", sha, env=env)
        else:
            self.repo.git.merge("--no-ff", branch, "-m", f"Merge pull request #{number}", env=env)
        return self.repo.head.commit.hexsha

    def direct_push(self, target: str, login: str = "admin-medsos-ntt") -> str:
        """A commit straight on main changing ``target`` (known to the forge, with no PR)."""
        _apply(self.root, target, None, 99)
        sha = self.commit("push langsung")
        self.commits.append({"sha": sha, "author": login, "committer": login, "message": "push langsung"})
        return sha


def _review_at(raw: dict[str, Any], shas: list[str]) -> dict[str, Any]:
    made = dict(raw)
    at = made.pop("at", -1)
    if "commit_id" not in made:
        made["commit_id"] = shas[at]
    return made


def _apply(root: Path, target: str, source: str | None, push: int) -> None:
    dest = root / target
    if source is None:  # a small edit, different on each push
        index = dest / "index.md" if dest.is_dir() else dest
        index.write_text(index.read_text(encoding="utf-8") + f"\nPerubahan ke-{push + 1}.\n", encoding="utf-8")
    elif (REPO / source).is_dir():
        shutil.copytree(REPO / source, dest, dirs_exist_ok=True)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / source, dest)


def make_forgery(tmp: Path) -> Forgery:
    """A repository with sosmed.yml on main (a first commit, no PR)."""
    root = tmp / "repo"
    root.mkdir(parents=True)
    shutil.copy(REPO / "sosmed.yml", root / "sosmed.yml")
    repo = Repo.init(root, initial_branch="main")
    forgery = Forgery(root, repo)
    forgery.commit("Konfigurasi awal")
    return forgery


def review(user: str, state: str = "APPROVED", at: int = -1, when: str = "2020-05-08T01:00:00Z") -> dict[str, Any]:
    """A review of the ``at``-th push of the PR (default: the last)."""
    return {"user": user, "state": state, "at": at, "submitted_at": when}
