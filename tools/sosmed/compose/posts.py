"""The exact text each platform receives for a post, or for the answer to a citizen's question.

See :mod:`sosmed.compose` for how the text is chosen per platform.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sosmed.compose.markdown import markdown_to_plain
from sosmed.compose.measure import Composed, x_length
from sosmed.config.schema import Config
from sosmed.model.item import Item
from sosmed.specs import SOCIAL, TEXT_LIMITS, X_URL_LENGTH
from sosmed.urls import item_url

_TAG_CHARS = re.compile(r"\W+")


def _with_link(text: str, link: str, separator: str = "\n\n") -> str:
    text = text.strip()
    if not link or link in text:
        return text
    return f"{text}{separator}{link}" if text else link


def _hashtag(tag: str) -> str:
    return "#" + _TAG_CHARS.sub("", tag)


def _x_default(title: str, summary: str | None, link: str, limit: int) -> str:
    room = limit - X_URL_LENGTH - 1
    if summary:
        candidate = f"{title}\n\n{summary.strip()}"
        if x_length(candidate) <= room:
            return candidate
    if x_length(title) <= room:
        return title
    cut = title
    while cut and (over := x_length(cut + "…") - room) > 0:
        # A character weighs at most 2, so dropping half the overshoot never cuts too much.
        cut = cut[: len(cut) - max(1, over // 2)].rstrip()
    return cut + "…"


def compose(item: Item, platform: str, config: Config, limits: Mapping[str, int] | None = None) -> Composed:
    """The exact post for ``platform`` (facebook, instagram, x, youtube) of a post item."""
    lim = {**TEXT_LIMITS, **(limits or {})}
    post = item.post
    # `publish.archive_link: {platform: false}` in sosmed.yml leaves the archive link out there.
    link = item_url(config, item) if config.publish.archive_link.get(platform, True) else ""
    title = post.title.strip()
    summary = (post.summary or "").strip() or None
    if platform == "facebook":
        override = post.facebook.message if post.facebook else None
        text = override if override and override.strip() else f"{title}\n\n{markdown_to_plain(item.body)}"
        return Composed("facebook", _with_link(text, link), link=link, limits=lim)
    if platform == "instagram":
        override = post.instagram.caption if post.instagram else None
        if override and override.strip():
            text = override
        else:
            text = f"{title}\n\n{summary or markdown_to_plain(item.body)}"
            tags = " ".join(dict.fromkeys(_hashtag(tag) for tag in post.tags if _TAG_CHARS.sub("", tag)))
            if tags:
                text = f"{text}\n\n{tags}"
        return Composed("instagram", _with_link(text, link), link=link, limits=lim)
    if platform == "x":
        override = post.x.text if post.x else None
        thread = tuple(part.strip() for part in post.x.thread) if post.x else ()
        if override and override.strip():
            text = override
        else:
            text = _x_default(title, summary, link, lim["x_weighted"])
        return Composed("x", _with_link(text, link, " "), link=link, thread=thread, limits=lim)
    if platform == "youtube":
        yt = post.youtube
        yt_title = (yt.title if yt and yt.title else title).strip()
        description = yt.description if yt and yt.description and yt.description.strip() else (
            summary or markdown_to_plain(item.body)
        )
        description = _with_link(description, link)
        yt_tags = tuple(yt.tags) if yt and yt.tags else tuple(post.tags)
        return Composed("youtube", description, title=yt_title, description=description, tags=yt_tags, link=link,
                        limits=lim)
    raise ValueError(f"compose: no social platform {platform!r}")


def compose_all(item: Item, config: Config, limits: Mapping[str, int] | None = None) -> list[Composed]:
    """The composed post for every social platform a post targets, in the post's platform order."""
    return [compose(item, platform, config, limits) for platform in item.post.social_platforms]


def compose_reply(item: Item, index: int, config: Config, limits: Mapping[str, int] | None = None) -> Composed:
    """The reply to question ``index`` (0-based) of a Q&A form: the answer, on the question's platform."""
    lim = {**TEXT_LIMITS, **(limits or {})}
    question = item.form.questions[index]
    if question.platform not in SOCIAL:
        raise ValueError(f"compose_reply: question {index + 1} did not come from a platform")
    return Composed(question.platform, (question.answer or "").strip(), reply=True, limits=lim)
