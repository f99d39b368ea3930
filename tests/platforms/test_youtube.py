"""YouTube adapter against the sandbox over real HTTP: the resumable upload protocol above all."""

from __future__ import annotations

import math
import random
from datetime import timedelta

import pytest

from sosmed.platforms import Message, get_adapter
from sosmed.platforms.base import utcnow
from sosmed.platforms.errors import AuthError, InvalidRequestError, QuotaError
from sosmed.platforms.youtube import CHUNK_UNIT
from tests.platforms.conftest import fast_session, video


def adapter(sb, env=None, chunk_size=CHUNK_UNIT, **kwargs):
    return get_adapter("youtube", env or sb.env, fast_session(**kwargs), chunk_size=chunk_size)


def videos(sb):
    state = sb.state("youtube")
    return {str(v["id"]): v for v in state.get("videos") or state["posts"]}


def upload_puts(sb):
    return [c for c in sb.calls("youtube") if c["method"] == "PUT" and "/upload/" in c["path"]]


def test_resumable_upload_in_256_kib_chunks(sb, media_dir):
    yt = adapter(sb)
    clip = video(media_dir)
    receipt = yt.publish(Message("Sosialisasi juknis.\nDetail di situs.", title="Sosialisasi Juknis",
                                 tags=("bkd", "ntt"), media=(clip,)))
    stored = videos(sb)[receipt.id]
    assert stored["title"] == "Sosialisasi Juknis" and stored["tags"] == ["bkd", "ntt"]
    assert stored["size"] == clip.path.stat().st_size
    assert receipt.url == f"{sb.env['SOSMED_YOUTUBE_WEB']}/watch?v={receipt.id}"  # the sandbox's own web view
    chunks = math.ceil(clip.path.stat().st_size / CHUNK_UNIT)
    assert len(upload_puts(sb)) == chunks
    starts = [c for c in sb.calls("youtube") if c["method"] == "POST" and "/upload/youtube/v3/videos" in c["path"]]
    assert len(starts) == 1


def test_chunk_size_must_be_a_multiple_of_256_kib(sb):
    with pytest.raises(InvalidRequestError):
        adapter(sb, chunk_size=100_000)


def test_publish_at_makes_the_video_private_until_then(sb, media_dir):
    yt = adapter(sb, chunk_size=4 * CHUNK_UNIT)
    when = (utcnow() + timedelta(days=2)).replace(microsecond=0)
    receipt = yt.publish(Message("Terjadwal.", title="Video terjadwal", schedule_at=when, media=(video(media_dir),)))
    stored = videos(sb)[receipt.id]
    assert stored["privacyStatus"] == "private"
    assert stored["publishAt"].startswith(when.strftime("%Y-%m-%dT%H:%M:%S"))


def test_thumbnail_is_set_after_the_upload(sb, media_dir):
    yt = adapter(sb, chunk_size=4 * CHUNK_UNIT)
    receipt = yt.publish(Message("Dengan sampul.", title="Sampul", media=(video(media_dir),),
                                 thumbnail=media_dir / "thumb.jpg"))
    assert receipt.raw["thumbnail"]["kind"] == "youtube#thumbnailSetResponse"
    assert "thumbnail_error" not in receipt.raw


class _ArmFaultAt:
    """Progress display that arms a connection reset in the sandbox when the upload reaches a byte."""

    def __init__(self, sb, arm_at: int, after_bytes: int) -> None:
        self.sb, self.arm_at, self.after_bytes, self.armed = sb, arm_at, after_bytes, False

    def update(self, position: int) -> None:
        if not self.armed and position >= self.arm_at:
            self.armed = True
            self.sb.fault(platform="youtube", path=r"/upload/youtube/v3/videos", method="PUT", kind="reset",
                          count=1, after_bytes=self.after_bytes)

    def close(self) -> None:
        pass


def test_interrupted_at_a_random_byte_resumes_and_resends_at_most_one_chunk(sb, media_dir):
    clip = video(media_dir, "big.mp4")
    size = clip.path.stat().st_size
    cut = random.Random().randrange(1, size - 1)
    chunk_start = cut // CHUNK_UNIT * CHUNK_UNIT
    arm = _ArmFaultAt(sb, chunk_start, max(1, cut - chunk_start))

    class Session(type(fast_session())):
        def progress(self, platform, filename, total):
            return arm

    session = Session(fast_session().policy, timeout=(2.0, 5.0), progress=None)
    if chunk_start == 0:
        arm.update(0)
    yt = get_adapter("youtube", sb.env, session, chunk_size=CHUNK_UNIT)
    receipt = yt.publish(Message("Putus lalu lanjut.", title="Lanjut", media=(clip,)))
    stored = videos(sb)[receipt.id]
    assert stored["size"] == size
    assert (sb.handle.state_dir / stored["file"]).read_bytes() == clip.path.read_bytes()
    puts = upload_puts(sb)
    assert [c["status"] for c in puts].count("reset") == 1
    queries = [c for c in puts if (c["content_range"] or "").startswith("bytes */")]
    assert len(queries) == 1, "one status query after the interruption"
    sent = sum(int(c["content_length"] or 0) for c in puts if c not in queries)
    assert size <= sent <= size + CHUNK_UNIT, "at most one chunk is sent twice"
    assert len(puts) - 1 <= math.ceil(size / CHUNK_UNIT) + 2


def test_server_errors_are_retried_then_the_upload_resumes(sb, media_dir):
    yt = adapter(sb)
    sb.fault(platform="youtube", path=r"/upload/youtube/v3/videos", method="PUT", kind="503", count=2)
    receipt = yt.publish(Message("Gangguan server.", title="Retry 503", media=(video(media_dir),)))
    assert receipt.id in videos(sb)


def test_token_is_refreshed_once_and_reused(sb, media_dir):
    yt = adapter(sb)
    yt.publish(Message("Satu.", title="Satu", media=(video(media_dir),)))
    yt.comments(None)
    tokens = [c for c in sb.calls() if "token" in c["path"] and c["method"] == "POST"]
    assert len(tokens) == 1


def test_expired_access_token_is_refreshed_and_the_call_repeated(sb):
    yt = adapter(sb)
    yt.comments(None)
    sb.fault(platform="youtube", path=r"/youtube/v3/commentThreads", kind="expired_token", count=1)
    yt.comments(None)
    tokens = [c for c in sb.calls() if "token" in c["path"] and c["method"] == "POST"]
    assert len(tokens) == 2


def test_a_revoked_refresh_token_names_the_variable_to_renew(sb):
    env = {**sb.env, "SOSMED_YOUTUBE_REFRESH_TOKEN": "1//revoked-refresh-token-000"}
    with pytest.raises(AuthError) as caught:
        adapter(sb, env=env).comments(None)
    assert caught.value.env_var == "SOSMED_YOUTUBE_REFRESH_TOKEN"
    assert "SOSMED_YOUTUBE_REFRESH_TOKEN" in str(caught.value)


def test_quota_exceeded_stops_the_platform(sb, media_dir):
    yt = adapter(sb)
    sb.fault(platform="youtube", path=r"/upload/youtube/v3/videos", method="POST", kind="quota", count=1)
    with pytest.raises(QuotaError):
        yt.publish(Message("Kuota.", title="Kuota", media=(video(media_dir),)))
    before = len(sb.calls("youtube"))
    with pytest.raises(QuotaError):
        yt.publish(Message("Lagi.", title="Lagi", media=(video(media_dir),)))
    assert len(sb.calls("youtube")) == before


def test_invalid_title_is_refused_by_the_sandbox(sb, media_dir):
    with pytest.raises(InvalidRequestError) as caught:
        adapter(sb).publish(Message("x", title="Judul <b>tebal</b>", media=(video(media_dir),)))
    assert caught.value.status == 400 and caught.value.code == "invalidTitle"


def test_update_metadata_and_delete(sb, media_dir):
    yt = adapter(sb, chunk_size=4 * CHUNK_UNIT)
    receipt = yt.publish(Message("Lama.", title="Judul lama", media=(video(media_dir),)))
    yt.update(receipt.id, Message("Deskripsi baru.", title="Judul baru"))
    stored = videos(sb)[receipt.id]
    assert stored["title"] == "Judul baru" and stored["description"] == "Deskripsi baru."
    yt.delete(receipt.id)
    remaining = videos(sb)
    assert receipt.id not in remaining or remaining[receipt.id].get("deleted") is True


def test_comments_and_reply(sb, media_dir):
    yt = adapter(sb, chunk_size=4 * CHUNK_UNIT)
    receipt = yt.publish(Message("Tanya jawab.", title="Tanya jawab", media=(video(media_dir),)))
    sb.add_comment(platform="youtube", post_id=receipt.id, text="Apakah ada rekaman lengkap?", author="Siprianus")
    found, cursor = yt.comments(None)
    asked = [c for c in found if c.post_id == receipt.id]
    assert [c.text for c in asked] == ["Apakah ada rekaman lengkap?"] and cursor
    answer = yt.reply(asked[0].id, "Ada, di kanal kami.")
    assert answer.raw["snippet"]["parentId"] == asked[0].id
    again, _ = yt.comments(cursor)
    assert all(c.id != asked[0].id for c in again)
    assert all(c.text != "Ada, di kanal kami." for c in again), "the channel's own reply is not a question"


def test_images_are_refused(sb, media_dir):
    from tests.platforms.conftest import photo

    with pytest.raises(InvalidRequestError):
        adapter(sb).publish(Message("foto", media=(photo(media_dir, 0),)))


def test_expired_session_404_starts_a_new_session(sb, media_dir):
    yt = adapter(sb)
    sb.fault(platform="youtube", path=r"/upload/youtube/v3/videos", method="PUT", kind="404", count=1)
    receipt = yt.publish(Message("Sesi kedaluwarsa.", title="Sesi baru", media=(video(media_dir),)))
    assert receipt.id in videos(sb)
    starts = [c for c in sb.calls("youtube") if c["method"] == "POST" and "/upload/youtube/v3/videos" in c["path"]]
    assert len(starts) == 2


def test_a_chunk_answered_too_late_is_resumed_after_a_status_query(sb, media_dir):
    yt = get_adapter("youtube", sb.env, fast_session(read_timeout=0.5), chunk_size=CHUNK_UNIT)
    sb.fault(platform="youtube", path=r"/upload/youtube/v3/videos", method="PUT", kind="delay", delay=1.5, count=1)
    clip = video(media_dir)
    receipt = yt.publish(Message("Lambat.", title="Lambat", media=(clip,)))
    assert videos(sb)[receipt.id]["size"] == clip.path.stat().st_size
    queries = [c for c in upload_puts(sb) if (c["content_range"] or "").startswith("bytes */")]
    assert len(queries) == 1


def test_a_refused_thumbnail_does_not_fail_the_published_video(sb, media_dir, caplog):
    import requests

    requests.patch(f"{sb.base}/_sandbox/settings", json={"yt_channel_verified": False}, headers=sb.admin_headers,
                   timeout=5).raise_for_status()
    yt = adapter(sb, chunk_size=4 * CHUNK_UNIT)
    receipt = yt.publish(Message("Sampul ditolak.", title="Sampul ditolak", media=(video(media_dir),),
                                 thumbnail=media_dir / "thumb.jpg"))
    assert receipt.id in videos(sb)
    assert "HTTP 403" in receipt.raw["thumbnail_error"]
    assert receipt.id in caplog.text
