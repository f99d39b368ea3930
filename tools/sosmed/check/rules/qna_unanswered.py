"""Q&A: every question on a form needs the division's answer before the form can be approved.

A form marked ``draft: true`` (what ``sosmed qna collect`` writes) is still being answered:
its unanswered questions are reported at the ``draft_level`` (a warning by default), so a
draft can sit in a pull request, or in the sample instance, without failing the check.
A draft whose questions are all answered gets a reminder to remove the marker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "qna-unanswered"
FBS = None
LEVEL = "error"
APPLIES_TO = ("qna",)
OPTIONS: dict[str, type] = {"draft_level": str}
DEFAULTS: dict[str, object] = {"draft_level": "warning"}
DOC = {
    "id": "Formulir Q&A: setiap pertanyaan harus dijawab bidang terkait sebelum disetujui. Pada formulir "
          "'draft: true' (hasil 'sosmed qna collect') pertanyaan tanpa jawaban hanya peringatan; hapus baris "
          "'draft: true' setelah semua dijawab.",
    "en": "Q&A forms: every question needs the division's answer before approval. On a form marked "
          "'draft: true' (written by 'sosmed qna collect') unanswered questions are only warnings; remove "
          "'draft: true' once every question is answered.",
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report each question without an answer; remind drafts that are complete to drop the marker."""
    form = item.form
    if not form.draft and not form.unanswered:
        return ()
    return _report(item, ctx)


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    form = item.form
    draft_level = ctx.options["draft_level"]
    missing = form.unanswered
    if form.draft and not missing:
        yield ctx.problem(item, "rules.qna_unanswered.draft_complete", loc=("draft",), level="warning")
        return
    if form.draft and draft_level == "off":
        return
    level = draft_level if form.draft else None
    for number in missing:
        question = item.doc.data["questions"][number - 1]
        loc: tuple[str | int, ...] = ("questions", number - 1, "answer")
        if not isinstance(question, dict) or "answer" not in question:
            loc = ("questions", number - 1)
        key = "rules.qna_unanswered.draft" if form.draft else "rules.qna_unanswered.missing"
        yield ctx.problem(item, key, loc=loc, level=level, number=number)
