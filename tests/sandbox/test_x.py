"""X API v2 contract (reference §3), with raw requests."""

from __future__ import annotations

import base64

import pytest
import requests

from tests.sandbox.helpers import advance, jpeg, settings, state, x_bearer, x_oauth1

TIMEOUT = 5


@pytest.fixture
def x(sandbox):  # noqa: ANN001, ANN201
    return {"api": sandbox.env["SOSMED_X_API"], "sb": sandbox, "auth": x_oauth1(sandbox), "user": sandbox.env[
        "SOSMED_X_USER_ID"]}


def _tweet(x: dict, body: dict) -> requests.Response:
    return requests.post(f"{x['api']}/2/tweets", json=body, auth=x["auth"], timeout=TIMEOUT)


def _image(x: dict) -> str:
    r = requests.post(f"{x['api']}/2/media/upload", data={"media_category": "tweet_image"},
                      files={"media": ("a.jpg", jpeg(), "image/jpeg")}, auth=x["auth"], timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    return r.json()["data"]["id"]


def test_create_with_oauth1_and_rate_headers(x: dict) -> None:
    r = _tweet(x, {"text": "Halo NTT"})
    assert r.status_code == 201
    data = r.json()["data"]
    assert data["text"] == "Halo NTT" and data["edit_history_tweet_ids"] == [data["id"]]
    assert int(r.headers["x-rate-limit-limit"]) == 100
    assert int(r.headers["x-rate-limit-remaining"]) == 99
    assert int(r.headers["x-rate-limit-reset"]) > 0
    assert "x-app-limit-24hour-remaining" in r.headers
    assert state(x["sb"], "x")["posts"][0]["text"] == "Halo NTT"


def test_oauth2_user_token_posts_and_app_token_cannot(x: dict) -> None:
    ok = requests.post(f"{x['api']}/2/tweets", json={"text": "bearer"}, headers=x_bearer(x["sb"]), timeout=TIMEOUT)
    assert ok.status_code == 201
    app = {"Authorization": f"Bearer {x['sb'].env['SOSMED_X_APP_BEARER_TOKEN']}"}
    denied = requests.post(f"{x['api']}/2/tweets", json={"text": "app"}, headers=app, timeout=TIMEOUT)
    assert denied.status_code == 403 and denied.json()["type"].endswith("unsupported-authentication")
    mentions = requests.get(f"{x['api']}/2/users/{x['user']}/mentions", headers=app, timeout=TIMEOUT)
    assert mentions.status_code == 200


@pytest.mark.parametrize("header", [None, "Bearer wrong", 'OAuth oauth_consumer_key="x", oauth_signature="y"'])
def test_unauthorized_problem(x: dict, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    r = requests.post(f"{x['api']}/2/tweets", json={"text": "x"}, headers=headers, timeout=TIMEOUT)
    assert r.status_code == 401
    assert r.json() == {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}


def test_wrong_signature_is_rejected(x: dict) -> None:
    from requests_oauthlib import OAuth1

    e = x["sb"].env
    forged = OAuth1(e["SOSMED_X_API_KEY"], "not-the-secret", e["SOSMED_X_ACCESS_TOKEN"], e["SOSMED_X_ACCESS_SECRET"])
    assert requests.post(f"{x['api']}/2/tweets", json={"text": "x"}, auth=forged, timeout=TIMEOUT).status_code == 401


def test_weighted_length_limit(x: dict) -> None:
    assert _tweet(x, {"text": "a" * 280}).status_code == 201
    long = _tweet(x, {"text": "b" * 281})
    assert long.status_code == 400
    body = long.json()
    assert body["title"] == "Invalid Request" and body["type"].endswith("/2/problems/invalid-request")
    assert "text" in body["errors"][0]["parameters"]
    # 140 CJK characters weigh 280; a URL weighs 23 whatever its length
    assert _tweet(x, {"text": "漢" * 140}).status_code == 201
    assert _tweet(x, {"text": "漢" * 141}).status_code == 400
    assert _tweet(x, {"text": "c" * 256 + " https://bkd.nttprov.go.id/" + "p" * 100}).status_code == 201


def test_duplicate_is_403(x: dict) -> None:
    assert _tweet(x, {"text": "sama"}).status_code == 201
    dup = _tweet(x, {"text": "sama"})
    assert dup.status_code == 403
    assert dup.json() == {"detail": "You are not allowed to create a Tweet with duplicate content.",
                          "type": "about:blank", "title": "Forbidden", "status": 403}


def test_media_rules(x: dict) -> None:
    images = [_image(x) for _ in range(5)]
    assert _tweet(x, {"text": "empat", "media": {"media_ids": images[:4]}}).status_code == 201
    assert _tweet(x, {"text": "lima", "media": {"media_ids": images}}).status_code == 400
    assert _tweet(x, {"text": "pola", "media": {"media_ids": ["abc"]}}).status_code == 400
    assert _tweet(x, {"text": "tak dikenal", "media": {"media_ids": ["123"]}}).status_code == 400


def test_chunked_video_upload_status_and_post(x: dict) -> None:
    api = x["api"]
    settings(x["sb"], x_processing_seconds=30)
    data = b"\x00\x00\x00\x18ftypmp42" + b"v" * 3000
    init = requests.post(f"{api}/2/media/upload/initialize", json={
        "media_type": "video/mp4", "total_bytes": len(data), "media_category": "tweet_video"},
        auth=x["auth"], timeout=TIMEOUT)
    assert init.status_code == 200
    media_id = init.json()["data"]["id"]
    assert init.json()["data"]["media_key"] == f"13_{media_id}"
    for index, start in enumerate(range(0, len(data), 1000)):
        r = requests.post(f"{api}/2/media/upload/{media_id}/append", data={"segment_index": str(index)},
                          files={"media": ("blob", data[start:start + 1000])}, auth=x["auth"], timeout=TIMEOUT)
        assert r.status_code == 200 and "expires_at" in r.json()["data"]
    final = requests.post(f"{api}/2/media/upload/{media_id}/finalize", auth=x["auth"], timeout=TIMEOUT).json()["data"]
    assert final["size"] == len(data)
    assert final["processing_info"]["state"] == "pending" and final["processing_info"]["check_after_secs"] == 30
    assert _tweet(x, {"text": "video belum siap", "media": {"media_ids": [media_id]}}).status_code == 400
    advance(x["sb"], 30)  # what check_after_secs asks for, on the sandbox's clock
    r = requests.get(f"{api}/2/media/upload", params={"command": "STATUS", "media_id": media_id},
                     auth=x["auth"], timeout=TIMEOUT)
    assert r.json()["data"]["processing_info"]["state"] == "succeeded"
    assert _tweet(x, {"text": "video", "media": {"media_ids": [media_id]}}).status_code == 201
    image = _image(x)
    assert _tweet(x, {"text": "campur", "media": {"media_ids": [media_id, image]}}).status_code == 400


def test_finalize_with_missing_bytes_and_json_append(x: dict) -> None:
    api = x["api"]
    init = requests.post(f"{api}/2/media/upload/initialize", json={
        "media_type": "video/mp4", "total_bytes": 10, "media_category": "tweet_video"}, auth=x["auth"],
        timeout=TIMEOUT).json()["data"]
    r = requests.post(f"{api}/2/media/upload/{init['id']}/append",
                      json={"segment_index": 0, "media": base64.b64encode(b"12345").decode()}, auth=x["auth"],
                      timeout=TIMEOUT)
    assert r.status_code == 200
    short = requests.post(f"{api}/2/media/upload/{init['id']}/finalize", auth=x["auth"], timeout=TIMEOUT)
    assert short.status_code == 400
    bad = requests.post(f"{api}/2/media/upload/initialize", json={
        "media_type": "video/avi", "total_bytes": 10, "media_category": "tweet_video"}, auth=x["auth"],
        timeout=TIMEOUT)
    assert bad.status_code == 400


def test_simple_image_upload_shape(x: dict) -> None:
    r = requests.post(f"{x['api']}/2/media/upload", data={"media_category": "tweet_image"},
                      files={"media": ("a.jpg", jpeg(320, 200), "image/jpeg")}, auth=x["auth"], timeout=TIMEOUT)
    data = r.json()["data"]
    assert data["image"] == {"image_type": "image/jpeg", "w": 320, "h": 200}
    assert data["media_key"] == f"3_{data['id']}" and "processing_info" not in data


def test_reply_thread_delete_and_mentions(x: dict) -> None:
    sb = x["sb"]
    root = _tweet(x, {"text": "Utas 1/2"}).json()["data"]["id"]
    child = _tweet(x, {"text": "Utas 2/2", "reply": {"in_reply_to_tweet_id": root}})
    assert child.status_code == 201
    assert _tweet(x, {"text": "ke mana", "reply": {"in_reply_to_tweet_id": "1"}}).status_code == 403
    mention = requests.post(f"{sb.base_url}/_sandbox/comments", headers=sb.admin_headers, json={
        "platform": "x", "post_id": root, "text": "Kapan pengumuman?", "author": "Warga Contoh"},
        timeout=TIMEOUT).json()
    got = requests.get(f"{x['api']}/2/users/{x['user']}/mentions", params={
        "tweet.fields": "author_id,conversation_id,created_at", "expansions": "author_id", "max_results": 5},
        auth=x["auth"], timeout=TIMEOUT).json()
    assert got["data"][0]["id"] == mention["id"] and got["data"][0]["conversation_id"] == root
    assert got["includes"]["users"][0]["name"] == "Warga Contoh"
    assert got["meta"]["result_count"] == 1 and got["meta"]["newest_id"] == mention["id"]
    since = requests.get(f"{x['api']}/2/users/{x['user']}/mentions", params={"since_id": mention["id"]},
                         auth=x["auth"], timeout=TIMEOUT).json()
    assert since == {"meta": {"result_count": 0}}
    assert requests.get(f"{x['api']}/2/users/{x['user']}/mentions", params={"max_results": 2}, auth=x["auth"],
                        timeout=TIMEOUT).status_code == 400
    reply = _tweet(x, {"text": "Bulan depan.", "reply": {"in_reply_to_tweet_id": mention["id"]}})
    assert reply.status_code == 201
    deleted = requests.delete(f"{x['api']}/2/tweets/{root}", auth=x["auth"], timeout=TIMEOUT)
    assert deleted.status_code == 200 and deleted.json() == {"data": {"deleted": True}}
    view = state(sb, "x")
    assert [p["deleted"] for p in view["posts"]] == [True, False, False]
    assert view["posts"][0]["replies"][0]["text"] == "Utas 2/2"
    me = requests.get(f"{x['api']}/2/users/me", auth=x["auth"], timeout=TIMEOUT).json()["data"]
    assert me["id"] == x["user"]


def test_rate_limit_429(x: dict) -> None:
    settings(x["sb"], x_rate_limits={"tweets_create": 2})
    assert _tweet(x, {"text": "1"}).status_code == 201
    assert _tweet(x, {"text": "2"}).headers["x-rate-limit-remaining"] == "0"
    over = _tweet(x, {"text": "3"})
    assert over.status_code == 429
    assert over.json()["title"] == "Too Many Requests"
    assert over.headers["x-rate-limit-remaining"] == "0" and int(over.headers["x-rate-limit-reset"]) > 0
