"""The publisher's run lock is its own file lock, never taken for a lock git left behind."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from sosmed.publish.locks import RUN_LOCK, lock_files, recover_stale_locks


def test_the_run_lock_is_not_a_stale_git_lock(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path / "r")], check=True)
    git_dir = tmp_path / "r" / ".git"
    held = git_dir / RUN_LOCK  # what a finished run leaves: the file of its flock
    held.write_text("")
    left = git_dir / "refs" / "heads" / "sosmed-ledger.lock"  # what a killed git leaves
    left.parent.mkdir(parents=True, exist_ok=True)
    left.write_text("x\n")
    old = time.time() - 5
    for path in (held, left):
        os.utime(path, (old, old))
    assert lock_files(git_dir) == [left]
    # Removing the run lock's file while a run holds it would let the next two runs start together.
    assert recover_stale_locks(git_dir, [tmp_path / "r"], wait=0.2) == [left]
    assert held.exists()
