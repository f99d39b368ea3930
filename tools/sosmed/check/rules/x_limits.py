"""X: the exact text that would be posted (``sosmed.compose``) must fit X's weighted length.

The count follows twitter-text v3 (URLs count 23, CJK and emoji count 2); every part of
``x.thread`` is checked too. The limit is an option because X changes it per account tier.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.compose import compose
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.specs import TEXT_LIMITS

ID = "x-limits"
FBS = None
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"max_weighted": int}
DEFAULTS = {"max_weighted": TEXT_LIMITS["x_weighted"]}
DOC = {
    "id": "X: teks yang akan diunggah (termasuk tautan arsip, dihitung 23) tidak boleh melebihi panjang berbobot "
          "X (280; huruf CJK dan emoji berbobot 2). Setiap bagian x.thread juga diperiksa.",
    "en": "X: the text that would be posted (including the archive link, counted as 23) must not exceed X's "
          "weighted length (280; CJK letters and emoji weigh 2). Every part of x.thread is checked too.",
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report an X post (or thread part) longer than ``max_weighted``."""
    post = item.post
    if "x" not in post.platforms or post.status == "retracted":
        return ()
    limit = ctx.options["max_weighted"]
    own = bool(post.x and post.x.text and post.x.text.strip())
    if not (post.x and post.x.thread):
        # The posted text is at most this plus a space and the archive link (23): for ASCII text,
        # length + 19 per dot bounds the weighted length, so most posts need no full count.
        longest = post.x.text if own and post.x and post.x.text else f"{post.title}\n\n{post.summary or ''}"
        if longest.isascii() and len(longest) + 24 + 19 * longest.count(".") <= limit:
            return ()
    return _report(item, ctx, limit, own)


def _report(item: Item, ctx: RuleContext, limit: int, own: bool) -> Iterator[Problem]:
    composed = compose(item, "x", ctx.config, {"x_weighted": limit})
    for kind, numbers in composed.problems():
        if kind == "thread":
            part = int(numbers["part"])
            yield ctx.problem(item, "rules.x_limits.thread", loc=("x", "thread", part - 2), **numbers)
        elif own:
            yield ctx.problem(item, "rules.x_limits.text", loc=("x", "text"), **numbers)
        else:
            yield ctx.problem(item, "rules.x_limits.default", loc=("title",), **numbers)
