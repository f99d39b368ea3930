"""Helpers for the archive-site tests: copy the sample instance, build it, read pages, serve it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from contextlib import AbstractContextManager
from pathlib import Path

from sosmed.app.wiring import record_signoffs
from sosmed.config import Config, load_config
from sosmed.publish.gate import Verdict
from sosmed.site.build import SiteBuild, build_site
from tests.repos import serve_folder

REPO = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
INSTANCE_FILES = ("sosmed.yml", "mkdocs.yml")
INSTANCE_DIRS = ("content", "qna", "recaps", "docs")


def copy_instance(dest: Path, *, posts: tuple[str, ...] | None = None) -> Path:
    """The repository's sample instance (or only some of its posts) copied to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in INSTANCE_FILES:
        shutil.copy2(REPO / name, dest / name)
    for name in INSTANCE_DIRS:
        source = REPO / name
        if name == "content" and posts is not None:
            for post in posts:
                shutil.copytree(source / post, dest / "content" / post)
        elif source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            (dest / name).mkdir()
    (dest / "content").mkdir(exist_ok=True)
    return dest


class KepalaApproves:
    """Stands in for the forge gate where a test is about how pages look, not about sign-off:
    every item counts as approved by the Kepala of ``sosmed.yml``. The gate itself is tested
    against the sandbox forge (tests/review); what the public site does with unsigned content is
    tested in tests/site/test_signed_only.py."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def verdict(self, item: object, digest: str) -> Verdict:
        kepala = self.config.kepala
        return Verdict(True, (), {
            "mode": "forge", "forge": "github", "repository": "bkd-ntt/medsos", "hash": digest, "pr": 1,
            "pr_url": "https://github.com/bkd-ntt/medsos/pull/1", "commit": None, "review_commit": None,
            "approvers": [{"role": "kepala", "name": kepala.name, "nip": kepala.nip,
                           "login": kepala.forge_users[0], "review_id": 1,
                           "approved_at": "2020-05-01T00:00:00+00:00"}]})


def commit_all(root: Path, message: str = "sampel") -> None:
    """Make ``root`` a git repository (once) and commit whatever changed."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "uji", "GIT_AUTHOR_EMAIL": "uji@example.org",
           "GIT_COMMITTER_NAME": "uji", "GIT_COMMITTER_EMAIL": "uji@example.org"}
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, capture_output=True)
        (root / ".gitignore").write_text("/site/\n/.sosmed/\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, capture_output=True, env=env)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=root, check=True,
                   capture_output=True, env=env)


def sign_everything(root: Path) -> None:
    """Commit the instance and record a sign-off for every item and recap, as the publish workflow does."""
    commit_all(root)
    config = load_config(root / "sosmed.yml")
    record_signoffs(config, target="live", env=os.environ, gate=KepalaApproves(config))


def build(root: Path, out: Path | None = None, *, lang: str | None = None, strict: bool = True,
          sign: bool = True, preview: bool = False, ledger_target: str = "live") -> SiteBuild:
    """Build the site of the instance at ``root`` (strict: any warning fails); with ``sign``,
    everything in it is committed and signed first (the public site shows signed content only)."""
    if sign:
        sign_everything(root)
    return build_site(root, out or root / "site", lang=lang, strict=strict, preview=preview,
                      ledger_target=ledger_target)


def page(site: Path, url: str) -> str:
    """The HTML of the page served at directory ``url``."""
    return (site / url / "index.html").read_text(encoding="utf-8")


def between(html: str, start: str, end: str) -> str:
    """The part of ``html`` from ``start`` up to and including the first ``end`` after it."""
    i = html.index(start)
    j = html.index(end, i) + len(end)
    return html[i:j]


def expected(name: str, actual: str) -> str:
    """The committed expected output ``name``; ``SOSMED_UPDATE_EXPECTED=1`` rewrites it from ``actual``."""
    path = EXPECTED / name
    if os.environ.get("SOSMED_UPDATE_EXPECTED") == "1":
        path.write_text(actual.strip() + "\n", encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def normalise(html: str) -> str:
    """One line per tag boundary, so a diff of expected output is readable."""
    return re.sub(r">\s*<", ">\n<", html.strip())


def serve(folder: Path) -> AbstractContextManager[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port); yields the base URL."""
    return serve_folder(folder)
