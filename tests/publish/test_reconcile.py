"""Reconciliation through the real CLI: own posts and replies found as each platform documents them,
a failing listing reported (never skipped in silence) without stalling the run, no duplicate reply
after a lost answer (issue #13, hole 10)."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import requests

from sosmed.specs import label as platform_label
from tests.publish.conftest import cli, expected_posts, ledger_index, live_posts, merge_form, own_replies
from tests.publish.test_crash import assert_exactly_once
from tests.repos import serve_folder

FORM_ID = "QA-2020-05-0009"


def _sandbox_env(handle, site: str) -> dict[str, str]:
    import os

    return {**os.environ, **handle.env, "SOSMED_MEDIA_URL": site}


def _order(repo: Path, env: dict[str, str]) -> list[tuple[str, str]]:
    """The (item, platform label) of every planned action, in the order the run takes them."""
    plan = cli(repo, env, "publish", "--target", "sandbox", "--dry-run").stdout.split("Tidak dikerjakan")[0]
    rows = [re.split(r"\s{2,}", line.strip()) for line in plan.splitlines()[1:] if line.strip()]
    return [(row[0], row[1]) for row in rows if len(row) == 3]


def _arm(handle, **fault) -> None:
    response = requests.post(f"{handle.base_url}/_sandbox/faults", json=fault, timeout=10, headers=handle.admin_headers)
    assert response.status_code == 201, response.text


def _calls(handle, platform: str, method: str, pattern: str) -> int:
    calls = requests.get(f"{handle.base_url}/_sandbox/calls", params={"platform": platform}, timeout=10, headers=handle.admin_headers).json()
    return sum(1 for c in calls["calls"] if c["method"] == method and re.search(pattern, c["path"]))


def test_a_listing_that_keeps_failing_is_reported_for_a_person_and_stalls_nothing(
        sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _sandbox_env(platform_sandbox, site)
        order = _order(sample_repo, env)
        nth = order.index(next(a for a in order if a[1] == "Instagram")) + 1
        crashed = cli(sample_repo, {**env, "SOSMED_CRASH_AT": f"after_call:{nth}"}, "publish", "--target", "sandbox")
        assert crashed.returncode == -signal.SIGKILL
        item = order[nth - 1][0]
        # Instagram's media listing now fails, however often it is asked.
        _arm(platform_sandbox, platform="instagram", kind="500", method="GET", path=r"/media$", count=1000,
             retry_after=0)
        before = _calls(platform_sandbox, "instagram", "GET", r"/media$")
        stuck = cli(sample_repo, env, "publish", "--target", "sandbox")
        assert stuck.returncode == 1, stuck.stdout + stuck.stderr
        line = next(row for row in stuck.stdout.splitlines() if "PERLU DIPERIKSA PETUGAS" in row)
        assert item in line and "Instagram" in line and "Periksa akun Instagram" in line
        # Bounded: one listing with short retries for the whole run, not one per intent or per item.
        assert _calls(platform_sandbox, "instagram", "GET", r"/media$") - before <= 3
        # Everything else went on: every other platform has all its posts.
        posts, expected = live_posts(platform_sandbox), expected_posts(sample_repo)
        assert all(len(posts[p]) == len(expected[p]) for p in ("facebook", "x", "youtube"))

        again = cli(sample_repo, env, "publish", "--target", "sandbox")
        assert again.returncode == 1 and "PERLU DIPERIKSA PETUGAS" in again.stdout  # never silent

        requests.delete(f"{platform_sandbox.base_url}/_sandbox/faults", timeout=10, headers=platform_sandbox.admin_headers)
        healed = cli(sample_repo, env, "publish", "--target", "sandbox")
        assert healed.returncode == 0, healed.stdout + healed.stderr
        assert "sudah ada (dicocokkan)" in healed.stdout
    assert_exactly_once(sample_repo, platform_sandbox)


def test_youtube_reconciles_through_the_uploads_playlist(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _sandbox_env(platform_sandbox, site)
        order = _order(sample_repo, env)
        nth = order.index(next(a for a in order if a[1] == "YouTube")) + 1
        crashed = cli(sample_repo, {**env, "SOSMED_CRASH_AT": f"after_call:{nth}"}, "publish", "--target", "sandbox")
        assert crashed.returncode == -signal.SIGKILL
        rerun = cli(sample_repo, env, "publish", "--target", "sandbox")
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert _calls(platform_sandbox, "youtube", "GET", r"/youtube/v3/channels$") >= 1
    assert _calls(platform_sandbox, "youtube", "GET", r"/youtube/v3/playlistItems$") >= 1
    assert_exactly_once(sample_repo, platform_sandbox)
    reconciled = [r for r in ledger_index(sample_repo).records if r["kind"] == "reconciled"]
    assert [(r["platform"], r["outcome"]) for r in reconciled] == [("youtube", "found")]


# -- replies ------------------------------------------------------------------------------------------


def _citizen(handle, platform: str, post_id: str, text: str) -> str:
    made = requests.post(f"{handle.base_url}/_sandbox/comments", timeout=10, json={
        "platform": platform, "post_id": post_id, "text": text, "author": "Warga Contoh"}, headers=handle.admin_headers)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def add_questions(repo: Path, handle) -> dict[str, str]:
    """A citizen asks under the agency's earliest post on each platform; one merged form answers all four."""
    index = ledger_index(repo)
    posts: dict[str, str] = {}
    for (_, platform), record in sorted(index.live.items()):
        if platform in ("facebook", "instagram", "x", "youtube"):
            posts.setdefault(platform, record["receipt"]["id"])
    comments = {platform: _citizen(handle, platform, post, f"Pertanyaan warga di {platform}: kapan jadwalnya?")
                for platform, post in posts.items()}
    merge_form(repo, FORM_ID, comments, 80)
    return comments


def test_a_reply_whose_answer_was_lost_is_found_not_sent_again(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _sandbox_env(platform_sandbox, site)
        assert cli(sample_repo, env, "publish", "--target", "sandbox").returncode == 0
        comments = add_questions(sample_repo, platform_sandbox)
        # Each reply reaches the platform, then the connection drops before the answer arrives.
        for platform, path in (("facebook", r"/comments$"), ("instagram", r"/replies$"), ("x", r"^/2/tweets$"),
                               ("youtube", r"/youtube/v3/comments$")):
            _arm(platform_sandbox, platform=platform, kind="reset", stage="response", method="POST", path=path)
        run = cli(sample_repo, env, "publish", "--target", "sandbox")
        assert run.returncode == 0, run.stdout + run.stderr
        assert run.stdout.count("sudah ada (dicocokkan)") == 4
        again = cli(sample_repo, env, "publish", "--target", "sandbox")
        assert again.returncode == 0 and "0 panggilan platform" in again.stdout
    for platform, comment in comments.items():
        assert len(own_replies(platform_sandbox, platform, comment)) == 1, platform


def test_a_publisher_killed_after_replying_replies_once(sample_repo: Path, platform_sandbox) -> None:
    with serve_folder(sample_repo / "content") as site:
        env = _sandbox_env(platform_sandbox, site)
        assert cli(sample_repo, env, "publish", "--target", "sandbox").returncode == 0
        comments = add_questions(sample_repo, platform_sandbox)
        order = _order(sample_repo, env)
        for platform in ("facebook", "instagram", "x", "youtube"):
            nth = order.index((f"{FORM_ID}#q{list(comments).index(platform) + 1}", platform_label(platform))) + 1
            crashed = cli(sample_repo, {**env, "SOSMED_CRASH_AT": f"after_call:{nth}"}, "publish", "--target",
                          "sandbox")
            assert crashed.returncode == -signal.SIGKILL
            order = _order(sample_repo, env)
        rerun = cli(sample_repo, env, "publish", "--target", "sandbox")
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    for platform, comment in comments.items():
        assert len(own_replies(platform_sandbox, platform, comment)) == 1, platform
