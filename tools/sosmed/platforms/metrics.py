"""What each platform reports about a published post, in one vocabulary, and why a number can be missing.

The platforms name their numbers differently (Facebook's ``post_total_media_view_unique`` is the
reach Instagram calls ``reach``; X calls views ``impression_count``): an adapter reads them as each
platform documents them and answers in the names below, so the ledger, the recap and the README
speak of one thing per name.

A number the platform did not give for one post is not a failure: it is missing with a reason
(:data:`REASONS`), and the run goes on. A number a platform never reports at all (X and YouTube
report no reach) is :data:`NOT_OFFERED`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sosmed.platforms.errors import InvalidRequestError, PlatformError, QuotaError, RetryableError

# Per platform, the numbers sosmed reads for each post, in display order.
METRICS: dict[str, tuple[str, ...]] = {
    "facebook": ("reach", "views", "reactions", "comments", "shares", "clicks"),
    "instagram": ("reach", "views", "likes", "comments", "saves", "shares"),
    "x": ("views", "likes", "replies", "reposts", "quotes", "bookmarks"),
    "youtube": ("views", "likes", "comments"),
}
# What counts as engagement (interactions others can see) on each platform.
ENGAGEMENT: dict[str, tuple[str, ...]] = {
    "facebook": ("reactions", "comments", "shares"),
    "instagram": ("likes", "comments", "saves", "shares"),
    "x": ("likes", "replies", "reposts", "quotes"),
    "youtube": ("likes", "comments"),
}
# The numbers the recap reports for every platform, and those a platform's API does not give at all.
HEADLINE = ("reach", "views")
NOT_OFFERED: dict[str, tuple[str, ...]] = {"x": ("reach",), "youtube": ("reach", "shares")}
# Meta documents that post numbers can take up to two days to appear (UNCONFIRMED exact figure);
# a post younger than this without numbers is "too new", not "not given".
DELAY: dict[str, timedelta] = {"facebook": timedelta(hours=48), "instagram": timedelta(hours=48)}
# Facebook gives no post insights for Pages below this many followers (UNCONFIRMED figure).
MIN_FOLLOWERS: dict[str, int] = {"facebook": 100}

REASONS = ("too_new", "small_page", "not_given", "deprecated", "before_conversion", "hidden", "deleted",
           "quota", "unavailable", "refused")


@dataclass(frozen=True)
class PostRef:
    """A published post to read numbers for: its id on the platform and when it went out."""

    id: str
    published: datetime


@dataclass(frozen=True)
class PostMetrics:
    """The numbers of one post as the platform gave them, and a reason for each one it did not give."""

    platform: str
    post_id: str
    values: Mapping[str, int] = field(default_factory=dict)
    missing: Mapping[str, str] = field(default_factory=dict)


def engagement(platform: str, values: Mapping[str, int]) -> int | None:
    """The sum of the platform's engagement numbers that are known; None when none is."""
    known = [values[m] for m in ENGAGEMENT.get(platform, ()) if m in values]
    return sum(known) if known else None


def all_missing(platform: str, post: PostRef, reason: str) -> PostMetrics:
    """Every number of ``post`` missing for one reason (quota spent, post deleted, …)."""
    return PostMetrics(platform, post.id, {}, {m: reason for m in METRICS[platform]})


def empty_reason(platform: str, post: PostRef, now: datetime, followers: Callable[[], int | None]) -> str:
    """Why the platform answered without a number: the post is too new, the Page too small, or neither.

    ``followers`` is asked only when the age does not explain it (one extra call per run at most).
    """
    delay = DELAY.get(platform)
    if delay is not None and now - post.published < delay:
        return "too_new"
    minimum = MIN_FOLLOWERS.get(platform)
    if minimum is not None:
        count = followers()
        if count is not None and count < minimum:
            return "small_page"
    return "not_given"


def is_metric_refusal(error: PlatformError) -> bool:
    """Whether a Graph error refuses a metric name (error #100 naming a metric: unknown or deprecated)."""
    return isinstance(error, InvalidRequestError) and str(error.code).split("/")[0] == "100" and \
        "metric" in (error.detail or "").lower()


def count(value: Any) -> int | None:
    """A reported number as one count: a number, a digit string (YouTube), or the sum of a breakdown
    (Facebook's reactions by type); None when it is none of these."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, dict):
        parts = [count(v) for v in value.values()]
        return sum(p for p in parts if p is not None)
    return None


def read_each(platform: str, posts: Sequence[PostRef], read: Callable[[PostRef], PostMetrics]) -> list[PostMetrics]:
    """``read`` every post one by one (see :func:`read_batches`)."""
    return read_batches(platform, posts, 1, lambda batch: [read(batch[0])])


def read_batches(platform: str, posts: Sequence[PostRef], size: int,
                 read: Callable[[Sequence[PostRef]], list[PostMetrics]]) -> list[PostMetrics]:
    """``read`` the posts ``size`` at a time; one result per post, in order.

    A refusal fails only its batch (``deleted`` when the platform says the post is gone, else
    ``refused``); a spent quota or a platform that keeps failing after the session's retries marks
    the rest missing (``quota``, ``unavailable``) without calling again. An authentication error is
    raised: it is the platform's, not a post's.
    """
    out: list[PostMetrics] = []
    stop: str | None = None
    for start in range(0, len(posts), size):
        batch = posts[start:start + size]
        if stop is None:
            try:
                out.extend(read(batch))
                continue
            except QuotaError:
                stop = "quota"
            except RetryableError:
                stop = "unavailable"
            except InvalidRequestError as error:
                gone = error.key == "platforms.error.not_found"
                out.extend(all_missing(platform, post, "deleted" if gone else "refused") for post in batch)
                continue
        out.extend(all_missing(platform, post, stop) for post in batch)
    return out
