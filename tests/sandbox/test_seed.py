"""The default seed is coherent: posts with media, the sample forms' questions under their posts,
replies to them succeed through the adapters, and every permalink leads to the sandbox's web view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sosmed.config import load_config
from sosmed.model.loader import load_items
from sosmed.platforms import get_adapter
from sosmed.sandbox import SandboxHandle, start_sandbox
from sosmed.sandbox.admin import media_file
from sosmed.sandbox.seed import DEFAULT_SEED
from sosmed.sandbox.settings import SandboxSettings
from tests.sandbox.helpers import state

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 10


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[SandboxHandle]:
    handle = start_sandbox(tmp_path / "seeded", seed=DEFAULT_SEED, settings=SandboxSettings())
    try:
        yield handle
    finally:
        handle.stop()


def _sample_questions() -> list[tuple[str, str]]:
    """(platform, comment_id) of every question of the sample forms that came from a platform."""
    config = load_config(REPO / "sosmed.yml")
    forms = load_items([REPO / "qna"], config).items
    found = [(q.platform, q.comment_id) for f in forms for q in f.form.questions
             if q.platform in ("facebook", "instagram", "x", "youtube")]
    assert len(found) >= 8
    return found


def test_every_seeded_post_has_its_media_file(seeded: SandboxHandle) -> None:
    for platform in ("facebook", "instagram", "x"):
        posts = state(seeded, platform)["posts"]
        assert posts and all(p["media"] for p in posts), platform
        for post in posts:
            assert media_file(seeded.store, platform, post["media"][0]["id"]) is not None
            picture = requests.get(f"{seeded.base_url}/_sandbox/media/{platform}/{post['media'][0]['id']}",
                                   timeout=TIMEOUT)
            assert picture.status_code == 200 and picture.content[:3] == b"\xff\xd8\xff"  # a JPEG
    for video in state(seeded, "youtube")["posts"]:
        assert (seeded.state_dir / video["file"]).stat().st_size == video["size"] > 0 and video["thumbnail"]


def test_the_sample_forms_questions_exist_under_the_posts_they_ask_about(seeded: SandboxHandle) -> None:
    comments = {
        "facebook": {c["id"]: c["post_id"] for c in state(seeded, "facebook")["comments"]},
        "instagram": {c["id"]: c["media_id"] for c in state(seeded, "instagram")["comments"]},
        "x": {m["id"]: m["in_reply_to"] for m in state(seeded, "x")["mentions"]},
        "youtube": {c["id"]: c["video_id"] for c in state(seeded, "youtube")["comments"]},
    }
    for platform, comment_id in _sample_questions():
        assert comment_id in comments[platform], (platform, comment_id)
        assert comments[platform][comment_id], (platform, comment_id)  # under a post, not loose
    # Facebook's comment id names its post: 100000000000512_… is under the post …_100000000000512.
    page = seeded.env["SOSMED_FACEBOOK_PAGE_ID"]
    assert comments["facebook"]["100000000000512_200000000000101"] == f"{page}_100000000000512"


def test_replies_to_the_sample_questions_succeed_through_the_adapters(seeded: SandboxHandle) -> None:
    for platform, comment_id in _sample_questions():
        adapter = get_adapter(platform, seeded.env)
        receipt = adapter.reply(comment_id, f"Terima kasih, jawaban untuk {comment_id}.")
        assert receipt.id
        if receipt.url:  # every permalink an adapter makes leads to the sandbox's own web view
            assert receipt.url.startswith(f"{seeded.base_url}/web/"), receipt.url
    replies = [c for c in state(seeded, "facebook")["comments"] if c["by_page"]]
    assert len(replies) == sum(1 for p, _ in _sample_questions() if p == "facebook")


def test_permalinks_lead_to_the_web_view(seeded: SandboxHandle) -> None:
    env = seeded.env
    x = get_adapter("x", env)
    youtube = get_adapter("youtube", env)
    links = [(x.recent_posts(5)[0]["url"], "post-"), (youtube.recent_posts(5)[0]["url"], "post-"),
             (f"{env['SOSMED_YOUTUBE_WEB']}/watch?v=contohVid612&lc=UgzContohKomentarFiktif0612",
              "comment-UgzContohKomentarFiktif0612"),
             (f"{env['SOSMED_FACEBOOK_WEB']}/{env['SOSMED_FACEBOOK_PAGE_ID']}_100000000000512",
              f"post-{env['SOSMED_FACEBOOK_PAGE_ID']}_100000000000512"),
             (f"{env['SOSMED_X_WEB']}/warganet_contoh1/status/1261000000000000515", "comment-1261000000000000515")]
    for link, anchor in links:
        assert link.startswith(seeded.base_url + "/web/")
        hop = requests.get(link, allow_redirects=False, timeout=TIMEOUT)
        assert hop.status_code == 302 and anchor in hop.headers["Location"], (link, hop.headers.get("Location"))
        page = requests.get(link, timeout=TIMEOUT)
        assert page.status_code == 200 and f'id="{hop.headers["Location"].split("#")[1]}"' in page.text
    ig = get_adapter("instagram", env).recent_posts(5)[0]["url"]
    assert ig.startswith(f"{seeded.base_url}/web/instagram#post-")
    assert requests.get(f"{env['SOSMED_X_WEB']}/i/web/status/999", timeout=TIMEOUT).status_code == 404


def test_the_documented_rehearsal_replies_to_every_answered_sample_question(tmp_path: Path) -> None:
    """``sosmed sandbox`` (default seed), then ``sosmed publish --target sandbox`` on the sample forms."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.repos import instance_repo

    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(REPO / "sosmed.yml", source / "sosmed.yml")
    shutil.copytree(REPO / "qna", source / "qna")
    repo = Path(instance_repo(source, tmp_path / "work" / "repo").working_dir)
    handle = start_sandbox(tmp_path / "sandbox", seed=DEFAULT_SEED, settings=SandboxSettings())
    try:
        run = subprocess.run([sys.executable, "-m", "sosmed", "--config", str(repo / "sosmed.yml"), "publish",
                              "--target", "sandbox"], cwd=repo, env={**os.environ, **handle.env},
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
        config = load_config(repo / "sosmed.yml")
        answered = {(q.platform, q.comment_id) for f in load_items([repo / "qna"], config).items
                    if not f.form.draft for q in f.form.questions if q.answer and q.comment_id}
        assert len(answered) == 4
        replied = {("facebook", c["parent_id"]) for c in state(handle, "facebook")["comments"] if c["by_page"]}
        replied |= {("instagram", c["parent_id"]) for c in state(handle, "instagram")["comments"] if c["by_owner"]}
        replied |= {("x", p["in_reply_to"]) for p in state(handle, "x")["posts"] if p.get("in_reply_to")}
        assert replied == answered
    finally:
        handle.stop()
