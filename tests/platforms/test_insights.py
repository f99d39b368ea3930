"""Each adapter's post numbers (insights) against the sandbox over real HTTP.

The sandbox's numbers grow with a post's age on its own clock, so a test moves that clock instead
of waiting. Every documented limit is seen as a missing number with its reason, never a failure of
the whole read: a post too young, a Page too small, a renamed or retired metric, media from before
the account turned professional, a count the owner hid, a deleted post, a spent quota.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests

from sosmed.platforms import Message, get_adapter
from sosmed.platforms.base import utcnow
from sosmed.platforms.errors import AuthError, QuotaError
from sosmed.platforms.metrics import METRICS, PostRef
from tests.platforms.conftest import fast_session, photo, video

DAY = 86400


def advance(sb, seconds: float) -> None:
    requests.post(f"{sb.base}/_sandbox/clock", json={"advance": seconds}, headers=sb.admin_headers,
                  timeout=10).raise_for_status()


def settings(sb, **values) -> None:
    requests.patch(f"{sb.base}/_sandbox/settings", json=values, headers=sb.admin_headers,
                   timeout=10).raise_for_status()


def publish(sb, platform: str, *messages: Message, **options) -> tuple[object, list[PostRef]]:
    adapter = get_adapter(platform, sb.env, fast_session(), **options)
    refs = [PostRef(adapter.publish(m).id, utcnow()) for m in messages]
    return adapter, refs


def aged(refs: list[PostRef], days: float) -> list[PostRef]:
    """The same posts as if published ``days`` ago on our side (the sandbox's clock was moved as far)."""
    return [PostRef(r.id, r.published - timedelta(days=days)) for r in refs]


def insight_calls(sb, platform: str) -> list[dict]:
    return [c for c in sb.calls(platform) if c["path"].endswith("/insights")]


def test_facebook_numbers_are_too_new_at_first_then_grow(sb):
    fb, refs = publish(sb, "facebook", Message("Jadwal layanan kepegawaian pekan ini."))
    sb.add_comment(platform="facebook", post_id=refs[0].id, text="Apakah Sabtu buka?", author="Warga Contoh")
    [young] = fb.insights(refs)
    # Public counts are there at once; the insights metrics wait for Meta's processing.
    assert young.values == {"shares": 0, "comments": 1}
    assert young.missing == {m: "too_new" for m in ("reach", "views", "reactions", "clicks")}
    advance(sb, 2 * DAY)
    [day2] = fb.insights(aged(refs, 2))
    assert set(day2.values) == set(METRICS["facebook"]) and not day2.missing
    assert 0 < day2.values["reach"] <= day2.values["views"] and day2.values["comments"] == 1
    advance(sb, 5 * DAY)
    [day7] = fb.insights(aged(refs, 7))
    assert all(day7.values[m] >= day2.values[m] for m in METRICS["facebook"])
    assert day7.values["reach"] > day2.values["reach"]


def test_facebook_small_page_is_told_from_the_follower_count_read_once(sb):
    settings(sb, fb_page_followers=42)
    fb, refs = publish(sb, "facebook", Message("Pengumuman satu."), Message("Pengumuman dua."))
    advance(sb, 3 * DAY)
    results = fb.insights(aged(refs, 3))
    assert [r.missing["reach"] for r in results] == ["small_page", "small_page"]
    page_reads = [c for c in sb.calls("facebook") if c["method"] == "GET" and c["path"].rstrip("/").endswith(
        sb.env["SOSMED_FACEBOOK_PAGE_ID"])]
    assert len(page_reads) == 1


def test_facebook_older_metric_names_are_learnt_once_and_a_retired_one_is_deprecated(sb):
    # A Graph version that knows only the pre-2025 names, and no longer post_clicks.
    settings(sb, fb_insights_metrics=["post_impressions", "post_impressions_unique", "post_reactions_by_type_total"])
    fb, refs = publish(sb, "facebook", Message("Satu."), Message("Dua."), Message("Tiga."))
    advance(sb, 3 * DAY)
    results = fb.insights(aged(refs, 3))
    for result in results:
        assert {"reach", "views", "reactions"} <= set(result.values)
        assert result.missing == {"clicks": "deprecated"}
    # One refused call, one probe per candidate name, then one call per post.
    probes = sum(len(names) for names in (("a", "b"), ("a", "b"), ("a",), ("a",)))
    assert len(insight_calls(sb, "facebook")) == 1 + probes + len(refs)


def test_facebook_video_numbers_come_from_the_post_that_shows_it(sb, media_dir):
    fb, refs = publish(sb, "facebook", Message("Video layanan.", title="Layanan", media=(video(media_dir),)))
    advance(sb, 3 * DAY)
    [result] = fb.insights(aged(refs, 3))
    assert result.post_id == refs[0].id and result.values["reach"] > 0
    [call] = insight_calls(sb, "facebook")
    assert call["path"] != f"/v26.0/{refs[0].id}/insights", "the video's post, not the Video node"


def test_instagram_reels_and_feed_posts_each_use_the_names_their_kind_takes(sb, media_dir, static_url):
    # An older Graph: reels still count plays, feed posts impressions.
    settings(sb, ig_reel_metrics=["reach", "plays", "likes", "comments", "saved", "shares"],
             ig_media_metrics=["reach", "impressions", "likes", "comments", "saved", "shares"])
    ig, refs = publish(sb, "instagram", Message("Foto apel.", media=(photo(media_dir, 0, static_url),)),
                       Message("Reel layanan.", media=(video(media_dir, static_url=static_url),)))
    sb.add_comment(platform="instagram", post_id=refs[0].id, text="Mantap", author="warga_contoh")
    advance(sb, 3 * DAY)
    feed, reel = ig.insights(aged(refs, 3))
    for result in (feed, reel):
        assert set(result.values) == set(METRICS["instagram"]) and not result.missing
    assert feed.values["comments"] == 1 and feed.values["views"] >= feed.values["reach"]


def test_instagram_media_from_before_the_professional_account_has_no_numbers(sb, media_dir, static_url):
    ig, refs = publish(sb, "instagram", Message("Foto lama.", media=(photo(media_dir, 1, static_url),)))
    advance(sb, DAY)
    settings(sb, ig_business_since=float(requests.post(f"{sb.base}/_sandbox/clock", json={"advance": 0},
                                                       headers=sb.admin_headers, timeout=10).json()["now"]))
    [result] = ig.insights(aged(refs, 1))
    assert result.values == {} and set(result.missing.values()) == {"before_conversion"}


def test_x_public_metrics_are_looked_up_a_hundred_ids_per_call(sb):
    settings(sb, x_rate_limits={"tweets_create": 1000})
    x, refs = publish(sb, "x", *(Message(f"Info layanan nomor {n}.") for n in range(101)))
    sb.add_comment(platform="x", post_id=refs[0].id, text="Terima kasih infonya", author="Warga Contoh")
    x.delete(refs[5].id)
    advance(sb, DAY)
    results = x.insights(refs)
    lookups = [c for c in sb.calls("x") if c["method"] == "GET" and c["path"] == "/2/tweets"]
    assert len(lookups) == 2
    assert results[0].values["replies"] == 1 and results[0].values["views"] > 0
    assert set(results[0].values) == set(METRICS["x"])
    assert set(results[5].missing.values()) == {"deleted"} and not results[5].values


def test_x_spent_usage_cap_leaves_the_rest_not_available_without_more_calls(sb):
    settings(sb, x_rate_limits={"tweets_create": 1000}, x_monthly_post_reads=50)
    x, refs = publish(sb, "x", *(Message(f"Kabar {n}.") for n in range(101)))
    results = x.insights(refs)
    assert all(r.values for r in results[:100])
    assert results[100].missing == {m: "quota" for m in METRICS["x"]}
    lookups = [c for c in sb.calls("x") if c["method"] == "GET" and c["path"] == "/2/tweets"]
    assert [c["status"] for c in lookups] == [200, 429], "a usage cap is not retried like a rate limit"


def test_x_usage_cap_stops_publishing_as_a_quota(sb):
    x = get_adapter("x", sb.env, fast_session())
    sb.fault(platform="x", path=r"/2/tweets", method="POST", kind="quota", count=1)
    with pytest.raises(QuotaError):
        x.publish(Message("Tidak terkirim."))
    assert len([c for c in sb.calls("x") if c["path"] == "/2/tweets"]) == 1


def test_youtube_statistics_in_one_call_with_hidden_counts_and_a_deleted_video(sb, media_dir):
    yt, refs = publish(sb, "youtube", *(Message(f"Video {n}.", title=f"Video {n}", media=(video(media_dir),))
                                        for n in range(3)))
    yt.delete(refs[2].id)
    settings(sb, yt_hidden_statistics=["likeCount"])
    advance(sb, 2 * DAY)
    results = yt.insights(refs)
    assert results[0].values["views"] > 0 and results[0].missing == {"likes": "hidden"}
    assert set(results[2].missing.values()) == {"deleted"}
    # Two days on the sandbox's clock expired the access token: one refusal, a refresh, then one list.
    lists = [c for c in sb.calls("youtube") if c["method"] == "GET" and c["path"] == "/youtube/v3/videos"
             and c["status"] == 200]
    assert len(lists) == 1


def test_youtube_spent_quota_is_not_available(sb, media_dir):
    yt, refs = publish(sb, "youtube", Message("Video.", title="Video", media=(video(media_dir),)))
    sb.fault(platform="youtube", path=r"/youtube/v3/videos", method="GET", kind="quota", count=1)
    [result] = yt.insights(refs)
    assert result.missing == {"views": "quota", "likes": "quota", "comments": "quota"}


def test_a_platform_that_keeps_failing_is_unavailable_for_the_rest_of_the_run(sb):
    fb, refs = publish(sb, "facebook", Message("Satu."), Message("Dua."))
    sb.fault(platform="facebook", path=r".*/insights", method="GET", kind="500", count=50)
    results = fb.insights(aged(refs, 3))
    assert [set(r.missing.values()) for r in results] == [{"unavailable"}, {"unavailable"}]
    assert len(insight_calls(sb, "facebook")) == 4, "the session's retries for the first post, none for the second"


def test_an_invalid_token_fails_the_platform_not_a_post(sb):
    fb, refs = publish(sb, "facebook", Message("Satu."))
    sb.fault(platform="facebook", path=r".*/insights", method="GET", kind="expired_token", count=1)
    with pytest.raises(AuthError):
        fb.insights(refs)
