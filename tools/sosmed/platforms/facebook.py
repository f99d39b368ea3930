"""Facebook Page adapter (Graph API, reference §1).

Text/link posts on ``/feed``, single photos on ``/photos`` (multipart, streamed),
multi-photo posts (unpublished photos + ``attached_media``), edit, delete, replies and
comments. Videos use the Resumable Upload API the reference recommends (§1.4: an
upload session on the app, bytes sent from ``file_offset``, resumed from the offset
the server reports, then published on ``/videos`` with the file handle) when
``SOSMED_FACEBOOK_APP_ID`` and ``SOSMED_FACEBOOK_USER_TOKEN`` are set, and the legacy
chunked start/transfer/finish flow otherwise (it needs only the Page token).
Tokens travel in the ``Authorization`` header, never in a URL, so they cannot end up
in a log line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sosmed.http.responses import json_body
from sosmed.http.session import SosmedSession
from sosmed.http.streams import FileSlice, Progress, multipart
from sosmed.platforms.base import Comment, MediaFile, Message, PlatformAdapter, Receipt, parse_time, utcnow
from sosmed.platforms.credentials import SECRET_VARS
from sosmed.platforms.errors import InvalidRequestError, PlatformError, RetryableError, network_error
from sosmed.platforms.graph import graph_error_parser, normalise_version
from sosmed.platforms.graph_metrics import MetricNames
from sosmed.platforms.metrics import METRICS, PostMetrics, PostRef, count, empty_reason, read_each
from sosmed.redaction import register_env

DEFAULT_API = "https://graph.facebook.com"
DEFAULT_VIDEO_API = "https://graph-video.facebook.com"
# Where a citizen sees the Page's posts; the sandbox's credentials.env points it at its web view.
DEFAULT_WEB = "https://www.facebook.com"
DEFAULT_GRAPH_VERSION = "v26.0"
# Comments are read from this many recent posts: older posts rarely get new questions.
COMMENT_SCAN_POSTS = 25
MAX_PAGES = 20
# Our numbers → Page post insights metrics, newest name first: Meta replaced the impressions
# metrics by "views" and "viewers" in 2025; an older Graph version takes the older names.
POST_METRICS: dict[str, tuple[str, ...]] = {
    "reach": ("post_total_media_view_unique", "post_impressions_unique"),
    "views": ("post_media_view", "post_impressions"),
    "reactions": ("post_reactions_by_type_total",),
    "clicks": ("post_clicks",),
}


class FacebookAdapter(PlatformAdapter):
    """Publish to and read from one Facebook Page with a Page access token."""

    name = "facebook"

    def __init__(self, env: Mapping[str, str], session: SosmedSession) -> None:
        super().__init__()
        register_env(env, SECRET_VARS)
        self.session = session
        self.page_id = env["SOSMED_FACEBOOK_PAGE_ID"]
        self._token = env["SOSMED_FACEBOOK_PAGE_TOKEN"]
        self.app_id = env.get("SOSMED_FACEBOOK_APP_ID") or None
        self._user_token = env.get("SOSMED_FACEBOOK_USER_TOKEN") or None
        self.version = normalise_version(env.get("SOSMED_FACEBOOK_GRAPH_VERSION"), DEFAULT_GRAPH_VERSION)
        override = env.get("SOSMED_FACEBOOK_API")
        self.api = f"{(override or DEFAULT_API).rstrip('/')}/{self.version}"
        # graph-video is the real upload host; an override (the sandbox) serves both.
        self.video_api = f"{(override or DEFAULT_VIDEO_API).rstrip('/')}/{self.version}"
        self.web = (env.get("SOSMED_FACEBOOK_WEB") or DEFAULT_WEB).rstrip("/")
        self._parse = graph_error_parser(self.name, "SOSMED_FACEBOOK_PAGE_TOKEN")
        self._metric_names = MetricNames(POST_METRICS)
        self._followers: int | None = None
        self._followers_read = False

    # -- plumbing -------------------------------------------------------------
    def _call(self, method: str, path: str, *, base: str | None = None, **kwargs: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._token}", **kwargs.pop("headers", {})}
        response = self.session.call(method, f"{base or self.api}/{path}", network_error=network_error(self.name),
                                     parse_error=self._parse, headers=headers, **kwargs)
        return json_body(response)

    def _upload_photo(self, media: MediaFile, fields: dict[str, str]) -> dict[str, Any]:
        content_type, body = multipart(list(fields.items()), "source", media.path.name, media.mime,
                                       lambda: FileSlice(media.path))
        return self._call("POST", f"{self.page_id}/photos", body=body, headers={"Content-Type": content_type},
                          idempotent=False)

    @staticmethod
    def _schedule(when: datetime | None) -> dict[str, str]:
        if when is None or when <= utcnow():
            return {}
        return {"published": "false", "scheduled_publish_time": str(int(when.timestamp()))}

    def _receipt(self, post_id: str, raw: dict[str, Any], url: str | None = None) -> Receipt:
        return Receipt(platform=self.name, id=post_id, url=url or f"{self.web}/{post_id}",
                       time=utcnow(), raw=raw)

    # -- operations -------------------------------------------------------------
    def publish(self, message: Message) -> Receipt:
        """Post text/link, one photo, several photos, or one video to the Page."""
        images = [m for m in message.media if m.kind == "image"]
        videos = [m for m in message.media if m.kind == "video"]
        if images and videos:
            raise InvalidRequestError("platforms.error.media_mix", platform=self.name)
        if len(videos) > 1:
            raise InvalidRequestError("platforms.error.too_many_media", platform=self.name, limit=1,
                                      count=len(videos))
        schedule = self._schedule(message.schedule_at)
        if videos:
            return self._publish_video(message, schedule)
        if len(images) == 1:
            return self._publish_photo(message, schedule)
        if images:
            return self._publish_photos(message, schedule)
        data = {"message": message.text, **schedule}
        if message.link:
            data["link"] = message.link
        raw = self._call("POST", f"{self.page_id}/feed", data=data, idempotent=False)
        return self._receipt(str(raw["id"]), raw)

    def _publish_photo(self, message: Message, schedule: dict[str, str]) -> Receipt:
        media = message.media[0]
        fields = {"caption": _with_link(message), **schedule}
        if media.alt:
            fields["alt_text_custom"] = media.alt
        raw = self._upload_photo(media, fields)
        return self._receipt(str(raw.get("post_id") or raw["id"]), raw)

    def _publish_photos(self, message: Message, schedule: dict[str, str]) -> Receipt:
        photo_ids: list[str] = []
        for media in message.media:
            fields = {"published": "false"}
            if schedule:
                # Unpublished photos of a scheduled post must be temporary (reference §1.3).
                fields["temporary"] = "true"
            if media.alt:
                fields["alt_text_custom"] = media.alt
            photo_ids.append(str(self._upload_photo(media, fields)["id"]))
        data = {"message": _with_link(message), **schedule}
        for index, photo_id in enumerate(photo_ids):
            data[f"attached_media[{index}]"] = json.dumps({"media_fbid": photo_id})
        raw = self._call("POST", f"{self.page_id}/feed", data=data, idempotent=False)
        return self._receipt(str(raw["id"]), {**raw, "photo_ids": photo_ids})

    def _publish_video(self, message: Message, schedule: dict[str, str]) -> Receipt:
        media = next(m for m in message.media if m.kind == "video")
        if self.app_id and self._user_token:
            return self._publish_video_resumable(media, message, schedule)
        return self._publish_video_chunked(media, message, schedule)

    def _publish_video_resumable(self, media: MediaFile, message: Message, schedule: dict[str, str]) -> Receipt:
        size = media.path.stat().st_size
        user_auth = {"Authorization": f"OAuth {self._user_token}"}
        # A session that never completes is dropped by the platform: starting again is harmless.
        started = self._call("POST", f"{self.app_id}/uploads", idempotent=True,
                             headers={"Authorization": f"Bearer {self._user_token}"},
                             data={"file_name": media.path.name, "file_length": str(size),
                                   "file_type": media.mime})
        session_id = str(started["id"])
        url = f"{self.api}/{session_id}"
        policy = self.session.policy
        progress = self.session.progress(self.name, media.path.name, size)
        offset, failures, handle = 0, 0, None
        try:
            while handle is None:
                try:
                    raw = self._call("POST", session_id, retry=False, idempotent=True,
                                     headers={**user_auth, "file_offset": str(offset),
                                              "Content-Type": "application/octet-stream"},
                                     body=lambda start=offset: FileSlice(media.path, start, None, progress))
                except RetryableError as error:
                    failures += 1
                    wait = policy.wait_for(failures - 1, error.wait) if failures < policy.max_attempts else None
                    if wait is None:
                        raise
                    policy.sleep(wait)
                    # Resume from what the server holds, not from what we think we sent.
                    status = json_body(self.session.call("GET", url, network_error=network_error(self.name), parse_error=self._parse,
                                                         headers=user_auth))
                    offset = int(status.get("file_offset") or 0)
                    continue
                handle = raw.get("h")
                if handle is None:
                    new_offset = int(raw.get("file_offset") or offset)
                    failures = 0 if new_offset > offset else failures + 1
                    if failures >= policy.max_attempts:
                        # The server keeps answering without taking bytes: do not loop for ever.
                        raise RetryableError("platforms.error.server", platform=self.name)
                    offset = new_offset
        finally:
            progress.close()
        data = {"title": message.title or "", "description": _with_link(message),
                "fbuploader_video_file_chunk": str(handle), **schedule}
        raw = self._call("POST", f"{self.page_id}/videos", base=self.video_api, data=data, idempotent=False)
        video_id = str(raw["id"])
        return self._receipt(video_id, {**raw, "upload_session": session_id},
                             url=f"{self.web}/{self.page_id}/videos/{video_id}")

    def _publish_video_chunked(self, media: MediaFile, message: Message, schedule: dict[str, str]) -> Receipt:
        size = media.path.stat().st_size
        endpoint = f"{self.page_id}/videos"
        # A started session that never receives bytes is abandoned by the platform, so a
        # start whose answer was lost may be repeated.
        start = self._call("POST", endpoint, base=self.video_api, idempotent=True,
                           data={"upload_phase": "start", "file_size": str(size)})
        session_id = str(start["upload_session_id"])
        begin, end = int(start["start_offset"]), int(start["end_offset"])
        progress = self.session.progress(self.name, media.path.name, size)
        try:
            while begin < end:
                begin, end = self._transfer(media, session_id, begin, end, progress)
        finally:
            progress.close()
        finish = {"upload_phase": "finish", "upload_session_id": session_id,
                  "title": message.title or "", "description": _with_link(message), **schedule}
        raw = self._call("POST", endpoint, base=self.video_api, data=finish, idempotent=True)
        video_id = str(start.get("video_id") or raw.get("video_id") or raw.get("id"))
        return self._receipt(video_id, {**raw, "video_id": video_id, "upload_session_id": session_id},
                             url=f"{self.web}/{self.page_id}/videos/{video_id}")

    def _transfer(self, media: MediaFile, session_id: str, begin: int, end: int,
                  progress: Progress) -> tuple[int, int]:
        fields = [("upload_phase", "transfer"), ("upload_session_id", session_id), ("start_offset", str(begin))]
        content_type, body = multipart(fields, "video_file_chunk", media.path.name, "application/octet-stream",
                                       lambda: FileSlice(media.path, begin, end - begin, progress))
        # Re-sending the same range is how this protocol resumes: the server answers
        # with the offsets it expects next, whatever it had already stored.
        raw = self._call("POST", f"{self.page_id}/videos", base=self.video_api, body=body,
                         headers={"Content-Type": content_type}, idempotent=True)
        return int(raw["start_offset"]), int(raw["end_offset"])

    def update(self, post_id: str, message: Message) -> Receipt:
        """Replace the text of a published post (of a video: its title and description)."""
        if any(m.kind == "video" for m in message.media):
            # A video is published as a Video node; its text is the description, not a message.
            raw = self._call("POST", post_id, data={"description": _with_link(message),
                                                    "name": message.title or ""})
        else:
            raw = self._call("POST", post_id, data={"message": message.text})
        return self._receipt(post_id, raw)

    def delete(self, post_id: str) -> None:
        """Delete a post (or a photo or video) from the Page."""
        self._call("DELETE", post_id)

    def reply(self, comment_id: str, text: str) -> Receipt:
        """Reply to a comment as the Page."""
        raw = self._call("POST", f"{comment_id}/comments", data={"message": text}, idempotent=False)
        return self._receipt(str(raw["id"]), raw, url=f"{self.web}/{raw['id']}")

    def comments(self, since: str | None) -> tuple[list[Comment], str | None]:
        """Citizens' comments (and replies) on recent posts, newer than the ``since`` timestamp."""
        after = parse_time(since) if since else None
        found: list[Comment] = []
        for post in self._list(f"{self.page_id}/feed", {"fields": "id,created_time"}, COMMENT_SCAN_POSTS):
            params = {"fields": "id,message,from,created_time,parent,permalink_url", "filter": "stream",
                      "order": "reverse_chronological"}
            for item in self._list(f"{post['id']}/comments", params, None, stop_before=after):
                author = item.get("from") or {}
                if str(author.get("id", "")) == self.page_id:
                    continue
                found.append(Comment(
                    platform=self.name, id=str(item["id"]), text=item.get("message", ""),
                    author=author.get("name"), author_id=author.get("id"),
                    created_time=parse_time(item.get("created_time")), post_id=str(post["id"]),
                    permalink=item.get("permalink_url"),
                    parent_id=(item.get("parent") or {}).get("id")))
        found.sort(key=lambda c: c.created_time)
        cursor = found[-1].created_time.isoformat() if found else since
        return found, cursor

    def _list(self, path: str, params: dict[str, str], limit: int | None,
              stop_before: datetime | None = None) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        query = {**params, "limit": str(min(limit or 100, 100))}
        for _ in range(MAX_PAGES):
            raw = self._call("GET", path, params=query)
            for item in raw.get("data", []):
                if stop_before is not None and parse_time(item.get("created_time")) <= stop_before:
                    return items
                items.append(item)
                if limit is not None and len(items) >= limit:
                    return items
            after = ((raw.get("paging") or {}).get("cursors") or {}).get("after")
            # Follow the cursor, not paging.next: that URL points at the real host and carries the token.
            if not after or not (raw.get("paging") or {}).get("next"):
                return items
            query["after"] = after
        return items

    def recent_posts(self, limit: int = 50, since: datetime | None = None) -> list[dict[str, Any]]:
        """The Page's own latest posts (``/{page}/published_posts``), newest first, back to ``since``."""
        posts = self._list(f"{self.page_id}/published_posts", {"fields": "id,message,created_time,permalink_url"},
                           limit, stop_before=since)
        return [{"id": str(p["id"]), "text": p.get("message", ""), "created_time": p.get("created_time"),
                 "url": p.get("permalink_url")} for p in posts]

    def own_replies(self, comment_id: str) -> list[Comment]:
        """The Page's own replies to a comment: ``/{comment}/comments`` with ``filter=stream``, ``from.id`` = Page.

        A reply to a reply is attached to the top-level comment, so when the comment has a
        parent its thread is read too.
        """
        found = self._own_replies_under(comment_id)
        if not found:
            parent = (self._call("GET", comment_id, params={"fields": "id,parent"}).get("parent") or {}).get("id")
            if parent:
                found = self._own_replies_under(str(parent))
        return found

    def _own_replies_under(self, node: str) -> list[Comment]:
        params = {"fields": "id,message,from,created_time,parent,permalink_url", "filter": "stream"}
        found = []
        for item in self._list(f"{node}/comments", params, None):
            author = item.get("from") or {}
            if str(author.get("id", "")) != self.page_id:
                continue
            found.append(Comment(platform=self.name, id=str(item["id"]), text=item.get("message", ""),
                                 author=author.get("name"), author_id=str(author.get("id")),
                                 created_time=parse_time(item.get("created_time")), post_id=None,
                                 permalink=item.get("permalink_url"),
                                 parent_id=(item.get("parent") or {}).get("id") or node))
        return found

    def post_exists(self, post_id: str) -> bool:
        """Whether the post (or photo, video) still exists on the Page."""
        try:
            self._call("GET", post_id, params={"fields": "id"})
        except InvalidRequestError as error:
            if error.key == "platforms.error.not_found":
                return False
            raise
        return True

    # -- insights ---------------------------------------------------------------------
    def insights(self, posts: Sequence[PostRef]) -> list[PostMetrics]:
        """Per post: reach, views, reactions and clicks (post insights), comments and shares (the post's fields)."""
        now = utcnow()
        return read_each(self.name, posts, lambda post: self._post_numbers(post, now))

    def _ask_insights(self, node: str, names: list[str]) -> dict[str, Any]:
        return self._call("GET", f"{node}/insights", params={"metric": ",".join(names), "period": "lifetime"})

    def _post_numbers(self, post: PostRef, now: datetime) -> PostMetrics:
        node = post.id if "_" in post.id else self._post_of(post.id)
        raw, deprecated = self._metric_names.read("post", node, self._ask_insights)
        values = {metric: number for metric, value in raw.items() if (number := count(value)) is not None}
        fields = self._call("GET", node, params={"fields": "shares,comments.summary(true).limit(0)"})
        # Graph leaves ``shares`` out of a post nobody has shared.
        values["shares"] = count((fields.get("shares") or {}).get("count", 0)) or 0
        comments = count(((fields.get("comments") or {}).get("summary") or {}).get("total_count"))
        if comments is not None:
            values["comments"] = comments
        missing = {m: "deprecated" if m in deprecated else empty_reason(self.name, post, now, self._page_followers)
                   for m in METRICS[self.name] if m not in values}
        return PostMetrics(self.name, post.id, values, missing)

    def _post_of(self, object_id: str) -> str:
        """The Page post that shows a video (a video's receipt names the Video node, not its post)."""
        found = self._call("GET", object_id, params={"fields": "post_id"}).get("post_id")
        return str(found) if found else object_id

    def _page_followers(self) -> int | None:
        """The Page's follower count, read once per run and only when a post came back without numbers."""
        if not self._followers_read:
            self._followers_read = True
            try:
                self._followers = count(self._call("GET", self.page_id,
                                                   params={"fields": "followers_count"}).get("followers_count"))
            except PlatformError:
                self._followers = None
        return self._followers


def _with_link(message: Message) -> str:
    if message.link and message.link not in message.text:
        return f"{message.text}\n\n{message.link}".strip()
    return message.text
