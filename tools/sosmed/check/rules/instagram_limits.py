"""Instagram: a post needs a photo or video, and its caption must fit Instagram's limits.

The caption (``instagram.caption`` or the default from ``sosmed.compose``) may have at most
2,200 characters, 30 hashtags and 20 @-mentions. The photos themselves (JPEG only,
aspect 4:5 to 1.91:1, 8 MB) are checked by ``image-quality``, for every target platform at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.compose import compose
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.specs import TEXT_LIMITS

ID = "instagram-limits"
FBS = None
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"max_chars": int, "max_hashtags": int, "max_mentions": int}
DEFAULTS = {"max_chars": TEXT_LIMITS["instagram_chars"], "max_hashtags": TEXT_LIMITS["instagram_hashtags"],
            "max_mentions": TEXT_LIMITS["instagram_mentions"]}
DOC = {
    "id": "Instagram: tulisan wajib punya foto atau video; keterangan (instagram.caption atau bawaannya) paling "
          "banyak 2.200 karakter, 30 tagar dan 20 sebutan @. Format dan rasio foto diperiksa oleh image-quality.",
    "en": "Instagram: a post needs a photo or video; the caption (instagram.caption or its default) may have at "
          "most 2,200 characters, 30 hashtags and 20 @-mentions. Photo format and ratio are checked by image-quality.",
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report missing media and a caption over any of the limits."""
    post = item.post
    if "instagram" not in post.platforms or post.status == "retracted":
        return ()
    return _report(item, ctx)


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    post = item.post
    if not post.media:
        yield ctx.problem(item, "rules.instagram_limits.media_missing", loc=("platforms",))
    options = ctx.options
    composed = compose(item, "instagram", ctx.config, {
        "instagram_chars": options["max_chars"],
        "instagram_hashtags": options["max_hashtags"],
        "instagram_mentions": options["max_mentions"],
    })
    own = bool(post.instagram and post.instagram.caption and post.instagram.caption.strip())
    loc = ("instagram", "caption") if own else ("platforms",)
    for kind, numbers in composed.problems():
        key = f"rules.instagram_limits.{kind}" + ("" if own or kind != "length" else "_default")
        yield ctx.problem(item, key, loc=loc, **numbers)
