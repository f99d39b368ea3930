"""The Page's Graph API over HTTP (reference §1): feed, photos, videos, edit, delete, comments."""

from __future__ import annotations

import base64
import json
import re
import secrets
from typing import Any

from flask import Blueprint

from sosmed.sandbox import graph
from sosmed.sandbox.core import Ctx, PlatformApi, Reply, route
from sosmed.sandbox.engagement import graph_row, reactions_by_type
from sosmed.sandbox.errors import (
    ApiError,
    graph_bad_token,
    graph_error,
    graph_invalid_param,
    graph_unknown_object,
)
from sosmed.sandbox.facebook import models
from sosmed.sandbox.graph import field_modifiers, fields_of, metric_names, ok, page_list, pick, truthy
from sosmed.sandbox.media import (
    FORMAT_EXT,
    FetchError,
    copy_stream,
    fetch_local,
    image_info,
    is_http_url,
    is_loopback_url,
    save_stream,
)
from sosmed.sandbox.state import iso_graph, parse_iso

BP = Blueprint("facebook", __name__)
PHOTO_FORMATS = {"JPEG", "BMP", "PNG", "GIF", "TIFF", "MPO"}
UPLOAD_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png",
                "mp4": "video/mp4"}


# --- plumbing ------------------------------------------------------------------------------------


def _auth(ctx: Ctx, allow: tuple[str, ...] = ("page",)) -> str:
    """Check the token; return its kind (``page`` or ``user``)."""
    token = graph.token_of(ctx)
    acct = models.account(ctx.store)
    kind = {acct["page_token"]: "page", acct["user_token"]: "user"}.get(token or "")
    if kind is None:
        raise graph_bad_token()
    ctx.auth["kind"] = kind
    if kind not in allow:
        if kind == "user":
            raise graph_error("(#200) This operation requires a Page access token with pages_manage_posts", 200,
                              status=403)
        raise graph_error("(#200) This operation requires a user access token of an app admin or developer", 200,
                          status=403)
    return kind


def _own_page(ctx: Ctx, page: str) -> None:
    if page != models.account(ctx.store)["page_id"]:
        raise graph_unknown_object(page, ctx.request.method)


def rate_headers(ctx: Ctx, reply: Reply) -> dict[str, str]:
    """Usage headers for the token kind used (§1.9), and a trace id."""
    headers = {"x-fb-trace-id": secrets.token_urlsafe(8), "x-fb-rev": "1000000"}
    kind = ctx.auth.get("kind")
    if kind:
        headers.update(graph.usage_headers(ctx, kind, models.account(ctx.store)["page_id"], "pages"))
    return headers


def fault_error(ctx: Ctx, fault: dict[str, Any]) -> ApiError:
    """An armed fault in the Graph error shape."""
    return graph.fault_error(ctx, fault, models.account(ctx.store)["page_id"], "pages")


def not_found(ctx: Ctx) -> ApiError:
    """Unknown path."""
    return graph.not_found(ctx)


def _schedule_time(ctx: Ctx, params: dict[str, str], published: bool) -> float | None:
    raw = params.get("scheduled_publish_time")
    if not raw:
        return None
    if published:
        raise graph_invalid_param("You cannot specify a scheduled publish time on a published post")
    now = ctx.store.now()
    when: float | None
    if raw.strip().isdigit():
        when = float(raw)
    else:
        when = parse_iso(raw)
        if when is None:
            m = re.fullmatch(r"\s*(?:now\s*)?\+\s*(\d+)\s*(minute|hour|day|week)s?\s*", raw, re.I)
            if m:
                unit = {"minute": 60, "hour": 3600, "day": 86400, "week": 604800}[m.group(2).lower()]
                when = now + int(m.group(1)) * unit
    s = ctx.settings
    if when is None or not (now + s.fb_schedule_min_seconds <= when <= now + s.fb_schedule_max_seconds):
        raise graph_invalid_param("The specified scheduled publish time is invalid.")
    return when


def _permalink(ctx: Ctx, post_id: str) -> str:
    return f"{ctx.base_url}/web/facebook#post-{post_id}"


def _post_view(ctx: Ctx, post: dict[str, Any]) -> dict[str, Any]:
    view = {
        "id": post["id"],
        "message": post.get("message"),
        "link": post.get("link"),
        "created_time": iso_graph(post["created_time"]),
        "updated_time": iso_graph(post.get("updated_time", post["created_time"])),
        "is_published": post["is_published"],
        "permalink_url": _permalink(ctx, post["id"]),
        "status_type": post.get("kind"),
    }
    if post.get("scheduled_publish_time") and not post["is_published"]:
        view["scheduled_publish_time"] = int(post["scheduled_publish_time"])
    if post.get("media"):
        view["full_picture"] = f"{ctx.base_url}/_sandbox/media/facebook/{post['media'][0]['id']}"
        view["attachments"] = {"data": [{"media_type": m["type"], "target": {"id": m["id"]}} for m in post["media"]]}
    names = set(fields_of(ctx, ""))
    if names & {"shares", "reactions", "comments"}:
        view.update(_engagement_fields(ctx, post, names))
    return view


def _engagement_fields(ctx: Ctx, post: dict[str, Any], names: set[str]) -> dict[str, Any]:
    """``shares`` (left out while nobody shared), and the ``comments``/``reactions`` edges with their
    ``.summary(true)`` and ``.limit(n)`` modifiers, as Graph answers them on a post."""
    out: dict[str, Any] = {}
    # Public counts, unlike insights, are there at once (a scheduled post has none yet).
    numbers = models.insight_numbers(ctx.store, post) if post["is_published"] else {}
    if int(numbers.get("shares", 0)):
        out["shares"] = {"count": int(numbers["shares"])}
    for edge in ("comments", "reactions") if names & {"comments", "reactions"} else ():
        mods = field_modifiers(ctx, edge)
        stream = mods.get("filter") == "stream"
        if edge == "comments":
            items = [c for c in models.data(ctx.store)["comments"] if c["post_id"] == post["id"]
                     and not c.get("deleted") and (stream or not c.get("parent_id"))]
            data = [{"id": c["id"], "message": c["message"], "created_time": iso_graph(c["created_time"])}
                    for c in items]
            total = len(items)
        else:
            data, total = [], sum(reactions_by_type(numbers.get("reactions", 0)).values())
        limit = int(mods["limit"]) if mods.get("limit", "").isdigit() else 25
        out[edge] = {"data": data[:limit]}
        if truthy(mods.get("summary"), False):
            out[edge]["summary"] = ({"order": "ranked", "total_count": total, "can_comment": True}
                                    if edge == "comments" else {"total_count": total, "viewer_reaction": "NONE"})
    return out


# --- feed ----------------------------------------------------------------------------------------


def _attached_media(ctx: Ctx, params: dict[str, str]) -> list[str]:
    ids: list[str] = []
    raw_items: list[Any] = []
    if "attached_media" in params:
        try:
            value = json.loads(params["attached_media"])
        except ValueError:
            raise graph_invalid_param("Param attached_media must be an array of {media_fbid}") from None
        raw_items = value if isinstance(value, list) else [value]
    indexed = sorted(
        ((int(m.group(1)), v) for k, v in params.items() if (m := re.fullmatch(r"attached_media\[(\d+)\]", k))),
    )
    for _, value in indexed:
        try:
            raw_items.append(json.loads(value))
        except ValueError:
            raise graph_invalid_param("Param attached_media[] must be a JSON object {media_fbid}") from None
    for item in raw_items:
        if not isinstance(item, dict) or "media_fbid" not in item:
            raise graph_invalid_param("Param attached_media[] must be a JSON object {media_fbid}")
        ids.append(str(item["media_fbid"]))
    return ids


@route(BP, "POST", "/<page>/feed", graph=True)
def post_feed(ctx: Ctx, page: str) -> Reply:
    """``POST /{page-id}/feed``: text, link, multi-photo (§1.1, §1.3)."""
    _auth(ctx)
    with ctx.store.lock:
        _own_page(ctx, page)
        params = ctx.params()
        message = params.get("message", "")
        link = params.get("link") or None
        published = truthy(params.get("published"), True)
        when = _schedule_time(ctx, params, published)
        media_ids = _attached_media(ctx, params)
        if link and not is_http_url(link):
            raise graph_invalid_param("Param link must be a valid URL")
        if not (message or link or media_ids):
            raise graph_invalid_param("Invalid parameter", 1349125)
        if len(media_ids) > ctx.settings.fb_attached_media_max:
            raise graph_invalid_param(f"attached_media can hold at most {ctx.settings.fb_attached_media_max} items")
        photos = models.data(ctx.store)["photos"]
        media = []
        for mid in media_ids:
            photo = photos.get(mid)
            if photo is None or photo.get("published") or photo.get("attached_to"):
                raise graph_invalid_param(f"attached_media {mid} is not an unpublished photo of this Page")
            media.append({"type": "photo", "id": mid})
        if not media:
            models.check_duplicate(ctx.store, message, link)
        kind = "album" if media else ("link" if link else "status")
        post = models.create_post(ctx.store, message=message, link=link, media=media, kind=kind,
                            scheduled_publish_time=when)
        if not published and not when:
            post["is_published"] = False
        for m in media:
            photos[m["id"]]["attached_to"] = post["id"]
        ctx.store.save()
        return ok({"id": post["id"]})


@route(BP, "GET", "/<page>/<any(feed,posts,published_posts,scheduled_posts):edge>", graph=True)
def get_feed(ctx: Ctx, page: str, edge: str) -> Reply:
    """Lists of the Page's posts (§1.5), newest first."""
    _auth(ctx)
    with ctx.store.lock:
        _own_page(ctx, page)
        models.refresh(ctx.store)
        posts = [p for p in models.data(ctx.store)["posts"] if not p.get("deleted")]
        if edge == "scheduled_posts":
            posts = [p for p in posts if not p["is_published"] and p.get("scheduled_publish_time")]
        else:
            posts = [p for p in posts if p["is_published"]]
        names = fields_of(ctx, "id,message,created_time", "PagePost")
        # Newest first by time, as Graph lists (seeded posts may be older than the newest ones made).
        items = [pick(_post_view(ctx, p), names) for p in sorted(posts, key=lambda p: -p["created_time"])]
        return ok(page_list(ctx, items))


# --- photos --------------------------------------------------------------------------------------


def _store_image_file(ctx: Ctx, photo_id: str, storage: Any) -> str:
    tmp = ctx.store.folder("media", "facebook") / f"{photo_id}.upload"
    save_stream(storage.stream, tmp)
    info = image_info(tmp)
    if info is None or info.format not in PHOTO_FORMATS:
        tmp.unlink(missing_ok=True)
        raise graph_error("(#324) Missing or invalid image file", 324)
    final = tmp.with_suffix(FORMAT_EXT.get(info.format, ".img"))
    tmp.replace(final)
    return str(final.relative_to(ctx.store.dir))


@route(BP, "POST", "/<page>/photos", graph=True)
def post_photo(ctx: Ctx, page: str) -> Reply:
    """``POST /{page-id}/photos`` with ``source`` (multipart) or ``url`` (§1.2)."""
    _auth(ctx)
    _own_page(ctx, page)
    params = ctx.params()
    photo_id = models.new_object_id(ctx.store)
    storage = ctx.request.files.get("source")
    url = params.get("url")
    file_rel = None
    if storage is not None:
        file_rel = _store_image_file(ctx, photo_id, storage)
    elif url:
        if not is_http_url(url):
            raise graph_error("(#324) Missing or invalid image file", 324)
        if is_loopback_url(url):
            tmp = ctx.store.folder("media", "facebook") / f"{photo_id}.upload"
            try:
                fetch_local(url, tmp, 32 * 1024 * 1024, ctx.settings.ig_fetch_timeout)
            except FetchError:
                tmp.unlink(missing_ok=True)
                raise graph_error("(#324) Missing or invalid image file", 324) from None
            info = image_info(tmp)
            if info is None or info.format not in PHOTO_FORMATS:
                tmp.unlink(missing_ok=True)
                raise graph_error("(#324) Missing or invalid image file", 324)
            final = tmp.with_suffix(FORMAT_EXT.get(info.format, ".img"))
            tmp.replace(final)
            file_rel = str(final.relative_to(ctx.store.dir))
    else:
        raise graph_error("(#324) Requires upload file", 324)
    published = truthy(params.get("published"), True)
    with ctx.store.lock:
        when = _schedule_time(ctx, params, published)
        caption = params.get("caption") or params.get("message") or ""
        photo = {"id": photo_id, "file": file_rel, "url": url, "caption": caption,
                 "alt_text": params.get("alt_text_custom"), "published": published and not when,
                 "temporary": truthy(params.get("temporary"), False), "created_time": ctx.store.now(),
                 "attached_to": None}
        models.data(ctx.store)["photos"][photo_id] = photo
        body: dict[str, Any] = {"id": photo_id}
        if published or when:
            post = models.create_post(ctx.store, message=caption, media=[{"type": "photo", "id": photo_id}], kind="photo",
                                scheduled_publish_time=when)
            photo["attached_to"] = post["id"]
            if published:
                body["post_id"] = post["id"]
        ctx.store.save()
    return ok(body)


# --- videos --------------------------------------------------------------------------------------


def _video_post(ctx: Ctx, video_id: str, params: dict[str, str], file_rel: str | None, size: int) -> dict[str, Any]:
    published = truthy(params.get("published"), True)
    when = _schedule_time(ctx, params, published)
    return models.add_video(ctx.store, video_id, params.get("title", ""), params.get("description", ""), file_rel,
                            size, published=published, when=when)


def _legacy_start(ctx: Ctx, params: dict[str, str]) -> Reply:
    try:
        size = int(params.get("file_size", ""))
    except ValueError:
        raise graph_invalid_param("Param file_size must be a positive integer") from None
    if size <= 0:
        raise graph_invalid_param("Param file_size must be a positive integer")
    with ctx.store.lock:
        sid = str(3000000000000000 + ctx.store.next_number())
        video_id = models.new_object_id(ctx.store)
        models.data(ctx.store)["legacy_sessions"][sid] = {
            "video_id": video_id, "file_size": size, "received": 0, "file": f"uploads/facebook/{sid}.part",
            "finished": False}
        (ctx.store.folder("uploads", "facebook") / f"{sid}.part").write_bytes(b"")
        ctx.store.save()
    return ok({"video_id": video_id, "upload_session_id": sid, "start_offset": "0",
               "end_offset": str(min(ctx.settings.fb_video_chunk_bytes, size))})


def _legacy_transfer(ctx: Ctx, params: dict[str, str], session: dict[str, Any]) -> Reply:
    try:
        start = int(params.get("start_offset", ""))
    except ValueError:
        raise graph_invalid_param("Param start_offset must be an integer") from None
    if start != session["received"]:
        raise graph_error(f"(#6001) The start offset {start} does not match the session's offset "
                          f"{session['received']}", 6001, 1363037)
    storage = ctx.request.files.get("video_file_chunk")
    if storage is None:
        raise graph_invalid_param("Param video_file_chunk is required")
    part = ctx.store.dir / session["file"]
    with part.open("r+b") as out:
        out.seek(start)
        out.truncate(start)
        written = copy_stream(storage.stream, out, limit=session["file_size"] - start)
        if written > session["file_size"] - start:
            out.truncate(start)
            raise graph_invalid_param("The chunk goes past file_size")
    with ctx.store.lock:
        session["received"] = start + written
        ctx.store.save()
    nxt = session["received"]
    return ok({"start_offset": str(nxt),
               "end_offset": str(min(nxt + ctx.settings.fb_video_chunk_bytes, session["file_size"]))})


def _legacy_phase(ctx: Ctx, phase: str, params: dict[str, str]) -> Reply:
    """The start/transfer/finish flow (§1.4, legacy)."""
    if phase == "start":
        return _legacy_start(ctx, params)
    session = models.data(ctx.store)["legacy_sessions"].get(params.get("upload_session_id", ""))
    if session is None or session["finished"]:
        raise graph_invalid_param("Invalid upload_session_id", 1363019)
    if phase == "transfer":
        return _legacy_transfer(ctx, params, session)
    if session["received"] != session["file_size"]:
        raise graph_invalid_param(
            f"The upload is incomplete: {session['received']} of {session['file_size']} bytes received", 1363030)
    with ctx.store.lock:
        session["finished"] = True
        _video_post(ctx, session["video_id"], params, session["file"], session["file_size"])
        ctx.store.save()
    return ok({"success": True})


def _one_shot(ctx: Ctx, params: dict[str, str]) -> Reply:
    """A video in one call: ``source`` (multipart) or ``file_url``."""
    storage = ctx.request.files.get("source")
    file_url = params.get("file_url")
    video_id = models.new_object_id(ctx.store)
    dest = ctx.store.folder("media", "facebook") / f"{video_id}.mp4"
    if storage is not None:
        size = save_stream(storage.stream, dest)
    elif file_url and is_http_url(file_url):
        size = 0
        if is_loopback_url(file_url):
            try:
                size = fetch_local(file_url, dest, 10 * 1024**3, ctx.settings.ig_fetch_timeout)
            except FetchError:
                raise graph_error("(#352) The video file could not be retrieved", 352) from None
    else:
        raise graph_error("(#352) Requires upload file or file_url", 352)
    with ctx.store.lock:
        _video_post(ctx, video_id, params, str(dest.relative_to(ctx.store.dir)) if dest.exists() else None, size)
        ctx.store.save()
    return ok({"id": video_id})


@route(BP, "POST", "/<page>/videos", graph=True)
def post_video(ctx: Ctx, page: str) -> Reply:
    """Videos on a Page: the legacy start/transfer/finish phases, one-shot ``source``/``file_url``,
    or publishing a handle from the Resumable Upload API (§1.4)."""
    _auth(ctx)
    _own_page(ctx, page)
    params = ctx.params()
    phase = params.get("upload_phase")
    if phase in ("start", "transfer", "finish"):
        return _legacy_phase(ctx, phase, params)
    handle = params.get("fbuploader_video_file_chunk")
    if not handle:
        return _one_shot(ctx, params)
    found = next((s for s in models.data(ctx.store)["upload_sessions"].values() if s.get("handle") == handle), None)
    if found is None:
        raise graph_invalid_param("Invalid fbuploader_video_file_chunk handle")
    with ctx.store.lock:
        post = _video_post(ctx, models.new_object_id(ctx.store), params, found["file"], found["file_length"])
        ctx.store.save()
    return ok({"id": post["media"][0]["id"]})


@route(BP, "POST", "/<digits:app>/uploads", graph=True)
def start_upload(ctx: Ctx, app: str) -> Reply:
    """Resumable Upload API step 1: ``POST /{app-id}/uploads`` with a user token (§1.4)."""
    _auth(ctx, allow=("user",))
    if app != models.account(ctx.store)["app_id"]:
        raise graph_unknown_object(app, "POST")
    params = ctx.params()
    try:
        length = int(params.get("file_length", ""))
    except ValueError:
        raise graph_invalid_param("Param file_length must be a positive integer") from None
    file_type = params.get("file_type", "")
    short = file_type.split("/")[-1].lower()
    if length <= 0 or short not in UPLOAD_TYPES:
        raise graph_invalid_param("Param file_type must be one of pdf, jpeg, jpg, png, mp4")
    with ctx.store.lock:
        sid = secrets.token_hex(12)
        models.data(ctx.store)["upload_sessions"][sid] = {"file_name": params.get("file_name", "upload"), "file_length": length,
                                            "file_type": UPLOAD_TYPES[short], "received": 0,
                                            "file": f"uploads/facebook/upload-{sid}.part", "handle": None}
        (ctx.store.folder("uploads", "facebook") / f"upload-{sid}.part").write_bytes(b"")
        ctx.store.save()
    return ok({"id": f"upload:{sid}"})


def _upload_session(ctx: Ctx, sid: str) -> dict[str, Any]:
    _auth(ctx, allow=("user",))
    session = models.data(ctx.store)["upload_sessions"].get(sid)
    if session is None:
        raise graph_unknown_object(f"upload:{sid}", ctx.request.method)
    return session


@route(BP, "GET", "/upload:<sid>", graph=True)
def upload_status(ctx: Ctx, sid: str) -> Reply:
    """Where a resumable upload stands: ``{"id": "upload:…", "file_offset": N}``."""
    session = _upload_session(ctx, sid)
    return ok({"id": f"upload:{sid}", "file_offset": session["received"]})


@route(BP, "POST", "/upload:<sid>", streams=True, graph=True)
def upload_bytes(ctx: Ctx, sid: str) -> Reply:
    """Resumable Upload API step 2: raw bytes from ``file_offset``; the handle when complete."""
    session = _upload_session(ctx, sid)
    try:
        offset = int(ctx.raw_header("file_offset") or "")
    except ValueError:
        raise graph_invalid_param("Header file_offset is required") from None
    if offset != session["received"]:
        raise graph_invalid_param(f"file_offset {offset} does not match the session's offset {session['received']}")
    part = ctx.store.dir / session["file"]
    remaining = session["file_length"] - offset
    written = 0
    try:
        with part.open("r+b") as out:
            out.seek(offset)
            out.truncate(offset)
            written = ctx.copy_body(out, limit=remaining)
    finally:
        with ctx.store.lock:
            session["received"] = min(part.stat().st_size, session["file_length"])
            ctx.store.save()
    if written > remaining:
        with part.open("r+b") as out:
            out.truncate(offset)
        with ctx.store.lock:
            session["received"] = offset
            ctx.store.save()
        raise graph_invalid_param("The body goes past file_length")
    if session["received"] < session["file_length"]:
        return ok({"id": f"upload:{sid}", "file_offset": session["received"]})
    with ctx.store.lock:
        if not session["handle"]:
            session["handle"] = "4:" + base64.b64encode(f"{session['file_type']}:{sid}".encode()).decode()
            ctx.store.save()
    return ok({"h": session["handle"]})


# --- comments ------------------------------------------------------------------------------------


def _comment_view(ctx: Ctx, c: dict[str, Any], with_from: bool) -> dict[str, Any]:
    replies = [r for r in models.data(ctx.store)["comments"] if r.get("parent_id") == c["id"] and not r.get("deleted")]
    view: dict[str, Any] = {
        "id": c["id"], "message": c["message"], "created_time": iso_graph(c["created_time"]),
        "comment_count": len(replies), "permalink_url": f"{ctx.base_url}/web/facebook#comment-{c['id']}",
    }
    if with_from:
        view["from"] = c["from"]
    if c.get("parent_id"):
        parent = models.find_comment(ctx.store, c["parent_id"])
        if parent:
            view["parent"] = {"id": parent["id"], "message": parent["message"],
                              "created_time": iso_graph(parent["created_time"])}
    return view


@route(BP, "GET", "/<node>/comments", graph=True)
def get_comments(ctx: Ctx, node: str) -> Reply:
    """Comments of a post or replies of a comment (§1.6)."""
    _auth(ctx)
    with ctx.store.lock:
        params = ctx.params()
        comments = models.data(ctx.store)["comments"]
        post = models.find_post(ctx.store, node)
        if post is not None:
            if params.get("filter", "toplevel") == "stream":
                items = [c for c in comments if c["post_id"] == node and not c.get("deleted")]
            else:
                items = [c for c in comments if c["post_id"] == node and not c.get("parent_id")
                         and not c.get("deleted")]
        elif models.find_comment(ctx.store, node) is not None:
            items = [c for c in comments if c.get("parent_id") == node and not c.get("deleted")]
        else:
            raise graph_unknown_object(node)
        if params.get("order") == "reverse_chronological":
            items = list(reversed(items))
        names = fields_of(ctx, "created_time,from,message,id", "Comment")
        with_from = ctx.auth["kind"] == "page"
        body = page_list(ctx, [pick(_comment_view(ctx, c, with_from), names) for c in items])
        if truthy(params.get("summary"), False):
            body["summary"] = {"order": params.get("order", "chronological"), "total_count": len(items),
                               "can_comment": True}
        return ok(body)


@route(BP, "POST", "/<node>/comments", graph=True)
def post_comment(ctx: Ctx, node: str) -> Reply:
    """The Page comments on its post, or replies to a comment (§1.6)."""
    _auth(ctx)
    with ctx.store.lock:
        params = ctx.params()
        message = params.get("message", "")
        if not message and not (params.get("attachment_url") or params.get("attachment_id")):
            raise graph_invalid_param("Missing message or attachment")
        post = models.find_post(ctx.store, node)
        parent = None
        if post is None:
            parent = models.find_comment(ctx.store, node)
            if parent is None:
                raise graph_unknown_object(node, "POST")
            if parent.get("parent_id"):
                parent = models.find_comment(ctx.store, parent["parent_id"]) or parent
            post = models.find_post(ctx.store, parent["post_id"])
            if post is None:
                raise graph_unknown_object(node, "POST")
        if not post["is_published"]:
            raise graph_error("(#100) Cannot comment on an unpublished post", 100)
        comment = models.add_comment(ctx.store, post["id"], message, _page_author(ctx), parent["id"] if parent else None,
                              by_page=True)
        ctx.store.save()
        return ok({"id": comment["id"]})


def _page_author(ctx: Ctx) -> dict[str, str]:
    return {"id": models.account(ctx.store)["page_id"], "name": models.account(ctx.store)["page_name"]}


# --- insights (§1.7) -----------------------------------------------------------------------------

POST_INSIGHT_TITLES = {
    "post_media_view": "Views", "post_total_media_view_unique": "Viewers", "post_impressions": "Post Impressions",
    "post_impressions_unique": "Post Reach", "post_reactions_by_type_total": "Total post reactions by type",
    "post_clicks": "Post Clicks", "post_clicks_by_type": "Post Clicks by Type", "post_video_views": "Video Views",
}


def _insight_value(name: str, numbers: dict[str, float]) -> Any:
    if name in ("post_total_media_view_unique", "post_impressions_unique"):
        return int(numbers["reach"])
    if name in ("post_media_view", "post_impressions", "post_video_views"):
        return int(numbers["views"])
    if name == "post_reactions_by_type_total":
        return reactions_by_type(numbers["reactions"])
    if name == "post_clicks":
        return int(numbers["clicks"])
    if name == "post_clicks_by_type":
        return {"other clicks": int(numbers["clicks"])}
    return 0


@route(BP, "GET", "/<node>/insights", graph=True)
def post_insights(ctx: Ctx, node: str) -> Reply:
    """Lifetime post insights. A metric the Graph version does not take (renamed or retired: the list is a
    setting) refuses the whole call with #100; a post too young, or a Page too small, has no rows."""
    _auth(ctx)
    with ctx.store.lock:
        post = models.find_post(ctx.store, node)
        if post is None:
            raise graph_unknown_object(node)
        names = metric_names(ctx)
        if not names:
            raise graph_invalid_param("The parameter metric is required")
        if ctx.params().get("period", "lifetime") != "lifetime":
            raise graph_invalid_param("Post insights are given for period=lifetime only")
        if any(name not in ctx.settings.fb_insights_metrics for name in names):
            raise graph_error("(#100) The value must be a valid insights metric", 100)
        if models.insights_withheld(ctx.store, post):
            return ok({"data": []})
        numbers = models.insight_numbers(ctx.store, post)
        return ok({"data": [graph_row(node, n, _insight_value(n, numbers), POST_INSIGHT_TITLES.get(n, n))
                            for n in names]})


# --- nodes ---------------------------------------------------------------------------------------


@route(BP, "GET", "/me/accounts", graph=True)
def me_accounts(ctx: Ctx) -> Reply:
    """The Pages the user manages, with their Page tokens (§1.0)."""
    _auth(ctx, allow=("user",))
    acct = models.account(ctx.store)
    return ok({"data": [{"access_token": acct["page_token"], "category": "Government Organization",
                         "id": acct["page_id"], "name": acct["page_name"],
                         "tasks": ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"]}],
               "paging": {"cursors": {"before": "MAZDZD", "after": "MAZDZD"}}})


@route(BP, "GET", "/<node>", graph=True)
def get_node(ctx: Ctx, node: str) -> Reply:
    """Read the Page, a post, a photo, a video or a comment."""
    kind = _auth(ctx, allow=("page", "user"))
    acct = models.account(ctx.store)
    with ctx.store.lock:
        if node in ("me", acct["page_id"]):
            if node == "me" and kind == "user":
                return ok(pick({"id": acct["user_id"], "name": acct["user_name"]}, fields_of(ctx, "id,name", "User")))
            page = {"id": acct["page_id"], "name": acct["page_name"], "username": acct["page_username"],
                    "link": f"{ctx.base_url}/web/facebook", "category": "Government Organization",
                    "followers_count": ctx.settings.fb_page_followers, "fan_count": ctx.settings.fb_page_followers}
            if kind == "user":
                page["access_token"] = acct["page_token"]
            return ok(pick(page, fields_of(ctx, "id,name", "Page")))
        if kind != "page":
            raise graph_unknown_object(node)
        post = models.find_post(ctx.store, node)
        if post is not None:
            return ok(pick(_post_view(ctx, post), fields_of(ctx, "id,message,created_time", "PagePost")))
        comment = models.find_comment(ctx.store, node)
        if comment is not None:
            return ok(pick(_comment_view(ctx, comment, True), fields_of(ctx, "id,message,created_time,from", "Comment")))
        photo = models.data(ctx.store)["photos"].get(node)
        if photo is not None:
            view = {"id": node, "name": photo["caption"], "created_time": iso_graph(photo["created_time"]),
                    "published": photo["published"]}
            return ok(pick(view, fields_of(ctx, "id,name,created_time", "Photo")))
        video = models.data(ctx.store)["videos"].get(node)
        if video is not None:
            view = {"id": node, "title": video["title"], "description": video["description"],
                    "created_time": iso_graph(video["created_time"]), "status": {"video_status": "ready"},
                    "post_id": video.get("post_id")}
            return ok(pick(view, fields_of(ctx, "id,title,description,created_time", "Video")))
        raise graph_unknown_object(node)


@route(BP, "POST", "/<node>", graph=True)
def edit_node(ctx: Ctx, node: str) -> Reply:
    """Edit a post's or a comment's message (§1.5)."""
    _auth(ctx)
    with ctx.store.lock:
        params = ctx.params()
        video = models.data(ctx.store)["videos"].get(node)
        if video is not None and ("description" in params or "name" in params):
            # A Video node is edited through its description and name (title).
            video["description"] = params.get("description", video["description"])
            video["title"] = params.get("name", video["title"]) or video["title"]
            post = models.find_post(ctx.store, video.get("post_id", ""))
            if post is not None:
                post["message"] = video["description"] or video["title"]
                post["updated_time"] = ctx.store.now()
            ctx.store.save()
            return ok({"success": True})
        target = models.find_post(ctx.store, node) or models.find_comment(ctx.store, node)
        if target is None:
            raise graph_unknown_object(node, "POST")
        if "message" not in params and "is_hidden" not in params:
            raise graph_invalid_param("Nothing to update: send message")
        if "message" in params:
            target["message"] = params["message"]
            target["updated_time"] = ctx.store.now()
        if "is_hidden" in params and "post_id" in target:
            target["hidden"] = truthy(params["is_hidden"], False)
        ctx.store.save()
        return ok({"success": True})


@route(BP, "DELETE", "/<node>", graph=True)
def delete_node(ctx: Ctx, node: str) -> Reply:
    """Delete a post or a comment (§1.5)."""
    _auth(ctx)
    with ctx.store.lock:
        target = models.find_post(ctx.store, node) or models.find_comment(ctx.store, node)
        if target is None:
            raise graph_unknown_object(node, "DELETE")
        target["deleted"] = True
        target["deleted_time"] = ctx.store.now()
        ctx.store.save()
        return ok({"success": True})


API = PlatformApi("facebook", BP, fault_error, not_found, rate_headers)
