"""The Instagram account's Graph API over HTTP (reference §2): containers, publish, quota, comments."""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

from flask import Blueprint

from sosmed.sandbox import graph
from sosmed.sandbox.core import Ctx, PlatformApi, Reply, route
from sosmed.sandbox.engagement import graph_row, is_young
from sosmed.sandbox.errors import (
    ApiError,
    graph_bad_token,
    graph_error,
    graph_invalid_param,
    graph_unknown_object,
)
from sosmed.sandbox.graph import fields_of, metric_names, ok, page_list, pick, subfields_of, truthy
from sosmed.sandbox.instagram import models
from sosmed.sandbox.media import (
    FetchError,
    fetch_local,
    image_info,
    is_http_url,
    is_loopback_url,
    looks_like_mp4,
)
from sosmed.sandbox.state import iso_graph

BP = Blueprint("instagram", __name__)


def _auth(ctx: Ctx) -> None:
    if graph.token_of(ctx) != models.account(ctx.store)["token"]:
        raise graph_bad_token()
    ctx.auth["kind"] = "instagram"


def _own_user(ctx: Ctx, user: str) -> None:
    if user != models.account(ctx.store)["user_id"]:
        raise graph_unknown_object(user, ctx.request.method)


def rate_headers(ctx: Ctx, reply: Reply) -> dict[str, str]:
    """BUC usage header of type ``instagram`` once the token is known."""
    headers = {"x-fb-trace-id": secrets.token_urlsafe(8)}
    if ctx.auth.get("kind"):
        headers.update(graph.usage_headers(ctx, "instagram", models.account(ctx.store)["user_id"], "instagram"))
    return headers


def fault_error(ctx: Ctx, fault: dict[str, Any]) -> ApiError:
    """An armed fault in the Graph error shape."""
    return graph.fault_error(ctx, fault, models.account(ctx.store)["user_id"], "instagram")


def not_found(ctx: Ctx) -> ApiError:
    """Unknown path."""
    return graph.not_found(ctx)


# --- containers ----------------------------------------------------------------------------------


def _check_caption(ctx: Ctx, caption: str) -> None:
    s = ctx.settings
    if len(caption) > s.ig_caption_max:
        raise graph_invalid_param(f"The caption is longer than {s.ig_caption_max} characters", 2207010)
    if len(re.findall(r"(?<!\w)#\w", caption)) > s.ig_hashtags_max:
        raise graph_invalid_param(f"The caption has more than {s.ig_hashtags_max} hashtags", 2207010)
    if len(re.findall(r"(?<![\w@])@[\w.]+", caption)) > s.ig_mentions_max:
        raise graph_invalid_param(f"The caption has more than {s.ig_mentions_max} @-mentions", 2207010)


def _validate_media(ctx: Ctx, container: dict[str, Any]) -> None:
    """Fetch a loopback media URL and check it; mark the container ERROR when it fails (§2.4)."""
    url = container.get("image_url") or container.get("video_url")
    if not url or not is_loopback_url(url):
        container["fetched"] = False
        return
    s = ctx.settings
    is_image = bool(container.get("image_url"))
    dest = ctx.store.folder("media", "instagram") / (container["id"] + (".jpg" if is_image else ".mp4"))
    try:
        fetch_local(url, dest, s.ig_image_max_bytes if is_image else s.ig_reel_max_bytes, s.ig_fetch_timeout)
    except FetchError as exc:
        dest.unlink(missing_ok=True)
        container["error"] = ("2207004: The image is too large to download" if str(exc) == "too large"
                              else "2207052: The media could not be fetched from this URI")
        return
    container["fetched"] = True
    container["file"] = str(dest.relative_to(ctx.store.dir))
    if is_image:
        info = image_info(dest)
        if info is None or info.format not in ("JPEG", "MPO"):
            container["error"] = "2207005: The image format is not supported (JPEG only)"
            return
        ratio = info.width / info.height
        if not container.get("is_carousel_item") and not (4 / 5 - 1e-3 <= ratio <= 1.91 + 1e-3):
            container["error"] = "2207009: The aspect ratio is not supported (4:5 to 1.91:1)"
            return
        container["width"], container["height"] = info.width, info.height
    elif not looks_like_mp4(dest):
        container["error"] = "2207026: The video format is not supported (MP4/MOV)"


@route(BP, "POST", "/<user>/media", graph=True)
def create_container(ctx: Ctx, user: str) -> Reply:
    """``POST /{ig-user-id}/media``: image, reel, story, carousel item or carousel (§2.1)."""
    _auth(ctx)
    _own_user(ctx, user)
    params = ctx.params()
    s = ctx.settings
    media_type = (params.get("media_type") or "IMAGE").upper()
    is_item = truthy(params.get("is_carousel_item"), False)
    caption = params.get("caption", "")
    _check_caption(ctx, caption)
    now = ctx.store.now()
    with ctx.store.lock:
        times = [t for t in models.data(ctx.store)["container_times"] if t > now - 86400]
        if len(times) >= s.ig_containers_per_day:
            raise graph_error(f"Application request limit reached: at most {s.ig_containers_per_day} containers "
                              "in 24 hours", 9, 2207042)
    container: dict[str, Any] = {"id": models.new_id(ctx.store), "created": now, "caption": caption, "media_type": media_type,
                                 "is_carousel_item": is_item, "published": False, "error": None,
                                 "alt_text": params.get("alt_text")}
    if media_type == "CAROUSEL":
        children = _children(params.get("children", ""))
        if not (s.ig_carousel_min <= len(children) <= s.ig_carousel_max):
            raise graph_invalid_param(
                f"A carousel needs {s.ig_carousel_min} to {s.ig_carousel_max} children", 2207028)
        for child in children:
            item = models.data(ctx.store)["containers"].get(child)
            if item is None or not item.get("is_carousel_item"):
                raise graph_invalid_param(f"Child {child} is not a carousel item container of this user", 2207028)
        container["children"] = children
    elif media_type in ("REELS", "VIDEO") or (media_type == "STORIES" and params.get("video_url")):
        if media_type == "VIDEO" and not is_item:
            raise graph_invalid_param("The media_type VIDEO is no longer supported for feed videos; use REELS")
        url = params.get("video_url", "")
        if not is_http_url(url):
            raise graph_invalid_param("The parameter video_url is required")
        container["video_url"] = url
        container["cover_url"] = params.get("cover_url")
        container["share_to_feed"] = truthy(params.get("share_to_feed"), True)
    elif media_type in ("IMAGE", "STORIES"):
        url = params.get("image_url", "")
        if not is_http_url(url):
            raise graph_invalid_param("The parameter image_url is required")
        container["image_url"] = url
    else:
        raise graph_invalid_param(f"Unsupported media_type {media_type}")
    if media_type != "CAROUSEL":
        _validate_media(ctx, container)
    with ctx.store.lock:
        models.data(ctx.store)["containers"][container["id"]] = container
        models.data(ctx.store)["container_times"] = [t for t in models.data(ctx.store)["container_times"] if t > now - 86400] + [now]
        ctx.store.save()
    return ok({"id": container["id"]})


def _children(raw: str) -> list[str]:
    """Carousel children: ``id1,id2`` or a JSON array ``["id1","id2"]`` (Meta's SDK sends the latter)."""
    text = raw.strip()
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            raise graph_invalid_param("Param children must be a list of container ids") from None
        if not isinstance(items, list):
            raise graph_invalid_param("Param children must be a list of container ids")
        return [str(item).strip() for item in items if str(item).strip()]
    return [c.strip() for c in text.split(",") if c.strip()]


@route(BP, "POST", "/<user>/media_publish", graph=True)
def media_publish(ctx: Ctx, user: str) -> Reply:
    """``POST /{ig-user-id}/media_publish?creation_id=`` (§2.3), within the 24 h quota (§2.4)."""
    _auth(ctx)
    _own_user(ctx, user)
    with ctx.store.lock:
        container = models.data(ctx.store)["containers"].get(ctx.params().get("creation_id", ""))
        if container is None or container.get("is_carousel_item"):
            raise graph_invalid_param("Param creation_id must be a container id of this user")
        media_id = models.publish(ctx.store, container)["id"]
        ctx.store.save()
    return ok({"id": media_id})


@route(BP, "GET", "/<user>/content_publishing_limit", graph=True)
def publishing_limit(ctx: Ctx, user: str) -> Reply:
    """``quota_usage`` and ``config`` over the rolling window (§2.4)."""
    _auth(ctx)
    _own_user(ctx, user)
    s = ctx.settings
    now = ctx.store.now()
    since = ctx.params().get("since")
    start = now - s.ig_quota_duration
    if since and since.isdigit():
        start = max(start, float(since))
    used = len([t for t in models.data(ctx.store)["publish_times"] if t > start])
    item: dict[str, Any] = {"quota_usage": used}
    names = fields_of(ctx, "quota_usage", "ContentPublishingLimit")
    if "config" in names:
        item["config"] = {"quota_total": s.ig_quota_total, "quota_duration": s.ig_quota_duration}
    return ok({"data": [item]})


@route(BP, "GET", "/<user>/media", graph=True)
def list_media(ctx: Ctx, user: str) -> Reply:
    """The user's published media, newest first."""
    _auth(ctx)
    _own_user(ctx, user)
    names = fields_of(ctx, "id", "IGMedia")
    live = sorted((p for p in models.data(ctx.store)["posts"] if not p.get("deleted")), key=lambda p: -p["created_time"])
    items = [pick(_media_view(ctx, p), names) for p in live]
    return ok(page_list(ctx, items))


def _media_view(ctx: Ctx, post: dict[str, Any]) -> dict[str, Any]:
    comments = [c for c in models.data(ctx.store)["comments"] if c["media_id"] == post["id"] and not c.get("deleted")]
    view = {"id": post["id"], "caption": post["caption"], "media_type": post["media_type"],
            "media_product_type": post["media_product_type"], "timestamp": iso_graph(post["created_time"]),
            "permalink": f"{ctx.base_url}/web/instagram#post-{post['id']}",
            "username": models.account(ctx.store)["username"], "comments_count": len(comments),
            "like_count": int(models.media_numbers(ctx.store, post)["likes"])}
    if post.get("media"):  # a seeded post may have none: the listing must still answer
        view["media_url"] = f"{ctx.base_url}/_sandbox/media/instagram/{post['media'][0]['id']}"
    return view


# --- comments ------------------------------------------------------------------------------------


def _comment_view(ctx: Ctx, c: dict[str, Any], names: list[str]) -> dict[str, Any]:
    view: dict[str, Any] = {"id": c["id"], "text": c["text"], "timestamp": iso_graph(c["created_time"]),
                            "username": c["username"], "like_count": 0, "hidden": c.get("hidden", False),
                            "from": {"id": c["user_id"], "username": c["username"]}}
    if c.get("parent_id"):
        view["parent_id"] = c["parent_id"]
    out = pick(view, names)
    if "replies" in names:
        replies = [r for r in models.data(ctx.store)["comments"] if r.get("parent_id") == c["id"] and not r.get("deleted")]
        if replies:
            # The nested field list is honoured as written (``replies{id,text,from}``), ``from`` included.
            nested = subfields_of(ctx, "replies", ["text", "username", "timestamp"], "IGComment")
            out["replies"] = {"data": [_comment_view(ctx, r, [n for n in nested if n != "replies"])
                                       for r in replies]}
    return out


@route(BP, "GET", "/<node>/<any(comments,replies):edge>", graph=True)
def get_comments(ctx: Ctx, node: str, edge: str) -> Reply:
    """Comments of a media object, or replies of a comment (§2.5)."""
    _auth(ctx)
    with ctx.store.lock:
        names = fields_of(ctx, "timestamp,text,id", "IGComment")
        if edge == "comments" and any(p["id"] == node and not p.get("deleted") for p in models.data(ctx.store)["posts"]):
            items = [c for c in models.data(ctx.store)["comments"]
                     if c["media_id"] == node and not c.get("parent_id") and not c.get("deleted")]
        elif edge == "replies" and models.find_comment(ctx.store, node):
            items = [c for c in models.data(ctx.store)["comments"] if c.get("parent_id") == node and not c.get("deleted")]
        else:
            raise graph_unknown_object(node)
        return ok(page_list(ctx, [_comment_view(ctx, c, names) for c in items]))


@route(BP, "POST", "/<node>/<any(comments,replies):edge>", graph=True)
def post_comment(ctx: Ctx, node: str, edge: str) -> Reply:
    """Reply to a top-level comment, or comment on a media object (§2.5)."""
    _auth(ctx)
    with ctx.store.lock:
        message = ctx.params().get("message", "")
        if not message:
            raise graph_invalid_param("The parameter message is required")
        acct = models.account(ctx.store)
        author = {"id": acct["user_id"], "username": acct["username"]}
        if edge == "replies":
            parent = models.find_comment(ctx.store, node)
            if parent is None:
                raise graph_unknown_object(node, "POST")
            if parent.get("hidden"):
                raise graph_invalid_param("Cannot reply to a hidden comment")
            if parent.get("parent_id"):
                parent = models.find_comment(ctx.store, parent["parent_id"]) or parent
            comment = models.add_comment(ctx.store, parent["media_id"], message, author, parent["id"], by_owner=True)
        else:
            if not any(p["id"] == node and not p.get("deleted") for p in models.data(ctx.store)["posts"]):
                raise graph_unknown_object(node, "POST")
            comment = models.add_comment(ctx.store, node, message, author, None, by_owner=True)
        ctx.store.save()
        return ok({"id": comment["id"]})


# --- insights ------------------------------------------------------------------------------------

MEDIA_INSIGHT_TITLES = {"reach": "Accounts reached", "views": "Views", "likes": "Likes", "comments": "Comments",
                        "saved": "Saved", "shares": "Shares", "total_interactions": "Interactions"}


def _media_insight(ctx: Ctx, post: dict[str, Any], name: str) -> int:
    numbers = models.media_numbers(ctx.store, post)
    comments = models.comment_count(ctx.store, post["id"])
    if name == "saved":
        return int(numbers["saves"])
    if name == "comments":
        return comments
    if name == "total_interactions":
        return sum(int(numbers[n]) for n in ("likes", "saves", "shares")) + comments
    if name in ("plays", "impressions"):  # the retired names of views
        return int(numbers["views"])
    return int(numbers.get(name, 0))


@route(BP, "GET", "/<node>/insights", graph=True)
def media_insights(ctx: Ctx, node: str) -> Reply:
    """Media insights, lifetime. The metrics a media product type takes are settings (Meta retires
    names: ``impressions``, ``plays``); any other is refused with #100 listing the valid ones.
    Media posted before the account became professional has none (#100, subcode 2108006)."""
    _auth(ctx)
    with ctx.store.lock:
        post = next((p for p in models.data(ctx.store)["posts"] if p["id"] == node and not p.get("deleted")), None)
        if post is None:
            raise graph_unknown_object(node)
        names = metric_names(ctx)
        if not names:
            raise graph_invalid_param("The parameter metric is required")
        s = ctx.settings
        allowed = s.ig_reel_metrics if post["media_product_type"] == "REELS" else s.ig_media_metrics
        for position, name in enumerate(names):
            if name not in allowed:
                raise graph_error(f"(#100) metric[{position}] must be one of the following values: "
                                  f"{', '.join(allowed)}", 100)
        if post["created_time"] < s.ig_business_since:
            raise graph_error("Invalid parameter", 100, 2108006, user_title="Media Posted Before Business Account Conversion",
                              user_msg="The media was posted before the most recent time that the user's account "
                                       "was converted to a business account from a personal account.")
        if is_young(ctx.store.now(), post["created_time"], s.insights_delay_seconds):
            return ok({"data": []})
        return ok({"data": [graph_row(node, n, _media_insight(ctx, post, n), MEDIA_INSIGHT_TITLES.get(n, n))
                            for n in names]})


@route(BP, "GET", "/<node>", graph=True)
def get_node(ctx: Ctx, node: str) -> Reply:
    """Read the user, a container (status), a media object or a comment."""
    _auth(ctx)
    with ctx.store.lock:
        acct = models.account(ctx.store)
        if node in ("me", acct["user_id"]):
            return ok(pick({"id": acct["user_id"], "username": acct["username"], "name": "BKD Provinsi NTT",
                            "media_count": len(models.data(ctx.store)["posts"])}, fields_of(ctx, "id,username", "IGUser")))
        container = models.data(ctx.store)["containers"].get(node)
        if container is not None:
            view: dict[str, Any] = {"id": node, "status_code": models.status_of(ctx.store, container)}
            if view["status_code"] == "ERROR":
                view["status"] = f"Error: {container.get('error') or '2207001: processing failed'}"
            elif view["status_code"] == "FINISHED":
                view["status"] = "Finished: Media has been uploaded and it is ready to be published."
            elif view["status_code"] == "IN_PROGRESS":
                view["status"] = "In Progress: Media is still being processed."
            if container.get("video_url"):
                view["copyright_check_status"] = {"matches_found": False, "status": (
                    "completed" if view["status_code"] in ("FINISHED", "PUBLISHED") else "in_progress")}
            names = fields_of(ctx, "id,status_code", "IGContainer")
            return ok(pick(view, names + (["copyright_check_status"] if "copyright_check_status" in names else [])))
        post = next((p for p in models.data(ctx.store)["posts"] if p["id"] == node and not p.get("deleted")), None)
        if post is not None:
            return ok(pick(_media_view(ctx, post), fields_of(ctx, "id,media_type,caption,timestamp,permalink", "IGMedia")))
        comment = models.find_comment(ctx.store, node)
        if comment is not None:
            return ok(_comment_view(ctx, comment, fields_of(ctx, "id,text,timestamp", "IGComment")))
        raise graph_unknown_object(node)


@route(BP, "POST", "/<node>", graph=True)
def hide_comment(ctx: Ctx, node: str) -> Reply:
    """``POST /{ig-comment-id}?hide=true`` (§2.5)."""
    _auth(ctx)
    with ctx.store.lock:
        comment = models.find_comment(ctx.store, node)
        params = ctx.params()
        if comment is None or "hide" not in params:
            raise graph_unknown_object(node, "POST")
        comment["hidden"] = truthy(params["hide"], False)
        ctx.store.save()
        return ok({"success": True})


@route(BP, "DELETE", "/<node>", graph=True)
def delete_comment(ctx: Ctx, node: str) -> Reply:
    """``DELETE /{ig-comment-id}``; published media cannot be deleted through the API."""
    _auth(ctx)
    with ctx.store.lock:
        comment = models.find_comment(ctx.store, node)
        if comment is None:
            raise graph_unknown_object(node, "DELETE")
        comment["deleted"] = True
        ctx.store.save()
        return ok({"success": True})


API = PlatformApi("instagram", BP, fault_error, not_found, rate_headers)
