"""YouTube Data API v3 (reference §4): resumable videos.insert, metadata rules, thumbnails,
comment threads, replies (comments.list/insert), videos.list/update/delete, channels.list and the
uploads playlist (playlistItems.list), and quota accounting."""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable
from typing import Any

from flask import Blueprint

from sosmed.sandbox.core import Ctx, PlatformApi, Reply, ResetConnection, route
from sosmed.sandbox.errors import ApiError, google_error, google_quota_exceeded, google_unauthorized
from sosmed.sandbox.media import image_info
from sosmed.sandbox.state import iso_z, parse_iso
from sosmed.sandbox.youtube import models

BP = Blueprint("youtube", __name__)
CATEGORY_IDS = {"1", "2", "10", "15", "17", "19", "20", "22", "23", "24", "25", "26", "27", "28", "29"}
PRIVACY = {"public", "private", "unlisted"}


def _auth(ctx: Ctx) -> None:
    header = ctx.request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise google_unauthorized(missing=True)
    expiry = models.data(ctx.store)["access_tokens"].get(header[7:].strip())
    if expiry is None or expiry <= ctx.store.now():
        raise google_unauthorized(missing=False)
    ctx.auth["kind"] = "oauth2"


def rate_headers(ctx: Ctx, reply: Reply) -> dict[str, str]:
    """Google sends no rate-limit headers on success; errors carry ``Retry-After`` when set."""
    return {}


# Every documented error kind an admin can arm (§4.5), each as Google answers it.
YOUTUBE_FAULTS: dict[str, Callable[[Ctx, dict[str, Any]], ApiError]] = {
    "400": lambda ctx, fault: google_error(400, "invalidValue", "Invalid value.", domain="youtube.parameter"),
    "401": lambda ctx, fault: google_unauthorized(missing=False),
    "expired_token": lambda ctx, fault: google_unauthorized(missing=False),
    "403": lambda ctx, fault: google_error(403, "insufficientPermissions", "Request had insufficient "
                                           "authentication scopes.", domain="global"),
    "404": lambda ctx, fault: google_error(404, "notFound", "Not Found"),
    "quota": lambda ctx, fault: google_error(400, "uploadLimitExceeded", "The user has exceeded the number of "
                                             "videos they may upload.", domain="youtube.video")
    if fault.get("reason") == "uploadLimitExceeded" else google_quota_exceeded(),
    "500": lambda ctx, fault: google_error(500, "backendError", "Backend Error"),
    "503": lambda ctx, fault: google_error(503, "backendError", "Backend Error"),
}


def fault_error(ctx: Ctx, fault: dict[str, Any]) -> ApiError:
    """An armed fault as a Google JSON error (§4.5)."""
    if fault["kind"] == "429":
        err = google_error(429, "rateLimitExceeded", "The request cannot be completed because you have exceeded "
                           "your rate limit.", domain="youtube.quota")
        err.headers["Retry-After"] = str(int(fault.get("retry_after", 1)))
        return err
    return YOUTUBE_FAULTS[fault["kind"]](ctx, fault)


def not_found(ctx: Ctx) -> ApiError:
    """Unknown path."""
    return google_error(404, "notFound", f"Not Found: {ctx.path}")


# --- metadata rules (§4.2) -----------------------------------------------------------------------


def _bad(reason: str, message: str, location: str) -> ApiError:
    return google_error(400, reason, message, domain="youtube.video", location=location, location_type="other")


def tags_length(tags: list[str]) -> int:
    """YouTube's count for tags: commas between them, and quotes around a tag with spaces."""
    return sum(len(t) + (2 if " " in t else 0) for t in tags) + max(0, len(tags) - 1)


def validate_metadata(ctx: Ctx, body: dict[str, Any], insert: bool, parts: set[str]) -> None:
    """Enforce the video resource field rules; raise the documented 400 reasons."""
    snippet = body.get("snippet")
    status = body.get("status") or {}
    if "snippet" in parts or insert:
        if not isinstance(snippet, dict) or not isinstance(snippet.get("title"), str) or not snippet["title"].strip():
            raise _bad("invalidTitle", "The request metadata specifies an invalid or empty video title.",
                       "body.snippet.title")
        title = snippet["title"]
        if len(title) > 100 or "<" in title or ">" in title:
            raise _bad("invalidTitle", "The request metadata specifies an invalid video title.", "body.snippet.title")
        description = snippet.get("description", "")
        if not isinstance(description, str) or len(description.encode("utf-8")) > 5000 or any(
                c in description for c in "<>"):
            raise _bad("invalidDescription", "The request metadata specifies an invalid video description.",
                       "body.snippet.description")
        tags = snippet.get("tags", [])
        if not isinstance(tags, list) or any(not isinstance(t, str) for t in tags) or tags_length(tags) > 500:
            raise _bad("invalidTags", "The request metadata specifies invalid video keywords.", "body.snippet.tags")
        category = snippet.get("categoryId")
        if (category is None and not insert) or (category is not None and str(category) not in CATEGORY_IDS):
            raise _bad("invalidCategoryId", "The snippet.categoryId property specifies an invalid category ID.",
                       "body.snippet.categoryId")
    if status:
        privacy = status.get("privacyStatus", "private")
        if privacy not in PRIVACY:
            raise _bad("invalidVideoMetadata", "The request metadata is invalid.", "body.status.privacyStatus")
        publish_at = status.get("publishAt")
        if publish_at is not None:
            when = parse_iso(str(publish_at))
            if when is None or when <= ctx.store.now() or privacy != "private":
                raise _bad("invalidPublishAt", "The request metadata specifies an invalid scheduled publishing time.",
                           "body.status.publishAt")


def _parts(ctx: Ctx) -> set[str]:
    part = ctx.request.args.get("part", "")
    if not part:
        raise google_error(400, "required", "Required parameter: part", location="part")
    return {p.strip() for p in part.split(",") if p.strip()}


def video_resource(ctx: Ctx, video: dict[str, Any], parts: set[str] | None = None) -> dict[str, Any]:
    """The ``youtube#video`` resource with the requested parts."""
    acct = models.account(ctx.store)
    thumbs = {name: {"url": f"{ctx.base_url}/_sandbox/media/youtube/{video['id']}?thumb={name}",
                     "width": w, "height": h} for name, w, h in (("default", 120, 90), ("medium", 320, 180),
                                                                 ("high", 480, 360))}
    res: dict[str, Any] = {"kind": "youtube#video", "etag": secrets.token_urlsafe(12), "id": video["id"]}
    snippet = {"publishedAt": iso_z(video["created_time"], millis=False), "channelId": acct["channel_id"],
               "title": video["title"], "description": video["description"], "thumbnails": thumbs,
               "channelTitle": acct["channel_title"], "categoryId": video.get("categoryId") or "22",
               "liveBroadcastContent": "none", "localized": {"title": video["title"],
                                                            "description": video["description"]}}
    if video.get("tags"):
        snippet["tags"] = video["tags"]
    status: dict[str, Any] = {"uploadStatus": "uploaded" if video.get("file") else "processed",
                              "privacyStatus": video["privacyStatus"], "license": "youtube", "embeddable": True,
                              "publicStatsViewable": True}
    if video.get("publishAt"):
        status["publishAt"] = video["publishAt"]
    if video.get("madeForKids") is not None:
        status["selfDeclaredMadeForKids"] = video["madeForKids"]
        status["madeForKids"] = video["madeForKids"]
    for name, value in (("snippet", snippet), ("status", status)):
        if parts is None or name in parts:
            res[name] = value
    if parts is None or "contentDetails" in parts:
        res["contentDetails"] = {"duration": "PT0S", "dimension": "2d", "definition": "hd", "caption": "false",
                                 "licensedContent": False, "projection": "rectangular"}
    if parts is not None and "statistics" in parts:
        res["statistics"] = models.statistics(ctx.store, video)
    return res


# --- resumable upload (§4.1) ---------------------------------------------------------------------


@route(BP, "POST", "/upload/youtube/v3/videos")
def start_session(ctx: Ctx) -> Reply:
    """Step 1: metadata in, ``200`` with an empty body and the session URI in ``Location``."""
    _auth(ctx)
    args = ctx.request.args
    if args.get("uploadType") != "resumable":
        raise google_error(400, "badRequest", "The sandbox supports uploadType=resumable only.",
                           location="uploadType")
    parts = _parts(ctx)
    models.charge(ctx.store, "videos.insert")
    body = ctx.json_body() or {}
    if not isinstance(body, dict):
        raise google_error(400, "parseError", "Parse Error")
    validate_metadata(ctx, body, insert=True, parts=parts)
    content_type = ctx.request.headers.get("X-Upload-Content-Type")
    if content_type and not (content_type.startswith("video/") or content_type == "application/octet-stream"):
        raise google_error(400, "invalidContentType", f"Media type '{content_type}' is not supported.",
                           domain="youtube.video")
    total_header = ctx.request.headers.get("X-Upload-Content-Length")
    total = int(total_header) if total_header and total_header.isdigit() else None
    upload_id = "sbx" + secrets.token_urlsafe(24)
    with ctx.store.lock:
        models.data(ctx.store)["sessions"][upload_id] = {
            "id": upload_id, "metadata": body, "parts": sorted(parts), "total": total, "received": 0,
            "file": f"uploads/youtube/{upload_id}.part", "created": ctx.store.now(), "video_id": None,
        }
        (ctx.store.folder("uploads", "youtube") / f"{upload_id}.part").write_bytes(b"")
        ctx.store.save()
    location = (f"{ctx.base_url}/youtube/upload/youtube/v3/videos?uploadType=resumable&upload_id={upload_id}"
                f"&part={','.join(sorted(parts))}")
    return Reply(None, 200, {"Location": location, "X-GUploader-UploadID": upload_id})


def _session(ctx: Ctx) -> dict[str, Any]:
    session = models.data(ctx.store)["sessions"].get(ctx.request.args.get("upload_id", ""))
    if session is None or ctx.store.now() - session["created"] > ctx.settings.yt_session_lifetime_seconds:
        raise google_error(404, "notFound", "The upload session was not found or has expired.")
    return session


def _range_headers(received: int) -> dict[str, str]:
    return {"Range": f"bytes=0-{received - 1}"} if received > 0 else {}


@route(BP, "PUT", "/upload/youtube/v3/videos", streams=True)
def put_bytes(ctx: Ctx) -> Reply:
    """Steps 3–4: a chunk (``308`` + ``Range`` or ``201`` + resource) or a status query ``bytes */TOTAL``."""
    _auth(ctx)
    session = _session(ctx)
    parts = set(session["parts"])
    if session["video_id"]:
        video = next(v for v in models.data(ctx.store)["posts"] if v["id"] == session["video_id"])
        return Reply(video_resource(ctx, video, parts), 200)
    content_range = ctx.request.headers.get("Content-Range")
    status_query = re.fullmatch(r"bytes \*/(\d+|\*)", content_range or "")
    if status_query:
        if status_query.group(1) != "*" and session["total"] is None:
            session["total"] = int(status_query.group(1))
        return Reply(None, 308, _range_headers(session["received"]))
    first, last, is_last = _chunk_range(ctx, session, content_range)
    _store_chunk(ctx, session, first, last - first + 1)
    with ctx.store.lock:
        session["received"] = max(session["received"], last + 1)
        if is_last:
            video = models.finish_upload(ctx.store, session)
            ctx.store.save()
            return Reply(video_resource(ctx, video, parts), 201)
        ctx.store.save()
    return Reply(None, 308, _range_headers(session["received"]))


def _chunk_range(ctx: Ctx, session: dict[str, Any], content_range: str | None) -> tuple[int, int, bool]:
    """First and last byte of a chunk, and whether it is the last one; refused when it does not fit."""
    length = ctx.request.content_length or 0
    granule = ctx.settings.yt_chunk_granularity
    if content_range:
        m = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+|\*)", content_range)
        if not m:
            raise google_error(400, "badContent", f"Invalid Content-Range: {content_range}")
        first, last = int(m.group(1)), int(m.group(2))
        total = None if m.group(3) == "*" else int(m.group(3))
    else:
        first, last, total = 0, length - 1, length
    if total is not None:
        if session["total"] is not None and total != session["total"]:
            raise google_error(400, "badContent", f"The total size {total} does not match the declared "
                                                  f"{session['total']}.")
        session["total"] = total
    size = last - first + 1
    if first > session["received"] or last < first or size != length:
        raise google_error(400, "badContent",
                           f"Content-Range {content_range} does not fit: {session['received']} bytes stored, "
                           f"{length} bytes sent.")
    is_last = total is not None and last + 1 == total
    if not is_last and size % granule:
        raise google_error(
            400, "badContent",
            f"Invalid request. The number of bytes uploaded is required to be equal or greater than {granule}, "
            f"except for the final request (it's recommended to be the exact multiple of {granule}). The received "
            f"request contained {size} bytes, which does not meet this requirement.")
    return first, last, is_last


def _store_chunk(ctx: Ctx, session: dict[str, Any], first: int, size: int) -> None:
    """Write the chunk's bytes at their place; a dropped connection keeps what arrived in whole units."""
    granule = ctx.settings.yt_chunk_granularity
    path = ctx.store.dir / session["file"]
    written = 0
    try:
        with path.open("r+b") as fh:
            fh.seek(first)
            written = ctx.copy_body(fh, limit=size)
    except ResetConnection:
        # Google keeps what it received in whole units; the client learns it from the status query.
        kept = first + (ctx.reset_after or 0) // granule * granule
        with ctx.store.lock:
            session["received"] = max(session["received"], min(kept, first + size))
            ctx.store.save()
        raise
    if written != size:
        raise google_error(400, "badContent", f"Expected {size} bytes, received {written}.")


# --- videos.list / update / delete ---------------------------------------------------------------


@route(BP, "GET", "/youtube/v3/videos")
def list_videos(ctx: Ctx) -> Reply:
    """``videos.list`` by ``id`` (comma-separated) or ``myRated``-free ``chart``-free sandbox listing."""
    _auth(ctx)
    parts = _parts(ctx)
    models.charge(ctx.store, "videos.list")
    ids = [i for i in ctx.request.args.get("id", "").split(",") if i]
    videos = [v for v in models.data(ctx.store)["posts"] if not v.get("deleted") and (not ids or v["id"] in ids)]
    items = [video_resource(ctx, v, parts) for v in reversed(videos)]
    return Reply({"kind": "youtube#videoListResponse", "etag": secrets.token_urlsafe(12), "items": items,
                  "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)}})


@route(BP, "PUT", "/youtube/v3/videos")
def update_video(ctx: Ctx) -> Reply:
    """``videos.update``: replaces the snippet/status parts named in ``part`` (categoryId required)."""
    _auth(ctx)
    parts = _parts(ctx)
    models.charge(ctx.store, "videos.update")
    body = ctx.json_body()
    if not isinstance(body, dict) or not body.get("id"):
        raise google_error(400, "required", "Required: id", location="body.id")
    with ctx.store.lock:
        video = models.find_video(ctx.store, str(body["id"]))
        validate_metadata(ctx, body, insert=False, parts=parts)
        models.apply_metadata(video, {k: v for k, v in body.items() if k in parts}, ctx.settings.yt_unverified_project)
        ctx.store.save()
        return Reply(video_resource(ctx, video, parts))


@route(BP, "DELETE", "/youtube/v3/videos")
def delete_video(ctx: Ctx) -> Reply:
    """``videos.delete`` → ``204``."""
    _auth(ctx)
    models.charge(ctx.store, "videos.delete")
    with ctx.store.lock:
        video = models.find_video(ctx.store, ctx.request.args.get("id", ""))
        video["deleted"] = True
        video["deleted_time"] = ctx.store.now()
        ctx.store.save()
    return Reply(None, 204)


@route(BP, "POST", "/upload/youtube/v3/thumbnails/set", streams=True)
def set_thumbnail(ctx: Ctx) -> Reply:
    """``thumbnails.set``: JPEG/PNG ≤ 2 MB (§4.3)."""
    _auth(ctx)
    models.charge(ctx.store, "thumbnails.set")
    video = models.find_video(ctx.store, ctx.request.args.get("videoId", ""))
    if not ctx.settings.yt_channel_verified:
        raise google_error(403, "forbidden", "The authenticated user doesn't have permissions to upload and set "
                           "custom video thumbnails.", domain="youtube.thumbnail")
    mime = ctx.request.mimetype
    if mime not in ("image/jpeg", "image/png", "application/octet-stream"):
        raise google_error(400, "invalidImage", f"Media type '{mime}' is not supported.", domain="youtube.thumbnail")
    limit = ctx.settings.yt_thumbnail_max_bytes
    dest = ctx.store.folder("media", "youtube") / f"{video['id']}-thumb.img"
    with dest.open("wb") as fh:
        size = ctx.copy_body(fh, limit=limit)
    if size > limit:
        dest.unlink(missing_ok=True)
        raise google_error(413, "mediaBodyTooLarge", f"The thumbnail is larger than {limit} bytes.",
                           domain="youtube.thumbnail")
    info = image_info(dest)
    if info is None or info.format not in ("JPEG", "PNG"):
        dest.unlink(missing_ok=True)
        raise google_error(400, "invalidImage", "The provided image content is invalid.", domain="youtube.thumbnail")
    with ctx.store.lock:
        video["thumbnail"] = str(dest.relative_to(ctx.store.dir))
        ctx.store.save()
    thumbs = video_resource(ctx, video, {"snippet"})["snippet"]["thumbnails"]
    return Reply({"kind": "youtube#thumbnailSetResponse", "etag": secrets.token_urlsafe(12), "items": [thumbs]})


# --- comments (§4.4) -----------------------------------------------------------------------------


def comment_resource(ctx: Ctx, c: dict[str, Any], text_format: str = "html") -> dict[str, Any]:
    """A ``youtube#comment``."""
    text = c["text"]
    snippet: dict[str, Any] = {
        "channelId": models.account(ctx.store)["channel_id"], "videoId": c["video_id"],
        "textDisplay": html.escape(text) if text_format == "html" else text, "textOriginal": text,
        "authorDisplayName": c["author"]["name"], "authorChannelId": {"value": c["author"]["channel_id"]},
        "authorChannelUrl": f"{ctx.base_url}/web/youtube#channel-{c['author']['channel_id']}",
        "canRate": True, "viewerRating": "none", "likeCount": 0,
        "publishedAt": iso_z(c["created_time"], millis=False), "updatedAt": iso_z(c["created_time"], millis=False),
    }
    if c.get("parent_id"):
        snippet["parentId"] = c["parent_id"]
    return {"kind": "youtube#comment", "etag": secrets.token_urlsafe(12), "id": c["id"], "snippet": snippet}


def _thread_resource(ctx: Ctx, top: dict[str, Any], parts: set[str], text_format: str) -> dict[str, Any]:
    replies = [r for r in models.data(ctx.store)["comments"] if r.get("parent_id") == top["id"] and not r.get("deleted")]
    res: dict[str, Any] = {"kind": "youtube#commentThread", "etag": secrets.token_urlsafe(12), "id": top["id"]}
    if "snippet" in parts:
        res["snippet"] = {"channelId": models.account(ctx.store)["channel_id"], "videoId": top["video_id"],
                          "topLevelComment": comment_resource(ctx, top, text_format), "canReply": True,
                          "totalReplyCount": len(replies), "isPublic": True}
    if "replies" in parts and replies:
        res["replies"] = {"comments": [comment_resource(ctx, r, text_format) for r in replies]}
    return res


@route(BP, "GET", "/youtube/v3/commentThreads")
def list_threads(ctx: Ctx) -> Reply:
    """``commentThreads.list`` by ``videoId`` or ``allThreadsRelatedToChannelId``, paginated."""
    _auth(ctx)
    parts = _parts(ctx)
    models.charge(ctx.store, "commentThreads.list")
    args = ctx.request.args
    try:
        max_results = int(args.get("maxResults", "20"))
    except ValueError:
        max_results = -1
    if not 1 <= max_results <= 100:
        raise google_error(400, "invalidParameter", "Invalid value for parameter maxResults", location="maxResults")
    comments = [c for c in models.data(ctx.store)["comments"] if not c.get("parent_id") and not c.get("deleted")]
    if args.get("videoId"):
        models.find_video(ctx.store, args["videoId"])
        comments = [c for c in comments if c["video_id"] == args["videoId"]]
    elif args.get("allThreadsRelatedToChannelId"):
        if args["allThreadsRelatedToChannelId"] != models.account(ctx.store)["channel_id"]:
            raise google_error(404, "channelNotFound", "The channel could not be found.",
                               domain="youtube.commentThread")
    else:
        raise google_error(400, "missingRequiredParameter", "No filter selected. Expected one of: videoId, "
                           "allThreadsRelatedToChannelId, id", domain="youtube.parameter")
    if args.get("order", "time") == "time":
        comments = list(reversed(comments))
    start = 0
    if args.get("pageToken"):
        try:
            start = int(args["pageToken"].removeprefix("sbx"))
        except ValueError:
            raise google_error(400, "invalidPageToken", "The page token is invalid.") from None
    page = comments[start:start + max_results]
    text_format = args.get("textFormat", "html")
    body: dict[str, Any] = {"kind": "youtube#commentThreadListResponse", "etag": secrets.token_urlsafe(12),
                            "pageInfo": {"totalResults": len(page), "resultsPerPage": max_results},
                            "items": [_thread_resource(ctx, c, parts, text_format) for c in page]}
    if start + max_results < len(comments):
        body["nextPageToken"] = f"sbx{start + max_results}"
    return Reply(body)


def _channel_author(ctx: Ctx) -> dict[str, str]:
    return {"name": models.account(ctx.store)["channel_title"], "channel_id": models.account(ctx.store)["channel_id"]}


@route(BP, "POST", "/youtube/v3/comments")
def insert_comment(ctx: Ctx) -> Reply:
    """``comments.insert``: a reply to a top-level comment (§4.4)."""
    _auth(ctx)
    _parts(ctx)
    models.charge(ctx.store, "comments.insert")
    body = ctx.json_body()
    snippet = body.get("snippet") if isinstance(body, dict) else None
    if not isinstance(snippet, dict) or not snippet.get("parentId") or not snippet.get("textOriginal"):
        raise google_error(400, "required", "Required: snippet.parentId and snippet.textOriginal",
                           location="body.snippet")
    with ctx.store.lock:
        parent = next((c for c in models.data(ctx.store)["comments"] if c["id"] == snippet["parentId"] and not c.get("deleted")),
                      None)
        if parent is None:
            raise google_error(404, "parentCommentNotFound", "The specified parent comment could not be found.",
                               domain="youtube.comment", location="body.snippet.parentId")
        if parent.get("parent_id"):
            raise google_error(400, "operationNotSupported", "Only top-level comments can take replies.",
                               domain="youtube.comment", location="body.snippet.parentId")
        comment = models.add_comment(ctx.store, parent["video_id"], str(snippet["textOriginal"]), _channel_author(ctx),
                              parent["id"], by_channel=True)
        ctx.store.save()
        return Reply(comment_resource(ctx, comment))


@route(BP, "POST", "/youtube/v3/commentThreads")
def insert_thread(ctx: Ctx) -> Reply:
    """``commentThreads.insert``: a new top-level comment on a video."""
    _auth(ctx)
    parts = _parts(ctx)
    models.charge(ctx.store, "commentThreads.insert")
    body = ctx.json_body()
    snippet = body.get("snippet") if isinstance(body, dict) else None
    text = (((snippet or {}).get("topLevelComment") or {}).get("snippet") or {}).get("textOriginal")
    if not isinstance(snippet, dict) or not snippet.get("videoId") or not text:
        raise google_error(400, "required", "Required: snippet.videoId and topLevelComment.snippet.textOriginal",
                           location="body.snippet")
    with ctx.store.lock:
        video = models.find_video(ctx.store, snippet["videoId"])
        comment = models.add_comment(ctx.store, video["id"], str(text), _channel_author(ctx), None, by_channel=True)
        ctx.store.save()
        return Reply(_thread_resource(ctx, comment, parts | {"snippet"}, "html"))


# --- channels.list, playlistItems.list (the uploads playlist), comments.list ---------------------


def _page_args(ctx: Ctx, default: int, low: int, high: int) -> tuple[int, int]:
    args = ctx.request.args
    try:
        count = int(args.get("maxResults", str(default)))
    except ValueError:
        count = -1
    if not low <= count <= high:
        raise google_error(400, "invalidParameter", "Invalid value for parameter maxResults", location="maxResults")
    start = 0
    if args.get("pageToken"):
        try:
            start = int(args["pageToken"].removeprefix("sbx"))
        except ValueError:
            raise google_error(400, "invalidPageToken", "The page token is invalid.") from None
    return count, start


def _listing(kind: str, items: list[dict[str, Any]], count: int, start: int, total: int) -> Reply:
    body: dict[str, Any] = {"kind": kind, "etag": secrets.token_urlsafe(12),
                            "pageInfo": {"totalResults": total, "resultsPerPage": count}, "items": items}
    if start + count < total:
        body["nextPageToken"] = f"sbx{start + count}"
    if start:
        body["prevPageToken"] = f"sbx{max(0, start - count)}"
    return Reply(body)


@route(BP, "GET", "/youtube/v3/channels")
def list_channels(ctx: Ctx) -> Reply:
    """``channels.list`` by ``id`` (comma-separated), ``mine=true`` or ``forHandle``: the own channel only."""
    _auth(ctx)
    parts = _parts(ctx)
    models.charge(ctx.store, "channels.list")
    args = ctx.request.args
    acct = models.account(ctx.store)
    if args.get("id"):
        wanted = acct["channel_id"] in args["id"].split(",")
    elif args.get("mine"):
        wanted = args["mine"].lower() == "true"
    elif args.get("forHandle"):
        wanted = args["forHandle"].lstrip("@").lower() == str(acct.get("handle", "")).lower()
    else:
        raise google_error(400, "missingRequiredParameter", "No filter selected. Expected one of: mine, forHandle, "
                           "forUsername, id, managedByMe, categoryId", domain="youtube.parameter")
    items = [_channel_resource(ctx, parts)] if wanted else []
    return Reply({"kind": "youtube#channelListResponse", "etag": secrets.token_urlsafe(12),
                  "pageInfo": {"totalResults": len(items), "resultsPerPage": 5}, "items": items})


def _channel_resource(ctx: Ctx, parts: set[str]) -> dict[str, Any]:
    acct = models.account(ctx.store)
    videos = [v for v in models.data(ctx.store)["posts"] if not v.get("deleted")]
    res: dict[str, Any] = {"kind": "youtube#channel", "etag": secrets.token_urlsafe(12), "id": acct["channel_id"]}
    if "snippet" in parts:
        res["snippet"] = {"title": acct["channel_title"], "description": "", "customUrl": "@bkdprovinsintt",
                          "publishedAt": "2016-01-01T00:00:00Z", "localized": {"title": acct["channel_title"],
                                                                                "description": ""}}
    if "contentDetails" in parts:
        res["contentDetails"] = {"relatedPlaylists": {"likes": "", "uploads": models.uploads_playlist(acct["channel_id"])}}
    if "statistics" in parts:
        res["statistics"] = {"viewCount": "0", "subscriberCount": "0", "hiddenSubscriberCount": False,
                             "videoCount": str(len(videos))}
    return res


@route(BP, "GET", "/youtube/v3/playlistItems")
def list_playlist_items(ctx: Ctx) -> Reply:
    """``playlistItems.list`` of the uploads playlist, newest first (``maxResults`` 0–50, default 5)."""
    _auth(ctx)
    parts = _parts(ctx)
    models.charge(ctx.store, "playlistItems.list")
    args = ctx.request.args
    acct = models.account(ctx.store)
    if not args.get("playlistId") and not args.get("id"):
        raise google_error(400, "missingRequiredParameter", "No filter selected. Expected one of: id, playlistId",
                           domain="youtube.parameter")
    if args.get("playlistId") and args["playlistId"] != models.uploads_playlist(acct["channel_id"]):
        raise google_error(404, "playlistNotFound", "The playlist identified with the request's playlistId "
                           "parameter cannot be found.", domain="youtube.playlistItem", location="playlistId")
    count, start = _page_args(ctx, 5, 0, 50)
    with ctx.store.lock:
        videos = sorted((v for v in models.data(ctx.store)["posts"] if not v.get("deleted")), key=lambda v: v["created_time"],
                        reverse=True)
        if args.get("id"):
            ids = set(args["id"].split(","))
            videos = [v for v in videos if _playlist_item_id(v["id"]) in ids]
        items = [_playlist_item(ctx, v, position, parts) for position, v in enumerate(videos)]
    return _listing("youtube#playlistItemListResponse", items[start:start + count], count, start, len(items))


def _playlist_item_id(video_id: str) -> str:
    return "UExVVV" + video_id


def _playlist_item(ctx: Ctx, video: dict[str, Any], position: int, parts: set[str]) -> dict[str, Any]:
    acct = models.account(ctx.store)
    res: dict[str, Any] = {"kind": "youtube#playlistItem", "etag": secrets.token_urlsafe(12),
                           "id": _playlist_item_id(video["id"])}
    published = iso_z(video["created_time"], millis=False)
    if "snippet" in parts:
        res["snippet"] = {
            "publishedAt": published, "channelId": acct["channel_id"], "title": video["title"],
            "description": video["description"],
            "thumbnails": video_resource(ctx, video, {"snippet"})["snippet"]["thumbnails"],
            "channelTitle": acct["channel_title"], "playlistId": models.uploads_playlist(acct["channel_id"]),
            "position": position, "resourceId": {"kind": "youtube#video", "videoId": video["id"]},
            "videoOwnerChannelTitle": acct["channel_title"], "videoOwnerChannelId": acct["channel_id"]}
    if "contentDetails" in parts:
        res["contentDetails"] = {"videoId": video["id"], "videoPublishedAt": published}
    if "status" in parts:
        res["status"] = {"privacyStatus": video["privacyStatus"]}
    return res


@route(BP, "GET", "/youtube/v3/comments")
def list_comments(ctx: Ctx) -> Reply:
    """``comments.list`` by ``parentId`` (the replies to a top-level comment) or by ``id``."""
    _auth(ctx)
    _parts(ctx)
    models.charge(ctx.store, "comments.list")
    args = ctx.request.args
    if bool(args.get("id")) == bool(args.get("parentId")):
        raise google_error(400, "missingRequiredParameter" if not args.get("id") else "incompatibleParameters",
                           "Exactly one of the parameters id and parentId must be given.", domain="youtube.parameter")
    count, start = _page_args(ctx, 20, 1, 100)
    with ctx.store.lock:
        comments = [c for c in models.data(ctx.store)["comments"] if not c.get("deleted")]
        if args.get("parentId"):
            if not any(c["id"] == args["parentId"] for c in comments):
                raise google_error(404, "commentNotFound", "The comment identified by the parentId parameter could "
                                   "not be found.", domain="youtube.comment", location="parentId")
            comments = [c for c in comments if c.get("parent_id") == args["parentId"]]
        else:
            ids = set(args["id"].split(","))
            comments = [c for c in comments if c["id"] in ids]
        text_format = args.get("textFormat", "html")
        items = [comment_resource(ctx, c, text_format) for c in comments]
    return _listing("youtube#commentListResponse", items[start:start + count], count, start, len(items))


API = PlatformApi("youtube", BP, fault_error, not_found, rate_headers)
