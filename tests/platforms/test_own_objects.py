"""The account's own posts and replies, read the way each platform documents (for reconciliation)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import requests

from sosmed.platforms import Message, get_adapter
from sosmed.platforms.base import utcnow
from sosmed.sandbox import start_sandbox
from sosmed.sandbox.seed import DEFAULT_SEED
from sosmed.sandbox.settings import SandboxSettings
from tests.platforms.conftest import Sandbox, fast_session, photo, video


def _ready_at_once(sb: Sandbox) -> None:
    requests.patch(f"{sb.base}/_sandbox/settings", json={"ig_processing_seconds": 0, "x_processing_seconds": 0},
                   headers=sb.admin_headers, timeout=10).raise_for_status()


def _gets(sb: Sandbox, platform: str) -> list[str]:
    return [c["path"] for c in sb.calls(platform) if c["method"] == "GET"]


def test_facebook_reads_published_posts_and_the_pages_own_replies(sb: Sandbox) -> None:
    fb = get_adapter("facebook", sb.env, fast_session())
    first, second = fb.publish(Message("Pertama.")), fb.publish(Message("Kedua."))
    assert [p["id"] for p in fb.recent_posts(10)][:2] == [second.id, first.id]  # newest first
    assert fb.recent_posts(10, since=utcnow() + timedelta(minutes=5)) == []
    assert any(path.endswith("/published_posts") for path in _gets(sb, "facebook"))

    question = sb.add_comment(platform="facebook", post_id=first.id, text="Kapan jadwalnya?", author="Warga")
    assert fb.own_replies(question["id"]) == []
    answer = fb.reply(question["id"], "Besok pagi.")
    follow_up = sb.add_comment(platform="facebook", post_id=first.id, text="Terima kasih!", author="Warga",
                               parent_id=question["id"])
    # The Page's own reply is found (comments.py reading questions leaves it out), the citizen's is not.
    assert [(r.id, r.text) for r in fb.own_replies(question["id"])] == [(answer.id, "Besok pagi.")]
    # A reply to a reply joins the top-level thread: it is found from the reply's id too.
    again = fb.reply(follow_up["id"], "Sama-sama.")
    assert again.id in [r.id for r in fb.own_replies(follow_up["id"])]

    assert fb.post_exists(first.id)
    fb.delete(first.id)
    assert not fb.post_exists(first.id)


def test_instagram_reads_media_and_the_accounts_own_replies(sb: Sandbox, media_dir: Path, static_url: str) -> None:
    _ready_at_once(sb)
    ig = get_adapter("instagram", sb.env, fast_session())
    post = ig.publish(Message("Apel pagi.", media=(photo(media_dir, 0, static_url),)))
    assert [p["id"] for p in ig.recent_posts(5)] == [post.id]
    assert ig.recent_posts(5, since=utcnow() + timedelta(minutes=5)) == []
    question = sb.add_comment(platform="instagram", post_id=post.id, text="Syaratnya apa?", author="Warga")
    assert ig.own_replies(question["id"]) == []
    answer = ig.reply(question["id"], "Syaratnya di situs BKD.")
    sb.add_comment(platform="instagram", post_id=post.id, text="Oke min", author="Warga", parent_id=question["id"])
    assert [(r.id, r.text) for r in ig.own_replies(question["id"])] == [(answer.id, "Syaratnya di situs BKD.")]
    assert any(path.endswith(f"/{question['id']}/replies") for path in _gets(sb, "instagram"))
    assert ig.post_exists(post.id) and not ig.post_exists("17999999999999999")


def test_instagram_listing_answers_on_the_default_seed(tmp_path: Path) -> None:
    handle = start_sandbox(tmp_path / "seeded", seed=DEFAULT_SEED, settings=SandboxSettings())
    try:
        ig = get_adapter("instagram", handle.env, fast_session())
        seeded = ig.recent_posts(5)  # the seeded posts, each with its photo, newest first
        assert len(seeded) == 3 and "kenaikan pangkat" in seeded[0]["text"]
        comments, _ = ig.comments(None)
        assert "Syarat kenaikan pangkat pilihan apa saja, min?" in [c.text for c in comments]
        assert {"17900000000000515", "17900000000000604"} <= {c.id for c in comments}  # the sample forms' ones
    finally:
        handle.stop()


def test_x_reads_the_timeline_and_the_accounts_own_replies(sb: Sandbox) -> None:
    x = get_adapter("x", sb.env, fast_session())
    post = x.publish(Message("Informasi seleksi CPNS."))
    mention = sb.add_comment(platform="x", post_id=post.id, text="@Bkdprovinsintt formasi guru ada?",
                             author="Warga")
    assert x.own_replies(str(mention["id"])) == []
    answer = x.reply(str(mention["id"]), "Ada, lihat pengumuman resmi.")
    assert [(r.id, r.text) for r in x.own_replies(str(mention["id"]))] == [(answer.id, "Ada, lihat pengumuman resmi.")]
    assert [p["id"] for p in x.recent_posts(10)] == [answer.id, post.id]
    assert x.recent_posts(10, since=utcnow() + timedelta(minutes=5)) == []
    assert x.post_exists(post.id)
    x.delete(post.id)
    assert not x.post_exists(post.id)


def test_youtube_reads_the_uploads_playlist_and_the_channels_own_replies(sb: Sandbox, media_dir: Path) -> None:
    yt = get_adapter("youtube", sb.env, fast_session())
    uploaded = yt.publish(Message("Deskripsi.", title="Mengenal layanan", media=(video(media_dir),)))
    [listed] = yt.recent_posts(10)
    assert (listed["id"], listed["text"]) == (uploaded.id, "Mengenal layanan")
    assert yt.recent_posts(10, since=utcnow() + timedelta(minutes=5)) == []
    paths = _gets(sb, "youtube")
    assert "/youtube/v3/channels" in paths and "/youtube/v3/playlistItems" in paths
    question = sb.add_comment(platform="youtube", post_id=uploaded.id, text="Bisa daring?", author="Warga")
    assert yt.own_replies(question["id"]) == []
    answer = yt.reply(question["id"], "Bisa, lewat situs BKD.")
    assert [(r.id, r.text) for r in yt.own_replies(question["id"])] == [(answer.id, "Bisa, lewat situs BKD.")]
    assert yt.post_exists(uploaded.id)
    yt.delete(uploaded.id)
    assert not yt.post_exists(uploaded.id)


@pytest.mark.parametrize("platform", ["facebook", "instagram", "x", "youtube"])
def test_own_replies_of_an_unknown_comment_is_an_error_not_an_empty_answer(sb: Sandbox, platform: str) -> None:
    from sosmed.platforms.errors import PlatformError

    adapter = get_adapter(platform, sb.env, fast_session())
    unknown = {"facebook": "1_2", "instagram": "17999999999999998", "x": "1", "youtube": "UgNoSuchComment"}[platform]
    if platform == "x":
        assert adapter.own_replies(unknown) == []  # X answers from the timeline: nothing replies to it
        return
    with pytest.raises(PlatformError):
        adapter.own_replies(unknown)
