"""Facebook: the exact text that would be posted must fit Facebook's post length.

The default 63,206 characters is long-standing practice (not in the platform reference),
hence an option.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.compose import compose
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.specs import TEXT_LIMITS

ID = "facebook-limits"
FBS = None
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"max_chars": int}
DEFAULTS = {"max_chars": TEXT_LIMITS["facebook_chars"]}
DOC = {
    "id": "Facebook: teks yang akan diunggah (facebook.message, atau judul dan isi tulisan, ditambah tautan arsip) "
          "tidak boleh melebihi batas panjang Facebook (63.206 karakter).",
    "en": "Facebook: the text that would be posted (facebook.message, or the title and body, plus the archive link) "
          "must not exceed Facebook's length limit (63,206 characters).",
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report a Facebook post longer than ``max_chars``."""
    post = item.post
    if "facebook" not in post.platforms or post.status == "retracted":
        return ()
    limit = ctx.options["max_chars"]
    # The composed text is the override or title + body + link: cheap to bound before composing.
    if len(post.title) + len(item.body) + len(post.facebook.message or "" if post.facebook else "") + 200 < limit:
        return ()
    return _report(item, ctx, limit)


def _report(item: Item, ctx: RuleContext, limit: int) -> Iterator[Problem]:
    post = item.post
    composed = compose(item, "facebook", ctx.config, {"facebook_chars": limit})
    if composed.length > limit:
        own = bool(post.facebook and post.facebook.message and post.facebook.message.strip())
        loc = ("facebook", "message") if own else ("title",)
        yield ctx.problem(item, "rules.facebook_limits.length", loc=loc, length=composed.length, limit=limit)
