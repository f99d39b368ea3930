"""The exact text each platform would receive for a post (or a Q&A reply), and how it measures up.

One function decides what is posted, so the FBS report's preview, the platform-limit
rules and the publisher all see the same text. It is pure: it reads nothing from disk
and calls no network.

How the text is chosen (per platform, for a post):

- **Facebook**: ``facebook.message`` if given, else the title, a blank line and the body as
  plain text (the body is the article; Facebook has room for it).
- **Instagram**: ``instagram.caption`` if given, else the title, a blank line, the summary
  (or, without a summary, the body as plain text) and the post's tags as hashtags.
  Instagram captions are short and do not make links clickable, so the summary comes first.
- **X**: ``x.text`` if given (with ``x.thread`` as the replies that follow), else the title
  and, when it still fits, the summary. A default that would not fit is shortened with "…";
  a text the editor wrote is never shortened (it is reported instead).
- **YouTube**: the video's title is ``youtube.title`` or the post title; the description is
  ``youtube.description`` or the summary (else the body as plain text); the tags are
  ``youtube.tags`` or the post's tags. ``text`` is the description.

Every social post carries the archive URL (``sosmed.urls.item_url``): it is appended after
a blank line (X: after a space) unless the text already contains it. X counts it as 23.

Markdown is turned into plain text by a deliberately small converter (headings, emphasis,
links as ``text (url)``, images dropped, HTML removed): platforms show text, not Markdown.

Lengths follow each platform's own unit: X's weighted length (``sosmed.textlimits``),
characters for Facebook, Instagram and YouTube titles and tags, UTF-8 bytes for YouTube
descriptions. Limits come from ``LIMITS`` and can be overridden per call (the numbers
change over time; the platform-limit rules pass their configured options).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.model.item import Item
from sosmed.textlimits import weighted_length
from sosmed.urls import item_url

# Facebook's post limit (63,206 characters) is long-standing practice, not in the reference;
# comment limits other than X's are likewise unconfirmed and only used for Q&A replies.
LIMITS: dict[str, int] = {
    "facebook_chars": 63_206,
    "instagram_chars": 2_200,
    "instagram_hashtags": 30,
    "instagram_mentions": 20,
    "x_weighted": 280,
    "youtube_title_chars": 100,
    "youtube_description_bytes": 5_000,
    "youtube_tags_chars": 500,
    "facebook_comment_chars": 8_000,
    "instagram_comment_chars": 2_200,
    "youtube_comment_chars": 10_000,
}

SOCIAL = ("facebook", "instagram", "x", "youtube")
PLATFORM_NAMES = {"facebook": "Facebook", "instagram": "Instagram", "x": "X", "youtube": "YouTube",
                  "website": "Website"}
X_URL_LENGTH = 23

_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")
_MENTION = re.compile(r"(?<![\w@])@(\w[\w.]*)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_BULLET = re.compile(r"^(\s*)[*+]\s+", re.MULTILINE)
_BLANKS = re.compile(r"\n{3,}")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_TAG_CHARS = re.compile(r"\W+")


def markdown_to_plain(markdown: str) -> str:
    """A plain-text rendering of a Markdown body, good enough for a social post."""
    text = _HTML_COMMENT.sub("", markdown)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1 (\2)", text)
    text = _HEADING.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _BULLET.sub(r"\1- ", text)
    lines = [line.rstrip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(_join_soft_breaks(lines))).strip()


def _join_soft_breaks(lines: list[str]) -> list[str]:
    """Join a paragraph's wrapped lines: in Markdown a single line break is a space, not a break."""
    out: list[str] = []
    for line in lines:
        starts_block = not line or _LIST_ITEM.match(line) is not None
        if out and out[-1] and not starts_block:
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


def x_length(text: str) -> int:
    """X's weighted length of ``text`` (twitter-text v3)."""
    return weighted_length(text)


def _x_within(text: str, limit: int) -> bool:
    """Whether ``text`` surely fits ``limit`` on X, without the full count when it obviously does.

    For ASCII text every character weighs 1 and a URL (at least 4 characters, one dot)
    weighs 23, so ``len + 19 × dots`` bounds the weighted length from above.
    """
    if text.isascii() and len(text) + 19 * text.count(".") <= limit:
        return True
    return x_length(text) <= limit


def youtube_tags_length(tags: tuple[str, ...]) -> int:
    """YouTube's count for the tag list: commas between tags count, a tag with spaces counts quoted."""
    if not tags:
        return 0
    return sum(len(tag) + (2 if " " in tag else 0) for tag in tags) + len(tags) - 1


def _number(value: int, lang: str | None) -> str:
    text = f"{value:,}"
    return text if lang == "en" else text.replace(",", ".")


@dataclass(frozen=True)
class Composed:
    """What one platform would receive, with its measure against the platform's limits.

    ``text`` is the post (YouTube: the description); ``thread`` holds X replies that follow
    the first post. Lengths are computed on first use and cached.
    """

    platform: str
    text: str
    title: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    link: str = ""
    thread: tuple[str, ...] = ()
    reply: bool = False
    limits: Mapping[str, int] = field(default_factory=lambda: LIMITS, compare=False, repr=False)

    @cached_property
    def length(self) -> int:
        """The main length in the platform's unit (X weighted, YouTube description bytes, else characters)."""
        if self.platform == "x":
            return x_length(self.text)
        if self.platform == "youtube" and not self.reply:
            return len((self.description or "").encode("utf-8"))
        return len(self.text)

    @property
    def limit(self) -> int:
        """The main limit, in the unit of :attr:`length`."""
        if self.platform == "x":
            return self.limits["x_weighted"]
        if self.reply:
            return self.limits[f"{self.platform}_comment_chars"]
        return {
            "facebook": self.limits["facebook_chars"],
            "instagram": self.limits["instagram_chars"],
            "youtube": self.limits["youtube_description_bytes"],
        }[self.platform]

    @cached_property
    def hashtags(self) -> int:
        return len(_HASHTAG.findall(self.text))

    @cached_property
    def mentions(self) -> int:
        return len(_MENTION.findall(self.text))

    @cached_property
    def thread_lengths(self) -> tuple[int, ...]:
        return tuple(x_length(part) for part in self.thread)

    def problems(self) -> list[tuple[str, dict[str, int | str]]]:
        """Every limit exceeded, as (kind, numbers): ``length``, ``hashtags``, ``mentions``, ``title``,
        ``title_chars`` ('<'/'>'), ``description_chars``, ``tags``, ``thread`` (with ``part``)."""
        found: list[tuple[str, dict[str, int | str]]] = []
        lim = self.limits
        if self.platform == "x":
            if not _x_within(self.text, lim["x_weighted"]):
                found.append(("length", {"length": self.length, "limit": self.limit}))
            for number, part in enumerate(self.thread, 2):
                if not _x_within(part, lim["x_weighted"]):
                    found.append(("thread", {"part": number, "length": x_length(part), "limit": self.limit}))
            return found
        if self.length > self.limit:
            found.append(("length", {"length": self.length, "limit": self.limit}))
        if self.platform == "instagram" and not self.reply:
            if self.hashtags > lim["instagram_hashtags"]:
                found.append(("hashtags", {"count": self.hashtags, "limit": lim["instagram_hashtags"]}))
            if self.mentions > lim["instagram_mentions"]:
                found.append(("mentions", {"count": self.mentions, "limit": lim["instagram_mentions"]}))
        if self.platform == "youtube" and not self.reply:
            title = self.title or ""
            if not title.strip():
                found.append(("title_missing", {}))
            if len(title) > lim["youtube_title_chars"]:
                found.append(("title", {"length": len(title), "limit": lim["youtube_title_chars"]}))
            if "<" in title or ">" in title:
                found.append(("title_chars", {}))
            if "<" in (self.description or "") or ">" in (self.description or ""):
                found.append(("description_chars", {}))
            tags_length = youtube_tags_length(self.tags)
            if tags_length > lim["youtube_tags_chars"]:
                found.append(("tags", {"length": tags_length, "limit": lim["youtube_tags_chars"]}))
        return found

    @property
    def over_limit(self) -> bool:
        """Whether the platform would refuse this as it stands."""
        return bool(self.problems())

    def measure_in(self, lang: str | None = None) -> str:
        """The measure in a language, e.g. ``X 231/280`` or ``Instagram 1.204/2.200 · 12/30 tagar``."""
        n = lambda value: _number(value, lang)  # noqa: E731
        if self.platform == "x":
            parts = [f"{self.length}/{self.limit}"] + [f"{length}/{self.limit}" for length in self.thread_lengths]
            return t("compose.measure.x", lang, lengths=", ".join(parts))
        if self.reply:
            return t("compose.measure.reply", lang, platform=PLATFORM_NAMES[self.platform], length=n(self.length),
                     limit=n(self.limit))
        if self.platform == "instagram":
            text = t("compose.measure.instagram", lang, length=n(self.length), limit=n(self.limit),
                     hashtags=self.hashtags, hashtag_limit=self.limits["instagram_hashtags"])
            if self.mentions:
                text += t("compose.measure.mentions", lang, count=self.mentions,
                          limit=self.limits["instagram_mentions"])
            return text
        if self.platform == "youtube":
            return t("compose.measure.youtube", lang, title=len(self.title or ""),
                     title_limit=self.limits["youtube_title_chars"], length=n(self.length), limit=n(self.limit),
                     tags=youtube_tags_length(self.tags), tags_limit=self.limits["youtube_tags_chars"])
        return t("compose.measure.facebook", lang, length=n(self.length), limit=n(self.limit))

    @property
    def measure(self) -> str:
        """The measure in the current language."""
        return self.measure_in()


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
    lim = {**LIMITS, **(limits or {})}
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
        tags = tuple(yt.tags) if yt and yt.tags else tuple(post.tags)
        return Composed("youtube", description, title=yt_title, description=description, tags=tags, link=link,
                        limits=lim)
    raise ValueError(f"compose: no social platform {platform!r}")


def compose_all(item: Item, config: Config, limits: Mapping[str, int] | None = None) -> list[Composed]:
    """The composed post for every social platform a post targets, in the post's platform order."""
    return [compose(item, platform, config, limits) for platform in item.post.social_platforms]


def compose_reply(item: Item, index: int, config: Config, limits: Mapping[str, int] | None = None) -> Composed:
    """The reply to question ``index`` (0-based) of a Q&A form: the answer, on the question's platform."""
    lim = {**LIMITS, **(limits or {})}
    question = item.form.questions[index]
    if question.platform not in SOCIAL:
        raise ValueError(f"compose_reply: question {index + 1} did not come from a platform")
    return Composed(question.platform, (question.answer or "").strip(), reply=True, limits=lim)
