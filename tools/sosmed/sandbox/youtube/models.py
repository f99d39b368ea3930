"""The YouTube channel's state: videos, upload sessions, comments, access tokens and the daily quota.

No HTTP here: the views (:mod:`sosmed.sandbox.youtube.views`) read requests and shape answers.
"""

from __future__ import annotations

import secrets
import string
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sosmed.sandbox import engagement
from sosmed.sandbox.errors import google_error, google_quota_exceeded
from sosmed.sandbox.state import Store

# Quota cost of each method (§4.0); videos.insert is counted in its own bucket or as units.
COSTS = {"videos.list": 1, "videos.update": 50, "videos.delete": 50, "thumbnails.set": 50,
         "commentThreads.list": 1, "commentThreads.insert": 50, "comments.list": 1, "comments.insert": 50,
         "channels.list": 1, "playlistItems.list": 1}
PACIFIC = ZoneInfo("America/Los_Angeles")
_ID_CHARS = string.ascii_letters + string.digits + "-_"


def account(store: Store) -> dict[str, Any]:
    """The channel's ids and OAuth client."""
    return store.accounts["youtube"]


def data(store: Store) -> dict[str, Any]:
    """The channel's objects."""
    return store.data["youtube"]


def new_video_id() -> str:
    """An 11-character video id."""
    return "".join(secrets.choice(_ID_CHARS) for _ in range(11))


def charge(store: Store, method: str) -> None:
    """Count a call's quota cost; a call over the day's quota (reset at midnight Pacific) is refused."""
    s = store.settings
    with store.lock:
        quota = data(store)["quota"]
        day = datetime.fromtimestamp(store.now(), PACIFIC).date().isoformat()
        if quota["day"] != day:
            quota.update(day=day, units=0, inserts=0)
        if method == "videos.insert" and s.yt_quota_model == "buckets":
            if quota["inserts"] + 1 > s.yt_daily_inserts:
                raise google_quota_exceeded()
            quota["inserts"] += 1
        else:
            cost = s.yt_insert_units if method == "videos.insert" else COSTS[method]
            if quota["units"] + cost > s.yt_daily_units:
                raise google_quota_exceeded()
            quota["units"] += cost
        store.save()


def find_video(store: Store, video_id: str, reason: str = "videoNotFound") -> dict[str, Any]:
    """A video that exists; else Google's 404 with ``reason``."""
    video = next((v for v in data(store)["posts"] if v["id"] == video_id and not v.get("deleted")), None)
    if video is None:
        raise google_error(404, reason, "The video that you are trying to use cannot be found.",
                           domain="youtube.video", location="id")
    return video


def apply_metadata(video: dict[str, Any], body: dict[str, Any], unverified: bool) -> None:
    """Take the snippet and status of a (checked) video resource; an unaudited project uploads private."""
    snippet = body.get("snippet") or {}
    status = body.get("status") or {}
    for key in ("title", "description", "tags", "categoryId", "defaultLanguage"):
        if key in snippet:
            video[key] = snippet[key]
    if status:
        video["privacyStatus"] = status.get("privacyStatus", video.get("privacyStatus", "private"))
        video["publishAt"] = status.get("publishAt")
        if "selfDeclaredMadeForKids" in status:
            video["madeForKids"] = bool(status["selfDeclaredMadeForKids"])
    if unverified:
        video["privacyStatus"] = "private"


def finish_upload(store: Store, session: dict[str, Any]) -> dict[str, Any]:
    """The video an upload session made once all its bytes arrived."""
    path = store.dir / session["file"]
    with path.open("r+b") as fh:
        fh.truncate(session["total"])
    video = {"id": new_video_id(), "title": "", "description": "", "tags": [], "categoryId": None,
             "privacyStatus": "public", "publishAt": None, "madeForKids": None, "created_time": store.now(),
             "file": session["file"], "size": session["total"], "deleted": False, "thumbnail": None}
    apply_metadata(video, session["metadata"], store.settings.yt_unverified_project)
    data(store)["posts"].append(video)
    session["video_id"] = video["id"]
    return video


def add_comment(store: Store, video_id: str, text: str, author: dict[str, str], parent_id: str | None,
                by_channel: bool = False, comment_id: str | None = None, when: float | None = None) -> dict[str, Any]:
    """Store a comment (citizen or channel); a reply's id is ``<parent>.<reply>`` as on YouTube."""
    suffix = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(22))
    cid = comment_id or (f"{parent_id}.{suffix}" if parent_id else "Ug" + suffix)
    comment = {"id": cid, "video_id": video_id, "parent_id": parent_id, "text": text, "author": author,
               "created_time": store.now() if when is None else when, "by_channel": by_channel, "deleted": False}
    data(store)["comments"].append(comment)
    return comment


def uploads_playlist(channel_id: str) -> str:
    """A channel's uploads playlist id: ``UU`` + the channel id after its ``UC``."""
    return "UU" + channel_id[2:]


def statistics(store: Store, video: dict[str, Any]) -> dict[str, str]:
    """The video's ``statistics`` now, counts as strings as YouTube writes them: comments are the comments
    the sandbox holds, views and likes grow with the video's age."""
    numbers = engagement.counts("youtube", video.get("title") or video["id"],
                                engagement.age(store.now(), video["created_time"]))
    comments = sum(1 for c in data(store)["comments"] if c["video_id"] == video["id"] and not c.get("deleted"))
    found = {"viewCount": str(numbers["views"]), "likeCount": str(numbers["likes"]), "favoriteCount": "0",
             "commentCount": str(comments)}
    # A count the owner hid (likes) or turned off (comments) is left out, as YouTube leaves it out.
    return {k: v for k, v in found.items() if k not in store.settings.yt_hidden_statistics}
