"""Crash injection: the publisher is SIGKILLed at every step; a re-run leaves each post exactly once.

Each scenario runs the real CLI in a subprocess against the sandbox over loopback and a real
git repository with a remote, kills it at a crash point (``SOSMED_CRASH_AT``), runs it again,
and then checks the sandbox's own state and the ledger.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.model.loader import load_items
from tests.publish.conftest import ledger_index, live_posts

POINTS = ("before_intent", "after_intent", "after_call", "after_result", "ledger_before_push",
          "ledger_after_push")
SCENARIOS = [(point, nth) for point in POINTS for nth in (1, 4, 9)] + [("upload_chunk", 1), ("upload_chunk", 2)]


def _publish(repo: Path, env: dict[str, str], crash: str | None = None) -> subprocess.CompletedProcess:
    run_env = {**os.environ, **env, "SOSMED_MEDIA_URL": env["SOSMED_MEDIA_URL"]}
    run_env.pop("SOSMED_CRASH_AT", None)
    if crash:
        run_env["SOSMED_CRASH_AT"] = crash
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(repo / "sosmed.yml"), "publish",
                           "--target", "sandbox"], cwd=repo, env=run_env, capture_output=True, text=True,
                          timeout=300)


def _publish_in_process(repo: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Result:
    """The same command through the CLI in this process: for a run that nobody kills, a process of its own
    adds only its start-up."""
    monkeypatch.chdir(repo)
    return CliRunner().invoke(cli, ["--config", str(repo / "sosmed.yml"), "publish", "--target", "sandbox"],
                              env={**env, "SOSMED_CRASH_AT": None})


def _expected(repo: Path) -> dict[str, set[str]]:
    config = load_config(repo / "sosmed.yml")
    items = load_items([repo / "content"], config).items
    expected: dict[str, set[str]] = {p: set() for p in ("facebook", "instagram", "x", "youtube")}
    for item in items:
        for platform in item.post.social_platforms:
            expected[platform].add(item.id)
    return expected


def assert_exactly_once(repo: Path, handle) -> None:
    """Every item on every platform once (sandbox state), and a consistent ledger."""
    expected = _expected(repo)
    posts = live_posts(handle)
    index = ledger_index(repo)
    assert not index.open_intents, index.open_intents
    for platform, items in expected.items():
        known: set[str] = set()
        for item in items:
            receipt = index.live[(item, platform)]["receipt"]
            known.update([receipt["id"], *receipt.get("extra_ids", [])])
        assert len(posts[platform]) == len(items), (platform, [p.get("id") for p in posts[platform]])
        for post in posts[platform]:
            ids = {str(post["id"]), *(str(m.get("id")) for m in post.get("media") or [] if isinstance(m, dict))}
            assert ids & known, (platform, post["id"])  # a video post is known by its video id


def _sandbox_env(handle, site: str) -> dict[str, str]:
    return {**handle.env, "SOSMED_MEDIA_URL": site}


@pytest.mark.parametrize(("point", "nth"), SCENARIOS, ids=[f"{p}-{n}" for p, n in SCENARIOS])
def test_kill_at_every_step_then_rerun(sample_repo: Path, platform_sandbox, point: str, nth: int,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.repos import serve_folder

    with serve_folder(sample_repo / "content") as site:
        env = _sandbox_env(platform_sandbox, site)
        crashed = _publish(sample_repo, env, f"{point}:{nth}")
        assert crashed.returncode == -signal.SIGKILL, (crashed.returncode, crashed.stdout[-2000:],
                                                       crashed.stderr[-2000:])
        rerun = _publish(sample_repo, env)
        assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
        assert "Traceback" not in rerun.stderr
        assert_exactly_once(sample_repo, platform_sandbox)
        again = _publish_in_process(sample_repo, env, monkeypatch)
        assert again.exit_code == 0, again.output
        assert "0 panggilan platform" in again.stdout  # a run after success calls no platform


def test_scenario_count_meets_the_issue() -> None:
    assert len(SCENARIOS) >= 20


def test_a_lock_left_by_a_killed_run_does_not_block_the_next(sample_repo: Path, platform_sandbox) -> None:
    from tests.repos import serve_folder

    with serve_folder(sample_repo / "content") as site:
        env = _sandbox_env(platform_sandbox, site)
        crashed = _publish(sample_repo, env, "after_intent:3")
        assert crashed.returncode == -signal.SIGKILL
        # What a run killed inside ``git update-ref`` or ``git push`` leaves: the ref locks, here and in origin.
        locks = [sample_repo / ".git" / "refs" / "heads" / "sosmed-ledger-sandbox.lock",
                 sample_repo.parent / "origin.git" / "refs" / "heads" / "sosmed-ledger-sandbox.lock"]
        for lock in locks:
            lock.parent.mkdir(parents=True, exist_ok=True)
            lock.write_text("0" * 40 + "\n")
            os.utime(lock, (1, 1))
        rerun = _publish(sample_repo, env)
        assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
        assert not any(lock.exists() for lock in locks)
        assert_exactly_once(sample_repo, platform_sandbox)
