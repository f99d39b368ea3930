"""Every documented error kind, armed on every platform, answers in that platform's shape and status.

One table: (platform, kind) → the HTTP status and the platform's own error code or reason. The
probe is an ordinary, valid call on each platform; the armed fault replaces its answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import requests

from sosmed.sandbox import SandboxHandle
from tests.sandbox.helpers import calls, fault, google_token, x_bearer, x_oauth1

TIMEOUT = 5


def _facebook(sb: SandboxHandle, timeout: float = TIMEOUT) -> requests.Response:
    e = sb.env
    return requests.get(f"{e['SOSMED_FACEBOOK_API']}/v26.0/{e['SOSMED_FACEBOOK_PAGE_ID']}",
                        params={"access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"]}, timeout=timeout)


def _instagram(sb: SandboxHandle, timeout: float = TIMEOUT) -> requests.Response:
    e = sb.env
    return requests.get(f"{e['SOSMED_INSTAGRAM_API']}/v26.0/{e['SOSMED_INSTAGRAM_USER_ID']}",
                        params={"access_token": e["SOSMED_INSTAGRAM_TOKEN"]}, timeout=timeout)


def _x(sb: SandboxHandle, timeout: float = TIMEOUT) -> requests.Response:
    return requests.get(f"{sb.env['SOSMED_X_API']}/2/users/me", headers=x_bearer(sb), timeout=timeout)


def _youtube(sb: SandboxHandle, timeout: float = TIMEOUT) -> requests.Response:
    token = sb.store.memory.get("test_token") or sb.store.memory.setdefault("test_token", google_token(sb))
    return requests.get(f"{sb.env['SOSMED_YOUTUBE_API']}/youtube/v3/channels", params={"part": "id", "mine": "true"},
                        headers={"Authorization": f"Bearer {token}"}, timeout=timeout)


def _google_oauth(sb: SandboxHandle, timeout: float = TIMEOUT) -> requests.Response:
    e = sb.env
    return requests.post(f"{e['SOSMED_GOOGLE_OAUTH_API']}/token", data={
        "grant_type": "refresh_token", "client_id": e["SOSMED_YOUTUBE_CLIENT_ID"],
        "client_secret": e["SOSMED_YOUTUBE_CLIENT_SECRET"], "refresh_token": e["SOSMED_YOUTUBE_REFRESH_TOKEN"]},
        timeout=timeout)


def _github(sb: SandboxHandle, timeout: float = TIMEOUT) -> requests.Response:
    return requests.get(f"{sb.base_url}/github/rate_limit", timeout=timeout)


def _forgejo(sb: SandboxHandle, timeout: float = TIMEOUT) -> requests.Response:
    return requests.get(f"{sb.base_url}/forgejo/api/v1/settings/api", timeout=timeout)


PROBES: dict[str, Callable[..., requests.Response]] = {
    "facebook": _facebook, "instagram": _instagram, "x": _x, "youtube": _youtube, "google-oauth": _google_oauth,
    "github": _github, "forgejo": _forgejo}


def _graph(body: dict[str, Any]) -> Any:
    err = body["error"]
    assert {"message", "type", "code", "fbtrace_id"} <= set(err)
    return (err["code"], err.get("error_subcode"))


def _problem(body: dict[str, Any]) -> Any:
    assert {"title", "type"} <= set(body)
    return body["type"].rsplit("/", 1)[-1]


def _google(body: dict[str, Any]) -> Any:
    err = body["error"]
    assert err["code"] and err["status"] and err["message"]
    return err["errors"][0]["reason"]


def _oauth(body: dict[str, Any]) -> Any:
    assert body["error_description"]
    return body["error"]


def _gh(body: dict[str, Any]) -> Any:
    assert body["documentation_url"].startswith("https://docs.github.com/")
    return body["message"]


def _fj(body: dict[str, Any]) -> Any:
    assert body["url"].endswith("/api/swagger")
    return body["message"]


SHAPES = {"facebook": _graph, "instagram": _graph, "x": _problem, "youtube": _google, "google-oauth": _oauth,
          "github": _gh, "forgejo": _fj}
# What each platform documents for each kind: (HTTP status, code / reason / problem type / message).
TABLE: dict[tuple[str, str], tuple[int, Any]] = {
    ("facebook", "400"): (400, (100, None)), ("facebook", "401"): (400, (190, None)),
    ("facebook", "expired_token"): (400, (190, 463)), ("facebook", "403"): (403, (200, None)),
    ("facebook", "404"): (404, (100, 33)), ("facebook", "429"): (400, (32, None)),
    ("facebook", "quota"): (400, (341, None)), ("facebook", "duplicate"): (400, (506, None)),
    ("facebook", "500"): (500, (1, 99)), ("facebook", "503"): (503, (2, None)),
    ("instagram", "400"): (400, (100, None)), ("instagram", "401"): (400, (190, None)),
    ("instagram", "expired_token"): (400, (190, 463)), ("instagram", "403"): (403, (200, None)),
    ("instagram", "404"): (404, (100, 33)), ("instagram", "429"): (400, (4, None)),
    ("instagram", "quota"): (400, (9, 2207042)), ("instagram", "duplicate"): (400, (506, None)),
    ("instagram", "500"): (500, (1, 99)), ("instagram", "503"): (503, (2, None)),
    ("x", "400"): (400, "invalid-request"), ("x", "401"): (401, "about:blank"),
    ("x", "expired_token"): (401, "about:blank"), ("x", "403"): (403, "client-forbidden"),
    ("x", "404"): (404, "resource-not-found"), ("x", "429"): (429, "about:blank"),
    ("x", "quota"): (429, "usage-capped"), ("x", "duplicate"): (403, "about:blank"),
    ("x", "500"): (500, "about:blank"), ("x", "503"): (503, "about:blank"),
    ("youtube", "400"): (400, "invalidValue"), ("youtube", "401"): (401, "authError"),
    ("youtube", "expired_token"): (401, "authError"), ("youtube", "403"): (403, "insufficientPermissions"),
    ("youtube", "404"): (404, "notFound"), ("youtube", "429"): (429, "rateLimitExceeded"),
    ("youtube", "quota"): (403, "quotaExceeded"), ("youtube", "500"): (500, "backendError"),
    ("youtube", "503"): (503, "backendError"),
    ("google-oauth", "400"): (400, "invalid_request"), ("google-oauth", "401"): (401, "invalid_client"),
    ("google-oauth", "expired_token"): (400, "invalid_grant"), ("google-oauth", "403"): (403, "access_denied"),
    ("google-oauth", "404"): (404, "not_found"), ("google-oauth", "429"): (429, "rate_limit_exceeded"),
    ("google-oauth", "500"): (500, "internal_failure"), ("google-oauth", "503"): (503, "internal_failure"),
    ("github", "400"): (422, "Validation Failed"), ("github", "401"): (401, "Bad credentials"),
    ("github", "expired_token"): (401, "Bad credentials"),
    ("github", "403"): (403, "Resource not accessible by integration"), ("github", "404"): (404, "Not Found"),
    ("github", "429"): (429, "secondary"), ("github", "quota"): (403, "API rate limit exceeded"),
    ("github", "500"): (500, "Server Error"), ("github", "503"): (503, "Service Unavailable"),
    ("forgejo", "400"): (422, "[Body]: Required"), ("forgejo", "401"): (401, "token is required"),
    ("forgejo", "expired_token"): (401, "token is required"), ("forgejo", "403"): (403, "token does not have"),
    ("forgejo", "404"): (404, "The target couldn't be found."), ("forgejo", "429"): (429, "Too Many Requests"),
    ("forgejo", "500"): (500, "Internal Server Error"), ("forgejo", "503"): (503, "Service Unavailable"),
}
# Headers a client needs to know how long to wait.
WAIT_HEADERS = {"facebook": "X-Business-Use-Case-Usage", "instagram": "X-Business-Use-Case-Usage",
                "x": "x-rate-limit-reset", "youtube": "Retry-After", "google-oauth": "Retry-After",
                "github": "retry-after", "forgejo": "Retry-After"}


@pytest.mark.parametrize(("platform", "kind"), sorted(TABLE))
def test_every_kind_in_the_platforms_shape(sandbox, platform: str, kind: str) -> None:  # noqa: ANN001
    status, code = TABLE[(platform, kind)]
    assert PROBES[platform](sandbox).status_code < 400  # the probe is a valid call
    fault(sandbox, platform=platform, kind=kind)
    r = PROBES[platform](sandbox)
    assert r.status_code == status, r.text
    got = SHAPES[platform](r.json())
    if isinstance(code, str) and platform in ("github", "forgejo"):
        assert code in got
    elif platform == "github" and kind == "429":
        assert "secondary rate limit" in got
    else:
        assert got == code
    if kind == "429":
        assert WAIT_HEADERS[platform] in r.headers
    if platform == "x":
        assert r.headers["x-rate-limit-remaining"] == ("0" if kind == "429" else r.headers["x-rate-limit-remaining"])
    assert PROBES[platform](sandbox).status_code < 400  # one use only: the platform recovers
    assert [c["fault"] for c in calls(sandbox, platform)][-2:] == [kind, None]


def test_the_table_covers_every_kind_each_platform_documents() -> None:
    from sosmed.sandbox.admin import FAULT_KINDS, FAULT_PLATFORMS, UNSUPPORTED

    answered = {(p, k) for p in FAULT_PLATFORMS for k in FAULT_KINDS
                if (p, k) not in UNSUPPORTED and k not in ("delay", "reset")}
    assert answered == set(TABLE)


@pytest.mark.parametrize("platform", sorted(PROBES))
def test_timeout_and_dropped_connection_on_every_platform(sandbox, platform: str) -> None:  # noqa: ANN001
    PROBES[platform](sandbox)
    fault(sandbox, platform=platform, kind="delay", delay=0.6, stage="before")
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        PROBES[platform](sandbox, 0.2)
    assert time.monotonic() - started < 5
    fault(sandbox, platform=platform, kind="reset")
    with pytest.raises(requests.exceptions.ConnectionError):
        PROBES[platform](sandbox)
    assert calls(sandbox, platform)[-1]["status"] == "reset"


def test_x_append_reset_mid_upload_keeps_nothing_then_resends(sandbox) -> None:  # noqa: ANN001
    api, auth = sandbox.env["SOSMED_X_API"], x_oauth1(sandbox)
    data = b"\0" * 300000
    init = requests.post(f"{api}/2/media/upload/initialize", json={
        "media_type": "video/mp4", "total_bytes": len(data), "media_category": "tweet_video"}, auth=auth,
        timeout=TIMEOUT).json()["data"]["id"]
    fault(sandbox, platform="x", kind="reset", method="POST", path="/append$")
    files = {"media": ("c.mp4", data, "application/octet-stream")}
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(f"{api}/2/media/upload/{init}/append", data={"segment_index": "0"}, files=files, auth=auth,
                      timeout=TIMEOUT)
    # The segment never arrived: finalizing now is refused, appending again succeeds.
    assert requests.post(f"{api}/2/media/upload/{init}/finalize", auth=auth, timeout=TIMEOUT).status_code == 400
    assert requests.post(f"{api}/2/media/upload/{init}/append", data={"segment_index": "0"}, files=files, auth=auth,
                         timeout=TIMEOUT).status_code == 200
    assert requests.post(f"{api}/2/media/upload/{init}/finalize", auth=auth, timeout=TIMEOUT).status_code == 200
