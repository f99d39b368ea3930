"""The X API v2 over HTTP (reference §3): posts, delete, mentions, media upload, auth, rate-limit headers."""

from __future__ import annotations

import base64
import binascii
import math
import re
import secrets
from collections.abc import Callable
from typing import Any

from flask import Blueprint
from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849.utils import parse_authorization_header, unescape

from sosmed.sandbox.core import Ctx, PlatformApi, Reply, route
from sosmed.sandbox.errors import (
    X_PROBLEMS,
    ApiError,
    x_duplicate,
    x_invalid_request,
    x_not_found,
    x_problem,
    x_unauthorized,
)
from sosmed.sandbox.media import image_info, save_stream
from sosmed.sandbox.state import iso_z, parse_iso
from sosmed.sandbox.x import models
from sosmed.textlimits import parse_tweet

BP = Blueprint("x", __name__)
MEDIA_CATEGORIES = {"tweet_image", "tweet_gif", "tweet_video", "amplify_video", "dm_image", "dm_gif", "dm_video",
                    "subtitles"}
MEDIA_TYPES = {"video/mp4", "video/quicktime", "video/webm", "video/mp2t", "image/jpeg", "image/png", "image/gif",
               "image/webp", "image/bmp", "image/tiff", "image/pjpeg", "text/srt", "text/vtt"}

# Which rate-limit bucket (settings.x_rate_limits) each route counts against (§3.5).
_BUCKETS = [
    ("POST", re.compile(r"/2/tweets"), "tweets_create"),
    ("DELETE", re.compile(r"/2/tweets/[^/]+"), "tweets_delete"),
    ("GET", re.compile(r"/2/users/[^/]+/mentions"), "mentions"),
    ("GET", re.compile(r"/2/users/me"), "users_me"),
    ("GET", re.compile(r"/2/media/upload"), "media_status"),
    ("POST", re.compile(r"/2/media/upload/(initialize|[^/]+/(append|finalize))"), "media_chunked"),
    ("POST", re.compile(r"/2/media/upload"), "media_upload"),
    ("GET", re.compile(r"/2/(tweets|users)/.*"), "tweets_read"),
    ("GET", re.compile(r"/2/tweets"), "tweets_lookup"),
]


# --- auth ----------------------------------------------------------------------------------------


def _verify_oauth1(ctx: Ctx, header: str) -> bool:
    acct = models.account(ctx.store)
    try:
        oauth_params = {k: unescape(v) for k, v in parse_authorization_header(header)}
    except (ValueError, IndexError):
        return False
    if oauth_params.get("oauth_consumer_key") != acct["api_key"] or oauth_params.get("oauth_token") != acct[
            "access_token"]:
        return False
    if oauth_params.get("oauth_signature_method") != "HMAC-SHA1":
        return False
    raw_uri = ctx.request.environ.get("REQUEST_URI") or ctx.request.environ.get("RAW_URI") or ctx.request.full_path
    uri = f"{ctx.request.scheme}://{ctx.request.host}{raw_uri}"
    body = None
    if ctx.request.mimetype == "application/x-www-form-urlencoded":
        body = ctx.request.get_data(cache=True, as_text=True)
    request: Any = OAuthRequest(uri, ctx.request.method, body, {"Authorization": header})  # type: ignore[arg-type]
    query = uri.split("?", 1)[1] if "?" in uri else ""
    # oauthlib's verifier reads the parameters and the signature from these attributes.
    request.params = oauth_signature.collect_parameters(
        uri_query=query, body=body, headers={"Authorization": header}, exclude_oauth_signature=True
    )
    request.signature = oauth_params.get("oauth_signature", "")
    return oauth_signature.verify_hmac_sha1(request, acct["api_secret"], acct["access_secret"])


def _auth(ctx: Ctx, user_context: bool = True) -> None:
    """OAuth 1.0a user context or an OAuth 2 bearer token; app-only bearer tokens cannot write (§3.0)."""
    header = ctx.request.headers.get("Authorization", "")
    acct = models.account(ctx.store)
    if header.startswith("OAuth ") and _verify_oauth1(ctx, header):
        ctx.auth["kind"] = "oauth1"
    elif header.startswith("Bearer ") and header[7:].strip() == acct["bearer_token"]:
        ctx.auth["kind"] = "oauth2_user"
    elif header.startswith("Bearer ") and header[7:].strip() == acct["app_bearer_token"]:
        ctx.auth["kind"] = "app"
    else:
        raise x_unauthorized()
    if user_context and ctx.auth["kind"] == "app":
        raise x_problem(
            403, "Unsupported Authentication",
            "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported "
            "authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].",
            X_PROBLEMS + "unsupported-authentication",
        )


# --- rate limits ---------------------------------------------------------------------------------


def _bucket(ctx: Ctx) -> str | None:
    for method, pattern, name in _BUCKETS:
        if method == ctx.request.method and pattern.fullmatch(ctx.path):
            return name
    return None


def _window(ctx: Ctx, name: str) -> tuple[int, int, int]:
    """Count one call in bucket ``name``; return (limit, remaining, reset epoch)."""
    s = ctx.settings
    limit = int(s.x_rate_limits.get(name, 900))
    now = ctx.store.now()
    with ctx.store.lock:
        key = ("x_rate", name, ctx.auth.get("kind", "anon"))
        start, used = ctx.store.memory.get(key, (now, 0))
        if now >= start + s.x_rate_window_seconds:
            start, used = now, 0
        used += 1
        ctx.store.memory[key] = (start, used)
    return limit, used, int(start + s.x_rate_window_seconds)


def _check_rate(ctx: Ctx) -> None:
    name = _bucket(ctx)
    if name is None:
        return
    limit, used, reset = _window(ctx, name)
    ctx.auth["rate"] = (limit, max(0, limit - used), reset)
    if used > limit:
        raise _too_many(limit, reset)


def _too_many(limit: int, reset: int) -> ApiError:
    err = x_problem(429, "Too Many Requests", "Too Many Requests")
    err.headers = {"x-rate-limit-limit": str(limit), "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}
    return err


def rate_headers(ctx: Ctx, reply: Reply) -> dict[str, str]:
    """``x-rate-limit-*`` on every response (§3.5); daily app headers on post creation."""
    rate = ctx.auth.get("rate")
    if rate is None:
        name = _bucket(ctx) or "tweets_read"
        limit = int(ctx.settings.x_rate_limits.get(name, 900))
        rate = (limit, limit, int(ctx.store.now() + ctx.settings.x_rate_window_seconds))
    headers = {"x-rate-limit-limit": str(rate[0]), "x-rate-limit-remaining": str(rate[1]),
               "x-rate-limit-reset": str(rate[2]), "x-transaction-id": secrets.token_hex(8)}
    daily = ctx.auth.get("daily")
    if daily:
        headers.update({"x-app-limit-24hour-limit": str(daily[0]), "x-app-limit-24hour-remaining": str(daily[1]),
                        "x-app-limit-24hour-reset": str(daily[2])})
    return headers


# Every documented error kind an admin can arm (§3.6), each as X answers it.
X_FAULTS: dict[str, Callable[[Ctx], ApiError]] = {
    "400": lambda ctx: x_invalid_request("id", "", "The request was invalid."),
    "401": lambda ctx: x_unauthorized(),
    "expired_token": lambda ctx: x_unauthorized(),
    "403": lambda ctx: x_problem(403, "Forbidden", "You are not permitted to perform this action.",
                                 X_PROBLEMS + "client-forbidden", reason="client-not-enrolled"),
    "404": lambda ctx: x_problem(404, "Not Found Error", "Could not find the requested resource.",
                                 X_PROBLEMS + "resource-not-found"),
    "duplicate": lambda ctx: x_duplicate(),
    "quota": lambda ctx: x_problem(429, "UsageCapExceeded", "Usage cap exceeded: Monthly product cap",
                                   X_PROBLEMS + "usage-capped", period="Monthly", scope="Product"),
    "500": lambda ctx: x_problem(500, "Internal Server Error", "Internal Server Error"),
    "503": lambda ctx: x_problem(503, "Service Unavailable", "Service Unavailable"),
}


def fault_error(ctx: Ctx, fault: dict[str, Any]) -> ApiError:
    """An armed fault as an X problem; every answer still carries the ``x-rate-limit-*`` headers."""
    if fault["kind"] == "429":
        reset = int(ctx.store.now() + float(fault.get("reset_after", 60)))
        limit = int(ctx.settings.x_rate_limits.get(_bucket(ctx) or "tweets_read", 900))
        ctx.auth["rate"] = (limit, 0, reset)
        return _too_many(limit, reset)
    return X_FAULTS[fault["kind"]](ctx)


# The query parameters each operation takes (the OpenAPI's); any other is refused with 400, as X does.
# ``post.fields`` is the newer spec's name of ``tweet.fields`` (X's own SDK sends it); both are taken.
_FIELDS = ("tweet.fields", "post.fields", "expansions", "media.fields", "poll.fields", "user.fields",
           "place.fields")
TIMELINE_PARAMS = frozenset({"since_id", "until_id", "max_results", "pagination_token", "start_time", "end_time",
                             *_FIELDS})
QUERY_PARAMS: dict[str, frozenset[str]] = {
    "mentions": TIMELINE_PARAMS,
    "user_posts": TIMELINE_PARAMS | {"exclude"},
    "get_post": frozenset(_FIELDS),
    "lookup": frozenset({"ids", *_FIELDS}),
    "users_me": frozenset({"user.fields", "expansions", "tweet.fields", "post.fields"}),
    "status": frozenset({"command", "media_id"}),
}
# The JSON body fields of POST /2/tweets and of media initialize, nested objects by dotted name.
BODY_FIELDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "tweet": "text media reply poll quote_tweet_id reply_settings direct_message_deep_link "
             "for_super_followers_only geo nullcast card_uri community_id share_with_followers made_with_ai "
             "paid_partnership edit_options",
    "tweet.media": "media_ids tagged_user_ids",
    "tweet.reply": "in_reply_to_tweet_id exclude_reply_user_ids auto_populate_reply_metadata",
    "tweet.poll": "options duration_minutes reply_settings",
    "tweet.geo": "place_id",
    "tweet.edit_options": "previous_post_id",
    "initialize": "media_type total_bytes media_category additional_owners shared",
    "append": "media segment_index",
}.items()}


def tweet_fields(args: Any) -> set[str]:
    """The post fields asked for, under either name (``tweet.fields`` or ``post.fields``)."""
    raw = ",".join(args.get(name, "") for name in ("tweet.fields", "post.fields"))
    return set(filter(None, raw.split(",")))


def check_query(ctx: Ctx, operation: str) -> None:
    """Refuse a query parameter the operation does not take (X's 400 shape)."""
    allowed = QUERY_PARAMS.get(operation, frozenset())
    for name, value in ctx.request.args.items():
        if name not in allowed:
            shown = ",".join(sorted(allowed))
            raise x_invalid_request(name, value, f"The query parameter [{name}] is not one of [{shown}]")


def check_body(body: dict[str, Any], schema: str) -> None:
    """Refuse a JSON body field the schema does not define, nested objects included (X's 400 shape)."""
    for name, value in body.items():
        if name not in BODY_FIELDS[schema]:
            path = "$." + ".".join([*schema.split(".")[1:], name])
            raise ApiError(400, {
                "errors": [{"message": f"{path}: is not defined in the schema and the schema does not allow "
                                       "additional properties"}],
                "title": "Invalid Request", "detail": "One or more parameters to your request was invalid.",
                "type": X_PROBLEMS + "invalid-request"})
        nested = f"{schema}.{name}"
        if isinstance(value, dict) and nested in BODY_FIELDS:
            check_body(value, nested)


def json_object(ctx: Ctx, schema: str) -> dict[str, Any]:
    """The request's JSON body: an object whose fields the schema defines (X's 400 otherwise)."""
    body = ctx.json_body()
    if not isinstance(body, dict):
        raise x_invalid_request("body", "", "Request body must be a JSON object.")
    check_body(body, schema)
    return body


def not_found(ctx: Ctx) -> ApiError:
    """Unknown path."""
    return x_problem(404, "Not Found", f"Sorry, that page does not exist: {ctx.path}",
                     X_PROBLEMS + "resource-not-found")


# --- posts ---------------------------------------------------------------------------------------


def _check_poll(body: dict[str, Any]) -> dict[str, Any] | None:
    """The body's poll (None without one); refused with the field at fault, as X does."""
    exclusive = [k for k in ("poll", "media", "quote_tweet_id") if body.get(k)]
    if len(exclusive) > 1:
        raise x_invalid_request(exclusive[1], body[exclusive[1]], f"{' and '.join(exclusive)} are mutually exclusive.")
    poll = body.get("poll")
    if poll:
        options = poll.get("options") or []
        if not 2 <= len(options) <= 4 or any(not 1 <= len(o) <= 25 for o in options):
            raise x_invalid_request("poll.options", options, "A poll needs 2 to 4 options of 1 to 25 characters.")
        if not 5 <= int(poll.get("duration_minutes", 0)) <= 10080:
            raise x_invalid_request("poll.duration_minutes", poll.get("duration_minutes"),
                                    "duration_minutes must be between 5 and 10080.")
    return poll


@route(BP, "POST", "/2/tweets")
def create_post(ctx: Ctx) -> Reply:
    """``POST /2/tweets`` (§3.1): weighted length ≤ 280, ≤4 images or 1 GIF/video, reply, duplicates."""
    _auth(ctx)
    _check_rate(ctx)
    check_query(ctx, "create_post")
    body = json_object(ctx, "tweet")
    text = body.get("text", "")
    if not isinstance(text, str):
        raise x_invalid_request("text", text, "text must be a string.")
    media = body.get("media") or {}
    media_ids = media.get("media_ids") or []
    if not isinstance(media_ids, list) or (media and not 1 <= len(media_ids) <= 4):
        raise x_invalid_request("media.media_ids", media_ids, "media_ids must have between 1 and 4 items.")
    if any(not isinstance(m, str) or not re.fullmatch(r"[0-9]{1,19}", m) for m in media_ids):
        raise x_invalid_request("media.media_ids", media_ids,
                                "The `media.media_ids` field must match the pattern ^[0-9]{1,19}$.")
    poll = _check_poll(body)
    if not text and not media_ids:
        raise x_invalid_request("text", text, "Post text or media is required.")
    count = parse_tweet(text)
    if text and not count.valid:
        raise x_invalid_request(
            "text", text, f"Text is too long or invalid (weighted length {count.weighted_length} > 280).")
    with ctx.store.lock:
        models.attachable_kinds(ctx.store, media_ids)
        parent_id = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        models.reply_parent(ctx.store, parent_id)
        if text and any(p["text"] == text for p in models.live_posts(ctx.store)):
            raise x_duplicate()
        ctx.auth["daily"] = models.count_daily(ctx.store)
        post = models.add_post(ctx.store, text, media_ids, parent_id, {
            "quote_tweet_id": body.get("quote_tweet_id"), "poll": poll, "weighted_length": count.weighted_length})
        post_id = post["id"]
        ctx.store.save()
    return Reply({"data": {"id": post_id, "text": text, "edit_history_tweet_ids": [post_id]}}, 201)


@route(BP, "DELETE", "/2/tweets/<post_id>")
def delete_post(ctx: Ctx, post_id: str) -> Reply:
    """``DELETE /2/tweets/{id}`` → ``{"data": {"deleted": true}}`` (§3.2)."""
    _auth(ctx)
    _check_rate(ctx)
    check_query(ctx, "delete_post")
    with ctx.store.lock:
        post = next((p for p in models.data(ctx.store)["posts"] if p["id"] == post_id), None)
        if post is None:
            if any(m["id"] == post_id for m in models.data(ctx.store)["mentions"]):
                raise x_problem(403, "Forbidden", "You are not allowed to delete this Tweet.")
            raise x_not_found("tweet", post_id, "id")
        already = post.get("deleted", False)
        post["deleted"] = True
        post.setdefault("deleted_time", ctx.store.now())
        ctx.store.save()
    return Reply({"data": {"deleted": not already}})


def _tweet_view(ctx: Ctx, post: dict[str, Any], fields: set[str], author_id: str) -> dict[str, Any]:
    view: dict[str, Any] = {"id": post["id"], "text": post["text"], "edit_history_tweet_ids": [post["id"]]}
    extra = {
        "author_id": author_id,
        "conversation_id": post.get("conversation_id") or post["id"],
        "created_at": iso_z(post["created_time"]),
        "in_reply_to_user_id": post.get("in_reply_to_user_id"),
        "referenced_tweets": [{"type": "replied_to", "id": post["in_reply_to"]}] if post.get("in_reply_to") else None,
        "entities": post.get("entities"),
    }
    for name in fields:
        if extra.get(name) is not None:
            view[name] = extra[name]
    if "public_metrics" in fields:
        view["public_metrics"] = models.public_metrics(ctx.store, post)
    return view


@route(BP, "GET", "/2/users/me")
def users_me(ctx: Ctx) -> Reply:
    """``GET /2/users/me`` (§3.3)."""
    _auth(ctx)
    _check_rate(ctx)
    check_query(ctx, "users_me")
    acct = models.account(ctx.store)
    return Reply({"data": {"id": acct["user_id"], "name": acct["name"], "username": acct["username"]}})


@route(BP, "GET", "/2/users/<digits:user_id>/mentions")
def mentions(ctx: Ctx, user_id: str) -> Reply:
    """``GET /2/users/{id}/mentions`` with since_id, pagination and expansions (§3.3)."""
    _auth(ctx, user_context=False)
    _check_rate(ctx)
    check_query(ctx, "mentions")
    args = ctx.request.args
    if user_id != models.account(ctx.store)["user_id"]:
        raise x_not_found("user", user_id, "id")
    try:
        max_results = int(args.get("max_results", "10"))
    except ValueError:
        max_results = -1
    if not 5 <= max_results <= 100:
        raise x_invalid_request("max_results", args.get("max_results", ""),
                                "The `max_results` query parameter value is not between 5 and 100")
    with ctx.store.lock:
        items = sorted((m for m in models.data(ctx.store)["mentions"] if not m.get("deleted")), key=lambda m: int(m["id"]),
                       reverse=True)
        if args.get("since_id"):
            items = [m for m in items if int(m["id"]) > int(args["since_id"])]
        if args.get("until_id"):
            items = [m for m in items if int(m["id"]) < int(args["until_id"])]
        start = 0
        if args.get("pagination_token"):
            try:
                start = int(base64.urlsafe_b64decode(args["pagination_token"] + "==").decode())
            except (ValueError, binascii.Error):
                raise x_invalid_request("pagination_token", args["pagination_token"],
                                        "The pagination token is invalid.") from None
        page = items[start:start + max_results]
        fields = tweet_fields(args)
        data = [_tweet_view(ctx, m, fields, m["author_id"]) for m in page]
        meta: dict[str, Any] = {"result_count": len(data)}
        body: dict[str, Any] = {}
        if data:
            body["data"] = data
            meta["newest_id"] = data[0]["id"]
            meta["oldest_id"] = data[-1]["id"]
            if "author_id" in args.get("expansions", ""):
                users = {m["author_id"]: models.data(ctx.store)["users"].get(m["author_id"], {}) for m in page}
                body["includes"] = {"users": [{"id": uid, "name": u.get("name", ""), "username": u.get("username", "")}
                                              for uid, u in users.items()]}
        if start + max_results < len(items):
            meta["next_token"] = base64.urlsafe_b64encode(str(start + max_results).encode()).decode().rstrip("=")
        body["meta"] = meta
        return Reply(body)


@route(BP, "GET", "/2/users/<digits:user_id>/tweets")
def user_posts(ctx: Ctx, user_id: str) -> Reply:
    """``GET /2/users/{id}/tweets``: the account's own posts, newest first (replies included unless excluded).

    ``max_results`` 5–100 (default 10), ``pagination_token``, ``since_id``/``until_id``,
    ``start_time``/``end_time`` (ISO 8601) and ``exclude=replies,retweets``, as documented.
    """
    _auth(ctx, user_context=False)
    _check_rate(ctx)
    check_query(ctx, "user_posts")
    args = ctx.request.args
    if user_id != models.account(ctx.store)["user_id"]:
        raise x_not_found("user", user_id, "id")
    max_results = _max_results(args.get("max_results", "10"))
    with ctx.store.lock:
        posts = sorted(models.live_posts(ctx.store), key=lambda p: int(p["id"]), reverse=True)
        posts = _timeline_filter(posts, args)
        start = _page_start(args.get("pagination_token"))
        page = posts[start:start + max_results]
        fields = tweet_fields(args)
        data = [_tweet_view(ctx, p, fields, user_id) for p in page]
    meta: dict[str, Any] = {"result_count": len(data)}
    body: dict[str, Any] = {}
    if data:
        body["data"] = data
        meta.update(newest_id=data[0]["id"], oldest_id=data[-1]["id"])
    if start + max_results < len(posts):
        meta["next_token"] = base64.urlsafe_b64encode(str(start + max_results).encode()).decode().rstrip("=")
    body["meta"] = meta
    return Reply(body)


def _max_results(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = -1
    if not 5 <= count <= 100:
        raise x_invalid_request("max_results", value, "The `max_results` query parameter value is not between 5 and 100")
    return count


def _page_start(token: str | None) -> int:
    if not token:
        return 0
    try:
        return int(base64.urlsafe_b64decode(token + "==").decode())
    except (ValueError, binascii.Error):
        raise x_invalid_request("pagination_token", token, "The pagination token is invalid.") from None


def _timeline_filter(posts: list[dict[str, Any]], args: Any) -> list[dict[str, Any]]:
    """Apply ``since_id``, ``until_id``, ``start_time``, ``end_time`` and ``exclude``."""
    for name in ("since_id", "until_id"):
        value = args.get(name)
        if value is not None and not value.isdigit():
            raise x_invalid_request(name, value, f"The `{name}` query parameter value [{value}] is not valid")
    if args.get("since_id"):
        posts = [p for p in posts if int(p["id"]) > int(args["since_id"])]
    if args.get("until_id"):
        posts = [p for p in posts if int(p["id"]) < int(args["until_id"])]
    for name, keep in (("start_time", lambda when, bound: when >= bound), ("end_time", lambda when, bound: when < bound)):
        value = args.get(name)
        if value is None:
            continue
        bound = parse_iso(value)
        if bound is None:
            raise x_invalid_request(name, value, f"Invalid '{name}':'{value}'. '{name}' must be a valid ISO 8601 time")
        posts = [p for p in posts if keep(p["created_time"], bound)]
    excluded = set(filter(None, args.get("exclude", "").split(",")))
    if excluded - {"replies", "retweets"}:
        raise x_invalid_request("exclude", args["exclude"], "The `exclude` query parameter value is not one of "
                                "[retweets,replies]")
    if "replies" in excluded:
        posts = [p for p in posts if not p.get("in_reply_to")]
    return posts


def _find(ctx: Ctx, post_id: str) -> tuple[dict[str, Any], str] | None:
    """A post of the account or a citizen's mention that exists, with its author's id."""
    post = next((p for p in models.live_posts(ctx.store) if p["id"] == post_id), None)
    if post is not None:
        return post, models.account(ctx.store)["user_id"]
    mention = next((m for m in models.data(ctx.store)["mentions"] if m["id"] == post_id and not m.get("deleted")), None)
    return (mention, mention["author_id"]) if mention is not None else None


@route(BP, "GET", "/2/tweets/<digits:post_id>")
def get_post(ctx: Ctx, post_id: str) -> Reply:
    """Read one post."""
    _auth(ctx, user_context=False)
    _check_rate(ctx)
    check_query(ctx, "get_post")
    with ctx.store.lock:
        found = _find(ctx, post_id)
        if found is None:
            raise x_not_found("tweet", post_id, "id")
        models.count_reads(ctx.store, 1)
        fields = tweet_fields(ctx.request.args)
        return Reply({"data": _tweet_view(ctx, found[0], fields, found[1])})


@route(BP, "GET", "/2/tweets")
def lookup(ctx: Ctx) -> Reply:
    """``GET /2/tweets?ids=`` (1–100 ids): the posts found in ``data``, each id not found as a partial error.

    Every post returned counts against the month's usage cap (``x_monthly_post_reads``); a spent cap
    answers 429 ``usage-capped``.
    """
    _auth(ctx, user_context=False)
    _check_rate(ctx)
    check_query(ctx, "lookup")
    raw = ctx.request.args.get("ids", "")
    ids = [i for i in raw.split(",") if i]
    if not 1 <= len(ids) <= 100:
        raise x_invalid_request("ids", raw, f"The number of values in the `ids` query parameter list [{len(ids)}] "
                                "is not between 1 and 100")
    for value in ids:
        if not re.fullmatch(r"[0-9]{1,19}", value):
            raise x_invalid_request("ids", value, f"The `ids` query parameter value [{value}] does not match "
                                    "^[0-9]{1,19}$")
    fields = tweet_fields(ctx.request.args)
    with ctx.store.lock:
        found = {i: _find(ctx, i) for i in ids}
        present = [(i, f) for i, f in found.items() if f is not None]
        if present:
            models.count_reads(ctx.store, len(present))
            ctx.store.save()
        body: dict[str, Any] = {}
        if present:
            body["data"] = [_tweet_view(ctx, post, fields, author) for _, (post, author) in present]
    missing = [i for i, f in found.items() if f is None]
    if missing:
        # Partial errors carry the current spec's problem type (X's own SDK accepts no other here).
        body["errors"] = [{"value": i, "detail": f"Could not find tweet with ids: [{i}].", "title": "Not Found Error",
                           "resource_type": "tweet", "parameter": "ids", "resource_id": i,
                           "type": "https://api.x.com/2/problems/resource-not-found"} for i in missing]
    return Reply(body)


# --- media upload (§3.4) -------------------------------------------------------------------------


def _category_kind(category: str, media_type: str) -> str:
    if category.endswith("video") or media_type.startswith("video/"):
        return "video"
    if category.endswith("gif") or media_type == "image/gif" and category.endswith("gif"):
        return "gif"
    if category == "subtitles":
        return "subtitles"
    return "image"


def _size_limit(ctx: Ctx, kind: str) -> int:
    s = ctx.settings
    return {"video": s.x_video_max_bytes, "gif": s.x_gif_max_bytes}.get(kind, s.x_image_max_bytes)


def _media_key(kind: str, media_id: str) -> str:
    return {"video": "13_", "gif": "16_"}.get(kind, "3_") + media_id


def _media_body(ctx: Ctx, item: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item["id"], "media_key": _media_key(item["kind"], item["id"]),
                            "size": item["size"], "expires_after_secs": max(
                                0, int(item["created"] + ctx.settings.x_media_expires_seconds - ctx.store.now()))}
    state = models.media_state(ctx.store, item)
    if state is not None:
        total = ctx.settings.x_processing_seconds
        elapsed = ctx.store.now() - item["finalized"]
        progress = 100 if state == "succeeded" else min(99, int(elapsed * 100 / total) if total else 100)
        info: dict[str, Any] = {"state": state, "progress_percent": progress}
        if state != "succeeded":
            info["check_after_secs"] = max(1, math.ceil(total - elapsed))
        data["processing_info"] = info
    if item.get("image"):
        data["image"] = item["image"]
    return data


def _initialize(ctx: Ctx, media_type: str, total: Any, category: str) -> Reply:
    if media_type not in MEDIA_TYPES:
        raise x_invalid_request("media_type", media_type, "The `media_type` is not supported.")
    if category not in MEDIA_CATEGORIES:
        raise x_invalid_request("media_category", category, "The `media_category` is not supported.")
    try:
        total_bytes = int(total)
    except (TypeError, ValueError):
        raise x_invalid_request("total_bytes", total, "The `total_bytes` field is required.") from None
    kind = _category_kind(category, media_type)
    if not 0 < total_bytes <= min(_size_limit(ctx, kind), ctx.settings.x_total_bytes_max):
        raise x_invalid_request("total_bytes", total, f"File size exceeds {_size_limit(ctx, kind)} bytes.")
    with ctx.store.lock:
        item = models.new_media(ctx.store, kind, media_type, category, total_bytes)
        models.data(ctx.store)["media"][item["id"]] = item
        ctx.store.save()
    return Reply({"data": {"id": item["id"], "media_key": _media_key(kind, item["id"]),
                           "expires_after_secs": ctx.settings.x_media_expires_seconds}})


def _chunked_item(ctx: Ctx, media_id: str) -> dict[str, Any]:
    item = models.data(ctx.store)["media"].get(media_id)
    if item is None:
        raise x_invalid_request("id", media_id, "The media id is unknown or expired.")
    if item["finalized"]:
        raise x_invalid_request("id", media_id, "The media was already finalized.")
    return item


def _append(ctx: Ctx, media_id: str, segment: Any, storage: Any, b64: str | None) -> Reply:
    item = _chunked_item(ctx, media_id)
    try:
        index = int(segment)
    except (TypeError, ValueError):
        raise x_invalid_request("segment_index", segment, "The `segment_index` field is required.") from None
    if not 0 <= index <= ctx.settings.x_segment_index_max:
        raise x_invalid_request("segment_index", segment, "segment_index must be between 0 and 999.")
    dest = ctx.store.folder("uploads", "x", media_id) / f"{index:04d}"
    if storage is not None:
        size = save_stream(storage.stream, dest)
    elif b64 is not None:
        try:
            raw = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):
            raise x_invalid_request("media", "", "The `media` field is not valid base64.") from None
        dest.write_bytes(raw)
        size = len(raw)
    else:
        raise x_invalid_request("media", "", "The `media` field is required.")
    with ctx.store.lock:
        item["segments"][str(index)] = size
        ctx.store.save()
    return Reply({"data": {"expires_at": int(item["created"] + ctx.settings.x_media_expires_seconds)}})


def _finalize(ctx: Ctx, media_id: str) -> Reply:
    item = _chunked_item(ctx, media_id)
    size = sum(item["segments"].values())
    if size != item["total_bytes"]:
        raise x_invalid_request("id", media_id,
                                f"File size mismatch: received {size} bytes, total_bytes is {item['total_bytes']}.")
    with ctx.store.lock:
        item["size"] = size
        item["finalized"] = ctx.store.now()
        item["file"] = f"uploads/x/{media_id}"
        ctx.store.save()
    return Reply({"data": _media_body(ctx, item)})


@route(BP, "POST", "/2/media/upload/initialize")
def initialize(ctx: Ctx) -> Reply:
    """INIT: ``{"media_type", "total_bytes", "media_category"}``."""
    _auth(ctx)
    _check_rate(ctx)
    check_query(ctx, "initialize")
    body = json_object(ctx, "initialize")
    return _initialize(ctx, str(body.get("media_type", "")), body.get("total_bytes"),
                       str(body.get("media_category", "")))


@route(BP, "POST", "/2/media/upload/<digits:media_id>/append")
def append(ctx: Ctx, media_id: str) -> Reply:
    """APPEND: multipart ``media`` + ``segment_index``, or JSON with base64 ``media``."""
    _auth(ctx)
    _check_rate(ctx)
    check_query(ctx, "append")
    if ctx.request.mimetype == "multipart/form-data":
        return _append(ctx, media_id, ctx.request.form.get("segment_index"), ctx.request.files.get("media"),
                       ctx.request.form.get("media"))
    body = ctx.json_body()
    if not isinstance(body, dict):
        raise x_invalid_request("body", "", "Request body must be multipart or a JSON object.")
    check_body(body, "append")
    return _append(ctx, media_id, body.get("segment_index"), None, body.get("media"))


@route(BP, "POST", "/2/media/upload/<digits:media_id>/finalize")
def finalize(ctx: Ctx, media_id: str) -> Reply:
    """FINALIZE: checks the size, starts processing for video/GIF."""
    _auth(ctx)
    _check_rate(ctx)
    check_query(ctx, "finalize")
    return _finalize(ctx, media_id)


@route(BP, "GET", "/2/media/upload")
def status(ctx: Ctx) -> Reply:
    """STATUS: ``?command=STATUS&media_id=``."""
    _auth(ctx)
    _check_rate(ctx)
    check_query(ctx, "status")
    args = ctx.request.args
    if args.get("command", "").upper() != "STATUS":
        raise x_invalid_request("command", args.get("command", ""), "command must be STATUS.")
    item = models.data(ctx.store)["media"].get(args.get("media_id", ""))
    if item is None:
        raise x_invalid_request("media_id", args.get("media_id", ""), "The media id is unknown or expired.")
    return Reply({"data": _media_body(ctx, item)})


@route(BP, "POST", "/2/media/upload")
def simple_upload(ctx: Ctx) -> Reply:
    """One-shot upload (multipart ``media`` or JSON base64), or the older ``command=`` form flow."""
    _auth(ctx)
    _check_rate(ctx)
    if ctx.request.mimetype == "application/json":
        body = ctx.json_body()
        if not isinstance(body, dict):
            raise x_invalid_request("body", "", "Request body must be a JSON object.")
        fields = {k: str(v) for k, v in body.items()}
        storage = None
    else:
        fields = {**ctx.request.args, **ctx.request.form}
        storage = ctx.request.files.get("media")
    command = fields.get("command", "").upper()
    if command == "INIT":
        return _initialize(ctx, fields.get("media_type", ""), fields.get("total_bytes"),
                           fields.get("media_category", "tweet_video"))
    if command == "APPEND":
        return _append(ctx, fields.get("media_id", ""), fields.get("segment_index"), storage,
                       fields.get("media_data") or (fields.get("media") if storage is None else None))
    if command == "FINALIZE":
        return _finalize(ctx, fields.get("media_id", ""))
    category = fields.get("media_category", "")
    if category not in MEDIA_CATEGORIES:
        raise x_invalid_request("media_category", category, "The `media_category` field is required.")
    with ctx.store.lock:
        item = models.new_media(ctx.store, "image", fields.get("media_type", ""), category, 0)
    dest = ctx.store.folder("media", "x") / f"{item['id']}.upload"
    if storage is not None:
        size = save_stream(storage.stream, dest, limit=ctx.settings.x_gif_max_bytes)
    elif fields.get("media"):
        try:
            raw = base64.b64decode(fields["media"], validate=True)
        except (binascii.Error, ValueError):
            raise x_invalid_request("media", "", "The `media` field is not valid base64.") from None
        dest.write_bytes(raw)
        size = len(raw)
    else:
        raise x_invalid_request("media", "", "The `media` field is required.")
    info = image_info(dest)
    kind = "gif" if info and info.format == "GIF" and category.endswith("gif") else (
        "image" if info else _category_kind(category, fields.get("media_type", "")))
    if size > _size_limit(ctx, kind):
        dest.unlink(missing_ok=True)
        raise x_invalid_request("media", "", f"File size exceeds {_size_limit(ctx, kind)} bytes.")
    if kind == "image" and info is None:
        dest.unlink(missing_ok=True)
        raise x_invalid_request("media", "", "The media is not a supported image.")
    final = dest.with_suffix({"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}.get(
        info.format if info else "", ".bin"))
    dest.replace(final)
    with ctx.store.lock:
        item.update(kind=kind, size=size, total_bytes=size, finalized=ctx.store.now(),
                    needs_processing=kind in ("video", "gif"), file=str(final.relative_to(ctx.store.dir)))
        if info:
            item["image"] = {"image_type": f"image/{info.format.lower()}", "w": info.width, "h": info.height}
        models.data(ctx.store)["media"][item["id"]] = item
        ctx.store.save()
    return Reply({"data": _media_body(ctx, item)})


API = PlatformApi("x", BP, fault_error, not_found, rate_headers)
