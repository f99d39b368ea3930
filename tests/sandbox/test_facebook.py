"""Facebook Graph contract (reference §1), with raw requests."""

from __future__ import annotations

import json

import pytest
import requests

from tests.sandbox.helpers import jpeg, state

TIMEOUT = 5


@pytest.fixture
def fb(sandbox):  # noqa: ANN001, ANN201
    e = sandbox.env
    return {"api": e["SOSMED_FACEBOOK_API"] + "/v26.0", "page": e["SOSMED_FACEBOOK_PAGE_ID"],
            "token": e["SOSMED_FACEBOOK_PAGE_TOKEN"], "user": e["SOSMED_FACEBOOK_USER_TOKEN"],
            "app": e["SOSMED_FACEBOOK_APP_ID"], "sb": sandbox}


def _post(fb: dict, path: str, **data: str) -> requests.Response:
    return requests.post(f"{fb['api']}{path}", data={"access_token": fb["token"], **data}, timeout=TIMEOUT)


def _graph_error(r: requests.Response, code: int, status: int = 400) -> dict:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code
    assert {"message", "type", "code", "fbtrace_id"} <= set(err)
    return err


def test_text_post_is_created_and_readable(fb: dict) -> None:
    r = _post(fb, f"/{fb['page']}/feed", message="Sosialisasi juknis PPPK", link="https://bkd.nttprov.go.id/a")
    assert r.status_code == 200
    post_id = r.json()["id"]
    assert list(r.json()) == ["id"]
    assert post_id.startswith(fb["page"] + "_")
    usage = json.loads(r.headers["X-Business-Use-Case-Usage"])
    assert usage[fb["page"]][0]["type"] == "pages"
    got = requests.get(f"{fb['api']}/{post_id}", params={"access_token": fb["token"],
                                                         "fields": "id,message,created_time,permalink_url,is_published"},
                       timeout=TIMEOUT).json()
    assert got["message"] == "Sosialisasi juknis PPPK"
    assert got["is_published"] is True
    assert got["created_time"].endswith("+0000")
    posts = state(fb["sb"], "facebook")["posts"]
    assert [p["id"] for p in posts] == [post_id]
    assert posts[0]["text"] == "Sosialisasi juknis PPPK"


def test_version_is_optional_and_bearer_header_works(fb: dict) -> None:
    url = f"{fb['sb'].env['SOSMED_FACEBOOK_API']}/{fb['page']}/feed"
    r = requests.post(url, data={"message": "tanpa versi"}, headers={"Authorization": f"Bearer {fb['token']}"},
                      timeout=TIMEOUT)
    assert r.status_code == 200
    r = requests.post(f"{fb['sb'].env['SOSMED_FACEBOOK_API']}/v22.0/{fb['page']}/feed",
                      data={"message": "versi lama", "access_token": fb["token"]}, timeout=TIMEOUT)
    assert r.status_code == 200


@pytest.mark.parametrize("token", [None, "EAAwrong"])
def test_bad_or_missing_token_is_190(fb: dict, token: str | None) -> None:
    data = {"message": "x"} if token is None else {"message": "x", "access_token": token}
    r = requests.post(f"{fb['api']}/{fb['page']}/feed", data=data, timeout=TIMEOUT)
    err = _graph_error(r, 190)
    assert err["type"] == "OAuthException"


def test_user_token_cannot_post_to_page(fb: dict) -> None:
    r = requests.post(f"{fb['api']}/{fb['page']}/feed", data={"message": "x", "access_token": fb["user"]},
                      timeout=TIMEOUT)
    _graph_error(r, 200, status=403)


def test_duplicate_in_a_row_is_506(fb: dict) -> None:
    assert _post(fb, f"/{fb['page']}/feed", message="Sama").status_code == 200
    _graph_error(_post(fb, f"/{fb['page']}/feed", message="Sama"), 506)
    assert _post(fb, f"/{fb['page']}/feed", message="Lain").status_code == 200
    assert _post(fb, f"/{fb['page']}/feed", message="Sama").status_code == 200


def test_empty_post_and_unknown_page_are_100(fb: dict) -> None:
    _graph_error(_post(fb, f"/{fb['page']}/feed"), 100)
    err = _graph_error(_post(fb, "/123456/feed", message="x"), 100)
    assert err["error_subcode"] == 33


def test_scheduled_post_window(fb: dict) -> None:
    sb = fb["sb"]
    too_soon = _post(fb, f"/{fb['page']}/feed", message="cepat", published="false",
                     scheduled_publish_time="+5 minutes")
    _graph_error(too_soon, 100)
    _graph_error(_post(fb, f"/{fb['page']}/feed", message="jauh", published="false",
                       scheduled_publish_time="+40 days"), 100)
    _graph_error(_post(fb, f"/{fb['page']}/feed", message="terbit", scheduled_publish_time="+1 hour"), 100)
    ok = _post(fb, f"/{fb['page']}/feed", message="terjadwal", published="false", scheduled_publish_time="+2 hours")
    assert ok.status_code == 200
    scheduled = requests.get(f"{fb['api']}/{fb['page']}/scheduled_posts", params={"access_token": fb["token"]},
                             timeout=TIMEOUT).json()["data"]
    assert [p["id"] for p in scheduled] == [ok.json()["id"]]
    feed = requests.get(f"{fb['api']}/{fb['page']}/feed", params={"access_token": fb["token"]}, timeout=TIMEOUT)
    assert feed.json()["data"] == []
    requests.post(f"{sb.base_url}/_sandbox/clock", json={"advance": 3 * 3600}, headers=sb.admin_headers,
                  timeout=TIMEOUT)
    feed = requests.get(f"{fb['api']}/{fb['page']}/feed", params={"access_token": fb["token"]}, timeout=TIMEOUT)
    assert [p["id"] for p in feed.json()["data"]] == [ok.json()["id"]]


def test_photo_upload_published_and_unpublished(fb: dict) -> None:
    r = requests.post(f"{fb['api']}/{fb['page']}/photos", data={"access_token": fb["token"], "caption": "Foto"},
                      files={"source": ("a.jpg", jpeg(), "image/jpeg")}, timeout=TIMEOUT)
    assert r.status_code == 200
    assert set(r.json()) == {"id", "post_id"}
    r2 = requests.post(f"{fb['api']}/{fb['page']}/photos", data={"access_token": fb["token"], "published": "false"},
                       files={"source": ("b.jpg", jpeg(), "image/jpeg")}, timeout=TIMEOUT)
    assert set(r2.json()) == {"id"}
    img = requests.get(f"{fb['sb'].base_url}/_sandbox/media/facebook/{r.json()['id']}", timeout=TIMEOUT)
    assert img.status_code == 200 and img.content[:2] == b"\xff\xd8"
    assert len(state(fb["sb"], "facebook")["posts"]) == 1


def test_photo_that_is_not_an_image_is_324(fb: dict) -> None:
    r = requests.post(f"{fb['api']}/{fb['page']}/photos", data={"access_token": fb["token"]},
                      files={"source": ("a.jpg", b"not an image", "image/jpeg")}, timeout=TIMEOUT)
    _graph_error(r, 324)
    _graph_error(_post(fb, f"/{fb['page']}/photos"), 324)


def test_multi_photo_post_with_attached_media(fb: dict) -> None:
    ids = []
    for _ in range(3):
        r = requests.post(f"{fb['api']}/{fb['page']}/photos", data={"access_token": fb["token"], "published": "false"},
                          files={"source": ("a.jpg", jpeg(), "image/jpeg")}, timeout=TIMEOUT)
        ids.append(r.json()["id"])
    data = {f"attached_media[{i}]": json.dumps({"media_fbid": mid}) for i, mid in enumerate(ids[:2])}
    r = _post(fb, f"/{fb['page']}/feed", message="Album", **data)
    assert r.status_code == 200
    r2 = _post(fb, f"/{fb['page']}/feed", message="Album 2", attached_media=json.dumps([{"media_fbid": ids[2]}]))
    assert r2.status_code == 200
    posts = state(fb["sb"], "facebook")["posts"]
    assert [m["id"] for m in posts[0]["media"]] == ids[:2]
    # a photo can be attached once only, and unknown ids are refused
    _graph_error(_post(fb, f"/{fb['page']}/feed", message="lagi", attached_media=json.dumps([{"media_fbid": ids[0]}])),
                 100)
    _graph_error(_post(fb, f"/{fb['page']}/feed", message="x", attached_media=json.dumps([{"media_fbid": "999"}])), 100)


def test_legacy_chunked_video_with_offsets(fb: dict) -> None:
    sb = fb["sb"]
    requests.patch(f"{sb.base_url}/_sandbox/settings", json={"fb_video_chunk_bytes": 1000}, headers=sb.admin_headers,
                   timeout=TIMEOUT)
    data = bytes(range(256)) * 10  # 2560 bytes
    start = _post(fb, f"/{fb['page']}/videos", upload_phase="start", file_size=str(len(data))).json()
    assert start["start_offset"] == "0" and start["end_offset"] == "1000"
    session = start["upload_session_id"]
    offsets = (int(start["start_offset"]), int(start["end_offset"]))
    wrong = requests.post(f"{fb['api']}/{fb['page']}/videos", data={
        "access_token": fb["token"], "upload_phase": "transfer", "upload_session_id": session, "start_offset": "5"},
        files={"video_file_chunk": ("c", data[5:10])}, timeout=TIMEOUT)
    assert wrong.status_code == 400
    _graph_error(_post(fb, f"/{fb['page']}/videos", upload_phase="finish", upload_session_id=session), 100)
    while offsets[0] < offsets[1]:
        r = requests.post(f"{fb['api']}/{fb['page']}/videos", data={
            "access_token": fb["token"], "upload_phase": "transfer", "upload_session_id": session,
            "start_offset": str(offsets[0])}, files={"video_file_chunk": ("c", data[offsets[0]:offsets[1]])},
            timeout=TIMEOUT)
        assert r.status_code == 200, r.text
        offsets = (int(r.json()["start_offset"]), int(r.json()["end_offset"]))
    assert offsets == (len(data), len(data))
    done = _post(fb, f"/{fb['page']}/videos", upload_phase="finish", upload_session_id=session, title="Video",
                 description="Video juknis")
    assert done.json() == {"success": True}
    video_post = state(sb, "facebook")["posts"][-1]
    assert video_post["media"][0]["type"] == "video"
    assert (sb.state_dir / f"uploads/facebook/{session}.part").read_bytes() == data


def test_resumable_upload_api_and_publish_handle(fb: dict) -> None:
    api = fb["api"]
    data = b"v" * 5000
    r = requests.post(f"{api}/{fb['app']}/uploads", params={
        "file_name": "v.mp4", "file_length": len(data), "file_type": "video/mp4", "access_token": fb["user"]},
        timeout=TIMEOUT)
    assert r.status_code == 200
    upload = r.json()["id"]
    assert upload.startswith("upload:")
    auth = {"Authorization": f"OAuth {fb['user']}"}
    part = requests.post(f"{api}/{upload}", data=data[:2000], headers={**auth, "file_offset": "0"}, timeout=TIMEOUT)
    assert part.json() == {"id": upload, "file_offset": 2000}
    assert requests.get(f"{api}/{upload}", headers=auth, timeout=TIMEOUT).json()["file_offset"] == 2000
    bad = requests.post(f"{api}/{upload}", data=data[100:], headers={**auth, "file_offset": "100"}, timeout=TIMEOUT)
    assert bad.status_code == 400
    rest = requests.post(f"{api}/{upload}", data=data[2000:], headers={**auth, "file_offset": "2000"},
                         timeout=TIMEOUT)
    handle = rest.json()["h"]
    # the page token is not the user token this API needs
    assert requests.get(f"{api}/{upload}", headers={"Authorization": f"OAuth {fb['token']}"},
                        timeout=TIMEOUT).status_code == 403
    video = _post(fb, f"/{fb['page']}/videos", title="Video", fbuploader_video_file_chunk=handle)
    assert video.status_code == 200 and "id" in video.json()


def test_edit_and_delete(fb: dict) -> None:
    post_id = _post(fb, f"/{fb['page']}/feed", message="lama").json()["id"]
    assert _post(fb, f"/{post_id}", message="baru").json() == {"success": True}
    got = requests.get(f"{fb['api']}/{post_id}", params={"access_token": fb["token"]}, timeout=TIMEOUT).json()
    assert got["message"] == "baru"
    r = requests.delete(f"{fb['api']}/{post_id}", params={"access_token": fb["token"]}, timeout=TIMEOUT)
    assert r.json() == {"success": True}
    again = requests.delete(f"{fb['api']}/{post_id}", params={"access_token": fb["token"]}, timeout=TIMEOUT)
    assert _graph_error(again, 100)["error_subcode"] == 33
    assert state(fb["sb"], "facebook")["posts"][0]["deleted"] is True


def test_comments_and_page_replies(fb: dict) -> None:
    sb = fb["sb"]
    post_id = _post(fb, f"/{fb['page']}/feed", message="Info").json()["id"]
    made = requests.post(f"{sb.base_url}/_sandbox/comments", headers=sb.admin_headers, json={
        "platform": "facebook", "post_id": post_id, "text": "Kapan jadwalnya?", "author": "Warga Contoh"},
        timeout=TIMEOUT)
    assert made.status_code == 201
    comment_id = made.json()["id"]
    listing = requests.get(f"{fb['api']}/{post_id}/comments", params={
        "access_token": fb["token"], "fields": "id,message,from,created_time", "summary": "true"},
        timeout=TIMEOUT).json()
    assert listing["data"][0]["from"]["name"] == "Warga Contoh"
    assert listing["summary"]["total_count"] == 1
    assert "cursors" in listing["paging"]
    reply = _post(fb, f"/{comment_id}/comments", message="Jadwalnya Senin.")
    assert reply.status_code == 200
    replies = requests.get(f"{fb['api']}/{comment_id}/comments", params={"access_token": fb["token"]},
                           timeout=TIMEOUT).json()["data"]
    assert [r["message"] for r in replies] == ["Jadwalnya Senin."]
    stream = requests.get(f"{fb['api']}/{post_id}/comments", params={"access_token": fb["token"],
                                                                    "filter": "stream"}, timeout=TIMEOUT).json()
    assert len(stream["data"]) == 2
    view = state(sb, "facebook")["posts"][0]
    assert view["comments"][0]["replies"][0]["message"] == "Jadwalnya Senin."
    assert view["replies"][0]["id"] == reply.json()["id"]


def test_page_token_from_user_token(fb: dict) -> None:
    r = requests.get(f"{fb['api']}/me/accounts", params={"access_token": fb["user"]}, timeout=TIMEOUT)
    assert r.json()["data"][0]["access_token"] == fb["token"]
    assert "X-App-Usage" in r.headers
    r = requests.get(f"{fb['api']}/{fb['page']}", params={"access_token": fb["user"], "fields": "access_token"},
                     timeout=TIMEOUT)
    assert r.json() == {"id": fb["page"], "access_token": fb["token"]}
