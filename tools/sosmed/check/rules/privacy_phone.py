"""FBS 8 (UU 27/2022): no personal phone numbers in content.

Candidates are confirmed with ``phonenumbers`` (region ID). A mobile number is someone's
personal number: reported at the rule's level. A fixed line is usually an office: reported
as a warning (option ``landline``: ``warning``, ``error`` or ``off``). The agency's own
published numbers are declared once in sosmed.yml (``organisation.public_contacts``: phones,
whatsapp), which the site's masker honours too; the ``allow`` option adds more for the check
only (any writing: ``(0380) 833175``, ``+62 380…``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sosmed.check.personal import numbers_in
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import problem_at, scan
from sosmed.model.item import Item
from sosmed.privacy.numbers import national_phone
from sosmed.problem import Problem

ID = "privacy-phone"
FBS = 8
LEVEL = "error"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"allow": list, "landline": str}
DEFAULTS: dict[str, object] = {"allow": [], "landline": "warning"}
DOC = {
    "id": (
        "Privasi (FBS 8, UU 27/2022): nomor telepon pribadi tidak boleh dimuat. Nomor seluler ditandai sesuai "
        "tingkat aturan, nomor telepon rumah/kantor sebagai peringatan. Nomor resmi kantor dimasukkan ke opsi "
        "'allow'. Pesan menampilkan nomor tersamar."
    ),
    "en": (
        "Privacy (FBS 8, Indonesian Law 27/2022): no personal phone numbers. Mobile numbers are reported at the "
        "rule's level, fixed lines as warnings. Put the office's published numbers in the 'allow' option. "
        "Messages show the number masked."
    ),
}


def _national(value: str) -> str:
    return national_phone(str(value)) or "".join(ch for ch in str(value) if ch.isdigit())


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report every valid Indonesian phone number that is not allowed."""
    numbers = numbers_in(scan(item), ctx)
    return _report(item, ctx, numbers) if numbers else ()


def _report(item: Item, ctx: RuleContext, numbers: list[Any]) -> Iterator[Problem]:
    allowed = ctx.cache.get("allowed")
    if allowed is None:
        allowed = ctx.cache["allowed"] = frozenset(_national(v) for v in ctx.options["allow"])
    landline = ctx.options["landline"]
    for text_field, found in numbers:
        if found.kind != "phone" or found.public or found.value in allowed:
            continue
        hide = text_field.text[found.start:found.end]
        if found.mobile:
            yield problem_at(ctx, item, text_field, found.start, "rules.privacy_phone.mobile", masked=found.masked,
                             hide=hide)
        elif landline in ("warning", "error"):
            level = "warning" if ctx.level == "warning" else landline
            yield problem_at(ctx, item, text_field, found.start, "rules.privacy_phone.landline",
                             level=level, masked=found.masked, hide=hide)  # type: ignore[arg-type]
