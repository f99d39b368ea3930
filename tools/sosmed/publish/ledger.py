"""The ledger: append-only JSON Lines on a dedicated git branch, never on ``main``.

Records are committed with git plumbing (a temporary index, ``commit-tree`` and a
compare-and-swap ``update-ref``) rather than through a checked-out worktree: a
publisher killed at any instant then leaves nothing half-written that could block
the next run (no ``index.lock`` in a worktree), only unreachable objects.

With a remote, every append is pushed at once; a push rejected as
non-fast-forward means another publisher wrote first: the caller re-reads and
re-plans (optimistic lock). Without a remote, ``update-ref`` with the expected old
value is the lock, and a file lock serialises whole runs.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sosmed.errors import SosmedError
from sosmed.faults import crashpoint
from sosmed.publish.records import Index, dumps

LEDGER_DIR = "ledger"
README = "README.md"


class LedgerConflict(Exception):
    """Another publisher appended first; re-read the ledger and plan again."""


class GitLedger:
    """The ledger branch of one git repository (and of its ``origin``, when there is one)."""

    def __init__(self, repo: Path, branch: str = "sosmed-ledger", remote: str | None = "origin") -> None:
        self.repo = repo
        self.branch = branch
        self.ref = f"refs/heads/{branch}"
        self.remote = remote if remote and remote in self._git("remote").split() else None
        self._tip: str | None = None

    # -- git plumbing ------------------------------------------------------
    def _git(self, *args: str, env: dict[str, str] | None = None, input: str | None = None,
             check: bool = True) -> str:
        proc = subprocess.run(
            ["git", *args], cwd=self.repo, capture_output=True, text=True, input=input,
            env={**os.environ, **(env or {})},
        )
        if check and proc.returncode != 0:
            raise SosmedError("ledger.git_failed", command=" ".join(args[:2]), detail=proc.stderr.strip()[:300])
        return proc.stdout.strip()

    def _resolve(self, ref: str) -> str | None:
        out = self._git("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
        return out or None

    def sync(self) -> None:
        """Fetch the remote ledger branch (if any) and make the local branch follow it."""
        if self.remote is None:
            self._tip = self._resolve(self.ref)
            return
        proc = subprocess.run(
            ["git", "fetch", "-q", self.remote, f"+{self.ref}:refs/remotes/{self.remote}/{self.branch}"],
            cwd=self.repo, capture_output=True, text=True,
        )
        remote_tip = self._resolve(f"refs/remotes/{self.remote}/{self.branch}") if proc.returncode == 0 else None
        if remote_tip:
            self._git("update-ref", self.ref, remote_tip)
        self._tip = remote_tip or self._resolve(self.ref)

    # -- reading -----------------------------------------------------------
    def read(self) -> Index:
        """All records, oldest first, as an :class:`Index` (after :meth:`sync`)."""
        self.sync()
        return Index.build(list(self._records(self._tip)))

    def _records(self, tip: str | None) -> Iterator[dict[str, Any]]:
        if tip is None:
            return
        listing = self._git("ls-tree", "-r", "-z", tip, f"{LEDGER_DIR}/")
        entries = sorted(e.split("\t", 1)[1] for e in listing.split("\0") if e)
        if not entries:
            return
        batch = "\n".join(f"{tip}:{name}" for name in entries) + "\n"
        proc = subprocess.run(["git", "cat-file", "--batch"], cwd=self.repo, input=batch.encode(),
                              capture_output=True, check=True)
        data, pos = proc.stdout, 0
        while pos < len(data):
            header_end = data.index(b"\n", pos)
            size = int(data[pos:header_end].split()[2])
            body = data[header_end + 1 : header_end + 1 + size]
            pos = header_end + 1 + size + 1
            for line in body.decode("utf-8").splitlines():
                if line.strip():
                    yield json.loads(line)

    # -- writing -----------------------------------------------------------
    def append(self, records: list[dict[str, Any]]) -> None:
        """Commit ``records`` on top of the ledger and push; raise :class:`LedgerConflict` if beaten."""
        parent = self._tip
        by_month: dict[str, list[str]] = {}
        for record in records:
            by_month.setdefault(record["time"][:7], []).append(dumps(record))
        with tempfile.TemporaryDirectory(prefix="sosmed-ledger-") as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            if parent:
                self._git("read-tree", parent, env=env)
            else:
                readme = self._git("hash-object", "-w", "--stdin", input=_README)
                self._git("update-index", "--add", "--cacheinfo", f"100644,{readme},{README}", env=env)
            for month, lines in by_month.items():
                name = f"{LEDGER_DIR}/{month}.jsonl"
                old = self._git("cat-file", "blob", f"{parent}:{name}", check=False) if parent else ""
                text = (old + "\n" if old else "") + "\n".join(lines) + "\n"
                blob = self._git("hash-object", "-w", "--stdin", input=text)
                self._git("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}", env=env)
            tree = self._git("write-tree", env=env)
        kinds = ", ".join(sorted({r["kind"] for r in records}))
        # A nonce keeps two publishers' identical appends in the same second from being one commit.
        args = ["commit-tree", tree, "-m", f"ledger: {len(records)} record(s): {kinds}\n\nnonce: {uuid.uuid4()}"]
        if parent:
            args[2:2] = ["-p", parent]
        commit = self._git(*args, env=_IDENTITY)
        crashpoint("ledger_before_push")
        if self.remote is not None:
            proc = subprocess.run(
                ["git", "push", "--porcelain", "-q", self.remote, f"{commit}:{self.ref}"],
                cwd=self.repo, capture_output=True, text=True,
            )
            if proc.returncode != 0:
                self.sync()
                raise LedgerConflict(proc.stderr.strip())
            self._git("update-ref", f"refs/remotes/{self.remote}/{self.branch}", commit)
            crashpoint("ledger_after_push")
        result = subprocess.run(
            ["git", "update-ref", self.ref, commit, parent or "0" * 40],
            cwd=self.repo, capture_output=True, text=True,
        )
        if result.returncode != 0 and self.remote is None:
            self.sync()
            raise LedgerConflict(result.stderr.strip())
        if result.returncode != 0:
            self._git("update-ref", self.ref, commit)
        self._tip = commit

    @contextmanager
    def run_lock(self) -> Iterator[None]:
        """Serialise whole publishing runs on this machine (the file lock of a remote-less ledger)."""
        git_dir = Path(self._git("rev-parse", "--absolute-git-dir"))
        with open(git_dir / "sosmed-publish.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


_IDENTITY = {
    "GIT_AUTHOR_NAME": "sosmed publisher",
    "GIT_AUTHOR_EMAIL": "sosmed@localhost",
    "GIT_COMMITTER_NAME": "sosmed publisher",
    "GIT_COMMITTER_EMAIL": "sosmed@localhost",
}

_README = """# sosmed ledger

This branch is the publisher's append-only record of what happened on the platforms
(intent before every call, result after). It is written by `sosmed publish` only;
never edit or merge it by hand, and never merge it into main.
"""
