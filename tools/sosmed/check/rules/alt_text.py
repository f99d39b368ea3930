"""Every image needs alt text (``media[].alt``): people who use screen readers follow the agency too.

The publisher sends it to the platforms that accept it (Facebook ``alt_text_custom``,
Instagram ``alt_text``) and the website uses it as the image's ``alt``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "alt-text"
FBS = None
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"min_chars": int}
DEFAULTS = {"min_chars": 5}
DOC = {
    "id": "Setiap foto wajib punya teks alternatif (media[].alt) yang menggambarkan isinya, minimal 5 karakter, "
          "bukan sekadar nama berkas: pembaca layar membacakannya bagi warga tunanetra.",
    "en": "Every image needs alt text (media[].alt) describing it, at least 5 characters and not just the file "
          "name: screen readers read it aloud for blind citizens.",
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report images without a meaningful alt text."""
    return _report(item, ctx) if item.post.media else ()


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    minimum = ctx.options["min_chars"]
    for index, media in enumerate(item.post.media):
        if media.kind != "image":
            continue
        alt = (media.alt or "").strip()
        if not alt:
            yield ctx.problem(item, "rules.alt_text.missing", loc=("media", index, "file"), file=media.file)
        elif alt == media.file or alt.rsplit("/", 1)[-1] == media.file.rsplit("/", 1)[-1] or len(alt) < minimum:
            yield ctx.problem(item, "rules.alt_text.poor", loc=("media", index, "alt"), file=media.file, min=minimum)
