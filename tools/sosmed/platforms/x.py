"""X (Twitter) adapter, API v2 (reference §3).

Posts with up to 4 images or 1 video, replies and threads (a chain of replies),
media upload (simple for images; initialize/append/finalize/status for video,
streamed from disk), delete and mentions. Authenticates with OAuth 1.0a user
context (requests-oauthlib) when its four variables are set, else with an
OAuth 2 user bearer token.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from requests_oauthlib import OAuth1

from sosmed.http.responses import json_body, request_id
from sosmed.http.session import SosmedSession
from sosmed.http.streams import FileSlice, multipart
from sosmed.platforms.base import (
    Comment,
    MediaFile,
    Message,
    PlatformAdapter,
    Quota,
    Receipt,
    parse_time,
    utcnow,
)
from sosmed.platforms.credentials import SECRET_VARS, X_BEARER_VAR, x_uses_oauth1
from sosmed.platforms.errors import (
    AuthError,
    DuplicateError,
    InvalidRequestError,
    PlatformError,
    QuotaError,
    RetryableError,
    UnsupportedOperation,
    network_error,
)
from sosmed.platforms.metrics import METRICS, PostMetrics, PostRef, all_missing, count, read_batches
from sosmed.platforms.waits import server_wait
from sosmed.redaction import register_env

DEFAULT_API = "https://api.x.com"
# Where a citizen sees a post; the sandbox's credentials.env points it at its web view.
DEFAULT_WEB = "https://x.com"
MAX_IMAGES = 4
DEFAULT_CHUNK = 4 * 1024 * 1024
MAX_SEGMENTS = 1000
MAX_PAGES = 10
LOOKUP_BATCH = 100  # ids per GET /2/tweets
# Our numbers → ``public_metrics`` fields; the newer spec renames ``retweet_count`` to ``repost_count``.
PUBLIC_METRICS: dict[str, tuple[str, ...]] = {
    "views": ("impression_count",), "likes": ("like_count",), "replies": ("reply_count",),
    "reposts": ("repost_count", "retweet_count"), "quotes": ("quote_count",), "bookmarks": ("bookmark_count",),
}


class XAdapter(PlatformAdapter):
    """Publish to and read from one X account in user context."""

    name = "x"

    def __init__(self, env: Mapping[str, str], session: SosmedSession, *, chunk_size: int = DEFAULT_CHUNK,
                 max_processing_wait: float = 600.0) -> None:
        super().__init__()
        register_env(env, SECRET_VARS)
        self.session = session
        self.api = (env.get("SOSMED_X_API") or DEFAULT_API).rstrip("/")
        self.web = (env.get("SOSMED_X_WEB") or DEFAULT_WEB).rstrip("/")
        self.chunk_size = chunk_size
        self.max_processing_wait = max_processing_wait
        self.user_id = env.get("SOSMED_X_USER_ID") or None
        self._auth: OAuth1 | None = None
        self._headers: dict[str, str] = {}
        if x_uses_oauth1(env):
            self._auth = OAuth1(env["SOSMED_X_API_KEY"], env["SOSMED_X_API_SECRET"],
                                env["SOSMED_X_ACCESS_TOKEN"], env["SOSMED_X_ACCESS_SECRET"])
            self._renew = "SOSMED_X_ACCESS_TOKEN"
        else:
            self._headers = {"Authorization": f"Bearer {env[X_BEARER_VAR]}"}
            self._renew = X_BEARER_VAR
        self._daily: Quota | None = None

    # -- plumbing ------------------------------------------------------------------
    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        headers = {**self._headers, **kwargs.pop("headers", {})}
        response = self.session.call(method, f"{self.api}/{path}", network_error=network_error(self.name), parse_error=self._parse,
                                     headers=headers, auth=self._auth, **kwargs)
        self._note_daily_limit(response)
        return json_body(response)

    def _parse(self, response: requests.Response) -> PlatformError:
        body = json_body(response)
        status = response.status_code
        errors = body.get("errors") if isinstance(body.get("errors"), list) else []
        first = errors[0] if errors and isinstance(errors[0], dict) else {}
        detail = body.get("detail") or first.get("detail") or first.get("message") or body.get("title")
        problem = str(body.get("type") or first.get("type") or "")
        common: dict[str, Any] = {"platform": self.name, "status": status, "request_id": request_id(response),
                  "code": problem or first.get("code"), "detail": detail}
        if status == 401:
            return AuthError(env_var=self._renew, **common)
        # A spent monthly cap is also a 429, but waiting minutes does not bring it back.
        if problem.endswith("usage-capped"):
            return QuotaError(**common)
        if status == 429 or problem.endswith("rate-limit-exceeded"):
            return RetryableError("platforms.error.rate_limited", wait=server_wait(response.headers), **common)
        if status == 403 and "duplicate" in str(detail or "").lower():
            return DuplicateError(**common)
        if status >= 500:
            return RetryableError("platforms.error.server", wait=server_wait(response.headers), **common)
        if status == 404 or problem.endswith("resource-not-found"):
            return InvalidRequestError("platforms.error.not_found", **common)
        return InvalidRequestError(**common)

    def _note_daily_limit(self, response: requests.Response) -> None:
        headers = response.headers
        for prefix in ("x-user-limit-24hour", "x-app-limit-24hour"):
            limit, remaining = headers.get(f"{prefix}-limit"), headers.get(f"{prefix}-remaining")
            if limit and remaining and limit.isdigit() and remaining.isdigit():
                reset = headers.get(f"{prefix}-reset")
                self._daily = Quota(platform=self.name, used=int(limit) - int(remaining), limit=int(limit),
                                    resets_at=parse_time(int(reset)) if reset and reset.isdigit() else None)
                return

    # -- publishing -----------------------------------------------------------------
    def publish(self, message: Message) -> Receipt:
        """Post text with up to 4 images or 1 video; ``message.thread`` continues it as replies."""
        self._guard_quota()
        if message.schedule_at is not None and message.schedule_at > utcnow() + timedelta(minutes=1):
            raise UnsupportedOperation("platforms.error.schedule_unsupported", platform=self.name,
                                       operation="schedule")
        images = [m for m in message.media if m.kind == "image"]
        videos = [m for m in message.media if m.kind == "video"]
        if images and videos:
            raise InvalidRequestError("platforms.error.media_mix", platform=self.name)
        if len(images) > MAX_IMAGES or len(videos) > 1:
            limit = MAX_IMAGES if images else 1
            raise InvalidRequestError("platforms.error.too_many_media", platform=self.name, limit=limit,
                                      count=len(message.media))
        media_ids = [self._upload_image(m) for m in images] + [self._upload_video(v) for v in videos]
        text = message.text
        if message.link and message.link not in text:
            text = f"{text}\n{message.link}"
        first = self._tweet(text, media_ids, message.reply_to)
        ids = [str(first["id"])]
        for part in message.thread:
            try:
                ids.append(str(self._tweet(part, [], ids[-1])["id"]))
            except PlatformError as error:
                error.partial_receipt = self._receipt(ids, first)
                raise
        return self._receipt(ids, first)

    def _receipt(self, ids: list[str], raw: dict[str, Any]) -> Receipt:
        return Receipt(platform=self.name, id=ids[0], url=f"{self.web}/i/web/status/{ids[0]}", time=utcnow(),
                       raw=raw, extra_ids=tuple(ids[1:]))

    def _tweet(self, text: str, media_ids: list[str], reply_to: str | None) -> dict[str, Any]:
        payload: dict[str, Any] = {"text": text}
        if media_ids:
            payload["media"] = {"media_ids": media_ids}
        if reply_to:
            payload["reply"] = {"in_reply_to_tweet_id": reply_to}
        try:
            raw = self._call("POST", "2/tweets", json=payload, idempotent=False)
        except QuotaError as error:
            raise self._remember_quota(error) from None
        data: dict[str, Any] = raw["data"]
        return data

    def _upload_image(self, media: MediaFile) -> str:
        content_type, body = multipart([("media_category", "tweet_image")], "media", media.path.name, media.mime,
                                       lambda: FileSlice(media.path))
        # An uploaded but unused image expires on its own: repeating the upload is harmless.
        raw = self._call("POST", "2/media/upload", body=body, headers={"Content-Type": content_type},
                         idempotent=True)
        return str(raw["data"]["id"])

    def _upload_video(self, media: MediaFile) -> str:
        size = media.path.stat().st_size
        init = self._call("POST", "2/media/upload/initialize", idempotent=True,
                          json={"media_type": media.mime, "total_bytes": size, "media_category": "tweet_video"})
        media_id = str(init["data"]["id"])
        # segment_index stops at 999, so a huge file needs bigger segments.
        chunk = max(self.chunk_size, math.ceil(size / MAX_SEGMENTS))
        progress = self.session.progress(self.name, media.path.name, size)
        try:
            for index, offset in enumerate(range(0, size, chunk)):
                content_type, body = multipart(
                    [("segment_index", str(index))], "media", media.path.name, "application/octet-stream",
                    functools.partial(FileSlice, media.path, offset, chunk, progress))
                # Appending a segment again replaces it, so a broken append is resumed by resending it.
                self._call("POST", f"2/media/upload/{media_id}/append", body=body,
                           headers={"Content-Type": content_type}, idempotent=True)
        finally:
            progress.close()
        final = self._call("POST", f"2/media/upload/{media_id}/finalize", idempotent=True)
        self._wait_processed(media_id, (final.get("data") or {}).get("processing_info"))
        return media_id

    def _wait_processed(self, media_id: str, info: dict[str, Any] | None) -> None:
        waited = 0.0
        while info and info.get("state") in ("pending", "in_progress"):
            if waited >= self.max_processing_wait:
                raise RetryableError("platforms.error.media_timeout", platform=self.name,
                                     seconds=f"{self.max_processing_wait:.0f}")
            step = min(float(info.get("check_after_secs") or 1), self.max_processing_wait - waited)
            self.session.policy.sleep(step)
            waited += step
            status = self._call("GET", "2/media/upload", params={"command": "STATUS", "media_id": media_id})
            info = (status.get("data") or {}).get("processing_info")
        if info and info.get("state") == "failed":
            error = info.get("error") or {}
            raise InvalidRequestError("platforms.error.media_failed", platform=self.name,
                                      code=error.get("name"), detail=error.get("message"))

    # -- the rest -----------------------------------------------------------------------
    def delete(self, post_id: str) -> None:
        """Delete a post."""
        self._call("DELETE", f"2/tweets/{post_id}")

    def reply(self, comment_id: str, text: str) -> Receipt:
        """Reply to a post (a mention) as the account."""
        raw = self._tweet(text, [], comment_id)
        return self._receipt([str(raw["id"])], raw)

    def _me(self) -> str:
        if self.user_id is None:
            self.user_id = str(self._call("GET", "2/users/me")["data"]["id"])
        return self.user_id

    def comments(self, since: str | None) -> tuple[list[Comment], str | None]:
        """Mentions of the account newer than the post id ``since``."""
        params = {"max_results": "100", "expansions": "author_id", "user.fields": "username",
                  "tweet.fields": "author_id,conversation_id,created_at,in_reply_to_user_id,referenced_tweets"}
        if since:
            params["since_id"] = since
        found: list[Comment] = []
        newest = since
        path = f"2/users/{self._me()}/mentions"
        for _ in range(MAX_PAGES):
            raw = self._call("GET", path, params=params)
            users = {u.get("id"): u.get("username") for u in (raw.get("includes") or {}).get("users", [])}
            for item in raw.get("data") or []:
                found.append(_mention(item, users, self.web))
                if newest is None or int(item["id"]) > int(newest):
                    newest = str(item["id"])
            token = (raw.get("meta") or {}).get("next_token")
            if not token:
                break
            params["pagination_token"] = token
        found.sort(key=lambda c: (c.created_time, int(c.id)))
        return found, newest

    def _timeline(self, limit: int | None, params: dict[str, str]) -> list[dict[str, Any]]:
        """The account's own posts (``/2/users/:id/tweets``), newest first, following ``next_token``."""
        query = {"max_results": str(min(max(limit or 100, 5), 100)),
                 "tweet.fields": "created_at,referenced_tweets,in_reply_to_user_id", **params}
        path = f"2/users/{self._me()}/tweets"
        items: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            raw = self._call("GET", path, params=query)
            items.extend(raw.get("data") or [])
            token = (raw.get("meta") or {}).get("next_token")
            if not token or (limit is not None and len(items) >= limit):
                break
            query["pagination_token"] = token
        return items[:limit] if limit is not None else items

    def recent_posts(self, limit: int = 50, since: datetime | None = None) -> list[dict[str, Any]]:
        """The account's latest posts, newest first, back to ``since`` (``start_time``)."""
        params = {"start_time": since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")} if since else {}
        return [{"id": str(p["id"]), "text": p.get("text", ""), "created_time": p.get("created_at"),
                 "url": f"{self.web}/i/web/status/{p['id']}"} for p in self._timeline(limit, params)]

    def own_replies(self, comment_id: str) -> list[Comment]:
        """The account's own posts that reply to ``comment_id`` (its timeline since that post)."""
        found = []
        for item in self._timeline(None, {"since_id": comment_id}):
            replied_to = next((r.get("id") for r in item.get("referenced_tweets") or []
                               if r.get("type") == "replied_to"), None)
            if str(replied_to) != comment_id:
                continue
            found.append(Comment(platform=self.name, id=str(item["id"]), text=item.get("text", ""), author=None,
                                 author_id=self.user_id, created_time=parse_time(item.get("created_at")),
                                 post_id=None, permalink=f"{self.web}/i/web/status/{item['id']}",
                                 parent_id=comment_id))
        return found

    def post_exists(self, post_id: str) -> bool:
        """Whether the post still exists."""
        try:
            raw = self._call("GET", f"2/tweets/{post_id}")
        except InvalidRequestError as error:
            if error.key == "platforms.error.not_found":
                return False
            raise
        return bool(raw.get("data"))

    def quota(self) -> Quota | None:
        """The daily post allowance, as last reported by X's response headers (None before any post)."""
        return self._daily

    def insights(self, posts: Sequence[PostRef]) -> list[PostMetrics]:
        """``public_metrics`` of the posts, looked up 100 ids per call (``GET /2/tweets?ids=``)."""
        return read_batches(self.name, posts, LOOKUP_BATCH, self._lookup)

    def _lookup(self, batch: Sequence[PostRef]) -> list[PostMetrics]:
        raw = self._call("GET", "2/tweets", params={"ids": ",".join(p.id for p in batch),
                                                    "tweet.fields": "public_metrics"})
        # A deleted post comes back as a partial error (``errors[]``), not in ``data``.
        found = {str(d.get("id")): d.get("public_metrics") or {} for d in raw.get("data") or []}
        out = []
        for post in batch:
            public = found.get(post.id)
            if public is None:
                out.append(all_missing(self.name, post, "deleted"))
                continue
            values: dict[str, int] = {}
            for metric, names in PUBLIC_METRICS.items():
                number = next((n for name in names if (n := count(public.get(name))) is not None), None)
                if number is not None:
                    values[metric] = number
            out.append(PostMetrics(self.name, post.id, values,
                                   {m: "not_given" for m in METRICS[self.name] if m not in values}))
        return out


def _mention(item: dict[str, Any], users: dict[Any, Any], web: str) -> Comment:
    replied_to = next((r.get("id") for r in item.get("referenced_tweets") or []
                       if r.get("type") == "replied_to"), None)
    author = users.get(item.get("author_id"))
    created: datetime = parse_time(item.get("created_at"))
    return Comment(platform="x", id=str(item["id"]), text=item.get("text", ""), author=author,
                   author_id=item.get("author_id"), created_time=created,
                   post_id=str(replied_to or item.get("conversation_id") or item["id"]),
                   permalink=f"{web}/{author or 'i/web'}/status/{item['id']}",
                   parent_id=str(replied_to) if replied_to else None)
