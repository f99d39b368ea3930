"""FBS 7 (penulisan uang): rupiah amounts written as ``Rp1.500.000`` or ``Rp1.500.000,00``.

Reported: ``Rp.`` with a full stop, ``RP``/``rp``/``IDR``, thousands separated by commas
(``Rp 1,500,000``), long amounts without separators (``Rp1500000``) and wrong grouping.
A space after ``Rp`` is accepted (``Rp 1.500.000``) unless ``space`` is ``never``
(PUEBI writes it without a space); ``juta``/``miliar`` amounts such as ``Rp1,5 juta`` pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.check.textfields import Joined, joined
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "rupiah-format"
FBS = 7
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"space": str}
DEFAULTS = {"space": "allow"}
DOC = {
    "id": "FBS 7 (penulisan uang): tulis jumlah rupiah sebagai Rp1.500.000 atau Rp1.500.000,00 — tanpa titik "
          "sesudah Rp, ribuan dipisah titik, sen dengan koma. 'Rp 1.500.000' (berspasi) diterima kecuali opsi "
          "space: never.",
    "en": "FBS 7 (money format): write rupiah amounts as Rp1.500.000 or Rp1.500.000,00 — no full stop after Rp, "
          "thousands separated by full stops, cents after a comma. 'Rp 1.500.000' (with a space) is accepted "
          "unless the option space is never.",
}

_REST = r"(?P<space>\s*)(?P<num>\d[\d.,]*\d|\d)(?P<unit>\s*(?:juta|miliar|ribu|triliun|jt|M)\b)?"
# One pattern per spelling of the currency, each starting with its literal (a fast scan),
# run only when a substring test finds that literal.
_AMOUNTS = tuple(
    (literal, re.compile(rf"(?P<cur>{re.escape(literal)}\.?){_REST}"))
    for literal in ("Rp", "RP", "rp", "rP", "IDR")
)


def _amounts(text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    if not any(digit in text for digit in "0123456789"):
        return found
    low = text.lower()
    if "rp" not in low and "idr" not in low:
        return found
    for literal, pattern in _AMOUNTS:
        if literal in text:
            for match in pattern.finditer(text):
                start = match.start()
                if start and (text[start - 1].isalnum() or text[start - 1] in "_."):
                    continue
                found.append(match)
    return sorted(found, key=lambda m: m.start())


_GOOD = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d{2}|,-)?|\d{1,4}(?:,\d{2}|,-)?")
_SCALED = re.compile(r"\d{1,3}(?:,\d+)?")


def _fixed(num: str) -> str:
    cents = re.fullmatch(r"(.+[.,].+)[.,](\d{2})", num)
    head, tail = (cents.group(1), "," + cents.group(2)) if cents else (num, "")
    digits = re.sub(r"\D", "", head)
    return f"{int(digits):,}".replace(",", ".") + tail if digits else num


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report each badly written amount (up to 20 per text)."""
    if item.kind == "post" and item.post.status == "retracted":
        return ()
    never_space = ctx.options["space"] == "never"
    texts = joined(item)
    # _amounts' own first tests, on the distinct words (a digit, "rp" or "idr": no whitespace in them).
    low = texts.vocab_lower
    if ("rp" not in low and "idr" not in low) or not any(digit in low for digit in "0123456789"):
        return ()
    return _report(item, ctx, never_space, texts)


def _report(item: Item, ctx: RuleContext, never_space: bool, texts: Joined) -> Iterator[Problem]:
    text = texts.text
    count = 0
    for match in _amounts(text):
        cur, space, num, unit = match.group("cur", "space", "num", "unit")
        trailing = num.rstrip(".,")
        value = match.group().strip()
        if unit:
            ok_number = bool(_SCALED.fullmatch(trailing))
        else:
            # A full stop or comma right after the amount usually ends the sentence.
            ok_number = bool(_GOOD.fullmatch(num) or _GOOD.fullmatch(trailing))
        problems: list[str] = []
        if cur != "Rp":
            problems.append("currency")
        if never_space and space:
            problems.append("space")
        if not ok_number:
            problems.append("number")
        if not problems:
            continue
        count += 1
        if count > 20:
            break
        fixed = f"Rp{' ' if space and not never_space else ''}{trailing if ok_number or unit else _fixed(num)}"
        if unit:
            fixed += unit
        yield ctx.problem(item, f"rules.rupiah_format.{problems[0]}", value=value, fixed=fixed,
                          **texts.where(ctx, match.start()))
