"""One post's mock-up: its facts, then one collapsed block per platform with the exact text
(:func:`sosmed.compose.compose`, the publisher's own), the media the platform receives
(:func:`sosmed.compose.media_for`) and, for YouTube, the video's title, privacy and still."""

from __future__ import annotations

from sosmed.check.mockup.facts import post_facts
from sosmed.check.mockup.html import code, inline, summary, text_block
from sosmed.check.mockup.photos import left_out, photo_list
from sosmed.check.mockup.video import video_item, youtube_fields
from sosmed.check.mockup.view import View
from sosmed.compose import Chosen, Composed, compose_all, media_for
from sosmed.i18n import count, t
from sosmed.model.item import Item
from sosmed.specs import label

TEXT_LIMIT = 3_000  # characters of one text shown; the rest is cut with a note


def shown_text(text: str, view: View) -> list[str]:
    """A text as the platform receives it, masked, cut after ``TEXT_LIMIT`` characters."""
    if not text.strip():
        return [t("mockup.empty", view.lang)]
    masked = view.shown(text)
    lines = text_block(masked[:TEXT_LIMIT])
    if len(masked) > TEXT_LIMIT:
        lines += ["", t("report.truncated", view.lang, chars=len(text))]
    return lines


def _media_count(chosen: Chosen, view: View) -> str:
    if chosen.kind == "image":
        return count("mockup.count.photo", len(chosen.sent), view.lang)
    if chosen.kind == "video":
        return t("mockup.count.video", view.lang)
    return ""


def _media(item: Item, chosen: Chosen, platform: str, view: View) -> list[str]:
    if chosen.kind == "image":
        return photo_list(item, chosen.sent, platform, view)
    if chosen.kind == "video":
        reel = [t("mockup.instagram.reel", view.lang), ""] if platform == "instagram" else []
        return reel + video_item(item, chosen.sent[0], view)
    key = "mockup.instagram.no_media" if platform == "instagram" else "mockup.media.none"
    return [t(key, view.lang)]


def platform_block(item: Item, composed: Composed, view: View) -> list[str]:
    """The collapsed mock-up of one platform."""
    platform, lang = composed.platform, view.lang
    chosen = media_for(item.post, platform)
    mark = "❌" if composed.over_limit else "✅"
    measure = composed.measure_in(lang).removeprefix(label(platform) + " ")  # the summary names it already
    out = [summary(label(platform), f"{measure} {mark}", _media_count(chosen, view)), ""]
    if platform == "youtube":
        video = chosen.sent[0] if chosen.sent else None
        out += youtube_fields(item, video, composed.title or "", composed.tags, view)
        out += ["", f"**{t('mockup.youtube.description', lang)}**", ""] + shown_text(composed.description or "", view)
    else:
        out += shown_text(composed.text, view)
        for n, part in enumerate(composed.thread, 2):
            out += ["", f"**{t('mockup.x.reply', lang, n=n)}**", ""] + shown_text(part, view)
        out += [""] + _media(item, chosen, platform, view)
    return out + [""] + left_out(chosen, platform, view) + ["</details>", ""]


def post_mockup(item: Item, view: View) -> list[str]:
    """The facts of a post and its platforms' mock-ups."""
    out = [f"#### 📝 {inline(view.shown(item.post.title))}", "", code(item.display), ""]
    out += post_facts(item, view) + [""]
    for composed in compose_all(item, view.config):
        out += platform_block(item, composed, view)
    return out
