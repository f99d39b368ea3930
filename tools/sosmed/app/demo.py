"""``sosmed demo``: the whole flow on this machine, against the sandbox.

Copies the sample instance into a temporary git repository whose history is a
series of merged pull requests, starts the platform sandbox and a small web server
for the archive's media on loopback, publishes everything due, and prints where to
look. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests
from git import Actor, Repo

from sosmed import clock
from sosmed.app.wiring import publish, record_signoffs
from sosmed.config import load_config
from sosmed.http.streams import ProgressFactory
from sosmed.model.loader import load_items
from sosmed.publish.ledger import open_ledger
from sosmed.publish.outcome import RunReport
from sosmed.recap.service import make_recap
from sosmed.sandbox import start_sandbox
from sosmed.sandbox.forge_state import seed_forge
from sosmed.site.build import build_site

COPIED = ("sosmed.yml", "mkdocs.yml", "content", "qna", "recaps", "docs")
ADMIN = Actor("Admin Media Sosial (demo)", "admin@bkd-ntt.example.org")


def _merge_pr(repo: Repo, number: int, name: str, paths: list[str], message: str) -> None:
    repo.heads.main.checkout()
    repo.git.merge("--no-ff", name, "-m", f"Merge pull request #{number} from bkd-ntt/{name}",
                   env={"GIT_AUTHOR_NAME": ADMIN.name, "GIT_AUTHOR_EMAIL": ADMIN.email,
                        "GIT_COMMITTER_NAME": ADMIN.name, "GIT_COMMITTER_EMAIL": ADMIN.email})


def build_demo_repo(source: Path, dest: Path, *, forms: bool = True) -> Repo:
    """A git repository of the instance at ``dest`` whose history is one merged PR per item.

    With ``forms=False`` the Q&A forms are left out (the demo adds them once the citizens'
    comments exist on the sandbox, see :func:`answer_citizens`).
    """
    dest.mkdir(parents=True)
    initial = []
    for name in COPIED:
        path = source / name
        if path.is_file():
            shutil.copy2(path, dest / name)
            initial.append(name)
        elif path.is_dir() and name not in ("content", "qna"):
            shutil.copytree(path, dest / name)
            initial += [str(p.relative_to(dest)) for p in (dest / name).rglob("*") if p.is_file()]
    (dest / "docs").mkdir(exist_ok=True)
    repo = Repo.init(dest, initial_branch="main")
    repo.index.add(initial)
    repo.index.commit("Konfigurasi awal sosmed", author=ADMIN, committer=ADMIN)
    config = load_config(source / "sosmed.yml")
    folders = [source / "content"] + ([source / "qna"] if forms else [])
    items = load_items([p for p in folders if p.exists()], config).items
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
        _merge_pr(repo, number, branch.name, [str(rel)], f"Tambah {item.id}")
    Repo.init(dest.parent / "origin.git", bare=True, initial_branch="main")
    repo.create_remote("origin", str(dest.parent / "origin.git"))
    repo.git.push("origin", "main")
    return repo


def answer_citizens(source: Path, repo: Repo, sandbox_url: str, ledger_index: Any,
                    admin_headers: dict[str, str]) -> int:
    """Play the Q&A flow: citizens ask under the published posts; the forms record those comments.

    For each question of the sample forms that came from a platform, a citizen's comment is
    added on the sandbox under the agency's first published post there; the form is copied
    into the demo repository with the real comment id and merged as one more pull request.
    Returns the number of forms added.
    """
    root = Path(repo.working_dir)
    config = load_config(source / "sosmed.yml")
    forms = load_items([source / "qna"], config).items if (source / "qna").exists() else []
    first_post: dict[str, str] = {}
    for (item, platform), record in sorted(ledger_index.live.items()):
        if "#" not in item and platform in ("facebook", "instagram", "x", "youtube"):
            first_post.setdefault(platform, record["receipt"]["id"])
    number = len(list(repo.iter_commits("main", merges=True))) + 1
    for form in forms:
        text = form.path.read_text(encoding="utf-8")
        for question in form.form.questions:
            if question.platform not in first_post or not question.comment_id:
                continue
            made = requests.post(f"{sandbox_url}_sandbox/comments", headers=admin_headers, timeout=30, json={
                "platform": question.platform, "post_id": first_post[question.platform],
                "text": question.text, "author": question.asker or "Warga Contoh"}).json()
            new_id = str(made["id"])
            text = re.sub(rf'comment_id: "?{re.escape(question.comment_id)}"?', f'comment_id: "{new_id}"', text)
            if question.link:
                text = text.replace(question.link, f"{sandbox_url}web/{question.platform}#comment-{new_id}")
        rel = form.path.relative_to(source.resolve())
        branch = repo.create_head(f"pr-{number}-{form.id.lower()}")
        branch.checkout()
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        repo.index.add([str(rel)])
        repo.index.commit(f"Formulir {form.id}", author=ADMIN, committer=ADMIN)
        _merge_pr(repo, number, branch.name, [str(rel)], f"Formulir {form.id}")
        number += 1
    repo.git.push("origin", "main")
    return len(forms)


def forge_seed_for(repo: Repo, config_root: Path, full_name: str = "bkd-ntt/sosmed") -> dict[str, Any]:
    """The emulated forge's pull requests for the demo repository's merges, approved as policy demands.

    Each merge on main becomes a merged pull request by the admin; a post is approved by
    the Kepala, a Q&A form by its division head and the Kepala, at the PR's head commit.
    """
    config = load_config(config_root / "sosmed.yml")
    kepala = config.kepala.forge_users[0]
    admins = [login for m in config.team if "admin" in m.roles for login in m.forge_users] or ["admin"]
    pulls = []
    for merge in repo.iter_commits("main", first_parent=True, merges=True):
        match = re.match(r"Merge pull request #(\d+)", str(merge.message))
        if not match:
            continue
        head = merge.parents[1]
        files = [str(d.b_path or d.a_path) for d in merge.parents[0].diff(merge)]
        reviewers = [kepala]
        for name in files:
            parts = name.split("/")
            division = config.division(parts[1]) if parts[0] == "qna" and len(parts) > 2 else None
            if division is not None and division.head.forge_users:
                reviewers.insert(0, division.head.forge_users[0])
        when = merge.committed_datetime.isoformat()
        pulls.append({
            "number": int(match.group(1)), "user": admins[0], "title": merge.message.splitlines()[0],
            "base": "main", "head": f"pr-{match.group(1)}", "head_sha": head.hexsha,
            "base_sha": merge.parents[0].hexsha, "merged": True, "merge_commit_sha": merge.hexsha,
            "merged_at": when,
            "commits": [{"sha": head.hexsha, "author": admins[0], "committer": admins[0], "message": head.message}],
            "files": [{"filename": name, "status": "added"} for name in files],
            "reviews": [{"user": login, "state": "APPROVED", "commit_id": head.hexsha, "submitted_at": when}
                        for login in dict.fromkeys(reviewers)],
        })
    return {"reset": True, "repositories": [{"full_name": full_name, "default_branch": "main",
                                             "pulls": sorted(pulls, key=lambda p: p["number"])}]}


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
    recap_files: list[Path] = field(default_factory=list)


@contextmanager
def demo_session(source: Path, workdir: Path, *, site: bool = True,
                 progress: ProgressFactory | None = None) -> Iterator[DemoResult]:
    """Build the repo, start the servers, publish; yields while the servers run.

    The archive site is built first (the canonical pages and the public media copies that
    Instagram fetches), published to, then built again so that it shows the receipts, the
    sign-offs and this month's recap.
    """
    repo = build_demo_repo(source, workdir / "repo", forms=False)
    root = Path(repo.working_dir)
    handle = start_sandbox(workdir / "sandbox", port=0)
    saved = {k: os.environ.get(k) for k in ("SOSMED_MEDIA_URL",)}
    full_name = "bkd-ntt/sosmed"
    site_dir = workdir / "site"
    site_dir.mkdir()
    try:
        with serve_folder(site_dir if site else root / "content") as site_url:
            config = load_config(root / "sosmed.yml")
            # The forge emulation holds the PRs and the approvals: the real sign-off gate runs.
            seed_forge(handle, forge_seed_for(repo, root, full_name))
            env = {**os.environ, **handle.env, "GITHUB_REPOSITORY": full_name}
            if site:
                # As the publish workflow does: sign-offs first, then the site from signed content
                # (the canonical pages and the public media Instagram fetches), then the platforms.
                record_signoffs(config, target="sandbox", env=env)
                build_site(root, site_dir, ledger_target="sandbox")
            os.environ["SOSMED_MEDIA_URL"] = site_url
            env["SOSMED_MEDIA_URL"] = site_url
            _, report = publish(config, target="sandbox", env=env, progress=progress)
            assert report is not None
            index = open_ledger(root, config, "sandbox", env).read()
            answer_citizens(source, repo, handle.base_url + "/", index, handle.admin_headers)
            seed_forge(handle, forge_seed_for(repo, root, full_name))
            _, replies = publish(config, target="sandbox", env=env, progress=progress)
            assert replies is not None
            report.outcomes.extend(replies.outcomes)
            report.calls += replies.calls
            report.plan = replies.plan
            recap = None
            if site:
                month = clock.now(config.zone).strftime("%Y-%m")
                recap = make_recap(load_config(root / "sosmed.yml"), month, formats=("md", "xlsx", "pdf"),
                                   target="sandbox")
                build_site(root, site_dir, ledger_target="sandbox")
            yield DemoResult(report, handle.base_url + "/", site_url, root, recap.written if recap else [])
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        handle.stop()
