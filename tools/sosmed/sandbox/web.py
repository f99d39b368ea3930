"""Read-only web view: each account's timeline as a citizen sees it (server-rendered, no external files)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from html import escape
from typing import Any

from flask import Blueprint, Response, abort, redirect, request
from werkzeug.wrappers import Response as WerkzeugResponse

from sosmed.i18n import LANGUAGES, t
from sosmed.i18n import count as i18n_count
from sosmed.sandbox.admin import media_file, platform_view
from sosmed.sandbox.state import PLATFORMS, Store

WITA = timezone(timedelta(hours=8))
CSS = """
body{font-family:system-ui,sans-serif;margin:0;background:#f0f2f5;color:#1c1e21}
header{background:#14324f;color:#fff;padding:.8rem 1.2rem}header a{color:#fff;margin-right:1rem}
main{max-width:46rem;margin:1rem auto;padding:0 1rem}
article{background:#fff;border-radius:8px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px #0002}
.meta{color:#65676b;font-size:.85rem}.text{white-space:pre-wrap;margin:.5rem 0}
img{max-width:100%;border-radius:6px;margin:.3rem 0}
.video{background:#222;color:#eee;padding:2rem;text-align:center;border-radius:6px;margin:.3rem 0}
.comments{border-top:1px solid #ddd;margin-top:.6rem;padding-top:.4rem}
.comment{background:#f0f2f5;border-radius:12px;padding:.4rem .7rem;margin:.3rem 0}
.reply{margin-left:1.5rem}.own{background:#e7f3ff}section h2{margin-top:1.5rem}
"""


def _lang() -> str:
    lang = request.args.get("lang", "id")
    return lang if lang in LANGUAGES else "id"


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts, WITA).strftime("%d-%m-%Y %H:%M WITA")


def _q(lang: str) -> str:
    return "?lang=en" if lang == "en" else ""


def _media_html(store: Store, platform: str, post: dict[str, Any], lang: str) -> str:
    out = []
    for m in post.get("media") or []:
        if m.get("type") == "video":
            out.append(f'<div class="video">▶ {escape(t("sandbox.web.video", lang))}</div>')
        elif media_file(store, platform, m["id"]) is not None:
            out.append(f'<img src="/_sandbox/media/{platform}/{escape(m["id"])}" '
                       f'alt="{escape(t("sandbox.web.photo", lang))}">')
        elif m.get("url"):
            out.append(f'<p><a href="{escape(m["url"])}">{escape(t("sandbox.web.photo", lang))}</a></p>')
    if platform == "youtube":
        out.append(f'<div class="video">▶ {escape(post.get("title", ""))}</div>')
    return "".join(out)


def _comment_html(c: dict[str, Any], platform: str, own: bool, lang: str, reply: bool = False) -> str:
    author = (c.get("from") or {}).get("name") or c.get("username") or (c.get("author") or {}).get("name") or ""
    text = c.get("message") or c.get("text") or ""
    cls = "comment" + (" reply" if reply else "") + (" own" if own else "")
    label = f' · {escape(t("sandbox.web.admin_reply", lang))}' if own else ""
    parent = (f' · <a href="#comment-{escape(c["parent_id"])}">{escape(t("sandbox.web.in_reply_to", lang))}</a>'
              if reply and c.get("parent_id") else "")
    return (f'<div class="{cls}" id="comment-{escape(c["id"])}"><strong>{escape(author)}</strong>{label}'
            f'<div class="text">{escape(text)}</div><span class="meta">{_when(c["created_time"])}{parent}</span></div>')


def _post_html(store: Store, platform: str, post: dict[str, Any], account: str, lang: str) -> str:
    comments_html = []
    for c in post.get("comments", []):
        own = bool(c.get("by_page") or c.get("by_owner") or c.get("by_channel"))
        comments_html.append(_comment_html(c, platform, own, lang))
        for r in c.get("replies", []):
            own_r = bool(r.get("by_page") or r.get("by_owner") or r.get("by_channel"))
            comments_html.append(_comment_html(r, platform, own_r, lang, reply=True))
    if platform == "x":
        for r in post.get("replies", []):
            if not r.get("deleted"):
                comments_html.append(
                    f'<div class="comment reply own"><a href="#post-{escape(r["id"])}">'
                    f'{escape(t("sandbox.web.thread_reply", lang))}</a></div>')
    parent = ""
    if post.get("in_reply_to"):
        parent = (f' · <a href="#post-{escape(post["in_reply_to"])}">{escape(t("sandbox.web.in_reply_to", lang))}'
                  f'</a>')
    count = i18n_count("sandbox.web.comment_count", len(post.get("comments", [])), lang)
    link = f'<p><a href="{escape(post["link"])}">{escape(post["link"])}</a></p>' if post.get("link") else ""
    return (f'<article id="post-{escape(post["id"])}"><strong>{escape(account)}</strong>'
            f'<div class="meta"><a href="#post-{escape(post["id"])}">{_when(post["created_time"])}</a>{parent}</div>'
            f'<div class="text">{escape(post.get("text", ""))}</div>{link}{_media_html(store, platform, post, lang)}'
            f'<div class="comments"><span class="meta">{escape(count)}</span>{"".join(comments_html)}</div>'
            f'</article>')


def _visible(platform: str, post: dict[str, Any]) -> bool:
    if post.get("deleted"):
        return False
    if platform == "facebook" and not post.get("is_published", True):
        return False
    if platform == "youtube" and post.get("privacyStatus") != "public":
        return False
    return True


def _section(store: Store, platform: str, lang: str) -> str:
    view = platform_view(store, platform)
    acct = view["account"]
    account = acct.get("page_name") or acct.get("username") or acct.get("channel_title") or platform
    posts = [p for p in reversed(view["posts"]) if _visible(platform, p)]
    body = "".join(_post_html(store, platform, p, account, lang) for p in posts) or (
        f'<p class="meta">{escape(t("sandbox.web.no_posts", lang))}</p>')
    title = t(f"sandbox.web.platform.{platform}", lang)
    return (f'<section id="{platform}"><h2><a href="/web/{platform}{_q(lang)}">{escape(title)}</a> · '
            f'{escape(account)}</h2>{body}</section>')


def _page(lang: str, content: str) -> Response:
    nav = "".join(f'<a href="/web/{p}{_q(lang)}">{escape(t(f"sandbox.web.platform.{p}", lang))}</a>'
                  for p in PLATFORMS)
    other = "en" if lang == "id" else "id"
    html = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(t("sandbox.web.title", lang))}</title><style>{CSS}</style></head><body>'
            f'<header><strong>{escape(t("sandbox.web.title", lang))}</strong><br>'
            f'<a href="/{_q(lang)}">{escape(t("sandbox.web.all", lang))}</a>{nav}'
            f'<a href="?lang={other}">{escape(t("sandbox.web.switch_language", lang))}</a></header>'
            f'<main><p class="meta">{escape(t("sandbox.web.notice", lang))}</p>{content}</main></body></html>')
    return Response(html, mimetype="text/html")


def _fb_anchor(store: Store, parts: list[str]) -> str | None:
    node = parts[-1]
    data = store.data["facebook"]
    if any(c["id"] == node for c in data["comments"]):
        return f"comment-{node}"
    for post in data["posts"]:
        if post["id"] == node or any(m["id"] == node for m in post.get("media") or []):
            return f"post-{post['id']}"
    return None


def _x_anchor(store: Store, parts: list[str]) -> str | None:
    if len(parts) < 2 or parts[-2] != "status":
        return None
    node = parts[-1]
    data = store.data["x"]
    if any(m["id"] == node for m in data["mentions"]):
        return f"comment-{node}"
    return f"post-{node}" if any(p["id"] == node for p in data["posts"]) else None


def _youtube_anchor(store: Store, parts: list[str], args: Any) -> str | None:
    comment, video = args.get("lc"), args.get("v")
    if parts != ["watch"] or not video:
        return None
    if comment and any(c["id"] == comment for c in store.data["youtube"]["comments"]):
        return f"comment-{comment}"
    return f"post-{video}" if any(v["id"] == video for v in store.data["youtube"]["posts"]) else None


def permalink_anchor(store: Store, platform: str, rest: str, args: Any) -> str | None:
    """The web view's anchor for a platform-shaped permalink (``/watch?v=…``, ``/i/web/status/…``, …)."""
    parts = [p for p in rest.split("/") if p]
    if not parts:
        return None
    with store.lock:
        if platform == "facebook":
            return _fb_anchor(store, parts)
        if platform == "x":
            return _x_anchor(store, parts)
        if platform == "youtube":
            return _youtube_anchor(store, parts, args)
    return None


def blueprint(store: Store) -> Blueprint:
    """The web view: ``/`` (every account) and ``/web/<platform>``."""
    bp = Blueprint("web", __name__)

    @bp.get("/")
    def index() -> Response:
        lang = _lang()
        with store.lock:
            return _page(lang, "".join(_section(store, p, lang) for p in PLATFORMS))

    @bp.get("/web/<platform>")
    def timeline(platform: str) -> Response:
        if platform not in PLATFORMS:
            abort(404)
        lang = _lang()
        with store.lock:
            return _page(lang, _section(store, platform, lang))

    @bp.get("/web/<platform>/<path:rest>")
    def permalink(platform: str, rest: str) -> WerkzeugResponse:
        # The adapters' permalinks keep each platform's own shape; here they lead to the post or comment.
        anchor = permalink_anchor(store, platform, rest, request.args) if platform in PLATFORMS else None
        if anchor is None:
            abort(404)
        return redirect(f"/web/{platform}{_q(_lang())}#{anchor}", code=302)

    return bp
