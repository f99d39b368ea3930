"""Seed content: earlier posts of the agency, with media, and the citizens' comments under them.

The default seed holds the posts the sample Q&A forms (``qna/*/2020/QA-*.md``) ask about, with
each form's question under its post at the form's ``comment_id``, so that the documented
rehearsal (``sosmed sandbox``, then ``sosmed publish --target sandbox``) replies to comments that
exist. Names are clearly fictional. A seed is a dict (or a YAML file)::

    facebook:  {posts: [{id?, message, created?, media?, comments: [{id?, author, text, created?,
                                                                     replies: [{text}]}]}]}
    instagram: {posts: [{id?, caption, created?, media?, comments: [...]}]}
    x:         {posts: [{id?, text, created?, media?, mentions: [{id?, author, text}]}], mentions: [...]}
    youtube:   {posts: [{id?, title, description, created?, comments: [...]}]}

``created`` is an ISO 8601 time (default: a day ago); ``media`` (default true) gives the post a
generated photo (on YouTube: a small video file and a thumbnail). It is applied once, when the
state folder is new.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sosmed.errors import SosmedError
from sosmed.sandbox.facebook import models as facebook
from sosmed.sandbox.instagram import models as instagram
from sosmed.sandbox.seed_data import DEFAULT_SEED
from sosmed.sandbox.seed_media import seed_photo, seed_video
from sosmed.sandbox.state import Store, parse_iso
from sosmed.sandbox.x import models as x
from sosmed.sandbox.youtube import models as youtube

__all__ = ["DEFAULT_SEED", "apply_seed", "load_seed"]


def load_seed(path: Path) -> dict[str, Any]:
    """Read a seed YAML file."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    if not isinstance(data, dict):
        raise SosmedError("sandbox.error.seed_shape", path=str(path))
    return data


def _when(store: Store, item: dict[str, Any]) -> float:
    raw = item.get("created")
    when = parse_iso(str(raw)) if raw else None
    return when if when is not None else store.now() - 86400


def _fb_author(store: Store, name: str) -> dict[str, str]:
    return {"id": str(9100000000000000 + store.next_number()), "name": name}


def _seed_facebook(store: Store, posts: list[dict[str, Any]]) -> None:
    acct = store.accounts["facebook"]
    page = {"id": acct["page_id"], "name": acct["page_name"]}
    for item in posts:
        when = _when(store, item)
        number = str(item.get("id") or 1000000000000000 + store.next_number())
        post = {"id": f"{acct['page_id']}_{number}", "message": item.get("message", ""), "link": item.get("link"),
                "media": [], "kind": "status", "created_time": when, "updated_time": when, "is_published": True,
                "scheduled_publish_time": None, "deleted": False, "seeded": True}
        if item.get("media", True):
            photo_id = str(2000000000000000 + store.next_number())
            store.data["facebook"]["photos"][photo_id] = {
                "caption": post["message"], "created_time": when, "published": True, "post_id": post["id"],
                "file": seed_photo(store, "facebook", photo_id)}
            post.update(kind="photo", media=[{"type": "photo", "id": photo_id}])
        store.data["facebook"]["posts"].append(post)
        for c in item.get("comments", []):
            made = facebook.add_comment(store, post["id"], c["text"], _fb_author(store, c.get("author", "Warga Contoh")),
                                        None, comment_id=c.get("id"), when=_when(store, c) if c.get("created") else None)
            for r in c.get("replies", []):
                facebook.add_comment(store, post["id"], r["text"], page, made["id"], by_page=True)


def _seed_instagram(store: Store, posts: list[dict[str, Any]]) -> None:
    acct = store.accounts["instagram"]
    owner = {"id": acct["user_id"], "username": acct["username"]}
    for item in posts:
        when = _when(store, item)
        media_id = str(item.get("id") or 18000000000000000 + store.next_number())
        media = []
        if item.get("media", True):
            container = instagram.new_id(store)
            store.data["instagram"]["containers"][container] = {
                "id": container, "created": when, "caption": item.get("caption", ""), "media_type": "IMAGE",
                "is_carousel_item": False, "published": True, "error": None, "media_id": media_id,
                "image_url": None, "file": seed_photo(store, "instagram", container)}
            media = [{"type": "photo", "id": container, "url": None,
                      "file": store.data["instagram"]["containers"][container]["file"]}]
        store.data["instagram"]["posts"].append({
            "id": media_id, "caption": item.get("caption", ""), "media_type": "IMAGE", "media_product_type": "FEED",
            "media": media, "container_id": media[0]["id"] if media else None, "created_time": when,
            "deleted": False, "seeded": True})
        for c in item.get("comments", []):
            handle = c.get("author", "warga").lower().replace(" ", "_")
            author = {"id": str(9200000000000000 + store.next_number()), "username": handle}
            made = instagram.add_comment(store, media_id, c["text"], author, None, comment_id=c.get("id"),
                                         when=_when(store, c) if c.get("created") else None)
            for r in c.get("replies", []):
                instagram.add_comment(store, media_id, r["text"], owner, made["id"], by_owner=True)


def _seed_x(store: Store, seed: dict[str, Any]) -> None:
    for item in seed.get("posts", []):
        when = _when(store, item)
        post_id = str(item.get("id") or 1880000000000000000 + store.next_number() * 4096)
        media = []
        if item.get("media", True):
            media_id = str(1870000000000000000 + store.next_number() * 4096)
            store.data["x"]["media"][media_id] = {
                "id": media_id, "kind": "image", "media_type": "image/jpeg", "category": "tweet_image",
                "total_bytes": 0, "size": 0, "segments": {}, "created": when, "finalized": when,
                "needs_processing": False, "file": seed_photo(store, "x", media_id), "image": None,
                "used_by": post_id}
            media = [{"type": "image", "id": media_id}]
        store.data["x"]["posts"].append({
            "id": post_id, "text": item.get("text", ""), "created_time": when, "deleted": False, "media": media,
            "in_reply_to": None, "conversation_id": post_id, "seeded": True})
        for m in item.get("mentions", []):
            x.add_mention(store, m["text"], _x_author(m), post_id, mention_id=m.get("id"),
                          when=_when(store, m) if m.get("created") else None)
    for m in seed.get("mentions", []):
        x.add_mention(store, m["text"], _x_author(m), None, mention_id=m.get("id"))


def _seed_youtube(store: Store, posts: list[dict[str, Any]]) -> None:
    for item in posts:
        video_id = str(item.get("id") or youtube.new_video_id())
        video = {"id": video_id, "title": item.get("title", "Video"), "description": item.get("description", ""),
                 "tags": item.get("tags", []), "categoryId": "25", "privacyStatus": "public", "publishAt": None,
                 "madeForKids": False, "created_time": _when(store, item), "file": None, "size": 0,
                 "deleted": False, "thumbnail": None, "seeded": True}
        if item.get("media", True):
            video["file"], video["size"] = seed_video(store, video_id)
            video["thumbnail"] = seed_photo(store, "youtube", f"{video_id}-thumb")
        store.data["youtube"]["posts"].append(video)
        for c in item.get("comments", []):
            name = c.get("author", "Warga Contoh")
            author = {"name": name, "channel_id": "UC" + name.replace(" ", "").ljust(22, "x")[:22]}
            youtube.add_comment(store, video_id, c["text"], author, None, comment_id=c.get("id"),
                                when=_when(store, c) if c.get("created") else None)


def apply_seed(store: Store, seed: dict[str, Any]) -> None:
    """Create the seed's posts (with media), comments and mentions in ``store``."""
    with store.lock:
        _seed_facebook(store, (seed.get("facebook") or {}).get("posts", []))
        _seed_instagram(store, (seed.get("instagram") or {}).get("posts", []))
        _seed_x(store, seed.get("x") or {})
        _seed_youtube(store, (seed.get("youtube") or {}).get("posts", []))
        store.save()


def _x_author(mention: dict[str, Any]) -> dict[str, str]:
    name = mention.get("author", "Warga Contoh")
    return {"name": name, "username": mention.get("username") or name.lower().replace(" ", "_")[:15]}
