"""Facebook adapter against the sandbox over real HTTP."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from sosmed.platforms import Message, get_adapter
from sosmed.platforms.base import utcnow
from sosmed.platforms.errors import InvalidRequestError
from tests.platforms.conftest import fast_session, photo, video


def adapter(sb, **env):
    return get_adapter("facebook", {**sb.env, **env}, fast_session())


def posts(sb):
    return {p["id"]: p for p in sb.state("facebook")["posts"]}


def test_text_and_link_post(sb):
    fb = adapter(sb)
    receipt = fb.publish(Message("Sosialisasi juknis kenaikan pangkat.", link="https://bkd.nttprov.go.id/juknis"))
    assert receipt.platform == "facebook"
    assert receipt.id.startswith(sb.env["SOSMED_FACEBOOK_PAGE_ID"] + "_")
    post = posts(sb)[receipt.id]
    assert post["message"] == "Sosialisasi juknis kenaikan pangkat."
    assert post["link"] == "https://bkd.nttprov.go.id/juknis"
    feed = [c for c in sb.calls("facebook") if c["method"] == "POST"]
    assert [c["path"] for c in feed] == [f"/v26.0/{sb.env['SOSMED_FACEBOOK_PAGE_ID']}/feed"]


def test_graph_version_is_configurable(sb):
    fb = adapter(sb, SOSMED_FACEBOOK_GRAPH_VERSION="25.0")
    fb.publish(Message("Versi Graph dapat diatur."))
    assert all(c["path"].startswith("/v25.0/") for c in sb.calls("facebook"))


def test_single_photo_is_uploaded_as_multipart(sb, media_dir):
    fb = adapter(sb)
    receipt = fb.publish(Message("Foto kegiatan apel pagi.", media=(photo(media_dir, 0, alt="Apel pagi"),)))
    post = posts(sb)[receipt.id]
    assert "apel pagi" in (post.get("message") or post.get("caption") or "").lower()
    assert receipt.raw["id"]  # the photo id
    assert [c["path"].rsplit("/", 1)[1] for c in sb.calls("facebook")] == ["photos"]


def test_multi_photo_post_attaches_unpublished_photos(sb, media_dir):
    fb = adapter(sb)
    receipt = fb.publish(Message("Tiga foto kegiatan.", media=tuple(photo(media_dir, i) for i in range(3))))
    post = posts(sb)[receipt.id]
    assert len(post["media"]) == 3
    assert sorted(str(m if isinstance(m, str) else m.get("id", m.get("media_fbid"))) for m in post["media"]) == \
        sorted(receipt.raw["photo_ids"])
    ends = [c["path"].rsplit("/", 1)[1] for c in sb.calls("facebook")]
    assert ends == ["photos", "photos", "photos", "feed"]


def test_scheduled_post_is_sent_unpublished_with_a_time(sb):
    fb = adapter(sb)
    when = utcnow() + timedelta(hours=2)
    receipt = fb.publish(Message("Pengumuman terjadwal.", schedule_at=when))
    post = posts(sb)[receipt.id]
    assert post.get("is_published") is False or post.get("published") is False
    assert int(post["scheduled_publish_time"]) == int(when.timestamp())


APP_VARS = ("SOSMED_FACEBOOK_APP_ID", "SOSMED_FACEBOOK_USER_TOKEN")


def test_video_uses_the_resumable_upload_api(sb, media_dir):
    fb = adapter(sb)
    clip = video(media_dir, "big.mp4")
    receipt = fb.publish(Message("Video sosialisasi.", title="Sosialisasi", media=(clip,)))
    stored = sb.state("facebook")["videos"][receipt.id]
    assert stored["title"] == "Sosialisasi"
    assert (sb.handle.state_dir / stored["file"]).read_bytes() == clip.path.read_bytes()
    calls = [(c["method"], c["path"].split("/", 2)[2]) for c in sb.calls("facebook")]
    app, page = sb.env["SOSMED_FACEBOOK_APP_ID"], sb.env["SOSMED_FACEBOOK_PAGE_ID"]
    assert calls == [("POST", f"{app}/uploads"), ("POST", receipt.raw["upload_session"]), ("POST", f"{page}/videos")]


def test_video_without_app_credentials_uses_the_chunked_flow(sb, media_dir):
    env = {k: v for k, v in sb.env.items() if k not in APP_VARS}
    fb = get_adapter("facebook", env, fast_session())
    clip = video(media_dir, "big.mp4")
    receipt = fb.publish(Message("Video sosialisasi.", title="Sosialisasi", media=(clip,)))
    stored = sb.state("facebook")["videos"][receipt.id]
    assert (sb.handle.state_dir / stored["file"]).read_bytes() == clip.path.read_bytes()
    calls = [c for c in sb.calls("facebook") if c["path"].endswith("/videos")]
    chunk = 1024 * 1024  # the sandbox's default transfer chunk
    size = clip.path.stat().st_size
    assert len(calls) == 1 + math.ceil(size / chunk) + 1  # start, transfers, finish


def test_mixed_photo_and_video_is_refused_before_any_call(sb, media_dir):
    fb = adapter(sb)
    with pytest.raises(InvalidRequestError):
        fb.publish(Message("campur", media=(photo(media_dir, 0), video(media_dir))))
    assert sb.calls("facebook") == []


def test_edit_and_delete(sb):
    fb = adapter(sb)
    receipt = fb.publish(Message("Teks lama."))
    fb.update(receipt.id, Message("Teks baru, sudah diperbaiki."))
    assert posts(sb)[receipt.id]["message"] == "Teks baru, sudah diperbaiki."
    fb.delete(receipt.id)
    remaining = posts(sb)
    assert receipt.id not in remaining or remaining[receipt.id].get("deleted") is True


def test_comments_reply_and_cursor(sb):
    fb = adapter(sb)
    receipt = fb.publish(Message("Silakan bertanya di kolom komentar."))
    sb.add_comment(platform="facebook", post_id=receipt.id, text="Kapan batas unggah berkas?",
                   author="Yohanes Bria")
    found, cursor = fb.comments(None)
    mine = [c for c in found if c.post_id == receipt.id]
    assert [c.text for c in mine] == ["Kapan batas unggah berkas?"]
    assert mine[0].author == "Yohanes Bria" and cursor
    answer = fb.reply(mine[0].id, "Batasnya 30 Juni, Bapak.")
    assert answer.id
    post = posts(sb)[receipt.id]
    texts = str(post)
    assert "Batasnya 30 Juni, Bapak." in texts or "Batasnya 30 Juni, Bapak." in str(sb.state("facebook"))
    again, cursor2 = fb.comments(cursor)
    assert [c for c in again if c.id == mine[0].id] == []
    assert all(c.text != "Batasnya 30 Juni, Bapak." for c in again), "the Page's own reply is not a question"
    assert cursor2 == cursor or cursor2 >= cursor


def test_recent_posts_lists_what_was_published(sb):
    fb = adapter(sb)
    first = fb.publish(Message("Pertama."))
    second = fb.publish(Message("Kedua."))
    recent = fb.recent_posts(10)
    ids = [p["id"] for p in recent]
    assert first.id in ids and second.id in ids
    assert {p["text"] for p in recent} >= {"Pertama.", "Kedua."}
