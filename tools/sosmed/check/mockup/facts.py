"""The facts of a post a reviewer signs off beside its text: when, why, whose, from where, by whom."""

from __future__ import annotations

from sosmed import clock
from sosmed.check.mockup.html import inline
from sosmed.check.mockup.view import View
from sosmed.i18n import t
from sosmed.model.item import Item
from sosmed.model.post import Post
from sosmed.printing.dates import long_datetime
from sosmed.safeurl import is_web_url
from sosmed.urls import item_url

ROLES = ("author", "camera", "drone", "editor", "contributor")


def field(label: str, value: str) -> str:
    """One fact as a list item: ``- **Label:** value`` (``value`` already Markdown)."""
    return f"- **{label}:** {value}".rstrip()


def link(text: str, url: str | None, view: View) -> str:
    """``text`` linked to ``url`` when it is a web address the report may show whole, else text and masked address."""
    label = inline(view.shown(text))
    if not url:
        return label
    if is_web_url(url) and view.shown(url) == url and "<" not in url and ">" not in url:
        return f"[{label}](<{url}>)"
    return f"{label} ({inline(view.shown(url))})"


def publish_time(post: Post, view: View) -> str:
    """When the post goes out, in the instance's zone (WITA), and whether that moment has passed."""
    zone, lang = view.config.zone, view.lang
    when = long_datetime(post.date, zone, lang)
    key = "mockup.publish.due" if post.date <= clock.now(zone) else "mockup.publish.scheduled"
    text = t(key, lang, time=when)
    if post.not_after is not None:
        text += "; " + t("mockup.publish.not_after", lang, time=long_datetime(post.not_after, zone, lang))
    return text


def credits_text(post: Post, view: View) -> str:
    """``Penulis: A · Kamera: B`` (every role that names someone)."""
    parts = []
    for role in ROLES:
        names = getattr(post.credits, role)
        if names:
            parts.append(f"{t(f'mockup.role.{role}', view.lang)}: {inline(view.shown(', '.join(names)))}")
    return " · ".join(parts) or t("mockup.none", view.lang)


def post_facts(item: Item, view: View) -> list[str]:
    """The list of a post's facts: publish time, strategy, bidang, sources, credits, archive page."""
    post, lang = item.post, view.lang
    division = view.config.division(post.bidang)
    out = [
        field(t("mockup.field.publish", lang), publish_time(post, view)),
        field(t("mockup.field.strategy", lang), t(f"site.strategy.{post.strategy}", lang)),
        field(t("mockup.field.bidang", lang), inline(division.name if division else post.bidang)),
    ]
    if post.sources:
        out.append(field(t("mockup.field.sources", lang), ""))
        for source in post.sources:
            note = f" — {inline(view.shown(source.note))}" if source.note else ""
            out.append(f"  - {link(source.title, source.url, view)}{note}")
    else:
        out.append(field(t("mockup.field.sources", lang), t("mockup.none", lang)))
    out.append(field(t("mockup.field.credits", lang), credits_text(post, view)))
    out.append(field(t("mockup.field.archive", lang), link(item_url(view.config, item), item_url(view.config, item),
                                                         view)))
    return out
