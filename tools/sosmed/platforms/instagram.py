"""Instagram professional account adapter (content publishing, reference §2).

Instagram fetches media from public URLs, so every :class:`MediaFile` needs a
``public_url``. A post is a container (image, reel, or carousel of 2–10 children)
that is polled until ``FINISHED`` within a bounded wait, then published with
``media_publish``. The publishing limit is read first: a spent quota stops the
platform for the run without creating containers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sosmed.http.responses import json_body
from sosmed.http.session import SosmedSession
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
from sosmed.platforms.credentials import SECRET_VARS
from sosmed.platforms.errors import (
    InvalidRequestError,
    PlatformError,
    QuotaError,
    RetryableError,
    UnsupportedOperation,
    network_error,
)
from sosmed.platforms.graph import graph_error_parser, normalise_version
from sosmed.platforms.graph_metrics import MetricNames
from sosmed.platforms.metrics import (
    METRICS,
    PostMetrics,
    PostRef,
    all_missing,
    count,
    empty_reason,
    read_each,
)
from sosmed.redaction import register_env

DEFAULT_API = "https://graph.facebook.com"
DEFAULT_GRAPH_VERSION = "v26.0"
MAX_CAROUSEL = 10
COMMENT_SCAN_POSTS = 25
MAX_PAGES = 20
# Our numbers → media insights metrics, newest name first: ``views`` replaced ``plays`` (reels) and
# ``impressions`` (feed) in 2025; an older Graph version takes the older names.
MEDIA_METRICS: dict[str, tuple[str, ...]] = {
    "reach": ("reach",), "views": ("views", "plays", "impressions"), "likes": ("likes",),
    "comments": ("comments",), "saves": ("saved",), "shares": ("shares",),
}
# Graph's subcode for media posted before the account became a professional one: it has no insights.
BEFORE_CONVERSION = "2108006"


class InstagramAdapter(PlatformAdapter):
    """Publish to and read from one Instagram professional account.

    ``poll_interval`` is the first wait between status checks (it doubles up to a
    minute); ``max_wait`` bounds the total wait for one container.
    """

    name = "instagram"

    def __init__(self, env: Mapping[str, str], session: SosmedSession, *, poll_interval: float = 3.0,
                 max_wait: float = 300.0) -> None:
        super().__init__()
        register_env(env, SECRET_VARS)
        self.session = session
        self.user_id = env["SOSMED_INSTAGRAM_USER_ID"]
        self._token = env["SOSMED_INSTAGRAM_TOKEN"]
        version = normalise_version(env.get("SOSMED_FACEBOOK_GRAPH_VERSION"), DEFAULT_GRAPH_VERSION)
        self.api = f"{(env.get('SOSMED_INSTAGRAM_API') or DEFAULT_API).rstrip('/')}/{version}"
        self.poll_interval = poll_interval
        self.max_wait = max_wait
        self._parse = graph_error_parser(self.name, "SOSMED_INSTAGRAM_TOKEN")
        self._metric_names = MetricNames(MEDIA_METRICS)

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self.session.call(method, f"{self.api}/{path}", network_error=network_error(self.name), parse_error=self._parse,
                                     headers={"Authorization": f"Bearer {self._token}"}, **kwargs)
        return json_body(response)

    # -- publishing ---------------------------------------------------------------
    def publish(self, message: Message) -> Receipt:
        """Publish one image, one reel, or a carousel of 2–10 items."""
        self._guard_quota()
        if message.schedule_at is not None and message.schedule_at > utcnow() + timedelta(minutes=1):
            raise UnsupportedOperation("platforms.error.schedule_unsupported", platform=self.name,
                                       operation="schedule")
        media = message.media
        if not media:
            raise InvalidRequestError("platforms.error.too_few_media", platform=self.name, limit=1)
        if len(media) > MAX_CAROUSEL:
            raise InvalidRequestError("platforms.error.too_many_media", platform=self.name, limit=MAX_CAROUSEL,
                                      count=len(media))
        for item in media:
            if not item.public_url:
                raise InvalidRequestError("platforms.error.needs_public_url", platform=self.name,
                                          file=item.path.name)
        self._check_limit()
        caption = message.text if not message.link or message.link in message.text else (
            f"{message.text}\n\n{message.link}")
        if len(media) == 1:
            container = self._create(_single_params(media[0], caption))
        else:
            children = []
            for item in media:
                child = self._create({**_child_params(item), "is_carousel_item": "true"})
                if item.kind == "video":
                    self._wait_ready(child)
                children.append(child)
            container = self._create({"media_type": "CAROUSEL", "children": ",".join(children),
                                      "caption": caption})
        self._wait_ready(container)
        try:
            raw = self._call("POST", f"{self.user_id}/media_publish", data={"creation_id": container},
                             idempotent=False)
        except QuotaError as error:
            raise self._remember_quota(error) from None
        media_id = str(raw["id"])
        permalink = None
        try:
            details = self._call("GET", media_id, params={"fields": "id,permalink,timestamp"})
            permalink = details.get("permalink")
        except PlatformError:
            pass  # the post exists: failing now for a missing link would make the caller post it twice
        return Receipt(platform=self.name, id=media_id, url=permalink, time=utcnow(),
                       raw={**raw, "container_id": container})

    def _check_limit(self) -> None:
        quota = self.quota()
        if quota is not None and quota.used >= quota.limit:
            raise self._remember_quota(QuotaError(platform=self.name, code="content_publishing_limit",
                                                  detail=f"{quota.used}/{quota.limit}"))

    def _create(self, params: dict[str, str]) -> str:
        # An unpublished container expires on its own, so creating one again after a
        # lost answer is harmless: the call may be retried.
        raw = self._call("POST", f"{self.user_id}/media", data=params, idempotent=True)
        return str(raw["id"])

    def _wait_ready(self, container: str) -> None:
        waited, interval = 0.0, self.poll_interval
        while True:
            raw = self._call("GET", container, params={"fields": "status_code,status"})
            state = raw.get("status_code")
            if state in ("FINISHED", "PUBLISHED"):
                return
            if state in ("ERROR", "EXPIRED"):
                raise InvalidRequestError("platforms.error.container_failed", platform=self.name, state=state,
                                          detail=raw.get("status"), code=state)
            if waited >= self.max_wait:
                raise RetryableError("platforms.error.container_timeout", platform=self.name,
                                     seconds=f"{self.max_wait:.0f}")
            step = min(interval, self.max_wait - waited)
            self.session.policy.sleep(step)
            waited += step
            interval = min(interval * 2, 60.0)

    # -- the rest ------------------------------------------------------------------
    def reply(self, comment_id: str, text: str) -> Receipt:
        """Reply to a top-level comment as the account."""
        raw = self._call("POST", f"{comment_id}/replies", data={"message": text}, idempotent=False)
        return Receipt(platform=self.name, id=str(raw["id"]), url=None, time=utcnow(), raw=raw)

    def comments(self, since: str | None) -> tuple[list[Comment], str | None]:
        """Comments and replies on recent media, newer than the ``since`` timestamp."""
        after = parse_time(since) if since else None
        found: list[Comment] = []
        fields = "id,text,timestamp,username,from,replies{id,text,username,timestamp,from}"
        for post in self._media_list(COMMENT_SCAN_POSTS):
            for item in self._pages(f"{post['id']}/comments", {"fields": fields}, None):
                entries = [(item, None)] + [(reply, str(item["id"]))
                                            for reply in (item.get("replies") or {}).get("data", [])]
                for entry, parent in entries:
                    comment = self._comment(entry, str(post["id"]), parent, post.get("permalink"), after)
                    if comment is not None:
                        found.append(comment)
        found.sort(key=lambda c: c.created_time)
        cursor = found[-1].created_time.isoformat() if found else since
        return found, cursor

    def _comment(self, item: dict[str, Any], post_id: str, parent: str | None, permalink: str | None,
                 after: datetime | None) -> Comment | None:
        created = parse_time(item.get("timestamp"))
        author = item.get("from") or {}
        if (after is not None and created <= after) or str(author.get("id", "")) == self.user_id:
            return None
        return Comment(platform=self.name, id=str(item["id"]), text=item.get("text", ""),
                       author=item.get("username") or author.get("username"), author_id=author.get("id"),
                       created_time=created, post_id=post_id, permalink=permalink, parent_id=parent)

    def _pages(self, path: str, params: dict[str, str], limit: int | None,
               stop_before: datetime | None = None) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        query = {**params, "limit": str(min(limit or 100, 100))}
        for _ in range(MAX_PAGES):
            raw = self._call("GET", path, params=query)
            for item in raw.get("data", []):
                if stop_before is not None and parse_time(item.get("timestamp")) < stop_before:
                    return items
                items.append(item)
                if limit is not None and len(items) >= limit:
                    return items
            paging = raw.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if not after or not paging.get("next"):
                return items
            query["after"] = after
        return items

    def _media_list(self, limit: int, since: datetime | None = None) -> list[dict[str, Any]]:
        return self._pages(f"{self.user_id}/media", {"fields": "id,caption,timestamp,permalink"}, limit,
                           stop_before=since)

    def recent_posts(self, limit: int = 50, since: datetime | None = None) -> list[dict[str, Any]]:
        """The account's latest media (``/{ig-user}/media``), newest first, back to ``since``."""
        return [{"id": str(m["id"]), "text": m.get("caption", ""), "created_time": m.get("timestamp"),
                 "url": m.get("permalink")} for m in self._media_list(limit, since)]

    def own_replies(self, comment_id: str) -> list[Comment]:
        """The account's own replies to a comment (``/{comment}/replies`` with ``from``).

        A reply to a reply is attached to the top-level comment, so when the comment has a
        parent its replies are read too.
        """
        found = self._own_replies_under(comment_id)
        if not found:
            parent = self._call("GET", comment_id, params={"fields": "id,parent_id"}).get("parent_id")
            if parent:
                found = self._own_replies_under(str(parent))
        return found

    def _own_replies_under(self, node: str) -> list[Comment]:
        found = []
        for item in self._pages(f"{node}/replies", {"fields": "id,text,timestamp,username,from"}, None):
            author = item.get("from") or {}
            if str(author.get("id", "")) != self.user_id:
                continue
            found.append(Comment(platform=self.name, id=str(item["id"]), text=item.get("text", ""),
                                 author=item.get("username") or author.get("username"), author_id=self.user_id,
                                 created_time=parse_time(item.get("timestamp")), post_id=None, permalink=None,
                                 parent_id=node))
        return found

    def post_exists(self, post_id: str) -> bool:
        """Whether the media object still exists."""
        try:
            self._call("GET", post_id, params={"fields": "id"})
        except InvalidRequestError as error:
            if error.key == "platforms.error.not_found":
                return False
            raise
        return True

    def quota(self) -> Quota | None:
        """Posts published in the last 24 h against the account's limit."""
        raw = self._call("GET", f"{self.user_id}/content_publishing_limit",
                         params={"fields": "quota_usage,config"})
        data = (raw.get("data") or [{}])[0]
        config = data.get("config") or {}
        return Quota(platform=self.name, used=int(data.get("quota_usage", 0)),
                     limit=int(config.get("quota_total", 50)), resets_at=None)

    # -- insights ------------------------------------------------------------------
    def insights(self, posts: Sequence[PostRef]) -> list[PostMetrics]:
        """Media insights per post: reach, views, likes, comments, saves, shares.

        Which metric names apply depends on the kind of media (a reel or a feed post), read for
        all posts at once from the account's media listing back to the oldest of them.
        """
        if not posts:
            return []
        now = utcnow()
        oldest = min(p.published for p in posts)
        # A day of margin: the account's clock and ours may differ.
        listing = self._pages(f"{self.user_id}/media", {"fields": "id,media_product_type,timestamp"}, None,
                              stop_before=oldest - timedelta(days=1))
        kinds = {str(m["id"]): str(m.get("media_product_type") or "FEED") for m in listing}
        return read_each(self.name, posts, lambda post: self._media_numbers(post, kinds.get(post.id, "FEED"), now))

    def _ask_insights(self, node: str, names: list[str]) -> dict[str, Any]:
        return self._call("GET", f"{node}/insights", params={"metric": ",".join(names)})

    def _media_numbers(self, post: PostRef, kind: str, now: datetime) -> PostMetrics:
        try:
            raw, deprecated = self._metric_names.read(kind, post.id, self._ask_insights)
        except InvalidRequestError as error:
            if str(error.code).endswith(BEFORE_CONVERSION):
                return all_missing(self.name, post, "before_conversion")
            raise
        values = {metric: number for metric, value in raw.items() if (number := count(value)) is not None}
        missing = {m: "deprecated" if m in deprecated else empty_reason(self.name, post, now, lambda: None)
                   for m in METRICS[self.name] if m not in values}
        return PostMetrics(self.name, post.id, values, missing)


def _single_params(media: MediaFile, caption: str) -> dict[str, str]:
    if media.kind == "video":
        return {"media_type": "REELS", "video_url": str(media.public_url), "caption": caption,
                "share_to_feed": "true"}
    params = {"image_url": str(media.public_url), "caption": caption}
    if media.alt:
        params["alt_text"] = media.alt
    return params


def _child_params(media: MediaFile) -> dict[str, str]:
    if media.kind == "video":
        return {"media_type": "VIDEO", "video_url": str(media.public_url)}
    params = {"image_url": str(media.public_url)}
    if media.alt:
        params["alt_text"] = media.alt
    return params
