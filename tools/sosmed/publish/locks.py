"""Git lock files left behind by a killed run, removed only when no live git process can hold them.

Git takes a lock by creating ``<file>.lock`` and renames or deletes it when done; a git
process killed in between (a publisher SIGKILLed while ``update-ref`` or ``fetch`` ran)
leaves it, and every later command on that ref fails with "cannot lock ref". A lock
file records no owner, so a lock counts as stale only when no live ``git`` process is
working in that repository (read from ``/proc``: the process's name and its current
folder). While one is, we wait a little and then leave the lock alone. Where ``/proc``
is not available, only a lock older than :data:`STALE_AGE` seconds is removed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

PROC = Path("/proc")
STALE_AGE = 600.0
WAIT = 5.0
MIN_AGE = 0.5
# Git commands that only read: they never hold a lock, however long they run.
READ_ONLY = frozenset({"cat-file", "ls-tree", "ls-files", "rev-parse", "rev-list", "log", "show", "diff",
                       "diff-tree", "diff-index", "blame", "for-each-ref", "merge-base", "ls-remote", "upload-pack",
                       "check-ignore", "name-rev", "grep", "shortlog", "describe", "hash-object", "version",
                       "credential", "credential-cache--daemon", "fsmonitor--daemon"})
POLL = 0.05
# The publisher's own run lock (a file lock held with flock, left in place between runs): never git's.
RUN_LOCK = "sosmed-publish.lock"


def lock_files(git_dir: Path) -> list[Path]:
    """Every git lock file of a repository: refs, packed-refs, index, config, shallow, maintenance."""
    found: list[Path] = []
    for folder in (git_dir, git_dir / "objects", git_dir / "objects" / "info"):
        if folder.is_dir():
            found.extend(p for p in folder.glob("*.lock") if p.is_file() and p.name != RUN_LOCK)
    refs = git_dir / "refs"
    if refs.is_dir():
        found.extend(p for p in refs.rglob("*.lock") if p.is_file())
    return found


def _within(path: Path, roots: Iterable[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def git_processes(roots: Iterable[Path]) -> list[int] | None:
    """Live ``git`` processes (other than this one) that may write refs inside ``roots``; None without ``/proc``.

    Read-only commands that tools keep running for a long time (``git cat-file --batch`` of
    GitPython, an editor's ``git log``) never take a lock and are not counted.
    """
    if not (PROC / "self").exists():
        return None
    roots = [r.resolve() for r in roots]
    found = []
    for entry in _pids():
        try:
            name = (PROC / entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
            if not name.startswith("git"):
                continue
            cwd = Path(os.readlink(PROC / entry / "cwd"))
            argv = (PROC / entry / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
        except OSError:
            # Gone meanwhile, or another user's process (which cannot write this clone anyway).
            continue
        if _within(cwd, roots) and subcommand(argv) not in READ_ONLY:
            found.append(int(entry))
    return found


def subcommand(argv: list[str]) -> str | None:
    """The git subcommand of a command line (``git -C x fetch …`` → ``fetch``; ``git-receive-pack`` → ``receive-pack``)."""
    if not argv or not argv[0]:
        return None
    program = os.path.basename(argv[0])
    if program.startswith("git-"):
        return program[4:]
    args = iter(argv[1:])
    for arg in args:
        if arg in ("-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path"):
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def _pids() -> Iterator[str]:
    me = str(os.getpid())
    try:
        names = os.listdir(PROC)
    except OSError:
        return
    for name in names:
        if name.isdigit() and name != me:
            yield name


def recover_stale_locks(git_dir: Path, roots: Iterable[Path], *, wait: float = WAIT) -> list[Path]:
    """Remove the lock files of ``git_dir`` that no live git process can hold; return those removed.

    ``roots`` are the folders a git process working on this repository runs in (the
    work tree and the git folder). A lock whose holder may be alive is waited for up to
    ``wait`` seconds and then left in place (the git command that needs it reports it).
    A lock younger than :data:`MIN_AGE` is never removed at once: a git process that
    started after we looked at ``/proc`` may have just taken it.
    """
    locks = lock_files(git_dir)
    if not locks:
        return []
    roots = [Path(r) for r in roots] + [git_dir]
    deadline = time.monotonic() + wait
    removed: list[Path] = []
    while True:
        holders = git_processes(roots)
        if holders is None:
            return removed + _remove([p for p in locks if _age(p) > STALE_AGE])
        locks = [p for p in locks if p.exists()]
        if not holders:
            old = [p for p in locks if _age(p) >= MIN_AGE]
            removed += _remove(old)
            locks = [p for p in locks if p not in old]
        if not locks or time.monotonic() >= deadline:
            return removed
        time.sleep(POLL)


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(paths: list[Path]) -> list[Path]:
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def local_git_dir(repo: Path, url: str) -> Path | None:
    """The git folder a remote ``url`` of ``repo`` names when it is a path on this machine; None for a
    network remote (https, ssh, host:path), whose server handles its own locks."""
    if url.startswith("file://"):
        path = Path(urlparse(url).path)
    elif "://" in url or ":" in url.split("/", 1)[0]:
        return None
    else:
        path = Path(url) if Path(url).is_absolute() else repo / url
    if (path / ".git").is_dir():
        return path / ".git"
    return path if path.is_dir() else None
