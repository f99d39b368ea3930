"""FBS 8 (UU 27/2022): no NIK — the 16-digit population number — in content.

A NIK identifies a person and carries their birth date, sex and home district; publishing
it discloses personal data. Only numbers with a plausible structure are reported (see
:mod:`sosmed.privacy.numbers`), and the message shows it masked (``5371********0003``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sosmed.check.personal import numbers_in
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import problem_at, scan
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "privacy-nik"
FBS = 8
LEVEL = "error"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, object] = {}
DOC = {
    "id": (
        "Privasi (FBS 8, UU 27/2022): NIK (16 angka: kode wilayah, tanggal lahir, nomor urut) tidak boleh "
        "dimuat. Hanya NIK yang strukturnya masuk akal yang ditandai; pesan menampilkan NIK tersamar."
    ),
    "en": (
        "Privacy (FBS 8, Indonesian Law 27/2022): no NIK (16-digit population number: region codes, birth date, "
        "serial). Only structurally plausible numbers are reported; the message shows them masked."
    ),
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report every plausible NIK."""
    numbers = numbers_in(scan(item), ctx)
    return _report(item, ctx, numbers) if numbers else ()


def _report(item: Item, ctx: RuleContext, numbers: list[Any]) -> Iterator[Problem]:
    for text_field, found in numbers:
        if found.kind == "nik":
            yield problem_at(ctx, item, text_field, found.start, "rules.privacy_nik.message", masked=found.masked,
                             hide=text_field.text[found.start:found.end])
