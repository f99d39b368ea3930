"""What Facebook and Instagram share: the Graph token rules, errors, usage headers, paging."""

from __future__ import annotations

import base64
import json
from typing import Any

from sosmed.sandbox.core import Ctx, Reply
from sosmed.sandbox.errors import ApiError, graph_error

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


def fields_of(ctx: Ctx, default: str) -> list[str]:
    """The requested ``fields=`` (top-level names only) or the endpoint's default ones."""
    raw = ctx.params().get("fields") or default
    out: list[str] = []
    depth = 0
    current = ""
    for ch in raw:
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(current.strip())
            current = ""
            continue
        if depth == 0 and ch not in "})":
            current += ch
    if current.strip():
        out.append(current.strip())
    return [name.split(".")[0] for name in out]


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


def subfields_of(ctx: Ctx, name: str, default: list[str]) -> list[str]:
    """The names requested inside ``name{…}`` in ``fields=`` (e.g. ``replies{id,text,from}``), or ``default``."""
    for part in _split_top(ctx.params().get("fields") or ""):
        if part.startswith(name + "{") and part.endswith("}"):
            return [p.split(".")[0].split("{")[0] for p in _split_top(part[len(name) + 1:-1])]
    return default


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
            qs = "&".join(f"{k}={v}" for k, v in query.items())
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


def fault_error(ctx: Ctx, fault: dict[str, Any], business_id: str, buc_type: str) -> ApiError:
    """An armed fault in the Graph error shape (§1.8, §6)."""
    kind = fault["kind"]
    status = fault.get("status")
    if kind == "429":
        minutes = int(fault.get("regain_minutes", 5))
        headers = {
            "X-App-Usage": json.dumps({"call_count": 100, "total_time": 100, "total_cputime": 100}),
            "X-Business-Use-Case-Usage": json.dumps({business_id: [{
                "type": buc_type, "call_count": 100, "total_cputime": 100, "total_time": 100,
                "estimated_time_to_regain_access": minutes}]}),
        }
        code = int(fault.get("code", 32 if ctx.platform == "facebook" else 4))
        messages = {4: "(#4) Application request limit reached", 17: "(#17) User request limit reached",
                    32: "(#32) Page request limit reached", 613: "(#613) Calls to this api have exceeded the rate limit.",
                    80001: "(#80001) There have been too many calls to this Page account. Wait a bit and try again."}
        return graph_error(messages.get(code, f"(#{code}) Rate limit reached"), code, status=int(status or 400),
                           headers=headers)
    if kind == "500":
        return graph_error("An unknown error occurred", 1, 99, status=int(status or 500))
    if kind == "503":
        return graph_error("(#2) Service temporarily unavailable", 2, status=int(status or 503))
    if kind == "expired_token":
        from sosmed.sandbox.errors import graph_expired_token

        return graph_expired_token()
    if kind == "duplicate":
        return graph_error("(#506) Duplicate status message", 506, status=int(status or 400))
    if kind == "quota":
        if ctx.platform == "instagram":
            return graph_error("Application request limit reached", 9, 2207042, status=int(status or 400),
                               user_title="Reached publishing limit",
                               user_msg="You have reached the maximum number of posts allowed in 24 hours.")
        return graph_error("(#341) Application limit reached", 341, status=int(status or 400))
    return graph_error(f"Sandbox fault {kind}", 1, status=int(status or 500))


def not_found(ctx: Ctx) -> ApiError:
    """Graph's answer to a path it does not know."""
    return graph_error(
        f"Unknown path components: {ctx.path}", 2500, type_="OAuthException",
    )


def ok(body: Any, status: int = 200) -> Reply:
    """A JSON reply."""
    return Reply(body, status)
