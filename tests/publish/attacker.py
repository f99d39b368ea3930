"""What a repository writer can do to the ledger branch: clone, forge a commit with git plumbing, push."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.publish.conftest import REPO


def git(cwd: Path, *args: str, input: str | None = None) -> str:
    """Run git in ``cwd``; its output."""
    return subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, text=True,
                          check=True).stdout.strip()


def clone(origin: Path, dest: Path) -> Path:
    """A clone of ``origin`` with the ledger branch checked out nowhere (as a writer's clone)."""
    subprocess.run(["git", "clone", "-q", str(origin), str(dest)], check=True, capture_output=True)
    git(dest, "fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*")
    return dest


def forged_commit(root: Path, line: str, branch: str = "sosmed-ledger") -> str:
    """A commit on top of ``origin/branch`` appending ``line`` to the newest ledger file; pushed."""
    tip = git(root, "rev-parse", f"origin/{branch}")
    name = git(root, "ls-tree", "--name-only", tip, "ledger/").splitlines()[-1]
    text = git(root, "cat-file", "blob", f"{tip}:{name}") + "\n" + line + "\n"
    env = {**os.environ, "GIT_INDEX_FILE": str(root / ".git" / "forged-index")}
    subprocess.run(["git", "read-tree", tip], cwd=root, env=env, check=True)
    blob = git(root, "hash-object", "-w", "--stdin", input=text)
    subprocess.run(["git", "update-index", "--cacheinfo", f"100644,{blob},{name}"], cwd=root, env=env, check=True)
    tree = subprocess.run(["git", "write-tree"], cwd=root, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()
    commit = git(root, "commit-tree", tree, "-p", tip, "-m", "ledger: 1 record(s)")
    git(root, "push", "-q", "origin", f"{commit}:refs/heads/{branch}")
    return commit


def force_push(root: Path, commit: str, branch: str = "sosmed-ledger") -> None:
    """Move the remote ledger branch to ``commit`` (back in history)."""
    git(root, "push", "-q", "--force", "origin", f"{commit}:refs/heads/{branch}")


def merge_post(repo: Path, post: str, number: int) -> str:
    """Add the sample post ``post`` (``YYYY/MM/slug``) to ``repo`` as merged pull request ``number``; push main."""
    name = post.rsplit("/", 1)[1]
    branch = f"pr-{number}-{name}"
    git(repo, "checkout", "-q", "-b", branch)
    shutil.copytree(REPO / "content" / post, repo / "content" / post)
    git(repo, "add", "content")
    git(repo, "-c", "user.name=Admin", "-c", "user.email=admin@example.org", "commit", "-q", "-m", f"Tambah {name}")
    git(repo, "checkout", "-q", "main")
    git(repo, "-c", "user.name=Admin", "-c", "user.email=admin@example.org", "merge", "-q", "--no-ff", branch,
        "-m", f"Merge pull request #{number} from bkd-ntt/{branch}")
    git(repo, "push", "-q", "origin", "main")
    return name
