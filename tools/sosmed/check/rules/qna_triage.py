"""Q&A: a form in the admins' triage folder (``qna/_triage/``) still needs a division.

``sosmed qna collect`` puts questions no division keyword matched (or that matched two
divisions equally) there. The admin moves the file to ``qna/<bidang>/YYYY/`` and sets
``bidang`` (or splits the questions over several forms); until then the form cannot be
answered or approved, and this rule says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from sosmed.check.rule import RuleContext
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "qna-triage"
FBS = None
LEVEL = "warning"
APPLIES_TO = ("qna",)
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, object] = {}
DOC = {
    "id": "Formulir Q&A di folder pemilahan admin (qna/_triage/) belum punya bidang: pindahkan ke "
          "qna/<bidang>/<tahun>/ dan isi kolom 'bidang'.",
    "en": "A Q&A form in the admins' triage folder (qna/_triage/) has no division yet: move it to "
          "qna/<bidang>/<year>/ and set 'bidang'.",
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report a form that waits in the triage folder."""
    if item.form.in_triage:
        return [ctx.problem(item, "rules.qna_triage.waiting", loc=("bidang",),
                            divisions=", ".join(ctx.config.division_slugs))]
    return ()
