"""The X account's state: posts, citizens' mentions, users, uploaded media and its processing.

No HTTP here: the views (:mod:`sosmed.sandbox.x.views`) read requests and shape answers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sosmed.sandbox import engagement
from sosmed.sandbox.errors import X_PROBLEMS, x_duplicate, x_invalid_request, x_problem
from sosmed.sandbox.state import Store


def account(store: Store) -> dict[str, Any]:
    """The account's ids and credentials."""
    return store.accounts["x"]


def data(store: Store) -> dict[str, Any]:
    """The account's objects."""
    return store.data["x"]


def new_post_id(store: Store) -> str:
    """A new post id, shaped like X's (19 digits)."""
    return str(1880000000000000000 + store.next_number() * 4096)


def live_posts(store: Store) -> list[dict[str, Any]]:
    """The account's posts that are not deleted."""
    return [p for p in data(store)["posts"] if not p.get("deleted")]


def media_state(store: Store, media: dict[str, Any]) -> str | None:
    """Processing state of uploaded media (None when no processing is needed)."""
    if not media.get("needs_processing") or not media.get("finalized"):
        return None
    elapsed = store.now() - media["finalized"]
    total = store.settings.x_processing_seconds
    if elapsed >= total:
        return "succeeded"
    return "pending" if elapsed < total / 2 else "in_progress"


def new_media(store: Store, kind: str, media_type: str, category: str, total: int) -> dict[str, Any]:
    """A new media upload (not yet stored in the state)."""
    media_id = str(1870000000000000000 + store.next_number() * 4096)
    return {"id": media_id, "kind": kind, "media_type": media_type, "category": category, "total_bytes": total,
            "size": 0, "segments": {}, "created": store.now(), "finalized": None,
            "needs_processing": kind in ("video", "gif"), "file": None, "image": None, "used_by": None}


def attachable_kinds(store: Store, media_ids: list[str]) -> list[str]:
    """The kinds of the media to attach; refused when one is unknown, unfinished or the mix is not allowed."""
    kinds = []
    for mid in media_ids:
        item = data(store)["media"].get(mid)
        if item is None or not item.get("finalized") or media_state(store, item) not in (None, "succeeded"):
            raise x_invalid_request("media.media_ids", media_ids, "Your media IDs are invalid.")
        kinds.append(item["kind"])
    if ("video" in kinds or "gif" in kinds) and len(kinds) > 1:
        raise x_invalid_request("media.media_ids", media_ids,
                                "A post can have at most 4 photos, or 1 animated GIF, or 1 video.")
    return kinds


def reply_parent(store: Store, parent_id: str | None) -> dict[str, Any] | None:
    """The post or mention replied to; refused when it is deleted or unknown."""
    if not parent_id:
        return None
    parent = next((p for p in live_posts(store) if p["id"] == parent_id), None) or next(
        (m for m in data(store)["mentions"] if m["id"] == parent_id and not m.get("deleted")), None)
    if parent is None:
        raise x_problem(403, "Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you.")
    return parent


def count_daily(store: Store) -> tuple[int, int, int]:
    """Count one post against the app's daily cap; (limit, remaining, reset epoch); refused when spent."""
    x = data(store)
    now = store.now()
    recent = [t for t in x.setdefault("create_times", []) if t > now - 86400]
    limit = store.settings.x_app_tweets_per_day
    if len(recent) >= limit:
        raise x_problem(429, "Too Many Requests", "Too Many Requests")
    x["create_times"] = recent + [now]
    return limit, limit - len(recent) - 1, int(now + 86400)


def add_post(store: Store, text: str, media_ids: list[str], parent_id: str | None,
             extra: dict[str, Any]) -> dict[str, Any]:
    """A new post (a reply when ``parent_id``); a duplicate of a live post's text is refused (403)."""
    x = data(store)
    parent = reply_parent(store, parent_id)
    if text and any(p["text"] == text for p in live_posts(store)):
        raise x_duplicate()
    post_id = new_post_id(store)
    post = {"id": post_id, "text": text, "created_time": store.now(), "deleted": False,
            "media": [{"type": x["media"][m]["kind"], "id": m} for m in media_ids], "in_reply_to": parent_id,
            "conversation_id": parent.get("conversation_id", parent_id) if parent else post_id, **extra}
    x["posts"].append(post)
    for m in media_ids:
        x["media"][m]["used_by"] = post_id
    return post


def add_mention(store: Store, text: str, author: dict[str, str], in_reply_to: str | None,
                mention_id: str | None = None, when: float | None = None) -> dict[str, Any]:
    """A citizen's post that mentions the account (used by seeds and the admin endpoint)."""
    x = data(store)
    acct = account(store)
    author_id = author.get("id") or str(1500000000000000000 + store.next_number())
    x["users"][author_id] = {"name": author.get("name", ""), "username": author.get("username", "")}
    parent = next((p for p in x["posts"] if p["id"] == in_reply_to), None) if in_reply_to else None
    mention_id = mention_id or new_post_id(store)
    if f"@{acct['username'].lower()}" not in text.lower():
        text = f"@{acct['username']} {text}"
    mention = {"id": mention_id, "text": text, "author_id": author_id,
               "created_time": store.now() if when is None else when,
               "in_reply_to": in_reply_to, "in_reply_to_user_id": acct["user_id"] if parent else None,
               "conversation_id": (parent.get("conversation_id") or parent["id"]) if parent else mention_id,
               "deleted": False}
    x["mentions"].append(mention)
    return mention


def public_metrics(store: Store, post: dict[str, Any]) -> dict[str, int]:
    """A post's ``public_metrics`` now: replies are the posts that answer it; the rest grow with its age.

    Both the long-standing ``retweet_count`` and the newer spec's ``repost_count`` are given.
    """
    x = data(store)
    own = post.get("author_id") in (None, account(store)["user_id"])
    numbers = engagement.counts("x", post.get("text") or post["id"], engagement.age(store.now(), post["created_time"]),
                                1.0 if own else engagement.CITIZEN_SCALE)
    replies = sum(1 for p in x["posts"] + x["mentions"] if p.get("in_reply_to") == post["id"] and not p.get("deleted"))
    return {"retweet_count": numbers["reposts"], "repost_count": numbers["reposts"], "reply_count": replies,
            "like_count": numbers["likes"], "quote_count": numbers["quotes"], "bookmark_count": numbers["bookmarks"],
            "impression_count": numbers["views"]}


def count_reads(store: Store, posts: int) -> None:
    """Count posts read against the month's usage cap; refused (429 usage-capped) once it is spent."""
    x = data(store)
    month = datetime.fromtimestamp(store.now(), UTC).strftime("%Y-%m")
    reads = x.setdefault("reads", {"month": month, "posts": 0})
    if reads["month"] != month:
        reads.update(month=month, posts=0)
    if reads["posts"] >= store.settings.x_monthly_post_reads:
        raise x_problem(429, "UsageCapExceeded", "Usage cap exceeded: Monthly product cap", X_PROBLEMS + "usage-capped",
                        period="Monthly", scope="Product")
    reads["posts"] += posts
