"""Nothing of a template may go out: its placeholder sentences, and the empty values it leaves.

``sosmed new post`` and ``sosmed new qna`` write templates whose sentences ask to be replaced
("Tulis isi lengkap di sini.") and whose optional text fields start empty (``summary: ""``).
Left as they are, the placeholder would be the Facebook text and the empty summary the
archive's description, under the Kepala's signature. The placeholder sentences are read from
the catalogue of every language, so this rule follows the templates when they change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from sosmed.check.rule import RuleContext
from sosmed.i18n import LANGUAGES, catalogue
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "template-text"
FBS = None
LEVEL = "error"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, object] = {}
DOC = {
    "id": "Kalimat isian templat ('Tulis isi lengkap di sini.', 'Tulis pertanyaan warganet di sini.', 'Nama "
          "Petugas') dan kolom teks yang dibiarkan kosong (summary: \"\") tidak boleh terbit: isi atau hapus.",
    "en": "Template placeholders ('Write the full text here.', 'Write the citizen's question here.', 'Officer "
          "Name') and text fields left empty (summary: \"\") must not be published: fill them in or delete them.",
}
_QUESTION = re.compile(r'- text: "([^"]+)"')


@cache
def placeholders() -> frozenset[str]:
    """Every placeholder sentence of the templates, in every language, lower-cased."""
    found: set[str] = set()
    for lang in LANGUAGES:
        texts = catalogue(lang)
        body = texts["new.post_template"].rsplit("---", 1)[-1].strip()
        found.add(body)
        found.update(_QUESTION.findall(texts["new.qna_template"]))
        found.add(texts["new.officer_placeholder"])
    return frozenset(text.strip().lower() for text in found if text.strip())


def _is_placeholder(text: str | None) -> bool:
    return bool(text) and " ".join(text.split()).lower() in placeholders()  # type: ignore[union-attr]


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report template sentences and template-empty text fields."""
    return list(_post(item, ctx) if item.kind == "post" else _form(item, ctx))


def _fields(item: Item) -> Iterator[tuple[tuple[str | int, ...], str | None]]:
    post = item.post
    yield ("title",), post.title
    yield ("summary",), post.summary
    for index, media in enumerate(post.media):
        yield ("media", index, "alt"), media.alt
        yield ("media", index, "caption"), media.caption
    overrides = (("facebook", "message", post.facebook), ("instagram", "caption", post.instagram),
                 ("x", "text", post.x), ("youtube", "title", post.youtube), ("youtube", "description", post.youtube))
    for platform, key, override in overrides:
        if override is not None:
            yield (platform, key), getattr(override, key)


def _post(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    body = item.body.strip()
    if _is_placeholder(body):
        yield ctx.problem(item, "rules.template_text.placeholder", line=item.doc.body_line, field="body",
                          text=body)
    for loc, value in _fields(item):
        if value is not None and not value.strip() and _written(item, loc):
            yield ctx.problem(item, "rules.template_text.empty", loc=loc, field=".".join(map(str, loc)))
        elif _is_placeholder(value):
            yield ctx.problem(item, "rules.template_text.placeholder", loc=loc, field=".".join(map(str, loc)),
                              text=value)


def _written(item: Item, loc: tuple[str | int, ...]) -> bool:
    """Whether the key is written in the file (an absent optional field is fine; an empty one is not)."""
    data: object = item.doc.data
    for part in loc:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data is not None


def _form(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    form = item.form
    if _is_placeholder(form.officer):
        yield ctx.problem(item, "rules.template_text.placeholder", loc=("officer",), field="officer",
                          text=form.officer)
    for index, question in enumerate(form.questions):
        for key in ("text", "answer"):
            value = getattr(question, key)
            if _is_placeholder(value):
                yield ctx.problem(item, "rules.template_text.placeholder", loc=("questions", index, key),
                                  field=f"questions.{index + 1}.{key}", text=value)
