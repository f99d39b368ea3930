"""The reads reconciliation depends on, served as the platforms document them (raw requests)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import requests

from sosmed.sandbox import start_sandbox
from sosmed.sandbox.seed import DEFAULT_SEED
from sosmed.sandbox.settings import SandboxSettings
from tests.sandbox.helpers import fault, google_token, state, x_bearer

TIMEOUT = 5


@pytest.fixture
def seeded(tmp_path: Path):  # noqa: ANN201
    handle = start_sandbox(tmp_path / "seeded", seed=DEFAULT_SEED, settings=SandboxSettings())
    try:
        yield handle
    finally:
        handle.stop()


def _yt(sb, path: str, **params: str) -> requests.Response:
    headers = {"Authorization": f"Bearer {google_token(sb)}"}
    return requests.get(f"{sb.env['SOSMED_YOUTUBE_API']}/youtube/v3/{path}", params=params, headers=headers,
                        timeout=TIMEOUT)


def _upload(sb, title: str) -> str:
    headers = {"Authorization": f"Bearer {google_token(sb)}"}
    start = requests.post(f"{sb.env['SOSMED_YOUTUBE_API']}/upload/youtube/v3/videos",
                          params={"uploadType": "resumable", "part": "snippet,status"},
                          json={"snippet": {"title": title, "categoryId": "25"}, "status": {"privacyStatus": "public"}},
                          headers={**headers, "X-Upload-Content-Length": "4"}, timeout=TIMEOUT)
    return requests.put(start.headers["Location"], data=b"abcd", headers=headers, timeout=TIMEOUT).json()["id"]


def test_youtube_channels_then_uploads_playlist_items_newest_first_paginated(sandbox) -> None:
    ids = [_upload(sandbox, f"Video {n}") for n in range(3)]
    channel_id = sandbox.env["SOSMED_YOUTUBE_CHANNEL_ID"]
    channels = _yt(sandbox, "channels", part="contentDetails,snippet", id=channel_id).json()
    [channel] = channels["items"]
    uploads = channel["contentDetails"]["relatedPlaylists"]["uploads"]
    assert channels["kind"] == "youtube#channelListResponse" and uploads == "UU" + channel_id[2:]
    assert _yt(sandbox, "channels", part="id", mine="true").json()["items"][0]["id"] == channel_id
    assert _yt(sandbox, "channels", part="id", id="UCsomeoneelse00000000000").json()["items"] == []
    assert _yt(sandbox, "channels", part="id").status_code == 400  # a filter is required

    first = _yt(sandbox, "playlistItems", part="snippet,contentDetails", playlistId=uploads, maxResults="2").json()
    assert first["kind"] == "youtube#playlistItemListResponse" and first["pageInfo"]["totalResults"] == 3
    rest = _yt(sandbox, "playlistItems", part="snippet,contentDetails", playlistId=uploads, maxResults="2",
               pageToken=first["nextPageToken"]).json()
    assert "nextPageToken" not in rest
    listed = [i["contentDetails"]["videoId"] for i in first["items"] + rest["items"]]
    assert listed == list(reversed(ids))
    item = first["items"][0]
    assert item["snippet"]["resourceId"] == {"kind": "youtube#video", "videoId": ids[2]}
    assert item["snippet"]["title"] == "Video 2" and item["snippet"]["playlistId"] == uploads
    assert _yt(sandbox, "playlistItems", part="snippet", playlistId="PLnotours").status_code == 404
    assert _yt(sandbox, "playlistItems", part="snippet", playlistId=uploads, maxResults="51").status_code == 400


def test_youtube_comments_list_by_parent_id(sandbox) -> None:
    video = _upload(sandbox, "Video tanya jawab")
    requests.post(f"{sandbox.base_url}/_sandbox/comments", json={"platform": "youtube", "post_id": video,
                                                                  "text": "Bisa daring?"}, timeout=TIMEOUT, headers=sandbox.admin_headers)
    [question] = state(sandbox, "youtube")["comments"]
    headers = {"Authorization": f"Bearer {google_token(sandbox)}"}
    reply = requests.post(f"{sandbox.env['SOSMED_YOUTUBE_API']}/youtube/v3/comments", params={"part": "snippet"},
                          json={"snippet": {"parentId": question["id"], "textOriginal": "Bisa."}}, headers=headers,
                          timeout=TIMEOUT).json()
    listed = _yt(sandbox, "comments", part="snippet", parentId=question["id"], textFormat="plainText").json()
    assert listed["kind"] == "youtube#commentListResponse"
    [item] = listed["items"]
    assert item["id"] == reply["id"] and item["snippet"]["textOriginal"] == "Bisa."
    assert item["snippet"]["authorChannelId"]["value"] == sandbox.env["SOSMED_YOUTUBE_CHANNEL_ID"]
    assert _yt(sandbox, "comments", part="snippet", parentId="UgNoSuch").status_code == 404
    both = _yt(sandbox, "comments", part="snippet", parentId=question["id"], id=reply["id"])
    assert both.status_code == 400


def test_instagram_media_listing_and_nested_replies_with_from(seeded) -> None:
    api, user = seeded.env["SOSMED_INSTAGRAM_API"], seeded.env["SOSMED_INSTAGRAM_USER_ID"]
    auth = {"Authorization": f"Bearer {seeded.env['SOSMED_INSTAGRAM_TOKEN']}"}
    media = requests.get(f"{api}/v26.0/{user}/media", params={"fields": "id,caption,timestamp,media_url"},
                         headers=auth, timeout=TIMEOUT)
    assert media.status_code == 200, media.text
    listed = media.json()["data"]
    assert len(listed) == 3 and all(p["media_url"].startswith(seeded.base_url) for p in listed)  # seeded media
    post = listed[0]  # newest first: the seeded post of yesterday, then those of 2020
    [question] = requests.get(f"{api}/v26.0/{post['id']}/comments", params={"fields": "id"}, headers=auth,
                              timeout=TIMEOUT).json()["data"]
    own = requests.post(f"{api}/v26.0/{question['id']}/replies", data={"message": "Syaratnya di situs."},
                        headers=auth, timeout=TIMEOUT).json()
    fields = "id,text,from,replies{id,text,username,timestamp,from}"
    [thread] = requests.get(f"{api}/v26.0/{post['id']}/comments", params={"fields": fields}, headers=auth,
                            timeout=TIMEOUT).json()["data"]
    [nested] = thread["replies"]["data"]
    assert nested["id"] == own["id"] and nested["from"] == {"id": user, "username": "bkdprovinsintt"}
    assert nested["text"] == "Syaratnya di situs." and "timestamp" in nested
    assert thread["from"]["id"] != user
    only_text = requests.get(f"{api}/v26.0/{post['id']}/comments", params={"fields": "id,replies{text}"},
                             headers=auth, timeout=TIMEOUT).json()["data"][0]["replies"]["data"][0]
    assert set(only_text) == {"id", "text"}  # exactly the nested fields asked for (and the id)


def test_x_user_timeline_pagination_and_filters(sandbox) -> None:
    api, user = sandbox.env["SOSMED_X_API"], sandbox.env["SOSMED_X_USER_ID"]
    headers = x_bearer(sandbox)
    ids = []
    for n in range(7):
        made = requests.post(f"{api}/2/tweets", json={"text": f"Pengumuman nomor {n}"}, headers=headers,
                             timeout=TIMEOUT)
        ids.append(made.json()["data"]["id"])
    reply = requests.post(f"{api}/2/tweets", json={"text": "Balasan.", "reply": {"in_reply_to_tweet_id": ids[0]}},
                          headers=headers, timeout=TIMEOUT).json()["data"]["id"]
    url = f"{api}/2/users/{user}/tweets"
    first = requests.get(url, params={"max_results": 5, "tweet.fields": "created_at,referenced_tweets"},
                         headers=headers, timeout=TIMEOUT).json()
    assert [p["id"] for p in first["data"]] == [reply, *reversed(ids[-4:])]
    assert first["data"][0]["referenced_tweets"] == [{"type": "replied_to", "id": ids[0]}]
    second = requests.get(url, params={"max_results": 5, "pagination_token": first["meta"]["next_token"]},
                          headers=headers, timeout=TIMEOUT).json()
    assert [p["id"] for p in second["data"]] == list(reversed(ids[:3])) and "next_token" not in second["meta"]
    no_replies = requests.get(url, params={"max_results": 100, "exclude": "replies"}, headers=headers,
                              timeout=TIMEOUT).json()
    assert reply not in [p["id"] for p in no_replies["data"]]
    since = requests.get(url, params={"since_id": ids[5]}, headers=headers, timeout=TIMEOUT).json()
    assert [p["id"] for p in since["data"]] == [reply, ids[6]]
    future = requests.get(url, params={"start_time": "2999-01-01T00:00:00Z"}, headers=headers, timeout=TIMEOUT)
    assert future.json() == {"meta": {"result_count": 0}}
    for bad in ({"max_results": 4}, {"max_results": 101}, {"exclude": "quotes"}, {"start_time": "kemarin"},
                {"pagination_token": base64.b64encode(b"\xff").decode()}):
        assert requests.get(url, params=bad, headers=headers, timeout=TIMEOUT).status_code == 400, bad


def test_an_armed_error_may_carry_retry_after(sandbox) -> None:
    fault(sandbox, platform="facebook", kind="503", retry_after=0)
    api, page = sandbox.env["SOSMED_FACEBOOK_API"], sandbox.env["SOSMED_FACEBOOK_PAGE_ID"]
    answer = requests.get(f"{api}/v26.0/{page}/published_posts",
                          headers={"Authorization": f"Bearer {sandbox.env['SOSMED_FACEBOOK_PAGE_TOKEN']}"},
                          timeout=TIMEOUT)
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "0"
    assert answer.json()["error"]["code"] == 2
