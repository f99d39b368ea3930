"""Instagram adapter against the sandbox over real HTTP."""

from __future__ import annotations

import pytest
import requests

from sosmed.platforms import Message, get_adapter
from sosmed.platforms.errors import InvalidRequestError, QuotaError, UnsupportedOperation
from tests.platforms.conftest import ClockSleep, Recorder, fast_session, photo, video


def adapter(sb, sleep=None, **options):
    # Media is ready at once in the sandbox unless a test sets a processing time; then the
    # adapter's waits move the sandbox's clock (ClockSleep) instead of sleeping.
    return get_adapter("instagram", sb.env, fast_session(sleep or Recorder()), **options)


def posts(sb):
    return {str(p["id"]): p for p in sb.state("instagram")["posts"]}


def test_image_container_is_polled_until_ready_then_published(sb, media_dir, static_url):
    requests.patch(f"{sb.base}/_sandbox/settings", json={"ig_processing_seconds": 30}, headers=sb.admin_headers,
                   timeout=10).raise_for_status()
    sleep = ClockSleep(sb.handle)
    ig = adapter(sb, sleep)
    receipt = ig.publish(Message("Apel pagi di halaman kantor.", media=(photo(media_dir, 0, static_url, "Apel"),)))
    assert receipt.id in posts(sb)
    calls = sb.calls("instagram")
    status_checks = [c for c in calls if c["method"] == "GET" and "content_publishing_limit" not in c["path"]
                     and c["path"].rsplit("/", 1)[1] == receipt.raw["container_id"]]
    # The sandbox keeps a container IN_PROGRESS for a while: not ready at first, ready later.
    assert len(status_checks) >= 2
    assert sleep.waits and sum(sleep.waits) >= 30  # the adapter waited as long as processing took
    assert calls[0]["path"].endswith("/content_publishing_limit"), "the quota is checked first"
    assert calls[-2]["path"].endswith("/media_publish") or calls[-1]["path"].endswith("/media_publish")


def test_carousel_of_three(sb, media_dir, static_url):
    ig = adapter(sb)
    receipt = ig.publish(Message("Karusel tiga foto.", media=tuple(photo(media_dir, i, static_url) for i in range(3))))
    post = posts(sb)[receipt.id]
    assert len(post.get("children") or post.get("media") or []) == 3


def test_more_than_ten_items_or_no_public_url_are_refused_before_any_call(sb, media_dir, static_url):
    ig = adapter(sb)
    with pytest.raises(InvalidRequestError):
        ig.publish(Message("terlalu banyak", media=tuple(photo(media_dir, i % 6, static_url) for i in range(11))))
    with pytest.raises(InvalidRequestError) as caught:
        ig.publish(Message("tanpa url", media=(photo(media_dir, 0),)))
    assert "photo0.jpg" in str(caught.value)
    with pytest.raises(InvalidRequestError):
        ig.publish(Message("tanpa media"))
    assert sb.calls("instagram") == []


def test_reel_from_a_public_video_url(sb, media_dir, static_url):
    ig = adapter(sb)
    receipt = ig.publish(Message("Reel kegiatan.", media=(video(media_dir, "clip.mp4", static_url),)))
    assert receipt.id in posts(sb)


def test_quota_is_read_and_a_spent_quota_stops_the_platform(sb, media_dir, static_url):
    ig = adapter(sb)
    quota = ig.quota()
    assert quota is not None and quota.limit == 50 and quota.used == 0
    sb.fault(platform="instagram", path=r".*/media_publish", kind="quota", count=1)
    with pytest.raises(QuotaError):
        ig.publish(Message("kuota habis", media=(photo(media_dir, 1, static_url),)))
    before = len(sb.calls("instagram"))
    with pytest.raises(QuotaError):
        ig.publish(Message("tidak dicoba lagi", media=(photo(media_dir, 2, static_url),)))
    assert len(sb.calls("instagram")) == before, "no further calls once the quota is spent"


def test_edit_and_delete_are_unsupported(sb):
    ig = adapter(sb)
    with pytest.raises(UnsupportedOperation):
        ig.update("1", Message("x"))
    with pytest.raises(UnsupportedOperation):
        ig.delete("1")


def test_comments_and_reply(sb, media_dir, static_url):
    ig = adapter(sb)
    receipt = ig.publish(Message("Tanya jawab.", media=(photo(media_dir, 3, static_url),)))
    sb.add_comment(platform="instagram", post_id=receipt.id, text="Syaratnya apa saja?", author="maria.kupang")
    found, cursor = ig.comments(None)
    asked = [c for c in found if c.post_id == receipt.id]
    assert [c.text for c in asked] == ["Syaratnya apa saja?"] and cursor
    answer = ig.reply(asked[0].id, "Syaratnya ada di tautan profil.")
    assert answer.id
    assert "Syaratnya ada di tautan profil." in str(sb.state("instagram"))
    again, _ = ig.comments(cursor)
    assert all(c.id != asked[0].id for c in again)


def test_recent_posts(sb, media_dir, static_url):
    ig = adapter(sb)
    receipt = ig.publish(Message("Rekonsiliasi.", media=(photo(media_dir, 4, static_url),)))
    assert receipt.id in [p["id"] for p in ig.recent_posts(5)]


def test_a_container_that_fails_processing_is_an_invalid_request(sb, media_dir, static_url):
    ig = adapter(sb)
    broken = photo(media_dir, 0, static_url)
    broken = type(broken)(broken.path, "image", "image/jpeg", f"{static_url}/missing.jpg", None)
    with pytest.raises(InvalidRequestError) as caught:
        ig.publish(Message("Gambar tidak ada.", media=(broken,)))
    assert caught.value.code == "ERROR"
    assert not any(c["path"].endswith("/media_publish") for c in sb.calls("instagram"))
