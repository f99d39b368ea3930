"""Instagram content publishing contract (reference §2), with raw requests."""

from __future__ import annotations

import pytest
import requests

from tests.sandbox.helpers import advance, jpeg, png, settings, state

TIMEOUT = 5


@pytest.fixture
def ig(sandbox):  # noqa: ANN001, ANN201
    e = sandbox.env
    host = sandbox.base_url

    def put(name: str, data: bytes) -> str:
        return requests.put(f"{host}/_sandbox/files/{name}", data=data, headers=sandbox.admin_headers,
                            timeout=TIMEOUT).json()["url"]

    return {"api": e["SOSMED_INSTAGRAM_API"] + "/v26.0", "user": e["SOSMED_INSTAGRAM_USER_ID"],
            "token": e["SOSMED_INSTAGRAM_TOKEN"], "sb": sandbox, "put": put}


def _call(ig: dict, method: str, path: str, **params: str) -> requests.Response:
    return requests.request(method, f"{ig['api']}{path}", params={"access_token": ig["token"], **params},
                            timeout=TIMEOUT)


def _status(ig: dict, container: str) -> str:
    return _call(ig, "GET", f"/{container}", fields="status_code").json()["status_code"]


def test_image_container_processes_then_publishes(ig: dict) -> None:
    settings(ig["sb"], ig_processing_seconds=60)
    url = ig["put"]("a.jpg", jpeg(1080, 1080))
    r = _call(ig, "POST", f"/{ig['user']}/media", image_url=url, caption="Pelayanan #BKDNTT")
    assert r.status_code == 200 and set(r.json()) == {"id"}
    container = r.json()["id"]
    assert _status(ig, container) == "IN_PROGRESS"
    early = _call(ig, "POST", f"/{ig['user']}/media_publish", creation_id=container)
    assert early.status_code == 400
    assert early.json()["error"]["code"] == 9007 and early.json()["error"]["error_subcode"] == 2207027
    advance(ig["sb"], 60)  # the sandbox's clock: processing takes no real time
    assert _status(ig, container) == "FINISHED"
    published = _call(ig, "POST", f"/{ig['user']}/media_publish", creation_id=container)
    assert published.status_code == 200
    assert _status(ig, container) == "PUBLISHED"
    posts = state(ig["sb"], "instagram")["posts"]
    assert [p["id"] for p in posts] == [published.json()["id"]]
    assert posts[0]["text"] == "Pelayanan #BKDNTT"
    assert "X-Business-Use-Case-Usage" in published.headers


@pytest.mark.parametrize(("image", "reason"), [
    (png(500, 500), "2207005"),  # not a JPEG
    (jpeg(1000, 400), "2207009"),  # 2.5:1 is wider than 1.91:1
    (jpeg(400, 600), "2207009"),  # 2:3 is taller than 4:5
])
def test_bad_images_end_in_error(ig: dict, image: bytes, reason: str) -> None:
    url = ig["put"]("bad.img", image)
    container = _call(ig, "POST", f"/{ig['user']}/media", image_url=url).json()["id"]
    assert _status(ig, container) == "ERROR"
    status = _call(ig, "GET", f"/{container}", fields="status_code,status").json()["status"]
    assert reason in status


def test_unreachable_url_and_missing_url(ig: dict) -> None:
    container = _call(ig, "POST", f"/{ig['user']}/media",
                      image_url=f"{ig['sb'].base_url}/_sandbox/files/none.jpg").json()["id"]
    assert _status(ig, container) == "ERROR"
    r = _call(ig, "POST", f"/{ig['user']}/media", caption="tanpa gambar")
    assert r.status_code == 400 and r.json()["error"]["code"] == 100


def test_carousel_limits_and_publish(ig: dict) -> None:
    url = ig["put"]("c.jpg", jpeg(1080, 1080))
    items = [_call(ig, "POST", f"/{ig['user']}/media", image_url=url, is_carousel_item="true").json()["id"]
             for _ in range(3)]
    one = _call(ig, "POST", f"/{ig['user']}/media", media_type="CAROUSEL", children=items[0])
    assert one.status_code == 400
    settings(ig["sb"], ig_carousel_max=2)
    too_many = _call(ig, "POST", f"/{ig['user']}/media", media_type="CAROUSEL", children=",".join(items))
    assert too_many.status_code == 400
    settings(ig["sb"], ig_carousel_max=10)
    carousel = _call(ig, "POST", f"/{ig['user']}/media", media_type="CAROUSEL", children=",".join(items),
                     caption="Album").json()["id"]
    assert _status(ig, carousel) == "FINISHED"
    media_id = _call(ig, "POST", f"/{ig['user']}/media_publish", creation_id=carousel).json()["id"]
    post = state(ig["sb"], "instagram")["posts"][0]
    assert post["id"] == media_id and post["media_type"] == "CAROUSEL_ALBUM" and len(post["media"]) == 3
    # a carousel item cannot be published on its own
    assert _call(ig, "POST", f"/{ig['user']}/media_publish", creation_id=items[0]).status_code == 400


def test_reels_and_deprecated_video(ig: dict) -> None:
    video = ig["put"]("v.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 1000)
    reel = _call(ig, "POST", f"/{ig['user']}/media", media_type="REELS", video_url=video, caption="Reel")
    assert reel.status_code == 200
    got = _call(ig, "GET", f"/{reel.json()['id']}", fields="status_code,copyright_check_status").json()
    assert got["status_code"] == "FINISHED" and got["copyright_check_status"]["status"] == "completed"
    old = _call(ig, "POST", f"/{ig['user']}/media", media_type="VIDEO", video_url=video)
    assert old.status_code == 400


def test_publishing_limit_is_reported_and_enforced(ig: dict) -> None:
    settings(ig["sb"], ig_quota_total=1, ig_processing_seconds=0)
    url = ig["put"]("q.jpg", jpeg(800, 800))
    limit = _call(ig, "GET", f"/{ig['user']}/content_publishing_limit", fields="quota_usage,config").json()
    assert limit == {"data": [{"quota_usage": 0, "config": {"quota_total": 1, "quota_duration": 86400}}]}
    first = _call(ig, "POST", f"/{ig['user']}/media", image_url=url).json()["id"]
    assert _call(ig, "POST", f"/{ig['user']}/media_publish", creation_id=first).status_code == 200
    second = _call(ig, "POST", f"/{ig['user']}/media", image_url=url).json()["id"]
    over = _call(ig, "POST", f"/{ig['user']}/media_publish", creation_id=second)
    assert over.status_code == 400
    assert (over.json()["error"]["code"], over.json()["error"]["error_subcode"]) == (9, 2207042)
    assert _call(ig, "GET", f"/{ig['user']}/content_publishing_limit").json()["data"][0]["quota_usage"] == 1


def test_container_expires_after_24_hours(ig: dict) -> None:
    url = ig["put"]("e.jpg", jpeg(800, 800))
    container = _call(ig, "POST", f"/{ig['user']}/media", image_url=url).json()["id"]
    advance(ig["sb"], 86400 + 1)
    assert _status(ig, container) == "EXPIRED"
    assert _call(ig, "POST", f"/{ig['user']}/media_publish", creation_id=container).status_code == 400


def test_caption_limits(ig: dict) -> None:
    url = ig["put"]("t.jpg", jpeg(800, 800))
    for caption in ("a" * 2201, " ".join(f"#t{i}" for i in range(31)), " ".join(f"@u{i}" for i in range(21))):
        r = _call(ig, "POST", f"/{ig['user']}/media", image_url=url, caption=caption)
        assert r.status_code == 400 and r.json()["error"]["code"] == 100


def test_comments_replies_and_bad_token(ig: dict) -> None:
    settings(ig["sb"], ig_processing_seconds=0)
    url = ig["put"]("r.jpg", jpeg(800, 800))
    container = _call(ig, "POST", f"/{ig['user']}/media", image_url=url).json()["id"]
    media_id = _call(ig, "POST", f"/{ig['user']}/media_publish", creation_id=container).json()["id"]
    comment = requests.post(f"{ig['sb'].base_url}/_sandbox/comments", headers=ig["sb"].admin_headers, json={
        "platform": "instagram", "post_id": media_id, "text": "Syaratnya apa?", "author": "Warga Contoh"},
        timeout=TIMEOUT).json()["id"]
    listing = _call(ig, "GET", f"/{media_id}/comments",
                    fields="id,text,timestamp,username,replies{id,text,username}").json()
    assert listing["data"][0]["text"] == "Syaratnya apa?"
    reply = _call(ig, "POST", f"/{comment}/replies", message="Lihat situs BKD.")
    assert reply.status_code == 200
    replies = _call(ig, "GET", f"/{comment}/replies", fields="id,text").json()["data"]
    assert [r["text"] for r in replies] == ["Lihat situs BKD."]
    # a reply to a reply is attached to the top-level comment
    _call(ig, "POST", f"/{reply.json()['id']}/replies", message="Terima kasih.")
    assert len(_call(ig, "GET", f"/{comment}/replies").json()["data"]) == 2
    bad = requests.get(f"{ig['api']}/{media_id}/comments", params={"access_token": "nope"}, timeout=TIMEOUT)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == 190
