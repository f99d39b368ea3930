"""How a composed text measures up: each platform's own unit against its limits.

X's weighted length (``sosmed.textlimits``), characters for Facebook, Instagram and YouTube
titles and tags, UTF-8 bytes for YouTube descriptions. Limits come from
:data:`sosmed.specs.TEXT_LIMITS` and can be overridden per call (the platform-limit rules
pass their configured options).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sosmed.i18n import t
from sosmed.specs import TEXT_LIMITS, label
from sosmed.textlimits import weighted_length

_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")
_MENTION = re.compile(r"(?<![\w@])@(\w[\w.]*)")


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
    limits: Mapping[str, int] = field(default_factory=lambda: TEXT_LIMITS, compare=False, repr=False)

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

    def problems(self) -> list[tuple[str, dict[str, Any]]]:
        """Every limit exceeded, as (kind, numbers): ``length``, ``hashtags``, ``mentions``, ``title``,
        ``title_chars`` ('<'/'>'), ``description_chars``, ``tags``, ``thread`` (with ``part``)."""
        found: list[tuple[str, dict[str, Any]]] = []
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
        def n(value: int) -> str:
            return _number(value, lang)

        if self.platform == "x":
            parts = [f"{self.length}/{self.limit}"] + [f"{length}/{self.limit}" for length in self.thread_lengths]
            return t("compose.measure.x", lang, lengths=", ".join(parts))
        if self.reply:
            return t("compose.measure.reply", lang, platform=label(self.platform), length=n(self.length),
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
