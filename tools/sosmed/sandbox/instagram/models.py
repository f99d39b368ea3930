"""The Instagram account's state: containers, published media, comments, the publishing quota.

No HTTP here: the views (:mod:`sosmed.sandbox.instagram.views`) read requests and shape answers.
"""

from __future__ import annotations

from typing import Any

from sosmed.sandbox import engagement
from sosmed.sandbox.errors import graph_error, graph_invalid_param
from sosmed.sandbox.state import Store


def account(store: Store) -> dict[str, Any]:
    """The account's ids and token."""
    return store.accounts["instagram"]


def data(store: Store) -> dict[str, Any]:
    """The account's objects."""
    return store.data["instagram"]


def new_id(store: Store, base: int = 17900000000000000) -> str:
    """A container (or media, or comment) id no object of the account uses yet (seeds may take fixed ids)."""
    ig = data(store)
    while True:
        candidate = str(base + store.next_number())
        if candidate not in ig["containers"] and not any(
                o["id"] == candidate for o in (*ig["posts"], *ig["comments"])):
            return candidate


def status_of(store: Store, container: dict[str, Any]) -> str:
    """IN_PROGRESS → FINISHED/ERROR after the processing delay; EXPIRED after 24 h; PUBLISHED (§2.2)."""
    if container["published"]:
        return "PUBLISHED"
    now = store.now()
    if now - container["created"] >= store.settings.ig_container_ttl_seconds:
        return "EXPIRED"
    if now - container["created"] < store.settings.ig_processing_seconds:
        return "IN_PROGRESS"
    if container.get("error"):
        return "ERROR"
    for child in container.get("children", []):
        item = data(store)["containers"].get(child)
        if item is None or status_of(store, item) != "FINISHED":
            return "IN_PROGRESS" if item and status_of(store, item) == "IN_PROGRESS" else "ERROR"
    return "FINISHED"


def _media_item(container: dict[str, Any]) -> dict[str, Any]:
    return {"type": "video" if container.get("video_url") else "photo", "id": container["id"],
            "url": container.get("image_url") or container.get("video_url"), "file": container.get("file")}


def _check_publishable(store: Store, container: dict[str, Any], recent: list[float]) -> None:
    if len(recent) >= store.settings.ig_quota_total:
        raise graph_error("Application request limit reached", 9, 2207042, user_title="Reached publishing limit",
                          user_msg="You have reached the maximum number of posts allowed in 24 hours.")
    status = status_of(store, container)
    if status == "PUBLISHED":
        raise graph_invalid_param("This container was already published", 2207035)
    if status != "FINISHED":
        raise graph_error("Media ID is not available", 9007, 2207027,
                          user_title="The media is not ready for publishing",
                          user_msg="The media is not ready for publishing, please wait for a moment.")


def publish(store: Store, container: dict[str, Any]) -> dict[str, Any]:
    """Publish a FINISHED container within the rolling quota (§2.3, §2.4); the new media object."""
    ig = data(store)
    now = store.now()
    recent = [t for t in ig["publish_times"] if t > now - store.settings.ig_quota_duration]
    _check_publishable(store, container, recent)
    container["published"] = True
    media_id = new_id(store, 18000000000000000)
    if container["media_type"] == "CAROUSEL":
        media = [_media_item(ig["containers"][c]) for c in container["children"]]
        kind = "CAROUSEL_ALBUM"
    else:
        media = [_media_item(container)]
        kind = "VIDEO" if container.get("video_url") else "IMAGE"
    product = {"REELS": "REELS", "STORIES": "STORY"}.get(container["media_type"], "FEED")
    post = {"id": media_id, "caption": container["caption"], "media_type": kind, "media_product_type": product,
            "media": media, "container_id": container["id"], "created_time": now, "deleted": False}
    container["media_id"] = media_id
    ig["posts"].append(post)
    ig["publish_times"] = recent + [now]
    return post


def find_comment(store: Store, cid: str) -> dict[str, Any] | None:
    """A comment that exists (not deleted)."""
    return next((c for c in data(store)["comments"] if c["id"] == cid and not c.get("deleted")), None)


def add_comment(store: Store, media_id: str, text: str, author: dict[str, str], parent_id: str | None,
                by_owner: bool = False, comment_id: str | None = None, when: float | None = None) -> dict[str, Any]:
    """Store a comment (citizen or owner) on a media object; used by the API, the admin endpoint and seeds."""
    comment = {"id": comment_id or new_id(store, 17800000000000000), "media_id": media_id, "parent_id": parent_id,
               "text": text, "username": author["username"], "user_id": author["id"],
               "created_time": store.now() if when is None else when, "by_owner": by_owner, "deleted": False,
               "hidden": False}
    data(store)["comments"].append(comment)
    return comment


def comment_count(store: Store, media_id: str) -> int:
    """Comments on a media object, replies included."""
    return sum(1 for c in data(store)["comments"] if c["media_id"] == media_id and not c.get("deleted"))


def media_numbers(store: Store, post: dict[str, Any]) -> dict[str, float]:
    """The media's numbers at its age: reach, views, likes, saves, shares."""
    return engagement.numbers("instagram", post.get("caption") or post["id"],
                              engagement.age(store.now(), post["created_time"]))
