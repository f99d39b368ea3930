"""A post needs a body: it is the full article on the website and the default text elsewhere."""

from __future__ import annotations

from collections.abc import Iterable

from sosmed.check.rule import RuleContext
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "body-empty"
FBS = None
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"min_chars": int}
DEFAULTS = {"min_chars": 1}
DOC = {
    "id": "Isi (badan) tulisan tidak boleh kosong: isi itulah artikel lengkap di situs dan teks bawaan di platform lain.",
    "en": "A post's body must not be empty: it is the full article on the website and the default text elsewhere.",
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report a post whose body is shorter than ``min_chars`` characters."""
    if item.post.status == "retracted":
        return ()
    if len(item.body.strip()) < ctx.options["min_chars"]:
        return [ctx.problem(item, "rules.body_empty.message", line=item.doc.body_line, min=ctx.options["min_chars"])]
    return ()
