"""What Facebook and Instagram share: the Graph token rules, errors, usage headers, paging."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from sosmed.sandbox.core import Ctx, Reply
from sosmed.sandbox.errors import (
    ApiError,
    graph_bad_token,
    graph_error,
    graph_expired_token,
    graph_invalid_param,
    graph_unknown_object,
)

# Every Graph path may start with a version ``vNN.N``; without one the app's default applies.
V = r"(?:/v\d+\.\d+)?"


def token_of(ctx: Ctx) -> str | None:
    """The access token of a Graph call: ``access_token=`` or ``Authorization: Bearer|OAuth``."""
    header = ctx.request.headers.get("Authorization", "")
    for scheme in ("Bearer ", "OAuth "):
        if header.startswith(scheme):
            return header[len(scheme):].strip()
    return ctx.params().get("access_token") or None


def truthy(value: str | None, default: bool) -> bool:
    """Graph booleans arrive as ``true``/``false``/``1``/``0`` strings."""
    if value is None or value == "":
        return default
    return value.strip().lower() in ("true", "1", "yes")


# The fields each node type has on Graph (the documented ones a client may ask for); asking for any
# other is error #100, as Graph answers. The sandbox fills in only some of them; Graph omits absent ones.
NODE_FIELDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "Page": "id name username link category about access_token fan_count followers_count picture website "
            "instagram_business_account is_published verification_status emails phone description",
    "User": "id name first_name last_name email picture link",
    "PagePost": "id message created_time updated_time is_published permalink_url status_type "
                "scheduled_publish_time full_picture attachments from story shares picture privacy is_hidden "
                "is_expired icon place properties message_tags comments reactions likes insights",
    "Comment": "id message created_time from parent comment_count permalink_url like_count can_comment "
               "can_remove can_hide can_like can_reply_privately is_hidden is_private attachment message_tags "
               "object user_likes comments reactions likes",
    "Photo": "id name created_time updated_time published link images height width picture album from "
             "alt_text alt_text_custom backdated_time can_delete page_story_id webp_images place target",
    "Video": "id title description created_time updated_time status permalink_url length source picture "
             "published embed_html format from icon is_instagram_eligible thumbnails post_id",
    "IGUser": "id ig_id username name media_count biography followers_count follows_count "
              "profile_picture_url website media stories tags",
    "IGMedia": "id ig_id caption media_type media_product_type timestamp permalink username comments_count "
               "media_url like_count thumbnail_url shortcode is_comment_enabled owner children "
               "is_shared_to_feed alt_text copyright_check_information legacy_instagram_media_id comments "
               "insights",
    "IGContainer": "id status status_code copyright_check_status video_status",
    "IGComment": "id text timestamp username like_count hidden from parent_id replies media user "
                 "legacy_instagram_comment_id",
    "ContentPublishingLimit": "quota_usage config",
}.items()}


def fields_of(ctx: Ctx, default: str, node: str | None = None) -> list[str]:
    """The requested ``fields=`` (top-level names only) or the endpoint's default ones.

    With ``node`` (a key of :data:`NODE_FIELDS`) a field the node type does not have is
    refused with Graph's error #100, as Graph refuses it.
    """
    raw = ctx.params().get("fields") or default
    names = [part.split("{")[0].split(".")[0].strip() for part in _split_top(raw)]
    if node is not None:
        for name in names:
            if name not in NODE_FIELDS[node]:
                raise graph_error(f"(#100) Tried accessing nonexisting field ({name}) on node type ({node})", 100)
    return names


def _split_top(raw: str) -> list[str]:
    """``raw`` split at the commas outside braces and parentheses."""
    parts, depth, current = [], 0, ""
    for ch in raw:
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


def subfields_of(ctx: Ctx, name: str, default: list[str], node: str | None = None) -> list[str]:
    """The names requested inside ``name{…}`` in ``fields=`` (e.g. ``replies{id,text,from}``), or ``default``.

    With ``node`` a name the nested node type does not have is refused (#100).
    """
    for part in _split_top(ctx.params().get("fields") or ""):
        if part.startswith(name + "{") and part.endswith("}"):
            names = [p.split(".")[0].split("{")[0] for p in _split_top(part[len(name) + 1:-1])]
            for field in names if node else []:
                if field not in NODE_FIELDS[node or ""]:
                    raise graph_error(f"(#100) Tried accessing nonexisting field ({field}) on node type ({node})",
                                      100)
            return names
    return default


def field_modifiers(ctx: Ctx, name: str) -> dict[str, str]:
    """The modifiers written after a requested field: ``comments.summary(true).limit(0)`` → summary, limit."""
    for part in _split_top(ctx.params().get("fields") or ""):
        head = part.split("{")[0]
        if head == name or head.startswith(name + "."):
            return {key: value for key, value in re.findall(r"\.(\w+)\(([^)]*)\)", head)}
    return {}


def metric_names(ctx: Ctx) -> list[str]:
    """The ``metric`` parameter of an insights call: comma-separated, or a JSON array (as Meta's SDK sends it)."""
    raw = (ctx.params().get("metric") or "").strip()
    if raw.startswith("["):
        try:
            value = json.loads(raw)
        except ValueError:
            raise graph_invalid_param("Param metric must be a list of metric names") from None
        return [str(v).strip() for v in value if str(v).strip()] if isinstance(value, list) else []
    return [part.strip() for part in raw.split(",") if part.strip()]


def pick(obj: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """The requested fields of ``obj`` that it has (Graph omits absent fields), id always first."""
    out: dict[str, Any] = {"id": obj["id"]} if "id" in obj else {}
    for name in names:
        if name in obj and obj[name] is not None:
            out[name] = obj[name]
    return out


def _cursor(index: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"i": index}).encode()).decode().rstrip("=")


def _uncursor(value: str) -> int:
    try:
        padded = value + "=" * (-len(value) % 4)
        return int(json.loads(base64.urlsafe_b64decode(padded))["i"])
    except (ValueError, KeyError, TypeError):
        raise graph_error("(#100) Invalid cursor", 100) from None


def page_list(ctx: Ctx, items: list[dict[str, Any]], default_limit: int = 25) -> dict[str, Any]:
    """``{"data": [...], "paging": {"cursors": {...}, "next": ...}}`` with ``limit``/``after``/``before``."""
    params = ctx.params()
    try:
        limit = max(1, min(100, int(params.get("limit", default_limit))))
    except ValueError:
        raise graph_error("(#100) Param limit must be an integer", 100) from None
    start = 0
    if params.get("after"):
        start = _uncursor(params["after"]) + 1
    elif params.get("before"):
        start = max(0, _uncursor(params["before"]) - limit)
    chunk = items[start:start + limit]
    body: dict[str, Any] = {"data": chunk}
    if chunk:
        paging: dict[str, Any] = {"cursors": {"before": _cursor(start), "after": _cursor(start + len(chunk) - 1)}}
        if start + limit < len(items):
            query = {k: v for k, v in params.items() if k not in ("after", "before", "access_token")}
            query["after"] = paging["cursors"]["after"]
            query["limit"] = str(limit)
            # Graph's next link carries the token, whether it came in the query or in a header.
            query["access_token"] = token_of(ctx) or ""
            qs = urlencode(query)
            paging["next"] = f"{ctx.base_url}/{ctx.platform}{ctx.path}?{qs}"
        body["paging"] = paging
    return body


def usage(ctx: Ctx, key: str, window: int, limit: int) -> int:
    """Record one call under ``key`` and return the percentage of ``limit`` used in ``window`` seconds."""
    now = ctx.store.now()
    with ctx.store.lock:
        calls = ctx.store.memory.setdefault(("graph_usage", key), [])
        calls.append(now)
        while calls and calls[0] <= now - window:
            calls.pop(0)
        return min(100, len(calls) * 100 // max(1, limit))


def usage_headers(ctx: Ctx, kind: str, business_id: str, buc_type: str) -> dict[str, str]:
    """``X-App-Usage`` for user/app tokens, ``X-Business-Use-Case-Usage`` for Page/IG tokens (§1.9)."""
    s = ctx.settings
    if kind == "user":
        pct = usage(ctx, "app", 3600, s.fb_app_calls_per_hour)
        return {"X-App-Usage": json.dumps({"call_count": pct, "total_time": pct, "total_cputime": pct})}
    pct = usage(ctx, f"buc:{business_id}", 86400, s.fb_page_calls_per_day)
    buc = {business_id: [{"type": buc_type, "call_count": pct, "total_cputime": pct, "total_time": pct,
                          "estimated_time_to_regain_access": 0}]}
    return {"X-Business-Use-Case-Usage": json.dumps(buc)}


def _throttled(ctx: Ctx, fault: dict[str, Any], business_id: str, buc_type: str) -> ApiError:
    minutes = int(fault.get("regain_minutes", 5))
    headers = {
        "X-App-Usage": json.dumps({"call_count": 100, "total_time": 100, "total_cputime": 100}),
        "X-Business-Use-Case-Usage": json.dumps({business_id: [{
            "type": buc_type, "call_count": 100, "total_cputime": 100, "total_time": 100,
            "estimated_time_to_regain_access": minutes}]}),
    }
    code = int(fault.get("code", 32 if ctx.platform == "facebook" else 4))
    return graph_error(THROTTLE_MESSAGES.get(code, f"(#{code}) Rate limit reached"), code,
                       status=int(fault.get("status") or 400), headers=headers)


THROTTLE_MESSAGES = {4: "(#4) Application request limit reached", 17: "(#17) User request limit reached",
                     32: "(#32) Page request limit reached",
                     613: "(#613) Calls to this api have exceeded the rate limit.",
                     80001: "(#80001) There have been too many calls to this Page account. Wait a bit and try again."}


def _quota(ctx: Ctx, status: int) -> ApiError:
    if ctx.platform == "instagram":
        return graph_error("Application request limit reached", 9, 2207042, status=status,
                           user_title="Reached publishing limit",
                           user_msg="You have reached the maximum number of posts allowed in 24 hours.")
    return graph_error("(#341) Application limit reached", 341, status=status)


# Every documented error kind an admin can arm (§1.8): (HTTP status, what the body says).
GRAPH_FAULTS: dict[str, tuple[int, Callable[[Ctx, int], ApiError]]] = {
    "400": (400, lambda ctx, status: graph_invalid_param("Invalid parameter")),
    "401": (400, lambda ctx, status: graph_bad_token(status)),
    "expired_token": (400, lambda ctx, status: graph_expired_token(status)),
    "403": (403, lambda ctx, status: graph_error(
        "(#200) Permissions error", 200, status=status, type_="OAuthException")),
    "404": (404, lambda ctx, status: graph_unknown_object(ctx.path.rstrip("/").rsplit("/", 1)[-1],
                                                          ctx.request.method, status)),
    "quota": (400, _quota),
    "duplicate": (400, lambda ctx, status: graph_error("(#506) Duplicate status message", 506, status=status)),
    "500": (500, lambda ctx, status: graph_error("An unknown error occurred", 1, 99, status=status)),
    "503": (503, lambda ctx, status: graph_error("(#2) Service temporarily unavailable", 2, status=status)),
}


def fault_error(ctx: Ctx, fault: dict[str, Any], business_id: str, buc_type: str) -> ApiError:
    """An armed fault in the Graph error shape (§1.8, §6); ``status`` in the fault overrides the HTTP status."""
    kind = fault["kind"]
    if kind == "429":
        return _throttled(ctx, fault, business_id, buc_type)
    default, make = GRAPH_FAULTS[kind]
    error = make(ctx, int(fault.get("status") or default))
    return error


def not_found(ctx: Ctx) -> ApiError:
    """Graph's answer to a path it does not know."""
    return graph_error(
        f"Unknown path components: {ctx.path}", 2500, type_="OAuthException",
    )


def ok(body: Any, status: int = 200) -> Reply:
    """A JSON reply."""
    return Reply(body, status)
