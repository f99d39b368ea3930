"""The ledger branch: append-only records in real git repositories, optimistic locking by push."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from git import Repo

from sosmed.publish.ledger import GitLedger, LedgerConflict
from sosmed.publish.records import new_record


def _repo(path: Path) -> Repo:
    repo = Repo.init(path, initial_branch="main")
    (path / "sosmed.yml").write_text("x: 1\n")
    repo.index.add(["sosmed.yml"])
    repo.index.commit("init")
    return repo


def _intent(item: str, platform: str = "x", attempt: int = 1) -> dict:
    return new_record("intent", item=item, platform=platform, op="publish", hash="sha256:aa", attempt=attempt)


def test_append_and_read_back_without_touching_main(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "r")
    main_before = repo.head.commit.hexsha
    ledger = GitLedger(tmp_path / "r")
    ledger.sync()
    ledger.append([_intent("a")])
    ledger.append([new_record("success", item="a", platform="x", op="publish", hash="sha256:aa", attempt=1,
                              receipt={"id": "1", "url": "u"})])
    index = GitLedger(tmp_path / "r").read()
    assert [r["kind"] for r in index.records] == ["intent", "success"]
    assert index.live[("a", "x")]["receipt"]["id"] == "1"
    assert not index.open_intents
    assert repo.head.commit.hexsha == main_before  # main holds only what a person approved
    assert "sosmed-ledger" in [h.name for h in repo.heads]
    files = repo.git.ls_tree("-r", "--name-only", "sosmed-ledger").split()
    assert files == ["README.md", f"ledger/{index.records[0]['time'][:7]}.jsonl"]
    assert len(list(repo.iter_commits("sosmed-ledger"))) == 2  # append-only: one commit per append


def test_intent_without_result_stays_open(tmp_path: Path) -> None:
    _repo(tmp_path / "r")
    ledger = GitLedger(tmp_path / "r")
    ledger.sync()
    ledger.append([_intent("a")])
    index = ledger.read()
    assert list(index.open_intents) == [("a", "x", "publish", "sha256:aa", 1)]


def test_local_compare_and_swap_detects_a_concurrent_writer(tmp_path: Path) -> None:
    _repo(tmp_path / "r")
    first, second = GitLedger(tmp_path / "r"), GitLedger(tmp_path / "r")
    first.sync()
    second.sync()
    first.append([_intent("a")])
    with pytest.raises(LedgerConflict):
        second.append([_intent("b")])
    second.append([_intent("b")])  # after the conflict it has re-synced
    assert [r["item"] for r in GitLedger(tmp_path / "r").read().records] == ["a", "b"]


def test_push_rejected_as_non_fast_forward_is_a_conflict(tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    Repo.init(origin, bare=True, initial_branch="main")
    one = _repo(tmp_path / "one")
    one.create_remote("origin", str(origin))
    one.git.push("origin", "main")
    Repo.clone_from(str(origin), tmp_path / "two")
    ledger_one, ledger_two = GitLedger(tmp_path / "one"), GitLedger(tmp_path / "two")
    ledger_one.sync()
    ledger_two.sync()
    ledger_one.append([_intent("a")])
    with pytest.raises(LedgerConflict):
        ledger_two.append([_intent("a")])
    index = ledger_two.read()  # re-read after the conflict sees the other publisher's intent
    assert [r["item"] for r in index.records] == ["a"]
    ledger_two.append([_intent("b")])
    remote_log = subprocess.run(["git", "log", "--oneline", "sosmed-ledger"], cwd=origin, capture_output=True,
                                text=True, check=True).stdout.splitlines()
    assert len(remote_log) == 2


def test_records_never_contain_secrets_by_construction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "sandbox-" + "t0ken" * 6
    monkeypatch.setenv("SOSMED_X_BEARER_TOKEN", secret)
    _repo(tmp_path / "r")
    ledger = GitLedger(tmp_path / "r")
    ledger.sync()
    from sosmed.publish.records import owner

    ledger.append([dict(_intent("a"), owner=owner())])
    blob = subprocess.run(["git", "log", "-p", "sosmed-ledger"], cwd=tmp_path / "r", capture_output=True,
                          text=True, check=True).stdout
    assert secret not in blob


def test_objects_written_without_git_are_the_ones_git_writes(tmp_path: Path) -> None:
    # The ledger writes its blobs and trees itself; git must read them as its own (same ids, fsck clean).
    from sosmed.publish.gitobjects import FILE_MODE, TREE_MODE, ObjectStore, TreeEntry

    repo = _repo(tmp_path / "r")
    ledger = GitLedger(tmp_path / "r")
    store = ledger.store
    assert isinstance(store, ObjectStore)

    def git(*args: str, stdin: str | None = None) -> str:
        return subprocess.run(["git", *args], cwd=tmp_path / "r", input=stdin, capture_output=True, text=True,
                              check=True).stdout.strip()

    blob = store.blob("baris satu\nbaris dua ✓\n".encode())
    assert blob == git("hash-object", "--stdin", stdin="baris satu\nbaris dua ✓\n")
    sub = store.tree({"x.jsonl": TreeEntry(FILE_MODE, blob)})
    # Git's order puts "a" (a folder, compared as "a/") after "a-b" and "a.jsonl"; a file "a" would come first.
    entries = {"a": TreeEntry(TREE_MODE, sub), "a.jsonl": TreeEntry(FILE_MODE, blob), "a-b": TreeEntry(FILE_MODE, blob)}
    tree = store.tree(entries)
    listing = "".join(f"{'040000 tree' if e.is_tree else '100644 blob'} {e.oid}\t{name}\n"
                      for name, e in entries.items())
    assert tree == git("mktree", stdin=listing)
    assert git("cat-file", "-p", f"{tree}:a/x.jsonl") == "baris satu\nbaris dua ✓"
    ledger.sync()
    ledger.append([_intent("a")])
    ledger.append([_intent("b")])
    git("fsck", "--strict", "--no-dangling")
    index_env = {**os.environ, "GIT_INDEX_FILE": str(tmp_path / "index")}
    subprocess.run(["git", "read-tree", "sosmed-ledger"], cwd=tmp_path / "r", env=index_env, check=True)
    rewritten = subprocess.run(["git", "write-tree"], cwd=tmp_path / "r", env=index_env, capture_output=True,
                               text=True, check=True).stdout.strip()
    assert git("rev-parse", "sosmed-ledger^{tree}") == rewritten  # the tree git would have written
    assert repo.git.show("sosmed-ledger:README.md").startswith("# sosmed ledger")
