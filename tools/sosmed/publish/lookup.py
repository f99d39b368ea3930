"""What the platforms themselves show: the account's own posts and replies, read once per run.

The ledger says what we did; the platform says what exists. The publisher asks the
platform in three cases: an intent whose result was lost (reconciliation), a call whose
answer was lost (timeout after sending, duplicate refusal), and before every new post
or reply (the anchor against a rewound ledger). Each platform's own objects are found
the way the platform documents (see the adapters' ``recent_posts`` and ``own_replies``)
and matched by a text fingerprint.

A listing is read at most once per platform per run (again only when an older horizon
is needed), with short retries: a listing that keeps failing fails fast and stays failed
for the rest of the run, so it never stalls the other items and platforms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sosmed.platforms.base import Comment, PlatformAdapter, Receipt, parse_time
from sosmed.platforms.errors import InvalidRequestError, PlatformError
from sosmed.publish.messages import text_fingerprint

# How far back a listing reaches: enough for any post made since its item's date, bounded.
LISTING_LIMIT = 500
# A post appears on the platform at (or a little before, by clock skew) the time we record.
SKEW = timedelta(days=1)


class LookupFailed(Exception):
    """The platform could not be asked (after short retries); carries the platform's error."""

    def __init__(self, platform: str, error: PlatformError) -> None:
        super().__init__(error.format_message())
        self.platform = platform
        self.error = error


@dataclass
class _Listing:
    since: datetime | None
    posts: list[dict[str, Any]]


@dataclass
class PlatformLookup:
    """Cached, bounded questions to the platforms about the account's own objects."""

    adapters: Callable[[str], PlatformAdapter]
    _listings: dict[str, _Listing] = field(default_factory=dict)
    _replies: dict[tuple[str, str], list[Comment]] = field(default_factory=dict)
    _failed: dict[str, LookupFailed] = field(default_factory=dict)
    calls: int = 0

    def _ask(self, platform: str, question: Callable[[PlatformAdapter], object]) -> object:
        if platform in self._failed:
            raise self._failed[platform]
        self.calls += 1
        try:
            return question(self.adapters(platform))
        except InvalidRequestError as error:
            # About this one object (a deleted comment): other questions to the platform may work.
            raise LookupFailed(platform, error) from None
        except PlatformError as error:
            self._failed[platform] = LookupFailed(platform, error)
            raise self._failed[platform] from None

    def posts(self, platform: str, since: datetime | None, fresh: bool = False) -> list[dict[str, Any]]:
        """The account's own posts back to ``since`` (less :data:`SKEW`), newest first."""
        horizon = since - SKEW if since is not None else None
        cached = self._listings.get(platform)
        if fresh or cached is None or not _covers(cached.since, horizon):
            if cached is not None and not fresh:
                horizon = None if horizon is None or cached.since is None else min(horizon, cached.since)
            posts = self._ask(platform, lambda a: a.recent_posts(LISTING_LIMIT, horizon))
            assert isinstance(posts, list)
            self._listings[platform] = cached = _Listing(horizon, posts)
        return cached.posts

    def find_post(self, platform: str, fingerprint: str, *, since: datetime | None, exclude: set[str],
                  fresh: bool = False) -> Receipt | None:
        """The account's post whose text matches ``fingerprint`` and whose id is not in ``exclude``."""
        for post in self.posts(platform, since, fresh):
            if str(post.get("id")) in exclude:
                continue
            texts = [post.get("text") or "", post.get("title") or ""]
            if any(text and text_fingerprint(text) == fingerprint for text in texts):
                return Receipt(platform, str(post["id"]), post.get("url"), parse_time(post.get("created_time")),
                               {"reconciled": True})
        return None

    def find_reply(self, platform: str, comment_id: str, fingerprint: str, *, exclude: set[str],
                   fresh: bool = False) -> Receipt | None:
        """The account's own reply under ``comment_id`` whose text matches ``fingerprint``."""
        key = (platform, comment_id)
        if key not in self._replies or fresh:
            replies = self._ask(platform, lambda a: a.own_replies(comment_id))
            assert isinstance(replies, list)
            self._replies[key] = replies
        for reply in self._replies[key]:
            if reply.id not in exclude and text_fingerprint(reply.text) == fingerprint:
                return Receipt(platform, reply.id, reply.permalink, reply.created_time, {"reconciled": True})
        return None

    def exists(self, platform: str, post_id: str) -> bool:
        """Whether a post still exists (reconciling a delete)."""
        return bool(self._ask(platform, lambda a: a.post_exists(post_id)))


def _covers(have: datetime | None, want: datetime | None) -> bool:
    """Whether a listing read back to ``have`` also answers a question back to ``want``."""
    if have is None:
        return True
    return want is not None and have <= want
