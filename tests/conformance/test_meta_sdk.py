"""Meta's own SDK (``facebook-business``) drives the sandbox's Pages and Instagram Graph APIs.

Only the Graph host is rewritten (``FacebookSession.GRAPH`` of the session, to the sandbox's
``/facebook`` or ``/instagram`` prefix); the SDK builds every path, parameter and encoding itself
(node paths with a trailing slash, ``attached_media`` and ``children`` as JSON arrays) and reads
every answer and every error with its own code.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from facebook_business.adobjects.comment import Comment
from facebook_business.adobjects.igcomment import IGComment
from facebook_business.adobjects.igmedia import IGMedia
from facebook_business.adobjects.iguser import IGUser
from facebook_business.adobjects.page import Page
from facebook_business.adobjects.pagepost import PagePost
from facebook_business.adobjects.shadowigmediabuilder import ShadowIGMediaBuilder
from facebook_business.api import FacebookAdsApi, FacebookSession
from facebook_business.exceptions import FacebookRequestError

from sosmed.sandbox import SandboxHandle
from tests.sandbox.fixtures import sandbox  # noqa: F401
from tests.sandbox.helpers import advance, calls, fault, jpeg, settings, state

# The SDK warns about fields missing from its own (older) field lists; the Graph API, not the SDK, decides.
pytestmark = [pytest.mark.filterwarnings("ignore:.*does not allow field:UserWarning"),
              pytest.mark.filterwarnings("ignore:value of metric might not be compatible:UserWarning")]
MP4 = bytes.fromhex("0000001c667479706d703432000000006d7034316d70343269736f6d") + bytes(range(256)) * 40


def _api(sb: SandboxHandle, platform: str) -> FacebookAdsApi:
    token = sb.env["SOSMED_FACEBOOK_PAGE_TOKEN" if platform == "facebook" else "SOSMED_INSTAGRAM_TOKEN"]
    session = FacebookSession(access_token=token)
    session.GRAPH = sb.env[f"SOSMED_{platform.upper()}_API"]  # the one host the SDK hard-codes
    return FacebookAdsApi(session, api_version="v26.0")


def _public(sb: SandboxHandle, name: str, data: bytes) -> str:
    """A file on the sandbox's stand-in for a public web server (what Meta fetches from)."""
    r = requests.put(f"{sb.base_url}/_sandbox/files/{name}", data=data, headers=sb.admin_headers, timeout=10)
    return r.json()["url"]


def _citizen(sb: SandboxHandle, platform: str, post_id: str, text: str) -> dict[str, Any]:
    r = requests.post(f"{sb.base_url}/_sandbox/comments", headers=sb.admin_headers, timeout=10,
                      json={"platform": platform, "post_id": post_id, "text": text, "author": "Warga Contoh"})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.fixture
def fb(sandbox) -> Page:  # noqa: F811
    settings(sandbox, ig_processing_seconds=0)
    return Page(sandbox.env["SOSMED_FACEBOOK_PAGE_ID"], api=_api(sandbox, "facebook"))


@pytest.fixture
def ig(sandbox) -> IGUser:  # noqa: F811
    settings(sandbox, ig_processing_seconds=0)
    return IGUser(sandbox.env["SOSMED_INSTAGRAM_USER_ID"], api=_api(sandbox, "instagram"))


def test_page_feed_read_edit_delete(fb: Page, sandbox) -> None:  # noqa: F811
    assert fb.api_get(fields=["id", "name"])["name"] == "BKD Provinsi NTT"
    made = fb.create_feed(params={"message": "Jadwal layanan kepegawaian", "link": "https://bkd.example.org/x"})
    post = PagePost(made["id"], api=fb.get_api())
    read = post.api_get(fields=["id", "message", "permalink_url", "created_time"])
    assert read["message"] == "Jadwal layanan kepegawaian"
    assert read["permalink_url"].startswith(f"{sandbox.base_url}/web/facebook#")
    post.api_update(params={"message": "Jadwal layanan (ralat)"})
    assert [p["message"] for p in fb.get_feed(fields=["id", "message"])] == ["Jadwal layanan (ralat)"]
    post.api_delete()
    assert list(fb.get_feed(fields=["id"])) == []
    # The SDK sends node paths with a trailing slash; the sandbox answers them as Graph does.
    assert any(c["path"].endswith("/") for c in calls(sandbox, "facebook"))


def test_unpublished_photos_become_one_multi_photo_post(fb: Page, sandbox) -> None:  # noqa: F811
    url = _public(sandbox, "foto.jpg", jpeg(640, 480))
    photos = [fb.create_photo(params={"url": url, "published": False, "caption": f"Foto {i}"}) for i in range(3)]
    made = fb.create_feed(params={"message": "Tiga foto", "attached_media": [{"media_fbid": p["id"]} for p in photos]})
    [post] = state(sandbox, "facebook")["posts"]
    assert post["id"] == made["id"] and [m["id"] for m in post["media"]] == [p["id"] for p in photos]
    view = PagePost(made["id"], api=fb.get_api()).api_get(fields=["id", "full_picture", "attachments"])
    assert view["full_picture"].startswith(f"{sandbox.base_url}/_sandbox/media/facebook/")


def test_video_from_a_public_url(fb: Page, sandbox) -> None:  # noqa: F811
    url = _public(sandbox, "video.mp4", MP4)
    made = fb.create_video(params={"file_url": url, "title": "Mengenal layanan", "description": "Video layanan"})
    [post] = state(sandbox, "facebook")["posts"]
    assert post["media"][0]["id"] == made["id"] and post["message"] == "Video layanan"


def test_comments_and_the_pages_reply(fb: Page, sandbox) -> None:  # noqa: F811
    made = fb.create_feed(params={"message": "Silakan bertanya"})
    question = _citizen(sandbox, "facebook", made["id"], "Kapan jadwal mutasi?")
    [comment] = PagePost(made["id"], api=fb.get_api()).get_comments(fields=["id", "message", "from"])
    assert comment["message"] == "Kapan jadwal mutasi?" and comment["from"]["name"] == "Warga Contoh"
    reply = Comment(question["id"], api=fb.get_api()).create_comment(params={"message": "Pekan depan."})
    [answer] = Comment(question["id"], api=fb.get_api()).get_comments(fields=["id", "message", "from"])
    assert answer["id"] == reply["id"] and answer["from"]["id"] == sandbox.env["SOSMED_FACEBOOK_PAGE_ID"]


def test_graph_errors_as_the_sdk_reads_them(fb: Page, sandbox) -> None:  # noqa: F811
    with pytest.raises(FacebookRequestError) as unknown:
        fb.api_get(fields=["id", "bukan_kolom"])
    assert unknown.value.api_error_code() == 100 and "nonexisting field (bukan_kolom)" in unknown.value.api_error_message()
    fault(sandbox, platform="facebook", kind="404")
    with pytest.raises(FacebookRequestError) as missing:
        fb.api_get(fields=["id"])
    assert missing.value.http_status() == 404 and missing.value.api_error_code() == 100
    fault(sandbox, platform="facebook", kind="expired_token")
    with pytest.raises(FacebookRequestError) as expired:
        fb.create_feed(params={"message": "x"})
    assert (expired.value.api_error_code(), expired.value.api_error_subcode()) == (190, 463)


def _publish(ig: IGUser, container: dict[str, Any]) -> str:
    builder = ShadowIGMediaBuilder(container["id"], api=ig.get_api())
    assert builder.api_get(fields=["status_code"])["status_code"] == "FINISHED"
    return ig.create_media_publish(params={"creation_id": container["id"]})["id"]


def test_instagram_image_container_publish_and_quota(ig: IGUser, sandbox) -> None:  # noqa: F811
    url = _public(sandbox, "ig.jpg", jpeg(1080, 1080))
    media_id = _publish(ig, ig.create_media(params={"image_url": url, "caption": "Layanan #BKDNTT", "alt_text": "Aula"}))
    view = IGMedia(media_id, api=ig.get_api()).api_get(fields=["id", "caption", "media_type", "permalink"])
    assert view["caption"] == "Layanan #BKDNTT" and view["media_type"] == "IMAGE"
    assert view["permalink"].startswith(f"{sandbox.base_url}/web/instagram#")
    [limit] = ig.get_content_publishing_limit(fields=["quota_usage", "config"])
    assert limit["quota_usage"] == 1 and limit["config"]["quota_total"] == 50
    assert [m["id"] for m in ig.get_media(fields=["id", "caption"])] == [media_id]


def test_instagram_carousel_with_children_as_the_sdk_sends_them(ig: IGUser, sandbox) -> None:  # noqa: F811
    url = _public(sandbox, "c.jpg", jpeg(800, 800))
    children = [ig.create_media(params={"image_url": url, "is_carousel_item": True})["id"] for _ in range(3)]
    album = ig.create_media(params={"media_type": "CAROUSEL", "children": children, "caption": "Album"})
    media_id = _publish(ig, album)
    [post] = state(sandbox, "instagram")["posts"]
    assert post["id"] == media_id and post["media_type"] == "CAROUSEL_ALBUM"
    assert [m["id"] for m in post["media"]] == children


def test_instagram_reel_status_polling_by_the_clock(ig: IGUser, sandbox) -> None:  # noqa: F811
    settings(sandbox, ig_processing_seconds=60)
    url = _public(sandbox, "reel.mp4", MP4)
    reel = ig.create_media(params={"media_type": "REELS", "video_url": url, "caption": "Reel"})
    builder = ShadowIGMediaBuilder(reel["id"], api=ig.get_api())
    assert builder.api_get(fields=["status_code"])["status_code"] == "IN_PROGRESS"
    with pytest.raises(FacebookRequestError) as early:
        ig.create_media_publish(params={"creation_id": reel["id"]})
    assert early.value.api_error_code() == 9007
    advance(sandbox, 60)  # the sandbox's clock, not a sleep
    media_id = _publish(ig, reel)
    assert IGMedia(media_id, api=ig.get_api()).api_get(fields=["media_product_type"])["media_product_type"] == "REELS"


def test_instagram_comments_and_replies(ig: IGUser, sandbox) -> None:  # noqa: F811
    url = _public(sandbox, "k.jpg", jpeg(1080, 1080))
    media_id = _publish(ig, ig.create_media(params={"image_url": url, "caption": "Tanya kami"}))
    question = _citizen(sandbox, "instagram", media_id, "Syarat kenaikan pangkat?")
    reply = IGComment(question["id"], api=ig.get_api()).create_reply(params={"message": "Lihat situs BKD."})
    fields = ["id", "text", "username", "from", "replies{id,text,username,from}"]
    [comment] = IGMedia(media_id, api=ig.get_api()).get_comments(fields=fields)
    assert comment["text"] == "Syarat kenaikan pangkat?" and comment["from"]["username"] == "warga_contoh"
    [nested] = comment["replies"]["data"]
    assert nested["id"] == reply["id"] and nested["from"]["id"] == sandbox.env["SOSMED_INSTAGRAM_USER_ID"]
    [listed] = IGComment(question["id"], api=ig.get_api()).get_replies(fields=["id", "text"])
    assert listed["text"] == "Lihat situs BKD."
    with pytest.raises(FacebookRequestError) as bad:
        IGMedia(media_id, api=ig.get_api()).get_comments(fields=["id", "replies{id,palsu}"])
    assert bad.value.api_error_code() == 100


def _age(sb: SandboxHandle, days: float) -> None:
    advance(sb, days * 86400)  # the sandbox's clock: numbers grow with a post's age on it


def test_page_post_insights_through_the_sdk(fb: Page, sandbox) -> None:  # noqa: F811
    made = fb.create_feed(params={"message": "Pengumuman hasil seleksi administrasi"})
    post = PagePost(made["id"], api=fb.get_api())
    metrics = ["post_total_media_view_unique", "post_media_view", "post_reactions_by_type_total", "post_clicks"]
    assert list(post.get_insights(params={"metric": metrics, "period": "lifetime"})) == [], "too new: no rows yet"
    _age(sandbox, 2)
    rows = {r["name"]: r for r in post.get_insights(params={"metric": metrics, "period": "lifetime"})}
    assert set(rows) == set(metrics)
    reach = rows["post_total_media_view_unique"]["values"][0]["value"]
    assert 0 < reach <= rows["post_media_view"]["values"][0]["value"]
    assert isinstance(rows["post_reactions_by_type_total"]["values"][0]["value"], dict)
    assert rows["post_clicks"]["period"] == "lifetime" and rows["post_clicks"]["id"].endswith("/insights/post_clicks/lifetime")
    _age(sandbox, 5)
    later = {r["name"]: r["values"][0]["value"] for r in post.get_insights(params={"metric": metrics})}
    assert later["post_total_media_view_unique"] > reach
    counts = post.api_get(fields=["id", "shares", "comments.summary(true).limit(0)"])
    assert counts["comments"]["summary"]["total_count"] == 0 and counts["comments"]["data"] == []
    # A metric Meta retired in 2025 refuses the whole call, as Graph does.
    with pytest.raises(FacebookRequestError) as retired:
        post.get_insights(params={"metric": ["post_impressions_unique", "post_clicks"]})
    assert retired.value.api_error_code() == 100 and "valid insights metric" in retired.value.api_error_message()


def test_instagram_media_insights_through_the_sdk(ig: IGUser, sandbox) -> None:  # noqa: F811
    url = _public(sandbox, "ins.jpg", jpeg(1080, 1080))
    media_id = _publish(ig, ig.create_media(params={"image_url": url, "caption": "Layanan daring BKD"}))
    media = IGMedia(media_id, api=ig.get_api())
    _age(sandbox, 2)
    metrics = ["reach", "views", "likes", "comments", "saved", "shares"]
    rows = {r["name"]: r["values"][0]["value"] for r in media.get_insights(params={"metric": metrics})}
    assert set(rows) == set(metrics) and rows["reach"] > 0 and rows["comments"] == 0
    assert media.api_get(fields=["like_count"])["like_count"] == rows["likes"]
    with pytest.raises(FacebookRequestError) as retired:
        media.get_insights(params={"metric": ["reach", "plays"]})
    assert retired.value.api_error_code() == 100 and "metric[1] must be one of" in retired.value.api_error_message()
    settings(sandbox, ig_business_since=1e12)  # the account turned professional after this media
    with pytest.raises(FacebookRequestError) as before:
        media.get_insights(params={"metric": ["reach"]})
    assert (before.value.api_error_code(), before.value.api_error_subcode()) == (100, 2108006)
