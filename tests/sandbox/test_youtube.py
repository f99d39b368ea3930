"""YouTube Data API contract (reference §4), with raw requests."""

from __future__ import annotations

import pytest
import requests

from tests.sandbox.helpers import advance, google_token, jpeg, settings, state

TIMEOUT = 5
G = 262144


@pytest.fixture
def yt(sandbox):  # noqa: ANN001, ANN201
    token = google_token(sandbox)
    return {"api": sandbox.env["SOSMED_YOUTUBE_API"], "sb": sandbox, "h": {"Authorization": f"Bearer {token}"}}


META = {"snippet": {"title": "Tutorial cuti", "description": "Panduan", "tags": ["cuti", "asn ntt"],
                    "categoryId": "25"}, "status": {"privacyStatus": "public"}}


def _start(yt: dict, total: int, meta: dict | None = None) -> requests.Response:
    return requests.post(f"{yt['api']}/upload/youtube/v3/videos",
                         params={"uploadType": "resumable", "part": "snippet,status"}, json=meta or META,
                         headers={**yt["h"], "X-Upload-Content-Length": str(total),
                                  "X-Upload-Content-Type": "video/mp4"}, timeout=TIMEOUT)


def _put(yt: dict, url: str, data: bytes, content_range: str | None) -> requests.Response:
    headers = {**yt["h"], "Content-Type": "video/mp4"}
    if content_range:
        headers["Content-Range"] = content_range
    return requests.put(url, data=data, headers=headers, timeout=TIMEOUT)


def _upload(yt: dict, data: bytes) -> dict:
    start = _start(yt, len(data))
    return _put(yt, start.headers["Location"], data, None).json()


def _reason(r: requests.Response, status: int) -> str:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == status and err["errors"][0]["reason"] and "status" in err
    return err["errors"][0]["reason"]


def test_resumable_upload_in_chunks(yt: dict) -> None:
    data = bytes(range(256)) * (3 * G // 256) + b"end"
    total = len(data)
    start = _start(yt, total)
    assert start.status_code == 200 and start.content == b""
    url = start.headers["Location"]
    assert url.startswith(f"{yt['api']}/upload/youtube/v3/videos?uploadType=resumable&upload_id=")
    assert _put(yt, url, b"", f"bytes */{total}").headers.get("Range") is None  # nothing received yet
    assert _reason(_put(yt, url, data[:1000], f"bytes 0-999/{total}"), 400) == "badContent"
    first = _put(yt, url, data[:G], f"bytes 0-{G - 1}/{total}")
    assert first.status_code == 308 and first.headers["Range"] == f"bytes=0-{G - 1}"
    status = _put(yt, url, b"", f"bytes */{total}")
    assert status.status_code == 308 and status.headers["Range"] == f"bytes=0-{G - 1}"
    second = _put(yt, url, data[G:3 * G], f"bytes {G}-{3 * G - 1}/{total}")
    assert second.headers["Range"] == f"bytes=0-{3 * G - 1}"
    last = _put(yt, url, data[3 * G:], f"bytes {3 * G}-{total - 1}/{total}")
    assert last.status_code == 201
    video = last.json()
    assert video["kind"] == "youtube#video" and video["snippet"]["title"] == "Tutorial cuti"
    assert video["status"]["privacyStatus"] == "public" and video["status"]["uploadStatus"] == "uploaded"
    again = _put(yt, url, b"", f"bytes */{total}")
    assert again.status_code == 200 and again.json()["id"] == video["id"]
    stored = state(yt["sb"], "youtube")["posts"][0]
    assert stored["id"] == video["id"] and stored["text"] == "Tutorial cuti"
    assert (yt["sb"].state_dir / stored["file"]).read_bytes() == data


def test_unknown_and_expired_session_is_404(yt: dict) -> None:
    url = f"{yt['api']}/upload/youtube/v3/videos?uploadType=resumable&upload_id=nope"
    assert _put(yt, url, b"x", None).status_code == 404
    start = _start(yt, 10)
    advance(yt["sb"], 8 * 86400)
    fresh = {"Authorization": f"Bearer {google_token(yt['sb'])}"}
    r = requests.put(start.headers["Location"], data=b"0123456789", headers=fresh, timeout=TIMEOUT)
    assert r.status_code == 404


@pytest.mark.parametrize(("snippet", "status", "reason"), [
    ({"title": "a" * 101}, {}, "invalidTitle"),
    ({"title": "Judul <b>"}, {}, "invalidTitle"),
    ({"title": ""}, {}, "invalidTitle"),
    ({"title": "ok", "description": "é" * 2501}, {}, "invalidDescription"),  # 5002 bytes
    ({"title": "ok", "tags": ["a" * 250, "b" * 250]}, {}, "invalidTags"),  # 501 with the comma
    ({"title": "ok", "tags": ["dua kata"] * 50}, {}, "invalidTags"),  # quotes count: 50*10+49
    ({"title": "ok", "categoryId": "999"}, {}, "invalidCategoryId"),
    ({"title": "ok"}, {"privacyStatus": "public", "publishAt": "2099-01-01T00:00:00Z"}, "invalidPublishAt"),
    ({"title": "ok"}, {"privacyStatus": "private", "publishAt": "2000-01-01T00:00:00Z"}, "invalidPublishAt"),
])
def test_metadata_rules(yt: dict, snippet: dict, status: dict, reason: str) -> None:
    r = _start(yt, 100, {"snippet": snippet, "status": status})
    assert _reason(r, 400) == reason


def test_metadata_at_the_limits_is_accepted(yt: dict) -> None:
    meta = {"snippet": {"title": "a" * 100, "description": "é" * 2500, "tags": ["a" * 249, "b" * 250]},
            "status": {"privacyStatus": "private", "publishAt": "2099-01-01T00:00:00Z"}}
    assert _start(yt, 100, meta).status_code == 200


def test_tokens_expire_and_refresh(yt: dict) -> None:
    sb = yt["sb"]
    assert _reason(requests.get(f"{yt['api']}/youtube/v3/videos", params={"part": "id"}, timeout=TIMEOUT),
                   401) == "required"
    advance(sb, 3601)
    assert _reason(_start(yt, 10), 401) == "authError"
    bad = requests.post(f"{sb.env['SOSMED_GOOGLE_OAUTH_API']}/token", data={
        "grant_type": "refresh_token", "client_id": sb.env["SOSMED_YOUTUBE_CLIENT_ID"],
        "client_secret": sb.env["SOSMED_YOUTUBE_CLIENT_SECRET"], "refresh_token": "wrong"}, timeout=TIMEOUT)
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"
    yt["h"] = {"Authorization": f"Bearer {google_token(sb)}"}
    assert _start(yt, 10).status_code == 200


def test_quota_insert_bucket_and_units(yt: dict) -> None:
    settings(yt["sb"], yt_daily_inserts=1, yt_daily_units=60)
    assert _start(yt, 10).status_code == 200
    r = _start(yt, 10)
    assert _reason(r, 403) == "quotaExceeded"
    assert r.json()["error"]["errors"][0]["domain"] == "youtube.quota"
    video = _upload_after_reset(yt)
    comment = requests.post(f"{yt['sb'].base_url}/_sandbox/comments", headers=yt["sb"].admin_headers, json={
        "platform": "youtube", "post_id": video, "text": "Bisa daring?"}, timeout=TIMEOUT).json()["id"]
    reply = requests.post(f"{yt['api']}/youtube/v3/comments", params={"part": "snippet"}, headers=yt["h"],
                          json={"snippet": {"parentId": comment, "textOriginal": "Bisa."}}, timeout=TIMEOUT)
    assert reply.status_code == 200  # 50 units
    over = requests.post(f"{yt['api']}/youtube/v3/comments", params={"part": "snippet"}, headers=yt["h"],
                         json={"snippet": {"parentId": comment, "textOriginal": "Lagi."}}, timeout=TIMEOUT)
    assert _reason(over, 403) == "quotaExceeded"
    assert state(yt["sb"], "youtube")["quota"]["units"] == 50


def _upload_after_reset(yt: dict) -> str:
    settings(yt["sb"], yt_daily_inserts=100)
    return _upload(yt, b"video")["id"]


def test_thumbnail_set(yt: dict) -> None:
    video = _upload(yt, b"video-bytes")["id"]
    url = f"{yt['api']}/upload/youtube/v3/thumbnails/set"
    ok = requests.post(url, params={"videoId": video, "uploadType": "media"}, data=jpeg(),
                       headers={**yt["h"], "Content-Type": "image/jpeg"}, timeout=TIMEOUT)
    assert ok.status_code == 200
    assert ok.json()["kind"] == "youtube#thumbnailSetResponse"
    assert set(ok.json()["items"][0]) == {"default", "medium", "high"}
    assert requests.get(f"{yt['sb'].base_url}/_sandbox/media/youtube/{video}", timeout=TIMEOUT).status_code == 200
    big = requests.post(url, params={"videoId": video}, data=b"\xff" * (2 * 1024 * 1024 + 1),
                        headers={**yt["h"], "Content-Type": "image/jpeg"}, timeout=TIMEOUT)
    assert big.status_code == 413
    missing = requests.post(url, params={"videoId": "nope"}, data=jpeg(),
                            headers={**yt["h"], "Content-Type": "image/jpeg"}, timeout=TIMEOUT)
    assert _reason(missing, 404) == "videoNotFound"
    settings(yt["sb"], yt_channel_verified=False)
    forbidden = requests.post(url, params={"videoId": video}, data=jpeg(),
                              headers={**yt["h"], "Content-Type": "image/jpeg"}, timeout=TIMEOUT)
    assert _reason(forbidden, 403) == "forbidden"


def test_comment_threads_and_reply(yt: dict) -> None:
    sb = yt["sb"]
    video = _upload(yt, b"v")["id"]
    top = requests.post(f"{sb.base_url}/_sandbox/comments", headers=sb.admin_headers, json={
        "platform": "youtube", "post_id": video, "text": "Formulir <daring>?", "author": "Warga Contoh"},
        timeout=TIMEOUT).json()["id"]
    listing = requests.get(f"{yt['api']}/youtube/v3/commentThreads", params={
        "part": "snippet,replies", "videoId": video, "textFormat": "plainText"}, headers=yt["h"],
        timeout=TIMEOUT).json()
    assert listing["kind"] == "youtube#commentThreadListResponse"
    item = listing["items"][0]
    assert item["id"] == top
    assert item["snippet"]["topLevelComment"]["snippet"]["textOriginal"] == "Formulir <daring>?"
    assert item["snippet"]["topLevelComment"]["snippet"]["authorDisplayName"] == "Warga Contoh"
    reply = requests.post(f"{yt['api']}/youtube/v3/comments", params={"part": "snippet"}, headers=yt["h"],
                          json={"snippet": {"parentId": top, "textOriginal": "Bisa, lewat situs BKD."}},
                          timeout=TIMEOUT).json()
    assert reply["kind"] == "youtube#comment" and reply["snippet"]["parentId"] == top
    again = requests.get(f"{yt['api']}/youtube/v3/commentThreads", params={
        "part": "snippet,replies", "allThreadsRelatedToChannelId": sb.env["SOSMED_YOUTUBE_CHANNEL_ID"]},
        headers=yt["h"], timeout=TIMEOUT).json()["items"][0]
    assert again["replies"]["comments"][0]["id"] == reply["id"]
    assert again["snippet"]["totalReplyCount"] == 1
    nested = requests.post(f"{yt['api']}/youtube/v3/comments", params={"part": "snippet"}, headers=yt["h"],
                           json={"snippet": {"parentId": reply["id"], "textOriginal": "x"}}, timeout=TIMEOUT)
    assert nested.status_code == 400
    unknown = requests.post(f"{yt['api']}/youtube/v3/comments", params={"part": "snippet"}, headers=yt["h"],
                            json={"snippet": {"parentId": "Ugnope", "textOriginal": "x"}}, timeout=TIMEOUT)
    assert unknown.status_code == 404
    bad_max = requests.get(f"{yt['api']}/youtube/v3/commentThreads", params={
        "part": "snippet", "videoId": video, "maxResults": 101}, headers=yt["h"], timeout=TIMEOUT)
    assert bad_max.status_code == 400


def test_update_list_delete(yt: dict) -> None:
    video = _upload(yt, b"v")["id"]
    no_category = requests.put(f"{yt['api']}/youtube/v3/videos", params={"part": "snippet"}, headers=yt["h"],
                               json={"id": video, "snippet": {"title": "Baru"}}, timeout=TIMEOUT)
    assert _reason(no_category, 400) == "invalidCategoryId"
    updated = requests.put(f"{yt['api']}/youtube/v3/videos", params={"part": "snippet"}, headers=yt["h"],
                           json={"id": video, "snippet": {"title": "Baru", "categoryId": "29"}}, timeout=TIMEOUT)
    assert updated.json()["snippet"]["title"] == "Baru"
    listed = requests.get(f"{yt['api']}/youtube/v3/videos", params={"part": "snippet", "id": video},
                          headers=yt["h"], timeout=TIMEOUT).json()
    assert listed["items"][0]["snippet"]["categoryId"] == "29"
    gone = requests.delete(f"{yt['api']}/youtube/v3/videos", params={"id": video}, headers=yt["h"], timeout=TIMEOUT)
    assert gone.status_code == 204
    assert state(yt["sb"], "youtube")["posts"][0]["deleted"] is True
