"""The Page's state: posts, photos, videos, comments and upload sessions, and the rules that keep it whole.

No HTTP here: the views (:mod:`sosmed.sandbox.facebook.views`) read requests and shape answers;
these functions create, find and change objects of one state (:class:`~sosmed.sandbox.state.Store`).
"""

from __future__ import annotations

from typing import Any

from sosmed.sandbox import engagement
from sosmed.sandbox.errors import graph_error
from sosmed.sandbox.state import Store


def account(store: Store) -> dict[str, Any]:
    """The Page's ids and tokens."""
    return store.accounts["facebook"]


def data(store: Store) -> dict[str, Any]:
    """The Page's objects."""
    return store.data["facebook"]


def new_post_id(store: Store) -> str:
    """A new Page post id: ``<page-id>_<number>``."""
    return f"{account(store)['page_id']}_{1000000000000000 + store.next_number()}"


def new_object_id(store: Store) -> str:
    """A new photo or video id."""
    return str(2000000000000000 + store.next_number())


def refresh(store: Store) -> None:
    """Scheduled posts whose time has come are published."""
    now = store.now()
    for post in data(store)["posts"]:
        when = post.get("scheduled_publish_time")
        if when and not post["is_published"] and when <= now:
            post["is_published"] = True
            post["created_time"] = when


def find_post(store: Store, node: str) -> dict[str, Any] | None:
    """A post that exists (not deleted), after publishing what was due."""
    refresh(store)
    for post in data(store)["posts"]:
        if post["id"] == node and not post.get("deleted"):
            return post
    return None


def find_comment(store: Store, node: str) -> dict[str, Any] | None:
    """A comment that exists (not deleted)."""
    for comment in data(store)["comments"]:
        if comment["id"] == node and not comment.get("deleted"):
            return comment
    return None


def create_post(store: Store, **fields: Any) -> dict[str, Any]:
    """A new post on the Page; a scheduled one is not published yet."""
    now = store.now()
    post: dict[str, Any] = {
        "id": new_post_id(store), "message": "", "link": None, "media": [], "kind": "status",
        "created_time": now, "updated_time": now, "is_published": True, "scheduled_publish_time": None,
        "deleted": False,
    }
    post.update(fields)
    if post["scheduled_publish_time"]:
        post["is_published"] = False
    data(store)["posts"].append(post)
    return post


def check_duplicate(store: Store, message: str, link: str | None) -> None:
    """Graph's #506: the same status posted twice in a row."""
    if not message:
        return
    live = [p for p in data(store)["posts"] if not p.get("deleted") and p["kind"] in ("status", "link")]
    if live and live[-1].get("message") == message and live[-1].get("link") == link:
        raise graph_error("(#506) Duplicate status message", 506)


def add_video(store: Store, video_id: str, title: str, description: str, file_rel: str | None, size: int, *,
              published: bool, when: float | None) -> dict[str, Any]:
    """A video and the post that shows it (unpublished or scheduled when asked)."""
    video = {"id": video_id, "title": title, "description": description, "file": file_rel, "size": size,
             "created_time": store.now()}
    data(store)["videos"][video_id] = video
    post = create_post(store, message=description or title, media=[{"type": "video", "id": video_id}],
                       kind="video", title=title, scheduled_publish_time=when)
    if not published and not when:
        post["is_published"] = False
    video["post_id"] = post["id"]
    return post


def add_comment(store: Store, post_id: str, message: str, author: dict[str, str], parent_id: str | None,
                by_page: bool = False, comment_id: str | None = None, when: float | None = None) -> dict[str, Any]:
    """Store a comment (citizen or Page) on a post; used by the API, the admin endpoint and seeds."""
    if comment_id is None:
        comment_id = f"{post_id.split('_')[-1]}_{4000000000000000 + store.next_number()}"
    comment = {"id": comment_id, "post_id": post_id, "parent_id": parent_id,
               "message": message, "from": author, "created_time": store.now() if when is None else when,
               "by_page": by_page, "deleted": False}
    data(store)["comments"].append(comment)
    return comment


def comment_count(store: Store, post_id: str, stream: bool = False) -> int:
    """Comments on a post: top-level ones (Graph's default filter), or with ``stream`` every reply too."""
    return sum(1 for c in data(store)["comments"]
               if c["post_id"] == post_id and not c.get("deleted") and (stream or not c.get("parent_id")))


def insights_withheld(store: Store, post: dict[str, Any]) -> bool:
    """Whether Graph answers no numbers for the post: too young, unpublished, or the Page too small."""
    s = store.settings
    return (not post["is_published"] or s.fb_page_followers < s.fb_insights_min_followers
            or engagement.is_young(store.now(), post["created_time"], s.insights_delay_seconds))


def insight_numbers(store: Store, post: dict[str, Any]) -> dict[str, float]:
    """The post's numbers at its age: reach, views, reactions, clicks, shares."""
    text = post.get("message") or post.get("title") or post["id"]
    return engagement.numbers("facebook", text, engagement.age(store.now(), post["created_time"]))
