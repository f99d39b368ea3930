"""FBS 1: an informational post cites where its information comes from.

Posts whose strategy is to inform — talking, transparency, supporting (the guideline's
"berbicara", "transparansi", "mendukung") — need at least one entry under ``sources``
(a regulation, an official letter, the agency's own documentation). Which strategies
count is the ``strategies`` option. Retracted posts are not checked.
"""

from __future__ import annotations

from collections.abc import Iterable

from sosmed.check.rule import RuleContext
from sosmed.model.fields import STRATEGY_ALIASES
from sosmed.model.item import Item
from sosmed.problem import Problem

GUIDELINE_NAMES = {canonical: name for name, canonical in STRATEGY_ALIASES.items()}

ID = "sources-cited"
FBS = 1
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"strategies": list}
DEFAULTS: dict[str, object] = {"strategies": ["talking", "transparency", "supporting"]}
DOC = {
    "id": (
        "Sumber informasi (FBS 1): tulisan yang bersifat informasi — strategi berbicara (talking), transparansi "
        "(transparency) dan mendukung (supporting) — wajib mencantumkan paling sedikit satu sumber di 'sources' "
        "(peraturan, surat resmi, dokumentasi instansi)."
    ),
    "en": (
        "Information sources (FBS 1): informational posts — strategies talking, transparency and supporting — "
        "must cite at least one entry under 'sources' (a regulation, an official letter, the agency's own "
        "documentation)."
    ),
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report an informational post without sources."""
    post = item.post
    if post.status == "retracted" or post.sources or post.strategy not in ctx.options["strategies"]:
        return ()
    return [ctx.problem(item, "rules.sources_cited.message", loc=("strategy",), strategy=post.strategy,
                         guideline_name=GUIDELINE_NAMES.get(post.strategy, post.strategy))]
