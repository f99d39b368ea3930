"""X adapter against the sandbox over real HTTP."""

from __future__ import annotations

import math

import pytest
import requests

from sosmed.platforms import Message, get_adapter
from sosmed.platforms.errors import DuplicateError, InvalidRequestError, UnsupportedOperation
from tests.platforms.conftest import ClockSleep, fast_session, photo, video

OAUTH1 = ("SOSMED_X_API_KEY", "SOSMED_X_API_SECRET", "SOSMED_X_ACCESS_TOKEN", "SOSMED_X_ACCESS_SECRET")


def adapter(sb, bearer: bool = False, **options):
    env = sb.env
    if bearer:
        env = {k: v for k, v in env.items() if k not in OAUTH1}
    return get_adapter("x", env, fast_session(), **options)


def posts(sb):
    return {str(p["id"]): p for p in sb.state("x")["posts"]}


@pytest.mark.parametrize("bearer", [False, True], ids=["oauth1", "bearer"])
def test_text_post_with_either_auth(sb, bearer):
    x = adapter(sb, bearer)
    receipt = x.publish(Message("Pendaftaran seleksi PPPK dibuka hari ini.", link="https://bkd.nttprov.go.id/pppk"))
    post = posts(sb)[receipt.id]
    assert post["text"] == "Pendaftaran seleksi PPPK dibuka hari ini.\nhttps://bkd.nttprov.go.id/pppk"
    assert receipt.url.endswith(receipt.id)
    assert [(c["method"], c["path"]) for c in sb.calls("x")] == [("POST", "/2/tweets")]


def test_four_images(sb, media_dir):
    x = adapter(sb)
    receipt = x.publish(Message("Empat foto kegiatan.", media=tuple(photo(media_dir, i) for i in range(4))))
    assert len(posts(sb)[receipt.id]["media"]) == 4
    uploads = [c for c in sb.calls("x") if c["path"] == "/2/media/upload"]
    assert len(uploads) == 4 and len(sb.calls("x")) == 5


def test_five_images_are_refused_before_any_call(sb, media_dir):
    with pytest.raises(InvalidRequestError):
        adapter(sb).publish(Message("lima", media=tuple(photo(media_dir, i) for i in range(5))))
    assert sb.calls("x") == []


def test_video_uses_initialize_append_finalize(sb, media_dir):
    chunk = 1024 * 1024
    x = adapter(sb, chunk_size=chunk, max_processing_wait=30)
    clip = video(media_dir, "big.mp4")
    receipt = x.publish(Message("Video kegiatan.", media=(clip,)))
    assert len(posts(sb)[receipt.id]["media"]) == 1
    paths = [c["path"] for c in sb.calls("x")]
    appends = [p for p in paths if p.endswith("/append")]
    assert len(appends) == math.ceil(clip.path.stat().st_size / chunk)
    assert paths[0] == "/2/media/upload/initialize" and paths[-1] == "/2/tweets"
    assert sum(p.endswith("/finalize") for p in paths) == 1


def test_thread_is_a_chain_of_replies(sb):
    x = adapter(sb)
    receipt = x.publish(Message("Utas 1/3: jadwal seleksi.", thread=("Utas 2/3: syarat berkas.", "Utas 3/3: kontak.")))
    assert len(receipt.extra_ids) == 2
    state = posts(sb)
    second, third = state[receipt.extra_ids[0]], state[receipt.extra_ids[1]]
    assert str(_reply_target(second)) == receipt.id
    assert str(_reply_target(third)) == receipt.extra_ids[0]


def _reply_target(post):
    for key in ("in_reply_to_tweet_id", "reply_to", "in_reply_to"):
        if post.get(key):
            return post[key]
    return (post.get("reply") or {}).get("in_reply_to_tweet_id")


def test_over_the_weighted_limit_is_rejected_by_the_sandbox(sb):
    x = adapter(sb)
    x.publish(Message("界" * 140))  # 140 CJK characters weigh exactly 280
    with pytest.raises(InvalidRequestError) as caught:
        x.publish(Message("界" * 141))
    assert caught.value.status == 400
    assert len(sb.calls("x")) == 2


def test_duplicate_is_a_duplicate_error(sb):
    x = adapter(sb)
    x.publish(Message("Pengumuman yang sama."))
    with pytest.raises(DuplicateError) as caught:
        x.publish(Message("Pengumuman yang sama."))
    assert caught.value.status == 403


def test_delete(sb):
    x = adapter(sb)
    receipt = x.publish(Message("Akan dihapus."))
    x.delete(receipt.id)
    remaining = posts(sb)
    assert receipt.id not in remaining or remaining[receipt.id].get("deleted") is True


def test_edit_is_reported_as_unsupported(sb):
    with pytest.raises(UnsupportedOperation) as caught:
        adapter(sb).update("123", Message("baru"))
    assert "X" in str(caught.value)
    assert sb.calls("x") == []


def test_mentions_since_cursor_and_reply(sb):
    x = adapter(sb)
    receipt = x.publish(Message("Ada pertanyaan? Mention kami."))
    sb.add_comment(platform="x", post_id=receipt.id, text="@Bkdprovinsintt kapan pengumuman hasil?",
                   author="warga_kupang")
    found, cursor = x.comments(None)
    asked = [c for c in found if "kapan pengumuman hasil" in c.text]
    assert len(asked) == 1 and cursor
    answer = x.reply(asked[0].id, "Pengumuman tanggal 12 Juli.")
    assert str(_reply_target(posts(sb)[answer.id])) == asked[0].id
    again, cursor2 = x.comments(cursor)
    assert all(c.id != asked[0].id for c in again)
    assert int(cursor2) >= int(cursor)


def test_recent_posts(sb):
    x = adapter(sb)
    receipt = x.publish(Message("Untuk rekonsiliasi."))
    assert receipt.id in [p["id"] for p in x.recent_posts(10)]


def test_quota_comes_from_the_daily_limit_headers(sb):
    x = adapter(sb)
    assert x.quota() is None, "nothing is known before the first post"
    x.publish(Message("Kuota harian."))
    quota = x.quota()
    assert quota is not None and quota.platform == "x"
    assert quota.limit == 10000 and 1 <= quota.used <= quota.limit
    assert quota.resets_at is not None


def test_video_processing_waits_as_long_as_check_after_secs_asks(sb, media_dir):
    requests.patch(f"{sb.base}/_sandbox/settings", json={"x_processing_seconds": 40}, headers=sb.admin_headers,
                   timeout=10).raise_for_status()
    sleep = ClockSleep(sb.handle)  # the waits move the sandbox's clock: nothing sleeps for real
    x = get_adapter("x", sb.env, fast_session(sleep))
    receipt = x.publish(Message("Video layanan.", media=(video(media_dir),)))
    assert posts(sb)[receipt.id]["media"][0]["type"] == "video"
    assert sleep.waits[0] == 40 and sum(sleep.waits) >= 40
    statuses = [c for c in sb.calls("x") if c["method"] == "GET" and c["path"] == "/2/media/upload"]
    assert len(statuses) == len(sleep.waits)  # one STATUS after each wait, none in between
