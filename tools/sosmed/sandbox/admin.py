"""Test and training endpoints under ``/_sandbox/`` (not part of any real API).

Every one needs the state's admin token in the ``X-Sandbox-Admin-Token`` header
(``SOSMED_SANDBOX_ADMIN_TOKEN`` in ``credentials.env``), except reading media and files
(``GET /_sandbox/media/…``, ``GET /_sandbox/files/…``): those are the sandbox's stand-in for
a platform's public CDN, linked from API answers and shown in the web view. Like the web view,
they answer only on this computer (:mod:`sosmed.sandbox.guard`).

- ``GET /_sandbox/state``, ``GET /_sandbox/state/<platform>``: the whole state / one platform
  with posts, comments and replies nested (token values left out of the platform views).
- ``GET|POST|DELETE /_sandbox/faults``: list, arm (``{"platform", "kind", "path", "count", …}``)
  or clear injected faults; ``GET|DELETE /_sandbox/calls``: the call log.
- ``POST /_sandbox/comments``: a citizen's comment ``{"platform", "post_id", "text", "author"}``.
- ``GET|PATCH /_sandbox/settings``, ``POST /_sandbox/clock`` (``{"advance": seconds}``, or
  ``{"at": "2020-05-12T09:00:00+08:00"}`` to set it: a replayed month),
  ``PUT /_sandbox/files/<name>``, ``POST /_sandbox/forge/seed``, ``GET /_sandbox/forge/state``.
"""

from __future__ import annotations

import hmac
import re
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, send_file

from sosmed.i18n import t
from sosmed.sandbox.facebook import models as facebook
from sosmed.sandbox.instagram import models as instagram
from sosmed.sandbox.media import save_stream
from sosmed.sandbox.state import PLATFORMS, Store, parse_iso
from sosmed.sandbox.x import models as x
from sosmed.sandbox.youtube import models as youtube

ADMIN_HEADER = "X-Sandbox-Admin-Token"
PUBLIC_PREFIXES = ("/_sandbox/media/", "/_sandbox/files/")
FAULT_PLATFORMS = (*PLATFORMS, "google-oauth", "github", "forgejo")
FAULT_KINDS = ("400", "401", "403", "404", "429", "500", "503", "delay", "reset", "expired_token", "quota",
               "duplicate")
# Kinds a platform has no documented shape for.
UNSUPPORTED = {("youtube", "duplicate"), ("google-oauth", "duplicate"), ("google-oauth", "quota"),
               ("github", "duplicate"), ("forgejo", "duplicate"), ("forgejo", "quota")}


def _error(status: int, message: str) -> Response:
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


def post_text(platform: str, post: dict[str, Any]) -> str:
    """The text a citizen reads for a post, whatever the platform calls it."""
    for key in ("message", "caption", "text", "title"):
        if post.get(key):
            return str(post[key])
    return ""


def platform_view(store: Store, platform: str) -> dict[str, Any]:
    """One platform's account, posts (with comments and replies nested), media and uploads."""
    data = store.data[platform]
    acct = {k: v for k, v in store.accounts[platform].items() if "token" not in k and "secret" not in k}
    posts = []
    if platform == "facebook":
        for post in data["posts"]:
            comments = [c for c in data["comments"] if c["post_id"] == post["id"]]
            posts.append(_with_threads(post, comments, "by_page", "message"))
        extra = {"photos": data["photos"], "videos": data["videos"],
                 "uploads": {"legacy": data["legacy_sessions"], "resumable": data["upload_sessions"]}}
    elif platform == "instagram":
        for post in data["posts"]:
            comments = [c for c in data["comments"] if c["media_id"] == post["id"]]
            posts.append(_with_threads(post, comments, "by_owner", "text"))
        extra = {"containers": data["containers"], "publish_times": data["publish_times"]}
    elif platform == "x":
        for post in data["posts"]:
            view = dict(post)
            view["replies"] = [p for p in data["posts"] if p.get("in_reply_to") == post["id"]]
            view["comments"] = [m for m in data["mentions"] if m.get("in_reply_to") == post["id"]]
            posts.append(view)
        extra = {"mentions": data["mentions"], "media": data["media"], "users": data["users"]}
    else:
        for post in data["posts"]:
            comments = [c for c in data["comments"] if c["video_id"] == post["id"]]
            posts.append(_with_threads(post, comments, "by_channel", "text"))
        extra = {"sessions": data["sessions"], "quota": data["quota"]}
    for view in posts:
        view["text"] = post_text(platform, view)
        view.setdefault("deleted", False)
    comments = data.get("comments", data.get("mentions", []))
    return {"platform": platform, "account": acct, "posts": posts, "comments": comments, **extra}


def _with_threads(post: dict[str, Any], comments: list[dict[str, Any]], own_flag: str, text_key: str) -> dict[str, Any]:
    view = dict(post)
    top = [dict(c) for c in comments if not c.get("parent_id")]
    for c in top:
        c["replies"] = [r for r in comments if r.get("parent_id") == c["id"]]
    view["comments"] = top
    view["replies"] = [c for c in comments if c.get(own_flag)]
    return view


def media_file(store: Store, platform: str, media_id: str) -> Path | None:
    """The stored file for a media id (photo, video, container, thumbnail), if there is one."""
    data = store.data.get(platform, {})
    rel = None
    if platform == "facebook":
        rel = (data["photos"].get(media_id) or data["videos"].get(media_id) or {}).get("file")
    elif platform == "instagram":
        rel = (data["containers"].get(media_id) or {}).get("file")
    elif platform == "x":
        rel = (data["media"].get(media_id) or {}).get("file")
    elif platform == "youtube":
        video = next((v for v in data["posts"] if v["id"] == media_id), None)
        rel = video.get("thumbnail") if video else None
    path = store.dir / rel if rel else None
    return path if path is not None and path.is_file() else None


def add_citizen_comment(store: Store, body: dict[str, Any]) -> dict[str, Any]:
    """Add a citizen's comment (or X mention) to a post; raise LookupError/ValueError on bad input."""
    platform = body.get("platform")
    post_id = str(body.get("post_id", ""))
    text = str(body.get("text", "")).strip()
    name = str(body.get("author") or "Warga Contoh")
    parent = body.get("parent_id")
    if not text:
        raise ValueError("text is required")
    handle = re.sub(r"[^a-z0-9_]", "", name.lower().replace(" ", "_"))[:15] or "warga"
    with store.lock:
        data = store.data.get(platform or "")
        if platform == "facebook":
            if not any(p["id"] == post_id and not p.get("deleted") for p in data["posts"]):
                raise LookupError(post_id)
            author = {"id": str(9100000000000000 + store.next_number()), "name": name}
            made = facebook.add_comment(store, post_id, text, author, parent)
        elif platform == "instagram":
            if not any(p["id"] == post_id and not p.get("deleted") for p in data["posts"]):
                raise LookupError(post_id)
            author = {"id": str(9200000000000000 + store.next_number()), "username": handle}
            made = instagram.add_comment(store, post_id, text, author, parent)
        elif platform == "x":
            if post_id and not any(p["id"] == post_id and not p.get("deleted") for p in data["posts"]):
                raise LookupError(post_id)
            made = x.add_mention(store, text, {"name": name, "username": handle}, post_id or None)
        elif platform == "youtube":
            if not any(p["id"] == post_id and not p.get("deleted") for p in data["posts"]):
                raise LookupError(post_id)
            author = {"name": name, "channel_id": "UC" + handle.ljust(22, "x")[:22]}
            made = youtube.add_comment(store, post_id, text, author, parent)
        else:
            raise ValueError(f"unknown platform {platform!r}")
        store.save()
    return made


def admin_refusal(store: Store, method: str, path: str, token: str | None) -> Response | None:
    """The 401 answer for an admin request without the right token; None when it may go on."""
    if not path.startswith("/_sandbox"):
        return None
    if method in ("GET", "HEAD") and path.startswith(PUBLIC_PREFIXES):
        return None
    if token and hmac.compare_digest(token.encode(), store.admin_token.encode()):
        return None
    resp = _error(401, t("sandbox.guard.admin_token", header=ADMIN_HEADER))
    resp.headers["WWW-Authenticate"] = f'{ADMIN_HEADER} realm="sosmed sandbox"'
    return resp


def _faults_routes(bp: Blueprint, store: Store) -> None:
    @bp.get("/_sandbox/faults")
    def faults_list() -> Response:
        with store.lock:
            return jsonify({"faults": list(store.faults)})

    @bp.post("/_sandbox/faults")
    def faults_add() -> Response:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _error(400, "send a JSON object")
        try:
            fault = arm_fault(body)
        except ValueError as exc:
            return _error(400, str(exc))
        with store.lock:
            fault["id"] = store.next_number()
            store.faults.append(fault)
        resp = jsonify(fault)
        resp.status_code = 201
        return resp

    @bp.delete("/_sandbox/faults")
    def faults_clear() -> Response:
        with store.lock:
            store.faults.clear()
        return jsonify({"faults": []})


def arm_fault(body: dict[str, Any]) -> dict[str, Any]:
    """A checked fault from an admin request; ValueError names what is wrong."""
    platform = body.get("platform")
    kind = str(body.get("kind", ""))
    if platform not in FAULT_PLATFORMS:
        raise ValueError(f"platform must be one of {', '.join(FAULT_PLATFORMS)}")
    if kind not in FAULT_KINDS:
        raise ValueError(f"kind must be one of {', '.join(FAULT_KINDS)}")
    if (platform, kind) in UNSUPPORTED:
        raise ValueError(f"{platform} documents no {kind} error")
    try:
        re.compile(str(body.get("path", ".*")))
        count = int(body.get("count", 1))
    except (re.error, ValueError):
        raise ValueError("path must be a regular expression and count an integer") from None
    if count < 1:
        raise ValueError("count must be at least 1")
    return {**body, "platform": platform, "kind": kind, "path": str(body.get("path", ".*")), "count": count,
            "remaining": count}


def _state_routes(bp: Blueprint, store: Store) -> None:
    @bp.get("/_sandbox/state")
    def state_all() -> Response:
        with store.lock:
            return jsonify({**store.data, "views": {p: platform_view(store, p) for p in PLATFORMS}})

    @bp.get("/_sandbox/state/<platform>")
    def state_platform(platform: str) -> Response:
        if platform not in PLATFORMS:
            return _error(404, f"unknown platform {platform!r}")
        with store.lock:
            return jsonify(platform_view(store, platform))

    @bp.get("/_sandbox/calls")
    def calls() -> Response:
        platform = request.args.get("platform")
        with store.lock:
            items = [c for c in store.calls if not platform or c["platform"] == platform]
        return jsonify({"calls": items})

    @bp.delete("/_sandbox/calls")
    def calls_clear() -> Response:
        with store.lock:
            store.calls.clear()
        return jsonify({"calls": []})

    @bp.post("/_sandbox/comments")
    def comments_add() -> Response:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _error(400, "send a JSON object")
        try:
            made = add_citizen_comment(store, body)
        except LookupError as exc:
            return _error(404, f"no post {exc.args[0]!r} on {body.get('platform')}")
        except ValueError as exc:
            return _error(400, str(exc))
        resp = jsonify(made)
        resp.status_code = 201
        return resp


def _settings_routes(bp: Blueprint, store: Store) -> None:
    @bp.get("/_sandbox/settings")
    def settings_get() -> Response:
        return jsonify(store.settings.as_dict())

    @bp.patch("/_sandbox/settings")
    def settings_patch() -> Response:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _error(400, "send a JSON object")
        with store.lock:
            unknown = store.settings.update(body)
        if unknown:
            return _error(400, f"unknown settings: {', '.join(unknown)}")
        return jsonify(store.settings.as_dict())

    @bp.post("/_sandbox/clock")
    def clock() -> Response:
        body = request.get_json(silent=True) or {}
        if "at" in body:
            moment = parse_iso(str(body["at"])) if isinstance(body["at"], str) else None
            if moment is None:
                return _error(400, "at must be an ISO 8601 time (UTC without an offset)")
            store.set_time(moment)
            return jsonify({"now": store.now(), "offset": store.data["clock_offset"]})
        try:
            seconds = float(body.get("advance", 0))
        except (TypeError, ValueError):
            return _error(400, "advance must be a number of seconds")
        store.advance(seconds)
        return jsonify({"now": store.now(), "offset": store.data["clock_offset"]})


def _file_routes(bp: Blueprint, store: Store) -> None:
    @bp.put("/_sandbox/files/<name>")
    def files_put(name: str) -> Response:
        if not re.fullmatch(r"[A-Za-z0-9._-]+", name) or name.startswith("."):
            return _error(400, "file names are letters, digits, dot, dash and underscore")
        size = save_stream(request.stream, store.folder("files") / name)
        with store.lock:
            store.data["files"][name] = {"size": size, "content_type": request.mimetype or "application/octet-stream"}
            store.save()
        resp = jsonify({"url": f"{request.host_url.rstrip('/')}/_sandbox/files/{name}", "size": size})
        resp.status_code = 201
        return resp

    @bp.get("/_sandbox/files/<name>")
    def files_get(name: str) -> Response:
        meta = store.data["files"].get(name)
        path = store.dir / "files" / name
        if meta is None or not path.is_file():
            abort(404)
        return send_file(path, mimetype=meta["content_type"], conditional=True)

    @bp.get("/_sandbox/media/<platform>/<media_id>")
    def media(platform: str, media_id: str) -> Response:
        path = media_file(store, platform, media_id)
        if path is None:
            abort(404)
        return send_file(path, conditional=True)


def blueprint(store: Store) -> Blueprint:
    """The admin routes; every request under ``/_sandbox/`` (the forge's too) needs the admin token."""
    bp = Blueprint("admin", __name__)

    @bp.before_app_request
    def _admin_token() -> Response | None:
        return admin_refusal(store, request.method, request.path, request.headers.get(ADMIN_HEADER))

    _state_routes(bp, store)
    _faults_routes(bp, store)
    _settings_routes(bp, store)
    _file_routes(bp, store)
    return bp
