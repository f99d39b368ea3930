"""The insights endpoints' contract, with raw requests: deterministic numbers that grow on the sandbox's
clock, and the documented refusals (a retired metric, a period post insights do not have, too many ids)."""

from __future__ import annotations

from pathlib import Path

import requests

from sosmed.sandbox import start_sandbox
from sosmed.sandbox.engagement import counts, share
from sosmed.sandbox.settings import SandboxSettings
from tests.sandbox.helpers import advance, settings, x_oauth1

TIMEOUT = 5
DAY = 86400


def _fb_post(sb, message: str, **extra: str) -> str:
    e = sb.env
    r = requests.post(f"{e['SOSMED_FACEBOOK_API']}/v26.0/{e['SOSMED_FACEBOOK_PAGE_ID']}/feed",
                      data={"message": message, "access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"], **extra},
                      timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    return r.json()["id"]


def _fb_insights(sb, node: str, **params: str) -> requests.Response:
    e = sb.env
    return requests.get(f"{e['SOSMED_FACEBOOK_API']}/v26.0/{node}/insights", timeout=TIMEOUT,
                        params={"access_token": e["SOSMED_FACEBOOK_PAGE_TOKEN"], **params})


def _values(response: requests.Response) -> dict:
    assert response.status_code == 200, response.text
    return {row["name"]: row["values"][0]["value"] for row in response.json()["data"]}


def test_the_same_post_at_the_same_age_has_the_same_numbers_in_any_sandbox(tmp_path: Path) -> None:
    metric = "post_total_media_view_unique,post_media_view,post_reactions_by_type_total"
    seen = []
    for name in ("a", "b"):
        sb = start_sandbox(tmp_path / name, settings=SandboxSettings())
        try:
            post = _fb_post(sb, "Seleksi PPPK guru tahap dua dibuka.")
            advance(sb, 3 * DAY)
            seen.append(_values(_fb_insights(sb, post, metric=metric)))
        finally:
            sb.stop()
    first, second = seen
    # Seconds pass between a post's creation and the clock move: compare at the precision that allows.
    assert abs(first["post_total_media_view_unique"] - second["post_total_media_view_unique"]) <= 1
    assert first["post_total_media_view_unique"] > 0


def _set_clock(sb, at: str) -> None:
    assert requests.post(f"{sb.base_url}/_sandbox/clock", json={"at": at}, headers=sb.admin_headers,
                         timeout=TIMEOUT).status_code == 200


def test_a_replayed_moment_gives_exactly_the_same_numbers(tmp_path: Path) -> None:
    # A replay sets the clock (as ``sosmed demo`` does): the milliseconds that pass between the clock move
    # and the post's creation, or the reading, must not change a number.
    text = "Seleksi PPPK guru tahap dua dibuka."
    seen = []
    for name in ("a", "b"):
        sb = start_sandbox(tmp_path / name, settings=SandboxSettings())
        try:
            _set_clock(sb, "2020-05-12T09:00:00+08:00")
            post = _fb_post(sb, text)
            _set_clock(sb, "2020-05-15T09:00:00+08:00")
            seen.append(_values(_fb_insights(sb, post, metric="post_total_media_view_unique,post_media_view")))
        finally:
            sb.stop()
    expected = counts("facebook", text, 3 * DAY)
    assert seen[0] == seen[1] == {"post_total_media_view_unique": expected["reach"],
                                  "post_media_view": expected["views"]}


def test_numbers_never_shrink_as_a_post_ages() -> None:
    ages = [0, 600, 3600, 6 * 3600, DAY, 3 * DAY, 10 * DAY, 40 * DAY, 400 * DAY]
    for platform in ("facebook", "instagram", "x", "youtube"):
        series = [counts(platform, "Jadwal layanan", age) for age in ages]
        for earlier, later in zip(series, series[1:], strict=False):
            assert all(later[k] >= earlier[k] for k in earlier), platform
        assert series[0] == {k: 0 for k in series[0]} and series[-1][next(iter(series[-1]))] > 0
    assert share(30 * DAY, 10.0) == share(400 * DAY, 10.0) == 1.0


def test_facebook_post_insights_refusals_and_withheld_rows(sandbox) -> None:
    post = _fb_post(sandbox, "Libur nasional dan cuti bersama.")
    young = _fb_insights(sandbox, post, metric="post_clicks")
    assert young.status_code == 200 and young.json() == {"data": []}
    advance(sandbox, 2 * DAY)
    assert _values(_fb_insights(sandbox, post, metric="post_clicks"))["post_clicks"] >= 0
    for params, expected in (({"metric": "post_clicks", "period": "day"}, "period=lifetime"),
                             ({}, "metric is required"),
                             ({"metric": "post_engaged_users"}, "valid insights metric")):
        refused = _fb_insights(sandbox, post, **params)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == 100
        assert expected in refused.json()["error"]["message"]
    settings(sandbox, fb_page_followers=20)  # a Page below the followers insights need
    assert _fb_insights(sandbox, post, metric="post_clicks").json() == {"data": []}


def test_x_lookup_takes_one_to_a_hundred_numeric_ids(sandbox) -> None:
    api = sandbox.env["SOSMED_X_API"]
    auth = x_oauth1(sandbox)
    for ids, status in ((",".join(str(10**18 + n) for n in range(101)), 400), ("12a", 400), ("", 400)):
        r = requests.get(f"{api}/2/tweets", params={"ids": ids, "tweet.fields": "public_metrics"}, auth=auth,
                         timeout=TIMEOUT)
        assert r.status_code == status and r.json()["title"] == "Invalid Request"
    r = requests.get(f"{api}/2/tweets", params={"ids": "1880000000000000001"}, auth=auth, timeout=TIMEOUT)
    assert r.status_code == 200 and "data" not in r.json() and r.json()["errors"][0]["resource_id"] == \
        "1880000000000000001"
