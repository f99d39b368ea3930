"""``sosmed demo``: the whole flow on this machine, against the sandbox.

Copies the sample instance into a temporary git repository whose history is a
series of merged pull requests, starts the platform sandbox and a small web server
for the archive's media on loopback, publishes everything due, and prints where to
look. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from git import Actor, Repo

from sosmed.config import load_config
from sosmed.model.loader import load_items
from sosmed.publish.runner import RunReport
from sosmed.publish.service import publish
from sosmed.sandbox import start_sandbox

COPIED = ("sosmed.yml", "mkdocs.yml", "content", "qna", "recaps", "docs")
ADMIN = Actor("Admin Media Sosial (demo)", "admin@bkd-ntt.example.org")


def build_demo_repo(source: Path, dest: Path) -> Repo:
    """A git repository of the instance at ``dest`` whose history is one merged PR per item."""
    dest.mkdir(parents=True)
    for name in COPIED:
        path = source / name
        if path.is_file():
            shutil.copy2(path, dest / name)
    repo = Repo.init(dest, initial_branch="main")
    repo.index.add([n for n in COPIED if (dest / n).is_file()])
    repo.index.commit("Konfigurasi awal sosmed", author=ADMIN, committer=ADMIN)
    config = load_config(source / "sosmed.yml")
    items = load_items([p for p in (source / "content", source / "qna") if p.exists()], config).items
    items.sort(key=lambda i: (i.post.date.isoformat() if i.kind == "post" else i.form.received.isoformat(), i.id))
    for number, item in enumerate(items, 1):
        rel = item.folder.relative_to(source.resolve()) if item.kind == "post" else \
            item.path.relative_to(source.resolve())
        branch = repo.create_head(f"pr-{number}-{item.id.lower()}")
        branch.checkout()
        target = dest / rel
        if item.kind == "post":
            shutil.copytree(item.folder, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item.path, target)
        repo.index.add([str(rel)])
        repo.index.commit(f"Tambah {item.id}", author=ADMIN, committer=ADMIN)
        repo.heads.main.checkout()
        repo.git.merge("--no-ff", branch.name, "-m", f"Merge pull request #{number} from bkd-ntt/{branch.name}",
                       env={"GIT_AUTHOR_NAME": ADMIN.name, "GIT_AUTHOR_EMAIL": ADMIN.email,
                            "GIT_COMMITTER_NAME": ADMIN.name, "GIT_COMMITTER_EMAIL": ADMIN.email})
    Repo.init(dest.parent / "origin.git", bare=True, initial_branch="main")
    repo.create_remote("origin", str(dest.parent / "origin.git"))
    repo.git.push("origin", "main")
    return repo


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@contextmanager
def serve_folder(folder: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class DemoResult:
    """What the demo did and where to look."""

    report: RunReport
    sandbox_url: str
    site_url: str
    repo: Path


@contextmanager
def demo_session(source: Path, workdir: Path) -> Iterator[DemoResult]:
    """Build the repo, start the servers, publish; yields while the servers run."""
    repo = build_demo_repo(source, workdir / "repo")
    root = Path(repo.working_dir)
    handle = start_sandbox(workdir / "sandbox", port=0)
    saved = {k: os.environ.get(k) for k in ("SOSMED_SITE_URL",)}
    try:
        with serve_folder(root / "content") as site_url:
            os.environ["SOSMED_SITE_URL"] = site_url
            config = load_config(root / "sosmed.yml")
            env = {**os.environ, **handle.env}
            _, report = publish(config, target="sandbox", env=env)
            assert report is not None
            yield DemoResult(report, handle.base_url + "/", site_url, root)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        handle.stop()
