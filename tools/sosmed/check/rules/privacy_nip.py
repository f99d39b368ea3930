"""FBS 8 (UU 27/2022): no NIP (18-digit civil-servant number) of an ordinary employee in content.

A NIP carries its holder's birth date and sex. Officials' NIPs are public on purpose (the
Kepala and the division heads sign forms with them): every NIP written in sosmed.yml is
allowed, plus the ``allow`` option. PNS numbers are checked strictly; PPPK numbers, whose
middle digits mean something else, need only a real birth date and a sex digit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sosmed.check.personal import numbers_in
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import problem_at, scan
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "privacy-nip"
FBS = 8
LEVEL = "error"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"allow": list}
DEFAULTS: dict[str, object] = {"allow": []}
DOC = {
    "id": (
        "Privasi (FBS 8, UU 27/2022): NIP pegawai (18 angka: tanggal lahir, TMT, jenis kelamin, nomor urut) "
        "tidak boleh dimuat. NIP pejabat yang tercantum di sosmed.yml (Kepala, pelaksana, kepala bidang) "
        "memang publik dan diizinkan; NIP lain dapat diizinkan lewat opsi 'allow'."
    ),
    "en": (
        "Privacy (FBS 8, Indonesian Law 27/2022): no employee NIP (18 digits: birth date, appointment, sex, serial). "
        "Officials' NIPs listed in sosmed.yml (Kepala, deputies, division heads) are public and allowed; allow "
        "others with the 'allow' option."
    ),
}


def _allowed(ctx: RuleContext) -> frozenset[str]:
    allowed = ctx.cache.get("allowed")
    if allowed is None:
        allowed = ctx.cache["allowed"] = frozenset("".join(ch for ch in str(v) if ch.isdigit())
                                                   for v in ctx.options["allow"])
    return allowed


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report every NIP-shaped number that is not an official's."""
    numbers = numbers_in(scan(item), ctx)
    return _report(item, ctx, numbers) if numbers else ()


def _report(item: Item, ctx: RuleContext, numbers: list[Any]) -> Iterator[Problem]:
    for text_field, found in numbers:
        if found.kind == "nip" and not found.public and found.value not in _allowed(ctx):
            yield problem_at(ctx, item, text_field, found.start, "rules.privacy_nip.message", masked=found.masked,
                             hide=text_field.text[found.start:found.end])
