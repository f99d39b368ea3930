"""YouTube: a post needs a video, and the video's title, description and tags must fit YouTube's rules.

Title ≤ 100 characters, description ≤ 5,000 bytes (UTF-8 bytes, not characters), tags
≤ 500 characters counted YouTube's way (commas count, a tag with spaces counts quoted);
neither title nor description may contain ``<`` or ``>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.compose import compose
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.specs import TEXT_LIMITS

ID = "youtube-limits"
FBS = None
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"max_title_chars": int, "max_description_bytes": int, "max_tags_chars": int}
DEFAULTS = {"max_title_chars": TEXT_LIMITS["youtube_title_chars"],
            "max_description_bytes": TEXT_LIMITS["youtube_description_bytes"],
            "max_tags_chars": TEXT_LIMITS["youtube_tags_chars"]}
DOC = {
    "id": "YouTube: tulisan wajib punya video; judul paling banyak 100 karakter, deskripsi 5.000 bita, tag 500 "
          "karakter; judul dan deskripsi tidak boleh memuat tanda < atau >.",
    "en": "YouTube: a post needs a video; title at most 100 characters, description 5,000 bytes, tags 500 "
          "characters; title and description must not contain < or >.",
}

_LOCS = {
    "title": ("youtube", "title"),
    "title_chars": ("youtube", "title"),
    "title_missing": ("title",),
    "length": ("youtube", "description"),
    "description_chars": ("youtube", "description"),
    "tags": ("youtube", "tags"),
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report a missing video and every YouTube field over its limit."""
    post = item.post
    if "youtube" not in post.platforms or post.status == "retracted":
        return ()
    return _report(item, ctx)


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    post = item.post
    if not post.videos() and not (post.youtube and post.youtube.video):
        yield ctx.problem(item, "rules.youtube_limits.video_missing", loc=("platforms",))
    options = ctx.options
    composed = compose(item, "youtube", ctx.config, {
        "youtube_title_chars": options["max_title_chars"],
        "youtube_description_bytes": options["max_description_bytes"],
        "youtube_tags_chars": options["max_tags_chars"],
    })
    yt = post.youtube
    for kind, numbers in composed.problems():
        loc = _LOCS[kind]
        # A default (no youtube.* key) comes from the post's own title, summary/body or tags.
        if loc[0] == "youtube" and not (yt and getattr(yt, loc[1])):
            loc = {"title": ("title",), "description": ("summary",), "tags": ("tags",)}[loc[1]]
        yield ctx.problem(item, f"rules.youtube_limits.{kind}", loc=loc, **numbers)
