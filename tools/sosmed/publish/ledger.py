"""The ledger: append-only, signed JSON Lines on a dedicated git branch, never on ``main``.

Records are committed with git plumbing rather than through a checked-out worktree:
the blob and trees are written as loose objects (:mod:`sosmed.publish.gitobjects`), then
``commit-tree``, and the local refs move in one ``update-ref --stdin`` transaction whose
compare-and-swap on the branch is the lock. A publisher killed at any instant then leaves
nothing half-written that could block the next run, only unreachable objects and, at
worst, a ref lock file, which the next run removes once no live git process can hold it
(:mod:`sosmed.publish.locks`). A commit's ledger files are read once per process.

With a remote, every append is pushed at once; a push rejected as
non-fast-forward means another publisher wrote first: the caller re-reads and
re-plans (optimistic lock). Without a remote, ``update-ref`` with the expected old
value is the lock, and a file lock serialises whole runs.

Integrity (anyone with write access can push this branch): every record is signed
into an HMAC chain (:mod:`sosmed.publish.signing`), and reading refuses a ledger with
an unsigned, forged, altered or out-of-sequence record, naming the commit that brought
it. A rewind (a force-push back to an older commit) keeps a valid chain; it is
detected here when the fetched tip does not descend from the last tip this clone
verified (``refs/sosmed/known/<branch>``), and in a fresh clone by the publisher, which
never posts an item whose text the account already shows while the ledger has no
record of it (see :mod:`sosmed.publish.runner`).

Rehearsal and live never share records: the sandbox target writes and pushes only
``<ledger_branch>-sandbox``, signed with its own key (:func:`open_ledger`).
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.faults import crashpoint
from sosmed.publish.gitobjects import FILE_MODE, TREE_MODE, ObjectStore, Snapshot, TreeEntry, ref_commits
from sosmed.publish.locks import RUN_LOCK, local_git_dir, lock_files, recover_stale_locks
from sosmed.publish.records import Index, dumps
from sosmed.publish.signing import (
    LEDGER_KEY_VAR,
    Chain,
    Entry,
    LedgerKey,
    LedgerTampered,
    live_key,
    sandbox_key,
    seal,
    verify,
)

LEDGER_DIR = "ledger"
README = "README.md"
TARGETS = ("live", "sandbox")
_FROM_ENV: Any = object()
_LOCKED = ("cannot lock ref", ".lock': File exists", ".lock': file exists", "Unable to create")


class LedgerConflict(Exception):
    """Another publisher appended first; re-read the ledger and plan again."""


class GitLedger:
    """The ledger branch of one git repository (and of its ``origin``, when there is one).

    ``key`` signs what is appended and verifies what is read (default: the live key from
    ``SOSMED_LEDGER_KEY``). Without a key the ledger can be read but not verified
    (:attr:`Index.verified` is false and no sign-off is exposed) and nothing can be appended.
    """

    def __init__(self, repo: Path, branch: str = "sosmed-ledger", remote: str | None = "origin",
                 key: LedgerKey | None = _FROM_ENV) -> None:
        self.repo = repo
        self.branch = branch
        self.ref = f"refs/heads/{branch}"
        self.known_ref = f"refs/sosmed/known/{branch}"
        self.key = live_key(os.environ) if key is _FROM_ENV else key
        self.remote = remote if remote and remote in self._git("remote").split() else None
        self.recovered_locks: list[str] = []
        self._tip: str | None = None
        self._chain = Chain()
        self._chain_tip: str | None | bool = False  # the tip ``_chain`` belongs to; False: not read yet
        self._git_dir: Path | None = None
        self._store: ObjectStore | None = None
        self._known: str | None = None  # ``known_ref`` as the last rewind check found it

    # -- git plumbing ------------------------------------------------------
    def _run(self, args: list[str], env: dict[str, str] | None, input: str | None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=self.repo, capture_output=True, text=True, input=input,
                              env={**os.environ, **(env or {})})

    def _git(self, *args: str, env: dict[str, str] | None = None, input: str | None = None,
             check: bool = True) -> str:
        proc = self._run(list(args), env, input)
        if proc.returncode != 0 and any(mark in proc.stderr for mark in _LOCKED) and self.recover_locks():
            proc = self._run(list(args), env, input)
        if check and proc.returncode != 0:
            raise SosmedError("ledger.git_failed", command=" ".join(args[:2]), detail=proc.stderr.strip()[:300])
        return proc.stdout.strip()

    @property
    def git_dir(self) -> Path:
        """The repository's git folder."""
        if self._git_dir is None:
            self._find_repository()
        assert self._git_dir is not None
        return self._git_dir

    @property
    def store(self) -> ObjectStore:
        """Where new objects go: the repository's object folder, with its hash algorithm."""
        if self._store is None:
            self._find_repository()
        assert self._store is not None
        return self._store

    def _find_repository(self) -> None:
        git_dir, objects, algorithm = self._git("rev-parse", "--absolute-git-dir", "--git-path", "objects",
                                                "--show-object-format").split("\n")
        self._git_dir = Path(git_dir)
        self._store = ObjectStore((Path(self.repo) / objects).absolute(), algorithm)

    def _resolve(self, ref: str) -> str | None:
        out = self._git("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
        return out or None

    def recover_locks(self) -> bool:
        """Remove lock files a killed git process left here (and in a local ``origin``); True if any."""
        removed = recover_stale_locks(self.git_dir, [Path(self.repo)])
        origin = self._local_origin()
        if origin is not None:
            removed += recover_stale_locks(origin, [origin])
        self.recovered_locks += [str(p) for p in removed]
        return bool(removed)

    def _local_origin(self) -> Path | None:
        """The git folder of ``origin`` when it is a path on this machine (its stale locks are ours to clear)."""
        if self.remote is None:
            return None
        return local_git_dir(Path(self.repo), self._git("remote", "get-url", self.remote, check=False))

    def sync(self) -> None:
        """Fetch the remote ledger branch (if any), refuse a rewind, and make the local branch follow it."""
        if self.lock_files_present():
            self.recover_locks()
        if self.remote is None:
            refs = self._refs()
            tip = refs.get(self.ref)
            self._check_not_rewound(tip, refs.get(self.known_ref))
            self._tip = tip
            return
        fetch = ["fetch", "-q", self.remote, f"+{self.ref}:refs/remotes/{self.remote}/{self.branch}"]
        proc = self._run(fetch, None, None)
        if proc.returncode != 0 and any(mark in proc.stderr for mark in _LOCKED) and self.recover_locks():
            proc = self._run(fetch, None, None)
        if proc.returncode != 0 and "couldn't find remote ref" not in proc.stderr:
            raise SosmedError("ledger.fetch_failed", remote=self.remote, branch=self.branch,
                              detail=proc.stderr.strip()[:300])
        refs = self._refs()
        remote_tip = refs.get(f"refs/remotes/{self.remote}/{self.branch}") if proc.returncode == 0 else None
        tip = remote_tip or refs.get(self.ref)
        self._check_not_rewound(tip, refs.get(self.known_ref))
        if remote_tip and refs.get(self.ref) != remote_tip:
            self._git("update-ref", self.ref, remote_tip)
        self._tip = tip

    def _refs(self) -> dict[str, str]:
        """The branch, its remote-tracking ref and the rewind anchor, each as its commit (one git process)."""
        names = [self.ref, self.known_ref] + ([f"refs/remotes/{self.remote}/{self.branch}"] if self.remote else [])
        return ref_commits(Path(self.repo), names)

    def lock_files_present(self) -> bool:
        """Whether any git lock file exists in the repository (cheap: a few folder listings)."""
        return bool(lock_files(self.git_dir))

    def _check_not_rewound(self, tip: str | None, known: str | None) -> None:
        self._known = known
        if known is None or known == tip:
            return
        if tip is not None:
            proc = self._run(["merge-base", "--is-ancestor", known, tip], None, None)
            if proc.returncode == 0:
                return
        raise SosmedError("ledger.rewound", branch=self.branch, known=known[:12], found=(tip or "-")[:12],
                          ref=self.known_ref)

    def _remember(self, tip: str | None) -> None:
        """Record ``tip`` as the last verified state of the branch (the local rewind anchor).

        Only for the live ledger: a rehearsal ledger may be deleted and started afresh.
        """
        if tip is not None and tip != self._known and self._remembers():
            self._git("update-ref", self.known_ref, tip)
            self._known = tip

    def _remembers(self) -> bool:
        return self.key is not None and self.key.scope == "live"

    # -- reading -----------------------------------------------------------
    def read(self) -> Index:
        """All records in append order, as an :class:`Index` (after :meth:`sync`), verified when keyed."""
        self.sync()
        entries = self._load()
        if self.key is None:
            entries.sort(key=lambda e: seq if isinstance(seq := e.record.get("seq"), int) else 0)
            return Index.build([_plain(e.record) for e in entries], verified=False)
        self._verify(entries)
        self._remember(self._tip)
        ordered = sorted(entries, key=lambda e: e.record["seq"])
        return Index.build([_plain(e.record) for e in ordered], verified=True)

    def _verify(self, entries: list[Entry]) -> None:
        assert self.key is not None
        try:
            self._chain = verify(self.key, entries)
        except LedgerTampered as error:
            raise self._locate(error) from None
        self._chain_tip = self._tip

    def _locate(self, error: LedgerTampered) -> LedgerTampered:
        """Name the commit that brought the bad record and the commit to restore the branch to."""
        entry = error.entry
        blame = self._git("blame", "--porcelain", "-L", f"{entry.line},{entry.line}", self._tip or "HEAD", "--",
                          entry.path, check=False)
        commit = blame.split(" ", 1)[0] if blame else (self._tip or "?")
        parent = self._resolve(f"{commit}^") if commit != "?" else None
        error.at_commit(self.branch, commit[:12], (parent or "-")[:12])
        if self.key is not None and self.key.scope == "sandbox":
            error.key = "ledger.tampered_sandbox"  # most likely signed under another sandbox's key
        return error

    def _load(self) -> list[Entry]:
        """Every line at the current tip; a line that is no record is reported with its commit."""
        try:
            return list(self._entries(self._tip))
        except LedgerTampered as error:
            raise self._locate(error) from None

    def _entries(self, tip: str | None) -> Iterator[Entry]:
        if tip is None:
            return
        for name, text in sorted(self._tree(tip).texts.items()):
            for number, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    yield _entry(name, number, line)

    def _tree(self, commit: str) -> Snapshot:
        """The top and ledger folders of ``commit`` and the text of every ledger file (read once per process)."""
        return self.store.snapshot(Path(self.repo), commit, LEDGER_DIR)

    # -- writing -----------------------------------------------------------
    def require_key(self) -> LedgerKey:
        """The signing key; a user error naming the variable when there is none."""
        if self.key is None:
            raise SosmedError("ledger.key_missing", name=LEDGER_KEY_VAR, branch=self.branch)
        return self.key

    def append(self, records: list[dict[str, Any]]) -> None:
        """Sign and commit ``records`` on top of the ledger and push; raise :class:`LedgerConflict` if beaten."""
        key = self.require_key()
        if self._chain_tip is False or self._chain_tip != self._tip:
            self._verify(self._load())
        parent = self._tip
        chain = Chain(self._chain.seq, self._chain.mac)
        by_month: dict[str, list[str]] = {}
        for record in records:
            line = seal(key, chain, dumps({**record, "seq": chain.seq + 1}))
            by_month.setdefault(record["time"][:7], []).append(line)
        commit = self._commit(parent, by_month, records)
        crashpoint("ledger_before_push")
        if self.remote is not None:
            proc = self._run(["push", "--porcelain", "-q", self.remote, f"{commit}:{self.ref}"], None, None)
            if proc.returncode != 0 and any(mark in proc.stderr for mark in _LOCKED) and self.recover_locks():
                proc = self._run(["push", "--porcelain", "-q", self.remote, f"{commit}:{self.ref}"], None, None)
            if proc.returncode != 0:
                self.sync()
                raise LedgerConflict(proc.stderr.strip())
            crashpoint("ledger_after_push")
        self._advance(parent, commit)
        self._tip = commit
        self._chain, self._chain_tip = chain, commit

    def _advance(self, parent: str | None, commit: str) -> None:
        """Move the remote-tracking ref, the branch (compare-and-swap from ``parent``) and the rewind anchor
        to ``commit`` in one transaction. A failed swap is a conflict without a remote; with one, origin
        has the commit already, so the branch follows it regardless."""
        tracking = f"refs/remotes/{self.remote}/{self.branch}" if self.remote is not None else None
        lines = [f"update {tracking} {commit}"] if tracking else []
        lines.append(f"update {self.ref} {commit} {parent or '0' * 40}")
        if self._remembers():
            lines.append(f"update {self.known_ref} {commit}")
        script = "".join(line + "\n" for line in lines)
        result = self._run(["update-ref", "--stdin"], None, script)
        if result.returncode != 0 and any(mark in result.stderr for mark in _LOCKED) and self.recover_locks():
            result = self._run(["update-ref", "--stdin"], None, script)
        if result.returncode == 0:
            self._known = commit if self._remembers() else self._known
            return
        if tracking is None:
            self.sync()
            raise LedgerConflict(result.stderr.strip())
        self._git("update-ref", tracking, commit)
        self._git("update-ref", self.ref, commit)
        self._remember(commit)

    def _commit(self, parent: str | None, by_month: dict[str, list[str]], records: list[dict[str, Any]]) -> str:
        before = self._tree(parent) if parent else Snapshot()
        after = Snapshot(dict(before.root), dict(before.ledger), dict(before.texts))
        if not parent:
            after.root[README] = TreeEntry(FILE_MODE, self.store.blob(_README.encode()))
        for month, lines in by_month.items():
            name = f"{month}.jsonl"
            old = before.texts.get(f"{LEDGER_DIR}/{name}", "").strip()
            text = (old + "\n" if old else "") + "\n".join(lines) + "\n"
            after.texts[f"{LEDGER_DIR}/{name}"] = text
            after.ledger[name] = TreeEntry(FILE_MODE, self.store.blob(text.encode()))
        after.root[LEDGER_DIR] = TreeEntry(TREE_MODE, self.store.tree(after.ledger))
        tree = self.store.tree(after.root)
        kinds = ", ".join(sorted({r["kind"] for r in records}))
        # A nonce keeps two publishers' identical appends in the same second from being one commit.
        args = ["commit-tree", tree, "-m", f"ledger: {len(records)} record(s): {kinds}\n\nnonce: {uuid.uuid4()}"]
        if parent:
            args[2:2] = ["-p", parent]
        commit = self._git(*args, env=_IDENTITY)
        self.store.keep(commit, after)
        return commit

    @contextmanager
    def run_lock(self) -> Iterator[None]:
        """Serialise whole publishing runs on this machine (the file lock of a remote-less ledger)."""
        with open(self.git_dir / RUN_LOCK, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _entry(path: str, number: int, line: str) -> Entry:
    try:
        record = json.loads(line)
    except ValueError:
        record = None
    if not isinstance(record, dict):
        raise LedgerTampered(Entry(path, number, line, {}), "unreadable")
    return Entry(path, number, line, record)


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    record.pop("mac", None)
    return record


def ledger_branch(config: Config, target: str = "live") -> str:
    """The ledger branch of ``target``: ``publish.ledger_branch`` for live, ``…-sandbox`` for rehearsals."""
    base = config.publish.ledger_branch
    return base if target == "live" else f"{base}-sandbox"


def open_ledger(root: Path, config: Config, target: str = "live", env: Mapping[str, str] | None = None) -> GitLedger:
    """The ledger of ``target`` in the repository at ``root``, with that target's key.

    Live: ``publish.ledger_branch``, signed with ``SOSMED_LEDGER_KEY``. Sandbox:
    ``<ledger_branch>-sandbox``, signed with the rehearsal key. Both are pushed to ``origin``
    when there is one (so clones rehearsing against one sandbox coordinate); a rehearsal
    never reads or writes the live branch.
    """
    env = os.environ if env is None else env
    if target not in TARGETS:
        raise SosmedError("ledger.unknown_target", target=target, choices=", ".join(TARGETS))
    if target == "live":
        return GitLedger(root, ledger_branch(config, "live"), key=live_key(env))
    ledger = GitLedger(root, ledger_branch(config, "sandbox"), key=None)
    ledger.key = sandbox_key(ledger.git_dir, env)
    return ledger


def read_index(config: Config, target: str = "live", *, env: Mapping[str, str] | None = None,
               root: Path | None = None) -> Index | None:
    """The verified index of ``target``'s ledger for readers that show it to the public (the site).

    None when the instance is no git repository, has no ledger yet, or the key is absent
    (nothing unverified is ever shown). A tampered or rewound ledger raises its error.
    """
    try:
        ledger = open_ledger(root or config.root, config, target, env)
    except SosmedError:
        return None
    if ledger.key is None:
        return None
    index = ledger.read()
    return index if index.records else None


_IDENTITY = {
    "GIT_AUTHOR_NAME": "sosmed publisher",
    "GIT_AUTHOR_EMAIL": "sosmed@localhost",
    "GIT_COMMITTER_NAME": "sosmed publisher",
    "GIT_COMMITTER_EMAIL": "sosmed@localhost",
}

_README = """# sosmed ledger

This branch is the publisher's append-only record of what happened on the platforms
(intent before every call, result after). It is written by `sosmed publish` only;
never edit or merge it by hand, and never merge it into main. Every record is signed
(an HMAC chain with a key only the publisher holds): an edited, added, removed or
reordered record stops publishing, and so does rewinding the branch.
"""
