"""The signed ledger against a repository writer: real git repositories, records forged with git plumbing."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import time
from pathlib import Path

import pytest
from git import Repo

from sosmed.errors import SosmedError
from sosmed.publish.ledger import GitLedger
from sosmed.publish.locks import recover_stale_locks
from sosmed.publish.records import dumps, new_record
from sosmed.publish.signing import LedgerKey, LedgerTampered


def _repo(path: Path) -> Repo:
    repo = Repo.init(path, initial_branch="main")
    (path / "sosmed.yml").write_text("x: 1\n")
    repo.index.add(["sosmed.yml"])
    repo.index.commit("init")
    return repo


def _git(cwd: Path, *args: str, input: str | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, text=True,
                          check=True).stdout.strip()


def _signoff(item: str, pr: int) -> dict:
    return new_record("signoff", item=item, hash="sha256:" + "a" * 64,
                      signoff={"mode": "forge", "pr": pr, "pr_url": f"https://github.com/bkd-ntt/sosmed/pull/{pr}",
                               "approvers": [{"role": "kepala", "name": "Kepala", "login": "kepala"}]})


def _published(root: Path) -> GitLedger:
    """A ledger with a sign-off and a publication, written by the publisher's own code."""
    ledger = GitLedger(root)
    ledger.sync()
    ledger.append([_signoff("post-a", 7)])
    ledger.append([new_record("success", item="post-a", platform="x", op="publish", hash="sha256:" + "a" * 64,
                              attempt=1, receipt={"id": "111", "url": "https://x.com/i/web/status/111"})])
    return ledger


def _forge_commit(root: Path, line: str | None = None, *, drop_line: int | None = None,
                  branch: str = "sosmed-ledger") -> str:
    """What a writer with push access can do: a commit on the ledger branch adding or removing a line."""
    tip = _git(root, "rev-parse", branch)
    name = _git(root, "ls-tree", "--name-only", tip, "ledger/").splitlines()[-1]
    lines = _git(root, "cat-file", "blob", f"{tip}:{name}").splitlines()
    if drop_line is not None:
        del lines[drop_line]
    if line is not None:
        lines.append(line)
    env = {**os.environ, "GIT_INDEX_FILE": str(root / ".git" / "forge-index")}
    subprocess.run(["git", "read-tree", tip], cwd=root, env=env, check=True)
    blob = _git(root, "hash-object", "-w", "--stdin", input="\n".join(lines) + "\n")
    subprocess.run(["git", "update-index", "--cacheinfo", f"100644,{blob},{name}"], cwd=root, env=env, check=True)
    tree = subprocess.run(["git", "write-tree"], cwd=root, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()
    commit = _git(root, "commit-tree", tree, "-p", tip, "-m", "ledger: 1 record(s): complete")
    _git(root, "update-ref", f"refs/heads/{branch}", commit)
    return commit


def test_records_are_signed_in_sequence_and_read_back_verified(tmp_path: Path) -> None:
    _repo(tmp_path / "r")
    _published(tmp_path / "r")
    stored = _git(tmp_path / "r", "show", "sosmed-ledger:" + _git(tmp_path / "r", "ls-tree", "--name-only",
                                                                   "sosmed-ledger", "ledger/"))
    rows = [json.loads(line) for line in stored.splitlines()]
    assert [r["seq"] for r in rows] == [1, 2]
    assert all(len(r["mac"]) == 64 for r in rows)
    index = GitLedger(tmp_path / "r").read()
    assert index.verified and ("post-a", "sha256:" + "a" * 64) in index.signoffs
    assert "mac" not in index.records[0]


@pytest.mark.parametrize("forgery", ["unsigned", "random_mac", "other_key", "copied"])
def test_a_forged_record_is_refused_naming_the_commit_and_the_line(tmp_path: Path, forgery: str) -> None:
    _repo(tmp_path / "r")
    _published(tmp_path / "r")
    record = dict(new_record("complete", item="post-b", fingerprint="f" * 40), seq=3)
    if forgery == "unsigned":
        line = dumps(record)
    elif forgery == "random_mac":
        line = dumps(record)[:-1] + f',"mac":"{secrets.token_hex(32)}"}}'
    elif forgery == "other_key":
        # Signed, but with a key the writer made up (or the rehearsal's key): the chain does not verify.
        other = GitLedger(tmp_path / "r", key=LedgerKey(secrets.token_hex(32).encode(), "live"))
        from sosmed.publish.signing import Chain, seal

        line = seal(other.key, Chain(2, "0" * 64), dumps(record))
    else:
        # A valid record, copied again at the end: its place in the chain is taken.
        line = _git(tmp_path / "r", "show", "sosmed-ledger:" + _git(tmp_path / "r", "ls-tree", "--name-only",
                                                                     "sosmed-ledger", "ledger/")).splitlines()[0]
    commit = _forge_commit(tmp_path / "r", line)
    with pytest.raises(LedgerTampered) as caught:
        GitLedger(tmp_path / "r").read()
    message = caught.value.format_message()
    assert commit[:12] in message and "line 3" in message.replace("baris", "line")
    assert "git push --force origin" in message


def test_a_removed_record_breaks_the_chain(tmp_path: Path) -> None:
    _repo(tmp_path / "r")
    ledger = _published(tmp_path / "r")
    ledger.append([_signoff("post-c", 9)])
    _forge_commit(tmp_path / "r", drop_line=1)  # the publication of post-a disappears
    with pytest.raises(LedgerTampered) as caught:
        GitLedger(tmp_path / "r").read()
    assert caught.value.reason == "sequence"


def test_without_the_key_nothing_is_verified_no_sign_off_is_shown_and_nothing_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repo(tmp_path / "r")
    _published(tmp_path / "r")
    monkeypatch.delenv("SOSMED_LEDGER_KEY")
    ledger = GitLedger(tmp_path / "r")
    index = ledger.read()
    assert not index.verified and index.signoffs == {}
    assert ("post-a", "x") in index.live  # the claims are there, marked unverified
    with pytest.raises(SosmedError) as caught:
        ledger.append([_signoff("post-b", 8)])
    assert caught.value.key == "ledger.key_missing"


def test_a_short_key_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repo(tmp_path / "r")
    monkeypatch.setenv("SOSMED_LEDGER_KEY", "too-short")
    with pytest.raises(SosmedError) as caught:
        GitLedger(tmp_path / "r")
    assert caught.value.key == "ledger.key_short"


def test_a_rewind_on_the_remote_is_detected_in_the_same_clone(tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    Repo.init(origin, bare=True, initial_branch="main")
    repo = _repo(tmp_path / "r")
    repo.create_remote("origin", str(origin))
    repo.git.push("origin", "main")
    _published(tmp_path / "r")
    first = _git(tmp_path / "r", "rev-parse", "sosmed-ledger~1")
    _git(origin, "update-ref", "refs/heads/sosmed-ledger", first)  # a writer's force-push back
    with pytest.raises(SosmedError) as caught:
        GitLedger(tmp_path / "r").read()
    assert caught.value.key == "ledger.rewound"
    # The branch was not moved back locally: the evidence stays.
    assert _git(tmp_path / "r", "rev-parse", "sosmed-ledger") != first


def test_a_stale_ref_lock_left_by_a_killed_run_is_removed(tmp_path: Path) -> None:
    _repo(tmp_path / "r")
    ledger = _published(tmp_path / "r")
    lock = tmp_path / "r" / ".git" / "refs" / "heads" / "sosmed-ledger.lock"
    lock.write_text(_git(tmp_path / "r", "rev-parse", "sosmed-ledger") + "\n")
    old = time.time() - 5
    os.utime(lock, (old, old))
    ledger.append([_signoff("post-b", 8)])  # git would refuse: "cannot lock ref"
    assert not lock.exists()
    assert len(GitLedger(tmp_path / "r").read().records) == 3


def test_a_lock_held_by_a_live_git_process_is_left_alone(tmp_path: Path) -> None:
    _repo(tmp_path / "r")
    lock = tmp_path / "r" / ".git" / "refs" / "heads" / "sosmed-ledger.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text("x\n")
    old = time.time() - 5
    os.utime(lock, (old, old))
    # A git process that writes refs, at work in the repository (waiting for its input): it may hold the lock.
    holder = subprocess.Popen(["git", "update-ref", "--stdin"], cwd=tmp_path / "r", stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    # A reader that tools keep running (GitPython's cat-file) holds no lock and does not count.
    reader = subprocess.Popen(["git", "cat-file", "--batch-check"], cwd=tmp_path / "r", stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    try:
        assert recover_stale_locks(tmp_path / "r" / ".git", [tmp_path / "r"], wait=0.2) == []
        assert lock.exists()
    finally:
        holder.communicate(b"")
    try:
        assert recover_stale_locks(tmp_path / "r" / ".git", [tmp_path / "r"], wait=0.2) == [lock]
    finally:
        reader.communicate(b"")


def test_a_line_that_is_no_record_is_refused_with_its_commit_even_without_the_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repo(tmp_path / "r")
    _published(tmp_path / "r")
    commit = _forge_commit(tmp_path / "r", "{not json")
    monkeypatch.delenv("SOSMED_LEDGER_KEY")
    with pytest.raises(LedgerTampered) as caught:
        GitLedger(tmp_path / "r").read()
    assert caught.value.reason == "unreadable" and commit[:12] in caught.value.format_message()


def test_the_rehearsal_key_is_made_once_per_clone_and_survives_a_broken_file(tmp_path: Path) -> None:
    from sosmed.publish.signing import SANDBOX_KEY_FILE, sandbox_key

    git_dir = _repo(tmp_path / "r").git_dir
    first = sandbox_key(Path(git_dir), {})
    assert sandbox_key(Path(git_dir), {}) == first  # remembered
    path = Path(git_dir) / SANDBOX_KEY_FILE
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    path.write_text("")  # what a run killed while writing it could leave
    assert len(sandbox_key(Path(git_dir), {}).secret) == 64
    shared = "s" * 40  # the sandbox's credentials.env gives every clone the same one
    assert sandbox_key(Path(git_dir), {"SOSMED_LEDGER_SANDBOX_KEY": shared}).secret == shared.encode()
    assert sandbox_key(Path(git_dir), {}).secret == shared.encode()
