"""YouTube adapter, Data API v3 (reference §4).

``videos.insert`` follows the resumable protocol exactly: a session is started with
the metadata, the file is sent in chunks that are multiples of 256 KiB, each answered
by ``308`` + ``Range``; after a failure the client asks where the upload stands
(``bytes */TOTAL``) and resumes from there; ``404`` means the session expired and the
upload starts over. The OAuth access token is refreshed from the client id, client
secret and refresh token, and registered for redaction as soon as it is issued.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import requests

from sosmed.http.responses import json_body, request_id
from sosmed.http.session import SosmedSession
from sosmed.http.streams import FileSlice
from sosmed.i18n import t
from sosmed.platforms.base import Comment, MediaFile, Message, PlatformAdapter, Receipt, parse_time, utcnow
from sosmed.platforms.credentials import GOOGLE_OAUTH_VAR, SECRET_VARS
from sosmed.platforms.errors import (
    AuthError,
    InvalidRequestError,
    PlatformError,
    QuotaError,
    RetryableError,
    network_error,
)
from sosmed.platforms.metrics import PostMetrics, PostRef, all_missing, count, read_batches
from sosmed.platforms.waits import server_wait
from sosmed.platforms.youtube_upload import CHUNK_UNIT, DEFAULT_CHUNK, ResumableUpload
from sosmed.redaction import register, register_env

log = logging.getLogger("sosmed.platforms.youtube")

DEFAULT_API = "https://www.googleapis.com"
DEFAULT_WEB = "https://www.youtube.com"  # where a citizen sees a video (the sandbox points it at its web view)
DEFAULT_OAUTH = "https://oauth2.googleapis.com"
MAX_PAGES = 5
STATISTICS_BATCH = 50  # ids per videos.list
# Our numbers → the video's ``statistics``; YouTube leaves a count out when the owner hid it
# (likes) or turned comments off.
STATISTICS = {"views": "viewCount", "likes": "likeCount", "comments": "commentCount"}
QUOTA_REASONS = frozenset({"quotaExceeded", "uploadLimitExceeded", "dailyLimitExceeded"})
RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
# Refresh a little before the token's stated expiry, so it does not run out mid-call.
EXPIRY_MARGIN = 60.0


class YouTubeAdapter(PlatformAdapter):
    """Upload to and read from one YouTube channel.

    ``chunk_size`` must be a multiple of 256 KiB; ``category_id`` is the video
    category sent with each upload ("25" is News & Politics).
    """

    name = "youtube"

    def __init__(self, env: Mapping[str, str], session: SosmedSession, *, chunk_size: int = DEFAULT_CHUNK,
                 category_id: str = "25") -> None:
        super().__init__()
        if chunk_size <= 0 or chunk_size % CHUNK_UNIT:
            raise InvalidRequestError("platforms.error.bad_chunk_size", platform=self.name, size=chunk_size)
        register_env(env, SECRET_VARS)
        self.session = session
        self.api = (env.get("SOSMED_YOUTUBE_API") or DEFAULT_API).rstrip("/")
        self.web = (env.get("SOSMED_YOUTUBE_WEB") or DEFAULT_WEB).rstrip("/")
        self.oauth = (env.get(GOOGLE_OAUTH_VAR) or DEFAULT_OAUTH).rstrip("/")
        self.channel_id = env["SOSMED_YOUTUBE_CHANNEL_ID"]
        self._client_id = env["SOSMED_YOUTUBE_CLIENT_ID"]
        self._client_secret = env["SOSMED_YOUTUBE_CLIENT_SECRET"]
        self._refresh_token = env["SOSMED_YOUTUBE_REFRESH_TOKEN"]
        self.chunk_size = chunk_size
        self.category_id = category_id
        self._access: str | None = None
        self._expires_at = 0.0

    # -- auth ---------------------------------------------------------------------------
    def _token(self) -> str:
        if self._access is None or time.time() >= self._expires_at - EXPIRY_MARGIN:
            self._refresh()
        assert self._access is not None
        return self._access

    def _refresh(self) -> None:
        response = self.session.call(
            "POST", f"{self.oauth}/token", network_error=network_error(self.name), parse_error=self._parse_oauth, idempotent=True,
            data={"grant_type": "refresh_token", "client_id": self._client_id,
                  "client_secret": self._client_secret, "refresh_token": self._refresh_token})
        body = json_body(response)
        token = str(body.get("access_token") or "")
        if not token:
            raise AuthError(env_var="SOSMED_YOUTUBE_REFRESH_TOKEN", platform=self.name,
                            status=response.status_code)
        register(token)
        self._access = token
        self._expires_at = time.time() + float(body.get("expires_in") or 3600)

    def _parse_oauth(self, response: requests.Response) -> PlatformError:
        body = json_body(response)
        error = body.get("error")
        code = error if isinstance(error, str) else None
        common: dict[str, Any] = {"platform": self.name, "status": response.status_code, "request_id": request_id(response),
                  "code": code, "detail": body.get("error_description") or code}
        if response.status_code >= 500 or response.status_code == 429:
            return RetryableError("platforms.error.server", wait=server_wait(response.headers), **common)
        if code == "invalid_client":
            return AuthError(env_var="SOSMED_YOUTUBE_CLIENT_SECRET", **common)
        if response.status_code in (400, 401, 403):
            return AuthError(env_var="SOSMED_YOUTUBE_REFRESH_TOKEN", **common)
        return InvalidRequestError(**common)

    # -- plumbing -----------------------------------------------------------------------
    def _parse(self, response: requests.Response) -> PlatformError:
        body = json_body(response)
        found = body.get("error")
        error: dict[str, Any] = found if isinstance(found, dict) else {}
        items = error.get("errors") if isinstance(error.get("errors"), list) else []
        reason = str((items[0] if items and isinstance(items[0], dict) else {}).get("reason") or "")
        status = response.status_code
        common: dict[str, Any] = {"platform": self.name, "status": status, "request_id": request_id(response),
                  "code": reason or error.get("status"), "detail": error.get("message")}
        if reason in QUOTA_REASONS:
            return self._remember_quota(QuotaError(**common))
        if status == 401:
            return AuthError(env_var="SOSMED_YOUTUBE_REFRESH_TOKEN", **common)
        if reason in RATE_REASONS or status == 429:
            return RetryableError("platforms.error.rate_limited", wait=server_wait(response.headers), **common)
        if status >= 500:
            return RetryableError("platforms.error.server", wait=server_wait(response.headers), **common)
        if reason == "insufficientPermissions":
            return AuthError("platforms.error.permission", env_var="SOSMED_YOUTUBE_REFRESH_TOKEN", **common)
        if status == 404:
            return InvalidRequestError("platforms.error.not_found", **common)
        return InvalidRequestError(**common)

    def _call(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        extra = kwargs.pop("headers", {})
        for attempt in range(2):
            headers = {"Authorization": f"Bearer {self._token()}", **extra}
            try:
                return self.session.call(method, url, network_error=network_error(self.name), parse_error=self._parse,
                                         headers=headers, **kwargs)
            except AuthError:
                if attempt:
                    raise
                # The access token may have been revoked or expired early: refresh once.
                self._access = None
        raise AssertionError("unreachable")

    # -- publishing ------------------------------------------------------------------------
    def publish(self, message: Message) -> Receipt:
        """Upload the message's one video with its metadata, then set its thumbnail if given."""
        self._guard_quota()
        videos = [m for m in message.media if m.kind == "video"]
        if len(videos) != 1 or len(message.media) != 1:
            raise InvalidRequestError("platforms.error.needs_video", platform=self.name)
        video = self._upload(videos[0], self.metadata(message))
        video_id = str(video["id"])
        raw = dict(video)
        if message.thumbnail is not None:
            try:
                raw["thumbnail"] = self._set_thumbnail(video_id, message.thumbnail)
            except PlatformError as error:
                # The video is up; failing the publish now would make the caller post it twice.
                log.warning(t("platforms.log.thumbnail_failed", video_id=video_id, error=str(error)))
                raw["thumbnail_error"] = str(error)
        return Receipt(platform=self.name, id=video_id, url=f"{self.web}/watch?v={video_id}",
                       time=utcnow(), raw=raw)

    def metadata(self, message: Message, video_id: str | None = None) -> dict[str, Any]:
        """The ``videos`` resource body (snippet + status) for ``message``."""
        title = message.title
        if not title:
            first_line = message.text.strip().splitlines()[0] if message.text.strip() else ""
            title = first_line[:100]
        description = message.text
        if message.link and message.link not in description:
            description = f"{description}\n\n{message.link}"
        snippet: dict[str, Any] = {"title": title, "description": description, "categoryId": self.category_id}
        if message.tags:
            snippet["tags"] = list(message.tags)
        status: dict[str, Any] = {"privacyStatus": message.privacy or "public", "selfDeclaredMadeForKids": False}
        if message.schedule_at is not None and message.schedule_at > utcnow():
            # publishAt only works on a private video; it turns public at that time.
            status["privacyStatus"] = "private"
            status["publishAt"] = message.schedule_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        body: dict[str, Any] = {"snippet": snippet, "status": status}
        if video_id:
            body["id"] = video_id
        return body

    def _upload(self, media: MediaFile, metadata: dict[str, Any]) -> dict[str, Any]:
        return ResumableUpload(self._call, self.session, self.api, self.chunk_size).send(media, metadata)

    def _set_thumbnail(self, video_id: str, path: Any) -> dict[str, Any]:
        mime = "image/png" if str(path).lower().endswith(".png") else "image/jpeg"
        response = self._call("POST", f"{self.api}/upload/youtube/v3/thumbnails/set",
                              params={"videoId": video_id, "uploadType": "media"}, headers={"Content-Type": mime},
                              body=lambda: FileSlice(path), idempotent=True)
        return json_body(response)

    # -- the rest ------------------------------------------------------------------------------
    def update(self, post_id: str, message: Message) -> Receipt:
        """Replace a video's title, description, tags (and privacy, when given)."""
        body = self.metadata(message, post_id)
        parts = "snippet,status"
        if not message.privacy and message.schedule_at is None:
            del body["status"]
            parts = "snippet"
        response = self._call("PUT", f"{self.api}/youtube/v3/videos", params={"part": parts}, json=body)
        return Receipt(platform=self.name, id=post_id, url=f"{self.web}/watch?v={post_id}",
                       time=utcnow(), raw=json_body(response))

    def delete(self, post_id: str) -> None:
        """Delete a video."""
        self._call("DELETE", f"{self.api}/youtube/v3/videos", params={"id": post_id})

    def reply(self, comment_id: str, text: str) -> Receipt:
        """Reply to a top-level comment as the channel."""
        self._guard_quota()
        response = self._call("POST", f"{self.api}/youtube/v3/comments", params={"part": "snippet"},
                              json={"snippet": {"parentId": comment_id, "textOriginal": text}}, idempotent=False)
        raw = json_body(response)
        return Receipt(platform=self.name, id=str(raw["id"]), url=None, time=utcnow(), raw=raw)

    def comments(self, since: str | None) -> tuple[list[Comment], str | None]:
        """Comments and replies on the channel's videos newer than the ``since`` timestamp."""
        after = parse_time(since) if since else None
        params = {"part": "snippet,replies", "allThreadsRelatedToChannelId": self.channel_id, "maxResults": "100",
                  "order": "time", "textFormat": "plainText"}
        found: list[Comment] = []
        for _ in range(MAX_PAGES):
            raw = json_body(self._call("GET", f"{self.api}/youtube/v3/commentThreads", params=params))
            fresh = 0
            for thread in raw.get("items") or []:
                snippet = thread.get("snippet") or {}
                top = snippet.get("topLevelComment") or {}
                video_id = snippet.get("videoId")
                entries = [(top, None)] + [(r, top.get("id")) for r in (thread.get("replies") or {}).get("comments", [])]
                for entry, parent in entries:
                    comment = self._comment(entry, video_id, parent)
                    if comment is not None and (after is None or comment.created_time > after):
                        found.append(comment)
                        fresh += 1
            token = raw.get("nextPageToken")
            if not token or not fresh:
                break
            params["pageToken"] = token
        found.sort(key=lambda c: c.created_time)
        cursor = found[-1].created_time.isoformat() if found else since
        return found, cursor

    def _comment(self, item: dict[str, Any], video_id: str | None, parent: str | None) -> Comment | None:
        snippet = item.get("snippet") or {}
        author_id = (snippet.get("authorChannelId") or {}).get("value")
        if not item.get("id") or author_id == self.channel_id:
            return None
        video = video_id or snippet.get("videoId")
        return Comment(platform=self.name, id=str(item["id"]),
                       text=snippet.get("textOriginal") or snippet.get("textDisplay") or "",
                       author=snippet.get("authorDisplayName"), author_id=author_id,
                       created_time=parse_time(snippet.get("publishedAt")), post_id=video,
                       permalink=f"{self.web}/watch?v={video}&lc={item['id']}" if video else None,
                       parent_id=parent or snippet.get("parentId"))

    def recent_posts(self, limit: int = 50, since: datetime | None = None) -> list[dict[str, Any]]:
        """The channel's latest uploads, newest first: ``channels.list`` → uploads playlist → ``playlistItems.list``."""
        channels = json_body(self._call("GET", f"{self.api}/youtube/v3/channels",
                                        params={"part": "contentDetails", "id": self.channel_id}))
        items = channels.get("items") or []
        playlist = (((items[0] if items else {}).get("contentDetails") or {}).get("relatedPlaylists") or {}).get(
            "uploads")
        if not playlist:
            return []
        params = {"part": "snippet,contentDetails", "playlistId": playlist, "maxResults": str(min(max(limit, 1), 50))}
        posts: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            raw = json_body(self._call("GET", f"{self.api}/youtube/v3/playlistItems", params=params))
            for item in raw.get("items") or []:
                post = _upload(item, self.web)
                if since is not None and parse_time(post["created_time"]) < since:
                    return posts
                posts.append(post)
                if len(posts) >= limit:
                    return posts
            token = raw.get("nextPageToken")
            if not token:
                break
            params["pageToken"] = token
        return posts

    def own_replies(self, comment_id: str) -> list[Comment]:
        """The channel's own replies to a top-level comment (``comments.list`` with ``parentId``)."""
        params = {"part": "snippet", "parentId": comment_id, "maxResults": "100", "textFormat": "plainText"}
        found: list[Comment] = []
        for _ in range(MAX_PAGES):
            raw = json_body(self._call("GET", f"{self.api}/youtube/v3/comments", params=params))
            for item in raw.get("items") or []:
                snippet = item.get("snippet") or {}
                if (snippet.get("authorChannelId") or {}).get("value") != self.channel_id:
                    continue
                found.append(Comment(platform=self.name, id=str(item["id"]),
                                     text=snippet.get("textOriginal") or snippet.get("textDisplay") or "",
                                     author=snippet.get("authorDisplayName"), author_id=self.channel_id,
                                     created_time=parse_time(snippet.get("publishedAt")), post_id=snippet.get("videoId"),
                                     permalink=None, parent_id=comment_id))
            token = raw.get("nextPageToken")
            if not token:
                break
            params["pageToken"] = token
        return found

    def post_exists(self, post_id: str) -> bool:
        """Whether the video still exists (``videos.list`` by id)."""
        raw = json_body(self._call("GET", f"{self.api}/youtube/v3/videos", params={"part": "id", "id": post_id}))
        return bool(raw.get("items"))

    def insights(self, posts: Sequence[PostRef]) -> list[PostMetrics]:
        """The videos' ``statistics`` (views, likes, comments), 50 ids per ``videos.list`` (1 quota unit each)."""
        return read_batches(self.name, posts, STATISTICS_BATCH, self._statistics)

    def _statistics(self, batch: Sequence[PostRef]) -> list[PostMetrics]:
        raw = json_body(self._call("GET", f"{self.api}/youtube/v3/videos",
                                   params={"part": "statistics", "id": ",".join(p.id for p in batch)}))
        found = {str(item.get("id")): item.get("statistics") or {} for item in raw.get("items") or []}
        out = []
        for post in batch:
            stats = found.get(post.id)
            if stats is None:  # videos.list leaves out an id it does not find
                out.append(all_missing(self.name, post, "deleted"))
                continue
            values = {m: n for m, key in STATISTICS.items() if (n := count(stats.get(key))) is not None}
            out.append(PostMetrics(self.name, post.id, values, {m: "hidden" for m in STATISTICS if m not in values}))
        return out


def _upload(item: dict[str, Any], web: str) -> dict[str, Any]:
    snippet = item.get("snippet") or {}
    details = item.get("contentDetails") or {}
    video_id = details.get("videoId") or (snippet.get("resourceId") or {}).get("videoId")
    return {"id": video_id, "text": snippet.get("title", ""),
            "created_time": details.get("videoPublishedAt") or snippet.get("publishedAt"),
            "url": f"{web}/watch?v={video_id}"}

