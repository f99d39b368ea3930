"""Reconciliation through the real CLI: own posts and replies found as each platform documents them,
a failing listing reported (never skipped in silence) without stalling the run, no duplicate reply
after a lost answer (issue #13, hole 10)."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import requests
from git import Repo

from sosmed.demo import serve_folder
from sosmed.platforms.errors import platform_label
from tests.publish.attacker import git
from tests.publish.conftest import cli, expected_posts, ledger_index, live_posts
from tests.publish.test_crash import assert_exactly_once

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
    response = requests.post(f"{handle.base_url}/_sandbox/faults", json=fault, timeout=10)
    assert response.status_code == 201, response.text


def _calls(handle, platform: str, method: str, pattern: str) -> int:
    calls = requests.get(f"{handle.base_url}/_sandbox/calls", params={"platform": platform}, timeout=10).json()
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

        requests.delete(f"{platform_sandbox.base_url}/_sandbox/faults", timeout=10)
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
        "platform": platform, "post_id": post_id, "text": text, "author": "Warga Contoh"})
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def add_questions(repo: Path, handle) -> dict[str, str]:
    """A citizen asks under the agency's post on each platform; one merged form answers all four."""
    index = ledger_index(repo)
    posts: dict[str, str] = {}
    for (_, platform), record in sorted(index.live.items()):  # the earliest post on each platform
        if platform in ("facebook", "instagram", "x", "youtube"):
            posts.setdefault(platform, record["receipt"]["id"])
    comments = {platform: _citizen(handle, platform, post, f"Pertanyaan warga di {platform}: kapan jadwalnya?")
                for platform, post in posts.items()}
    questions = "".join(
        f"  - text: \"Pertanyaan warga di {platform}: kapan jadwalnya?\"\n    platform: {platform}\n"
        f"    comment_id: \"{cid}\"\n    asker: warga_contoh\n    received_at: 2020-05-14T09:00:00+08:00\n"
        f"    answer: \"Jadwal untuk penanya di {platform} diumumkan pekan depan di situs BKD.\"\n"
        for platform, cid in comments.items())
    path = repo / "qna" / "mutasi" / "2020" / f"{FORM_ID}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nid: {FORM_ID}\nofficer: \"Maria Goreti Nona\"\nbidang: mutasi\n"
                    f"received: 2020-05-14T10:00:00+08:00\nquestions:\n{questions}public: true\n---\n",
                    encoding="utf-8")
    git(repo, "checkout", "-q", "-b", "pr-80-form")
    git(repo, "add", "qna")
    git(repo, "-c", "user.name=Admin", "-c", "user.email=a@example.org", "commit", "-q", "-m", f"Formulir {FORM_ID}")
    git(repo, "checkout", "-q", "main")
    git(repo, "-c", "user.name=Admin", "-c", "user.email=a@example.org", "merge", "-q", "--no-ff", "pr-80-form",
        "-m", "Merge pull request #80 from bkd-ntt/pr-80-form")
    Repo(repo).git.push("origin", "main")
    return comments


def own_replies(handle, platform: str, comment_id: str) -> list[dict]:
    """The account's replies to one comment, counted in the sandbox's own state."""
    state = requests.get(f"{handle.base_url}/_sandbox/state", timeout=10).json()[platform]
    if platform == "x":
        return [p for p in state["posts"] if p.get("in_reply_to") == comment_id and not p.get("deleted")]
    own = {"facebook": "by_page", "instagram": "by_owner", "youtube": "by_channel"}[platform]
    return [c for c in state["comments"] if c.get("parent_id") == comment_id and c.get(own) and not c.get("deleted")]


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
