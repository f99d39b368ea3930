"""Fault injection: each kind answers in the platform's documented shape."""

from __future__ import annotations

import json
import time

import pytest
import requests

from tests.sandbox.helpers import calls, fault, google_token, state, x_oauth1

TIMEOUT = 5
G = 262144


def _fb_post(sb, message: str = "halo") -> requests.Response:  # noqa: ANN001
    e = sb.env
    return requests.post(f"{e['SOSMED_FACEBOOK_API']}/v26.0/{e['SOSMED_FACEBOOK_PAGE_ID']}/feed",
                         data={"message": message, "access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"]}, timeout=TIMEOUT)


def _x_post(sb, text: str = "halo", timeout: float = TIMEOUT) -> requests.Response:  # noqa: ANN001
    return requests.post(f"{sb.env['SOSMED_X_API']}/2/tweets", json={"text": text}, auth=x_oauth1(sb),
                         timeout=timeout)


def test_facebook_throttling_with_usage_headers_then_recovers(sandbox) -> None:  # noqa: ANN001
    fault(sandbox, platform="facebook", path=r"/feed$", method="POST", count=2, kind="429")
    for _ in range(2):
        r = _fb_post(sandbox)
        assert r.status_code == 400 and r.json()["error"]["code"] == 32
        buc = json.loads(r.headers["X-Business-Use-Case-Usage"])
        assert buc[sandbox.env["SOSMED_FACEBOOK_PAGE_ID"]][0]["estimated_time_to_regain_access"] == 5
        assert json.loads(r.headers["X-App-Usage"])["call_count"] == 100
    assert _fb_post(sandbox).status_code == 200
    assert [c["fault"] for c in calls(sandbox, "facebook")] == ["429", "429", None]


@pytest.mark.parametrize(("kind", "status", "code"), [
    ("500", 500, 1), ("503", 503, 2), ("expired_token", 400, 190), ("duplicate", 400, 506), ("quota", 400, 341)])
def test_facebook_fault_shapes(sandbox, kind: str, status: int, code: int) -> None:  # noqa: ANN001
    fault(sandbox, platform="facebook", path="/feed", kind=kind)
    r = _fb_post(sandbox)
    assert r.status_code == status
    err = r.json()["error"]
    assert err["code"] == code and "fbtrace_id" in err
    if kind == "expired_token":
        assert err["error_subcode"] == 463
    assert state(sandbox, "facebook")["posts"] == []


def test_instagram_quota_fault(sandbox) -> None:  # noqa: ANN001
    e = sandbox.env
    fault(sandbox, platform="instagram", path="media_publish", kind="quota")
    r = requests.post(f"{e['SOSMED_INSTAGRAM_API']}/v26.0/{e['SOSMED_INSTAGRAM_USER_ID']}/media_publish",
                      params={"creation_id": "1", "access_token": e["SOSMED_INSTAGRAM_TOKEN"]}, timeout=TIMEOUT)
    assert (r.json()["error"]["code"], r.json()["error"]["error_subcode"]) == (9, 2207042)


@pytest.mark.parametrize(("kind", "status"), [("500", 500), ("503", 503), ("expired_token", 401),
                                              ("duplicate", 403), ("quota", 429)])
def test_x_fault_shapes(sandbox, kind: str, status: int) -> None:  # noqa: ANN001
    fault(sandbox, platform="x", path="^/2/tweets$", kind=kind)
    r = _x_post(sandbox)
    assert r.status_code == status
    body = r.json()
    assert {"title", "detail", "type"} <= set(body)
    assert "x-rate-limit-limit" in r.headers


def test_x_429_has_reset_headers(sandbox) -> None:  # noqa: ANN001
    fault(sandbox, platform="x", path="^/2/tweets$", kind="429", reset_after=30)
    r = _x_post(sandbox)
    assert r.status_code == 429 and r.headers["x-rate-limit-remaining"] == "0"
    assert 0 < int(r.headers["x-rate-limit-reset"]) - time.time() <= 31
    assert _x_post(sandbox).status_code == 201


@pytest.mark.parametrize(("kind", "status", "reason"), [
    ("429", 429, "rateLimitExceeded"), ("500", 500, "backendError"), ("503", 503, "backendError"),
    ("expired_token", 401, "authError"), ("quota", 403, "quotaExceeded")])
def test_youtube_fault_shapes(sandbox, kind: str, status: int, reason: str) -> None:  # noqa: ANN001
    token = google_token(sandbox)
    fault(sandbox, platform="youtube", path="commentThreads", kind=kind)
    r = requests.get(f"{sandbox.env['SOSMED_YOUTUBE_API']}/youtube/v3/commentThreads",
                     params={"part": "snippet", "allThreadsRelatedToChannelId": "x"},
                     headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT)
    assert r.status_code == status
    assert r.json()["error"]["errors"][0]["reason"] == reason


def test_delay_beyond_client_timeout_still_creates(sandbox) -> None:  # noqa: ANN001
    fault(sandbox, platform="x", path="^/2/tweets$", kind="delay", delay=1.0)
    with pytest.raises(requests.exceptions.ReadTimeout):
        _x_post(sandbox, "lambat", timeout=0.3)
    assert [p["text"] for p in state(sandbox, "x")["posts"]] == ["lambat"]


def test_reset_before_and_after_processing(sandbox) -> None:  # noqa: ANN001
    fault(sandbox, platform="x", path="^/2/tweets$", kind="reset")
    with pytest.raises(requests.exceptions.ConnectionError):
        _x_post(sandbox, "hilang")
    assert state(sandbox, "x")["posts"] == []
    fault(sandbox, platform="x", path="^/2/tweets$", kind="reset", stage="response")
    with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError)):
        _x_post(sandbox, "diproses")
    assert [p["text"] for p in state(sandbox, "x")["posts"]] == ["diproses"]
    assert [c["status"] for c in calls(sandbox, "x")] == ["reset", "reset"]


def test_youtube_upload_reset_mid_chunk_then_resume(sandbox) -> None:  # noqa: ANN001
    token = google_token(sandbox)
    h = {"Authorization": f"Bearer {token}"}
    data = bytes(range(256)) * (4 * G // 256)
    total = len(data)
    start = requests.post(f"{sandbox.env['SOSMED_YOUTUBE_API']}/upload/youtube/v3/videos",
                          params={"uploadType": "resumable", "part": "snippet"},
                          json={"snippet": {"title": "Uji"}}, headers={**h, "X-Upload-Content-Length": str(total)},
                          timeout=TIMEOUT)
    url = start.headers["Location"]
    fault(sandbox, platform="youtube", path="^/upload/youtube/v3/videos$", method="PUT", kind="reset",
          after_bytes=G + 1000)
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.put(url, data=data, headers={**h, "Content-Range": f"bytes 0-{total - 1}/{total}"}, timeout=TIMEOUT)
    status = requests.put(url, data=b"", headers={**h, "Content-Range": f"bytes */{total}"}, timeout=TIMEOUT)
    assert status.status_code == 308 and status.headers["Range"] == f"bytes=0-{G - 1}"
    done = requests.put(url, data=data[G:], headers={**h, "Content-Range": f"bytes {G}-{total - 1}/{total}"},
                        timeout=TIMEOUT)
    assert done.status_code == 201
    stored = state(sandbox, "youtube")["posts"][0]
    assert (sandbox.state_dir / stored["file"]).read_bytes() == data


def test_facebook_upload_reset_keeps_received_bytes(sandbox) -> None:  # noqa: ANN001
    e = sandbox.env
    api = e["SOSMED_FACEBOOK_API"] + "/v26.0"
    data = b"z" * 300000
    upload = requests.post(f"{api}/{e['SOSMED_FACEBOOK_APP_ID']}/uploads", params={
        "file_length": len(data), "file_type": "video/mp4", "access_token": e["SOSMED_FACEBOOK_USER_TOKEN"]},
        timeout=TIMEOUT).json()["id"]
    auth = {"Authorization": f"OAuth {e['SOSMED_FACEBOOK_USER_TOKEN']}"}
    fault(sandbox, platform="facebook", path="upload:", method="POST", kind="reset", after_bytes=100000)
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(f"{api}/{upload}", data=data, headers={**auth, "file_offset": "0"}, timeout=TIMEOUT)
    offset = requests.get(f"{api}/{upload}", headers=auth, timeout=TIMEOUT).json()["file_offset"]
    assert offset == 100000
    done = requests.post(f"{api}/{upload}", data=data[offset:], headers={**auth, "file_offset": str(offset)},
                         timeout=TIMEOUT)
    assert "h" in done.json()


def test_faults_admin_validation_and_clear(sandbox) -> None:  # noqa: ANN001
    base = f"{sandbox.base_url}/_sandbox/faults"
    admin = {"headers": sandbox.admin_headers, "timeout": TIMEOUT}
    assert requests.post(base, json={"platform": "tiktok", "kind": "500"}, **admin).status_code == 400
    assert requests.post(base, json={"platform": "x", "kind": "boom"}, **admin).status_code == 400
    assert requests.post(base, json={"platform": "youtube", "kind": "duplicate"}, **admin).status_code == 400
    assert requests.post(base, json={"platform": "x", "kind": "500", "path": "("}, **admin).status_code == 400
    fault(sandbox, platform="x", path="^/2/tweets$", kind="500", count=5)
    assert len(requests.get(base, **admin).json()["faults"]) == 1
    requests.delete(base, **admin)
    assert _x_post(sandbox).status_code == 201


def test_google_oauth_faults(sandbox) -> None:  # noqa: ANN001
    fault(sandbox, platform="google-oauth", path="^/token$", kind="expired_token")
    e = sandbox.env
    r = requests.post(f"{e['SOSMED_GOOGLE_OAUTH_API']}/token", data={
        "grant_type": "refresh_token", "client_id": e["SOSMED_YOUTUBE_CLIENT_ID"],
        "client_secret": e["SOSMED_YOUTUBE_CLIENT_SECRET"], "refresh_token": e["SOSMED_YOUTUBE_REFRESH_TOKEN"]},
        timeout=TIMEOUT)
    assert r.status_code == 400 and r.json()["error"] == "invalid_grant"
    assert google_token(sandbox)
