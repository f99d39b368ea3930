"""Test fixtures: real git repositories of an instance whose history is merged pull requests,
the emulated forge's record of those pull requests with their approvals, and a loopback
web server for the media Instagram fetches.

The demo (``sosmed.app.demo``) builds the same kind of history for people to look at; the
tests keep their own fixtures so that changing what the demo shows never changes what a
test proves.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from git import Actor, Repo

from sosmed.config import load_config
from sosmed.model.loader import load_items

ADMIN = Actor("Admin Media Sosial (uji)", "admin@bkd-ntt.example.org")
_ENV = {"GIT_AUTHOR_NAME": ADMIN.name, "GIT_AUTHOR_EMAIL": ADMIN.email,
        "GIT_COMMITTER_NAME": ADMIN.name, "GIT_COMMITTER_EMAIL": ADMIN.email}


def merge_pr(repo: Repo, number: int, branch: str) -> None:
    """Merge ``branch`` into main as GitHub merges pull request ``number`` (a merge commit)."""
    repo.heads.main.checkout()
    repo.git.merge("--no-ff", branch, "-m", f"Merge pull request #{number} from bkd-ntt/{branch}", env=_ENV)


def _initial_commit(source: Path, dest: Path) -> Repo:
    dest.mkdir(parents=True)
    added = []
    for name in ("sosmed.yml", "mkdocs.yml", "recaps", "docs"):
        path = source / name
        if path.is_file():
            shutil.copy2(path, dest / name)
            added.append(name)
        elif path.is_dir():
            shutil.copytree(path, dest / name)
            added += [str(p.relative_to(dest)) for p in (dest / name).rglob("*") if p.is_file()]
    (dest / "docs").mkdir(exist_ok=True)
    repo = Repo.init(dest, initial_branch="main")
    repo.index.add(added)
    repo.index.commit("Konfigurasi awal sosmed", author=ADMIN, committer=ADMIN)
    return repo


def instance_repo(source: Path, dest: Path, *, forms: bool = True) -> Repo:
    """A git repository of the instance ``source`` at ``dest``: one merged pull request per item, in
    publication order, pushed to a bare ``origin`` beside it."""
    repo = _initial_commit(source, dest)
    config = load_config(source / "sosmed.yml")
    folders = [source / "content"] + ([source / "qna"] if forms else [])
    items = load_items([p for p in folders if p.exists()], config).items
    items.sort(key=lambda i: (i.post.date.isoformat() if i.kind == "post" else i.form.received.isoformat(), i.id))
    for number, item in enumerate(items, 1):
        origin = item.folder if item.kind == "post" else item.path
        rel = origin.relative_to(source.resolve())
        branch = repo.create_head(f"pr-{number}-{item.id.lower()}")
        branch.checkout()
        if item.kind == "post":
            shutil.copytree(origin, dest / rel)
        else:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, dest / rel)
        repo.index.add([str(rel)])
        repo.index.commit(f"Tambah {item.id}", author=ADMIN, committer=ADMIN)
        merge_pr(repo, number, branch.name)
    Repo.init(dest.parent / "origin.git", bare=True, initial_branch="main")
    repo.create_remote("origin", str(dest.parent / "origin.git"))
    repo.git.push("origin", "main")
    return repo


def _reviewers(files: list[str], config: Any) -> list[str]:
    """Who approves a pull request of ``files``: a form's division head, and always the Kepala."""
    reviewers = [config.kepala.forge_users[0]]
    for name in files:
        parts = name.split("/")
        division = config.division(parts[1]) if parts[0] == "qna" and len(parts) > 2 else None
        if division is not None and division.head.forge_users:
            reviewers.insert(0, division.head.forge_users[0])
    return list(dict.fromkeys(reviewers))


def approvals_seed(repo: Repo, root: Path, full_name: str) -> dict[str, Any]:
    """The emulated forge's seed: each merge on main is a pull request by an admin, approved at its head
    commit by whom the policy names (``POST /_sandbox/forge/seed``)."""
    config = load_config(root / "sosmed.yml")
    admin = next((login for m in config.team if "admin" in m.roles for login in m.forge_users), "admin")
    pulls = []
    for merge in repo.iter_commits("main", first_parent=True, merges=True):
        match = re.match(r"Merge pull request #(\d+)", str(merge.message))
        if not match:
            continue
        head = merge.parents[1]
        files = [str(d.b_path or d.a_path) for d in merge.parents[0].diff(merge)]
        when = merge.committed_datetime.isoformat()
        pulls.append({
            "number": int(match.group(1)), "user": admin, "title": str(merge.message).splitlines()[0],
            "base": "main", "head": f"pr-{match.group(1)}", "head_sha": head.hexsha,
            "base_sha": merge.parents[0].hexsha, "merged": True, "merge_commit_sha": merge.hexsha, "merged_at": when,
            "commits": [{"sha": head.hexsha, "author": admin, "committer": admin, "message": head.message}],
            "files": [{"filename": name, "status": "added"} for name in files],
            "reviews": [{"user": login, "state": "APPROVED", "commit_id": head.hexsha, "submitted_at": when}
                        for login in _reviewers(files, config)],
        })
    return {"reset": True, "repositories": [{"full_name": full_name, "default_branch": "main",
                                             "pulls": sorted(pulls, key=lambda p: p["number"])}]}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free loopback port; yields the base URL (``http://127.0.0.1:PORT/``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
