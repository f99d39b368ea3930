"""Google's own client (``google-api-python-client`` with ``google-auth``) drives the sandbox's YouTube API.

The client is built from the discovery document it ships, with the document's one hard-coded
host (``rootUrl``) rewritten to the sandbox's ``/youtube/`` prefix; google-auth refreshes its
access token at the sandbox's token endpoint. Everything else is the client as shipped: its
resumable upload (chunks of 256 KiB multiples, ``308`` + ``Range``, the status query after an
interruption), its query parameters, its retries and its error reading.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import googleapiclient
import httplib2
import pytest
import requests
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import Resource, build_from_document
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaFileUpload

from sosmed.sandbox import SandboxHandle
from tests.sandbox.fixtures import sandbox  # noqa: F401
from tests.sandbox.helpers import advance, calls, fault, jpeg, settings, state

CHUNK = 256 * 1024
SCOPES = ["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.force-ssl"]


def _discovery(sb: SandboxHandle) -> dict[str, Any]:
    path = Path(googleapiclient.__file__).parent / "discovery_cache" / "documents" / "youtube.v3.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["rootUrl"] = sb.env["SOSMED_YOUTUBE_API"] + "/"  # the one hard-coded host
    return doc


def _credentials(sb: SandboxHandle) -> Credentials:
    e = sb.env
    return Credentials(None, refresh_token=e["SOSMED_YOUTUBE_REFRESH_TOKEN"], client_id=e["SOSMED_YOUTUBE_CLIENT_ID"],
                       client_secret=e["SOSMED_YOUTUBE_CLIENT_SECRET"],
                       token_uri=f"{e['SOSMED_GOOGLE_OAUTH_API']}/token", scopes=SCOPES)


@pytest.fixture
def yt(sandbox) -> Resource:  # noqa: F811
    # As ``build()`` does it: an authorised httplib2 client that does not follow 308.
    return build_from_document(_discovery(sandbox), credentials=_credentials(sandbox))


def _video_file(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "video.mp4"
    path.write_bytes(os.urandom(size))
    return path


def _insert(yt: Resource, path: Path, title: str = "Mengenal Layanan Kepegawaian") -> Any:
    body = {"snippet": {"title": title, "description": "Video layanan BKD", "tags": ["BKD", "ASN NTT"],
                        "categoryId": "25"},
            "status": {"privacyStatus": "public", "selfDeclaredMadeForKids": False}}
    media = MediaFileUpload(str(path), mimetype="video/mp4", chunksize=CHUNK, resumable=True)
    return yt.videos().insert(part="snippet,status", body=body, media_body=media)


def test_resumable_upload_in_chunks(yt: Resource, sandbox, tmp_path: Path) -> None:  # noqa: F811
    path = _video_file(tmp_path, 3 * CHUNK + 1234)
    request = _insert(yt, path)
    response = None
    progress = []
    while response is None:
        status, response = request.next_chunk()
        if status:
            progress.append(status.resumable_progress)
    assert progress == [CHUNK, 2 * CHUNK, 3 * CHUNK]
    assert response["kind"] == "youtube#video" and response["snippet"]["title"] == "Mengenal Layanan Kepegawaian"
    [video] = state(sandbox, "youtube")["posts"]
    assert (sandbox.state_dir / video["file"]).read_bytes() == path.read_bytes()
    puts = [c for c in calls(sandbox, "youtube") if c["method"] == "PUT"]
    assert [c["status"] for c in puts] == [308, 308, 308, 201]


def test_upload_resumes_after_a_dropped_connection(yt: Resource, sandbox, tmp_path: Path) -> None:  # noqa: F811
    path = _video_file(tmp_path, 4 * CHUNK + 99)
    request = _insert(yt, path)
    status, response = request.next_chunk()
    assert status.resumable_progress == CHUNK and response is None
    # The next chunk is cut after 1000 bytes, and httplib2's own immediate retry of it too (a retry
    # would send the already-read chunk stream again); the client's status query finds where to go on.
    fault(sandbox, platform="youtube", kind="reset", method="PUT", path="/upload/youtube/v3/videos",
          after_bytes=1000)
    fault(sandbox, platform="youtube", kind="reset", method="PUT", path="/upload/youtube/v3/videos")
    with pytest.raises((ConnectionError, OSError, httplib2.HttpLib2Error)):
        request.next_chunk()
    while response is None:
        status, response = request.next_chunk()
    assert response["id"]
    [video] = state(sandbox, "youtube")["posts"]
    assert (sandbox.state_dir / video["file"]).read_bytes() == path.read_bytes()
    ranges = [c["content_range"] for c in calls(sandbox, "youtube") if c["method"] == "PUT"]
    assert f"bytes */{path.stat().st_size}" in ranges  # the status query of the protocol


def test_thumbnail_update_list_and_delete(yt: Resource, sandbox, tmp_path: Path) -> None:  # noqa: F811
    video = _insert(yt, _video_file(tmp_path, CHUNK)).execute()
    thumb = tmp_path / "thumb.jpg"
    thumb.write_bytes(jpeg(1280, 720))
    made = yt.thumbnails().set(videoId=video["id"], media_body=MediaFileUpload(str(thumb), mimetype="image/jpeg")
                               ).execute()
    assert made["kind"] == "youtube#thumbnailSetResponse" and made["items"][0]["high"]["url"]
    updated = yt.videos().update(part="snippet", body={"id": video["id"], "snippet": {
        "title": "Judul baru", "description": "Ralat", "categoryId": "25"}}).execute()
    assert updated["snippet"]["title"] == "Judul baru"
    [listed] = yt.videos().list(part="snippet,status", id=video["id"]).execute()["items"]
    assert listed["snippet"]["description"] == "Ralat" and listed["status"]["privacyStatus"] == "public"
    yt.videos().delete(id=video["id"]).execute()
    assert yt.videos().list(part="id", id=video["id"]).execute()["items"] == []


def test_channel_uploads_playlist(yt: Resource, tmp_path: Path) -> None:
    first = _insert(yt, _video_file(tmp_path, CHUNK), "Video pertama").execute()
    second = _insert(yt, _video_file(tmp_path, CHUNK), "Video kedua").execute()
    [channel] = yt.channels().list(part="snippet,contentDetails", mine=True).execute()["items"]
    uploads = channel["contentDetails"]["relatedPlaylists"]["uploads"]
    items = yt.playlistItems().list(part="snippet,contentDetails", playlistId=uploads, maxResults=1)
    seen = []
    while items is not None:
        page = items.execute()
        seen += [i["contentDetails"]["videoId"] for i in page["items"]]
        items = yt.playlistItems().list_next(items, page)
    assert seen == [second["id"], first["id"]]


def _citizen(sb: SandboxHandle, video_id: str, text: str) -> dict[str, Any]:
    r = requests.post(f"{sb.base_url}/_sandbox/comments", headers=sb.admin_headers, timeout=10,
                      json={"platform": "youtube", "post_id": video_id, "text": text, "author": "Penonton Contoh"})
    return r.json()


def test_comment_threads_and_the_channels_reply(yt: Resource, sandbox, tmp_path: Path) -> None:  # noqa: F811
    video = _insert(yt, _video_file(tmp_path, CHUNK)).execute()
    question = _citizen(sandbox, video["id"], "Apakah formulir bisa diisi daring?")
    own = yt.commentThreads().insert(part="snippet", body={"snippet": {
        "videoId": video["id"], "topLevelComment": {"snippet": {"textOriginal": "Silakan bertanya di sini."}}}}
    ).execute()
    assert own["snippet"]["topLevelComment"]["snippet"]["textOriginal"] == "Silakan bertanya di sini."
    reply = yt.comments().insert(part="snippet", body={"snippet": {
        "parentId": question["id"], "textOriginal": "Bisa, lewat situs BKD."}}).execute()
    assert reply["snippet"]["parentId"] == question["id"]
    threads = yt.commentThreads().list(part="snippet,replies", videoId=video["id"], textFormat="plainText").execute()
    asked = next(t for t in threads["items"] if t["id"] == question["id"])
    assert asked["snippet"]["totalReplyCount"] == 1
    assert asked["replies"]["comments"][0]["snippet"]["textOriginal"] == "Bisa, lewat situs BKD."
    [listed] = yt.comments().list(part="snippet", parentId=question["id"]).execute()["items"]
    assert listed["id"] == reply["id"]


def test_errors_as_the_client_reads_them(yt: Resource, sandbox, tmp_path: Path) -> None:  # noqa: F811
    with pytest.raises(HttpError) as bad_title:
        _insert(yt, _video_file(tmp_path, CHUNK), "Judul <tidak> sah").execute()
    assert bad_title.value.status_code == 400 and bad_title.value.reason == (
        "The request metadata specifies an invalid video title.")
    assert bad_title.value.error_details[0]["reason"] == "invalidTitle"
    fault(sandbox, platform="youtube", kind="quota", path="/youtube/v3/channels")
    with pytest.raises(HttpError) as quota:
        yt.channels().list(part="id", mine=True).execute()
    assert quota.value.status_code == 403 and quota.value.error_details[0]["reason"] == "quotaExceeded"
    fault(sandbox, platform="youtube", kind="503", path="/youtube/v3/channels")
    with pytest.raises(HttpError) as unavailable:
        yt.channels().list(part="id", mine=True).execute()
    assert unavailable.value.status_code == 503 and unavailable.value.error_details[0]["reason"] == "backendError"
    assert yt.channels().list(part="id", mine=True).execute()["items"]


def test_video_statistics_and_the_daily_quota(yt: Resource, sandbox, tmp_path: Path) -> None:  # noqa: F811
    first = _insert(yt, _video_file(tmp_path, CHUNK), "Statistik pertama").execute()
    second = _insert(yt, _video_file(tmp_path, CHUNK), "Statistik kedua").execute()
    _citizen(sandbox, first["id"], "Videonya jelas, terima kasih.")
    advance(sandbox, 2 * 86400)  # views grow with the video's age on the sandbox's clock
    listed = yt.videos().list(part="statistics", id=f"{first['id']},{second['id']},tidakada").execute()
    stats = {item["id"]: item["statistics"] for item in listed["items"]}
    assert set(stats) == {first["id"], second["id"]}, "an id that does not exist is left out"
    assert stats[first["id"]]["commentCount"] == "1" and int(stats[first["id"]]["viewCount"]) > 0
    assert all(isinstance(v, str) for v in stats[first["id"]].values()), "counts are strings, as YouTube writes them"
    settings(sandbox, yt_daily_units=0)  # the day's 10,000 units are spent
    with pytest.raises(HttpError) as spent:
        yt.videos().list(part="statistics", id=first["id"]).execute()
    assert spent.value.status_code == 403 and spent.value.error_details[0]["reason"] == "quotaExceeded"
